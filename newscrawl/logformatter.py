"""One log line per dropped page: its URL and why, never a dump of the item.

The DEBUG lines Scrapy writes for every page ("Crawled (200) …", "Scraped
from …") are not built at all when ``LOG_LEVEL`` is above DEBUG: Scrapy sets
the root logger to pass everything and leaves the level to its handler, so
each would otherwise become a log record only to be thrown away — about 1%
of a CPU-bound crawl.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import Request, Spider, logformatter
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure


class LogFormatter(logformatter.LogFormatter):
    def __init__(self, *, debug: bool = True) -> None:
        super().__init__()
        self.debug = debug

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        level = logging.getLevelName(str(crawler.settings.get("LOG_LEVEL")).upper())
        return cls(debug=not isinstance(level, int) or level <= logging.DEBUG)

    def crawled(  # type: ignore[override]  # None: no line (Scrapy checks for it)
        self, request: Request, response: Response, spider: Spider
    ) -> logformatter.LogFormatterResult | None:
        return super().crawled(request, response, spider) if self.debug else None

    def scraped(  # type: ignore[override]
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> logformatter.LogFormatterResult | None:
        return super().scraped(item, response, spider) if self.debug else None

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> logformatter.LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped %(url)s: %(exception)s"
        result["args"] = {"url": ItemAdapter(item).get("url"), "exception": exception}
        return result
