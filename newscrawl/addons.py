"""Scrapy add-ons of the project (``ADDONS``)."""

from __future__ import annotations

from scrapy.settings import BaseSettings


class DefaultFeed:
    """Export to ``NEWSCRAWL_DEFAULT_FEED`` when the run names no feed of its own.

    A ``FEEDS`` value in settings.py would be merged with ``-o/-O``, writing
    every crawl twice; deciding here, once the command line is known, keeps
    ``-O posts.jsonl`` meaning "only posts.jsonl", as in any Scrapy project.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.getdict("FEEDS"):
            return
        uri = settings.get("NEWSCRAWL_DEFAULT_FEED")
        if uri:
            feed = {"format": "jsonlines", "encoding": "utf-8"}
            settings.set("FEEDS", {uri: feed}, priority="addon")
