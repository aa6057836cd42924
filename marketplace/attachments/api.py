"""/api/v1 attachments: list a record's photos and documents, upload one, remove
one (spec/interchange.md). The same services as the pages."""

from __future__ import annotations

from flask import jsonify, request, url_for

from ..api import bp, openapi
from ..api.auth import api_user, require_user, token_required
from ..db import get_session
from . import services
from .models import DOCUMENT_TYPES, Attachment


def attachment_dict(att: Attachment) -> dict:
    return {
        "id": att.id,
        "url": url_for("attachments.serve", att_id=att.id, _external=True),
        "thumbnail_url": url_for("attachments.thumb", att_id=att.id, _external=True)
        if att.thumbnail_type
        else None,
        "kind": att.kind,
        "document_type": att.document_type,
        "filename": att.filename,
        "content_type": att.content_type,
        "size": att.size,
        "sha256": att.sha256,
        "created_at": att.created_at.isoformat() + "Z",
    }


def _upload(owner_kind: str, key):
    db = get_session()
    user = require_user()
    owner = services.load_owner(db, owner_kind, key)
    services.ensure_can_attach(user, owner_kind, owner)
    upload = request.files.get("file")
    if upload is None or not upload.filename and not upload.content_length:
        raise services.refusal("empty")
    kind = (request.form.get("kind") or "").strip()
    if not kind:
        kind = "document" if owner_kind == "pilot" else "photo"
    with upload.stream:  # a large upload is spooled to a temporary file: close it
        data = upload.read()
    att = services.add(
        db, user, owner_kind, owner, kind, data, upload.filename, request.form.get("document_type") or None
    )
    db.commit()
    return jsonify(attachment_dict(att)), 201


def _list(owner_kind: str, key):
    """The files of a record that this caller may open (404 when it may not see
    the record itself), in the order the pages show them."""
    db = get_session()
    user = api_user()
    owner = services.load_owner(db, owner_kind, key)
    if not services.can_see_owner(user, owner_kind, owner):
        raise services.NotFoundError()
    items = [
        attachment_dict(att)
        for att in services.attachments_of(db, owner_kind, owner.id)
        if services.can_see(user, att, owner)
    ]
    return jsonify({"items": items, "total": len(items)})


@bp.get("/offerings/<ref>/attachments")
def list_offering_attachments(ref: str):
    return _list("offering", ref)


@bp.get("/demands/<ref>/attachments")
def list_demand_attachments(ref: str):
    return _list("demand", ref)


@bp.get("/pilots/<int:pilot_id>/attachments")
def list_pilot_attachments(pilot_id: int):
    return _list("pilot", pilot_id)


@bp.post("/offerings/<ref>/attachments")
@token_required
def upload_offering_attachment(ref: str):
    return _upload("offering", ref)


@bp.post("/demands/<ref>/attachments")
@token_required
def upload_demand_attachment(ref: str):
    return _upload("demand", ref)


@bp.post("/pilots/<int:pilot_id>/attachments")
@token_required
def upload_pilot_attachment(pilot_id: int):
    return _upload("pilot", pilot_id)


@bp.delete("/attachments/<int:att_id>")
@token_required
def delete_attachment(att_id: int):
    db = get_session()
    services.remove(db, require_user(), services.get(db, att_id))
    db.commit()
    return "", 204


_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "JPEG, PNG, WebP or PDF, at most 10 MB",
                    },
                    "kind": {"type": "string", "enum": ["photo", "document"]},
                    "document_type": {"type": "string", "enum": list(DOCUMENT_TYPES)},
                },
            }
        }
    },
}


def _record_ops(what: str, param: tuple[str, str]) -> dict:
    return {
        "get": {
            "tags": ["attachments"],
            "summary": f"The photos and documents of {what}",
            "description": "Those the caller may open: a record's photos with the record; a pilot's documents "
            "only for its two organizations and officials. 404 when the caller may not see the record.",
            "security": [{}, {"bearerAuth": []}],  # public; a token shows its own drafts
            "parameters": [openapi.path_param(*param)],
            "responses": {
                "200": openapi.json_response(
                    "The files",
                    {
                        "type": "object",
                        "required": ["items", "total"],
                        "properties": {
                            "items": {"type": "array", "items": openapi.ref("Attachment")},
                            "total": {"type": "integer"},
                        },
                    },
                ),
                **openapi.errors(401, 404),
            },
        },
        "post": {
            "tags": ["attachments"],
            "summary": f"Attach a photo or document to {what}",
            "description": "Members of the owning organization (of either organization for a pilot). Files are "
            "recognised by their content: JPEG, PNG and WebP photos (re-encoded, metadata removed) and PDF "
            "documents, at most 10 MB a file and 20 a record.",
            "security": [{"bearerAuth": []}],
            "parameters": [openapi.path_param(*param)],
            "requestBody": _UPLOAD_BODY,
            "responses": {
                "201": openapi.json_response("The stored file", openapi.ref("Attachment")),
                **openapi.errors(400, 401, 403, 404),
                "413": {"description": "The request body is larger than the server accepts."},
            },
        },
    }


def describe(doc: openapi.Builder) -> None:
    """This feature's endpoints in the OpenAPI document (built on request)."""
    doc.add_paths(
        {
            "/offerings/{ref}/attachments": _record_ops("an offering", ("ref", "string")),
            "/demands/{ref}/attachments": _record_ops("a demand", ("ref", "string")),
            "/pilots/{pilot_id}/attachments": _record_ops("a pilot", ("pilot_id", "integer")),
            "/attachments/{att_id}": {
                "delete": {
                    "tags": ["attachments"],
                    "summary": "Remove a photo or document",
                    "security": [{"bearerAuth": []}],
                    "parameters": [openapi.path_param("att_id", "integer")],
                    "responses": {"204": {"description": "Removed"}, **openapi.errors(401, 403, 404)},
                }
            },
        },
        schemas={
            "Attachment": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "url": {"type": "string"},
                    "thumbnail_url": {"type": "string", "nullable": True},
                    "kind": {"type": "string"},
                    "document_type": {"type": "string", "nullable": True},
                    "filename": {"type": "string"},
                    "content_type": {"type": "string"},
                    "size": {"type": "integer"},
                    "sha256": {"type": "string"},
                    "created_at": {"type": "string", "format": "date-time"},
                },
            }
        },
    )
