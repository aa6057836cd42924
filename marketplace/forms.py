"""Form base and shared field helpers."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, SelectMultipleField, widgets


class BaseForm(FlaskForm):
    """All site forms: CSRF on (Flask-WTF), declared fields only are written."""


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        # Report unknown codes with a clear message rather than WTForms' generic one.
        values = dict(self.choices or [])
        bad = [v for v in (self.data or []) if v not in values]
        if bad:
            raise ValueError(_l("Unknown choice: %(codes)s", codes=", ".join(bad)))


class FiniteDecimalField(DecimalField):
    """A DecimalField that refuses NaN, sNaN and infinities as "not a number"
    (a signalling NaN would otherwise raise when a validator compares it)."""

    data: Decimal | None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, Decimal) and not self.data.is_finite():
            self.data = None
            raise ValueError(_l("Enter a number."))
