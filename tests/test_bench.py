"""The benchmark's own rules: how pages are split into halves, how the wide sets are scored."""

from __future__ import annotations

from bench.datasets import half_of, site_of
from bench.metrics import score_wide


def test_a_site_is_its_host_without_www_or_its_page_id_s_stem():
    assert site_of("x1", "https://www.Example.com:8080/a/b") == "example.com"
    assert site_of("nytimes-3", None) == "nytimes"
    assert site_of("bbc.co.uk_news_01", "") == "bbc.co.uk_news"


def test_every_page_of_a_site_is_on_the_same_side_and_both_sides_exist():
    sites = [f"site{n}.example" for n in range(200)]
    halves = [half_of(site) for site in sites]
    assert halves == [half_of(site) for site in sites], "stable"
    assert 60 < halves.count("tune") < 140
    assert half_of(site_of("a", "https://www.example.com/1")) == half_of(
        site_of("b", "http://example.com/2")
    )


def test_wide_metadata_is_checked_as_the_wide_readme_says():
    truth = {
        "articleBody": "one two three four five",
        "headline": "Kosovo?s vote: a \u201cdone\u201d deal",
        "datePublished": "2015-03-10T12:00:00Z",
        "authors": ["Nikhil Marathe"],
    }
    scores = score_wide(
        truth,
        "one two three four five",
        "KOSOVO S VOTE A DONE DEAL",
        "2015-03-10",
        ["nikhil marathe"],
    )
    assert scores["score"] == 1.0
    assert scores["title"] is scores["date"] is scores["author"] is True
    missing = score_wide({"articleBody": "x"}, "x", None, None, [])
    assert missing["title"] is missing["date"] is missing["author"] is None
