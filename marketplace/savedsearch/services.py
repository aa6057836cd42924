"""Saved searches: save, list, delete, unsubscribe, and announce new matching records.

Matching reuses the lists' own filtering (`listings.services.list_filters` and the
list queries, which use the search index for `q`): a saved search is exactly the
list page it was saved from. Services flush; callers commit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import taxonomy
from ..accounts.models import User
from ..errors import NotFoundError, ValidationFailed
from ..listings import services as listings
from ..listings.models import Demand, Offering
from .models import ALERTS, LISTS, SavedSearch

ALERT_LABELS = {
    "immediately": _l("Immediately"),
    "daily": _l("Daily digest"),
    "off": _l("Off"),
}
LIST_LABELS = {"demands": _l("Demand list"), "offerings": _l("Supply list")}
KIND = "saved_search"  # the notification kind
MAX_PER_USER = 50
# filter key -> vocabulary, per list (the lists' filter keys, except q and sort)
FILTER_VOCABULARIES: dict[str, dict[str, str]] = {
    "demands": {
        "domain": "domains",
        "task": "tasks",
        "city": "cities",
        "mode": "modes",
        "kind": "demand_kinds",
    },
    "offerings": {
        "domain": "domains",
        "task": "tasks",
        "city": "cities",
        "mode": "modes",
        "category": "offering_categories",
    },
}


def clean_filters(list_name: str, raw: Mapping[str, Any] | None, *, strict: bool) -> dict[str, str]:
    """The known filters of `list_name` with valid codes (`verified` as "1").

    strict (the API): an unknown key or code raises ValidationFailed naming it;
    otherwise (a page's query string) they are dropped, as the lists do."""
    vocabularies = FILTER_VOCABULARIES[list_name]
    clean: dict[str, str] = {}
    bad: dict[str, str] = {}
    for key, value in (raw or {}).items():
        if value in (None, "", False):
            continue
        if key == "verified":
            if value in (True, "1", 1, "true"):
                clean["verified"] = "1"
            else:
                bad[key] = "invalid"
        elif key in vocabularies and isinstance(value, str) and taxonomy.is_code(vocabularies[key], value):
            clean[key] = value
        else:
            bad[key] = "invalid"
    if "task" in clean and clean["task"] not in taxonomy.tasks_for_domain(clean.get("domain")):
        bad["task"] = "invalid"
        del clean["task"]
    if strict and bad:
        raise ValidationFailed(
            str(_l("Unknown filter or code.")), {f"filters.{k}": v for k, v in bad.items()}
        )
    return dict(sorted(clean.items()))


def default_name(list_name: str, q: str, filters: Mapping[str, str]) -> str:
    """A readable name from the query and filters, e.g. "巡检 · 宁波市"."""
    parts = [q] if q else []
    vocabularies = FILTER_VOCABULARIES[list_name]
    for key, code in filters.items():
        if key in vocabularies:
            parts.append(taxonomy.label(vocabularies[key], code))
    return (" · ".join(parts) or str(LIST_LABELS[list_name]))[:100]


def create(
    session: Session,
    user: User,
    list_name: str,
    q: str = "",
    filters: Mapping[str, Any] | None = None,
    alert: str = "immediately",
    name: str = "",
    *,
    strict: bool = True,
) -> SavedSearch:
    """Save a search for `user`. Raises ValidationFailed with the fields at fault."""
    fields: dict[str, str] = {}
    if list_name not in LISTS:
        fields["list"] = str(_l("Choose the demand list or the supply list."))
    if alert not in ALERTS:
        fields["alert"] = str(_l("Choose immediately, daily digest or off."))
    if not isinstance(q, str) or len(q) > 200:
        fields["q"] = str(_l("At most 200 characters."))
    if not isinstance(name, str) or len(name) > 100:
        fields["name"] = str(_l("At most 100 characters."))
    if fields:
        raise ValidationFailed(str(_l("Please correct the marked fields.")), fields)
    clean = clean_filters(list_name, filters, strict=strict)
    count = len(session.scalars(select(SavedSearch.id).where(SavedSearch.user_id == user.id)).all())
    if count >= MAX_PER_USER:
        raise ValidationFailed(
            str(_l("You have %(count)s saved searches; delete one first.", count=count)), {"list": "too_many"}
        )
    q = q.strip()
    search = SavedSearch(
        user_id=user.id,
        name=name.strip() or default_name(list_name, q, clean),
        list=list_name,
        q=q,
        filters=clean,
        alert=alert,
    )
    session.add(search)
    session.flush()
    return search


def of_user(session: Session, user: User) -> list[SavedSearch]:
    return list(
        session.scalars(
            select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id.desc())
        )
    )


def owned(session: Session, user: User, search_id: int) -> SavedSearch:
    """The saved search if it is the user's; NotFoundError otherwise (others never learn it exists)."""
    search = session.get(SavedSearch, search_id)
    if search is None or search.user_id != user.id:
        raise NotFoundError()
    return search


def delete(session: Session, user: User, search_id: int) -> None:
    session.delete(owned(session, user, search_id))
    session.flush()


def set_alert(session: Session, user: User, search_id: int, alert: str) -> SavedSearch:
    search = owned(session, user, search_id)
    if alert not in ALERTS:
        raise ValidationFailed(str(_l("Choose immediately, daily digest or off.")), {"alert": "invalid"})
    search.alert = alert
    session.flush()
    return search


def list_args(search: SavedSearch) -> dict[str, str]:
    """The list page's query arguments for this search."""
    return {**({"q": search.q} if search.q else {}), **search.filters}


def to_dict(search: SavedSearch) -> dict[str, Any]:
    return {
        "id": search.id,
        "name": search.name,
        "list": search.list,
        "q": search.q,
        "filters": dict(search.filters or {}),
        "alert": search.alert,
        "created_at": search.created_at.isoformat() + "Z",
    }


# ---------------------------------------------------------------- unsubscribe tokens


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="saved-search-unsubscribe")


def unsubscribe_token(search: SavedSearch) -> str:
    """A signed token naming this one search and its owner (no expiry: mail is read late)."""
    return str(_serializer().dumps({"s": search.id, "u": search.user_id}))


def unsubscribe(session: Session, token: str) -> SavedSearch:
    """Turn alerts off for the search the token names. NotFoundError for a bad token."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        raise NotFoundError() from None
    if not isinstance(data, dict):
        raise NotFoundError()
    search = session.get(SavedSearch, data.get("s"))
    if search is None or search.user_id != data.get("u"):
        raise NotFoundError()
    search.alert = "off"
    session.flush()
    return search


# ---------------------------------------------------------------- alerts

_MODELS: dict[str, Any] = {"demands": Demand, "offerings": Offering}


def matching(session: Session, search: SavedSearch, record_ids: Iterable[int]) -> list:
    """Which of these records the search's list page would show, newer than the search
    and not of the searcher's own organization."""
    ids = sorted(set(record_ids))
    if not ids:
        return []
    model = _MODELS[search.list]
    f = listings.list_filters(search.list, list_args(search))
    query = listings.demand_query(f) if search.list == "demands" else listings.offering_query(f)
    query = query.where(model.id.in_(ids), model.created_at >= search.created_at)
    if search.user.org_id is not None:
        query = query.where(model.org_id != search.user.org_id)
    return list(session.scalars(query))


def notify_saved_searches(
    session: Session, demand_ids: Iterable[int] = (), offering_ids: Iterable[int] = ()
) -> int:
    """Tell the owners of saved searches about these (new or changed) records that
    match. Each record is announced once per saved search (the notice key); searches
    set to "off" and inactive accounts are skipped. Flushes; the caller commits.
    Returns the number of notices made. Safe to call again for the same records."""
    from ..notifications.services import internal_path, notify

    made = 0
    for list_name, ids in (("demands", list(demand_ids)), ("offerings", list(offering_ids))):
        if not ids:
            continue
        searches = session.scalars(
            select(SavedSearch)
            .join(User, User.id == SavedSearch.user_id)
            .where(SavedSearch.list == list_name, SavedSearch.alert != "off", User.active.is_(True))
            .order_by(SavedSearch.id)
        ).all()
        for search in searches:
            for record in matching(session, search, ids):
                endpoint = "listings.demand_detail" if list_name == "demands" else "listings.offering_detail"
                made += len(
                    notify(
                        session,
                        [search.user],
                        KIND,
                        _l(
                            "New for your saved search “%(name)s”: %(title)s",
                            name=search.name,
                            title=record.title,
                        ),
                        _alert_body(search, record),
                        internal_path(endpoint, ref=record.ref),
                        key=f"saved:{search.id}:{list_name}:{record.id}",
                        about=(record,),
                        frequency=search.alert,
                    )
                )
    return made


def unsubscribe_url(search: SavedSearch) -> str:
    from ..notifications.services import internal_path, site_url

    return site_url() + internal_path("savedsearch.unsubscribe", token=unsubscribe_token(search))


def _alert_body(search: SavedSearch, record) -> Any:
    return _l(
        "%(org)s posted “%(title)s”, which matches your saved search “%(name)s”.\n\n"
        "Stop alerts for this search (no sign-in needed): %(url)s",
        org=record.organization.name,
        title=record.title,
        name=search.name,
        url=unsubscribe_url(search),
    )


def digest_line(session: Session, notice, lang: str) -> str:
    """The unsubscribe line under a saved-search notice in a daily digest."""
    parts = notice.key.split(":")
    if len(parts) < 2 or not parts[1].isdigit():
        return ""
    search = session.get(SavedSearch, int(parts[1]))
    if search is None:
        return ""
    with force_locale(lang):
        return str(_l("Stop alerts for this search: %(url)s", url=unsubscribe_url(search)))
