"""One page of a query's results, with the metadata the templates and the API show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(session: Session, stmt: Select, page: int, per_page: int) -> Page:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    page = max(1, page)
    items = session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(items), total or 0, page, per_page)
