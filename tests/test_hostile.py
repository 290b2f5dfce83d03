"""Hostile and broken input, and honest exits: each case a real ``scrapy crawl`` on 127.0.0.1.

README.md's "Hostile input" table lists these cases and the test that shows each.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

from scrapy.exceptions import DownloadConnectionRefusedError

from newscrawl.robotslog import RobotsTxtErrors
from tests.conftest import ROOT, read_items, run_crawl, run_news
from tests.fixturepages import SITES, site_config
from tests.hostileserver import MISDECLARED, HostileServer


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_start_point_where_nothing_listens_is_a_site_problem(tmp_path):
    port = closed_port()
    crawl = run_crawl(tmp_path, "-a", f"start=http://127.0.0.1:{port}/post/")

    assert crawl.returncode == 1, crawl.log
    assert "Traceback" not in crawl.log
    errors = [line for line in crawl.log.splitlines() if " ERROR: " in line]
    assert errors == [
        f"{errors[0].split(' [')[0]} [newscrawl.monitor] ERROR: Site 127.0.0.1:{port}: "
        "its start point failed: is the site down, or the URL wrong? (see the warnings)"
    ]
    assert f"Could not fetch http://127.0.0.1:{port}/robots.txt (Connection was refused" in (
        crawl.log
    )
    assert crawl.stat(f"newscrawl/site/127.0.0.1:{port}/start_failed") == 1
    assert crawl.stat("newscrawl/alerts") == 1
    assert not (tmp_path / "items.jsonl").exists(), "nothing exported, no file"


def test_one_dead_start_point_beside_a_live_one_is_no_site_problem(serve, tmp_path):
    server = serve("caards")
    start = server.url(site_config(SITES / "caards")["start"])
    crawl = run_crawl(
        tmp_path, "-a", f"start={start},{server.url('/nothing-here/')}", "-a", "follow=none"
    )
    assert crawl.returncode == 0, crawl.log
    assert [item["url"] for item in crawl.items] == [start]
    assert "Start point " + server.url("/nothing-here/") + " failed (HTTP 404)" in crawl.log


def test_a_run_with_nothing_new_writes_no_file(serve, tmp_path):
    server = serve("caards")
    state = tmp_path / "state.sqlite"
    feed = server.url("/feed/")
    first = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert first.returncode == 0 and len(first.items) == 5

    again = tmp_path / "again.jsonl"
    second = run_news("-a", f"start={feed}", "-o", str(again), "-s", f"NEWSCRAWL_STATE={state}")
    assert second.returncode == 0, second.stderr
    assert not again.exists()
    assert f"Nothing exported: no feed file written at {again}" in second.stderr

    # -O asks for this run's items alone: the file that was there is emptied.
    third = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert third.returncode == 0 and read_items(tmp_path / "items.jsonl") == []
    assert (tmp_path / "items.jsonl").exists()


def test_an_unreachable_robots_txt_is_one_warning_and_other_errors_keep_their_traceback():
    extension = RobotsTxtErrors()
    logger = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")

    def record(error: BaseException) -> logging.LogRecord:
        request = type("Request", (), {"url": "http://127.0.0.1:9/post/"})()
        try:
            raise error
        except BaseException:
            return logger.makeRecord(
                logger.name,
                logging.ERROR,
                __file__,
                1,
                "Error downloading %(request)s: %(f_exception)s",
                ({"request": request, "f_exception": error},),
                sys.exc_info(),
            )

    refused = record(DownloadConnectionRefusedError("Connection was refused by other side"))
    assert extension.filter.filter(refused)
    assert refused.levelno == logging.WARNING and refused.exc_info is None
    assert refused.getMessage() == (
        "Could not fetch http://127.0.0.1:9/robots.txt (Connection was refused by other side); "
        "the site's pages are fetched as if it allowed all"
    )
    bug = record(ValueError("a bug"))
    assert extension.filter.filter(bug)
    assert bug.levelno == logging.ERROR and bug.exc_info is not None


def test_a_redirect_to_another_port_on_the_same_host_is_not_followed(serve, tmp_path):
    other = serve("caards")
    config = site_config(SITES / "caards")
    older = config["chain"][1]
    folder = tmp_path / "caards"
    shutil.copytree(SITES / "caards", folder)
    site = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    site["redirects"] = {older: other.url(older)}
    (folder / "site.json").write_text(json.dumps(site), encoding="utf-8")
    server = serve(folder)
    start = server.url(config["start"])

    crawl = run_crawl(tmp_path, "-a", f"start={start}", "-a", "follow=prev")

    assert crawl.returncode == 0, crawl.log
    assert [item["url"] for item in crawl.items] == [start]
    assert (
        f"Not following the redirect from {server.url(older)} to {other.url(older)}: "
        f"another site than {server.origin.removeprefix('http://')}" in crawl.log
    )
    assert crawl.stat("newscrawl/redirect_offsite") == 1
    assert not +other.requests, "the other site was never asked anything, robots.txt included"
    assert "Traceback" not in crawl.log


#: What each hostile start point must come to: a line of the log that says so.
LIES = {
    "/laughs.xml": "Feed without entries or unreadable, skipped: {url}",
    "/gzip-bomb/": "Not fetched: {url} (Ignored response <200 {url}> because its body",
    "/deflate-bomb/": "Not fetched: {url} (Ignored response <200 {url}> because its body",
    "/brotli-bomb/": "Not fetched: {url} (Ignored response <200 {url}> because its body",
    "/huge/": "Start point {url} failed (Expected to receive 20971553 bytes which is larger",
    "/nested/": "Dropped {url}: not an article (no body)",
    "/binary-as-html/": "Dropped {url}: not an article (no body)",
    "/short-body/": "Start point {url} failed (ResponseDataLossError)",
    "/stall/": "Start point {url} failed (Getting {url} took longer than 2.0 seconds.)",
    "/redirect-chain/0/": "(max redirections reached)",
}


def test_lies_bombs_stalls_and_hostile_links_are_a_line_each_and_never_exported(tmp_path):
    with HostileServer(stall=4) as server:
        hostile_links = [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "http://169.254.169.254/latest/meta-data/",  # the cloud's metadata service
            "http://other.invalid/post/",
        ]
        for number, link in enumerate(hostile_links, 1):
            server.set_prev(number, link)
        articles = [server.url(f"/article/{n}/") for n in range(1, 5)]
        octet = server.url("/article-as-octet-stream/")  # an article all the same
        starts = [*articles, octet, server.url("/xxe.xml"), *map(server.url, LIES)]
        started = time.monotonic()
        crawl = run_crawl(
            tmp_path,
            "-a",
            "start=" + ",".join(starts),
            "-a",
            "follow=prev",
            "-s",
            "DOWNLOAD_TIMEOUT=2",
        )
        took = time.monotonic() - started

    assert crawl.returncode == 0, crawl.log
    assert "Traceback" not in crawl.log
    assert took < 60
    assert crawl.stat("memusage/max") < 400 * 1024 * 1024
    exported = sorted(item["url"] for item in crawl.items)
    assert exported == sorted([*articles, octet])
    for path, line in LIES.items():
        assert line.format(url=server.url(path)) in crawl.log, path
    assert "root:" not in (tmp_path / "items.jsonl").read_text(encoding="utf-8"), "no XXE"
    for link in hostile_links[2:]:
        assert f"Not following prev link off the site: {link}" in crawl.log
    assert crawl.stat("newscrawl/chain/offsite") == 2
    assert crawl.stat("newscrawl/chain/end_prev") == 5  # file: and javascript: are no links
    assert crawl.stat("newscrawl/not_article/no_body") == 2
    site = server.origin.removeprefix("http://")
    assert crawl.stat(f"newscrawl/site/{site}/ignored") == 4  # three bombs, the redirect chain
    assert crawl.stat(f"newscrawl/site/{site}/start_failed") == 3
    assert crawl.stat(f"newscrawl/site/{site}/feed_unreadable") == 1
    asked = {path for path in server.asked if not path.startswith("/redirect-chain/")}
    wanted = {urlsplit(url).path for url in starts} - {"/redirect-chain/0/"}
    assert asked == wanted | {"/robots.txt"}, "nothing else was asked for"


def test_text_in_another_encoding_than_it_declares_is_read_in_its_own(tmp_path):
    with HostileServer() as server:
        starts = [server.url(path) for path in MISDECLARED]
        crawl = run_crawl(tmp_path, "-a", "start=" + ",".join(starts), "-a", "follow=none")

    assert crawl.returncode == 0, crawl.log
    by_url = {item["url"]: item for item in crawl.items}
    assert set(by_url) == set(starts)
    russian = by_url[server.url("/cp1251-as-utf8/")]
    assert russian["headline"] == "Новости дня"
    assert "Совет проголосовал во вторник" in russian["articleBody"]
    japanese = by_url[server.url("/shift-jis-as-latin1/")]
    assert japanese["headline"] == "今日のニュース"
    assert "議会は火曜日" in japanese["articleBody"]
    assert crawl.stat("newscrawl/encoding/not_as_declared") == 2


def test_relative_paths_are_the_directory_the_crawl_runs_in_and_said_so(serve, tmp_path):
    server = serve("caards")
    start = server.url(site_config(SITES / "caards")["start"])
    work = tmp_path / "work"
    work.mkdir()
    (work / "sites.toml").write_text(f'[[site]]\nname = "caards"\nstart = ["{start}"]\n')
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(ROOT)}
    proc = run_news(
        "-a",
        "sites=sites.toml",
        "-o",
        "out/items.jsonl",
        "-s",
        "NEWSCRAWL_STATE=state/seen.sqlite",
        cwd=work,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        f"In {work}: sites file {work / 'sites.toml'}; state {work / 'state' / 'seen.sqlite'}; "
        f"feed {work / 'out' / 'items.jsonl'}" in proc.stderr
    )
    assert len(read_items(work / "out" / "items.jsonl")) == 5  # the chain
    # robots.txt is no page of the site's, and makes no "127.0.0.1:port" site of its own.
    sites = {
        line.split("Site ")[1].split(":")[0]
        for line in proc.stderr.splitlines()
        if "] INFO: Site " in line
    }
    assert sites == {"caards"}
    written = {path.relative_to(work).as_posix() for path in work.rglob("*") if path.is_file()}
    assert written == {"sites.toml", "out/items.jsonl", "state/seen.sqlite"}, "nowhere else"


def test_a_feed_whose_doctype_declares_entities_is_read_as_a_feed(tmp_path):
    with HostileServer() as server:
        crawl = run_crawl(tmp_path, "-a", "start=" + server.url("/doctype-feed.xml"))
    assert crawl.returncode == 0, crawl.log
    assert [item["url"] for item in crawl.items] == [server.url("/article/5/")]
    assert crawl.stat(f"newscrawl/site/{server.origin.removeprefix('http://')}/feed_entries") == 1


def test_exporting_onto_a_file_that_ends_in_a_cut_line_repairs_it_first(tmp_path):
    out = tmp_path / "items.jsonl"
    out.write_bytes(b'{"url": "https://earlier.example/1"}\n{"url": "https://earl')
    state = tmp_path / "state.sqlite"

    def crawl(start: str) -> subprocess.CompletedProcess[str]:
        return run_news("-a", f"start={start}", "-o", str(out), "-s", f"NEWSCRAWL_STATE={state}")

    with HostileServer() as server:
        start = server.url("/article/1/")
        first = crawl(start)
        assert first.returncode == 0, first.stderr
        assert f"Feed {out} ended in a cut line (21 bytes): removed" in first.stderr
        assert [item["url"] for item in read_items(out)] == ["https://earlier.example/1", start]

        # Cut again, and a run with nothing new to add: mended at the start all the same.
        with out.open("ab") as f:
            f.write(b'{"url": "https://earl')
        second = crawl(start)
        assert second.returncode == 0, second.stderr
        assert "articles 0 new, 0 updated, 1 unchanged" in second.stderr
        assert [item["url"] for item in read_items(out)] == ["https://earlier.example/1", start]


def test_a_meta_refresh_to_another_port_is_not_followed(tmp_path):
    with HostileServer() as other, HostileServer() as server:
        server.refresh_to(other.url("/article/1/"))
        server.set_prev(6, server.url("/meta-refresh/"))
        start = server.url("/article/6/")
        crawl = run_crawl(tmp_path, "-a", f"start={start}", "-a", "follow=prev")
    assert crawl.returncode == 0, crawl.log
    assert [item["url"] for item in crawl.items] == [start]
    assert (
        f"Not following the redirect from {server.url('/meta-refresh/')} to "
        f"{other.url('/article/1/')}" in crawl.log
    )
    assert crawl.stat("newscrawl/redirect_offsite") == 1
    assert other.asked == [], "the other site was never asked"
