"""Redirects stay on the site: a site is its host and port, wherever a link lands.

The spider follows only links to its site's hosts, and Scrapy's off-site filter
compares host names alone; a redirect is followed wherever it points. A link on
``127.0.0.1:8000`` that redirects to ``127.0.0.1:9000`` (or to another host) would
take the crawl to another site. This middleware checks each request a redirect
made (an HTTP 3xx or a ``<meta http-equiv=refresh>``) before any other downloader
middleware (robots.txt's included) acts on it: off the site, it is not sent, with
one line in the log, ``newscrawl/redirect_offsite`` in the stats, and the request
failed as ignored. A start point the user named may redirect anywhere.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from newscrawl.frontier import SITE
from newscrawl.spiders.news import START
from newscrawl.urls import site_of

__all__ = ["OffsiteRedirectMiddleware"]

logger = logging.getLogger(__name__)


class OffsiteRedirectMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """A request a redirect made (Scrapy records where from in ``redirect_urls``), by a
        3xx answer or a ``<meta http-equiv=refresh>``, checked before it is sent anywhere."""
        came_from = request.meta.get("redirect_urls")
        if came_from:
            self._check(request, came_from[-1], request.url)

    def _check(self, request: Request, source: str, target: str) -> None:
        if request.meta.get(START):
            return
        config = getattr(self.crawler.spider, "sites", {}).get(request.meta.get(SITE))
        if config is None or not config.hosts or site_of(target) in config.hosts:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/redirect_offsite")
        logger.warning(
            "Not following the redirect from %s to %s: another site than %s",
            source,
            target,
            config.name,
        )
        raise IgnoreRequest(f"redirect off the site, to {target}")
