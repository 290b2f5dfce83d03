"""The crawl process's own settings: the garbage collector and the per-page DEBUG lines."""

from __future__ import annotations

import gc

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.garbage import GarbageCollection
from newscrawl.logformatter import LogFormatter


@pytest.fixture
def python_gc():
    """Python's collector as the test found it, whatever the test did to it."""
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


def test_the_engine_runs_with_what_was_alive_frozen_and_a_larger_young_generation(python_gc):
    crawler = get_crawler(settings_dict={"NEWSCRAWL_GC_THRESHOLD": 40_000})
    extension = GarbageCollection.from_crawler(crawler)
    before = gc.get_threshold()
    extension.engine_started()
    assert gc.get_threshold() == (40_000, *before[1:])
    assert gc.get_freeze_count() > 1000  # the modules' objects, out of every collection
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1, "cycles are still freed"
    extension.engine_stopped()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_threshold_of_0_leaves_the_collector_as_python_sets_it(python_gc):
    with pytest.raises(NotConfigured):
        GarbageCollection.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_GC_THRESHOLD": 0}))


@pytest.mark.parametrize(("level", "logged"), [("INFO", False), ("DEBUG", True), ("debug", True)])
def test_per_page_debug_lines_are_built_only_when_debug_is_logged(level, logged):
    formatter = LogFormatter.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": level}))
    request = Request("https://a.example/post/")
    response = HtmlResponse(request.url, body=b"<p>x</p>", request=request)
    crawled = formatter.crawled(request, response, None)  # type: ignore[arg-type]
    scraped = formatter.scraped({"url": request.url}, response, None)  # type: ignore[arg-type]
    assert (crawled is not None, scraped is not None) == (logged, logged)
    if logged:
        assert crawled is not None and crawled["msg"].startswith("Crawled")
