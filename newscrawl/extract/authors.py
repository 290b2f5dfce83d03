"""The article's authors: JSON-LD first, then ``<meta>``, then the visible byline."""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract._dom import visible_text
from newscrawl.extract.metadata import PageMetadata

_BY = re.compile(r"^\s*(?:written\s+by|posted\s+by|published\s+by|reported\s+by|by|von|par|por|di|door|av|af)\s*[:\-]?\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\|)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"https?://|@|\d{3,}|^(?:admin|administrator|staff|editor|guest)$",
                         re.IGNORECASE)
_MAX_NAME = 60
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or @class='author' or @class='byline'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' author ')"
    " or contains(@class, 'byline') or contains(@class, 'author-name')"
    " or contains(@class, 'author__name')]"
)


def find_authors(root: HtmlElement, meta: PageMetadata) -> list[str]:
    article = meta.article()
    if article:
        names = _jsonld_names(article.get("author"), meta)
        if names:
            return names
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "byl", "twitter:creator:name"):
        names = _split_names(meta.all(key))
        if names:
            return names
    return _byline_names(root)


def _jsonld_names(value: Any, meta: PageMetadata) -> list[str]:
    values = value if isinstance(value, list) else [value]
    raw: list[str] = []
    for entry in values:
        if isinstance(entry, str):
            raw.append(entry)
        elif isinstance(entry, dict):
            name = entry.get("name")
            if not name and "@id" in entry:
                name = meta.by_id(entry["@id"]).get("name")
            if isinstance(name, str):
                raw.append(name)
    return _split_names(raw)


def _byline_names(root: HtmlElement) -> list[str]:
    for el in root.xpath(_BYLINE_XPATH)[:10]:
        text = el.get("content") or visible_text(el)
        if text and len(text) < 120:
            names = _split_names([text])
            if names:
                return names
    return []


def _split_names(values: list[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        value = _BY.sub("", value.strip())
        for part in _SPLIT.split(value):
            name = part.strip(" .,:;-–—|")
            if (
                name
                and len(name) <= _MAX_NAME
                and not _NOT_A_NAME.search(name)
                and name not in names
            ):
                names.append(name)
    return names
