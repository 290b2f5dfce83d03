"""Archive crawls end to end: every way into a catalogue, real kills, real faults.

Each test serves a generated WordPress-style site (:mod:`newscrawl.sitegen`)
or a saved one on 127.0.0.1 and runs ``scrapy crawl news`` as a subprocess,
as a user would; kills are real ``SIGKILL``s of that process.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.sampleserver import Faults, SavedSite, SiteServer
from newscrawl.sitegen import GeneratedSite
from tests.conftest import ROOT, Crawl, news_command, read_items
from tests.fixturepages import SITES

#: Archive crawls in tests: many requests at a time, on our own server.
PARALLEL = ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "NEWSCRAWL_RETRY_BACKOFF=0.05"]


@pytest.fixture
def generated() -> Iterator[Any]:
    """Serve a generated site: ``generated(site, latency=0.0, faults=None)``."""
    servers: list[SiteServer] = []

    def start(site: GeneratedSite, **options: Any) -> SiteServer:
        server = SiteServer(site, **options).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def crawl(*args: str, out: Path, timeout: float = 120) -> Crawl:
    """One ``scrapy crawl news`` run appending to the feed ``out``."""
    proc = subprocess.run(
        news_command(*args, "-o", str(out)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Crawl(proc.returncode, read_items(out), proc.stderr)


def killed(*args: str, out: Path, after: int, how: signal.Signals = signal.SIGKILL) -> str:
    """Start a crawl and kill it once it added ``after`` lines to ``out``; its log."""
    before = _lines(out)
    log = out.with_suffix(f".{time.monotonic_ns()}.log")
    with log.open("w") as stream:
        proc = subprocess.Popen(
            news_command(*args, "-o", str(out)), cwd=ROOT, stdout=stream, stderr=stream
        )
        deadline = time.monotonic() + 90
        while proc.poll() is None and time.monotonic() < deadline:
            if _lines(out) >= before + after:
                break
            time.sleep(0.005)
        proc.send_signal(how)
        proc.wait(timeout=60)
    return log.read_text()


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def posts(items: list[dict[str, Any]]) -> Counter[str]:
    return Counter(item["url"] for item in items)


def all_posts(server: SiteServer, site: GeneratedSite) -> Counter[str]:
    return Counter(server.url(site.path(n)) for n in range(site.posts))


# Resuming after SIGKILL ---------------------------------------------------------


@pytest.mark.parametrize("mode", ["chain", "archive"])
def test_kills_lose_nothing_and_duplicate_nothing(generated, tmp_path, mode):
    """A SIGTERM (Scrapy stops cleanly) and three SIGKILLs, each resumed with the same JOBDIR."""
    site = GeneratedSite(240)
    server = generated(site, latency=0.005)
    start = server.url("/") if mode == "archive" else server.url(site.path(120))
    out = tmp_path / "posts.jsonl"
    args = ["-a", f"start={start}", "-a", f"mode={mode}", "-s", f"JOBDIR={tmp_path / 'job'}"]
    args += ["-s", "NEWSCRAWL_STATE=", *PARALLEL]

    stopped = killed(*args, out=out, after=20, how=signal.SIGTERM)
    logs = [killed(*args, out=out, after=point) for point in (1, 50, 50)]
    final = crawl(*args, out=out)

    assert final.returncode == 0, final.log
    assert posts(final.items) == all_posts(server, site), "every post once"
    assert "Spider closed (shutdown)" in stopped
    assert "stopped cleanly: resuming from the frontier" in logs[0]
    assert all("did not stop cleanly" in log for log in [*logs[1:], final.log])
    assert "Traceback" not in final.log


@pytest.mark.parametrize(("priority", "written"), [(1, True), (-1, False)])
def test_a_kill_between_a_line_and_its_record(generated, tmp_path, priority, written):
    """Killed the moment the 7th line is written (or just before it is), before
    the frontier and the seen-state hear of it: the resume neither exports the
    post again nor loses it."""
    site = GeneratedSite(30)
    server = generated(site)
    out, job = tmp_path / "posts.jsonl", tmp_path / "job"
    args = ["-a", f"start={server.url('/')}", "-a", "mode=archive", "-s", f"JOBDIR={job}"]
    args += ["-s", f"NEWSCRAWL_STATE={tmp_path / 'state.sqlite'}", *PARALLEL]
    killer = ["-s", f'EXTENSIONS={{"tests.killer.KillOnItem": {priority}}}', "-s", "KILL_ON_ITEM=7"]

    first = crawl(*args, *killer, out=out)
    assert first.returncode == -signal.SIGKILL
    assert len(first.items) == (7 if written else 6)

    resumed = crawl(*args, out=out)

    assert resumed.returncode == 0, resumed.log
    assert posts(resumed.items) == all_posts(server, site), "every post once"
    recovery = re.search(r"(\d+) posts found in the feeds they were written to", resumed.log)
    assert recovery, resumed.log
    assert (int(recovery.group(1)) >= 1) == written


# Faults ---------------------------------------------------------------------------


def test_a_server_failing_every_page_four_times_yields_every_post_once(tmp_path):
    """The seed chain behind 503 + Retry-After, a dropped connection, a 500 and a
    truncated body for every page, before each answers."""
    saved = SavedSite.load(SITES / "caards")
    with SiteServer(saved, faults=Faults(4)) as server:
        out = tmp_path / "posts.jsonl"
        result = crawl(
            "-a",
            f"start={server.url(saved.config['start'])}",
            "-s",
            "NEWSCRAWL_STATE=",
            "-s",
            "RETRY_TIMES=5",
            "-s",
            "NEWSCRAWL_RETRY_BACKOFF=0.05",
            out=out,
        )
        counts = dict(server.requests)

    assert result.returncode == 0, result.log
    assert posts(result.items) == Counter(server.url(p) for p in saved.config["chain"])
    assert all(counts[p] == 5 for p in saved.config["chain"]), counts
    assert result.stat("retry/retry_after") == 6  # the 503s: robots.txt and five posts
    assert not any("Truncated" in i.get("articleBody", "") for i in result.items)


def test_a_post_that_keeps_failing_is_walked_past_and_tried_by_the_next_run(generated, tmp_path):
    site = GeneratedSite(40)
    server = generated(site)
    broken, gone = site.path(20), site.path(10)
    server.broken.update({broken: 500, gone: 404})
    state, out = tmp_path / "state.sqlite", tmp_path / "posts.jsonl"
    args = ["-a", f"start={server.url(site.path(39))}", "-a", "mode=archive"]
    args += ["-s", f"NEWSCRAWL_STATE={state}", *PARALLEL]

    first = crawl(*args, out=out)

    assert posts(first.items) == all_posts(server, site) - Counter([server.url(broken)] * 1) - (
        Counter([server.url(gone)])
    )
    assert server.requests[gone] == 1, "a 404 is not retried"
    assert first.stat("newscrawl/posts/unfetched") == 2
    assert first.stat("newscrawl/posts/failed") == 1
    assert "2 could not be fetched (1 failed, to try again; 1 gone)" in first.log
    assert f"Could not fetch {server.url(broken)} (HTTP 500); the next run tries it again" in (
        first.log
    )

    del server.broken[broken]
    second = crawl(*args, out=out)

    assert [item["url"] for item in second.items[len(first.items) :]] == [server.url(broken)]
    assert "issuing again 1 posts and 0 pages" in second.log


# Extraction in worker processes ------------------------------------------------------

#: What an article says, without when it was crawled.
SAID = ("headline", "datePublished", "authors", "articleBody", "articleBodyHtml", "canonicalUrl")


def test_extraction_workers_export_what_one_process_does(generated, tmp_path):
    site = GeneratedSite(60)
    server = generated(site)
    args = ["-a", f"start={server.url('/')}", "-a", "mode=archive", "-s", "NEWSCRAWL_STATE="]

    alone = crawl(*args, *PARALLEL, out=tmp_path / "alone.jsonl")
    workers = crawl(*args, *PARALLEL, "-s", "NEWSCRAWL_EXTRACT_WORKERS=2", out=tmp_path / "w.jsonl")

    assert workers.returncode == alone.returncode == 0, workers.log
    assert posts(workers.items) == all_posts(server, site)

    def said(items: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
        return {i["url"]: tuple(i.get(key) for key in SAID) for i in items}

    assert said(workers.items) == said(alone.items)
    assert workers.stat("newscrawl/boilerplate/navigation") == (
        alone.stat("newscrawl/boilerplate/navigation")
    ), "the workers' stats are the crawl's"


def test_a_worker_killed_mid_page_fails_that_page_alone(generated, tmp_path):
    """SIGKILL of the worker reading one post: that post is failed in the
    frontier and fetched by the next run; a new worker reads the rest."""
    from newscrawl import settings

    site = GeneratedSite(40)
    server = generated(site)
    victim = server.url(site.path(20))
    state, out = tmp_path / "state.sqlite", tmp_path / "posts.jsonl"
    args = ["-a", f"start={server.url('/')}", "-a", "mode=archive", *PARALLEL]
    args += ["-s", f"NEWSCRAWL_STATE={state}", "-s", "NEWSCRAWL_EXTRACT_WORKERS=1"]
    pipelines = {**settings.ITEM_PIPELINES, "tests.killer.DieReading": 150}
    dying = ["-s", f"ITEM_PIPELINES={json.dumps(pipelines)}", "-s", f"DIE_READING={victim}"]

    first = crawl(*args, *dying, out=out)

    assert posts(first.items) == all_posts(server, site) - Counter([victim])
    assert first.stat("newscrawl/reader_died") == 1
    assert f"Could not read {victim} (the worker reading it died" in first.log
    assert "Traceback" not in first.log

    second = crawl(*args, out=out)

    assert [item["url"] for item in second.items[len(first.items) :]] == [victim]
    assert posts(second.items) == all_posts(server, site), "every post once"


def test_workers_that_cannot_start_leave_the_reading_to_the_crawl(generated, tmp_path):
    from newscrawl import settings

    site = GeneratedSite(20)
    server = generated(site)
    pipelines = {**settings.ITEM_PIPELINES, "tests.brokenworker.Nothing": 150}
    result = crawl(
        "-a", f"start={server.url('/')}", "-a", "mode=archive", *PARALLEL,
        "-s", "NEWSCRAWL_STATE=", "-s", "NEWSCRAWL_EXTRACT_WORKERS=1",
        "-s", f"ITEM_PIPELINES={json.dumps(pipelines)}",
        out=tmp_path / "posts.jsonl",
    )  # fmt: skip

    assert posts(result.items) == all_posts(server, site), "every post once"
    assert "Extraction workers cannot start" in result.log
    assert "Extraction worker cannot start: RuntimeError" in result.log
    assert "Traceback" not in result.log
    assert result.stat("newscrawl/reader_died") is None


# Every way in ---------------------------------------------------------------------


def test_a_theme_without_post_links_is_crawled_whole_from_its_home_page(generated, tmp_path):
    """A block theme prints no Prev/Next links; the feed lists ten of twelve posts."""
    site = GeneratedSite(12, post_links=False)
    server = generated(site)
    home = ["-a", f"start={server.url('/')}", "-s", "NEWSCRAWL_STATE="]

    chain = crawl(*home, out=tmp_path / "chain.jsonl")
    archive = crawl(*home, "-a", "mode=archive", out=tmp_path / "archive.jsonl")

    assert len(chain.items) == 10
    assert posts(archive.items) == all_posts(server, site)
    assert archive.stat("newscrawl/posts/only_listings") == 12
    assert "12 posts known: 12 exported" in archive.log
    assert not any("/page/" in url or url.endswith("/feed/") for url in posts(archive.items))


def test_an_index_s_sitemaps_are_read_one_after_the_other_past_a_broken_one(generated, tmp_path):
    site = GeneratedSite(
        30, per_sitemap=10, post_links=False, listing=False, feed_size=1, paged_feed=False
    )
    server = generated(site)
    server.broken["/wp-sitemap-posts-post-2.xml"] = 404

    result = crawl(
        "-a", f"start={server.url('/wp-sitemap.xml')}", "-a", "mode=archive",
        "-s", "NEWSCRAWL_STATE=", *PARALLEL, out=tmp_path / "posts.jsonl",
    )  # fmt: skip

    readable = [*range(10), *range(20, 30)]
    assert posts(result.items) == Counter(server.url(site.path(n)) for n in readable)
    sitemaps = [p for p in server.requests if p.startswith("/wp-sitemap-")]
    assert sitemaps == [f"/wp-sitemap-posts-post-{k}.xml" for k in (1, 2, 3)], "in turn"
    assert server.requests["/wp-sitemap-taxonomies-category-1.xml"] == 0


def test_the_chain_finds_what_the_listings_miss(generated, tmp_path):
    site = GeneratedSite(25, sitemap=False, listing=False, feed_size=3, paged_feed=False)
    server = generated(site)

    result = crawl(
        "-a", f"start={server.url('/feed/')}", "-a", "mode=archive", "-s", "NEWSCRAWL_STATE=",
        *PARALLEL, out=tmp_path / "posts.jsonl",
    )  # fmt: skip

    assert posts(result.items) == all_posts(server, site)
    assert result.stat("newscrawl/posts/only_chain") == 22
    assert "22 found only by the chain, 0 only by sitemaps, feeds or listings" in result.log
    assert result.stat("newscrawl/paging/feed_repeated") == 1  # ?paged=2 ignored: repeats


def test_since_and_until_bound_the_walk(generated, tmp_path):
    site = GeneratedSite(120, hours=24.0)  # one a day from 2015-01-01
    server = generated(site)
    bounds = ["-a", "since=2015-02-01", "-a", "until=2015-02-28"]

    archive = crawl(
        "-a", f"start={server.url('/')}", "-a", "mode=archive", *bounds,
        "-s", "NEWSCRAWL_STATE=", *PARALLEL, out=tmp_path / "archive.jsonl",
    )  # fmt: skip
    chain = crawl(
        "-a", f"start={server.url(site.path(70))}", "-a", "follow=prev", *bounds,
        "-s", "NEWSCRAWL_STATE=", out=tmp_path / "chain.jsonl",
    )  # fmt: skip

    february = [server.url(site.path(n)) for n in range(31, 59)]
    assert sorted(posts(archive.items)) == sorted(february)
    assert sorted(posts(chain.items)) == sorted(
        p for p in february if p <= server.url(site.path(70))
    )
    # The walk back stopped at the first post before February, not at the chain's end.
    assert chain.stat("newscrawl/bounds/walk_stopped") == 1
    assert chain.stat("response_received_count") < 50


# Bad input --------------------------------------------------------------------------


def test_listings_that_repeat_themselves_and_feeds_that_never_end_are_bounded(generated, tmp_path):
    class Endless(GeneratedSite):
        """Every /page/N/ shows the home page's posts and links to page N+1; the
        feed ignores ?paged=N."""

        def respond(self, path: str, query: str, origin: str) -> tuple[int, str, bytes]:
            if path.startswith("/page/"):
                number = int(path.strip("/").split("/")[1])
                status, kind, body = super().respond("/", "", origin)
                return status, kind, body.replace(b"/page/2/", f"/page/{number + 1}/".encode())
            return super().respond(path, "", origin)

    site = Endless(15, sitemap=False, post_links=False)
    server = generated(site)

    result = crawl(
        "-a", f"start={server.url('/')}", "-a", "mode=archive", "-s", "NEWSCRAWL_STATE=",
        *PARALLEL, out=tmp_path / "posts.jsonl", timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.log
    assert len(result.items) == 10  # the ten posts the home page and the feed show
    assert result.stat("newscrawl/paging/listing_repeated") == 1
    assert result.stat("newscrawl/paging/feed_repeated") == 1
    assert "repeats the page before: not paging on" in result.log


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "limt=5"], "unknown argument -a limt=… (known: start, sites, follow, limit,"),
        (["-a", "mode=everything"], "mode: 'everything' is not one of chain, archive"),
        (["-a", "since=yesterday"], "since: 'yesterday' is not a date"),
        (["-a", "since=2020-02-30"], "since: '2020-02-30' is not a date"),
        (["-a", "since=2021", "-a", "until=2020"], "since: '2021' is not before until '2020'"),
        (["-a", "since=2999-01-01"], "since: '2999-01-01' is in the future"),
    ],
)
def test_bad_archive_arguments_are_one_line_errors(tmp_path, args, message):
    proc = subprocess.run(
        news_command("-a", "start=https://a.example/", *args),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2
    assert len(lines) == 1 and message in lines[0], proc.stderr


def test_a_chain_that_loops_or_leaves_the_site_ends_cleanly_in_archive_mode(serve, tmp_path):
    server = serve("broken")
    result = crawl(
        "-a", f"start={server.url('/cycle/a/')}", "-a", "mode=archive", "-s", "NEWSCRAWL_STATE=",
        out=tmp_path / "posts.jsonl",
    )  # fmt: skip

    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    cycle = {server.url("/cycle/a/"), server.url("/cycle/b/")}
    assert cycle <= set(posts(result.items))
    assert max(posts(result.items).values()) == 1


def test_the_generated_site_the_readme_crawls_is_served_from_the_command_line():
    import sys
    import urllib.request

    with subprocess.Popen(
        [sys.executable, "-m", "newscrawl.sitegen", "--posts", "3", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            match = re.search(r"Serving 3 posts at (http://127\.0\.0\.1:\d+/)", line)
            assert match, line
            with urllib.request.urlopen(match.group(1) + "robots.txt", timeout=10) as response:
                assert b"Sitemap:" in response.read()
        finally:
            proc.terminate()
