"""The ``news`` spider: from articles, feeds, sitemaps or home pages, walk the Prev/Next chain.

The spider only decides what to fetch next. What a page holds is read by
:class:`~newscrawl.extract.ArticlePage`; the item pipelines clean, filter
and remember it.

A start point is recognised by its content: an article page starts a walk
both ways (``follow``); a feed or sitemap lists posts, and from each new one
the Prev chain is walked back until it meets ``NEWSCRAWL_SEEN_STOP`` posts in
a row that earlier runs exported, so the gap between two runs is filled even
when the feed lists only the last ten posts; a home page is searched for its
feeds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from twisted.python.failure import Failure

from newscrawl.arguments import NewsArguments, directions, int_setting, parse_arguments
from newscrawl.extract import ArticlePage, html_selector
from newscrawl.extract.dates import parse_date
from newscrawl.extract.feeds import (
    FEED,
    HTML,
    SITEMAP,
    FeedEntry,
    find_feeds,
    parse_feed,
    parse_sitemap,
    sniff,
)
from newscrawl.pipelines import SeenStatePipeline
from newscrawl.state import Seen, SeenStore
from newscrawl.urls import article_key, site_of

#: Request meta: which way the walk is going ("prev"/"next"; absent on a start page).
DIRECTION = "newscrawl_direction"
#: Request meta: the name of the site (sites file, or host) the request belongs to.
SITE = "newscrawl_site"
#: Request meta: what a feed or sitemap said about the post (a FeedEntry).
ENTRY = "newscrawl_entry"
#: Request meta: how many already exported posts in a row the walk has met.
SEEN_RUN = "newscrawl_seen_run"
#: Request meta: the page is a start point, of any kind.
START = "newscrawl_start"

_GZIP_MAGIC = b"\x1f\x8b"


class NewsSpider(Spider):
    """Export the posts reachable from each start point along the Prev/Next chain.

    Arguments (``-a``): ``start=URL[,URL...]``, ``sites=FILE``,
    ``follow=both|prev|next|none``, ``limit=N``.
    """

    name = "news"

    def __init__(
        self,
        start: str | None = None,
        follow: str | None = None,
        limit: str | int | None = None,
        sites: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.args: NewsArguments = parse_arguments(start, follow, limit, sites)
        self.sites = {site.name: site for site in self.args.all_sites()}
        self.limit = self.args.limit
        self.allowed_domains = sorted(
            {urlsplit(url).hostname or "" for site in self.sites.values() for url in site.start}
        )
        self.visited: set[str] = set()

    @classmethod
    def check_arguments(cls, **spargs: str) -> None:
        """Raise :class:`~newscrawl.arguments.ArgumentError` for bad ``-a`` values."""
        parse_arguments(
            spargs.get("start"), spargs.get("follow"), spargs.get("limit"), spargs.get("sites")
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.limit is not None:
            crawler.settings.set("CLOSESPIDER_ITEMCOUNT", spider.limit, priority="spider")
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        for site in spider.sites.values():
            if site.download_slot:
                slots[site.name] = site.download_slot
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for site in self.sites.values():
            for url in site.start:
                yield self._request(url, self.parse_start, site=site.name, **{START: True})

    def parse_start(self, response: Response) -> Iterator[Any]:
        """A start point: feed, sitemap, home page or article, told apart by content."""
        body = response.body
        if body[:2] == _GZIP_MAGIC:
            body = self._gunzip(response)
        kind = sniff(body)
        site = response.meta[SITE]
        if kind == FEED:
            yield from self._feed(response, body, site)
        elif kind == SITEMAP:
            yield from self._sitemap(response, body, site)
        elif kind == HTML and isinstance(response, TextResponse) and _is_home(response):
            yield from self._home(response, site)
        elif isinstance(response, TextResponse):
            yield from self.parse(response)
        else:
            self._count(site, "start_unreadable")
            self.logger.warning("Not a feed, sitemap or page, skipped: %s", response.url)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """An article page: export it, then walk on to its neighbours."""
        site_name = response.meta.get(SITE) or site_of(response.url)
        if not isinstance(response, TextResponse):
            self._count(site_name, "not_html")
            self.logger.warning("Not an HTML page, skipped: %s", response.url)
            return
        site = self.sites.get(site_name)
        page = ArticlePage(
            html_selector(response.text, response.url),
            response.url,
            dayfirst=site.dayfirst if site else None,
            tz=ZoneInfo(site.timezone) if site and site.timezone else UTC,
            body_css=site.body if site else None,
            drop_css=site.drop if site else (),
            language=site.language if site else None,
        )
        item = page.to_item()
        entry: FeedEntry | None = response.meta.get(ENTRY)
        _add_site_and_entry(item, site_name, entry, page)
        key = article_key(item.get("canonicalUrl") or response.url)
        if key in self.visited:
            self.crawler.stats.inc_value("newscrawl/chain/revisited")
            self.logger.info("Chain reached %s again (as %s); not walking on", key, response.url)
            return
        self.visited.add(key)
        yield item
        came_from = response.meta.get(DIRECTION)
        if came_from:
            walk: tuple[str, ...] = (came_from,)
        elif entry is not None:
            walk = ("prev",)
        else:
            walk = directions(site.follow) if site else self.args.directions
        for direction in walk:
            yield from self._walk(response, page, direction, site_name)

    def _walk(
        self, response: Response, page: ArticlePage, direction: str, site: str
    ) -> Iterator[Request]:
        """The next page of the chain, hopping over posts the store already holds.

        A post exported by an earlier run need not be downloaded again: its
        stored neighbour link continues the walk, until ``NEWSCRAWL_SEEN_STOP``
        such posts in a row end a backwards walk. A stored post with no link
        that way is fetched again: it was the end of the chain, and may no
        longer be.
        """
        link = getattr(page.neighbours, direction)
        seen_run = response.meta.get(SEEN_RUN, 0)
        store = self._store()
        stop_after = int_setting(self.crawler.settings, "NEWSCRAWL_SEEN_STOP", minimum=1)
        hopped: set[str] = set()
        while True:
            if link in hopped:
                self._count(site, "chain/stored_cycle")
                return
            if not link:
                self._count(site, f"chain/end_{direction}")
                return
            if site_of(link) != site_of(response.url):
                self._count(site, "chain/offsite")
                self.logger.info("Not following %s link off the site: %s", direction, link)
                return
            if self.limit is not None and self._exported() >= self.limit:
                return
            seen = store.get(article_key(link)) if store else None
            if seen is None:
                yield self._request(link, self.parse, site=site, **{DIRECTION: direction})
                return
            seen_run += 1
            self._count(site, "chain/seen")
            if direction == "prev" and seen_run >= stop_after:
                self._count(site, "chain/stopped_at_seen")
                return
            stored = _stored_link(seen, direction)
            if stored is None:
                yield self._request(
                    link, self.parse, site=site, **{DIRECTION: direction, SEEN_RUN: seen_run}
                )
                return
            hopped.add(link)
            link = stored

    def _feed(self, response: Response, body: bytes, site: str) -> Iterator[Request]:
        feed = parse_feed(body, response.url)
        if feed is None or not feed.entries:
            self._count(site, "feed_unreadable")
            self.logger.warning("Feed without entries or unreadable, skipped: %s", response.url)
            return
        self._count(site, "feed_entries", len(feed.entries))
        for entry in feed.entries:
            yield from self._listed(entry, site, changed=entry.updated)

    def _sitemap(self, response: Response, body: bytes, site: str) -> Iterator[Request]:
        sitemap = parse_sitemap(body, response.url)
        if sitemap is None or not (sitemap.urls or sitemap.sitemaps):
            self._count(site, "sitemap_unreadable")
            self.logger.warning("Sitemap without URLs or unreadable, skipped: %s", response.url)
            return
        for child in sitemap.sitemaps:
            yield self._request(child, self.parse_start, site=site, **{START: True})
        self._count(site, "sitemap_urls", len(sitemap.urls))
        for url in sitemap.urls:
            entry = FeedEntry(
                url=url.url, title=url.title, published=url.published, updated=url.lastmod
            )
            # Without a date, a sitemap cannot say a known post changed: it is skipped.
            yield from self._listed(entry, site, changed=url.lastmod or "")

    def _listed(self, entry: FeedEntry, site: str, changed: str | None) -> Iterator[Request]:
        """A post a feed or sitemap lists: fetched unless the list says it is unchanged.

        ``changed`` is the list's modification date for the post; ``None``
        means the list cannot tell (RSS ``pubDate`` only), so a known post is
        fetched again and compared; ``""`` means "no news", so it is not.
        """
        if site_of(entry.url) not in self.sites[site].hosts:
            self._count(site, "listed_offsite")
            return
        store = self._store()
        seen = store.get(article_key(entry.url)) if store else None
        if seen is None and store and entry.guid:
            seen = store.by_guid(entry.guid)
        if seen is not None and changed is not None and not _newer(changed, seen.date_modified):
            self._count(site, "listed_unchanged")
            return
        yield self._request(entry.url, self.parse, site=site, **{ENTRY: entry})

    def _home(self, response: TextResponse, site: str) -> Iterator[Request]:
        feeds = find_feeds(response.selector.root, response.url) or [
            urljoin(response.url, "/feed/")
        ]
        self.logger.info("Home page %s: reading its feeds %s", response.url, ", ".join(feeds))
        for feed in feeds:
            yield self._request(feed, self.parse_start, site=site, **{START: True})

    def on_error(self, failure: Failure) -> None:
        """A broken link or start point: log one line, count it, let the rest go on."""
        request: Request = failure.request  # type: ignore[attr-defined]
        error = failure.value
        if isinstance(error, HttpError):
            reason = f"HTTP {error.response.status}"
        else:
            reason = failure.getErrorMessage() or type(error).__name__
        site = request.meta.get(SITE) or site_of(request.url)
        self._count(site, "errors")
        if request.meta.get(START):
            self.logger.warning("Start point %s failed (%s)", request.url, reason)
            return
        self.crawler.stats.inc_value("newscrawl/chain/broken")
        direction = request.meta.get(DIRECTION, "listed")
        self.logger.warning(
            "Chain broken at %s (%s), reached as %s", request.url, reason, direction
        )

    def _request(self, url: str, callback: Any, *, site: str, **meta: Any) -> Request:
        """A request of ``site``'s, in the site's own download slot when it sets its politeness.

        Scrapy keys slots by host name, which a site's ``host:port`` or ``www.``
        spelling need not match; and AutoThrottle would lower a site's delay to
        the global minimum after the first response, so a delay set for the
        site is kept as it is.
        """
        config = self.sites[site]
        if config.download_slot:
            meta.setdefault("download_slot", site)
        if config.delay is not None:
            meta.setdefault("autothrottle_dont_adjust_delay", True)
        return Request(url, callback=callback, errback=self.on_error, meta={SITE: site, **meta})

    def _store(self) -> SeenStore | None:
        pipeline = self.crawler.get_item_pipeline(SeenStatePipeline)
        return pipeline.store if pipeline else None

    def _count(self, site: str, name: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(f"newscrawl/site/{site}/{name}", count)
        if name.startswith("chain/"):
            self.crawler.stats.inc_value(f"newscrawl/{name}", count)

    def _exported(self) -> int:
        return int(self.crawler.stats.get_value("item_scraped_count", 0))

    def _gunzip(self, response: Response) -> bytes:
        max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            return gunzip(response.body, max_size=max_size)
        except OSError:
            return b""


def _is_home(response: TextResponse) -> bool:
    """A site's front page, to be searched for feeds rather than read as an article."""
    return urlsplit(response.url).path in {"", "/"}


def _stored_link(seen: Seen, direction: str) -> str | None:
    return seen.prev_url if direction == "prev" else seen.next_url


def _newer(changed: str, known: str | None) -> bool:
    """Whether a list's date says the post changed after the exported revision."""
    if not changed:
        return False
    listed = parse_date(changed)
    stored = parse_date(known) if known else None
    return listed is None or stored is None or listed > stored


def _add_site_and_entry(
    item: dict[str, Any], site: str, entry: FeedEntry | None, page: ArticlePage
) -> None:
    """Record the site, and fill what the page lacks from what its feed entry said."""
    metadata = item.setdefault("metadata", {})
    metadata["site"] = site
    if entry is None:
        return
    metadata["feed"] = {k: v for k, v in asdict(entry).items() if v and k not in {"url", "summary"}}
    if "datePublished" not in item and entry.published:
        published = parse_date(entry.published, dayfirst=page.dayfirst)
        if published:
            item["datePublished"] = published.isoformat()
            item["datePublishedRaw"] = entry.published
    if "authors" not in item and entry.author:
        item["authors"] = [{"name": entry.author}]
    if "description" not in item and entry.summary:
        item["description"] = entry.summary
    if "headline" not in item and entry.title:
        item["headline"] = entry.title
    metadata.setdefault("dateDownloaded", datetime.now(UTC).replace(microsecond=0).isoformat())
