"""The article's authors: JSON-LD people first, then the visible byline, then ``<meta>``.

A visible byline beats ``<meta name=author>``, which many sites fill with
their own name; an organisation is an author only when nothing names a person.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import select_elements, select_texts, visible_text
from newscrawl.extract.boilerplate import is_off_article
from newscrawl.extract.metadata import PageMetadata

_LEAD = (
    r"(?:written|posted|published|reported|text|story|words|interview|photos?|fotos?)?\s*"
    r"(?:by|von|par|por|di|door|av|af|autor(?:in)?|author|auteur|text|texte)\b\s*[:\-–]?\s*"
)
_BY = re.compile(rf"^\s*{_LEAD}", re.IGNORECASE)
#: "By Jane Doe" / "Von Max Muster" in running text near the headline.
_BYLINE_TEXT = re.compile(
    rf"(?:^|[\s|•·(])(?:{_LEAD})(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+\s?){{2,4}})",
)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\|)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(
    r"https?://|www\.|@|\d|^(?:admin|administrator|wordpressadmin|staff|editor|guest|"
    r"no author|unknown|anonymous|redaktion)$",
    re.IGNORECASE,
)
_MAX_NAME = 60
_MAX_WORDS = 6
_HINTS = ("author", "Author", "byline", "Byline", "auteur", "autor", "Autor", "writer", "creator")
_BYLINE_ELEMENTS = etree.XPath(
    "//body//*[not(self::script or self::style or self::meta or self::link)]"
    "[@rel='author' or @itemprop='author' or "
    + " or ".join(f"contains(@class, '{h}') or contains(@id, '{h}')" for h in _HINTS)
    + " or contains(@data-testid, 'byline')]"
)
_FOLLOWING_TEXT = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][position() <= 12]"
)
_MAX_BYLINES = 15
_MAX_BYLINE_TEXT = 160


def find_authors(root: HtmlElement, meta: PageMetadata) -> list[str]:
    people, organisations = _jsonld_authors(meta)
    if people:
        return people
    for names in (
        _byline_names(root),
        _names_near_headline(root),
        *(
            _split_names(meta.all(key))
            for key in (
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "byl",
                "twitter:creator:name",
            )
        ),
    ):
        if names:
            return names
    return organisations


def _jsonld_authors(meta: PageMetadata) -> tuple[list[str], list[str]]:
    """Names of the people and of the organisations credited as authors in JSON-LD."""
    nodes = [meta.article() or {}, *(n for n in meta.jsonld if "author" in n)]
    for node in nodes:
        value = node.get("author")
        if not value:
            continue
        people: list[str] = []
        organisations: list[str] = []
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict) and "name" not in entry and "@id" in entry:
                entry = meta.by_id(entry["@id"]) or entry
            name = entry.get("name") if isinstance(entry, dict) else entry
            if not isinstance(name, str):
                continue
            kind = entry.get("@type") if isinstance(entry, dict) else None
            kinds = set(kind) if isinstance(kind, list) else {kind}
            is_organisation = bool(kinds & {"Organization", "NewsMediaOrganization"})
            (organisations if is_organisation else people).append(name)
        return _split_names(people), _split_names(organisations)
    return [], []


def _byline_names(root: HtmlElement) -> list[str]:
    for el in islice(select_elements(_BYLINE_ELEMENTS, root), _MAX_BYLINES):
        text = el.get("content") or visible_text(el)
        if not text or len(text) > _MAX_BYLINE_TEXT or is_off_article(el):
            continue
        names = _split_names([text])
        if names:
            return names
    return []


def _names_near_headline(root: HtmlElement) -> list[str]:
    """A "By Jane Doe" / "Von Max Muster" line within a few lines after the ``<h1>``."""
    for h1 in islice(root.iter("h1"), 2):
        text = " ".join(t.strip() for t in select_texts(_FOLLOWING_TEXT, h1))
        match = _BYLINE_TEXT.search(text[:400])
        if match:
            return _split_names([match.group("name")])
    return []


def _split_names(values: list[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        value = _BY.sub("", value.strip())
        for part in _SPLIT.split(value):
            name = _BY.sub("", part).strip(" .,:;-–—|*")
            if (
                name
                and len(name) <= _MAX_NAME
                and len(name.split()) <= _MAX_WORDS
                and not _NOT_A_NAME.search(name)
                and name not in names
            ):
                names.append(name)
    return names
