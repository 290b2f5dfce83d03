"""Item pipelines: from the page's article container to the exported item.

Each stage is a thin Scrapy wrapper over a pure function of
:mod:`newscrawl.extract`; ``python -m newscrawl extract`` runs these same
stages, in the order ``ITEM_PIPELINES`` gives, on saved pages.
"""

from __future__ import annotations

from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from w3lib.url import canonicalize_url

from newscrawl.extract import BODY_KEY, clean_body, render

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


class NotAnArticle(DropItem):
    """The page has no headline or no body; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"not an article ({reason})", log_level="INFO")
        self.reason = reason


class _StatsPipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)


class BoilerplatePipeline(_StatsPipeline):
    """Strip share widgets, comments, related posts... from the article container."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get(BODY_KEY)
        if body is not None:
            cleaning = clean_body(body, headline=adapter.get("headline"))
            for kind, count in cleaning.removed.items():
                self.stats.inc_value(f"newscrawl/boilerplate/{kind}", count)
        return item


class BodyPipeline:
    """Render the cleaned container as ``articleBody`` text and ``articleBodyHtml``."""

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


class ArticleFilterPipeline(_StatsPipeline):
    """Drop pages that are not articles, counting each reason in the stats."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        reason = None
        if not adapter.get("headline"):
            reason = "no headline"
        elif not adapter.get("articleBody"):
            reason = "no body"
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
        key = canonicalize_url(adapter.get("canonicalUrl") or adapter["url"])
        if key in self.seen:
            self.stats.inc_value("newscrawl/duplicate")
            raise DropItem(f"duplicate of {key}", log_level="INFO")
        self.seen.add(key)
        return item


class LimitPipeline:
    """Export at most ``-a limit=N`` articles.

    The spider sets ``CLOSESPIDER_ITEMCOUNT`` to stop the crawl at N, but
    pages already downloaded by then would still reach the feed.
    """

    crawl_wide = True

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.passed = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        limit = getattr(self.crawler.spider, "limit", None)
        if limit is not None and self.passed >= limit:
            raise DropItem(f"limit of {limit} articles reached", log_level="DEBUG")
        self.passed += 1
        return item
