"""What the matcher stores: each open demand's best proposed offering and its
score, so that pages listing many demands (the dashboard, the gap report) read
one row per demand instead of running the matcher per demand.

The rows are derived data owned by the matching feature (`best.refresh` writes
them, nothing else does); a demand without a row has not been computed yet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, utcnow


class DemandBestScore(Base):
    """One open demand's best proposed offering (the first of `matches_for_demand`):
    `score` and `offering_id` are None when nothing was proposed."""

    __tablename__ = "demand_best_scores"

    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), primary_key=True)
    offering_id: Mapped[int | None] = mapped_column(
        ForeignKey("offerings.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[int | None] = mapped_column(Integer)
    # The best breaks no hard condition (else it is the closest, shown because nothing fits).
    fits: Mapped[bool] = mapped_column(Boolean, default=False)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
