"""Photos and documents: recognised by content, cleaned, counted, served with their
real type to exactly those who may see the record."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.support.auth import Api


def image_bytes(fmt: str, size=(40, 30), exif: bool = False) -> bytes:
    img = Image.new("RGB", size, (10, 150, 90))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "TestCam"  # Make
        data[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}  # GPS
        kwargs["exif"] = data.tobytes()
    img.save(out, fmt, **kwargs)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from seeds.pictures import minimal_pdf

    return minimal_pdf("Spec sheet", ["Payload 20 kg"])


HTML = b"<!doctype html><html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def api(app, db):
    return Api(app, db)


@pytest.fixture
def vendor(make):
    org = make.org(side="supply", ref="org-att-vendor")
    return make.member(org), make.offering(org, ref="off-att")


def upload(client, path, data, name, kind="photo", headers=None, **extra):
    """A multipart upload, encoded here: werkzeug's test builder leaves a large body's
    temporary file open."""
    boundary = "richa-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in {"kind": kind, **extra}.items()
    ]
    body = (
        "".join(parts).encode()
        + f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        path, data=body, content_type=f"multipart/form-data; boundary={boundary}", headers=headers or {}
    )


@pytest.mark.parametrize(
    ("fmt", "name", "kind", "served"),
    [
        ("JPEG", "a.jpg", "photo", "image/jpeg"),
        ("PNG", "a.png", "photo", "image/png"),
        ("WEBP", "a.webp", "photo", "image/webp"),
        ("PDF", "spec.pdf", "document", "application/pdf"),
    ],
)
def test_each_accepted_type_is_stored_and_served_with_its_type(api, vendor, fmt, name, kind, served):
    user, offering = vendor
    data = pdf_bytes() if fmt == "PDF" else image_bytes(fmt)
    r = upload(api.as_(user), "/api/v1/offerings/off-att/attachments", data, name, kind)
    assert r.status_code == 201, r.json
    body = r.json
    assert body["content_type"] == served and body["kind"] == kind
    got = api.get(body["url"].replace("http://localhost", ""))
    assert got.status_code == 200
    assert got.headers["Content-Type"].startswith(served)
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["ETag"] and got.headers["Last-Modified"]
    if kind == "document":
        assert got.headers["Content-Disposition"].startswith("attachment")
        assert got.data == data  # a PDF is kept as sent
    again = api.get(
        body["url"].replace("http://localhost", ""), headers={"If-None-Match": got.headers["ETag"]}
    )
    assert again.status_code == 304


def test_content_decides_not_the_name(api, vendor):
    user, _ = vendor
    client = api.as_(user)
    # A real PNG named .pdf is stored as what it is.
    r = upload(client, "/api/v1/offerings/off-att/attachments", image_bytes("PNG"), "report.pdf", "photo")
    assert (
        r.status_code == 201 and r.json["content_type"] == "image/png" and r.json["filename"] == "report.png"
    )
    # Text named .pdf is refused.
    r = upload(client, "/api/v1/offerings/off-att/attachments", b"just some text", "report.pdf", "document")
    assert r.status_code == 400 and "file" in r.json["fields"]
    # A PDF sent as a photo is refused: photos are images.
    r = upload(client, "/api/v1/offerings/off-att/attachments", pdf_bytes(), "a.pdf", "photo")
    assert r.status_code == 400


@pytest.mark.parametrize("content", [HTML, SVG], ids=["html", "svg"])
def test_html_and_svg_named_png_are_refused_in_the_users_language(api, vendor, content):
    user, _ = vendor
    client = api.as_(user)
    r = upload(
        client,
        "/api/v1/offerings/off-att/attachments",
        content,
        "icon.png",
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == 400
    assert r.json["error"] == "invalid" and r.json["fields"]["file"].startswith("A photo must be")
    r = upload(
        client,
        "/api/v1/offerings/off-att/attachments",
        content,
        "icon.png",
        headers={"Accept-Language": "zh-CN"},
    )
    assert "照片" in r.json["fields"]["file"]


def test_eleven_megabytes_is_refused_and_a_huge_body_gets_413(api, vendor, app):
    user, _ = vendor
    client = api.as_(user)
    big = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF\n"
    r = upload(client, "/api/v1/offerings/off-att/attachments", big, "big.pdf", "document")
    assert r.status_code == 400 and "10 MB" in r.json["fields"]["file"]
    huge = b"0" * (app.config["MAX_CONTENT_LENGTH"] + 1024)
    r = upload(client, "/api/v1/offerings/off-att/attachments", huge, "huge.pdf", "document")
    assert r.status_code == 413 and r.json["error"] == "too_large"


def test_413_on_the_site_is_a_page(client, auth, vendor, app):
    user, _ = vendor
    auth.login(user)
    huge = b"0" * (app.config["MAX_CONTENT_LENGTH"] + 1024)
    r = upload(client, "/files/new/offering/off-att", huge, "huge.pdf", "document")
    assert r.status_code == 413 and b"<html" in r.data


def test_the_21st_file_is_refused(api, vendor, make):
    user, offering = vendor
    for _ in range(20):
        make.attachment("offering", offering, user=user)
    r = upload(api.as_(user), "/api/v1/offerings/off-att/attachments", image_bytes("PNG"), "x.png")
    assert r.status_code == 400 and "20" in r.json["fields"]["file"]


def test_another_organizations_record_and_a_private_one(api, vendor, make):
    user, offering = vendor
    stranger = make.member(make.org(side="supply"))
    r = upload(api.as_(stranger), "/api/v1/offerings/off-att/attachments", image_bytes("PNG"), "x.png")
    assert r.status_code == 403
    draft = make.offering(user.organization, ref="off-att-draft", status="draft")
    r = upload(api.as_(stranger), "/api/v1/offerings/off-att-draft/attachments", image_bytes("PNG"), "x.png")
    assert r.status_code == 404
    att = make.attachment("offering", draft, user=user)
    assert api.as_(stranger).get(f"/files/{att.id}").status_code == 404
    assert api.get(f"/files/{att.id}/thumb").status_code == 404
    # Their delete is refused too.
    public = make.attachment("offering", offering, user=user)
    assert api.as_(stranger).delete(f"/api/v1/attachments/{public.id}").status_code == 403
    assert api.as_(stranger).delete(f"/api/v1/attachments/{att.id}").status_code == 404
    assert api.as_(user).delete(f"/api/v1/attachments/{public.id}").status_code == 204
    assert api.get(f"/files/{public.id}").status_code == 404


def test_exif_and_gps_are_gone_after_upload(api, vendor):
    user, _ = vendor
    data = image_bytes("JPEG", size=(64, 48), exif=True)
    assert Image.open(io.BytesIO(data)).getexif()  # the test image does carry EXIF
    r = upload(api.as_(user), "/api/v1/offerings/off-att/attachments", data, "site.jpg")
    assert r.status_code == 201
    served = api.get(r.json["url"].replace("http://localhost", "")).data
    img = Image.open(io.BytesIO(served))
    assert not img.getexif() and b"Exif" not in served and b"TestCam" not in served
    thumb = api.get(r.json["thumbnail_url"].replace("http://localhost", ""))
    assert thumb.status_code == 200 and thumb.headers["Content-Type"] == "image/jpeg"


def test_pilot_documents_from_either_organization(api, make):
    from tests.pilots_support import pair_world

    w = pair_world(make)
    pilot = w.pilot("submitted")
    for member in (w.demand_member, w.offering_member):
        r = upload(api.as_(member), f"/api/v1/pilots/{pilot.id}/attachments", pdf_bytes(), "safety.pdf", "document",
                   document_type="safety_assessment")  # fmt: skip
        assert r.status_code == 201 and r.json["document_type"] == "safety_assessment"
    assert (
        upload(
            api.as_(w.outsider), f"/api/v1/pilots/{pilot.id}/attachments", pdf_bytes(), "x.pdf", "document"
        ).status_code
        == 404
    )
    url = r.json["url"].replace("http://localhost", "")
    assert api.as_(w.official).get(url).status_code == 200
    assert api.as_(w.outsider).get(url).status_code == 404
    assert api.get(url).status_code == 404


def test_web_upload_shows_cover_on_cards_and_gallery_on_detail(client, auth, vendor):
    user, offering = vendor
    auth.login(user)
    r = upload(client, "/files/new/offering/off-att", image_bytes("PNG"), "front.png")
    assert r.status_code == 303
    r = upload(client, "/files/new/offering/off-att", image_bytes("JPEG"), "side.jpg")
    detail = client.get("/offerings/off-att").get_data(as_text=True)
    assert detail.count('class="gallery-item') == 2
    listing = client.get("/offerings").get_data(as_text=True)
    assert 'class="card-cover"' in listing
    # A refused file comes back as a message, not an error page.
    r = upload(client, "/files/new/offering/off-att", HTML, "page.png")
    assert r.status_code == 303
    assert "JPEG" in client.get("/offerings/off-att").get_data(as_text=True)


def test_a_request_for_changes_can_ask_for_a_document(api, make, client, auth):
    from tests.pilots_support import pair_world

    w = pair_world(make)
    pilot = w.pilot("submitted")
    path = f"/api/v1/pilots/{pilot.id}/transitions"
    body = {"action": "request_changes", "comment": "请补充安全评估报告", "document": "nonsense"}
    assert api.as_(w.official).post(path, json=body).status_code == 400
    r = api.as_(w.official).post(path, json={**body, "document": "safety_assessment"})
    assert r.status_code == 200 and r.json["requested_document"] == "safety_assessment"
    auth.login(w.demand_member)
    page = client.get(f"/pilots/{pilot.id}").get_data(as_text=True)
    assert "要求补充的文件" in page and "安全评估报告" in page and "请在“照片与文档”中上传" in page
    r = upload(api.as_(w.demand_member), f"/api/v1/pilots/{pilot.id}/attachments", pdf_bytes(), "safety.pdf",
               "document", document_type="safety_assessment")  # fmt: skip
    assert r.status_code == 201
    page = client.get(f"/pilots/{pilot.id}").get_data(as_text=True)
    assert "已上传" in page


def test_the_api_lists_a_records_files_to_those_who_may_open_them(api, vendor, make):
    user, offering = vendor
    for fmt, name, kind in (("PNG", "front.png", "photo"), ("PDF", "spec.pdf", "document")):
        data = pdf_bytes() if fmt == "PDF" else image_bytes(fmt)
        assert (
            upload(api.as_(user), "/api/v1/offerings/off-att/attachments", data, name, kind).status_code
            == 201
        )
    r = api.get("/api/v1/offerings/off-att/attachments")
    assert r.status_code == 200 and r.json["total"] == 2
    assert [(i["filename"], i["kind"]) for i in r.json["items"]] == [
        ("front.png", "photo"),
        ("spec.pdf", "document"),
    ]
    assert r.json["items"][0]["thumbnail_url"] and r.json["items"][1]["content_type"] == "application/pdf"
    assert api.get("/api/v1/offerings/off-missing/attachments").status_code == 404
    draft = make.offering(offering.organization, ref="off-att-draft", status="draft")
    upload(api.as_(user), f"/api/v1/offerings/{draft.ref}/attachments", image_bytes("PNG"), "d.png")
    assert api.get(f"/api/v1/offerings/{draft.ref}/attachments").status_code == 404
    stranger = make.member(make.org(side="supply", ref="org-att-stranger"))
    assert api.as_(stranger).get(f"/api/v1/offerings/{draft.ref}/attachments").status_code == 404
    assert api.as_(user).get(f"/api/v1/offerings/{draft.ref}/attachments").json["total"] == 1


def test_a_pilots_documents_are_listed_only_to_its_parties_and_officials(api, make):
    from tests.pilots_support import pair_world

    w = pair_world(make)
    pilot = w.pilot("submitted")
    upload(
        api.as_(w.demand_member),
        f"/api/v1/pilots/{pilot.id}/attachments",
        pdf_bytes(),
        "plan.pdf",
        "document",
    )
    path = f"/api/v1/pilots/{pilot.id}/attachments"
    for who in (w.demand_member, w.offering_member, w.official):
        assert [i["filename"] for i in api.as_(who).get(path).json["items"]] == ["plan.pdf"]
    assert api.as_(w.outsider).get(path).status_code == 404
    assert api.get(path).status_code == 404
