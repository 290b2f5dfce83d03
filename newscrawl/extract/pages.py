"""A post split over pages: which page this is, and where its next page is.

WordPress prints a post split with ``<!--nextpage-->`` as pages ``/post/``,
``/post/2/``, ``/post/3/`` (``?page=2`` with plain permalinks) and links them
with ``wp_link_pages()`` — ``div.page-links``, ``nav.page-links``,
``a.post-page-numbers`` and every theme's own pager; news sites print "Page 2
of 3" pagers or a ``rel=next`` link. What they share is the address: a page
of a post is the post's own URL with a page number after it. So the next
page is the link, anywhere on the page, to this post's page ``n + 1`` —
never a Prev/Next Post link, which leads to another post's URL
(:mod:`newscrawl.extract.navigation` turns these same links away).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import join_url, page_key, select_texts

__all__ = ["MAX_PAGES", "next_page", "split_page"]

#: Pages of one post followed at most (a pager that never ends is not a post).
MAX_PAGES = 50
_PAGE_PATH = re.compile(r"^(?P<base>.+?)/(?P<n>[1-9]\d{0,2})/?$")
_PAGE_PARAMS = ("page", "pg")
#: The links a next page can be: those naming the post (its last path segment), a page
#: number in a query, or a short relative one (``2/``); and a ``<link rel=next>``.
_HREFS = etree.XPath(
    "//a/@href[contains(., $slug) or contains(., 'page=') or contains(., 'pg=')"
    " or string-length(.) < 8]"
    " | //link[contains(translate(@rel, 'NEXT', 'next'), 'next')]/@href"
)


def next_page(
    root: HtmlElement,
    url: str,
    first: str | None = None,
    number: int = 1,
    near: HtmlElement | None = None,
) -> str | None:
    """The URL of the post's next page, when the page read from ``url`` links it.

    ``url`` is page ``number`` of the post whose first page is ``first``
    (``url`` itself by default: a page reached as an article is its post's
    first page, whatever digits end its address). ``near``, the article
    container, narrows the search to it and what follows it (where themes
    print their page links) and the ``<head>``: a walk over every link of the
    page costs more than the rest of this module.
    """
    if number >= MAX_PAGES:
        return None
    first = first or url
    wanted = number + 1
    if near is not None:
        blocks = [near, *near.itersiblings(etree.Element)]  # the container, what follows it
        hrefs = [h for block in blocks for el in block.iter("a") if (h := el.get("href"))]
        head = root.find("head")
        if head is not None:
            hrefs += [
                h
                for el in head.iter("link")
                if "next" in (el.get("rel") or "").lower() and (h := el.get("href"))
            ]
    else:
        slug = urlsplit(first).path.rstrip("/").rpartition("/")[2] or "/"
        hrefs = select_texts(_HREFS, root, slug=slug)
    for href in hrefs:
        if not _may_be_page(href):
            continue
        target = join_url(url, href.strip())
        if target is None:
            continue
        base, n = split_page(target)
        if n == wanted and page_key(base) == page_key(first):
            return target
    return None


def _may_be_page(href: str) -> bool:
    """A cheap first look: a page's address ends in its number, or names it in the query."""
    end = href.rstrip().rstrip("/")[-1:]
    return end.isdigit() or "page=" in href or "pg=" in href


def split_page(url: str) -> tuple[str, int]:
    """``(the post's first page, the page number)``: ``/post/3/`` → ``(/post/, 3)``."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for name in _PAGE_PARAMS:
        values = [v for k, v in query if k == name]
        if values and values[0].isdigit() and 0 < int(values[0]) <= 999:
            rest = urlencode([(k, v) for k, v in query if k != name])
            return urlunsplit(parts._replace(query=rest, fragment="")), int(values[0])
    match = _PAGE_PATH.match(parts.path)
    if match and not match.group("base").endswith(("/page", "/comment-page")):
        slash = "/" if parts.path.endswith("/") else ""
        path = match.group("base") + slash
        return urlunsplit(parts._replace(path=path, fragment="")), int(match.group("n"))
    return urlunsplit(parts._replace(fragment="")), 1
