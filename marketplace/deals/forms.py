"""Forms of the deal pages: respond with a quote, revise it, decide, write, invite,
and an organization's contact details."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from .. import taxonomy
from ..forms import BaseForm, MultiCheckboxField
from . import services, workflow

_PRICE = NumberRange(
    min=Decimal("0.01"), max=Decimal("999999999999"), message=_l("Enter a price greater than 0.")
)
_UNITS = NumberRange(min=1, max=100000, message=_l("Enter a whole number of at least 1."))


class QuoteForm(BaseForm):
    """A quote: the new response's form (with offering and mode) and the revision's."""

    offering = SelectField(_l("Offering"))
    mode = SelectField(_l("Way to acquire"))
    price = DecimalField(
        _l("Unit price (CNY, in the unit of the way to acquire)"),
        places=2,
        validators=[DataRequired(message=_l("Enter a price greater than 0.")), _PRICE],
        description=_l(
            "Purchase: per unit. Lease and RaaS: per unit per month. Shared use: per unit per hour."
        ),
    )
    units = IntegerField(
        _l("Units"), validators=[DataRequired(message=_l("Enter a whole number of at least 1.")), _UNITS]
    )
    start = DateField(_l("Earliest start"), validators=[Optional()])
    valid_until = DateField(
        _l("Quote valid until"), validators=[DataRequired(message=_l("Say until when the quote holds."))]
    )
    includes = MultiCheckboxField(_l("Included"))
    message = TextAreaField(_l("Message"), validators=[Optional(), Length(max=services.MESSAGE_MAX)])

    def __init__(
        self, lang: str, offerings: list | None = None, modes: list[str] | None = None, *args, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if offerings is None:  # a revision: offering and mode stay
            del self.offering
            del self.mode
        else:
            self.offering.choices = [(o.ref, o.title) for o in offerings]
            self.mode.choices = [
                (m, taxonomy.label("modes", m, lang)) for m in (modes or taxonomy.codes("modes"))
            ]
        self.includes.choices = [(code, str(label)) for code, label in services.INCLUDE_LABELS.items()]

    def to_values(self) -> dict:
        return {
            "price": self.price.data,
            "units": self.units.data,
            "start": self.start.data,
            "valid_until": self.valid_until.data,
            "includes": list(self.includes.data or []),
            "message": self.message.data or "",
        }


class ActionForm(BaseForm):
    """One workflow action; the action comes from the button pressed."""

    action = StringField(validators=[DataRequired(), AnyOf(workflow.USER_ACTIONS)])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=services.MESSAGE_MAX)])


class MessageForm(BaseForm):
    body = TextAreaField(
        _l("Message"),
        validators=[
            DataRequired(message=_l("Write a message.")),
            Length(max=services.MESSAGE_MAX, message=_l("At most 5,000 characters.")),
        ],
    )


class InviteForm(BaseForm):
    offerings = MultiCheckboxField(_l("Offerings to invite"))


class PeriodForm(BaseForm):
    """The comparison's period and hours of use (a GET form: nothing is saved)."""

    class Meta:
        csrf = False

    months = IntegerField(_l("Months of use"), validators=[Optional(), NumberRange(min=1, max=600)])
    hours_per_month = DecimalField(
        _l("Hours of use per unit per month"),
        validators=[Optional(), NumberRange(min=Decimal("0.1"), max=744)],
    )
