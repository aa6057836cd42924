"""/api/v1: the JSON API (spec/interchange.md).

Routes attach to `bp` at import time. Core endpoints live in `views`; each feature
keeps its endpoints in `marketplace/<feature>/api.py`, imported below, and adds
its OpenAPI paths with `openapi.add_paths(...)`."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from ..bookings import api as _bookings_api  # noqa: E402,F401
from ..dashboard import api as _dashboard_api  # noqa: E402,F401
from ..matching import api as _matching_api  # noqa: E402,F401

# Feature endpoints (one import line per feature):
from ..pilots import api as _pilots_api  # noqa: E402,F401
from ..savedsearch import api as _savedsearch_api  # noqa: E402,F401
from . import views  # noqa: E402,F401
