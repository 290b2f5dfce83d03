"""The article's headline, without the " – Site Name" its ``<title>`` carries.

The visible ``<h1>`` is what readers see as the headline; Open Graph and
``<title>`` often carry an SEO variant or the site's name. Among several
``<h1>`` (a logo, a widget title) the one the page's metadata agrees with
wins; a page without ``<h1>`` may use an ``<h2>`` the metadata agrees with.
"""

from __future__ import annotations

import re
from itertools import islice
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from w3lib.html import replace_entities

from newscrawl.extract._dom import visible_text
from newscrawl.extract.boilerplate import is_off_article
from newscrawl.extract.metadata import PageMetadata, jsonld_text

_SEPARATORS = re.compile(r"\s+[|–—·•»:]{1,2}\s+|\s+-\s+")
_FOLD = re.compile(r"\W+")
_MAX_H1 = 6
_MAX_SUBHEADINGS = 12


def find_headline(root: HtmlElement, meta: PageMetadata) -> str | None:
    article = meta.article() or {}
    site = meta.first("og:site_name", "application-name")
    sources = [
        jsonld_text(article.get("headline")) or jsonld_text(article.get("name")),
        meta.first("og:title", "twitter:title", "title", "dc.title", "headline"),
        meta.title,
    ]
    declared = [strip_site_name(replace_entities(t), site) for t in sources if t]
    h1s = [t for t in (_heading_text(h, site) for h in islice(root.iter("h1"), _MAX_H1)) if t]
    for h1 in h1s:
        if any(_agrees(h1, title) for title in declared):
            return h1
    if h1s:
        return h1s[0]
    for heading in islice(root.iter("h2", "h3"), _MAX_SUBHEADINGS):
        text = _heading_text(heading, site)
        if text and any(_agrees(text, title) for title in declared):
            return text
    return declared[0] if declared else None


def _heading_text(heading: HtmlElement, site: str | None) -> str | None:
    """The heading's text, or ``None`` for a site logo (the site's name, a link home)."""
    text = visible_text(heading)[:400]
    if not text or (site and _fold(text) == _fold(site)) or is_off_article(heading):
        return None
    links = heading.findall(".//a")
    if len(links) == 1 and urlsplit(links[0].get("href") or "").path in {"", "/"}:
        return None
    return text


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
