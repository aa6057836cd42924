"""Account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from .. import taxonomy
from ..forms import BaseForm
from . import credit_code
from .services import PASSWORD_MESSAGES, password_problem

__all__ = ["PASSWORD_MESSAGES"]  # kept importable from here


def _strong_password(form, field):
    problem = password_problem(field.data or "", getattr(form, "email", None) and form.email.data or "")
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
    credit_code = StringField(
        _l("Unified social credit code (optional)"), validators=[Optional(), _credit_code]
    )
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
