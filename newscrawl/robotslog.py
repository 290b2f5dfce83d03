"""A robots.txt that cannot be fetched is one warning line, not a traceback.

Scrapy's ``RobotsTxtMiddleware`` logs any failure to download robots.txt as an
error with the whole traceback, a connection refused or a DNS miss as loudly as
a bug. For the ordinary network failures this extension's log filter turns the
record into one warning that says what happens next (the site's pages are asked
for as if robots.txt allowed them, as Scrapy does); other exceptions keep their
traceback. Scrapy still counts each under ``robotstxt/exception_count/…``.
"""

from __future__ import annotations

import logging
from typing import Self
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from twisted.internet.error import (
    ConnectError,
    ConnectionDone,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

__all__ = ["RobotsTxtErrors", "ordinary_network_error"]

#: What the internet does to a request every day: no traceback needed. Scrapy wraps
#: Twisted's errors in its own (2.19); both are here.
_NETWORK_ERRORS = (
    DownloadConnectionRefusedError,
    CannotResolveHostError,
    DownloadTimeoutError,
    DownloadFailedError,
    ResponseDataLossError,
    ConnectError,  # connection refused, no route, ...
    ConnectionDone,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
    ResponseFailed,
    ResponseNeverReceived,
)
_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


def ordinary_network_error(error: BaseException) -> bool:
    return isinstance(error, _NETWORK_ERRORS)


class _OneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is None or not ordinary_network_error(error):
            return True
        request = record.args.get("request") if isinstance(record.args, dict) else None
        parts = urlsplit(getattr(request, "url", ""))
        robots = f"{parts.scheme}://{parts.netloc}/robots.txt" if parts.netloc else "robots.txt"
        record.msg = "Could not fetch %s (%s); the site's pages are fetched as if it allowed all"
        record.args = (robots, _reason(error))
        record.exc_info = None
        record.exc_text = None
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        return True


def _reason(error: BaseException) -> str:
    reasons = getattr(error, "reasons", None)  # ResponseFailed: the failures underneath
    if reasons:
        return str(reasons[0].getErrorMessage())
    return str(error).strip() or type(error).__name__


class RobotsTxtErrors:
    """Installs the filter for the crawl's lifetime (see the module's docstring)."""

    def __init__(self) -> None:
        self.filter = _OneLine()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls()
        logging.getLogger(_LOGGER).addFilter(extension.filter)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self) -> None:
        logging.getLogger(_LOGGER).removeFilter(self.filter)
