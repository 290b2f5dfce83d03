"""A test-only extension that SIGKILLs its own crawl at an exact point of the export.

``-s EXTENSIONS={"tests.killer.KillOnItem": 1}`` with ``-s KILL_ON_ITEM=N``: the
process dies on its N-th ``item_scraped`` after the feed exporter wrote the
line (priority above the FeedExporter's 0) and before the frontier and the
seen-state recorded it; with priority -1, before the line was written.
:class:`DieReading` kills an extraction worker (NEWSCRAWL_EXTRACT_WORKERS) instead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler


class KillOnItem:
    def __init__(self, at: int) -> None:
        self.at = at
        self.seen = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        killer = cls(crawler.settings.getint("KILL_ON_ITEM"))
        crawler.signals.connect(killer.item_scraped, signal=signals.item_scraped)
        return killer

    def item_scraped(self, item: Any) -> None:
        self.seen += 1
        if self.seen == self.at:
            os.kill(os.getpid(), signal.SIGKILL)


class DieReading:
    """A page-bound pipeline (``needs_page``) that SIGKILLs the extraction worker
    reading the post ``DIE_READING`` names: ``-s ITEM_PIPELINES=...`` adds it.

    In the crawl's own process it does nothing, so only worker mode dies.
    """

    needs_page = True

    def __init__(self, url: str) -> None:
        self.url = url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.get("DIE_READING", ""))

    def process_item(self, item: Any) -> Any:
        if multiprocessing.parent_process() is not None and item.get("url") == self.url:
            os.kill(os.getpid(), signal.SIGKILL)
        return item
