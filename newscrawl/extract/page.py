"""The article page object: one method per item field, nothing about crawling.

Built from a parsel ``Selector`` and the page's URL, in the manner of
web-poet's page objects, so a crawl, ``python -m newscrawl extract`` and the
tests all read a page through the same code.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo
from functools import cached_property
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract._dom import select_elements, select_texts, tag_of, visible_text
from newscrawl.extract.authors import find_authors
from newscrawl.extract.boilerplate import class_kind
from newscrawl.extract.content import find_body
from newscrawl.extract.dates import dayfirst_for, find_date, parse_date
from newscrawl.extract.metadata import PageMetadata, jsonld_text, read_metadata
from newscrawl.extract.navigation import Neighbours, find_neighbours
from newscrawl.extract.titles import find_headline

#: Item key that carries the article container from extraction to the pipelines.
BODY_KEY = "_body"

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|$)")
_URL_DAY_FIRST = re.compile(r"/(0[1-9]|[12]\d|3[01])-?(0[1-9]|1[0-2])-?((?:19|20)\d\d)-")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published_time",
    "citation_publication_date",
    "og:pubdate",
    "publication_date",
    "article_date_original",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
    "modified_time",
)


_DATE_HINTS = ("date", "Date", "time", "publish", "posted", "meta", "byline", "datum", "fecha")
#: Elements whose class or id promise a date, in document order.
_DATE_ELEMENTS = etree.XPath(
    "//body//*[not(self::script or self::style)]["
    + " or ".join(f"contains(@class, '{h}') or contains(@id, '{h}')" for h in _DATE_HINTS)
    + "]"
)
_MAX_DATE_ELEMENTS = 12
_FOLLOWING_TEXT = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][position() <= 12]"
)
_PRECEDING_TEXT = etree.XPath(
    "preceding::text()[normalize-space()][not(parent::script or parent::style)][position() <= 4]"
)
_MAX_DATE_TEXT = 300


class ArticlePage:
    """Read one saved or downloaded page as an article."""

    def __init__(
        self,
        selector: Selector,
        url: str,
        *,
        downloaded: datetime | None = None,
        dayfirst: bool | None = None,
        tz: tzinfo = UTC,
    ) -> None:
        self.selector = selector
        self.root: HtmlElement = selector.root
        self.url = url
        self.downloaded = downloaded or datetime.now(UTC)
        self._dayfirst = dayfirst
        self._tz = tz

    @cached_property
    def meta(self) -> PageMetadata:
        return read_metadata(self.root)

    @cached_property
    def _article_ld(self) -> dict[str, Any]:
        return self.meta.article() or {}

    def canonical_url(self) -> str | None:
        href = self.meta.link_href("canonical") or self.meta.first("og:url")
        if not href:
            return None
        absolute = urljoin(self.url, href)
        return absolute if absolute.startswith(("http://", "https://")) else None

    def headline(self) -> str | None:
        return find_headline(self.root, self.meta)

    def description(self) -> str | None:
        return self.meta.first(
            "description", "og:description", "twitter:description"
        ) or jsonld_text(self._article_ld.get("description"))

    def authors(self) -> list[dict[str, str]]:
        return [{"name": name} for name in find_authors(self.root, self.meta)]

    def in_language(self) -> str | None:
        lang = (
            jsonld_text(self._article_ld.get("inLanguage"))
            or self.meta.lang
            or self.meta.first("og:locale", "content-language", "language", "dc.language")
        )
        return lang.replace("_", "-") if lang else None

    @cached_property
    def _published(self) -> tuple[datetime, str] | tuple[None, None]:
        candidates = [
            jsonld_text(self._article_ld.get("datePublished")),
            self.meta.first(*_PUBLISHED_META),
            *self._time_elements("datePublished"),
            jsonld_text(self._article_ld.get("dateCreated")),
        ]
        return (
            self._first_date(candidates)
            or self._visible_date()
            or self._date_near_headline()
            or self._url_date()
            or (None, None)
        )

    def date_published(self) -> str | None:
        published, _ = self._published
        return published.isoformat() if published else None

    def date_published_raw(self) -> str | None:
        return self._published[1]

    def date_modified(self) -> str | None:
        candidates = [
            jsonld_text(self._article_ld.get("dateModified")),
            self.meta.first(*_MODIFIED_META),
        ]
        found = self._first_date(candidates)
        return found[0].isoformat() if found else None

    def breadcrumbs(self) -> list[dict[str, str]]:
        for node in self.meta.nodes_of_type("BreadcrumbList"):
            crumbs = []
            elements = node.get("itemListElement")
            for entry in elements if isinstance(elements, list) else []:
                if not isinstance(entry, dict):
                    continue
                item = entry.get("item")
                name = jsonld_text(entry.get("name")) or (
                    jsonld_text(item.get("name")) if isinstance(item, dict) else None
                )
                link = item.get("@id") or item.get("url") if isinstance(item, dict) else item
                crumb = {"name": name} if name else {}
                if isinstance(link, str) and link:
                    crumb["url"] = urljoin(self.url, link)
                if crumb:
                    crumbs.append(crumb)
            if crumbs:
                return crumbs
        return []

    def main_image(self) -> dict[str, str] | None:
        url = self.meta.first("og:image", "og:image:url", "twitter:image", "twitter:image:src")
        url = url or jsonld_text(self._article_ld.get("image"))
        return {"url": urljoin(self.url, url)} if url else None

    @cached_property
    def neighbours(self) -> Neighbours:
        return find_neighbours(self.root, self.url)

    def body(self) -> HtmlElement | None:
        """The article container: the pipelines strip and render it."""
        return find_body(self.root)

    def to_item(self) -> dict[str, Any]:
        """The article item; the body is left as an element for the pipelines.

        Fields read from the whole page come first: the body pipelines edit
        the container in place, so it must be the last thing read.
        """
        item: dict[str, Any] = {
            "url": self.url,
            "canonicalUrl": self.canonical_url(),
            "headline": self.headline(),
            "description": self.description(),
            "authors": self.authors(),
            "datePublished": self.date_published(),
            "datePublishedRaw": self.date_published_raw(),
            "dateModified": self.date_modified(),
            "inLanguage": self.in_language(),
            "breadcrumbs": self.breadcrumbs(),
            "mainImage": self.main_image(),
            "prevUrl": self.neighbours.prev,
            "nextUrl": self.neighbours.next,
            "metadata": {"dateDownloaded": self.downloaded.replace(microsecond=0).isoformat()},
        }
        item[BODY_KEY] = self.body()
        return {k: v for k, v in item.items() if v not in (None, [], "")}

    @property
    def dayfirst(self) -> bool:
        if self._dayfirst is not None:
            return self._dayfirst
        return dayfirst_for(self.in_language())

    def _first_date(self, candidates: list[str | None]) -> tuple[datetime, str] | None:
        for raw in candidates:
            parsed = parse_date(raw, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
            if parsed is not None and raw is not None:
                return parsed, raw
        return None

    def _time_elements(self, itemprop: str) -> list[str]:
        """``datetime`` of ``<time>`` elements, the one marked with ``itemprop`` first."""
        marked: list[str] = []
        others: list[str] = []
        for el in self.root.iter("time"):
            value = el.get("datetime") or visible_text(el)
            if value:
                (marked if el.get("itemprop") == itemprop else others).append(value)
        for el in self.root.xpath(f'//*[@itemprop="{itemprop}"][not(self::time)]'):
            value = (
                el.get("content")
                or el.get("datetime")
                or (visible_text(el) if tag_of(el) != "meta" else None)
            )
            if value:
                marked.append(value)
        return marked + others[:1]

    def _visible_date(self) -> tuple[datetime, str] | None:
        """A date written in a byline or date line (``span.entry-date``, ``div.meta``)."""
        for el in select_elements(_DATE_ELEMENTS, self.root)[:_MAX_DATE_ELEMENTS]:
            if class_kind(el) in {"comments", "related"}:
                continue
            value = el.get("datetime") or el.get("content")
            if value:
                parsed = parse_date(value, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
                if parsed:
                    return parsed, value
            text = visible_text(el)
            if text and len(text) < _MAX_DATE_TEXT:
                found = find_date(text, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
                if found:
                    return found
        return None

    def _date_near_headline(self) -> tuple[datetime, str] | None:
        """A date written just after (or just before) the ``<h1>``, as date lines are."""
        for h1 in islice(self.root.iter("h1"), 3):
            for texts in (
                [*h1.itertext(), *select_texts(_FOLLOWING_TEXT, h1)],
                select_texts(_PRECEDING_TEXT, h1)[::-1],
            ):
                text = " ".join(t.strip() for t in texts)[:_MAX_DATE_TEXT]
                found = find_date(text, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
                if found:
                    return found
        return None

    def _url_date(self) -> tuple[datetime, str] | None:
        """``/2025/02/23/``, ``/2025-02-23-slug``, ``/23-01-2022-slug``, ``/08112021-slug``."""
        path = urlsplit(self.url).path
        match = _URL_DATE.search(path)
        if match:
            year, month, day = match.groups()
        else:
            match = _URL_DAY_FIRST.search(path)
            if not match:
                return None
            day, month, year = match.groups()
        raw = f"{year}-{month}-{day}"
        parsed = parse_date(raw, now=self.downloaded, tz=self._tz)
        return (parsed, match.group(0)) if parsed else None
