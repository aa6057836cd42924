"""Serving files, and the upload / remove forms on the detail pages."""

from __future__ import annotations

import io

from flask import Blueprint, Response, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..db import get_session
from ..errors import NotFoundError, ValidationFailed
from ..security import safe_next
from . import services
from .models import Attachment

bp = Blueprint("attachments", __name__)

OWNER_PAGES = {
    "offering": ("listings.offering_detail", "ref"),
    "demand": ("listings.demand_detail", "ref"),
    "pilot": ("pilots.detail", "pilot_id"),
    "organization": ("accounts.org_detail", "ref"),
}


def owner_page(owner_kind: str, owner) -> str:
    endpoint, arg = OWNER_PAGES[owner_kind]
    return url_for(endpoint, **{arg: owner.id if arg == "pilot_id" else owner.ref})


def _read(upload) -> bytes:
    with upload.stream:  # a large upload is spooled to a temporary file: close it
        return upload.read()


def _viewer():
    """The signed-in person, or the account of a bearer token (API clients fetch the
    files whose URLs the API gave them)."""
    if current_user.is_authenticated or "Authorization" not in request.headers:
        return current_user
    from ..api.auth import api_user

    return api_user()


def _serve(att_id: int, thumb: bool) -> Response:
    db = get_session()
    att = db.get(Attachment, att_id)
    owner = services.owner_of(db, att) if att is not None else None
    if att is None or not services.can_see(_viewer(), att, owner):
        raise NotFoundError()
    use_thumb = thumb and att.thumbnail_type is not None
    etag = att.sha256 + ("-t" if use_thumb else "")
    column = Attachment.thumbnail if use_thumb else Attachment.data
    if etag in request.if_none_match:
        data = b""  # send_file answers 304 from the validator alone
    else:
        data = db.scalar(select(column).where(Attachment.id == att.id)) or b""
    response = send_file(
        io.BytesIO(data),
        mimetype=att.thumbnail_type if use_thumb else att.content_type,
        as_attachment=not att.is_image,
        download_name=att.filename,
        etag=etag,
        last_modified=att.created_at,
        max_age=None,
        conditional=True,
    )
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.get("/files/<int:att_id>")
def serve(att_id: int):
    return _serve(att_id, thumb=False)


@bp.get("/files/<int:att_id>/thumb")
def thumb(att_id: int):
    return _serve(att_id, thumb=True)


@bp.post("/files/new/<owner_kind>/<key>")
@login_required
def upload(owner_kind: str, key: str):
    if owner_kind not in services.ALLOWED_KINDS:
        raise NotFoundError()
    db = get_session()
    owner = services.load_owner(db, owner_kind, key)
    services.ensure_can_attach(current_user, owner_kind, owner)
    back = safe_next(request.form.get("next"), owner_page(owner_kind, owner))
    upload = request.files.get("file")
    # The form's one select says both: "photo" or "document:<document type>".
    kind, _sep, document_type = (request.form.get("kind") or services.ALLOWED_KINDS[owner_kind][0]).partition(
        ":"
    )
    try:
        if upload is None or not upload.filename:
            raise services.refusal("empty")
        att = services.add(
            db,
            current_user._get_current_object(),
            owner_kind,
            owner,
            kind,
            _read(upload),
            upload.filename,
            document_type or request.form.get("document_type") or None,
        )
    except ValidationFailed as err:
        db.rollback()
        flash(err.message, "error")
        return redirect(back, 303)
    db.commit()
    flash(_("%(name)s has been uploaded.", name=att.filename), "success")
    return redirect(back, 303)


@bp.post("/files/<int:att_id>/delete")
@login_required
def delete(att_id: int):
    db = get_session()
    att = services.get(db, att_id)
    owner = services.owner_of(db, att)
    owner_kind, name = att.owner_kind, att.filename
    services.remove(db, current_user._get_current_object(), att)
    db.commit()
    flash(_("%(name)s has been removed.", name=name), "info")
    return redirect(safe_next(request.form.get("next"), owner_page(owner_kind, owner)), 303)
