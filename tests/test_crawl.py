"""End to end: a real ``scrapy crawl news`` against saved sites served on 127.0.0.1."""

from __future__ import annotations

import csv
import itertools
import json

import pytest

from newscrawl.pipelines import FIELDS
from tests.conftest import run_crawl, run_news
from tests.fixturepages import SITES, site_config

THEMED_SITES = sorted(
    p.name for p in SITES.iterdir() if (p / "site.json").is_file() and p.name != "broken"
)


@pytest.mark.parametrize("name", THEMED_SITES)
def test_walks_the_whole_chain_once_and_nothing_else(serve, tmp_path, name):
    server = serve(name)
    config = site_config(SITES / name)
    chain = [server.url(path) for path in config["chain"]]

    crawl = run_crawl(tmp_path, "-a", f"start={server.url(config['start'])}")

    assert crawl.returncode == 0, crawl.log
    urls = [item["url"] for item in crawl.items]
    assert sorted(urls) == sorted(chain), "every chain post once, nothing off the chain"
    by_url = {item["url"]: item for item in crawl.items}
    for older, newer in itertools.pairwise(chain):
        assert by_url[newer]["prevUrl"] == older
        assert by_url[older]["nextUrl"] == newer
    assert "prevUrl" not in by_url[chain[0]] and "nextUrl" not in by_url[chain[-1]]
    for item in crawl.items:
        assert item["headline"] and item["articleBody"]
        for furniture in config["furniture"]:
            assert furniture not in item["articleBody"], (item["url"], furniture)


def test_follow_one_direction_and_limit(serve, tmp_path):
    server = serve("caards")
    config = site_config(SITES / "caards")
    chain = [server.url(path) for path in config["chain"]]
    start = server.url(config["start"])
    middle = chain.index(start)

    older = run_crawl(tmp_path, "-a", f"start={start}", "-a", "follow=prev")
    assert sorted(i["url"] for i in older.items) == sorted(chain[: middle + 1])

    newer = run_crawl(tmp_path, "-a", f"start={start}", "-a", "follow=next")
    assert sorted(i["url"] for i in newer.items) == sorted(chain[middle:])

    alone = run_crawl(tmp_path, "-a", f"start={start}", "-a", "follow=none")
    assert [i["url"] for i in alone.items] == [start]

    limited = run_crawl(tmp_path, "-a", f"start={start}", "-a", "limit=2")
    assert len(limited.items) == 2 and limited.returncode == 0


def test_faults_are_logged_counted_and_survived(serve, tmp_path):
    server = serve("broken")
    config = site_config(SITES / "broken")
    starts = [
        server.url(config["start"]),
        server.url("/cycle/a/"),
        server.url("/2025/01/07/empty/"),
        server.url("/redirect-loop/a/"),
    ]

    crawl = run_crawl(tmp_path, "-a", "start=" + ",".join(starts))

    assert crawl.returncode == 0
    assert "Traceback" not in crawl.log
    urls = sorted(i["url"] for i in crawl.items)
    expected = [server.url(p) for p in config["chain"]] + [
        server.url("/cycle/a/"),
        server.url("/cycle/b/"),
    ]
    assert urls == sorted(expected)
    assert crawl.stat("newscrawl/chain/broken") == 2  # the 404 and the 500
    assert crawl.stat("newscrawl/redirect_to_seen") == 1  # the redirect loop
    assert "Redirect from " + server.url("/redirect-loop/a/") in crawl.log
    assert "Chain broken at " + server.url("/2024/12/31/deleted-post/") + " (HTTP 404)" in crawl.log
    assert crawl.stat("newscrawl/not_article/no_body") == 1  # the empty page
    by_url = {i["url"]: i for i in crawl.items}
    latin = by_url[server.url("/2025/01/02/no-charset/")]
    assert latin["headline"] == "Café owners’ résumé of a hard winter"
    assert "the café’s résumé must still read correctly — “quoted” and all." in latin["articleBody"]
    assert "prevUrl" not in by_url[server.url("/2025/01/04/links-to-itself/")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "start=not-a-url"], "start: 'not-a-url' is not an http(s) URL"),
        (["-a", "start=https://a.example/", "-a", "follow=up"], "follow: 'up' is not one of"),
        ([], "missing -a start=URL"),
        (
            ["-a", "start=https://a.example/", "-s", "NEWSCRAWL_MIN_COVERAGE={headline: 1}"],
            "NEWSCRAWL_MIN_COVERAGE: not a JSON object",
        ),
        (
            ["-a", "start=https://a.example/", "-s", 'NEWSCRAWL_MIN_COVERAGE={"headline": 90}'],
            "headline: 90 is not a share between 0 and 1",
        ),
        (
            ["-a", "start=https://a.example/", "-s", "NEWSCRAWL_SEEN_STOP=two"],
            "NEWSCRAWL_SEEN_STOP: 'two' is not a whole number",
        ),
        (
            ["-a", "start=https://a.example/", "-s", "NEWSCRAWL_SEEN_STOP=0"],
            "NEWSCRAWL_SEEN_STOP: 0 must be at least 1",
        ),
        (
            ["-a", "start=https://a.example/", "-s", "NEWSCRAWL_GC_THRESHOLD=-5"],
            "NEWSCRAWL_GC_THRESHOLD: -5 must be at least 0",
        ),
    ],
)
def test_bad_arguments_are_one_line_errors(tmp_path, args, message):
    crawl = run_crawl(tmp_path, *args)
    assert crawl.returncode == 2
    assert "Traceback" not in crawl.log
    lines = [line for line in crawl.log.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0]


def test_a_bad_argument_is_written_to_the_log_file_as_scrapyd_sets_it(tmp_path):
    log = tmp_path / "logs" / "job.log"
    log.parent.mkdir()
    proc = run_news("-a", "start=not-a-url", "-s", f"LOG_FILE={log}")
    assert proc.returncode == 2
    [line] = log.read_text(encoding="utf-8").splitlines()
    assert line.endswith(
        "[scrapy.commands.crawl] ERROR: scrapy crawl news: error: start: 'not-a-url' is not an "
        "http(s) URL"
    )


def test_csv_has_a_column_for_every_field_and_nested_fields_as_json(serve, tmp_path):
    server = serve("caards")
    config = site_config(SITES / "caards")
    out = tmp_path / "items.csv"
    proc = run_news("-a", f"start={server.url(config['start'])}", "-O", str(out))
    assert proc.returncode == 0, proc.stderr
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(config["chain"])
    assert list(rows[0]) == list(FIELDS)
    for row in rows:
        authors = json.loads(row["authors"])
        assert authors and all(isinstance(author["name"], str) for author in authors)
        assert json.loads(row["metadata"])["dateDownloaded"]
        assert "{'" not in row["breadcrumbs"] + row["metadata"], "no Python reprs"
    first = min(rows, key=lambda row: row["datePublished"])
    assert first["prevUrl"] == "" and first["nextUrl"], "a column for a field the first row lacks"
