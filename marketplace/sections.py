"""Sections that features contribute to another feature's detail page.

The page's view asks for its sections (load, check access, then gather) and the
template only renders them, so a reader starting at the view sees every query, and
the page's feature never imports the contributing ones:

    # in bookings/__init__.py init_app:
    add_section(app, "offering", offering_booking_section, order=10)

    # in listings/views.py:
    sections=sections_for("offering", session, offering, current_user)

    {# in the page's template #}
    {% for section in sections %}{% if section.html %}{{ section.html }}{% else %}{% include section.template %}{% endif %}{% endfor %}

A provider gets `(session, record, viewer)` and returns a `Section` (a partial
template and the data it shows, as `section.data`) or None to show nothing. A
provider that keeps its rendered partial (the matcher's lists, under the page
cache's version) returns it as `section.html`, which the page shows as it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup
from sqlalchemy.orm import Session


@dataclass
class Section:
    """One partial of a detail page and what it shows."""

    template: str
    data: dict[str, Any] = field(default_factory=dict)
    html: Markup | None = None  # already rendered: shown instead of the template


Provider = Callable[[Session, Any, Any], "Section | None"]


def add_section(app: Flask, page: str, provider: Provider, order: int = 100) -> None:
    """Contribute a section to `page` ("demand", "offering", "org", ...); lower
    `order` comes first."""
    app.extensions.setdefault("page_sections", {}).setdefault(page, []).append((order, provider))


def sections_for(page: str, session: Session, record: Any, viewer: Any) -> list[Section]:
    """The sections of this page for this record and viewer, in order."""
    providers = sorted(current_app.extensions.get("page_sections", {}).get(page, []), key=lambda p: p[0])
    found = (provider(session, record, viewer) for _, provider in providers)
    return [s for s in found if s is not None]
