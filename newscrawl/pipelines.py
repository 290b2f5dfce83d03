"""Item pipelines: from the page's article container to the exported item.

Each stage is a thin Scrapy wrapper over a pure function of
:mod:`newscrawl.extract`; ``python -m newscrawl extract`` runs these same
stages, in the order ``ITEM_PIPELINES`` gives, on saved pages.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from newscrawl import backend
from newscrawl.bounds import AFTER, BEFORE
from newscrawl.extract import BODY_KEY, WALL_KEY, clean_body, is_story, render
from newscrawl.state import Seen, SeenStore, fingerprint, seen_of
from newscrawl.urls import article_key, site_of

#: Field order of exported items (the output contract, see README.md).
FIELDS = (
    "url",
    "canonicalUrl",
    "headline",
    "description",
    "articleBody",
    "articleBodyHtml",
    "authors",
    "datePublished",
    "datePublishedRaw",
    "dateModified",
    "inLanguage",
    "breadcrumbs",
    "mainImage",
    "prevUrl",
    "nextUrl",
    "metadata",
)


class Dropped(DropItem):
    """An item left out of the feed, with a short ``reason`` the site monitor counts by."""

    def __init__(self, reason: str, message: str, log_level: str = "INFO") -> None:
        super().__init__(message, log_level=log_level)
        self.reason = reason


class NotAnArticle(Dropped):
    """The page has no headline or no body; ``detail`` says which."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"not an article ({detail})", f"not an article ({detail})")
        self.detail = detail


class _StatsPipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)


class DateRangePipeline:
    """Export only posts published within ``-a since`` / ``-a until``.

    Undated posts, and posts whose date cannot be right (in the future,
    before 1990), are kept: nothing says they are outside.
    """

    crawl_wide = True

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        bounds = getattr(self.crawler.spider, "bounds", None)
        if not bounds:
            return item
        verdict = bounds.verdict(ItemAdapter(item).get("datePublished"))
        if verdict in {BEFORE, AFTER}:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"newscrawl/bounds/{verdict}")
            side = "before since" if verdict == BEFORE else "after until"
            raise Dropped("out of range", f"published {side}", "DEBUG")
        return item


class BoilerplatePipeline(_StatsPipeline):
    """Strip share widgets, comments, related posts... from the article container."""

    #: Works on the parsed page: runs where it was parsed (see newscrawl.reading).
    needs_page = True

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get(BODY_KEY)
        if body is not None:
            cleaning = clean_body(body, headline=adapter.get("headline"), url=adapter.get("url"))
            for kind, count in cleaning.removed.items():
                self.stats.inc_value(f"newscrawl/boilerplate/{kind}", count)
        return item


class BodyPipeline:
    """Render the cleaned container as ``articleBody`` text and ``articleBodyHtml``."""

    needs_page = True

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get(BODY_KEY)
        if BODY_KEY in adapter:
            del adapter[BODY_KEY]
        if body is not None:
            rendered = render(body, adapter["url"])
            if rendered.text:
                adapter["articleBody"] = rendered.text
                adapter["articleBodyHtml"] = rendered.html
        if isinstance(item, dict):
            ordered = {key: item[key] for key in FIELDS if key in item}
            ordered.update(item)
            item.clear()
            item.update(ordered)
        return item


#: Words of body that make a page without a headline an article all the same.
_HEADLESS_WORDS = 80


class ArticleFilterPipeline(_StatsPipeline):
    """Drop pages that are not articles, counting each reason in the stats."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        reason = None
        wall = adapter.pop(WALL_KEY) if WALL_KEY in adapter else None
        body = adapter.get("articleBody")
        if wall:  # a password form, a consent page, a challenge, a script-only shell
            reason = f"{wall} wall"
        elif not body:
            reason = "no body"
        elif not adapter.get("headline"):
            # A page that lost its <title> and headline (a cut-off <head>) still holds
            # its story: long paragraphs, or prose of a short news item's length.
            if is_story(body) or len(body.split()) >= _HEADLESS_WORDS:
                self.stats.inc_value("newscrawl/article/no_headline")
            else:
                reason = "no headline"
        if reason:
            self.stats.inc_value(f"newscrawl/not_article/{reason.replace(' ', '_')}")
            raise NotAnArticle(reason)
        return item


class DuplicatesPipeline(_StatsPipeline):
    """Export each article once, however many URLs led to it."""

    #: State spans the crawl: offline extraction of saved pages leaves it out.
    crawl_wide = True

    def __init__(self, stats: StatsCollector) -> None:
        super().__init__(stats)
        self.seen: set[str] = set()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        key = article_key(adapter.get("canonicalUrl") or adapter["url"])
        if key in self.seen:
            self.stats.inc_value("newscrawl/duplicate")
            raise Dropped("duplicate", f"duplicate of {key}")
        self.seen.add(key)
        return item


class LimitPipeline:
    """Export at most ``-a limit=N`` articles, and at most a site's own ``limit``.

    The spider sets ``CLOSESPIDER_ITEMCOUNT`` to stop the crawl at N, but
    pages already downloaded by then would still reach the feed.
    """

    crawl_wide = True

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.passed = 0
        self.by_site: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        limit = getattr(spider, "limit", None)
        if limit is not None and self.passed >= limit:
            raise Dropped("limit", f"limit of {limit} articles reached", "DEBUG")
        site = str((ItemAdapter(item).get("metadata") or {}).get("site", ""))
        config = getattr(spider, "sites", {}).get(site)
        if config is not None and config.limit is not None:
            if self.by_site.get(site, 0) >= config.limit:
                raise Dropped("limit", f"limit of {config.limit} articles for {site}", "DEBUG")
            self.by_site[site] = self.by_site.get(site, 0) + 1
        self.passed += 1
        return item


class SeenStatePipeline(_StatsPipeline):
    """Export only new or changed articles; remember what was exported (``NEWSCRAWL_STATE``).

    An article is known by :func:`~newscrawl.urls.article_key` of its
    canonical URL, its fetched URL and its feed guid. Unchanged (same body
    fingerprint) is dropped; changed is exported again as an update, with
    ``metadata.revision`` and ``metadata.update`` saying which and why. The
    store is written once the item has reached the feed exporters.

    The store is ``NEWSCRAWL_STATE``, or for a ``JOBDIR`` job without one, a
    file in the job's folder (see :func:`~newscrawl.arguments.state_path`).
    """

    crawl_wide = True

    def __init__(self, stats: StatsCollector, store: SeenStore) -> None:
        super().__init__(stats)
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        store = backend.seen_store(crawler)
        if store is None:
            raise NotConfigured("NEWSCRAWL_STATE is empty: every run exports everything")
        pipeline = cls(crawler.stats, store)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        # Closed last: the site monitor records the run in the store when the spider closes.
        crawler.signals.connect(pipeline.engine_stopped, signal=signals.engine_stopped)
        return pipeline

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        metadata = adapter.setdefault("metadata", {})
        site = metadata.get("site") or site_of(adapter["url"])
        seen = self._find(adapter)
        body = fingerprint(adapter.get("articleBody") or "")
        if seen is None:
            metadata["revision"] = 1
            self._count(site, "new")
            return item
        if seen.fingerprint == body:
            self._count(site, "unchanged")
            raise Dropped("unchanged", f"unchanged since {seen.exported_at}", "DEBUG")
        metadata["revision"] = seen.revision + 1
        metadata["update"] = {
            "reason": "body changed",
            "previousRevision": seen.revision,
            "previousExport": seen.exported_at,
        }
        self._count(site, "updated")
        return item

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        key = article_key(adapter.get("canonicalUrl") or adapter["url"])
        seen = seen_of(adapter.asdict(), key)
        if not seen.site:
            seen = Seen(**{**asdict(seen), "site": site_of(adapter["url"])})
        self.store.put(seen, aliases=[article_key(adapter["url"])])

    def engine_stopped(self) -> None:
        self.store.close()

    def _find(self, adapter: ItemAdapter) -> Seen | None:
        guid = ((adapter.get("metadata") or {}).get("feed") or {}).get("guid")
        urls = (adapter.get("canonicalUrl"), adapter["url"])
        return self.store.find([article_key(url) for url in urls if url], guid)

    def _count(self, site: str, status: str) -> None:
        self.stats.inc_value(f"newscrawl/articles/{status}")
        self.stats.inc_value(f"newscrawl/site/{site}/{status}")
