"""Pure extraction over parsel selectors: nothing here imports Scrapy.

A saved page and a crawled page go through the same functions, so any page
can be tested alone.
"""

from __future__ import annotations

from newscrawl.extract._dom import html_selector
from newscrawl.extract.boilerplate import is_story
from newscrawl.extract.cleaning import Cleaning, clean_body
from newscrawl.extract.content import find_body
from newscrawl.extract.dates import parse_date
from newscrawl.extract.navigation import Neighbours, find_neighbours
from newscrawl.extract.page import BODY_KEY, WALL_KEY, ArticlePage
from newscrawl.extract.render import RenderedBody, render

__all__ = [
    "BODY_KEY",
    "WALL_KEY",
    "ArticlePage",
    "Cleaning",
    "Neighbours",
    "RenderedBody",
    "clean_body",
    "find_body",
    "find_neighbours",
    "html_selector",
    "is_story",
    "parse_date",
    "render",
]
