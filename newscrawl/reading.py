"""Reading an article page, in the crawl's process or in worker processes.

Extraction is most of a crawl's CPU time, and Scrapy runs on one core.
With ``NEWSCRAWL_EXTRACT_WORKERS`` set, pages are read in that many
worker processes: each runs the same :class:`~newscrawl.extract.ArticlePage`
and the item pipelines that need the parsed page (``needs_page = True``:
the furniture stripping and the rendering of the body, whose lxml tree cannot
cross processes), and sends back the item with its neighbours and its stats;
the crawl's process runs the remaining pipelines as usual. With none (the
default), pages are read in the crawl's own process, by the same code.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawl.extract import ArticlePage, html_selector
from newscrawl.sites import SiteConfig

__all__ = ["Read", "ReaderPool", "article_page"]


def article_page(text: str, url: str, site: SiteConfig | None) -> ArticlePage:
    """The page object for ``url``, with the site's overrides (sites file)."""
    return ArticlePage(
        html_selector(text, url),
        url,
        dayfirst=site.dayfirst if site else None,
        tz=ZoneInfo(site.timezone) if site and site.timezone else UTC,
        body_css=site.body if site else None,
        drop_css=site.drop if site else (),
        language=site.language if site else None,
    )


@dataclass
class Read:
    """What a worker sends back: the item (body cleaned and rendered), the page's
    neighbours, and the stats its pipelines counted."""

    item: dict[str, Any]
    prev: str | None
    next: str | None
    dayfirst: bool
    stats: dict[str, int] = field(default_factory=dict)


class ReaderPool:
    """``processes`` worker processes reading pages (spawned, so no reactor is forked)."""

    def __init__(self, processes: int) -> None:
        self.executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
        )

    async def read(self, text: str, url: str, site: SiteConfig | None) -> Read:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, _read, text, url, site)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


class _Worker:
    """The page-bound item pipelines, built once per worker process."""

    def __init__(self) -> None:
        from scrapy.crawler import Crawler  # only workers need one

        from newscrawl.spiders.news import NewsSpider  # the spider imports this module

        settings = Settings()
        settings.setmodule("newscrawl.settings", priority="project")
        crawler = Crawler(NewsSpider, settings)
        self.stats = MemoryStatsCollector(crawler)
        crawler.stats = self.stats
        paths = build_component_list(crawler.settings.getwithbase("ITEM_PIPELINES"))
        classes = [load_object(path) for path in paths]
        self.pipelines = [
            build_from_crawler(cls, crawler) for cls in classes if getattr(cls, "needs_page", False)
        ]

    def read(self, text: str, url: str, site: SiteConfig | None) -> Read:
        page = article_page(text, url, site)
        item: Any = page.to_item()
        for pipeline in self.pipelines:
            item = pipeline.process_item(item)
        counted = {k: v for k, v in self.stats.get_stats().items() if isinstance(v, int)}
        self.stats.clear_stats()
        neighbours = page.neighbours
        return Read(dict(item), neighbours.prev, neighbours.next, bool(page.dayfirst), counted)


_WORKER: _Worker | None = None


def _start_worker() -> None:
    global _WORKER  # one per worker process
    _WORKER = _Worker()


def _read(text: str, url: str, site: SiteConfig | None) -> Read:
    assert _WORKER is not None
    return _WORKER.read(text, url, site)
