"""Redirects stay on the site: a site is its host and port, wherever a link lands.

The spider follows only links to its site's hosts, and Scrapy's off-site filter
compares host names alone; a redirect is followed wherever it points. A link on
``127.0.0.1:8000`` that redirects to ``127.0.0.1:9000`` (or to another host) would
take the crawl to another site. This middleware sits between the downloader and
``RedirectMiddleware`` and refuses such a redirect before it is followed: one
line in the log, ``newscrawl/redirect_offsite`` in the stats, and the request
fails as ignored. A start point the user named may redirect anywhere.
"""

from __future__ import annotations

import logging
from typing import Self
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import safe_url_string

from newscrawl.frontier import SITE
from newscrawl.spiders.news import START
from newscrawl.urls import site_of

__all__ = ["OffsiteRedirectMiddleware"]

logger = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class OffsiteRedirectMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        location = response.headers.get(b"Location")
        if response.status not in _REDIRECTS or not location or request.meta.get(START):
            return response
        config = getattr(self.crawler.spider, "sites", {}).get(request.meta.get(SITE))
        if config is None or not config.hosts:
            return response
        target = urljoin(request.url, safe_url_string(location.decode("latin-1")))
        if site_of(target) in config.hosts:
            return response
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/redirect_offsite")
        logger.warning(
            "Not following the redirect from %s to %s: another site than %s",
            request.url,
            target,
            config.name,
        )
        raise IgnoreRequest(f"redirect off the site, to {target}")
