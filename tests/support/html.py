"""Read a page's HTML in tests: elements by id (attributes and text), every
element's attributes, a select's options; `page(client, path, lang)` fetches one."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The parts of a page the tests look at: elements by id (attributes and text),
    every element's attributes, and whether any inline script or style exists."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.by_id: dict[str, dict] = {}
        self.elements: list[tuple[str, dict]] = []
        self._open: list[tuple[str, dict | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        self.elements.append((tag, attrs))
        node = None
        if "id" in attrs:
            node = {"tag": tag, "attrs": attrs, "text": ""}
            self.by_id[attrs["id"]] = node
        if tag not in VOID:
            self._open.append((tag, node))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for _tag, node in self._open:
            if node is not None:
                node["text"] += data

    def text(self, element_id: str) -> str:
        return " ".join(self.by_id[element_id]["text"].split())

    def attr(self, element_id: str, name: str) -> str | None:
        return self.by_id[element_id]["attrs"].get(name)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def _options(self, select_id: str) -> list[dict]:
        found, inside = [], False
        for tag, attrs in self.elements:
            if tag == "select":
                inside = attrs.get("id") == select_id
            elif tag == "option" and inside:
                found.append(attrs)
            elif tag in ("template", "input", "textarea", "button"):
                inside = False
        return found

    def options(self, select_id: str) -> list[str]:
        """Option values of a <select>."""
        return [o.get("value", "") for o in self._options(select_id)]

    def selected(self, select_id: str) -> str | None:
        return next((o.get("value") for o in self._options(select_id) if "selected" in o), None)


def set_lang(client, lang: str) -> None:
    client.set_cookie("lang", lang, domain="localhost")


def page(client, path: str, lang: str = "zh", status: int = 200) -> Page:
    set_lang(client, lang)
    response = client.get(path)
    assert response.status_code == status, f"GET {path} ({lang}): {response.status_code}"
    return Page(response.get_data(as_text=True))


def listing_card(html: str, title: str) -> str:
    """The card of the listing titled `title` on a list page, as its HTML."""
    start = html.rindex('<article class="card listing-card">', 0, html.index(title))
    return html[start : html.index("</article>", start)]


def chip_lists(html: str, names: tuple[str, ...]) -> list[tuple[bool, list[str]]]:
    """The chip lists labelled with one of `names` (aria-label), in order: whether each
    is drawn as read from a description, and its chips' text."""
    label = "|".join(re.escape(n) for n in names)
    lists = re.findall(rf'<ul class="chips([^"]*)" aria-label="(?:{label})"[^>]*>(.*?)</ul>', html, re.S)
    return [
        (
            "chips-read" in classes,
            [
                " ".join(re.sub(r"<[^>]+>", " ", li).split())
                for li in re.findall(r"<li[^>]*>(.*?)</li>", items)
            ],
        )
        for classes, items in lists
    ]
