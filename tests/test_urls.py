from __future__ import annotations

import pytest

from newscrawl.urls import article_key, site_of

KEY = "https://news.example/2025/02/23/post/"


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/2025/02/23/post/",
        "http://www.news.example/2025/02/23/post",
        "https://news.example/2025/02/23/post/?utm_source=rss&utm_medium=feed#comments",
        "https://news.example/2025/02/23/post/amp/",
        "https://news.example/2025/02/23/post/?amp=1",
        "https://NEWS.example/2025/02/23/post/?fbclid=abc",
    ],
)
def test_variants_share_one_key(url):
    assert article_key(url) == KEY


def test_content_parameters_are_kept():
    assert (
        article_key("https://news.example/article.php?id=42")
        == "https://news.example/article.php?id=42"
    )
    assert article_key("https://news.example/?p=7") != article_key("https://news.example/?p=8")


def test_site_of():
    assert site_of("https://www.News.example:8080/x") == "news.example:8080"


@pytest.mark.parametrize(
    ("url", "listing"),
    [
        ("https://s.example/", True),
        ("https://s.example/page/2/", True),
        ("https://s.example/category/world/", True),
        ("https://s.example/tag/x/", True),
        ("https://s.example/author/ann/", True),
        ("https://s.example/feed/", True),
        ("https://s.example/2025/", True),
        ("https://s.example/2025/02/", True),
        ("https://s.example/?s=term", True),
        ("https://s.example/?paged=3", True),
        ("https://s.example/wp-content/uploads/a.jpg", True),
        ("https://s.example/2025/02/23/post/", False),
        ("https://s.example/news/world/a-story-12345", False),
        ("https://s.example/?p=123", False),
        ("https://s.example/tagged-for-life/", False),
    ],
)
def test_listing_urls(url, listing):
    from newscrawl.urls import looks_like_listing

    assert looks_like_listing(url) is listing
