"""The notification settings form: one choice per kind, and the mail language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from ..forms import BaseForm
from .services import FREQUENCIES, FREQUENCY_LABELS, KINDS, OWN_FREQUENCY_KINDS


def kinds_for(user) -> list[str]:
    """The kinds a person can receive (reviews are for officials)."""
    return [k for k in KINDS if (k != "pilot_review" or user.is_official) and k not in OWN_FREQUENCY_KINDS]


def settings_form(user, current: dict[str, str], submitted: bool) -> BaseForm:
    """A form with a radio group per notice kind the person can receive."""

    class SettingsForm(BaseForm):
        mail_language = RadioField(_l("Language of my e-mails"))

    kinds = kinds_for(user)
    for kind in kinds:
        setattr(SettingsForm, f"kind_{kind}", RadioField(KINDS[kind][0]))
    form = SettingsForm() if submitted else SettingsForm(formdata=None)
    form.mail_language.choices = [("zh", "中文"), ("en", "English")]
    for kind in kinds:
        getattr(form, f"kind_{kind}").choices = [(f, FREQUENCY_LABELS[f]) for f in FREQUENCIES]
    if not submitted:
        form.mail_language.data = user.locale if user.locale in ("zh", "en") else "zh"
        for kind in kinds:
            getattr(form, f"kind_{kind}").data = current.get(kind, KINDS[kind][1])
    form.kinds = kinds
    return form
