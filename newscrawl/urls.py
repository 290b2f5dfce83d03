"""One key per article, however many URLs lead to it.

Feeds add ``utm_*`` tags, AMP and print views live at their own URLs, and
``http``/``www.`` variants abound; the seen-state and the duplicate filter
both compare articles by :func:`article_key`.
"""

from __future__ import annotations

import re
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


def site_of(url: str) -> str:
    """Host and port, ``www.`` aside: the unit a crawl stays on and reports by."""
    return urlsplit(url).netloc.lower().removeprefix("www.")
