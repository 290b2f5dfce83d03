"""The ``news`` spider: from articles, feeds, sitemaps or home pages, walk to the posts.

The spider only decides what to fetch next. What a page holds is read by
:class:`~newscrawl.extract.ArticlePage` and :mod:`newscrawl.extract.listings`;
the item pipelines clean, filter and remember it; the
:class:`~newscrawl.frontier.Frontier` records every request the spider marks
as tracked before it is scheduled, so no kill or failure loses the posts
behind it.

Two modes (``-a mode=``):

``chain`` (the default, for scheduled crawls)
    A start point is recognised by its content: an article page starts a
    walk both ways (``follow``); a feed or sitemap lists posts, and from each
    new one the Prev chain is walked back until it meets
    ``NEWSCRAWL_SEEN_STOP`` posts in a row that earlier runs exported, so the
    gap between two runs is filled even when the feed lists only the last ten
    posts; a home page is searched for its feeds.

``archive`` (for a site's whole back catalogue)
    Every way into the catalogue at once: the site's sitemaps (robots.txt
    ``Sitemap:`` lines, ``/sitemap.xml``, ``/sitemap_index.xml``,
    ``/wp-sitemap.xml``), its feeds paged back (RFC 5005 ``next``, WordPress
    ``?paged=N``), its listings paged back (``/page/N/``, "Older posts",
    ``rel=next``), and the Prev/Next links of every post fetched — many
    requests in flight, within the per-site politeness settings. The chain
    doubles as the completeness check: the end-of-run summary says which
    posts only the chain found and which only the listings.

``since``/``until`` bound either walk by publication date.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from hashlib import sha1
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from twisted.python.failure import Failure
from w3lib.url import file_uri_to_path

from newscrawl.arguments import (
    KNOWN_ARGUMENTS,
    NewsArguments,
    check_names,
    directions,
    int_setting,
    parse_arguments,
    state_path,
)
from newscrawl.bounds import AFTER, BEFORE, UNTRUSTED, DateBounds
from newscrawl.extract import BODY_KEY, Neighbours
from newscrawl.extract.dates import parse_date
from newscrawl.extract.feeds import (
    FEED,
    HTML,
    SITEMAP,
    ChildSitemap,
    FeedEntry,
    find_feeds,
    iter_sitemap,
    lists_posts,
    next_feed_page,
    parse_feed,
    robots_sitemaps,
    sniff,
)
from newscrawl.extract.listings import read_listing
from newscrawl.frontier import (
    CONTINUES,
    FETCH_FAILED,
    KEY,
    PAGE_KIND,
    PUBLISHED,
    SITE,
    TRACK,
    Frontier,
)
from newscrawl.multipage import POST_PAGES, add_page, first_page, missing_page
from newscrawl.pipelines import SeenStatePipeline
from newscrawl.reading import ReaderDied, ReaderPool, article_page, page_pipelines
from newscrawl.state import Seen, SeenStore
from newscrawl.urls import article_key, looks_like_listing, site_of

#: Request meta: which way the walk is going ("prev"/"next"; absent on a start page).
DIRECTION = "newscrawl_direction"
#: Request meta: what a feed or sitemap said about the post (a FeedEntry).
ENTRY = "newscrawl_entry"
#: Request meta: how many already exported posts in a row the walk has met.
SEEN_RUN = "newscrawl_seen_run"
#: Request meta: the page is a start point, of any kind.
START = "newscrawl_start"
#: Request meta: a guess at where a site keeps its sitemap or feed; a 404 there is normal.
PROBE = "newscrawl_probe"
#: Request meta: the sitemaps of an index still to read after this one.
SITEMAPS_LEFT = "newscrawl_sitemaps_left"
#: Request meta: a paged feed or listing: ``(page number, pages in a row that added
#: no new post, digest of the page's posts)``.
PAGING = "newscrawl_paging"

#: Where an archive crawl looks for a site's sitemaps and feed, beside robots.txt.
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml")
FEED_PATH = "/feed/"
#: Posts before child sitemaps and listing pages: one sitemap's URLs are
#: drained before the next sitemap is read, so the queue never holds them all.
_PAGE_PRIORITY = -10
#: A sitemap's posts are checked against the frontier this many at a time (one query each).
_LISTED_CHUNK = 500
_GZIP_MAGIC = b"\x1f\x8b"


class _Dated(Protocol):
    """A post a feed or a listing names, with the date it gives (if any)."""

    @property
    def published(self) -> str | None: ...


_Listed = TypeVar("_Listed", bound=_Dated)


class NewsSpider(Spider):
    """Export the posts reachable from each start point.

    Arguments (``-a``): ``start=URL[,URL...]``, ``sites=FILE``,
    ``follow=both|prev|next|none``, ``limit=N``, ``mode=chain|archive``,
    ``since=DATE``, ``until=DATE``.
    """

    name = "news"

    def __init__(
        self,
        start: str | None = None,
        follow: str | None = None,
        limit: str | int | None = None,
        sites: str | None = None,
        mode: str | None = None,
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        check_names(list(kwargs))
        super().__init__(**kwargs)
        self.args: NewsArguments = parse_arguments(start, follow, limit, sites, mode, since, until)
        self.sites_file = sites
        self.archive = self.args.mode == "archive"
        self.bounds = DateBounds(self.args.since, self.args.until)
        self.sites = {site.name: site for site in self.args.all_sites()}
        self.limit = self.args.limit
        self.allowed_domains = sorted(
            {urlsplit(url).hostname or "" for site in self.sites.values() for url in site.start}
        )
        self.visited: set[str] = set()
        #: Worker processes reading pages (``NEWSCRAWL_EXTRACT_WORKERS``), or None.
        self.readers: ReaderPool | None = None
        self._page_pipelines: list[Any] | None = None

    @classmethod
    def check_arguments(cls, **spargs: str) -> None:
        """Raise :class:`~newscrawl.arguments.ArgumentError` for bad ``-a`` names or values."""
        check_names(list(spargs))
        parse_arguments(**{name: spargs.get(name) for name in KNOWN_ARGUMENTS})

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
        crawler.signals.connect(spider._say_where, signal=signals.spider_opened)
        workers = int_setting(crawler.settings, "NEWSCRAWL_EXTRACT_WORKERS", minimum=0)
        if workers:
            spider.readers = ReaderPool(workers, crawler.settings.copy_to_dict())
            crawler.signals.connect(spider.readers.close, signal=signals.spider_closed)
        return spider

    def _say_where(self) -> None:
        """One line naming, as absolute paths, the files the run reads and writes.

        Relative paths are the directory the crawl runs in, which under Scrapyd
        or cron is not always the one the user thinks of.
        """
        settings = self.crawler.settings
        named = [
            ("sites file", self.sites_file),
            ("state", state_path(settings)),
            ("job", settings.get("JOBDIR")),
            *(("feed", _local_path(str(uri))) for uri in settings.getdict("FEEDS")),
        ]
        files = [f"{what} {Path(path).resolve()}" for what, path in named if path]
        if files:
            self.logger.info("In %s: %s", Path.cwd(), "; ".join(files))

    async def start(self) -> AsyncIterator[Request]:
        for site in self.sites.values():
            for url in site.start:
                yield self._request(
                    url, self.parse_start, site=site.name, track=("post", "start"), **{START: True}
                )
            if self.archive:
                for request in self._discovery(site.name, site.start):
                    yield request

    def _discovery(self, site: str, starts: tuple[str, ...]) -> Iterator[Request]:
        """Where a site keeps its catalogue: robots.txt, sitemaps, home page, feed.

        Tracked like the pages they lead to, so a resumed job asks only
        those it had not read; a later run asks them all again.
        """
        origins = dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in starts)
        probes = [(path, "sitemap") for path in SITEMAP_PATHS] + [
            ("/", "listing"),
            (FEED_PATH, "feed"),
        ]
        for origin in origins:
            yield self._page(
                origin + "/robots.txt",
                self.parse_robots,
                site=site,
                source="start",
                dont_obey_robotstxt=True,
                **{PROBE: True},
            )
            for path, source in probes:
                if origin + path not in starts:
                    yield self._page(
                        origin + path, self.parse_start, site=site, source=source, **{PROBE: True}
                    )

    # Start points, feeds, sitemaps, listings -------------------------------------

    async def parse_start(self, response: Response) -> AsyncIterator[Any]:
        """A start point or a listed page: feed, sitemap, home page or article, by content."""
        body = response.body
        if body[:2] == _GZIP_MAGIC:
            body = self._gunzip(response)
        kind = sniff(body)
        site = response.meta[SITE]
        home = kind == HTML and isinstance(response, TextResponse) and _is_home(response)
        if kind in {FEED, SITEMAP} or home or not isinstance(response, TextResponse):
            response.meta[PAGE_KIND] = "page"
        if kind == FEED:
            outputs: Iterator[Any] = self._feed(response, body, site)
        elif kind == SITEMAP:
            outputs = self._sitemap(response, body, site)
        elif home:
            assert isinstance(response, TextResponse)
            outputs = self._home(response, site)
        elif isinstance(response, TextResponse):
            if response.meta.get(PROBE):
                self.logger.debug("Not a feed or sitemap: %s", response.url)
                return
            async for output in self.parse(response):
                yield output
            return
        else:
            self._count(site, "start_unreadable")
            self.logger.warning("Not a feed, sitemap or page, skipped: %s", response.url)
            return
        for output in outputs:
            yield output

    def parse_robots(self, response: Response) -> Iterator[Request]:
        """robots.txt's ``Sitemap:`` lines (its rules are Scrapy's RobotsTxtMiddleware's)."""
        site = response.meta[SITE]
        for url in robots_sitemaps(response.body):
            if site_of(url) in self.sites[site].hosts:
                yield self._page(url, self.parse_start, site=site, source="sitemap")

    def _feed(self, response: Response, body: bytes, site: str) -> Iterator[Request]:
        feed = parse_feed(body, response.url)
        paging = response.meta.get(PAGING)
        if feed is None or not feed.entries:
            if paging is None:
                self._count(site, "feed_unreadable")
                self.logger.warning("Feed without entries or unreadable, skipped: %s", response.url)
            return
        self._count(site, "feed_entries", len(feed.entries))
        wanted, all_before = self._within(site, feed.entries, response.url)
        yield from self._listed([(entry, entry.updated) for entry in wanted], site, source="feed")
        if self.archive:
            yield from self._next_page(
                response,
                site,
                next_feed_page(feed, response.url),
                [entry.url for entry in feed.entries],
                all_before=all_before,
                callback=self.parse_start,
                source="feed",
            )

    def _sitemap(self, response: Response, body: bytes, site: str) -> Iterator[Request]:
        """A sitemap's posts; an index's sitemaps one after the other.

        The next sitemap of an index is asked for only when this one's posts
        are read, and after the posts queued (it has a lower priority): the
        queue holds one sitemap's posts at a time, not the whole catalogue's.
        """
        urls = outside = 0
        children: list[str] = []
        chunk: list[tuple[FeedEntry, str | None]] = []
        for entry in iter_sitemap(body, response.url):
            if isinstance(entry, ChildSitemap):
                children.extend(self._child_sitemap(entry, site))
                continue
            urls += 1
            if self.archive and looks_like_listing(entry.url):
                self._count(site, "sitemap_not_posts")
                continue
            verdict = self._sitemap_verdict(site, entry.lastmod, entry.published, response.url)
            if verdict in {BEFORE, AFTER}:
                outside += 1
                continue
            listed = FeedEntry(
                url=entry.url, title=entry.title, published=entry.published, updated=entry.lastmod
            )
            # Without a date, a sitemap cannot say a known post changed: it is skipped.
            chunk.append((listed, entry.lastmod or ""))
            if len(chunk) >= _LISTED_CHUNK:
                yield from self._listed(chunk, site, source="sitemap")
                chunk = []
        yield from self._listed(chunk, site, source="sitemap")
        if urls or children:
            self._count(site, "sitemap_urls", urls)
        elif SITEMAPS_LEFT not in response.meta:
            self._count(site, "sitemap_unreadable")
            self.logger.warning("Sitemap without URLs or unreadable, skipped: %s", response.url)
        if outside:
            self._count(site, "bounds/listed_outside", outside)
        yield from self._next_sitemap(site, children + response.meta.get(SITEMAPS_LEFT, []))

    def _child_sitemap(self, child: ChildSitemap, site: str) -> Iterator[str]:
        if not lists_posts(child.url):
            self._count(site, "sitemap_not_posts")
            self.logger.debug("Not a sitemap of posts, skipped: %s", child.url)
        elif self._verdict(site, child.lastmod, child.url) == BEFORE:
            self._count(site, "bounds/sitemaps_skipped")
        else:
            yield child.url

    def _next_sitemap(self, site: str, left: list[str]) -> Iterator[Request]:
        if left:
            first, *rest = left
            yield self._page(
                first, self.parse_start, site=site, source="sitemap", **{SITEMAPS_LEFT: rest}
            )

    def _home(self, response: TextResponse, site: str) -> Iterator[Request]:
        feeds = find_feeds(response.selector.root, response.url) or [
            urljoin(response.url, FEED_PATH)
        ]
        self.logger.info("Home page %s: reading its feeds %s", response.url, ", ".join(feeds))
        for feed in feeds:
            yield self._page(feed, self.parse_start, site=site, source="feed")
        if self.archive:
            yield from self.parse_listing(response)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """A home page or one of its older pages: the posts it links, then the next page."""
        site = response.meta[SITE]
        response.meta[PAGE_KIND] = "page"
        if not isinstance(response, TextResponse):
            return
        listing = read_listing(response.selector.root, response.url)
        wanted, all_before = self._within(site, listing.posts, response.url)
        for post in wanted:
            yield self._post(post.url, site=site, source="listing", published=post.published)
        self._count(site, "listed_posts", len(listing.posts))
        yield from self._next_page(
            response,
            site,
            listing.next_page,
            [post.url for post in listing.posts],
            all_before=all_before,
            callback=self.parse_listing,
            source="listing",
        )

    def _next_page(
        self,
        response: Response,
        site: str,
        next_url: str | None,
        posts: list[str],
        *,
        all_before: bool,
        callback: Any,
        source: str,
    ) -> Iterator[Request]:
        """Page on through a feed or listing — but not forever.

        It stops at the last page, at a page that repeats the one before (a
        site that ignores the page parameter), after
        ``NEWSCRAWL_LISTING_STALE`` pages in a row with no post the crawl did
        not know, at ``NEWSCRAWL_MAX_PAGES``, and where every dated post on
        the page is older than ``since``.
        """
        number, stale, previous = response.meta.get(PAGING, (1, 0, ""))
        digest = sha1("\n".join(sorted(posts)).encode()).hexdigest()
        if not next_url or not posts or site_of(next_url) not in self.sites[site].hosts:
            return
        if digest == previous:
            self._count(site, f"paging/{source}_repeated")
            self.logger.info("%s repeats the page before: not paging on", response.url)
            return
        if all_before:
            self._count(site, "bounds/paging_stopped")
            return
        frontier = self._frontier()
        new = len(frontier.unseen(posts)) if frontier else len(posts)
        stale = 0 if new else stale + 1
        stale_limit = int_setting(self.crawler.settings, "NEWSCRAWL_LISTING_STALE", minimum=1)
        if stale >= stale_limit:
            self._count(site, f"paging/{source}_stale")
            return
        if number >= int_setting(self.crawler.settings, "NEWSCRAWL_MAX_PAGES", minimum=1):
            self._count(site, f"paging/{source}_max_pages")
            self.logger.warning("Stopped paging at page %d of %s", number, response.url)
            return
        yield self._page(
            next_url, callback, site=site, source=source, **{PAGING: (number + 1, stale, digest)}
        )

    def _listed(
        self, entries: list[tuple[FeedEntry, str | None]], site: str, source: str
    ) -> Iterator[Request]:
        """Posts a feed or sitemap lists, each with the list's modification date for it:
        fetched unless the list says they are unchanged.

        A date of ``None`` means the list cannot tell (RSS ``pubDate`` only), so a
        known post is fetched again and compared; ``""`` means "no news", so it is
        not. The frontier is asked about the entries all at once.
        """
        hosts = self.sites[site].hosts
        onsite = [(entry, changed) for entry, changed in entries if site_of(entry.url) in hosts]
        if len(onsite) < len(entries):
            self._count(site, "listed_offsite", len(entries) - len(onsite))
        frontier = self._frontier()
        unseen = set(frontier.unseen([e.url for e, _ in onsite])) if frontier is not None else None
        store = self._store()
        for entry, changed in onsite:
            if unseen is not None and entry.url not in unseen:
                # Already handled by this crawl: the frontier notes that the list has it too.
                yield self._post(entry.url, site=site, source=source)
                continue
            seen = store.find([article_key(entry.url)], entry.guid) if store else None
            if seen is not None and changed is not None and not _newer(changed, seen.date_modified):
                self._count(site, "listed_unchanged")
                continue
            yield self._post(
                entry.url, site=site, source=source, published=entry.published, **{ENTRY: entry}
            )

    # Articles and the chain ------------------------------------------------------

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """An article page: export it, then walk on to its neighbours."""
        site_name = response.meta.get(SITE) or site_of(response.url)
        if not isinstance(response, TextResponse):
            self._count(site_name, "not_html")
            self.logger.warning("Not an HTML page, skipped: %s", response.url)
            return
        site = self.sites.get(site_name)
        read = None
        if self.readers is not None:
            try:
                read = await self.readers.read(response.text, response.url, site)
            except ReaderDied as error:
                if not self.readers.broken:
                    self._unread(response, site_name, error)
                    return
        if read is not None:
            for name, count in read.stats.items():
                self.crawler.stats.inc_value(name, count)
            item, neighbours, dayfirst = read.item, Neighbours(read.prev, read.next), read.dayfirst
            later_page = read.next_page
        else:
            page = article_page(response.text, response.url, site, self.crawler.stats)
            item, neighbours, dayfirst = page.to_item(), page.neighbours, page.dayfirst
            later_page = page.next_page()
        entry: FeedEntry | None = response.meta.get(ENTRY)
        _add_site_and_entry(item, site_name, entry, dayfirst)
        key = article_key(item.get("canonicalUrl") or response.url)
        if key in self.visited:
            self.crawler.stats.inc_value("newscrawl/chain/revisited")
            self.logger.info("Chain reached %s again (as %s); not walking on", key, response.url)
            return
        self.visited.add(key)
        if later_page is None:
            yield item
        else:  # a post split over pages: exported once its last page is read
            self._count(site_name, "multipage/posts")
            state = first_page(self._rendered(item), response.url)
            yield self._post_page(response, later_page, state, site_name)
        verdict = self.bounds.verdict(item.get("datePublished"))
        came_from = response.meta.get(DIRECTION)
        if self.archive:
            walk: tuple[str, ...] = ("prev", "next")
        elif came_from:
            walk = (came_from,)
        elif entry is not None:
            walk = ("prev",)
        else:
            walk = directions(site.follow) if site else self.args.directions
        for direction in walk:
            if (direction, verdict) in {("prev", BEFORE), ("next", AFTER)}:
                self._count(site_name, "bounds/walk_stopped")
                continue
            link = getattr(neighbours, direction)
            steps = self._neighbour if self.archive else self._walk
            for request in steps(response, link, direction, site_name):
                yield request

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Page 2, 3… of a post: its body added to the post's; the next page, or the post."""
        state = response.meta[POST_PAGES]
        site_name = response.meta.get(SITE) or site_of(response.url)
        if not isinstance(response, TextResponse):
            yield missing_page(state, response.url, "not an HTML page")
            return
        page = article_page(
            response.text, response.url, self.sites.get(site_name), self.crawler.stats
        )
        item = page.to_item()
        later = page.next_page(response.meta[CONTINUES], state["number"] + 1)
        state = add_page(state, self._rendered(item), response.url)
        self._count(site_name, "multipage/pages")
        if later is not None:
            yield self._post_page(response, later, state, site_name)
        else:
            yield state["item"]

    def _post_page(self, response: Response, url: str, state: dict[str, Any], site: str) -> Request:
        """The request of a post's next page: not a post of its own, never filtered as seen
        (a resumed job asks for it again), the post's frontier key carried along."""
        first = response.meta.get(CONTINUES) or response.url
        request = self._request(url, self.parse_page, site=site, priority=10)
        request.meta.update({POST_PAGES: state, CONTINUES: first})
        if KEY in response.meta:
            request.meta[KEY] = response.meta[KEY]
        return request.replace(dont_filter=True)

    def _rendered(self, item: dict[str, Any]) -> dict[str, Any]:
        """The item with its body cleaned and rendered now, by the page-bound pipelines."""
        if self._page_pipelines is None:
            self._page_pipelines = page_pipelines(self.crawler)
        for pipeline in self._page_pipelines:
            item = pipeline.process_item(item)
        item.pop(BODY_KEY, None)
        return item

    def _unread(self, response: Response, site: str, error: ReaderDied) -> None:
        """A page whose reader died: failed like a page that could not be fetched."""
        request = response.request
        assert request is not None
        request.meta[FETCH_FAILED] = True
        self._count(site, "failed")
        self.crawler.stats.inc_value("newscrawl/reader_died")
        frontier = self._frontier()
        if frontier:
            frontier.failed(request, str(error))
        self.logger.warning(
            "Could not read %s (%s); the next run tries it again", response.url, error
        )

    def _neighbour(
        self, response: Response, link: str | None, direction: str, site: str
    ) -> Iterator[Request]:
        """An archive crawl records both neighbours of every post; the frontier dedupes."""
        if not link:
            self._count(site, f"chain/end_{direction}")
        elif site_of(link) not in self.sites[site].hosts:
            self._count(site, "chain/offsite")
            self.logger.info("Not following %s link off the site: %s", direction, link)
        else:
            yield self._post(link, site=site, source="chain", **{DIRECTION: direction})

    def _walk(
        self, response: Response, link: str | None, direction: str, site: str
    ) -> Iterator[Request]:
        """The next page of the chain, hopping over posts the store already holds.

        A post exported by an earlier run need not be downloaded again: its
        stored neighbour link continues the walk, until ``NEWSCRAWL_SEEN_STOP``
        such posts in a row end a backwards walk. A stored post with no link
        that way is fetched again: it was the end of the chain, and may no
        longer be.
        """
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
                yield self._post(link, site=site, source="chain", **{DIRECTION: direction})
                return
            seen_run += 1
            self._count(site, "chain/seen")
            if direction == "prev" and seen_run >= stop_after:
                self._count(site, "chain/stopped_at_seen")
                return
            stored = _stored_link(seen, direction)
            if stored is None:
                yield self._post(
                    link, site=site, source="chain", **{DIRECTION: direction, SEEN_RUN: seen_run}
                )
                return
            hopped.add(link)
            link = stored

    # Failures --------------------------------------------------------------------

    def on_error(self, failure: Failure) -> list[Any] | None:
        """A page that could not be fetched: one line, a count, and the frontier told.

        A post that failed stays in the frontier as failed: the next run (or
        a resume) tries it again, and an archive crawl walks on past it
        through the other ways in. A 404 or 410 is gone for good.
        """
        request: Request = failure.request  # type: ignore[attr-defined]
        request.meta[FETCH_FAILED] = True  # the frontier: settled here, not as a parsed page
        self._report_error(request, failure)
        if POST_PAGES in request.meta:  # a post's page 2, 3…: the post, flagged incomplete
            site = request.meta.get(SITE) or site_of(request.url)
            self._count(site, "multipage/incomplete")
            self.logger.warning(
                "Post %s exported incomplete: its page %s could not be fetched",
                request.meta[CONTINUES],
                request.url,
            )
            reason = _reason(failure)
            return [missing_page(request.meta[POST_PAGES], request.url, reason)]
        if SITEMAPS_LEFT in request.meta:  # an index's other sitemaps are still read
            site = request.meta.get(SITE) or site_of(request.url)
            following = list(self._next_sitemap(site, request.meta[SITEMAPS_LEFT]))
            frontier = self._frontier()
            return frontier.record(following) if frontier else following
        return None

    def _report_error(self, request: Request, failure: Failure) -> None:
        error = failure.value
        site = request.meta.get(SITE) or site_of(request.url)
        status = error.response.status if isinstance(error, HttpError) else None
        reason = _reason(failure)
        frontier = self._frontier()
        ended = request.meta.get(PAGING) and status in {404, 410}
        if request.meta.get(PROBE) or ended:
            if frontier:
                frontier.failed(request, reason, permanent=True)
            self._count(site, "paging/ended" if ended else "probe_missing")
            self.logger.debug("Nothing at %s (%s)", request.url, reason)
            return
        if isinstance(error, IgnoreRequest) and status is None:  # HttpError is one too
            if frontier:
                frontier.ignored(request, reason)
            self._count(site, "ignored")
            self.logger.info("Not fetched: %s (%s)", request.url, reason)
            return
        self._count(site, "errors")
        gone = status in {404, 410}
        if frontier:
            frontier.failed(request, reason, permanent=gone)
        if not gone:
            self._count(site, "failed")
        if request.meta.get(START):
            self._count(site, "start_failed")
            self.logger.warning("Start point %s failed (%s)", request.url, reason)
            return
        direction = request.meta.get(DIRECTION)
        if direction and not self.archive:
            self.crawler.stats.inc_value("newscrawl/chain/broken")
            self.logger.warning(
                "Chain broken at %s (%s), reached as %s", request.url, reason, direction
            )
        else:
            self.crawler.stats.inc_value("newscrawl/fetch_failed")
            self.logger.warning(
                "Could not fetch %s (%s)%s",
                request.url,
                reason,
                "" if gone else "; the next run tries it again",
            )

    # Requests ----------------------------------------------------------------------

    def _post(
        self, url: str, *, site: str, source: str, published: str | None = None, **meta: Any
    ) -> Request:
        if published:
            meta[PUBLISHED] = published
        return self._request(url, self.parse, site=site, track=("post", source), **meta)

    def _page(self, url: str, callback: Any, *, site: str, source: str, **meta: Any) -> Request:
        """A sitemap, feed or listing page: tracked, and fetched after the posts queued."""
        return self._request(
            url, callback, site=site, track=("page", source), priority=_PAGE_PRIORITY, **meta
        )

    def _request(
        self,
        url: str,
        callback: Any,
        *,
        site: str,
        track: tuple[str, str] | None = None,
        priority: int = 0,
        **meta: Any,
    ) -> Request:
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
        if track:
            meta[TRACK] = track
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=priority,
            meta={SITE: site, **meta},
        )

    # Helpers -------------------------------------------------------------------------

    def _verdict(self, site: str, raw: str | None, where: str) -> str:
        verdict = self.bounds.verdict(raw) if self.bounds else "inside"
        if verdict == UNTRUSTED:
            self._count(site, "bounds/untrusted_date")
            self.logger.info("Date %r in %s cannot be right: not used as a bound", raw, where)
        return verdict

    def _within(
        self, site: str, listed: Sequence[_Listed], where: str
    ) -> tuple[list[_Listed], bool]:
        """The listed posts inside the bounds, and whether every one was before ``since``."""
        verdicts = [self._verdict(site, post.published, where) for post in listed]
        outside = sum(v in {BEFORE, AFTER} for v in verdicts)
        if outside:
            self._count(site, "bounds/listed_outside", outside)
        wanted = [
            post for post, v in zip(listed, verdicts, strict=True) if v not in {BEFORE, AFTER}
        ]
        return wanted, bool(verdicts) and all(v == BEFORE for v in verdicts)

    def _sitemap_verdict(
        self, site: str, lastmod: str | None, published: str | None, where: str
    ) -> str:
        """A post last modified before ``since`` was published before it; one published
        after ``until`` is after it. A ``lastmod`` after ``until`` says nothing."""
        if not self.bounds:
            return "inside"
        if self._verdict(site, lastmod, where) == BEFORE:
            return BEFORE
        return AFTER if self._verdict(site, published, where) == AFTER else "inside"

    def _store(self) -> SeenStore | None:
        pipeline = self.crawler.get_item_pipeline(SeenStatePipeline)
        return pipeline.store if pipeline else None

    def _frontier(self) -> Frontier | None:
        return self.crawler.get_spider_middleware(Frontier)

    def _count(self, site: str, name: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(f"newscrawl/site/{site}/{name}", count)
        if name.startswith(("chain/", "bounds/", "paging/")):
            self.crawler.stats.inc_value(f"newscrawl/{name}", count)

    def _exported(self) -> int:
        return int(self.crawler.stats.get_value("item_scraped_count", 0))

    def _gunzip(self, response: Response) -> bytes:
        max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            return gunzip(response.body, max_size=max_size)
        except OSError:
            return b""


def _local_path(uri: str) -> str | None:
    """A feed URI's file path, if it is a local file (a path, or a ``file://`` URI)."""
    if uri.startswith("file://"):
        return file_uri_to_path(uri)
    return uri if "://" not in uri and uri not in {"-", "stdout:"} else None


def _is_home(response: Response) -> bool:
    """A site's front page, to be searched for feeds rather than read as an article."""
    return urlsplit(response.url).path in {"", "/"}


def _stored_link(seen: Seen, direction: str) -> str | None:
    return seen.prev_url if direction == "prev" else seen.next_url


def _reason(failure: Failure) -> str:
    """Why a request failed, in a few words: ``HTTP 503``, the error's message or its name."""
    error = failure.value
    status = error.response.status if isinstance(error, HttpError) else None
    return f"HTTP {status}" if status else (failure.getErrorMessage() or type(error).__name__)


def _newer(changed: str, known: str | None) -> bool:
    """Whether a list's date says the post changed after the exported revision."""
    if not changed:
        return False
    listed = parse_date(changed)
    stored = parse_date(known) if known else None
    return listed is None or stored is None or listed > stored


def _add_site_and_entry(
    item: dict[str, Any], site: str, entry: FeedEntry | None, dayfirst: bool
) -> None:
    """Record the site, and fill what the page lacks from what its feed entry said."""
    metadata = item.setdefault("metadata", {})
    metadata["site"] = site
    if entry is None:
        return
    metadata["feed"] = {
        field.name: value
        for field in fields(entry)
        if field.name not in {"url", "summary"} and (value := getattr(entry, field.name))
    }
    if "datePublished" not in item and entry.published:
        published = parse_date(entry.published, dayfirst=dayfirst)
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
