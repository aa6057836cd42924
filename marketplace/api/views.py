"""Core endpoints of /api/v1: the demand and supply lists, one record, and
create / change / withdraw of one's own records (spec/interchange.md).

Each handler runs load, check access, act, commit, respond. Records go in and out
in the interchange shape and are validated by `interchange.validate`, the same
code the import uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, jsonify, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload, selectinload

from .. import taxonomy
from ..accounts.access import ensure_owner, ensure_visible
from ..accounts.models import Organization, User, new_ref
from ..db import get_session
from ..errors import Conflict, NotAllowed, NotFoundError, ValidationFailed
from ..interchange.exporter import demand_dict, offering_dict
from ..interchange.validate import Problem, field_messages, validate_demand, validate_offering
from ..listings import services
from ..listings.models import Demand, Offering
from ..pagination import paginate
from ..publish import commit_and_publish
from . import bp, idempotency, openapi
from .auth import api_user, json_body, require_user, token_required

PER_PAGE_MAX = 100
PAGE_MAX = 100_000
Q_MAX = 200


@dataclass(frozen=True)
class Kind:
    """What differs between the two lists."""

    name: str
    model: type[Demand] | type[Offering]
    prefix: str  # of generated refs
    side: str  # Organization property that allows posting
    withdrawn: str  # status set by DELETE
    filters: tuple[tuple[str, str], ...]  # (query parameter, vocabulary)
    query: Callable
    by_ref: Callable
    to_dict: Callable
    validate: Callable
    create: Callable
    update: Callable
    withdraw: Callable


_COMMON_FILTERS = (("domain", "domains"), ("task", "tasks"), ("city", "cities"), ("mode", "modes"))

DEMANDS = Kind(
    name="demands", model=Demand, prefix="dem", side="posts_demands", withdrawn="closed",
    filters=(*_COMMON_FILTERS, ("kind", "demand_kinds")), query=services.demand_query,
    by_ref=services.demand_by_ref, to_dict=demand_dict, validate=validate_demand,
    create=services.create_demand, update=services.update_demand, withdraw=services.close_demand,
)  # fmt: skip
OFFERINGS = Kind(
    name="offerings", model=Offering, prefix="off", side="posts_offerings", withdrawn="withdrawn",
    filters=(*_COMMON_FILTERS, ("category", "offering_categories")), query=services.offering_query,
    by_ref=services.offering_by_ref, to_dict=offering_dict, validate=validate_offering,
    create=services.create_offering, update=services.update_offering,
    withdraw=services.withdraw_offering,
)  # fmt: skip


# ---------------------------------------------------------------- request parsing


def _int_arg(name: str, default: int, maximum: int, fields: dict[str, str]) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    # Length first: int() refuses strings of more than 4,300 digits with an error.
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or not 1 <= int(raw) <= maximum:
        fields[name] = _("must be a whole number from 1 to %(max)s", max=maximum)
        return default
    return int(raw)


def _list_args(kind: Kind) -> tuple[services.ListFilters, int, int]:
    """Filters and paging from the query string; 400 naming every bad parameter."""
    args, fields = request.args, {}
    f = services.ListFilters()
    for param, vocabulary in kind.filters:
        value = args.get(param)
        if value is None or value == "":
            continue
        if taxonomy.is_code(vocabulary, value):
            setattr(f, param, value)
        else:
            fields[param] = Problem(param, "unknown_code", value).message()
    verified = args.get("verified", "")
    if verified not in ("", "0", "1", "true", "false"):
        fields["verified"] = _("must be 1 or 0")
    f.verified = verified in ("1", "true")
    q = (args.get("q") or "").strip()
    if len(q) > Q_MAX:
        fields["q"] = _("is too long (at most %(max)s characters)", max=Q_MAX)
    f.q = q or None
    sorts = set(services.SORTS[kind.name]) | ({"price_asc", "price_desc"} if kind is OFFERINGS else set())
    sort = args.get("sort") or "newest"
    if sort not in sorts:
        fields["sort"] = _("must be one of: %(choices)s", choices=", ".join(sorted(sorts)))
    f.sort = sort
    page = _int_arg("page", 1, PAGE_MAX, fields)
    per_page = _int_arg("per_page", min(current_app.config["PAGE_SIZE"], PER_PAGE_MAX), PER_PAGE_MAX, fields)
    if fields:
        raise ValidationFailed(_("Some query parameters are not valid."), fields)
    return f, page, per_page


def _check_ref(value: object, fields: dict[str, str]) -> None:
    """Refs end up in URLs (/api/v1/demands/<ref>): no slashes, spaces or controls,
    and not "." or ".." (clients and proxies resolve those as path segments)."""
    if not isinstance(value, str):
        return
    if any(c == "/" or c == "\\" or c.isspace() or ord(c) < 32 for c in value.strip()):
        fields["ref"] = _("must not contain slashes, spaces or control characters")
    elif value.strip() in (".", ".."):
        fields["ref"] = _('cannot be "." or ".."')


def _poster_org(user: User, kind: Kind) -> Organization:
    """The caller's organization, if it may post on this side of the market; else 403."""
    org = user.organization
    if user.role != "member" or org is None:
        raise NotAllowed(_("Only members of an organization can post demands or offerings."))
    if not getattr(org, kind.side):
        raise NotAllowed(_("Your organization is not registered for this side of the market."))
    return org


def _same_org(data: dict, org: Organization) -> None:
    if "org" in data and data["org"] is not None and data["org"] != org.ref:
        raise NotAllowed(_("Records can only be posted for your own organization."))


def _validate(kind: Kind, raw: dict, fields: dict[str, str]) -> dict:
    clean, problems = kind.validate(raw)
    fields.update({k: v for k, v in field_messages(problems).items() if k not in fields})
    if fields:
        raise ValidationFailed(_("Some fields are not valid."), fields)
    return clean


def _ref_taken(session: Session, kind: Kind, ref: str) -> bool:
    return session.scalar(select(kind.model.id).where(kind.model.ref == ref)) is not None


def _conflict_ref(ref: str) -> Conflict:
    return Conflict(
        _("A record with this ref already exists."), {"ref": _("already taken: %(ref)s", ref=ref)}
    )


# ---------------------------------------------------------------- handlers


def _list(kind: Kind):
    api_user()  # a bad token is refused even here
    f, page_no, per_page = _list_args(kind)
    session = get_session()
    # The interchange format has no attachments: leave them (loaded with every
    # listing by default) unloaded.
    stmt = kind.query(f).options(selectinload(kind.model.organization), lazyload(kind.model.attachments))
    page = paginate(session, stmt, page_no, per_page)
    return jsonify(
        {
            "items": [kind.to_dict(r) for r in page.items],
            "page": page.page,
            "per_page": page.per_page,
            "total": page.total,
            "pages": page.pages,
        }
    )


def _detail(kind: Kind, ref: str):
    user = api_user()
    record = kind.by_ref(get_session(), ref)
    ensure_visible(user, record)
    return jsonify(kind.to_dict(record))


def _create(kind: Kind):
    user = require_user()
    session = get_session()
    org = _poster_org(user, kind)
    data = json_body()
    _same_org(data, org)
    fields: dict[str, str] = {}
    ref = data.get("ref")
    if ref is None:
        ref = new_ref(kind.prefix)
    _check_ref(ref, fields)
    clean = _validate(kind, {**data, "ref": ref, "org": org.ref}, fields)
    ref = clean["ref"]
    if _ref_taken(session, kind, ref):
        raise _conflict_ref(ref)
    try:
        record = kind.create(session, org, clean, ref=ref)
        commit_and_publish(session)
    except IntegrityError:
        # Another request took the ref between the check and the insert.
        session.rollback()
        if _ref_taken(session, kind, ref):
            raise _conflict_ref(ref) from None
        raise
    location = url_for(f"api.{kind.name[:-1]}_detail", ref=record.ref)
    return jsonify(kind.to_dict(record)), 201, {"Location": location}


def _update(kind: Kind, ref: str):
    user = require_user()
    session = get_session()
    record = kind.by_ref(session, ref)
    ensure_owner(user, record)
    data = json_body()
    current = kind.to_dict(record)
    _same_org(data, record.organization)
    fields: dict[str, str] = {}
    if "ref" in data and data["ref"] != record.ref:
        fields["ref"] = _("cannot be changed")
    merged = {**current, **data, "ref": record.ref, "org": current["org"]}
    clean = _validate(kind, merged, fields)
    kind.update(session, record, clean)
    commit_and_publish(session)
    return jsonify(kind.to_dict(record))


def _withdraw(kind: Kind, ref: str):
    user = require_user()
    session = get_session()
    record = kind.by_ref(session, ref)
    ensure_owner(user, record)
    if record.status != kind.withdrawn:
        kind.withdraw(session, record)
        commit_and_publish(session)
    return jsonify(kind.to_dict(record))


# ---------------------------------------------------------------- routes


@bp.get("/demands")
def demands():
    return _list(DEMANDS)


@bp.post("/demands")
@token_required
def create_demand():
    return _create(DEMANDS)


@bp.get("/demands/<ref>")
def demand_detail(ref: str):
    return _detail(DEMANDS, ref)


@bp.patch("/demands/<ref>")
@token_required
def update_demand(ref: str):
    return _update(DEMANDS, ref)


@bp.delete("/demands/<ref>")
@token_required
def withdraw_demand(ref: str):
    return _withdraw(DEMANDS, ref)


@bp.get("/offerings")
def offerings():
    return _list(OFFERINGS)


@bp.post("/offerings")
@token_required
def create_offering():
    return _create(OFFERINGS)


@bp.get("/offerings/<ref>")
def offering_detail(ref: str):
    return _detail(OFFERINGS, ref)


@bp.patch("/offerings/<ref>")
@token_required
def update_offering(ref: str):
    return _update(OFFERINGS, ref)


@bp.delete("/offerings/<ref>")
@token_required
def withdraw_offering(ref: str):
    return _withdraw(OFFERINGS, ref)


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


@bp.before_request
def _no_nul_characters():
    """A NUL in the path or the query string cannot match anything stored and
    PostgreSQL refuses it in a query: answer 404 / 400 instead of failing. Covers
    every endpoint on the blueprint, the features' included."""
    if any("\x00" in str(value) for value in (request.view_args or {}).values()):
        raise NotFoundError()
    bad = {
        key.replace("\x00", "") or "?": _("must not contain NUL characters")
        for key, value in request.args.items(multi=True)
        if "\x00" in key or "\x00" in value
    }
    if bad:
        raise ValidationFailed(_("Some query parameters are not valid."), bad)


# Idempotency-Key on every POST (after the NUL check above; see idempotency.py).
bp.before_request(idempotency.before_post)
bp.after_request(idempotency.after_post)


@bp.after_request
def _api_headers(response):
    """Bearer challenge on 401 (RFC 6750); responses vary by token and language."""
    if response.status_code == 401:
        challenge = 'Bearer realm="api"'
        if request.headers.get("Authorization") is not None:
            challenge += ', error="invalid_token"'
        response.headers["WWW-Authenticate"] = challenge
    response.vary.update(("Authorization", "Accept-Language"))
    if request.headers.get("Authorization") is not None:
        response.headers["Cache-Control"] = "no-store"
    return response
