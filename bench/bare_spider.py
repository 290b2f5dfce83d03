"""The yardstick of ``python -m bench.crawl cpu``: a bare Scrapy spider over the same posts.

It reads the sitemap index and its post sitemaps with a regex and fetches
every post, doing nothing with it: what Scrapy itself costs per page. Run
outside the project (``scrapy runspider``, Scrapy's default settings) with
only the concurrency set as newscrawl's run sets it.

With ``-a items=1`` it yields one item a post (its URL and ``<title>``, read
by parsel), for a feed export to write: what Scrapy's own item path costs on
top of the fetching, before any extraction.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

_LOC = re.compile(rb"<loc>([^<]+)</loc>")


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, sitemap: str, items: str = "0", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sitemap = sitemap
        self.items = items == "1"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.sitemap, self.parse_index)

    def parse_index(self, response: Response) -> Iterator[scrapy.Request]:
        for loc in _LOC.findall(response.body):
            if b"posts-post" in loc:
                yield scrapy.Request(loc.decode(), self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        for loc in _LOC.findall(response.body):
            yield scrapy.Request(loc.decode(), self.parse)

    def parse(self, response: Response) -> Iterator[dict[str, Any]]:
        if self.items:
            yield {"url": response.url, "title": response.css("title::text").get()}
