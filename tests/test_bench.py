"""The benchmark's own rules: how pages are split into halves, how the wide sets are scored."""

from __future__ import annotations

import pytest

from bench import run
from bench.datasets import Page, half_of, site_of
from bench.metrics import score_wide
from bench.report import targets_table
from bench.tools import TOOLS, Prediction


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


def test_the_aeb_targets_say_how_many_times_as_fast_as_trafilatura():
    ours = {"f1": 0.98, "precision": 0.975, "ms": 6.0}
    rows = {"newscrawl": ours, "trafilatura 2.0.0": {"f1": 0.95, "ms": 15.0}}
    report = targets_table("aeb", ours, rows)
    assert "| ≥ 3× as fast as trafilatura 2.0.0 | 2.50× | FAIL |" in report
    assert "| ms/page ≤ 8 | 6.00 | pass |" in report
    assert "as fast as" not in targets_table("aeb", ours, {"newscrawl": ours})


def test_repeated_runs_keep_each_page_s_fastest_time_and_its_first_prediction(monkeypatch):
    clock = {"now": 0.0}

    def extract(page: bytes, url: str) -> Prediction:
        clock["now"] += next(costs)
        return Prediction(body=page.decode())

    monkeypatch.setitem(TOOLS, "fake", lambda: extract)
    monkeypatch.setattr(run.time, "perf_counter", lambda: clock["now"])
    page = Page("p1", "https://example.com/p1", b"one two", {"articleBody": "one two"})
    costs = iter([0.0, 0.03, 0.01, 0.02])  # the warm-up call, then three runs
    [result] = run.run_tool("aeb", "fake", [page], repeat=3)
    assert result.ms == pytest.approx(10.0)
    assert result.prediction.body == "one two"
    assert result.scores["score"] == 1.0
