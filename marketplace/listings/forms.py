"""Demand and offering forms: every field of the interchange format, nothing more
(owner, organization and verification are never form fields).

WTForms parses what was typed (numbers, dates, choices); the rules of the records
(lengths, codes, tasks that fit the domain) are the listings validators', the
same the API and the import use: `validate()` runs them on the parsed values and
puts each problem beside its field."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from .. import taxonomy
from ..forms import BaseForm, FiniteDecimalField, MultiCheckboxField
from ..validation import Problem
from .validate import DESCRIPTION_MAX, TITLE_MAX, validate_demand, validate_offering

MODES = taxonomy.codes("modes")
_POSITIVE = NumberRange(
    min=Decimal("0.01"), max=Decimal("999999999999"), message=_l("Enter an amount greater than 0.")
)


def _money_field(label):
    return FiniteDecimalField(label, places=2, validators=[Optional(), _POSITIVE])


def _put_problems(form: BaseForm, problems: list[Problem]) -> bool:
    """Put the validator's problems beside their fields (a field WTForms already
    refused keeps its own message). True when none was added."""
    ok = True
    for p in problems:
        name = p.field.replace(".", "_")  # budget.lease -> budget_lease
        if name.startswith("modes["):  # modes[0].price: the prices are the price_* fields
            name = "price_raas"
        field = getattr(form, name, None)
        if field is None or field.errors:
            continue
        field.errors = [*field.errors, p.message()]
        ok = False
    return ok


def _raw(clean: dict) -> dict:
    """Parsed form values in the interchange shape the validators read."""
    raw = dict(clean)
    if raw.get("needed_by") is not None:
        raw["needed_by"] = raw["needed_by"].isoformat()
    if "budget" in raw:
        raw["budget"] = {mode: str(amount) for mode, amount in raw["budget"].items()}
    if "modes" in raw and raw["modes"] and isinstance(raw["modes"][0], dict):
        raw["modes"] = [{"mode": m["mode"], "price": str(m["price"])} for m in raw["modes"]]
    return {k: v for k, v in raw.items() if v is not None}


def _new_submit_key() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class DemandForm(BaseForm):
    # One-time key per rendered "new" form (see Demand.submit_key).
    submit_key = HiddenField(default=_new_submit_key, validators=[Optional(), Length(max=64)])
    title = StringField(_l("Title"), validators=[DataRequired()], render_kw={"maxlength": TITLE_MAX})
    kind = SelectField(_l("Kind of need"), validators=[DataRequired()])
    domain = SelectField(_l("Domain"), validators=[DataRequired()])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired()],
        render_kw={"maxlength": DESCRIPTION_MAX},
        description=_l("The site, the work, shifts, weights, what hurts today."),
    )
    tasks = MultiCheckboxField(_l("Tasks"))
    environments = MultiCheckboxField(_l("Site conditions"))
    payload_kg = FiniteDecimalField(
        _l("Heaviest object (kg)"),
        places=1,
        validators=[
            Optional(),
            NumberRange(min=Decimal("0.1"), message=_l("Enter a weight greater than 0.")),
        ],
    )
    quantity = IntegerField(
        _l("Units wanted"),
        default=1,
        validators=[
            DataRequired(message=_l("Enter a whole number of at least 1.")),
            NumberRange(min=1, max=100000, message=_l("Enter a whole number of at least 1.")),
        ],
    )
    modes = MultiCheckboxField(_l("Acceptable ways to acquire"), description=_l("None ticked means any."))
    budget_purchase = _money_field(_l("Budget: purchase (CNY per unit)"))
    budget_lease = _money_field(_l("Budget: lease (CNY per unit per month)"))
    budget_sharing = _money_field(_l("Budget: shared use (CNY per unit per hour)"))
    budget_raas = _money_field(_l("Budget: RaaS (CNY per unit per month)"))
    city = SelectField(_l("City where the robots will work"), validators=[DataRequired()])
    needed_by = DateField(_l("Needed by"), validators=[Optional()])
    period_months = IntegerField(
        _l("Period of use (months)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=600, message=_l("Enter a whole number of months from 1 to 600.")),
        ],
        description=_l("How long the robots are needed: used to compare buying, leasing and shared use."),
    )
    hours_per_month = FiniteDecimalField(
        _l("Hours of use per unit per month"),
        places=1,
        validators=[
            Optional(),
            NumberRange(min=Decimal("0.1"), max=744, message=_l("Enter hours per month from 0 to 744.")),
        ],
        description=_l("Prices shared use in the comparison."),
    )
    status = SelectField(_l("Status"), validators=[DataRequired()])

    def __init__(self, lang: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = taxonomy.choices("demand_kinds", lang)
        self.domain.choices = taxonomy.choices("domains", lang)
        self.tasks.choices = taxonomy.choices("tasks", lang)
        self.environments.choices = taxonomy.choices("environments", lang)
        self.modes.choices = taxonomy.choices("modes", lang)
        self.city.choices = [c for c in taxonomy.choices("cities", lang)]
        self.status.choices = [
            ("open", _l("Published")),
            ("draft", _l("Draft (only my organization sees it)")),
            ("closed", _l("Closed")),
        ]

    def validate(self, extra_validators=None) -> bool:
        """WTForms' parsing, then the demand rules (`listings.validate`)."""
        ok = super().validate(extra_validators)
        _clean, problems = validate_demand(_raw(self.to_clean()), partial=True)
        return _put_problems(self, problems) and ok

    def to_clean(self) -> dict:
        """The form's values as the clean dict the listing services take."""
        return {
            "kind": self.kind.data,
            "title": (self.title.data or "").strip(),
            "description": (self.description.data or "").strip(),
            "domain": self.domain.data,
            "tasks": self.tasks.data or [],
            "environments": self.environments.data or [],
            "payload_kg": float(self.payload_kg.data) if self.payload_kg.data is not None else None,
            "quantity": self.quantity.data,
            "modes": self.modes.data or [],
            "budget": {
                m: getattr(self, f"budget_{m}").data
                for m in MODES
                if getattr(self, f"budget_{m}").data is not None
            },
            "city": self.city.data,
            "needed_by": self.needed_by.data,
            "period_months": self.period_months.data,
            "hours_per_month": float(self.hours_per_month.data)
            if self.hours_per_month.data is not None
            else None,
            "status": self.status.data,
        }

    def load(self, demand) -> None:
        """Fill the form from an existing demand (the edit page)."""
        for key in (
            "kind",
            "title",
            "description",
            "domain",
            "tasks",
            "environments",
            "quantity",
            "modes",
            "city",
            "needed_by",
            "status",
        ):
            getattr(self, key).data = getattr(demand, key)
        self.payload_kg.data = Decimal(str(demand.payload_kg)) if demand.payload_kg else None
        self.period_months.data = demand.period_months
        self.hours_per_month.data = Decimal(str(demand.hours_per_month)) if demand.hours_per_month else None
        for mode, amount in demand.budget.items():
            getattr(self, f"budget_{mode}").data = amount


class OfferingForm(BaseForm):
    submit_key = HiddenField(default=_new_submit_key, validators=[Optional(), Length(max=64)])
    title = StringField(_l("Title"), validators=[DataRequired()], render_kw={"maxlength": TITLE_MAX})
    category = SelectField(_l("Category"), validators=[DataRequired()])
    description = TextAreaField(
        _l("Description"),
        validators=[DataRequired()],
        render_kw={"maxlength": DESCRIPTION_MAX},
        description=_l("Specifications, deployment time, after-sales service."),
    )
    domains = MultiCheckboxField(_l("Domains served"))
    tasks = MultiCheckboxField(_l("Tasks"))
    environments = MultiCheckboxField(_l("Rated for these conditions"))
    payload_kg = FiniteDecimalField(
        _l("Payload (kg)"),
        places=1,
        validators=[
            Optional(),
            NumberRange(min=Decimal("0.1"), message=_l("Enter a weight greater than 0.")),
        ],
    )
    units_available = IntegerField(
        _l("Units available"),
        default=1,
        validators=[NumberRange(min=0, max=100000, message=_l("Enter a whole number of at least 0."))],
    )
    service_cities = MultiCheckboxField(
        _l("Cities served"), description=_l("None ticked means all of Zhejiang.")
    )
    price_purchase = _money_field(_l("Price: purchase (CNY per unit)"))
    price_lease = _money_field(_l("Price: lease (CNY per unit per month)"))
    price_sharing = _money_field(_l("Price: shared use (CNY per unit per hour)"))
    price_raas = _money_field(_l("Price: RaaS (CNY per unit per month)"))
    certifications = StringField(
        _l("Certifications"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Separated by commas, e.g. CE, CR, GB 3836 防爆"),
    )
    first_of_kind = BooleanField(_l("First-of-a-kind equipment (首台套)"))
    status = SelectField(_l("Status"), validators=[DataRequired()])

    def __init__(self, lang: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = taxonomy.choices("offering_categories", lang)
        self.domains.choices = taxonomy.choices("domains", lang)
        self.tasks.choices = taxonomy.choices("tasks", lang)
        self.environments.choices = taxonomy.choices("environments", lang)
        self.service_cities.choices = taxonomy.choices("cities", lang)
        self.status.choices = [
            ("active", _l("Published")),
            ("draft", _l("Draft (only my organization sees it)")),
            ("withdrawn", _l("Withdrawn")),
        ]

    def validate_domains(self, field):
        """An offering names at least one domain."""
        if not field.data:
            raise ValidationError(_l("Choose at least one domain."))

    def validate(self, extra_validators=None) -> bool:
        """WTForms' parsing, a price in one mode, then the offering rules
        (`listings.validate`)."""
        ok = super().validate(extra_validators)
        # An offering needs a price in at least one mode; the message sits beside
        # the last price field. (A field validator would be skipped by Optional().)
        if not any(getattr(self, f"price_{m}").data is not None for m in MODES):
            self.price_raas.errors = [
                *self.price_raas.errors,
                _l("Enter a price for at least one way to acquire."),
            ]
            ok = False
        _clean, problems = validate_offering(_raw(self.to_clean()), partial=True)
        return _put_problems(self, problems) and ok

    def to_clean(self) -> dict:
        """The form's values as the clean dict the listing services take."""
        certs = [
            c.strip() for c in (self.certifications.data or "").replace("，", ",").split(",") if c.strip()
        ]
        return {
            "category": self.category.data,
            "title": (self.title.data or "").strip(),
            "description": (self.description.data or "").strip(),
            "domains": self.domains.data or [],
            "tasks": self.tasks.data or [],
            "environments": self.environments.data or [],
            "payload_kg": float(self.payload_kg.data) if self.payload_kg.data is not None else None,
            "units_available": self.units_available.data if self.units_available.data is not None else 1,
            "service_cities": self.service_cities.data or [],
            "modes": [
                {"mode": m, "price": getattr(self, f"price_{m}").data}
                for m in MODES
                if getattr(self, f"price_{m}").data is not None
            ],
            "certifications": certs,
            "first_of_kind": bool(self.first_of_kind.data),
            "status": self.status.data,
        }

    def load(self, offering) -> None:
        """Fill the form from an existing offering (the edit page)."""
        for key in (
            "category",
            "title",
            "description",
            "domains",
            "tasks",
            "environments",
            "units_available",
            "service_cities",
            "first_of_kind",
            "status",
        ):
            getattr(self, key).data = getattr(offering, key)
        self.payload_kg.data = Decimal(str(offering.payload_kg)) if offering.payload_kg else None
        for entry in offering.modes:
            getattr(self, f"price_{entry['mode']}").data = entry["price"]
        self.certifications.data = ", ".join(offering.certifications or [])
