"""Fuzzing: mutated fixture pages, feeds and sitemaps give an item or a clean rejection.

Hypothesis cuts the fixtures short, splices in random bytes and tag soup, nests them
deep, hangs huge attributes on them and re-encodes them in encodings they do not
declare. Whatever comes of it, extraction returns an item or raises ``NotAnArticle``,
feed and sitemap parsing return a result or ``None``, and each input is done within
:data:`TIME_BOUND` seconds. Any other exception is a bug.

CI runs the ``ci`` profile: a fixed seed and a bounded number of examples, so the
suite is deterministic. ``make fuzz`` runs the ``long`` profile (``NEWSCRAWL_FUZZ=long``):
many more examples, a new seed each time, failures kept in ``.hypothesis/`` to replay.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extract import html_selector
from newscrawl.extract.feeds import (
    find_feeds,
    iter_sitemap,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
    sniff,
)
from newscrawl.extract.listings import read_listing
from newscrawl.offline import Extractor, NotAnArticle
from tests.fixturepages import SITES, site_config

#: Pages are tens of kilobytes: Hypothesis warns that printing one is expensive.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile(os.environ.get("NEWSCRAWL_FUZZ", "ci"))
#: Seconds one input may take, however hostile (pages take milliseconds).
TIME_BOUND = 10.0
URL = "https://example-news.site/2025/02/23/a-post/"


def _page(site: Path, path: str) -> bytes:
    return (site / path.strip("/") / "index.html").read_bytes()


#: Each themed site's start post and home page, and a few of the broken site's pages.
PAGES = [
    *(
        _page(site, site_config(site)["start"])
        for site in sorted(SITES.iterdir())
        if (site / "site.json").is_file() and site.name != "broken"
    ),
    (SITES / "caards" / "index.html").read_bytes(),
    *(path.read_bytes() for path in sorted(SITES.glob("broken/20*/*/*/*/index.html"))[:3]),
]
XML = [path.read_bytes() for path in sorted(SITES.glob("*/feed/index.xml"))] + [
    path.read_bytes() for path in sorted(SITES.glob("*/*sitemap*.xml"))
]
ROBOTS = [
    b"User-agent: *\nDisallow: /wp-admin/\nSitemap: https://example-news.site/wp-sitemap.xml\n"
]

SOUP = [
    b"<div>",
    b"</div>",
    b"<p>",
    b"</p></p>",
    b"<table><tr><td>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<script>",
    b"</script>",
    b"<title>",
    b"<",
    b">",
    b"&",
    b"&#x110000;",
    b"&#0;",
    b"<a href='",
    b"<svg><foreignObject>",
    b"<?xml version='1.0'?>",
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b'<meta charset="utf-16">',
    b"<noscript>",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
]
ENCODINGS = ["utf-16", "utf-16-be", "utf-32", "cp1251", "shift_jis", "latin-1", "gb18030", "koi8-r"]


def _at(draw: Any, body: bytes) -> int:
    """A position anywhere in ``body`` (Hypothesis favours small numbers; this does not)."""
    return len(body) * int(draw(st.integers(0, 1000))) // 1000


def _truncate(draw: Any, body: bytes) -> bytes:
    """Cut short, somewhere in the second half: an empty page is one case, not most."""
    return body[: (len(body) + _at(draw, body)) // 2]


def _random_bytes(draw: Any, body: bytes) -> bytes:
    at = _at(draw, body)
    return body[:at] + draw(st.binary(min_size=1, max_size=256)) + body[at:]


def _tag_soup(draw: Any, body: bytes) -> bytes:
    at = _at(draw, body)
    soup = b"".join(draw(st.lists(st.sampled_from(SOUP), min_size=1, max_size=40)))
    return body[:at] + soup + body[at:]


def _deep(draw: Any, body: bytes) -> bytes:
    at = _at(draw, body)
    tag = draw(st.sampled_from([b"div", b"span", b"b", b"li", b"table"]))
    return body[:at] + (b"<" + tag + b">") * draw(st.integers(1, 20_000)) + body[at:]


def _huge_attribute(draw: Any, body: bytes) -> bytes:
    at = _at(draw, body)
    name = draw(st.sampled_from([b"class", b"id", b"style", b"href", b"data-x"]))
    value = draw(st.sampled_from([b"x ", b"next ", b"author ", b"a"])) * draw(
        st.integers(1, 200_000)
    )
    return body[:at] + b"<div " + name + b'="' + value + b'">' + body[at:]


def _reencode(draw: Any, body: bytes) -> bytes:
    encoding = draw(st.sampled_from(ENCODINGS))
    text = body.decode("utf-8", "replace")
    if draw(st.booleans()):
        declared = draw(st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "shift_jis"]))
        text = f'<meta charset="{declared}">' + text
    return text.encode(encoding, "replace")


MUTATIONS: list[Callable[[Any, bytes], bytes]] = [
    _truncate,
    _random_bytes,
    _tag_soup,
    _deep,
    _huge_attribute,
    _reencode,
]


@st.composite
def mutated(draw: Any, seeds: list[bytes]) -> bytes:
    body: bytes = draw(st.sampled_from(seeds))
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        body = mutate(draw, body)
    return body


def within_bound(work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = work()
    took = time.perf_counter() - started
    assert took < TIME_BOUND, f"took {took:.1f} s"
    return result


EXTRACTOR = Extractor()


@FUZZ
@given(mutated(PAGES))
def test_a_mutated_page_gives_an_item_or_a_clean_rejection(body):
    def extract() -> Any:
        try:
            return EXTRACTOR.extract(body, URL)
        except NotAnArticle:
            return None

    item = within_bound(extract)
    if item is not None:
        assert item["url"] == URL
        assert isinstance(item.get("articleBody", ""), str)


@FUZZ
@given(mutated(PAGES))
def test_a_mutated_listing_or_home_page_reads_or_gives_nothing(body):
    text = body.decode("utf-8", "replace")

    def read() -> Any:
        root = html_selector(text, URL).root
        return read_listing(root, URL), find_feeds(root, URL)

    listing, feeds = within_bound(read)
    assert all(isinstance(url, str) for url in feeds)
    assert all(post.url.startswith("http") for post in listing.posts)


@FUZZ
@given(mutated(XML))
def test_a_mutated_feed_or_sitemap_parses_or_gives_none(body):
    def parse() -> Any:
        return (
            sniff(body),
            parse_feed(body, URL),
            parse_sitemap(body, URL),
            list(iter_sitemap(body, URL)),
        )

    kind, feed, sitemap, listed = within_bound(parse)
    assert isinstance(kind, str)
    if feed is not None:
        assert all(entry.url.startswith("http") for entry in feed.entries)
    if sitemap is not None:
        assert all(isinstance(url.url, str) for url in sitemap.urls)
    assert isinstance(listed, list)


@FUZZ
@given(mutated(ROBOTS))
def test_a_mutated_robots_txt_gives_its_sitemap_lines_or_none(body):
    found = within_bound(lambda: robots_sitemaps(body))
    assert all(isinstance(url, str) for url in found)


def test_the_seeds_are_there():
    assert len(PAGES) >= 5 and len(XML) >= 5
    assert all(isinstance(seed, bytes) and seed for seed in [*PAGES, *XML])
    assert Path(SITES).is_dir()
