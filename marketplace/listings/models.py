"""Demands (scenario needs) and offerings (products and services with prices).

Multi-valued codes (tasks, environments, modes, domains, cities) live in small tag
tables so that the lists can be filtered with plain SQL on SQLite and PostgreSQL;
`position` keeps the order the poster gave."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, utcnow

if TYPE_CHECKING:
    from ..accounts.models import Organization

PRICE = Numeric(14, 2)


class DemandTag(Base):
    __tablename__ = "demand_tags"

    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)  # task, environment, mode
    code: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class DemandBudget(Base):
    __tablename__ = "demand_budgets"

    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(12), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(PRICE)


class OfferingTag(Base):
    __tablename__ = "offering_tags"

    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)  # domain, task, environment, city
    code: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class OfferingMode(Base):
    __tablename__ = "offering_modes"
    __table_args__ = (CheckConstraint("price > 0", name="price_positive"),)

    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(12), primary_key=True, index=True)
    price: Mapped[Decimal] = mapped_column(PRICE)
    position: Mapped[int] = mapped_column(Integer, default=0)


class _Tagged:
    """List-valued properties over a tag relationship, keeping order and rows."""

    _tag_cls: type
    _fk: str
    if TYPE_CHECKING:  # the subclass's tag relationship
        tags: list[Any]

    def _codes(self, kind: str) -> list[str]:
        rows = [t for t in self.tags if t.kind == kind]
        return [t.code for t in sorted(rows, key=lambda t: t.position)]

    def _set_codes(self, kind: str, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(codes))
        keep = {t.code: t for t in self.tags if t.kind == kind}
        self.tags = [t for t in self.tags if t.kind != kind or t.code in wanted]
        for pos, code in enumerate(wanted):
            if code in keep:
                keep[code].position = pos
            else:
                self.tags.append(self._tag_cls(kind=kind, code=code, position=pos))


class Demand(_Tagged, Base):
    __tablename__ = "demands"
    __table_args__ = (CheckConstraint("quantity >= 1", name="quantity_positive"),)
    _tag_cls = DemandTag

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="scenario")
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    domain: Mapped[str] = mapped_column(String(30), index=True)
    payload_kg: Mapped[float | None] = mapped_column(Float)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    city: Mapped[str] = mapped_column(String(30), index=True)
    needed_by: Mapped[date | None] = mapped_column(Date)
    # For comparing ways to acquire: how long the robots are needed, and hours of
    # use per unit per month (prices shared use).
    period_months: Mapped[int | None] = mapped_column(Integer)
    hours_per_month: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    # The form's one-time key: the same form sent twice (double click, two tabs,
    # a retry) makes one record; the unique constraint settles a race.
    submit_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What the text says (tasks, parts, ratings, payload, ways, budgets), read when the
    # listing is written and used while current: `search.readings`.
    reading: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship("Organization", lazy="selectin")  # every card shows it
    tags: Mapped[list[DemandTag]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    # Photos and documents (marketplace/attachments), without their bytes; the first photo is the cover.
    attachments = relationship(
        "Attachment",
        primaryjoin="and_(foreign(Attachment.owner_id) == Demand.id, Attachment.owner_kind == 'demand')",
        order_by="(Attachment.position, Attachment.id)",
        viewonly=True,
        lazy="selectin",
    )
    budgets: Mapped[list[DemandBudget]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def tasks(self) -> list[str]:
        """Task codes, in the poster's order."""
        return self._codes("task")

    @tasks.setter
    def tasks(self, codes: list[str]) -> None:
        self._set_codes("task", codes)

    @property
    def environments(self) -> list[str]:
        """Environment codes, in the poster's order."""
        return self._codes("environment")

    @environments.setter
    def environments(self, codes: list[str]) -> None:
        self._set_codes("environment", codes)

    @property
    def modes(self) -> list[str]:
        """Acceptable ways to acquire (mode codes); none means any."""
        return self._codes("mode")

    @modes.setter
    def modes(self, codes: list[str]) -> None:
        self._set_codes("mode", codes)

    @property
    def budget(self) -> dict[str, Decimal]:
        """Budget per mode, by mode code."""
        return {b.mode: b.amount for b in sorted(self.budgets, key=lambda b: b.mode)}

    @budget.setter
    def budget(self, values: dict[str, Decimal]) -> None:
        current = {b.mode: b for b in self.budgets}
        self.budgets = [b for b in self.budgets if b.mode in values]
        for mode, amount in values.items():
            if mode in current:
                current[mode].amount = Decimal(str(amount))
            else:
                self.budgets.append(DemandBudget(mode=mode, amount=Decimal(str(amount))))

    @property
    def modes_read(self) -> list[str]:
        """The ways to acquire its description asks for (按月租用, 先租后买), when the
        field names none: what the matcher weighs, shown as read, not as given."""
        return [] if self.modes or not self.reading else list(self.reading.get("modes", ()))

    @property
    def budget_read(self) -> list[tuple[str, float, bool]]:
        """The budgets its description states (月租预算3500元), when the field gives
        none, for the ways it accepts: (way, amount, a total for all the units
        wanted). What the matcher holds prices against, shown as read."""
        if self.budgets or not self.reading:
            return []
        totals = set(self.reading.get("budget_totals", ()))
        accepted = self.modes or self.reading.get("modes") or ()
        return [
            (mode, float(amount), mode in totals)
            for mode, amount in self.reading.get("budgets", {}).items()
            if not accepted or mode in accepted
        ]

    @property
    def tasks_read(self) -> list[str]:
        """The tasks its description asks for (想放几台导购机器人), when the field ticks
        none: what the matcher weighs, shown as read, not as given. A component need's
        text names its robot's work, not a task asked of a supplier: none."""
        if self.tasks or not self.reading or self.kind == "component":
            return []
        return list(self.reading.get("tasks", ()))

    @property
    def conditions_read(self) -> tuple[list[str], list[str]]:
        """The site conditions its description states (要求整机防爆) that the field does
        not tick, and those it only names (户外, 雨天), to be confirmed: what the matcher
        holds offerings to and what it asks them to confirm, shown as read. A part's
        open air is its robot's: to be confirmed, not required."""
        if not self.reading:
            return [], []
        ticked = set(self.environments)
        required = [e for e in self.reading.get("required", ()) if e not in ticked]
        aside = ["outdoor"] if self.kind == "component" and "outdoor" in required else []
        required = [e for e in required if e not in aside]
        named = [*self.reading.get("mentioned", ()), *aside]
        return required, [e for e in dict.fromkeys(named) if e not in ticked and e not in required]

    @property
    def protection_read(self) -> str | None:
        """The protection code its description asks for (要求IP67; 设备必须防溅水: IPX4),
        which the matcher holds offerings' codes to; None at a drill or a show."""
        return (self.reading or {}).get("ip")

    @property
    def units_read(self) -> int | None:
        """The units its description says it wants (想买3台, 5家店各1台), when the field
        is left at one: what the matcher weighs, shown as read, not as given."""
        units = int(self.reading.get("units") or 0) if self.reading and self.quantity <= 1 else 0
        return units if units > 1 else None

    @property
    def is_public(self) -> bool:
        """Open demands are shown to everyone; drafts and closed ones to their organization."""
        return self.status == "open"


class Offering(_Tagged, Base):
    __tablename__ = "offerings"
    __table_args__ = (CheckConstraint("units_available >= 0", name="units_nonnegative"),)
    _tag_cls = OfferingTag

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    category: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    payload_kg: Mapped[float | None] = mapped_column(Float)
    units_available: Mapped[int] = mapped_column(Integer, default=1)
    certifications: Mapped[list] = mapped_column(JSON, default=list)
    first_of_kind: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)
    submit_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What the text says (tasks, parts, ratings, payload, ways, budgets), read when the
    # listing is written and used while current: `search.readings`.
    reading: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship("Organization", lazy="selectin")  # every card shows it
    tags: Mapped[list[OfferingTag]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    # Photos and documents (marketplace/attachments), without their bytes; the first photo is the cover.
    attachments = relationship(
        "Attachment",
        primaryjoin="and_(foreign(Attachment.owner_id) == Offering.id, Attachment.owner_kind == 'offering')",
        order_by="(Attachment.position, Attachment.id)",
        viewonly=True,
        lazy="selectin",
    )
    mode_prices: Mapped[list[OfferingMode]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=OfferingMode.position
    )

    @property
    def domains(self) -> list[str]:
        """Domain codes, in the poster's order."""
        return self._codes("domain")

    @domains.setter
    def domains(self, codes: list[str]) -> None:
        self._set_codes("domain", codes)

    @property
    def tasks(self) -> list[str]:
        """Task codes, in the poster's order."""
        return self._codes("task")

    @tasks.setter
    def tasks(self, codes: list[str]) -> None:
        self._set_codes("task", codes)

    @property
    def environments(self) -> list[str]:
        """Environment codes, in the poster's order."""
        return self._codes("environment")

    @environments.setter
    def environments(self, codes: list[str]) -> None:
        self._set_codes("environment", codes)

    @property
    def service_cities(self) -> list[str]:
        """City codes the vendor serves, in the poster's order."""
        return self._codes("city")

    @service_cities.setter
    def service_cities(self, codes: list[str]) -> None:
        self._set_codes("city", codes)

    @property
    def modes(self) -> list[dict]:
        """`[{"mode": code, "price": Decimal}]` in the vendor's order."""
        return [{"mode": m.mode, "price": m.price} for m in self.mode_prices]

    @modes.setter
    def modes(self, values: list[dict]) -> None:
        wanted = {v["mode"]: (i, Decimal(str(v["price"]))) for i, v in enumerate(values)}
        current = {m.mode: m for m in self.mode_prices}
        self.mode_prices = [m for m in self.mode_prices if m.mode in wanted]
        for mode, (pos, price) in wanted.items():
            if mode in current:
                current[mode].price, current[mode].position = price, pos
            else:
                self.mode_prices.append(OfferingMode(mode=mode, price=price, position=pos))
        self.mode_prices.sort(key=lambda m: m.position)

    @property
    def tasks_read(self) -> list[str]:
        """The tasks its description says it does that its field does not tick
        (可承担巡检、搬运): what the matcher weighs beside the ticked ones, shown as
        read, not as given. Software's text names what it watches for, not work it
        does: where its field ticks any, none."""
        if not self.reading or (self.category == "software" and self.tasks):
            return []
        ticked = set(self.tasks)
        return [t for t in self.reading.get("tasks", ()) if t not in ticked]

    def price_for(self, mode: str) -> Decimal | None:
        """The price in `mode`, or None when the offering is not offered that way."""
        return next((m.price for m in self.mode_prices if m.mode == mode), None)

    @property
    def is_public(self) -> bool:
        """Active offerings are shown to everyone; drafts and withdrawn ones to their organization."""
        return self.status == "active"
