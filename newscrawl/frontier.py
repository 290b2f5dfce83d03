"""The durable frontier: every post a crawl discovers, recorded before it is requested.

A Prev/Next chain is a linked list: a request lost in flight (a kill, a server
that fails once too often) loses every post behind it. Scrapy's ``JOBDIR``
keeps the scheduler's queue across a clean stop, but a request already taken
from the queue when the process dies is gone, and after a ``SIGKILL`` the
queue on disk is stale. So this spider middleware records each request the
spider marks with :data:`TRACK` — posts, and the sitemap, feed and listing
pages that lead to them — in a :class:`~newscrawl.state.FrontierStore`
*before* the request reaches the scheduler, follows each one to its end
(``exported``, ``done``, ``failed``, ``gone``) through the crawl's signals,
and at start-up issues again what an earlier run left unfinished.

The order of writes, and why a kill between any two of them loses and
duplicates nothing:

1. a discovered request is recorded ``known``, then scheduled: killed before
   the record, the page that led to it was not settled either, and is fetched
   again;
2. the page's response is parsed; the requests it leads to are recorded,
   then the page is settled (``parsed`` when it gave an item, else ``done``);
3. the item passes the pipelines and its line is written to the feed (files
   are written a line at a time, straight to the OS: see
   :mod:`newscrawl.feedstorage`); only then is the post settled ``exported``
   (and the seen-state told);
4. a kill between 3's line and its record leaves the post ``parsed``: at the
   next start the tail of the feed files is searched for its line — found,
   the post is settled ``exported`` (and remembered by the seen-state) without
   being fetched again; not found, it is fetched again.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self
from uuid import uuid4

from itemadapter import ItemAdapter, is_item
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.utils.request import request_from_dict
from w3lib.url import canonicalize_url

from newscrawl import backend
from newscrawl.arguments import int_setting, state_path
from newscrawl.bounds import read_moment
from newscrawl.feedstorage import repair_tail, tail_lines
from newscrawl.state import (
    DONE,
    EXPORTED,
    FAILED,
    GONE,
    KNOWN,
    PARSED,
    SOURCES,
    Entry,
    FrontierStore,
    SQLiteFrontier,
    Tracked,
    seen_of,
)
from newscrawl.urls import article_key, site_of

if TYPE_CHECKING:
    from newscrawl.fleet import Fleet
    from newscrawl.redisstate import RedisFrontier

__all__ = ["CONTINUES", "FETCH_FAILED", "KEY", "REISSUED", "TRACK", "Frontier", "frontier_key"]

logger = logging.getLogger(__name__)

#: Request meta: ``(kind, source)`` of a request to record: kind ``post`` or ``page``,
#: source ``start``, ``chain``, ``sitemap``, ``feed`` or ``listing``.
TRACK = "newscrawl_track"
#: Request meta: the frontier's key for the request (set when it is recorded).
KEY = "newscrawl_key"
#: Request meta: the request was issued again from the frontier by a later run.
REISSUED = "newscrawl_reissued"
#: Request meta: the post's publication date as a list gave it (for the progress line).
PUBLISHED = "newscrawl_published"
#: Request meta: the site the request belongs to (shared with the spider).
SITE = "newscrawl_site"
#: Response meta a callback sets when a page tracked as a post (a start point) is not one.
PAGE_KIND = "newscrawl_page_kind"
#: Request meta the errback sets: the request was settled as failed, whatever it outputs.
FETCH_FAILED = "newscrawl_fetch_failed"
#: Request meta of a post's page 2, 3…: the post's first page (its item comes with the last).
CONTINUES = "newscrawl_continues"
#: Request meta: recorded already (by :meth:`Frontier.record`, from an errback).
RECORDED = "newscrawl_recorded"

_RUNNING = "newscrawl.running"
#: How many lines back from a feed's end a post settled ``parsed`` is looked for.
#: Items are written one at a time, so the unsettled ones are the last few lines.
_TAIL_LINES = 1000


def frontier_key(kind: str, url: str) -> str:
    """Posts are known by their article key; other pages by their canonical URL."""
    return article_key(url) if kind == "post" else "page " + canonicalize_url(url)


class Frontier:
    """Spider middleware: record discoveries before they are scheduled; resume what is left."""

    def __init__(
        self, crawler: Crawler, store: FrontierStore, crawl: str, fleet: Fleet | None = None
    ) -> None:
        self.crawler = crawler
        self.store = store
        self.crawl = crawl
        #: The workers sharing this crawl on Redis (``NEWSCRAWL_BACKEND``), or None.
        self.fleet = fleet
        self.jobdir: Path | None = None
        self.max_failures = int_setting(crawler.settings, "NEWSCRAWL_RETRY_RUNS", minimum=0)
        self._items: dict[int, str] = {}
        #: Keys this process recorded, with their sources: a rediscovery is not serialized,
        #: and touches the store only when it was found a new way.
        self._recorded: dict[str, int] = {}
        self.recovered = 0
        #: The oldest publication date among the posts exported so far.
        self.oldest: datetime | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        jobdir = settings.get("JOBDIR")
        if backend.redis_url(settings):
            from newscrawl.fleet import fleet_of
            from newscrawl.redisstate import RedisFrontier

            fleet = fleet_of(crawler)
            store = RedisFrontier(fleet.server, fleet.prefix, owner=fleet.worker)
            frontier = cls(crawler, store, fleet.crawl, fleet)
            crawler.signals.connect(frontier.spider_idle, signal=signals.spider_idle)
            frontier._recover(frontier.store.feeds())
        else:
            path = state_path(settings)
            crawl = f"job:{Path(jobdir).resolve()}" if jobdir else f"run:{uuid4().hex}"
            frontier = cls(crawler, SQLiteFrontier(path or ":memory:"), crawl)
            if jobdir:
                frontier._open_job(Path(jobdir))
            if path:
                frontier._recover(frontier.store.feeds())
        crawler.signals.connect(frontier.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(frontier.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(frontier.item_error, signal=signals.item_error)
        crawler.signals.connect(frontier.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(frontier.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(frontier.engine_stopped, signal=signals.engine_stopped)
        return frontier

    # Start-up ------------------------------------------------------------------

    def _open_job(self, jobdir: Path) -> None:
        """Set aside the request queue Scrapy kept in ``JOBDIR``: the frontier holds it all.

        Scrapy writes its queue's state only when it stops cleanly: after a
        kill the files on disk no longer describe the queue. After a clean
        stop they hold requests the frontier holds too, which would then be
        fetched twice. Either way the frontier's requests are issued instead.
        """
        self.jobdir = jobdir
        jobdir.mkdir(parents=True, exist_ok=True)
        marker = jobdir / _RUNNING
        queue = jobdir / "requests.queue"
        if marker.exists():
            logger.warning(
                "Job %s did not stop cleanly last time (killed?): resuming from the frontier",
                jobdir,
            )
            self.crawler.stats.inc_value("newscrawl/frontier/unclean_resume")
        elif queue.exists():
            logger.info("Job %s stopped cleanly: resuming from the frontier", jobdir)
        if queue.exists():
            shutil.rmtree(queue)
        marker.write_text(str(os.getpid()), encoding="utf-8")

    def _recover(self, feeds: list[str], *, ours: bool = False) -> None:
        """Settle posts left ``parsed`` by a kill: exported if their line is in a feed.

        ``ours``: the posts this crawl's dead workers left (a fleet's sweep);
        otherwise those earlier runs left — on one machine, a resumed job's own.
        """
        if ours:
            left: Iterable[Entry] = self._ours([PARSED])
        else:
            left = (
                e
                for e in self.store.pending(None, [PARSED])
                if self.fleet is None or e.crawl != self.crawl
            )
        waiting = {e.fetched_url or e.url: e for e in left}
        if not waiting:
            return
        recovered = 0
        seen = backend.seen_store(self.crawler)
        for feed in feeds:
            file = Path(feed)
            if not waiting or not file.is_file():
                continue
            cut = repair_tail(file)
            if cut:
                logger.warning("Feed %s ended in a cut line (%d bytes): removed", feed, cut)
                self.crawler.stats.inc_value("newscrawl/feed/cut_lines_removed")
            for line in tail_lines(file, _TAIL_LINES):
                try:
                    exported = json.loads(line)
                except ValueError:
                    continue
                entry = (
                    waiting.pop(str(exported.get("url")), None)
                    if isinstance(exported, dict)
                    else None
                )
                if entry is None:
                    continue
                key = article_key(exported.get("canonicalUrl") or exported["url"])
                if seen is not None:
                    seen.put(seen_of(exported, key), aliases=[article_key(exported["url"])])
                self.store.settle(entry.key, EXPORTED)
                recovered += 1
                if not waiting:
                    break
        if seen is not None:
            seen.close()
        for entry in waiting.values():
            self.store.settle(entry.key, KNOWN)
        logger.info(
            "Frontier: %d posts found in the feeds they were written to, %d to fetch again",
            recovered,
            len(waiting),
        )
        self.recovered += recovered
        self.crawler.stats.inc_value("newscrawl/frontier/recovered", recovered)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        for request in self._reissue():
            yield request
        async for request in start:
            if isinstance(request, Request) and TRACK in request.meta:
                for kept in self._record([request]):
                    yield kept
            else:
                yield request

    def _reissue(self) -> Iterator[Request]:
        """What earlier runs left unfinished, for this run's sites, issued first.

        Claimed a chunk at a time before they are issued: of a fleet's
        workers starting together, each entry goes to the one that claims it.
        """
        spider = self._spider()
        sites = list(getattr(spider, "sites", {}))
        counts = {"post": 0, "page": 0}
        given_up = 0
        chunk: list[Entry] = []
        for entry in self.store.pending(sites, [KNOWN, PARSED, FAILED]):
            if entry.state == FAILED and entry.attempts > self.max_failures:
                given_up += 1
                continue
            if entry.request is not None:
                chunk.append(entry)
            if len(chunk) >= 500:
                yield from self._claimed(chunk, counts)
                chunk = []
        yield from self._claimed(chunk, counts)
        failed = counts.pop("failed", 0)
        stats = self.crawler.stats
        if counts["post"] or counts["page"] or given_up:
            logger.info(
                "Frontier: issuing again %d posts and %d pages an earlier run left "
                "(%d of them failed before; %d given up after %d failed runs)",
                counts["post"],
                counts["page"],
                failed,
                given_up,
                self.max_failures + 1,
            )
        stats.inc_value("newscrawl/frontier/reissued", counts["post"] + counts["page"])
        if given_up:
            stats.inc_value("newscrawl/frontier/given_up", given_up)

    def _claimed(self, entries: list[Entry], counts: dict[str, int]) -> Iterator[Request]:
        """The entries' requests, rebuilt first: only those that can be are claimed."""
        requests = {e.key: r for e in entries if (r := self._request_of(e)) is not None}
        claimed = set(self.store.claim(list(requests), self.crawl))
        for entry in entries:
            if entry.key not in claimed:
                continue
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
            counts["failed"] = counts.get("failed", 0) + (entry.state == FAILED)
            yield requests[entry.key]

    def _request_of(self, entry: Entry) -> Request | None:
        """The entry's request as it was recorded, to issue again (past the duplicate filter)."""
        assert entry.request is not None
        try:
            request = request_from_dict(pickle.loads(entry.request), spider=self._spider())
        except (ValueError, AttributeError, pickle.UnpicklingError):
            logger.warning("Frontier: cannot issue %s again (spider changed?)", entry.url)
            return None
        request.dont_filter = True
        request.meta[REISSUED] = True
        self._recorded[entry.key] = entry.sources
        return request

    # During the crawl ----------------------------------------------------------

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        outputs = [output async for output in result]
        tracked = [
            o
            for o in outputs
            if isinstance(o, Request) and TRACK in o.meta and RECORDED not in o.meta
        ]
        meta = response.request.meta if response.request else {}
        own = meta.get(KEY) if not meta.get(FETCH_FAILED) else None
        truncated = bool(own) and "dataloss" in response.flags
        items = [] if truncated else [o for o in outputs if is_item(o)]
        # A post's page whose next page is asked for: its item comes with the last page.
        continues = any(isinstance(o, Request) and CONTINUES in o.meta for o in outputs)
        with self.store.batch():  # what the page leads to, and the page settled: one write
            kept = {id(request) for request in self._record(tracked)}
            if own:
                self._settle_page(own, response, items or continues, truncated=truncated)
        for output in outputs:
            if truncated and is_item(output):
                continue
            if (
                isinstance(output, Request)
                and TRACK in output.meta
                and RECORDED not in output.meta
                and id(output) not in kept
            ):
                continue
            if own and is_item(output):
                self._items[id(output)] = own
            yield output

    def _settle_page(self, own: str, response: Response, parsed: Any, *, truncated: bool) -> None:
        if truncated:
            # DOWNLOAD_FAIL_ON_DATALOSS off: a body shorter than its Content-Length is
            # still a failure, never an article.
            self.store.settle(own, FAILED, error="truncated body")
            self.crawler.stats.inc_value("newscrawl/truncated")
            logger.warning("Truncated body, not exported: %s", response.url)
            return
        state = PARSED if parsed else DONE
        # A post's later page: the post is known by its first page's URL (the item's url).
        fetched = response.meta.get(CONTINUES) or response.url
        self.store.settle(own, state, fetched_url=fetched, kind=response.meta.get(PAGE_KIND))

    def _record(self, requests: list[Request]) -> list[Request]:
        """Record requests durably (one write); keep those not yet handled by this crawl."""
        if not requests:
            return []
        spider = self._spider()
        stats = self.crawler.stats
        tracked: list[Tracked] = []
        for request in requests:
            kind, source = request.meta[TRACK]
            key = request.meta.setdefault(KEY, frontier_key(kind, request.url))
            known = self._recorded.get(key)
            bit = SOURCES[source]
            if known is not None and known & bit:
                tracked.append(_ALREADY)
                continue
            self._recorded[key] = (known or 0) | bit
            tracked.append(
                Tracked(
                    key=key,
                    site=str(request.meta.get(SITE) or site_of(request.url)),
                    kind=kind,
                    url=request.url,
                    source=bit,
                    # Recorded before: the store only adds the new source.
                    request=b"" if known is not None else _serialize(request, spider),
                    published=request.meta.get(PUBLISHED),
                )
            )
        scheduled = {
            t.key for t in self.store.record([t for t in tracked if t is not _ALREADY], self.crawl)
        }
        kept = []
        for request, entry in zip(requests, tracked, strict=True):
            if entry.key in scheduled:
                scheduled.discard(entry.key)  # the same key twice in one batch: once
                kept.append(request)
                stats.inc_value(f"newscrawl/frontier/recorded/{entry.kind}")
            else:
                stats.inc_value("newscrawl/frontier/already_known")
        return kept

    def record(self, requests: list[Request]) -> list[Request]:
        """Record requests an errback issues (Scrapy passes an errback's output through
        no spider middleware after a download error); return those to schedule."""
        kept = self._record(requests)
        for request in kept:
            request.meta[RECORDED] = True
        return kept

    def unseen(self, urls: Iterable[str], kind: str = "post") -> list[str]:
        """The URLs this crawl has not recorded yet (for a listing's "anything new?")."""
        by_key = {frontier_key(kind, url): url for url in urls}
        maybe = [key for key in by_key if key not in self._recorded]
        entries = self.store.entries(maybe)
        return [
            by_key[key] for key in maybe if key not in entries or entries[key].crawl != self.crawl
        ]

    def failed(self, request: Request, reason: str, *, permanent: bool = False) -> None:
        """A tracked request that could not be fetched (after Scrapy's retries)."""
        key = request.meta.get(KEY)
        if key:
            self.store.settle(key, GONE if permanent else FAILED, error=reason)

    def ignored(self, request: Request, reason: str) -> None:
        """A tracked request that will not be fetched (robots.txt, off-site): done with."""
        key = request.meta.get(KEY)
        if key:
            self.store.settle(key, DONE, error=reason)

    def request_dropped(self, request: Request) -> None:
        """The scheduler's duplicate filter turned it away: its page is already asked for.

        A sitemap, feed or listing page asked for twice (a start point that is
        also a usual place for one), or any page redirected to one already
        requested, is done with. A post turned away otherwise stays to do.
        """
        key = request.meta.get(KEY)
        kind = request.meta.get(TRACK, ("", ""))[0]
        if key and (kind == "page" or request.meta.get("redirect_urls")):
            self.store.settle(key, DONE, error="already requested")

    def item_scraped(self, item: Any) -> None:
        key = self._items.pop(id(item), None)
        published = ItemAdapter(item).get("datePublished")
        if key:
            self.store.settle(key, EXPORTED, published=published)
        moment = read_moment(published) if published else None
        if moment is not None and (self.oldest is None or moment < self.oldest):
            self.oldest = moment

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        key = self._items.pop(id(item), None)
        if not key:
            return
        reason = getattr(exception, "reason", "")
        # Over the limit: the next run (or a resume) exports it. Unchanged: exported before.
        state = {"limit": KNOWN, "unchanged": EXPORTED}.get(reason, DONE)
        if reason == "limit" and self.fleet is not None:
            reason = f"limit {self.fleet.worker}"  # another worker may export it
        self.store.settle(key, state, error=reason or None)

    def item_error(self, item: Any, failure: Any) -> None:
        key = self._items.pop(id(item), None)
        if key:
            self.store.settle(key, FAILED, error=str(getattr(failure, "value", failure)))

    # A fleet's idle worker ------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        """Stay while the fleet has work; when it has none, issue again what dead workers held."""
        fleet = self.fleet
        assert fleet is not None
        verdict = fleet.when_idle()
        if verdict == "close":
            return
        if verdict == "wait":
            raise DontCloseSpider
        try:
            issued = self._sweep()
        finally:
            fleet.release_sweep()
        if issued or not fleet.end():  # the end checks again, in the same step as ending
            raise DontCloseSpider

    def _sweep(self) -> int:
        """Issue again this crawl's posts and pages still ``known``: nobody holds them now.

        Not those a live worker's limit left (``-a limit``, a site's ``limit``): the
        next run's; those a stopped worker's limit left, another worker may export.
        An entry whose request cannot be rebuilt is settled failed, not tried forever.
        """
        fleet = self.fleet
        assert fleet is not None
        alive = fleet.alive()
        self._recover(self._fleet_store.feeds_not_of(alive), ours=True)
        entries = [
            e
            for e in self._ours([KNOWN])
            if e.request is not None and not _limited_by(e.error, alive)
        ]
        issued = 0
        for entry in entries:
            request = self._request_of(entry)
            if request is None:
                self.store.settle(entry.key, FAILED, error="request cannot be rebuilt")
                continue
            if not issued:
                fleet.mark_busy()
            self.crawler.engine.crawl(request)
            issued += 1
        if issued:
            logger.warning(
                "Fleet: %d requests of crawl %s were held by workers that stopped or died: "
                "issued again",
                issued,
                self.crawl,
            )
            self.crawler.stats.inc_value("newscrawl/fleet/recovered", issued)
        return issued

    def _ours(self, states: list[str]) -> list[Entry]:
        """This crawl's entries in ``states`` (a fleet's: read from the crawl's own index)."""
        return self._fleet_store.of_crawl(self.crawl, states)

    @property
    def _fleet_store(self) -> RedisFrontier:
        from newscrawl.redisstate import RedisFrontier

        assert isinstance(self.store, RedisFrontier)
        return self.store

    # The end -------------------------------------------------------------------

    def summary(self, site: str | None) -> dict[str, int]:
        """What this crawl knows of its posts (one site's, or all): see ``FrontierStore``."""
        return self.store.summary(site, self.crawl)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.jobdir is not None:
            (self.jobdir / _RUNNING).unlink(missing_ok=True)

    def engine_stopped(self) -> None:
        self.store.close()

    def _spider(self) -> Spider:
        spider = self.crawler.spider
        assert spider is not None
        return spider


def _limited_by(error: str | None, alive: dict[str, str]) -> bool:
    """Whether a live worker's limit left the entry (``limit <worker>``)."""
    if not error or not error.startswith("limit"):
        return False
    worker = error.partition(" ")[2]
    return not worker or worker in alive


#: A request this process recorded before, the same way: nothing to write.
_ALREADY = Tracked(key="", site="", kind="", url="", source=0, request=b"")


def _serialize(request: Request, spider: Spider) -> bytes:
    """The request as Scrapy's disk queues keep it (``Request.to_dict``), callbacks by name."""
    names = {}
    for attribute in ("callback", "errback"):
        method = getattr(request, attribute)
        if callable(method):
            if getattr(method, "__self__", None) is not spider:
                raise ValueError(f"{attribute} of {request.url} is not a method of the spider")
            names[attribute] = method.__name__
    data = request.replace(callback=None, errback=None).to_dict()
    data.update(names)
    return pickle.dumps(data, protocol=4)
