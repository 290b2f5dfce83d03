"""A duplicate filter that speaks up when a redirect leads back to a page already seen.

Scrapy drops such a redirect silently (the target is a duplicate), so a
redirect loop or a neighbour redirecting to an exported post would vanish
from the walk without a word. This filter logs it and counts it.
"""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.dupefilters import RFPDupeFilter

logger = logging.getLogger(__name__)


def log_redirect_to_seen(request: Request, spider: Spider) -> None:
    """One warning, and a count, for a redirect that leads back to a page already requested."""
    redirects = request.meta.get("redirect_urls")
    # An archive crawl's guesses (/sitemap.xml → /wp-sitemap.xml) often redirect
    # to what it already asked for: that is no loop.
    if redirects and not request.meta.get("newscrawl_probe"):
        logger.warning(
            "Redirect from %s leads to %s, already requested (redirect loop?)",
            redirects[0],
            request.url,
        )
        assert spider.crawler.stats is not None
        spider.crawler.stats.inc_value("newscrawl/redirect_to_seen")


class RedirectAwareDupeFilter(RFPDupeFilter):
    def log(self, request: Request, spider: Spider) -> None:
        log_redirect_to_seen(request, spider)
        super().log(request, spider)
