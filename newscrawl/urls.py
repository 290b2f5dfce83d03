"""One key per article, however many URLs lead to it.

Feeds add ``utm_*`` tags, AMP and print views live at their own URLs, and
``http``/``www.`` variants abound; the seen-state and the duplicate filter
both compare articles by :func:`article_key`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

#: Query parameters that track a click, never select content.
TRACKING_PARAMETERS = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "utm_id",
    "utm_name",
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "cmpid",
    "ocid",
    "src",
    "smid",
    "at_medium",
    "at_campaign",
)
#: Query parameters that only switch to an AMP or print view.
_VIEW_PARAMETERS = ("amp", "outputType", "output", "print", "view")
_VIEW_SUFFIX = re.compile(r"/(?:amp|print)/?$")


@lru_cache(maxsize=1 << 16)  # a post's URL comes back as its neighbours' links
def article_key(url: str) -> str:
    """The URL every variant of an article shares: ``https``, no ``www.``, no trackers."""
    cleaned = url_query_cleaner(
        url, TRACKING_PARAMETERS + _VIEW_PARAMETERS, remove=True, keep_fragments=False
    )
    parts = urlsplit(canonicalize_url(cleaned))
    host = parts.netloc.lower().removeprefix("www.")
    path = _VIEW_SUFFIX.sub("/", parts.path) or "/"
    if path != "/" and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return urlunsplit(("https", host, path, parts.query, ""))


#: Paths of pages that list posts rather than tell one: archives, feeds, search, admin.
_LISTING_PATH = re.compile(
    r"/(?:page/\d+|category|categories|tag|tags|author|authors|feed|rss|search|"
    r"wp-admin|wp-login\.php|wp-json|wp-content|wp-includes|xmlrpc\.php|comments|attachment)"
    r"(?:/|$)",
    re.IGNORECASE,
)
_LISTING_QUERY = re.compile(r"(?:^|&)(?:s|paged|cat|tag|author|feed|replytocom)=", re.IGNORECASE)
_DATE_ARCHIVE = re.compile(r"^/\d{4}(?:/\d{1,2}){0,2}/?$")
#: WordPress's plain permalinks: ``/?p=123`` is a post, not the home page.
_POST_QUERY = re.compile(r"(?:^|&)(?:p|page_id)=\d")


def looks_like_listing(url: str) -> bool:
    """Whether a URL names a listing (home, archive, tag, feed, search), not a post.

    For links found on listings and in sitemaps, which also point at these;
    a post's own Prev/Next links are followed whatever their shape.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    return (
        (path == "/" and not _POST_QUERY.search(parts.query))
        or bool(_LISTING_PATH.search(path))
        or bool(_DATE_ARCHIVE.match(path))
        or bool(_LISTING_QUERY.search(parts.query))
    )


def site_of(url: str) -> str:
    """Host and port, ``www.`` aside: the unit a crawl stays on and reports by."""
    return urlsplit(url).netloc.lower().removeprefix("www.")
