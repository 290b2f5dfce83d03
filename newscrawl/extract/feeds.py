"""Feeds and sitemaps as start points: RSS 2.0, RSS 1.0/RDF, Atom, XML sitemaps.

Recognised by content, never by URL: a feed may live at ``/feed/``,
``/rss.php`` or ``/?format=xml``. Parsing is forgiving (libxml2's recover
mode, names matched without namespaces) and safe (no entities, no network).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import parse_qsl, urlsplit

from lxml import etree
from lxml.html import HtmlElement
from protego import Protego
from w3lib.url import add_or_replace_parameter

from newscrawl.extract._dom import collapse, join_url

FEED, SITEMAP, HTML, UNKNOWN = "feed", "sitemap", "html", "unknown"

_ROOT_TAG = re.compile(rb"<\s*([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)")
_FEED_ROOTS = {b"rss": FEED, b"feed": FEED, b"RDF": FEED, b"rdf": FEED}
_SITEMAP_ROOTS = {b"urlset": SITEMAP, b"sitemapindex": SITEMAP}
# A DOCTYPE may declare entities inline: ``<!DOCTYPE rss [<!ENTITY a "b">]>``.
_PROLOG = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)?", re.DOTALL | re.IGNORECASE
)
_SNIFF_BYTES = 2048
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
)


@dataclass(frozen=True)
class FeedEntry:
    """What a feed says of one post; the page itself stays the source of the body."""

    url: str
    guid: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    summary: str | None = None


@dataclass
class Feed:
    entries: list[FeedEntry] = field(default_factory=list)
    #: The next (older) page of a paged feed (RFC 5005 ``rel=next``), if any.
    next_page: str | None = None


@dataclass(frozen=True)
class SitemapUrl:
    url: str
    lastmod: str | None = None
    #: ``news:publication_date`` of a Google News sitemap.
    published: str | None = None
    title: str | None = None


@dataclass
class Sitemap:
    urls: list[SitemapUrl] = field(default_factory=list)
    #: Child sitemaps of a sitemap index.
    sitemaps: list[str] = field(default_factory=list)


def sniff(body: bytes) -> str:
    """:data:`FEED`, :data:`SITEMAP`, :data:`HTML` or :data:`UNKNOWN`, from the first bytes."""
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    while (prolog := _PROLOG.match(head)) and prolog.end():
        head = head[prolog.end() :]
    match = _ROOT_TAG.match(head)
    if not match:
        return UNKNOWN
    name = match.group(2)
    if name in _FEED_ROOTS:
        return _FEED_ROOTS[name]
    if name in _SITEMAP_ROOTS:
        return _SITEMAP_ROOTS[name]
    if name.lower() in {b"html", b"head", b"body", b"meta", b"title", b"div", b"link"}:
        return HTML
    return UNKNOWN


def parse_feed(body: bytes, base_url: str) -> Feed | None:
    """The entries of an RSS or Atom document, newest first as the feed lists them."""
    root = _parse_xml(body)
    if root is None or _local(root) not in {"rss", "feed", "RDF"}:
        return None
    feed = Feed()
    for el in root.iter():
        name = _local(el)
        if name in {"item", "entry"}:
            entry = _entry(el, base_url)
            if entry is not None:
                feed.entries.append(entry)
        elif name == "link" and el.get("rel") == "next" and el.get("href") and _is_feed_level(el):
            feed.next_page = join_url(base_url, el.get("href", ""))
    return feed


def parse_sitemap(body: bytes, base_url: str) -> Sitemap | None:
    """Page URLs (with their dates) of a sitemap, or child sitemaps of an index."""
    if sniff(body) != SITEMAP:
        return None
    sitemap = Sitemap()
    for entry in iter_sitemap(body, base_url):
        if isinstance(entry, SitemapUrl):
            sitemap.urls.append(entry)
        else:
            sitemap.sitemaps.append(entry.url)
    return sitemap


@dataclass(frozen=True)
class ChildSitemap:
    """A sitemap an index lists."""

    url: str
    lastmod: str | None = None


def iter_sitemap(body: bytes, base_url: str) -> Iterator[SitemapUrl | ChildSitemap]:
    """A sitemap's entries one at a time, without building the whole document.

    A sitemap may list 50,000 URLs in 50 MB; each ``<url>`` is read and then
    freed, so memory holds one entry, not the tree. Entities are never
    expanded and nothing is fetched from the network.
    """
    events = etree.iterparse(
        BytesIO(body.lstrip()),
        events=("end",),
        recover=True,
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        huge_tree=False,
    )
    try:
        for _, el in events:
            name = _local(el)
            if name not in {"url", "sitemap"}:
                continue
            fields = _children_text(el)
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
            loc = fields.get("loc")
            if not loc:
                continue
            loc = join_url(base_url, loc)
            if not loc:
                continue
            if name == "sitemap":
                yield ChildSitemap(loc, fields.get("lastmod"))
            else:
                yield SitemapUrl(
                    loc, fields.get("lastmod"), fields.get("publication_date"), fields.get("title")
                )
    except etree.XMLSyntaxError:
        return


#: Sitemaps of things that are not posts: taxonomies, authors, static pages.
_NOT_POSTS = re.compile(
    r"(?:^|[-_./])(?:page|pages|category|categories|tag|tags|post_tag|taxonomies|taxonomy|"
    r"author|authors|users?|attachment)(?:[-_./]|\d|$)",
    re.IGNORECASE,
)


def lists_posts(sitemap_url: str) -> bool:
    """Whether an index's child sitemap may list posts (not WordPress's or Yoast's
    taxonomy, author and page sitemaps: ``wp-sitemap-taxonomies-category-1.xml``,
    ``wp-sitemap-posts-page-1.xml``, ``author-sitemap.xml``)."""
    name = urlsplit(sitemap_url).path.rsplit("/", 1)[-1]
    return not _NOT_POSTS.search(name)


def robots_sitemaps(body: bytes) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    try:
        return list(Protego.parse(body.decode("utf-8", "replace")).sitemaps)
    except ValueError:
        return []


def next_feed_page(feed: Feed, url: str) -> str | None:
    """The next (older) page of a paged feed: RFC 5005 ``rel=next``, else WordPress's ``?paged=N``.

    A feed that ignores ``paged`` answers page 2 with page 1 again; the
    caller stops at a page that repeats the one before.
    """
    if feed.next_page:
        return feed.next_page
    paged = dict(parse_qsl(urlsplit(url).query)).get("paged", "1")
    number = int(paged) if paged.isdigit() else 1
    return str(add_or_replace_parameter(url, "paged", str(number + 1)))


def find_feeds(root: HtmlElement, url: str) -> list[str]:
    """Feeds a page announces with ``<link rel=alternate>``, comment feeds left out."""
    feeds = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in _FEED_TYPES or not href:
            continue
        title = (link.get("title") or "").lower()
        absolute = join_url(url, href)
        if not absolute or "comment" in title or "/comments/" in absolute or absolute in feeds:
            continue
        feeds.append(absolute)
    return feeds


def _parse_xml(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, remove_comments=True
    )
    try:
        return etree.fromstring(body.lstrip(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _entry(el: etree._Element, base_url: str) -> FeedEntry | None:
    fields = _children_text(el)
    url = _entry_link(el) or fields.get("link")
    guid = fields.get("guid") or fields.get("id")
    if not url and guid and guid.startswith(("http://", "https://")):
        url = guid
    url = join_url(base_url, url) if url else None
    if not url:
        return None
    author = fields.get("creator") or fields.get("author")
    return FeedEntry(
        url=url,
        guid=guid or el.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"),
        title=fields.get("title"),
        published=fields.get("pubDate")
        or fields.get("published")
        or fields.get("date")
        or fields.get("issued"),
        updated=fields.get("updated") or fields.get("modified"),
        author=author,
        summary=fields.get("description") or fields.get("summary"),
    )


def _entry_link(el: etree._Element) -> str | None:
    """Atom's ``<link rel="alternate" href>`` (RSS puts the URL in the text)."""
    for child in el:
        if (
            _local(child) == "link"
            and child.get("href")
            and child.get("rel", "alternate") == "alternate"
        ):
            return str(child.get("href"))
    return None


def _children_text(el: etree._Element) -> dict[str, str]:
    """Text of each direct child by local name (the first one wins); Atom authors by name."""
    fields: dict[str, str] = {}
    for child in el.iter():
        if child is el or not isinstance(child.tag, str):
            continue
        name = _local(child)
        if name == "author" and len(child):
            names = [collapse(c.text or "") for c in child if _local(c) == "name"]
            text = names[0] if names else ""
        else:
            text = collapse(child.text or "")
        if text and name not in fields:
            fields[name] = text
    return fields


def _is_feed_level(el: etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and _local(parent) in {"feed", "channel"}


def _local(el: etree._Element) -> str:
    """The tag without its namespace (``{http://…}loc`` → ``loc``).

    Read from the string: the recovering parser makes tags (``news:``) that
    ``etree.QName`` refuses.
    """
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
