"""Extract articles from saved pages through the crawl's own code path.

A saved page becomes a Scrapy ``HtmlResponse`` (so its bytes are decoded
exactly as in a crawl: HTTP header, BOM, ``<meta charset>``, detection), is
read by the same :class:`~newscrawl.extract.ArticlePage` as the spider, and
passes through the project's ``ITEM_PIPELINES`` in their configured order —
all but the crawl-wide ones (``crawl_wide = True``: duplicates, limit), since
each saved page stands alone.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, TextResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector, StatsCollector
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import build_from_crawler, load_object

from newscrawl.encoding import corrected
from newscrawl.multipage import add_page, first_page
from newscrawl.pipelines import NotAnArticle
from newscrawl.reading import article_page
from newscrawl.spiders.news import NewsSpider

__all__ = ["Extractor", "NotAnArticle", "read_page"]


class Extractor:
    """Turn page bytes into an exported item, or raise ``DropItem`` saying why not."""

    def __init__(self, settings: Settings | None = None) -> None:
        if settings is None:
            # newscrawl's own settings wherever it runs from: no scrapy.cfg needed.
            settings = Settings()
            settings.setmodule("newscrawl.settings", priority="project")
        crawler = Crawler(NewsSpider, settings)
        crawler.stats = MemoryStatsCollector(crawler)
        self.stats: StatsCollector = crawler.stats
        paths = build_component_list(crawler.settings.getwithbase("ITEM_PIPELINES"))
        classes = [load_object(path) for path in paths]
        self.pipelines = [
            build_from_crawler(cls, crawler)
            for cls in classes
            if not getattr(cls, "crawl_wide", False)
        ]

    def extract(self, body: bytes, url: str, *, headers: dict[str, str] | None = None) -> Any:
        item = article_page(_text(body, url, headers), url, None, self.stats).to_item()
        for pipeline in self.pipelines:
            item = pipeline.process_item(item)
        return item

    def extract_post(self, pages: list[tuple[bytes, str]]) -> Any:
        """One item from the pages of one post, in order, as a crawl merges them
        (:mod:`newscrawl.multipage`): each page's body cleaned and rendered by the
        page-bound pipelines, the post then through all the others."""
        on_page = [p for p in self.pipelines if getattr(p, "needs_page", False)]
        state: dict[str, Any] | None = None
        for body, url in pages:
            item = article_page(_text(body, url, None), url, None, self.stats).to_item()
            for pipeline in on_page:
                item = pipeline.process_item(item)
            state = first_page(item, url) if state is None else add_page(state, item, url)
        if state is None:
            raise ValueError("a post has at least one page")
        post = state["item"]
        for pipeline in self.pipelines:
            if pipeline not in on_page:
                post = pipeline.process_item(post)
        return post


def _text(body: bytes, url: str, headers: dict[str, str] | None) -> str:
    """The page's text, decoded as a crawl decodes a response."""
    response: TextResponse = HtmlResponse(url, body=body, headers=headers)
    response = corrected(response) or response  # as EncodingMiddleware does in a crawl
    return response.text


def read_page(path: Path) -> bytes:
    """A saved page's bytes; ``.gz`` files are decompressed."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data
