"""Pilot forms: the application (propose and edit), a workflow action, a milestone.

Only what applicants may set is declared: state, organizations, confirmation and
outcome figures are never fields of the application form."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from .. import taxonomy
from ..forms import BaseForm, FiniteDecimalField
from . import workflow

_WHOLE = _l("Enter a whole number.")


class PilotForm(BaseForm):
    title = StringField(_l("Title of the pilot"), validators=[DataRequired(), Length(max=200)])
    site = StringField(
        _l("Site"),
        validators=[Optional(), Length(max=300)],
        description=_l("Where the robots will work: address, building, workshop or ward."),
    )
    plan = TextAreaField(
        _l("Plan of work"),
        validators=[DataRequired(), Length(max=10000)],
        description=_l(
            "What the robots will do, in which shifts, who operates and "
            "supervises them, how safety is ensured."
        ),
    )
    schedule = TextAreaField(
        _l("Schedule"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Phases and milestones: installation, trial run, regular operation, acceptance."),
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    mode = SelectField(_l("Way to acquire"), validators=[DataRequired()])
    price = FiniteDecimalField(
        _l("Price (in the way's price unit)"),
        places=2,
        validators=[
            Optional(),
            NumberRange(
                min=Decimal("0"), max=Decimal("999999999999"), message=_l("Enter an amount of at least 0.")
            ),
        ],
    )
    quantity = IntegerField(
        _l("Units"),
        default=1,
        validators=[
            DataRequired(message=_l("Enter a whole number of at least 1.")),
            NumberRange(min=1, max=100000, message=_l("Enter a whole number of at least 1.")),
        ],
    )
    expected_outcomes = TextAreaField(
        _l("Expected outcomes"),
        validators=[Optional(), Length(max=5000)],
        description=_l("What the pilot should show, in words."),
    )
    expected_hours = IntegerField(
        _l("Expected hours of operation"),
        validators=[Optional(), NumberRange(min=0, max=10_000_000, message=_WHOLE)],
    )
    expected_manual_share = IntegerField(
        _l("Expected share of manual work replaced (%)"),
        validators=[Optional(), NumberRange(min=0, max=100, message=_l("Enter a percentage from 0 to 100."))],
    )
    expected_incidents_avoided = IntegerField(
        _l("Expected incidents avoided"),
        validators=[Optional(), NumberRange(min=0, max=1_000_000, message=_WHOLE)],
    )

    def __init__(self, lang: str, modes: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = [(m, taxonomy.label("modes", m, lang)) for m in modes]

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date must not be before the start date."))

    def to_values(self) -> dict:
        return {
            "title": self.title.data,
            "site": self.site.data or "",
            "plan": self.plan.data,
            "schedule": self.schedule.data or "",
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "mode": self.mode.data,
            "price": self.price.data,
            "quantity": self.quantity.data,
            "expected_outcomes": self.expected_outcomes.data or "",
            "expected_hours": self.expected_hours.data,
            "expected_manual_share": self.expected_manual_share.data,
            "expected_incidents_avoided": self.expected_incidents_avoided.data,
        }

    def load(self, pilot) -> None:
        for key in (
            "title",
            "site",
            "plan",
            "schedule",
            "start_date",
            "end_date",
            "mode",
            "price",
            "quantity",
            "expected_outcomes",
            "expected_hours",
            "expected_manual_share",
            "expected_incidents_avoided",
        ):
            getattr(self, key).data = getattr(pilot, key)


class ActionForm(BaseForm):
    """One workflow action. The action comes from the button pressed."""

    action = StringField(validators=[DataRequired(), AnyOf(workflow.ACTIONS)])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)])
    # With a request for changes: a document the applicants should attach.
    document = SelectField(_l("Ask for a document"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document.choices = [
            ("", _l("No document")),
            ("safety_assessment", _l("Safety assessment")),
            ("test_report", _l("Test report")),
            ("certificate", _l("Certificate")),
            ("spec_sheet", _l("Spec sheet")),
            ("acceptance_report", _l("Acceptance report")),
            ("other", _l("Document")),
        ]


class CompleteForm(BaseForm):
    """Acceptance (验收): the opinion and the outcome figures."""

    action = StringField(validators=[DataRequired(), AnyOf(["complete"])])
    comment = TextAreaField(_l("Acceptance opinion"), validators=[DataRequired(), Length(max=5000)])
    outcome_hours = IntegerField(
        _l("Hours of operation"),
        validators=[
            InputRequired(message=_l("Enter the hours of operation.")),
            NumberRange(min=0, max=10_000_000, message=_WHOLE),
        ],
    )
    outcome_manual_share = IntegerField(
        _l("Share of manual work replaced (%)"),
        validators=[Optional(), NumberRange(min=0, max=100, message=_l("Enter a percentage from 0 to 100."))],
    )
    outcome_incidents_avoided = IntegerField(
        _l("Incidents avoided"), validators=[Optional(), NumberRange(min=0, max=1_000_000, message=_WHOLE)]
    )

    def outcome(self) -> dict:
        return {
            "outcome_hours": self.outcome_hours.data,
            "outcome_manual_share": self.outcome_manual_share.data,
            "outcome_incidents_avoided": self.outcome_incidents_avoided.data,
        }


class MilestoneForm(BaseForm):
    title = StringField(_l("Milestone"), validators=[DataRequired(), Length(max=200)])
    reached_on = DateField(_l("Reached on"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])
