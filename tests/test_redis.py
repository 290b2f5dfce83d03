"""Many workers on one Redis (``NEWSCRAWL_BACKEND=redis://…``), end to end.

A real ``redis-server`` (:mod:`tests.redisserver`: Debian's package, installed if missing) and
a generated site on 127.0.0.1; each worker is a ``scrapy crawl news`` subprocess with its own
feed, as on separate machines. Kills are real ``SIGKILL``s.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.sampleserver import SiteServer
from newscrawl.sitegen import GeneratedSite
from tests.conftest import ROOT, news_command, read_items
from tests.redisserver import RedisServer, Unavailable

#: Workers in tests: many requests at a time on our own server; a dead worker is noticed fast.
WORKER = [
    "-a", "mode=archive",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "-s", "NEWSCRAWL_WORKER_TIMEOUT=3",
    "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0",
]  # fmt: skip


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    try:
        server = RedisServer(tmp_path_factory.mktemp("redis"))
    except Unavailable as reason:
        pytest.skip(str(reason))
    with server:
        yield server


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The module's Redis, emptied for each test."""
    assert redis_server.cli("FLUSHALL").startswith("OK")
    return redis_server.url


@pytest.fixture
def site() -> Iterator[Any]:
    servers: list[SiteServer] = []

    def start(posts: int, latency: float = 0.0) -> SiteServer:
        server = SiteServer(GeneratedSite(posts), latency=latency).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


class Worker:
    """One ``scrapy crawl news`` worker process, its feed and its log."""

    def __init__(self, folder: Path, name: str, *args: str) -> None:
        self.feed = folder / f"{name}.jsonl"
        self.log_file = folder / f"{name}.log"
        with self.log_file.open("w") as log:
            self.process = subprocess.Popen(
                news_command(*args, "-O", str(self.feed)), cwd=ROOT, stdout=log, stderr=log
            )

    def wait(self, timeout: float = 120) -> int:
        return self.process.wait(timeout=timeout)

    @property
    def items(self) -> list[dict[str, Any]]:
        return read_items(self.feed)

    @property
    def log(self) -> str:
        return self.log_file.read_text()

    def lines(self) -> int:
        return self.feed.read_bytes().count(b"\n") if self.feed.exists() else 0


def _once_each(workers: list[Worker]) -> Counter[str]:
    return Counter(item["url"] for worker in workers for item in worker.items)


def test_three_workers_share_one_crawl_and_export_each_article_once(tmp_path, redis_url, site):
    server = site(300, latency=0.02)
    args = ["-a", f"start={server.url('/')}", "-s", f"NEWSCRAWL_BACKEND={redis_url}", *WORKER]
    workers = [Worker(tmp_path, f"worker{n}", *args) for n in range(3)]
    assert [w.wait() for w in workers] == [0, 0, 0], workers[0].log[-3000:]
    exported = _once_each(workers)
    assert len(exported) == 300
    assert set(exported.values()) == {1}  # each article once across the three feeds
    shares = [len(w.items) for w in workers]
    assert all(share >= 10 for share in shares), shares  # every worker did a share
    assert sum("is over: nothing queued" in w.log for w in workers) >= 1
    for worker in workers:
        assert "Traceback" not in worker.log


def test_a_worker_killed_mid_crawl_loses_nothing(tmp_path, redis_url, site):
    server = site(300, latency=0.05)
    args = ["-a", f"start={server.url('/')}", "-s", f"NEWSCRAWL_BACKEND={redis_url}", *WORKER]
    workers = [Worker(tmp_path, f"worker{n}", *args) for n in range(3)]
    victim = workers[1]
    deadline = time.monotonic() + 60
    while victim.lines() < 20 and time.monotonic() < deadline:
        time.sleep(0.005)
    victim.process.kill()  # SIGKILL: its requests in flight, and in its engine, die with it
    killed_at = time.monotonic()
    assert victim.wait() == -9
    survivors = [workers[0], workers[2]]
    assert [w.wait() for w in survivors] == [0, 0], survivors[0].log[-3000:]
    took = time.monotonic() - killed_at
    exported = _once_each(workers)
    assert len(exported) == 300
    assert set(exported.values()) == {1}
    recovered = [w for w in survivors if "held by workers that stopped or died" in w.log]
    assert recovered, "no survivor issued the dead worker's requests again"
    assert took < 60  # the rest, then NEWSCRAWL_WORKER_TIMEOUT (3 s), then the sweep


def test_workers_join_and_leave_while_the_crawl_runs(tmp_path, redis_url, site):
    server = site(300, latency=0.05)
    args = ["-a", f"start={server.url('/')}", "-s", f"NEWSCRAWL_BACKEND={redis_url}", *WORKER]
    args += ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]  # about 40 posts a second a worker
    first = Worker(tmp_path, "first", *args)
    deadline = time.monotonic() + 60
    while first.lines() < 20 and time.monotonic() < deadline:
        time.sleep(0.005)
    late = [Worker(tmp_path, f"late{n}", *args) for n in range(2)]
    while late[0].lines() < 10 and time.monotonic() < deadline:
        time.sleep(0.005)
    late[0].process.terminate()  # SIGTERM: it leaves as Scrapy stops, the others go on
    workers = [first, *late]
    assert [w.wait() for w in workers] == [0, 0, 0], first.log[-3000:]
    exported = _once_each(workers)
    assert len(exported) == 300 and set(exported.values()) == {1}
    assert len(late[1].items) >= 10, "the worker that joined late did no share"
    assert "1 other worker(s) alive" in late[0].log or "2 other worker(s) alive" in late[0].log


def test_a_redis_restart_between_scheduled_runs_forgets_nothing(tmp_path, site):
    try:
        redis = RedisServer(tmp_path / "redis")
    except Unavailable as reason:
        pytest.skip(str(reason))
    server = site(40)
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    with redis:
        args = ["-a", f"start={server.url('/')}", "-s", f"NEWSCRAWL_BACKEND={redis.url}", *WORKER]
        first = Worker(feeds, "first", *args)
        assert first.wait() == 0, first.log[-3000:]
        assert len(first.items) == 40
    with RedisServer(tmp_path / "redis", port=redis.port):  # the same data folder, restarted
        second = Worker(feeds, "second", *args)
        assert second.wait() == 0, second.log[-3000:]
    assert second.items == []  # nothing new: the seen-state survived the restart
    assert "articles 0 new, 0 updated" in second.log
    assert not second.feed.exists()  # and no empty feed file


def test_the_backend_must_be_a_redis_url_that_answers(tmp_path):
    for value, says in [
        ("mysql://127.0.0.1/x", "is neither empty (SQLite files) nor a Redis URL"),
        ("redis://127.0.0.1:1/0", "cannot reach Redis at redis://127.0.0.1:1/0"),
    ]:
        proc = subprocess.run(
            news_command("-a", "start=http://127.0.0.1:1/", "-s", f"NEWSCRAWL_BACKEND={value}"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and says in lines[0], proc.stderr


def test_the_redis_stores_keep_the_sqlite_stores_contract(redis_url):
    """The same calls as tests/test_state.py's, on Redis: the stores are interchangeable."""
    from scrapy.settings import Settings

    from newscrawl import backend
    from newscrawl.redisstate import RedisFrontier, RedisSeenStore
    from newscrawl.state import CHAIN, EXPORTED, FAILED, KNOWN, PARSED, SITEMAP, Seen, Tracked

    server = backend.connect(Settings({"NEWSCRAWL_BACKEND": redis_url}))
    seen = RedisSeenStore(server, "t")
    record = Seen(key="https://s.example/a/", site="s", revision=1, fingerprint="f", guid="g1")
    seen.put(record, aliases=["https://s.example/a/?utm=1"])
    assert seen.get("https://s.example/a/?utm=1").key == record.key
    assert seen.by_guid("g1").exported_at
    assert seen.get("https://s.example/b/") is None
    seen.record_run("s", {"articles": 3})
    seen.record_run("s", {"articles": 0})
    assert seen.last_run("s") == {"articles": 0} and seen.last_run("x") is None

    def tracked(key: str, source: int = SITEMAP) -> Tracked:
        return Tracked(
            key, "s", "post", f"https://s.example/{key}/", source, b"req " + key.encode()
        )

    frontier = RedisFrontier(server, "t", owner="w1")
    first = frontier.record([tracked("a"), tracked("b")], crawl="c1")
    assert [t.key for t in first] == ["a", "b"]
    assert frontier.record([tracked("a", CHAIN)], crawl="c1") == []  # this crawl's already
    assert frontier.entries(["a"])["a"].sources == SITEMAP | CHAIN
    frontier.settle("a", PARSED, fetched_url="https://s.example/a/")
    frontier.settle("b", FAILED, error="HTTP 503")
    assert [e.key for e in frontier.pending(["s"], [KNOWN, PARSED, FAILED])] == ["a", "b"]
    assert frontier.entries(["b"])["b"].attempts == 1
    # A later crawl: claimed once, by whichever worker asks first.
    assert frontier.claim(["a", "b"], "c2") == ["a", "b"]
    assert frontier.claim(["a", "b"], "c2") == []
    assert frontier.entries(["a"])["a"].state == KNOWN
    frontier.settle("a", EXPORTED)
    assert frontier.entries(["a"])["a"].request is None
    summary = frontier.summary("s", "c2")
    assert summary["posts"] == 2 and summary[EXPORTED] == 1 and summary["in_sitemaps"] == 2
    frontier.add_feed("/tmp/one.jsonl")
    assert frontier.feeds() == ["/tmp/one.jsonl"]
    assert frontier.feeds_not_of(["w1"]) == [] and frontier.feeds_not_of([]) == ["/tmp/one.jsonl"]
    server.close()


def test_one_worker_on_redis_exports_what_a_plain_crawl_does(tmp_path, redis_url, site):
    """One worker alone is an ordinary crawl: the same feed as without Redis."""
    server = site(12)
    args = ["-a", f"start={server.url('/')}", "-s", f"NEWSCRAWL_BACKEND={redis_url}", *WORKER]
    alone = Worker(tmp_path, "alone", *args)
    assert alone.wait() == 0
    plain = Worker(tmp_path, "plain", "-a", f"start={server.url('/')}", *WORKER[:4],
                   "-s", "NEWSCRAWL_STATE=")  # fmt: skip
    assert plain.wait() == 0
    assert _bodies(alone.items) == _bodies(plain.items) and len(alone.items) == 12


def _bodies(items: list[dict[str, Any]]) -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in i.items() if k != "metadata"}, sort_keys=True) for i in items
    )


def test_a_limited_run_then_the_next_run_export_everything_once(tmp_path, redis_url, site):
    """A worker stopped by ``-a limit`` leaves the crawl unfinished; the next run goes on,
    and what the limit left is neither lost nor swept again and again."""
    server = site(40)
    args = ["-a", f"start={server.url('/')}", "-s", f"NEWSCRAWL_BACKEND={redis_url}", *WORKER]
    limited = Worker(tmp_path, "limited", *args, "-a", "limit=5")
    assert limited.wait() == 0, limited.log[-3000:]
    assert len(limited.items) == 5
    rest = Worker(tmp_path, "rest", *args)
    assert rest.wait(timeout=90) == 0, rest.log[-3000:]
    exported = _once_each([limited, rest])
    assert len(exported) == 40 and set(exported.values()) == {1}
