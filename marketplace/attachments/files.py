"""Recognise and clean uploaded files. Pure: bytes in, bytes out, no database.

Files are recognised by their content (magic bytes, then Pillow for images), never
by their name or the type the browser declares. Images are re-encoded, which drops
EXIF (GPS included) and anything smuggled after the image data; a thumbnail is made."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
MAX_EDGE = 2400  # larger photos are scaled down when re-encoded
THUMB_EDGE = 480

_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}


class Refused(Exception):
    """The file is not accepted; `reason` is a message code: empty, too_large, type, broken."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Cleaned:
    data: bytes
    content_type: str
    sha256: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None
    thumbnail_type: str | None = None

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def sniff(data: bytes) -> str | None:
    """The real type of the bytes, from their first bytes; None when not accepted."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def safe_filename(name: str | None, content_type: str) -> str:
    """The uploaded name without folders or odd characters, ending in the real type's extension."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[\x00-\x1f\x7f\"';<>]", "", base).strip(". ")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem[:150] or "file") + _EXTENSIONS[content_type]


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(out, "JPEG", quality=85)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=85)
    else:
        img.save(out, "PNG")
    return out.getvalue()


def _image(data: bytes, content_type: str) -> Cleaned:
    img: Image.Image
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in _FORMATS or _FORMATS[probe.format] != content_type:
                raise Refused("type")
            if probe.width * probe.height > MAX_PIXELS:
                raise Refused("too_large")
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            fmt = img.format
            img = ImageOps.exif_transpose(img)
    except Refused:
        raise
    except Exception as err:  # Pillow raises many kinds for a broken file
        raise Refused("broken") from err
    if img.mode not in ("RGB", "RGBA", "L", "LA"):
        img = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB")
    img.info.clear()  # no EXIF, ICC, comments or text chunks are written back
    if max(img.size) > MAX_EDGE:
        img.thumbnail((MAX_EDGE, MAX_EDGE))
    clean = _encode(img, fmt or "")  # opened from bytes: Pillow names the format
    thumb = img.copy()
    thumb.thumbnail((THUMB_EDGE, THUMB_EDGE))
    has_alpha = "A" in thumb.getbands()
    return Cleaned(
        data=clean,
        content_type=content_type,
        sha256=hashlib.sha256(clean).hexdigest(),
        width=img.width,
        height=img.height,
        thumbnail=_encode(thumb, "PNG" if has_alpha else "JPEG"),
        thumbnail_type="image/png" if has_alpha else "image/jpeg",
    )


def _pdf(data: bytes) -> Cleaned:
    # A PDF ends with %%EOF (possibly followed by a newline or an incremental update's trailer).
    if b"%%EOF" not in data[-2048:]:
        raise Refused("broken")
    return Cleaned(data=data, content_type="application/pdf", sha256=hashlib.sha256(data).hexdigest())


def clean(data: bytes, *, images_only: bool = False) -> Cleaned:
    """Recognise and clean an upload, or raise Refused."""
    if not data:
        raise Refused("empty")
    if len(data) > MAX_BYTES:
        raise Refused("too_large")
    content_type = sniff(data)
    if content_type is None or (images_only and content_type == "application/pdf"):
        raise Refused("type")
    return _pdf(data) if content_type == "application/pdf" else _image(data, content_type)
