from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newscrawl.retry import BackoffRetryMiddleware, retry_after


def response(status, **headers):
    return Response("https://s.example/a/", status=status, headers=headers)


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after(response(503, **{"Retry-After": "7"})) == 7.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after(response(503, **{"Retry-After": soon})) <= 30
    assert retry_after(response(503, **{"Retry-After": "soon"})) is None
    assert retry_after(response(503)) is None


def _middleware(**settings):
    crawler = get_crawler(settings_dict={"NEWSCRAWL_RETRY_BACKOFF": 0.05, **settings})
    crawler.spider = crawler._create_spider("test")
    crawler.stats.open_spider()
    return BackoffRetryMiddleware.from_crawler(crawler)


def test_a_retry_waits_what_the_server_asks_else_a_doubling_backoff():
    middleware = _middleware(
        NEWSCRAWL_RETRY_BACKOFF_MAX=30.0, NEWSCRAWL_RETRY_AFTER_MAX=0.2, RETRY_TIMES=3
    )
    request = Request("https://s.example/a/")

    async def timed(coroutine):
        started = time.monotonic()
        result = await coroutine
        return result, time.monotonic() - started

    retry, waited = asyncio.run(timed(middleware.process_response(request, response(500))))
    assert isinstance(retry, Request) and 0.03 < waited < 0.2
    _, waited = asyncio.run(timed(middleware.process_response(retry, response(500))))
    assert 0.07 < waited < 0.3  # doubled
    asked, waited = asyncio.run(
        timed(middleware.process_response(request, response(503, **{"Retry-After": "9"})))
    )
    assert isinstance(asked, Request) and 0.18 < waited < 0.4  # asked 9 s, capped at 0.2
    gone, waited = asyncio.run(timed(middleware.process_response(request, response(404))))
    assert isinstance(gone, Response) and waited < 0.02  # never retried
