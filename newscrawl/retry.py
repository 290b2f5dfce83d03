"""Scrapy's retries, with the backoff and ``Retry-After`` they lack.

Scrapy's :class:`~scrapy.downloadermiddlewares.retry.RetryMiddleware` decides
what is retried (``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``: 5xx, 429,
dropped connections, timeouts, a body shorter than its ``Content-Length``)
and how often (``RETRY_TIMES``), but sends the retry at once: a struggling
server is asked again before it could recover. This subclass keeps all of
that and waits before each retry: what the server's ``Retry-After`` asks
(capped by ``NEWSCRAWL_RETRY_AFTER_MAX``), else an exponential backoff of
``NEWSCRAWL_RETRY_BACKOFF`` seconds doubled per attempt, capped by
``NEWSCRAWL_RETRY_BACKOFF_MAX``. The wait holds no download slot of the
site's: other requests go on meanwhile.
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response

__all__ = ["BackoffRetryMiddleware", "retry_after"]


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        settings = crawler.settings
        self.backoff = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF")
        self.backoff_max = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX")
        self.after_max = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, retry_after(response))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    async def _wait(self, retry: Request, asked: float | None) -> None:
        attempt = int(retry.meta.get("retry_times", 1))
        if asked is not None:
            delay = min(asked, self.after_max)
            self.crawler.stats.inc_value("retry/retry_after")
        else:
            delay = min(self.backoff * 2 ** (attempt - 1), self.backoff_max)
            delay *= random.uniform(0.75, 1.25)
        if delay > 0:
            await asyncio.sleep(delay)


def retry_after(response: Response) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), if any."""
    header = response.headers.get(b"Retry-After")
    if not header:
        return None
    value = header.decode("latin-1").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
