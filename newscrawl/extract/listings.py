"""Listing pages — a home page, ``/page/2/``, an archive — read for their posts and next page.

An archive crawl pages through a site's listings to find posts its sitemap
and feed may not list. Themes print a listing as cards, each with its title
linked to the post (in a heading, or with WordPress's ``rel="bookmark"``),
and a pager below: ``rel="next"``, WordPress's ``a.next.page-numbers`` and
``.wp-block-query-pagination-next``, the classic "Older posts" link
(``.nav-previous``), or a link to page N+1 of the same path. Cards in menus,
sidebars, footers and related-post blocks are not the listing's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from lxml.html import HtmlElement

from newscrawl.extract._dom import HEADING_TAGS, attr_names, collapse, join_url, text_of
from newscrawl.extract.boilerplate import is_off_article
from newscrawl.urls import looks_like_listing, site_of

__all__ = ["ListedPost", "Listing", "read_listing"]


@dataclass(frozen=True)
class ListedPost:
    url: str
    #: The card's ``<time datetime>``, when it shows one.
    published: str | None = None


@dataclass
class Listing:
    posts: list[ListedPost] = field(default_factory=list)
    next_page: str | None = None


_TITLE_NAMES = re.compile(r"(?:^|[-_])(?:title|headline|permalink)(?:$|[-_])")
_CARD_NAMES = re.compile(
    r"(?:^|[-_])(?:post|entry|hentry|card|story|teaser|article|item)s?(?:$|[-_])"
)
_NEXT_NAMES = re.compile(
    r"^(?:next|nav-previous|pagination-next|wp-block-query-pagination-next|older-posts|"
    r"next-page|nextpostslink|older)$"
)
#: Labels that say "older posts" whatever the link looks like...
_OLDER_LABEL = re.compile(
    r"^\W*(?:older (?:posts|entries|articles|stories)|next page|more (?:posts|articles|stories)|"
    r"ältere beiträge|articles plus anciens|entradas anteriores|página siguiente|"
    r"следующая страница)\W*$",
    re.IGNORECASE,
)
#: ... and labels and names that do only when the link looks like a next page.
_NEXT_LABEL = re.compile(r"^\W*(?:next|»|›|→)\W*$", re.IGNORECASE)
_PAGE_PATH = re.compile(r"/page/(\d+)/?$")
_PAGE_PARAMS = ("paged", "page")
_CARD_DEPTH = 6
_TITLE_DEPTH = 3


def read_listing(root: HtmlElement, url: str) -> Listing:
    """The posts a listing page links to, in page order, and its next page."""
    own = url.split("#", 1)[0]
    site = site_of(url)
    posts: dict[str, ListedPost] = {}
    links: list[tuple[HtmlElement, str]] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        joined = join_url(url, href)
        target = joined.split("#", 1)[0] if joined else ""
        if not target or site_of(target) != site or target == own:
            continue
        links.append((a, target))
        if target in posts or looks_like_listing(target) or not _is_title_link(a):
            continue
        if is_off_article(a):
            continue
        posts[target] = ListedPost(target, _card_date(a))
    return Listing(list(posts.values()), _next_page(root, url, links))


def _is_title_link(a: HtmlElement) -> bool:
    if "bookmark" in (a.get("rel") or "").lower().split():
        return True
    node: HtmlElement | None = a
    for _ in range(_TITLE_DEPTH):
        if node is None:
            break
        if node.tag in HEADING_TAGS or any(_TITLE_NAMES.search(n) for n in attr_names(node)):
            return bool(collapse(text_of(a)))
        node = node.getparent()
    return False


def _card_date(a: HtmlElement) -> str | None:
    node = a.getparent()
    for _ in range(_CARD_DEPTH):
        if node is None or node.tag in {"body", "main"}:
            return None
        if node.tag in {"article", "li"} or any(_CARD_NAMES.search(n) for n in attr_names(node)):
            for time in node.iter("time"):
                value = (time.get("datetime") or "").strip()
                if value:
                    return value
        node = node.getparent()
    return None


def _next_page(root: HtmlElement, url: str, links: list[tuple[HtmlElement, str]]) -> str | None:
    number = _page_number(url)
    for _, target in links:
        if _is_page(target, url, number + 1):
            return target
    for link in root.iter("link"):
        if "next" in (link.get("rel") or "").lower().split() and link.get("href"):
            joined = join_url(url, link.get("href", ""))
            return _on_site(joined, url) if joined else None
    for a, target in links:
        if "next" in (a.get("rel") or "").lower().split():
            return target
    for a, target in links:
        label = collapse(text_of(a))
        if _OLDER_LABEL.match(label):
            return target
        parent = a.getparent()
        names = attr_names(a) + (attr_names(parent) if parent is not None else [])
        named = any(_NEXT_NAMES.match(n) for n in names) or _NEXT_LABEL.match(label)
        if named and (_page_number(target) > number or looks_like_listing(target)):
            return target
    return None


def _on_site(target: str, url: str) -> str | None:
    return target if site_of(target) == site_of(url) and target != url else None


def _page_number(url: str) -> int:
    parts = urlsplit(url)
    match = _PAGE_PATH.search(parts.path)
    if match:
        return int(match.group(1))
    for name, value in parse_qsl(parts.query):
        if name in _PAGE_PARAMS and value.isdigit():
            return int(value)
    return 1


def _is_page(target: str, url: str, number: int) -> bool:
    """Whether ``target`` is page ``number`` of the listing ``url`` is a page of."""
    if _page_number(target) != number:
        return False
    a, b = urlsplit(target), urlsplit(url)
    base_a = _PAGE_PATH.sub("/", a.path).rstrip("/")
    base_b = _PAGE_PATH.sub("/", b.path).rstrip("/")
    return base_a == base_b
