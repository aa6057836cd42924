"""Booking forms: book (with a confirmation step showing the price), answer a
booking, cancel, and the vendor's settings."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .. import taxonomy
from ..forms import BaseForm
from . import periods

LENGTH_UNITS = {"sharing": ("hours",), "lease": ("days", "months"), "raas": ("months",)}
UNIT_LABELS = {"hours": _l("hours"), "days": _l("days"), "months": _l("months")}


class BookingForm(BaseForm):
    mode = SelectField(_l("Way to use"), validators=[DataRequired()])
    start_date = DateField(_l("Start date"), validators=[InputRequired(message=_l("Choose the start date."))])
    start_hour = SelectField(
        _l("Start time"),
        coerce=int,
        default=9,
        description=_l("Beijing time. Shared use only; leases and subscriptions start at 00:00."),
    )
    length = IntegerField(
        _l("Length"),
        default=2,
        validators=[
            InputRequired(message=_l("Enter a whole number of at least 1.")),
            NumberRange(min=1, max=10000, message=_l("Enter a whole number of at least 1.")),
        ],
    )
    length_unit = SelectField(_l("Unit of length"), default="hours")
    units = IntegerField(
        _l("Units"),
        default=1,
        validators=[
            InputRequired(message=_l("Enter a whole number of at least 1.")),
            NumberRange(min=1, max=100000, message=_l("Enter a whole number of at least 1.")),
        ],
    )
    note = TextAreaField(
        _l("Note to the vendor"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Where and how the robots will be used, contact on site."),
    )
    confirm = HiddenField()
    submit_key = HiddenField(validators=[Optional(), Length(max=64)])

    def __init__(self, modes: list[str], lang: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are set here: WTForms 3.3 deprecates tuples given to the field itself.
        self.mode.choices = [(m, taxonomy.label("modes", m, lang)) for m in modes]
        self.start_hour.choices = [(h, f"{h:02d}:00") for h in range(24)]
        self.length_unit.choices = list(UNIT_LABELS.items())
        if modes and not self.mode.data:
            self.mode.data = modes[0]

    def validate_start_date(self, field):
        if field.data is not None and not periods.in_range(field.data):
            from wtforms.validators import ValidationError

            raise ValidationError(
                _l(
                    "Choose a date between %(first)d and %(last)d.",
                    first=periods.FIRST_YEAR,
                    last=periods.LAST_YEAR,
                )
            )

    def validate_length_unit(self, field):
        allowed = LENGTH_UNITS.get(self.mode.data, ())
        if field.data not in allowed:
            from wtforms.validators import ValidationError

            if self.mode.data == "sharing":
                raise ValidationError(_l("Shared use is booked by the hour."))
            if self.mode.data == "lease":
                raise ValidationError(_l("A lease is booked by the day or by the month."))
            raise ValidationError(_l("A subscription is booked by the month."))

    def period(self) -> tuple[datetime, datetime]:
        """The period asked for, as aware datetimes in the site's zone."""
        day = self.start_date.data
        if self.length_unit.data == "hours":
            start = periods.local_at(day, self.start_hour.data or 0)
            return start, start + timedelta(hours=self.length.data)
        start = periods.local_midnight(day)
        if self.length_unit.data == "days":
            return start, periods.local_midnight(day + timedelta(days=self.length.data))
        return start, periods.local_midnight(periods.add_months(day, self.length.data))


class CommentForm(BaseForm):
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class CancelAllForm(BaseForm):
    comment = TextAreaField(
        _l("Reason, sent to each customer"),
        validators=[DataRequired(message=_l("Tell the customers why.")), Length(max=2000)],
    )


class SettingsForm(BaseForm):
    auto_confirm = BooleanField(
        _l("Confirm bookings at once"),
        description=_l("Otherwise each booking waits for your acceptance; its units are held meanwhile."),
    )
    min_lead_hours = IntegerField(
        _l("Minimum lead time (hours)"),
        validators=[InputRequired(), NumberRange(min=0, max=2160)],
        description=_l("How long before its start a booking must be made."),
    )
    max_sharing_hours = IntegerField(
        _l("Longest shared-use booking (hours)"), validators=[InputRequired(), NumberRange(min=1, max=8784)]
    )
    max_lease_days = IntegerField(
        _l("Longest lease (days)"), validators=[InputRequired(), NumberRange(min=1, max=3660)]
    )
    max_subscription_months = IntegerField(
        _l("Longest subscription (months)"), validators=[InputRequired(), NumberRange(min=1, max=120)]
    )
    cancel_notice_hours = IntegerField(
        _l("Free cancellation until (hours before the start)"),
        validators=[InputRequired(), NumberRange(min=0, max=2160)],
        description=_l("Later, only you can cancel a confirmed booking."),
    )
    service_start_hour = SelectField(
        _l("Shared use from"),
        coerce=int,
        default=0,
        description=_l("Beijing time. The hourly calendar offers only your service hours."),
    )
    service_end_hour = SelectField(_l("Shared use until"), coerce=int, default=24)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_start_hour.choices = [(h, f"{h:02d}:00") for h in range(24)]
        self.service_end_hour.choices = [(h, f"{h:02d}:00") for h in range(1, 25)]

    def validate_service_end_hour(self, field):
        if self.service_start_hour.data is not None and field.data <= self.service_start_hour.data:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("The end of the service hours must come after their start."))

    FIELDS = (
        "auto_confirm",
        "min_lead_hours",
        "max_sharing_hours",
        "max_lease_days",
        "max_subscription_months",
        "cancel_notice_hours",
        "service_start_hour",
        "service_end_hour",
    )

    def load(self, settings) -> None:
        for name in self.FIELDS:
            getattr(self, name).data = getattr(settings, name)

    def to_clean(self) -> dict:
        return {
            name: (bool(getattr(self, name).data) if name == "auto_confirm" else getattr(self, name).data)
            for name in self.FIELDS
        }
