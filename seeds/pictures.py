"""Demo photos and documents, drawn here (no third-party images).

Run by `flask seed` after the demo records are loaded: most offerings get two
product pictures (a robot, a component, a screen… after their category), many
needs a picture of their site, a few offerings a spec sheet or test report (small
valid PDFs written by hand) and one demonstration pilot a safety assessment.
Idempotent: records that already hold files are left alone."""

from __future__ import annotations

import hashlib
import io
import random
from collections.abc import Iterator
from functools import cache

from PIL import Image, ImageDraw, ImageFilter, ImageOps

W, H = 960, 640

PALETTES = [
    ((226, 236, 247), (172, 196, 224), (11, 92, 173)),
    ((240, 236, 228), (206, 194, 172), (163, 74, 40)),
    ((228, 242, 236), (170, 208, 190), (20, 120, 90)),
    ((238, 234, 246), (196, 186, 226), (92, 64, 160)),
    ((245, 240, 226), (222, 204, 160), (170, 120, 20)),
    ((232, 238, 240), (180, 196, 204), (50, 70, 90)),
]


def _rng(key: str) -> random.Random:
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))


@cache
def _gradient(top: tuple, bottom: tuple) -> Image.Image:
    """A soft studio gradient from top to bottom (made once per palette: copied)."""
    return ImageOps.colorize(Image.linear_gradient("L").resize((W, H)), top, bottom)


def _backdrop(rng: random.Random, floor: bool = True) -> tuple[Image.Image, ImageDraw.ImageDraw, tuple]:
    top, bottom, accent = rng.choice(PALETTES)
    img = _gradient(top, bottom).copy()
    d = ImageDraw.Draw(img)
    if floor:
        d.rectangle([0, int(H * 0.78), W, H], fill=tuple(max(0, c - 25) for c in bottom))
    return img, d, accent


def _shadow(img: Image.Image, box: tuple[int, int, int, int]) -> None:
    # Blurred around the ellipse only (a margin of 4 blur radii), not the whole picture.
    margin = 72
    x0, y0 = max(0, box[0] - margin), max(0, box[1] - margin)
    x1, y1 = min(img.width, box[2] + margin), min(img.height, box[3] + margin)
    layer = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(layer).ellipse((box[0] - x0, box[1] - y0, box[2] - x0, box[3] - y0), fill=110)
    layer = layer.filter(ImageFilter.GaussianBlur(18))
    img.paste((40, 40, 50), (x0, y0, x1, y1), mask=layer)


def humanoid(rng: random.Random, view: int = 0) -> Image.Image:
    img, d, accent = _backdrop(rng)
    cx = W // 2 + (rng.randint(-120, 120) if view else 0)
    _shadow(img, (cx - 130, int(H * 0.84), cx + 130, int(H * 0.92)))
    d = ImageDraw.Draw(img)
    white, dark = (246, 247, 249), (48, 54, 64)
    d.rounded_rectangle([cx - 48, 70, cx + 48, 160], 30, fill=white, outline=dark, width=3)  # head
    d.rounded_rectangle([cx - 36, 98, cx + 36, 128], 12, fill=dark)  # visor
    for ex in (cx - 16, cx + 16):
        d.ellipse([ex - 6, 107, ex + 6, 119], fill=accent)
    d.rectangle([cx - 14, 160, cx + 14, 178], fill=dark)  # neck
    d.rounded_rectangle([cx - 85, 176, cx + 85, 350], 34, fill=white, outline=dark, width=3)  # torso
    d.rounded_rectangle([cx - 40, 210, cx + 40, 260], 10, fill=accent)  # chest light
    arm = rng.choice((0, 30))
    d.rounded_rectangle([cx - 125, 186, cx - 92, 330 - arm], 16, fill=white, outline=dark, width=3)
    d.rounded_rectangle([cx + 92, 186, cx + 125, 330], 16, fill=white, outline=dark, width=3)
    d.rounded_rectangle([cx - 75, 340, cx + 75, 380], 14, fill=dark)  # hips
    d.rounded_rectangle([cx - 68, 376, cx - 14, 535], 20, fill=white, outline=dark, width=3)
    d.rounded_rectangle([cx + 14, 376, cx + 68, 535], 20, fill=white, outline=dark, width=3)
    d.rounded_rectangle([cx - 80, 528, cx - 8, 560], 10, fill=dark)
    d.rounded_rectangle([cx + 8, 528, cx + 80, 560], 10, fill=dark)
    if view:  # a crate beside it: the robot at work
        x = cx + 150 if cx < W // 2 else cx - 290
        d.rectangle([x, 420, x + 140, 540], fill=(196, 150, 92), outline=(120, 86, 48), width=4)
        d.line([x, 480, x + 140, 480], fill=(120, 86, 48), width=3)
    return img


def wheeled_robot(rng: random.Random, view: int = 0) -> Image.Image:
    img, d, accent = _backdrop(rng)
    cx = W // 2 + (rng.randint(-100, 100) if view else 0)
    _shadow(img, (cx - 200, int(H * 0.83), cx + 200, int(H * 0.92)))
    d = ImageDraw.Draw(img)
    white, dark = (244, 246, 248), (50, 56, 66)
    d.rounded_rectangle([cx - 180, 380, cx + 180, 520], 40, fill=white, outline=dark, width=3)  # base
    for wx in (cx - 120, cx + 120):
        d.ellipse([wx - 42, 480, wx + 42, 564], fill=dark)
        d.ellipse([wx - 16, 506, wx + 16, 538], fill=(150, 156, 166))
    d.rectangle([cx - 160, 440, cx + 160, 452], fill=accent)
    d.rounded_rectangle([cx - 26, 200, cx + 26, 390], 12, fill=(200, 204, 210), outline=dark, width=3)  # mast
    d.rounded_rectangle([cx - 110, 120, cx + 110, 230], 18, fill=dark)  # screen
    d.rounded_rectangle([cx - 96, 132, cx + 96, 218], 12, fill=accent)
    d.ellipse([cx - 40, 150, cx - 16, 174], fill=white)
    d.ellipse([cx + 16, 150, cx + 40, 174], fill=white)
    d.arc([cx - 30, 160, cx + 30, 205], 20, 160, fill=white, width=5)
    if view:  # a tray
        d.rectangle([cx - 150, 330, cx + 150, 344], fill=dark)
        d.rounded_rectangle([cx - 120, 296, cx - 40, 330], 8, fill=(236, 190, 110))
    return img


def component(rng: random.Random, view: int = 0) -> Image.Image:
    img, d, accent = _backdrop(rng, floor=False)
    cx, cy = W // 2, H // 2 + 10
    _shadow(img, (cx - 220, cy + 150, cx + 220, cy + 210))
    d = ImageDraw.Draw(img)
    metal, dark = (190, 196, 204), (60, 66, 76)
    r = 180 if not view else 150
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=metal, outline=dark, width=4)  # a joint actuator
    teeth = 28
    for i in range(teeth):
        import math

        a = 2 * math.pi * i / teeth
        x, y = cx + (r + 14) * math.cos(a), cy + (r + 14) * math.sin(a)
        d.ellipse([x - 10, y - 10, x + 10, y + 10], fill=metal, outline=dark, width=2)
    d.ellipse(
        [cx - r * 0.6, cy - r * 0.6, cx + r * 0.6, cy + r * 0.6], fill=(226, 230, 236), outline=dark, width=3
    )
    d.ellipse([cx - r * 0.22, cy - r * 0.22, cx + r * 0.22, cy + r * 0.22], fill=accent)
    for i in range(6):
        a = 2 * math.pi * i / 6
        x, y = cx + r * 0.42 * math.cos(a), cy + r * 0.42 * math.sin(a)
        d.ellipse([x - 9, y - 9, x + 9, y + 9], fill=dark)
    if view:
        d.rounded_rectangle([cx + 170, cy - 30, cx + 330, cy + 30], 10, fill=dark)  # cable plug
    return img


def screen(rng: random.Random, view: int = 0) -> Image.Image:
    img, d, accent = _backdrop(rng, floor=False)
    dark = (40, 46, 56)
    d.rounded_rectangle([140, 90, 820, 500], 22, fill=dark)
    d.rectangle([166, 116, 794, 474], fill=(248, 250, 252))
    d.rectangle([166, 116, 794, 150], fill=accent)
    bars = [rng.randint(60, 260) for _ in range(8)]
    for i, b in enumerate(bars):  # a dashboard chart
        x = 200 + i * 44
        d.rectangle([x, 440 - b, x + 28, 440], fill=accent if i % 3 else (120, 130, 146))
    pts = [(560 + i * 30, 300 - rng.randint(0, 120)) for i in range(8)]
    d.line(pts, fill=accent, width=5)
    d.rectangle([560, 330, 770, 440], outline=(200, 206, 214), width=2)
    for i in range(4):
        d.rectangle([575, 345 + i * 24, 575 + rng.randint(60, 180), 357 + i * 24], fill=(210, 216, 224))
    d.rectangle([430, 500, 530, 560], fill=dark)
    d.rounded_rectangle([340, 556, 620, 580], 10, fill=dark)
    return img


def site(rng: random.Random, domain: str) -> Image.Image:
    """A picture of the place a need is for: a workshop, a ward, a corridor, a store."""
    img, d, accent = _backdrop(rng, floor=False)
    floor_y = int(H * 0.62)
    d.polygon([(0, H), (W, H), (W * 0.7, floor_y), (W * 0.3, floor_y)], fill=(200, 200, 196))
    d.rectangle([W * 0.3, 120, W * 0.7, floor_y], fill=(236, 238, 240))  # back wall
    d.polygon([(0, 0), (W * 0.3, 120), (W * 0.3, floor_y), (0, H)], fill=(222, 226, 230))
    d.polygon([(W, 0), (W * 0.7, 120), (W * 0.7, floor_y), (W, H)], fill=(214, 218, 224))
    for i in range(1, 6):  # floor lines for depth
        t = i / 6
        y = floor_y + (H - floor_y) * t * t
        d.line(
            [(W * 0.3 - W * 0.3 * t * t, y), (W * 0.7 + W * 0.3 * t * t, y)], fill=(180, 180, 176), width=2
        )
    if domain == "manufacturing":
        for x in (120, 700):  # machines
            d.rectangle([x, 300, x + 150, 520], fill=(90, 110, 130), outline=(50, 60, 70), width=3)
            d.rectangle([x + 20, 330, x + 130, 400], fill=accent)
        d.rectangle([330, 400, 630, 430], fill=(70, 74, 80))  # conveyor
        for x in range(350, 620, 60):
            d.rectangle([x, 370, x + 40, 400], fill=(196, 150, 92))
    elif domain in ("healthcare", "eldercare"):
        for x in (90, 690):  # beds
            d.rectangle([x, 420, x + 190, 470], fill=(250, 250, 252), outline=(150, 160, 170), width=3)
            d.rectangle([x, 380, x + 30, 470], fill=(150, 160, 170))
            d.rectangle([x + 40, 405, x + 110, 425], fill=(190, 214, 236))
        d.rectangle([W * 0.3 + 20, 200, W * 0.7 - 20, 230], fill=accent)  # handrail/sign strip
    elif domain == "emergency":
        d.rectangle([0, 0, W, 110], fill=(70, 60, 60))
        for x in range(60, W, 180):
            d.ellipse([x, 380, x + 120, 470], fill=(140, 120, 110))  # smoke/rubble
        d.rectangle([W * 0.45, 300, W * 0.55, floor_y], fill=(200, 40, 30))
    elif domain == "construction":
        for x in range(60, W, 150):  # scaffolding
            d.line([x, 60, x, floor_y + 40], fill=(120, 124, 130), width=8)
        for y in range(110, floor_y, 90):
            d.line([40, y, W - 40, y], fill=(120, 124, 130), width=6)
        d.rectangle([W * 0.42, 140, W * 0.58, 170], fill=(240, 170, 30))  # a beam on the hook
        d.line([W * 0.5, 0, W * 0.5, 140], fill=(60, 60, 60), width=3)
    else:
        for x in (110, 690):  # shelves
            d.rectangle([x, 220, x + 160, 520], fill=(236, 230, 220), outline=(150, 140, 130), width=3)
            for y in range(250, 520, 60):
                d.line([x, y, x + 160, y], fill=(150, 140, 130), width=3)
                for k in range(4):
                    d.rectangle([x + 10 + k * 38, y - 34, x + 38 + k * 38, y - 4], fill=PALETTES[k][2])
    return img


DRAWERS = {
    "humanoid": humanoid,
    "robot": wheeled_robot,
    "component": component,
    "software": screen,
    "solution": wheeled_robot,
    "service": humanoid,
}


def jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82)
    return out.getvalue()


def _pdf_text(value: str) -> str:
    return (
        value.encode("latin-1", "replace")
        .decode("latin-1")
        .replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
    )


def minimal_pdf(title: str, lines: list[str]) -> bytes:
    """A small valid one-page PDF (Helvetica, Latin text) with a correct xref table."""
    text = ["BT", "/F1 20 Tf", "72 760 Td", f"({_pdf_text(title)}) Tj", "/F1 12 Tf"]
    for line in lines:
        text += ["0 -22 Td", f"({_pdf_text(line)}) Tj"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def load_demo_pictures(session) -> Iterator[str]:
    """Attach drawn photos and a few documents to the demo records (see the module's docstring)."""
    from sqlalchemy import select

    from marketplace.attachments import services as files
    from marketplace.attachments.models import Attachment
    from marketplace.listings.models import Demand, Offering
    from marketplace.pilots.models import Pilot

    def has_files(kind: str, ids: list[int]) -> set[int]:
        rows = session.scalars(
            select(Attachment.owner_id).where(Attachment.owner_kind == kind, Attachment.owner_id.in_(ids))
        )
        return set(rows)

    offerings = list(session.scalars(select(Offering).order_by(Offering.id)))
    done = has_files("offering", [o.id for o in offerings])
    photos = docs = 0
    for n, o in enumerate(offerings):
        if o.id in done or n % 6 == 5:  # most, not all: a few offerings stay without pictures
            continue
        rng = _rng(o.ref)
        draw = DRAWERS.get(o.category, wheeled_robot)
        for view in (0, 1):
            files.add(session, None, "offering", o, "photo", jpeg(draw(rng, view)), f"{o.ref}-{view + 1}.jpg")
            photos += 1
        if n % 7 == 0:
            lines = [f"Product: {o.ref}", f"Category: {o.category}", f"Units available: {o.units_available}"]
            if o.payload_kg:
                lines.append(f"Payload: {o.payload_kg:g} kg")
            lines += ["Operating temperature: 0-40 C", "Battery: 4 h continuous operation", "Demo document"]
            kind = "spec_sheet" if n % 14 == 0 else "test_report"
            title = "Specification sheet" if kind == "spec_sheet" else "Third-party test report"
            files.add(
                session,
                None,
                "offering",
                o,
                "document",
                minimal_pdf(title, lines),
                f"{o.ref}-{kind}.pdf",
                kind,
            )
            docs += 1
    demands = list(session.scalars(select(Demand).order_by(Demand.id)))
    done = has_files("demand", [d.id for d in demands])
    sites = 0
    for n, dm in enumerate(demands):
        if dm.id in done or n % 3 == 2:
            continue
        files.add(
            session, None, "demand", dm, "photo", jpeg(site(_rng(dm.ref), dm.domain)), f"{dm.ref}-site.jpg"
        )
        sites += 1
    pilot = session.scalar(
        select(Pilot).where(Pilot.state.in_(("approved", "in_progress", "completed"))).order_by(Pilot.id)
    )
    if pilot is not None and not has_files("pilot", [pilot.id]):
        lines = [
            f"Pilot: {pilot.ref}",
            "Risk assessment of the robot at the site",
            "Result: acceptable with measures",
        ]
        files.add(
            session,
            None,
            "pilot",
            pilot,
            "document",
            minimal_pdf("Safety assessment", lines),
            "safety-assessment.pdf",
            "safety_assessment",
        )
        docs += 1
    session.commit()
    yield f"demo pictures: {photos} product photos, {sites} site photos, {docs} documents"
