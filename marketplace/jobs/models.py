"""One row per periodic job and period: the claim that makes a job run once per
period however many hosts' schedulers enqueue it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, utcnow

RUNNING, DONE = "running", "done"


class JobRun(Base):
    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "period", name="uq_job_runs_job_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(80))
    period: Mapped[str] = mapped_column(String(40))  # e.g. "2026-12-02T05:17" for a job run each minute
    host: Mapped[str] = mapped_column(String(120), default="")  # host:pid that ran it
    status: Mapped[str] = mapped_column(String(10), default=RUNNING)
    skipped: Mapped[int] = mapped_column(Integer, default=0)  # other schedulers that found it claimed
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
