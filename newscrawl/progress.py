"""One progress line every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds, in the manner of LogStats.

An archive crawl runs for hours; its log says, every few seconds, how far it
is: posts known, fetched and exported (from the frontier, so a resumed job
counts what earlier runs did), pages and articles a minute, the oldest
publication date reached, and — when a sitemap listed the posts, so the
total is known — how long the rest should take.
"""

from __future__ import annotations

import logging
import time
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import AsyncioLoopingCall, create_looping_call
from twisted.internet.task import LoopingCall

from newscrawl.frontier import Frontier
from newscrawl.state import DONE, EXPORTED, FAILED, GONE, PARSED

logger = logging.getLogger(__name__)


class Progress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: AsyncioLoopingCall | LoopingCall | None = None
        self.started = time.monotonic()
        self.pages = self.items = 0
        self.baseline = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval)
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.baseline = _settled(self._counts())  # a resumed job's earlier work
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def log(self) -> None:
        logger.info("%s", self.line())

    def line(self) -> str:
        stats = self.crawler.stats
        assert stats is not None
        pages = int(stats.get_value("response_received_count", 0))
        items = int(stats.get_value("item_scraped_count", 0))
        per_minute = 60.0 / self.interval
        page_rate = (pages - self.pages) * per_minute
        item_rate = (items - self.items) * per_minute
        self.pages, self.items = pages, items
        frontier = self.crawler.get_spider_middleware(Frontier)
        counts = self._counts()
        known = counts.get("posts", 0)
        fetched = sum(counts.get(state, 0) for state in (PARSED, EXPORTED, DONE))
        settled = _settled(counts)
        text = (
            f"Progress: posts {known} known, {fetched} fetched, {counts.get(EXPORTED, 0)} exported"
        )
        if counts.get(FAILED):
            text += f", {counts[FAILED]} failed"
        text += f"; {page_rate:.0f} pages/min, {item_rate:.0f} articles/min"
        if frontier is not None and frontier.oldest is not None:
            text += f"; oldest {frontier.oldest.date().isoformat()}"
        if counts.get("in_sitemaps") and known > settled:
            elapsed = time.monotonic() - self.started
            rate = (settled - self.baseline) / elapsed if elapsed > 0 else 0.0
            text += f"; ETA {_duration((known - settled) / rate)}" if rate > 0 else ""
        return text

    def _counts(self) -> dict[str, int]:
        frontier = self.crawler.get_spider_middleware(Frontier)
        return frontier.summary(None) if frontier else {}


def _settled(counts: dict[str, int]) -> int:
    return sum(counts.get(state, 0) for state in (PARSED, EXPORTED, DONE, FAILED, GONE))


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
