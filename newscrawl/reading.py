"""Reading an article page, in the crawl's process or in worker processes.

Extraction is most of a crawl's CPU time, and Scrapy runs on one core.
With ``NEWSCRAWL_EXTRACT_WORKERS`` set, pages are read in that many
worker processes: each runs the same :class:`~newscrawl.extract.ArticlePage`
and the item pipelines that need the parsed page (``needs_page = True``:
the furniture stripping and the rendering of the body, whose lxml tree cannot
cross processes), and sends back the item with its neighbours and its stats;
the crawl's process runs the remaining pipelines as usual. With none (the
default), pages are read in the crawl's own process, by the same code.

A worker that dies fails only the page it was reading (:class:`ReaderDied`;
the spider fails it in the frontier, so the next run fetches it again) and
is replaced. Workers ignore Ctrl-C (the crawl's to handle) and leave when
their pipe closes: at the end of the crawl, or when the crawl is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import pickle
import signal
import sys
import traceback
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any
from zoneinfo import ZoneInfo

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector, StatsCollector
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawl.extract import ArticlePage, html_selector
from newscrawl.extract._dom import MAX_DEPTH, is_flattened
from newscrawl.garbage import tune
from newscrawl.sites import SiteConfig

__all__ = ["Read", "ReaderDied", "ReaderPool", "article_page"]

logger = logging.getLogger(__name__)


def article_page(
    text: str, url: str, site: SiteConfig | None, stats: StatsCollector
) -> ArticlePage:
    """The page object for ``url``, with the site's overrides (sites file).

    A page nested too deep to read as it was (see ``html_selector``) is one line
    and ``newscrawl/too_deep``.
    """
    selector = html_selector(text, url)
    if is_flattened(selector.root):
        stats.inc_value("newscrawl/too_deep")
        logger.info("Nested over %d levels deep, read as text from there: %s", MAX_DEPTH, url)
    return ArticlePage(
        selector,
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
    #: The post's page 2, when the page is the first of a post split over pages.
    next_page: str | None = None


class ReaderDied(RuntimeError):
    """The worker process reading a page died (killed, out of memory) before answering."""


class ReaderPool:
    """``processes`` worker processes reading pages, one page each at a time.

    Each worker is a spawned process (no reactor is forked) at the other end
    of a pipe; the event loop watches the pipes, so no thread of the crawl's
    process waits on them. A worker takes its next page as soon as it has
    answered, from the pages waiting in the order they came. A worker that
    dies takes only its own page with it (:class:`ReaderDied`) and is replaced.
    """

    def __init__(self, processes: int, settings: dict[str, Any]) -> None:
        self._settings = _picklable(settings)
        self._context = multiprocessing.get_context("spawn")
        self._size = processes
        self._workers: list[_Connection] = []
        self._idle: deque[_Connection] = deque()
        self._waiting: deque[tuple[tuple[str, str, SiteConfig | None], asyncio.Future[Read]]] = (
            deque()
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        #: Workers in a row that died before they were ready to read.
        self._failed_starts = 0
        #: Set once workers cannot be started: the crawl reads pages itself.
        self.broken = False

    async def read(self, text: str, url: str, site: SiteConfig | None) -> Read:
        if self.broken:
            raise ReaderDied("extraction workers cannot start")
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            for _ in range(self._size):
                self._start()
        future: asyncio.Future[Read] = self._loop.create_future()
        self._waiting.append(((text, url, site), future))
        self._dispatch()
        return await future

    def close(self) -> None:
        self._closed = True
        for worker in list(self._workers):
            self._stop(worker)
        for _, future in self._waiting:
            if not future.done():
                future.set_exception(ReaderDied("extraction workers stopped"))
        self._waiting.clear()

    # Workers ------------------------------------------------------------------------

    def _start(self) -> None:
        assert self._loop is not None
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, self._settings), daemon=True)
        process.start()
        theirs.close()
        worker = _Connection(ours, process)
        self._workers.append(worker)
        self._loop.add_reader(ours.fileno(), self._answered, worker)

    def _dispatch(self) -> None:
        while self._idle and self._waiting:
            args, future = self._waiting.popleft()
            if future.cancelled():
                continue
            worker = self._idle.popleft()
            worker.future = future
            with contextlib.suppress(OSError):  # if it just died, its pipe's end says so
                worker.conn.send(args)

    def _answered(self, worker: _Connection) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._died(worker)
            return
        future, worker.future = worker.future, None
        worker.ready = True
        self._failed_starts = 0
        self._idle.append(worker)
        self._dispatch()  # its next page first, then the answer is handed on
        if future is None or future.done():
            return  # "ready", or a page whose reader gave up waiting
        if isinstance(message, Read):
            future.set_result(message)
        else:
            future.set_exception(message)

    def _died(self, worker: _Connection) -> None:
        future = worker.future
        self._stop(worker)
        code = worker.process.exitcode
        if future is not None and not future.done():
            future.set_exception(ReaderDied(f"the worker reading it died (exit code {code})"))
        if not worker.ready:
            self._failed_starts += 1
        if self._failed_starts >= _MAX_FAILED_STARTS:
            self._give_up(code)
        elif not self._closed:
            self._start()

    def _give_up(self, code: int | None) -> None:
        """Workers die before they can read (a broken environment): no more are started,
        and the pages waiting are handed back to be read by the crawl itself."""
        self.broken = True
        self.close()
        logger.error(
            "Extraction workers cannot start (the last exited with code %s); "
            "pages are read in the crawl's own process",
            code,
        )

    def _stop(self, worker: _Connection) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        if worker in self._idle:
            self._idle.remove(worker)
        if self._loop is not None:
            self._loop.remove_reader(worker.conn.fileno())
        worker.conn.close()  # the worker sees the end of its pipe and exits
        worker.process.join(timeout=2)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


class _Worker:
    """The page-bound item pipelines, built once per worker process."""

    def __init__(self, values: dict[str, Any]) -> None:
        from scrapy.crawler import Crawler  # only workers need one

        from newscrawl.spiders.news import NewsSpider  # the spider imports this module

        settings = Settings(values)  # the crawl's own, as the command line set them
        crawler = Crawler(NewsSpider, settings)
        self.stats = MemoryStatsCollector(crawler)
        crawler.stats = self.stats
        self.pipelines = page_pipelines(crawler)

    def read(self, text: str, url: str, site: SiteConfig | None) -> Read:
        page = article_page(text, url, site, self.stats)
        item: Any = page.to_item()
        later = page.next_page()  # after the container is found, before the pipelines edit it
        for pipeline in self.pipelines:
            item = pipeline.process_item(item)
        counted = {k: v for k, v in self.stats.get_stats().items() if isinstance(v, int)}
        self.stats.clear_stats()
        neighbours = page.neighbours
        return Read(
            dict(item), neighbours.prev, neighbours.next, bool(page.dayfirst), counted, later
        )


def page_pipelines(crawler: Any) -> list[Any]:
    """The crawl's item pipelines that work on the parsed page (``needs_page``), built anew."""
    paths = build_component_list(crawler.settings.getwithbase("ITEM_PIPELINES"))
    classes = [load_object(path) for path in paths]
    return [
        build_from_crawler(cls, crawler) for cls in classes if getattr(cls, "needs_page", False)
    ]


#: Workers in a row dying before they are ready, after which none are started.
_MAX_FAILED_STARTS = 3


def _picklable(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings a worker can be sent: one that does not pickle (a lambda in a
    ``custom_settings``) stays behind, said once in the log."""
    kept = {}
    for name, value in settings.items():
        try:
            pickle.dumps(value)
        except Exception:  # pickling raises whatever the object's reducer raises
            logger.warning("Extraction workers run without the setting %s: it cannot be sent", name)
            continue
        kept[name] = value
    return kept


@dataclass(eq=False)
class _Connection:
    conn: Connection
    process: BaseProcess
    future: asyncio.Future[Read] | None = None
    #: It said "ready" (or answered a page) once.
    ready: bool = False


def _serve(conn: Connection, settings: dict[str, Any]) -> None:
    """A worker process: "ready", then one answer for each page, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle
    try:
        worker = _Worker(settings)
    except Exception as error:  # the crawl's process says what it means, once
        print(f"Extraction worker cannot start: {error!r}", file=sys.stderr)
        sys.exit(1)
    threshold = int(settings.get("NEWSCRAWL_GC_THRESHOLD") or 0)
    if threshold > 0:  # as the crawl's process sets it (newscrawl.garbage)
        tune(threshold)
    try:
        conn.send(None)  # "ready"
    except OSError:  # the crawl closed the pipe while this worker started: it is over
        return
    while True:
        try:
            text, url, site = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: Read | BaseException = worker.read(text, url, site)
        except Exception as error:  # the crawl's process reports it as its own
            answer = error
        try:
            try:
                conn.send(answer)
            except (pickle.PicklingError, TypeError, AttributeError):  # an unpicklable error
                lines = traceback.format_exception(answer)  # type: ignore[arg-type]
                conn.send(RuntimeError("".join(lines)))
        except OSError:
            return
