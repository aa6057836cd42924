"""Account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from .. import taxonomy
from ..forms import BaseForm
from . import credit_code
from .services import PASSWORD_MESSAGES, password_problem

__all__ = ["PASSWORD_MESSAGES"]  # kept importable from here


def _strong_password(form, field):
    email = getattr(form, "email", None) and form.email.data or ""
    org_name = getattr(form, "org_name", None) and form.org_name.data or ""
    if not email and current_user.is_authenticated:  # changing one's own password
        email = current_user.email
        org_name = current_user.organization.name if current_user.organization else ""
    problem = password_problem(field.data or "", email, org_name)
    if problem:
        raise ValidationError(PASSWORD_MESSAGES[problem])


def _credit_code(form, field):
    if not field.data:
        return
    problem = credit_code.problem(field.data)
    if problem == "length":
        raise ValidationError(_l("A unified social credit code has 18 characters."))
    if problem == "charset":
        raise ValidationError(_l("Only digits and capital letters other than I, O, Z, S, V."))
    if problem == "check":
        raise ValidationError(_l("The check character (the 18th) does not match: please check the code."))


class LoginForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])


class RegisterForm(BaseForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), _strong_password])
    confirm = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    org_name = StringField(_l("Organization name"), validators=[DataRequired(), Length(max=200)])
    side = SelectField(_l("Your organization"), validators=[DataRequired()])
    city = SelectField(_l("City"), validators=[DataRequired()])
    credit_code = StringField(_l("Unified social credit code"), validators=[Optional(), _credit_code])
    description = TextAreaField(_l("About the organization"), validators=[Optional(), Length(max=2000)])

    def __init__(self, lang: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.side.choices = [
            ("demand", _l("posts needs (factory, hospital, care home…)")),
            ("supply", _l("offers robots, components or services")),
            ("both", _l("both")),
        ]
        self.city.choices = taxonomy.choices("cities", lang)


class PasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), _strong_password])
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", _l("The passwords differ."))],
    )


class TokenForm(BaseForm):
    label = StringField(_l("What the token is for"), validators=[Optional(), Length(max=100)])


class EmptyForm(BaseForm):
    """A button that posts: CSRF only."""


def _phone(form, field):
    import re

    if field.data and not re.fullmatch(r"[0-9+()\- ]{5,40}", field.data.strip()):
        raise ValidationError(_l("Digits, spaces, +, - and brackets only, for instance 0571-8888 6666."))


def _website(form, field):
    from urllib.parse import urlsplit

    value = (field.data or "").strip()
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValidationError(_l("Give a full address starting with https:// or http://."))


class ProfileForm(BaseForm):
    description = TextAreaField(_l("About the organization"), validators=[Optional(), Length(max=2000)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300), _website])
    contact_name = StringField(_l("Contact person"), validators=[Optional(), Length(max=100)])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=40), _phone])
    contact_email = EmailField(
        _l("Contact email"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )

    def values(self) -> dict:
        """The profile fields as a dict for `orgs.update_profile`."""
        return {
            name: getattr(self, name).data
            for name in ("description", "website", "contact_name", "contact_phone", "contact_email")
        }


class InviteForm(BaseForm):
    email = EmailField(
        _l("Colleague's email"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )


class AcceptInvitationForm(BaseForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), _strong_password])
    confirm = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))]
    )


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])
