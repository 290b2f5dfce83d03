"""What a page says about itself: JSON-LD, ``<meta>`` tags, ``<link>``s, ``<html lang>``.

Collected in one walk over ``<head>`` and the JSON-LD scripts, so every field
reader asks a dictionary instead of the tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract._dom import collapse, tag_of, text_of

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "techarticle",
        "scholarlyarticle",
        "liveblogposting",
        "socialmediaposting",
        "posting",
        "report",
        "advertisernewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "medicalscholarlyarticle",
    }
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class PageMetadata:
    """``<meta>`` values by lower-cased name/property, links by rel, and JSON-LD nodes."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[HtmlElement]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None
    lang: str | None = None

    def first(self, *names: str) -> str | None:
        """The first non-empty ``<meta>`` content among ``names``, in that order."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    def all(self, name: str) -> list[str]:
        return self.meta.get(name, [])

    def link_href(self, rel: str) -> str | None:
        for link in self.links.get(rel, ()):
            href = (link.get("href") or "").strip()
            if href:
                return href
        return None

    def article(self) -> dict[str, Any] | None:
        """The page's own article node in JSON-LD, if it has one."""
        return next((n for n in self.jsonld if _types(n) & ARTICLE_TYPES), None)

    def by_id(self, node_id: Any) -> dict[str, Any]:
        """The JSON-LD node with this ``@id`` (Yoast links authors this way), or ``{}``."""
        return next((n for n in self.jsonld if n.get("@id") == node_id), {})

    def nodes_of_type(self, *types: str) -> Iterator[dict[str, Any]]:
        wanted = {t.lower() for t in types}
        return (n for n in self.jsonld if _types(n) & wanted)


def read_metadata(root: HtmlElement) -> PageMetadata:
    """Collect ``<meta>``, ``<link>``, ``<title>``, ``lang`` and JSON-LD from the page."""
    data = PageMetadata(lang=(root.get("lang") or root.get("xml:lang") or "").strip() or None)
    for el in root.iter("meta", "link", "title", "script"):
        tag = tag_of(el)
        if tag == "meta":
            key = (
                (
                    el.get("property")
                    or el.get("name")
                    or el.get("itemprop")
                    or el.get("http-equiv")
                    or ""
                )
                .strip()
                .lower()
            )
            content = el.get("content")
            if key and content is not None:
                data.meta.setdefault(key, []).append(collapse(content))
        elif tag == "link":
            for rel in (el.get("rel") or "").lower().split():
                data.links.setdefault(rel, []).append(el)
        elif tag == "title":
            if data.title is None:
                data.title = collapse(text_of(el)) or None
        elif (el.get("type") or "").strip().lower() == "application/ld+json":
            data.jsonld.extend(_flatten(_load_json(el.text or "")))
    return data


def _load_json(text: str) -> Any:
    """The script's JSON, out of the comment or ``CDATA`` section XHTML-minded
    templates wrap it in (``<![CDATA[ … ]]>``, ``//<![CDATA[ … //]]>``)."""
    text = _WRAPPER_START.sub("", text.strip())
    text = _WRAPPER_END.sub("", text)
    try:
        return json.loads(_CONTROL_CHARS.sub(" ", text), strict=False)
    except ValueError:
        return None


_WRAPPER_START = re.compile(r"^(?:\s*(?://|/\*)?\s*(?:<!--|<!\[CDATA\[)\s*(?:\*/)?)+")
_WRAPPER_END = re.compile(r"(?:\s*(?://|/\*)?\s*(?:-->|\]\]>)\s*(?:\*/)?)+$")


def _flatten(node: Any) -> Iterator[dict[str, Any]]:
    """Every typed object in a JSON-LD document, ``@graph`` and nesting included."""
    if isinstance(node, list):
        for item in node:
            yield from _flatten(item)
    elif isinstance(node, dict):
        if "@type" in node:
            yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _flatten(graph)
        main = node.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _flatten(main)


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, list):
        return {v.lower() for v in value if isinstance(v, str)}
    return set()


def jsonld_text(value: Any) -> str | None:
    """A JSON-LD value as one string (first of a list, ``name`` of an object)."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url") or value.get("@id")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = collapse(str(value))
        return text or None
    return None
