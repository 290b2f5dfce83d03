"""Listing pages: the posts they link, and their next page, across themes."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import html_selector
from newscrawl.extract.listings import read_listing
from newscrawl.sitegen import GeneratedSite
from tests.fixturepages import SITES

HOMES = sorted(p.parent.name for p in SITES.glob("*/index.html"))


def listing(html: str, url: str):
    return read_listing(html_selector(html, url).root, url)


@pytest.mark.parametrize("name", HOMES)
def test_a_themes_home_page_lists_its_posts_and_nothing_else(name):
    config = json.loads((SITES / name / "site.json").read_text(encoding="utf-8"))
    origin = config["origin"]
    found = listing((SITES / name / "index.html").read_text(encoding="utf-8"), origin + "/")
    urls = [post.url for post in found.posts]
    chain = [origin + path for path in config["chain"]]
    assert set(urls) >= set(chain[-3:]), "the newest posts are on the home page"
    assert all(url.startswith(origin + "/20") for url in urls), urls  # no menus, tags, pages
    assert len(urls) == len(set(urls))


def test_a_generated_listing_gives_its_cards_dates_and_next_page():
    site = GeneratedSite(25)
    origin = "http://s.example"
    _, _, body = site.respond("/page/2/", "", origin)
    found = listing(body.decode(), origin + "/page/2/")
    assert [p.url for p in found.posts] == [origin + site.path(n) for n in range(14, 4, -1)]
    assert found.posts[0].published == site.published(14).isoformat()
    assert found.next_page == origin + "/page/3/"
    _, _, last = site.respond("/page/3/", "", origin)
    assert listing(last.decode(), origin + "/page/3/").next_page is None


PAGER = """<html><body><main><article><h2><a href="/a/" rel="bookmark">A post title</a></h2>
</article>{pager}</main><aside class="widget"><h3><a href="/popular/">Popular</a></h3></aside>
</body></html>"""


@pytest.mark.parametrize(
    ("pager", "url", "expected"),
    [
        ('<a class="next page-numbers" href="/page/3/">Next</a>', "/page/2/", "/page/3/"),
        ('<div class="nav-previous"><a href="/page/2/">Older posts</a></div>', "/", "/page/2/"),
        (
            '<a class="wp-block-query-pagination-next" href="/?paged=2">Next Page</a>',
            "/",
            "/?paged=2",
        ),
        (
            '<a href="/news/?page=4">4</a><a href="/news/?page=3">3</a>',
            "/news/?page=2",
            "/news/?page=3",
        ),
        ('<a href="/archive/more">Older entries</a>', "/archive/", "/archive/more"),
        ('<a href="/other/">Next</a>', "/archive/", None),  # "next" to a page that is no listing
    ],
)
def test_next_page_in_the_pagers_themes_print(pager, url, expected):
    origin = "https://s.example"
    found = listing(PAGER.format(pager=pager), origin + url)
    assert [p.url for p in found.posts] == [origin + "/a/"]  # the widget's heading is not a card
    assert found.next_page == (origin + expected if expected else None)


def test_rel_next_in_the_head_of_a_listing():
    html = (
        '<html><head><link rel="next" href="https://s.example/page/2/"></head><body></body></html>'
    )
    assert listing(html, "https://s.example/").next_page == "https://s.example/page/2/"
