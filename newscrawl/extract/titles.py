"""The article's headline, without the " – Site Name" its ``<title>`` carries.

The visible ``<h1>`` is what readers see as the headline, but many pages
have several (the site logo, a widget title), so an ``<h1>`` wins only when
the page's own metadata (JSON-LD, Open Graph, ``<title>``) agrees with it.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from newscrawl.extract._dom import visible_text
from newscrawl.extract.metadata import PageMetadata, jsonld_text

_SEPARATORS = re.compile(r"\s+[|–—·•»:]{1,2}\s+|\s+-\s+")
_FOLD = re.compile(r"\W+")
_MAX_H1 = 6


def find_headline(root: HtmlElement, meta: PageMetadata) -> str | None:
    article = meta.article() or {}
    site = meta.first("og:site_name", "application-name")
    declared = [
        jsonld_text(article.get("headline")) or jsonld_text(article.get("name")),
        meta.first("og:title", "twitter:title", "title", "dc.title", "headline"),
        meta.title,
    ]
    declared = [strip_site_name(t, site) for t in declared if t]
    h1s = [t for t in (visible_text(h)[:400] for h in islice(root.iter("h1"), _MAX_H1)) if t]
    for h1 in h1s:
        if any(_agrees(h1, title) for title in declared):
            return h1
    if declared:
        return declared[0]
    return h1s[0] if h1s else None


def strip_site_name(title: str, site: str | None) -> str:
    """Drop a site-name part from ``title`` ("Story | Site", "Site - Story")."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    if site:
        site_key = _fold(site)
        kept = [p for p in parts if _fold(p) != site_key]
        if len(kept) < len(parts) and kept:
            return _rejoin(title, kept)
    longest = max(parts, key=len)
    # The story is the long part; short trailing/leading parts name the site.
    if len(longest) >= 2 * max(len(p) for p in parts if p is not longest):
        return longest.strip()
    return title.strip()


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(kept)


def _agrees(h1: str, title: str) -> bool:
    a, b = _fold(h1), _fold(title)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return shorter in longer and len(shorter) >= 0.6 * len(longer)


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text.lower()).strip()

