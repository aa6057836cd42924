"""Extensions, created unbound and bound in `create_app`."""

from functools import cached_property

import flask_babel
from babel.support import NullTranslations
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect


class RequestCachedDomain(flask_babel.Domain):
    """flask-babel's domain, with the request's Translations kept for the request.

    flask-babel finds the translations again on every `gettext` (its process cache
    is keyed by `str(locale)`, a few microseconds per call and a few hundred calls
    per page). The object found first is kept in flask-babel's own per-request slot
    `babel_translations`, which `force_locale` and `refresh` already reset."""

    def get_translations(self) -> NullTranslations:
        ctx = flask_babel._get_current_context()
        if ctx is None:
            return super().get_translations()
        found = getattr(ctx, "babel_translations", None)
        if found is None:
            found = ctx.babel_translations = super().get_translations()
        return found


class Babel(flask_babel.Babel):
    """flask-babel's Babel with the request-cached default domain."""

    @cached_property
    def domain_instance(self) -> flask_babel.Domain:
        return RequestCachedDomain(domain=self.domain)


babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()
