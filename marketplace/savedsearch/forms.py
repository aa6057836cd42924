"""The "save this search" form shown on the lists and the search page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import Length, Optional

from ..forms import BaseForm
from .models import ALERTS, LISTS
from .services import ALERT_LABELS, LIST_LABELS


class SaveSearchForm(BaseForm):
    """Name and alert; the list, query and filters ride along as hidden fields (the
    filters are read from the posted form and cleaned by `services.clean_filters`)."""

    name = StringField(_l("Name of this search"), validators=[Optional(), Length(max=100)])
    alert = SelectField(_l("Tell me about new records"), default="immediately")
    list = SelectField(_l("List"))
    q = HiddenField(validators=[Optional(), Length(max=200)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are set here: WTForms 3.3 deprecates tuples given to the field itself.
        self.alert.choices = [(a, ALERT_LABELS[a]) for a in ALERTS]
        self.list.choices = [(name, LIST_LABELS[name]) for name in LISTS]


class AlertForm(BaseForm):
    alert = SelectField(_l("Alerts"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.alert.choices = [(a, ALERT_LABELS[a]) for a in ALERTS]
