"""The ``news`` spider: from article pages, walk the site's Prev/Next Post chain.

The spider only decides what to fetch next. What a page holds is read by
:class:`~newscrawl.extract.ArticlePage`; the item pipelines clean and filter it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from newscrawl.arguments import NewsArguments, parse_arguments
from newscrawl.extract import ArticlePage

#: Request meta: which way the walk is going ("prev"/"next"; absent on a start page).
DIRECTION = "newscrawl_direction"
#: Request meta: the site (host) of the start page the walk belongs to.
SITE = "newscrawl_site"


class NewsSpider(Spider):
    """Export every post of the Prev/Next chain that runs through each start page.

    Arguments (``-a``): ``start=URL[,URL...]``, ``follow=both|prev|next|none``,
    ``limit=N``.
    """

    name = "news"

    def __init__(
        self,
        start: str | None = None,
        follow: str | None = None,
        limit: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.args: NewsArguments = parse_arguments(start, follow, limit)
        self.start_urls = list(self.args.start)
        self.limit = self.args.limit
        self.allowed_domains = sorted({_host(url) for url in self.start_urls})
        self.visited: set[str] = set()

    @classmethod
    def check_arguments(cls, **spargs: str) -> None:
        """Raise :class:`~newscrawl.arguments.ArgumentError` for bad ``-a`` values."""
        parse_arguments(spargs.get("start"), spargs.get("follow"), spargs.get("limit"))

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.limit is not None:
            crawler.settings.set("CLOSESPIDER_ITEMCOUNT", spider.limit, priority="spider")
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            yield Request(url, callback=self.parse, errback=self.on_error, meta={SITE: _site(url)})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            stats.inc_value("newscrawl/not_html")
            self.logger.warning("Not an HTML page, skipped: %s", response.url)
            return
        page = ArticlePage(response.selector, response.url)
        item = page.to_item()
        key = canonicalize_url(item.get("canonicalUrl") or response.url)
        if key in self.visited:
            stats.inc_value("newscrawl/chain/revisited")
            self.logger.info("Chain reached %s again (as %s); not walking on", key, response.url)
            return
        self.visited.add(key)
        yield item
        yield from self._neighbour_requests(response, page)

    def _neighbour_requests(self, response: Response, page: ArticlePage) -> Iterator[Request]:
        came_from = response.meta.get(DIRECTION)
        directions = (came_from,) if came_from else self.args.directions
        site = response.meta.get(SITE) or _site(response.url)
        for direction in directions:
            link = getattr(page.neighbours, direction)
            if not link:
                self.crawler.stats.inc_value(f"newscrawl/chain/end_{direction}")
                continue
            if _site(link) != site:
                self.crawler.stats.inc_value("newscrawl/chain/offsite")
                self.logger.info("Not following %s link off the site: %s", direction, link)
                continue
            if self.limit is not None and self._exported() >= self.limit:
                return
            yield Request(
                link,
                callback=self.parse,
                errback=self.on_error,
                meta={DIRECTION: direction, SITE: site},
            )

    def on_error(self, failure: Failure) -> None:
        """A broken link in the chain: log one line, count it, let the rest go on."""
        request: Request = failure.request  # type: ignore[attr-defined]
        error = failure.value
        if isinstance(error, HttpError):
            reason = f"HTTP {error.response.status}"
        else:
            reason = failure.getErrorMessage() or type(error).__name__
        direction = request.meta.get(DIRECTION, "start")
        self.crawler.stats.inc_value("newscrawl/chain/broken")
        self.logger.warning(
            "Chain broken at %s (%s), reached as %s", request.url, reason, direction
        )

    def _exported(self) -> int:
        return int(self.crawler.stats.get_value("item_scraped_count", 0))


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _site(url: str) -> str:
    """Host and port, ``www.`` aside: the walk never leaves it."""
    netloc = urlsplit(url).netloc.lower()
    return netloc.removeprefix("www.")
