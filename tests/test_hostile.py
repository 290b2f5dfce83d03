"""Hostile and broken input, and honest exits: each case a real ``scrapy crawl`` on 127.0.0.1.

README.md's "Hostile input" table lists these cases and the test that shows each.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import sys

from scrapy.exceptions import DownloadConnectionRefusedError

from newscrawl.robotslog import RobotsTxtErrors
from tests.conftest import ROOT, news_command, read_items, run_crawl
from tests.fixturepages import SITES, site_config


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
    second = subprocess.run(
        news_command("-a", f"start={feed}", "-o", str(again), "-s", f"NEWSCRAWL_STATE={state}"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
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
    assert other.requests[older] == 0, "the other site was never asked"
    assert "Traceback" not in crawl.log
