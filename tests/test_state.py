from __future__ import annotations

import sqlite3

import pytest

from newscrawl.state import Seen, SQLiteStore, fingerprint


def test_put_get_alias_guid_and_runs(tmp_path):
    store = SQLiteStore(tmp_path / "deep" / "state.sqlite")
    seen = Seen(
        key="https://s.example/a/",
        site="s",
        revision=1,
        fingerprint=fingerprint("x y"),
        guid="g1",
        prev_url="https://s.example/z/",
    )
    store.put(seen, aliases=["https://s.example/a/?utm=1"])
    assert store.get("https://s.example/a/").guid == "g1"
    assert store.get("https://s.example/a/?utm=1").key == seen.key
    assert store.by_guid("g1").prev_url == "https://s.example/z/"
    assert store.get("https://s.example/b/") is None
    assert store.get(seen.key).exported_at
    store.record_run("s", {"articles": 3})
    store.record_run("s", {"articles": 0})
    assert store.last_run("s") == {"articles": 0}
    assert store.last_run("other") is None
    store.close()


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    store = SQLiteStore(tmp_path / "state.sqlite")
    seen = Seen(key="k", site="s", revision=1, fingerprint="f")
    store.db.execute(
        "CREATE TRIGGER no_aliases BEFORE INSERT ON aliases BEGIN "
        "SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.put(seen, aliases=["alias"])
    assert store.get("k") is None  # the article row was rolled back with the alias


def test_fingerprint_ignores_whitespace_only():
    assert fingerprint("a  b\n\nc") == fingerprint("a b c")
    assert fingerprint("a b c") != fingerprint("a b d")


def _tracked(key, source=4, site="s", kind="post"):
    from newscrawl.state import Tracked

    return Tracked(key, site, kind, f"https://s.example/{key}/", source, b"request " + key.encode())


def test_the_frontier_schedules_each_post_once_a_crawl_and_adds_the_ways_it_was_found(tmp_path):
    from newscrawl.state import CHAIN, KNOWN, SITEMAP, SQLiteFrontier

    frontier = SQLiteFrontier(tmp_path / "state.sqlite")
    first = frontier.record([_tracked("a"), _tracked("b"), _tracked("a")], crawl="c1")
    assert [t.key for t in first] == ["a", "b"]
    assert frontier.record([_tracked("a", CHAIN)], crawl="c1") == []
    entry = frontier.entries(["a"])["a"]
    assert entry.state == KNOWN and entry.sources == SITEMAP | CHAIN and entry.crawl == "c1"
    # Another crawl (a later scheduled run) decides for itself.
    assert [t.key for t in frontier.record([_tracked("a", CHAIN)], crawl="c2")] == ["a"]
    assert frontier.entries(["a"])["a"].sources == CHAIN


def test_settling_failures_pending_work_and_the_summary(tmp_path):
    from newscrawl.state import (
        CHAIN,
        EXPORTED,
        FAILED,
        GONE,
        KNOWN,
        LISTING,
        PARSED,
        SITEMAP,
        SQLiteFrontier,
    )

    path = tmp_path / "state.sqlite"
    frontier = SQLiteFrontier(path)
    frontier.record(
        [
            _tracked("a"),
            _tracked("b", CHAIN),
            _tracked("c", LISTING),
            _tracked("d"),
            _tracked("p", kind="page"),
        ],
        crawl="c1",
    )
    frontier.record([_tracked("a", CHAIN)], crawl="c1")
    frontier.settle("a", PARSED, fetched_url="https://s.example/a2/")
    frontier.settle("a", EXPORTED, published="2020-01-01T00:00:00+00:00")
    frontier.settle("b", FAILED, error="HTTP 500")
    frontier.settle("b", FAILED, error="HTTP 500")
    frontier.settle("c", GONE, error="HTTP 404")
    frontier.close()

    again = SQLiteFrontier(path)  # what a restart sees
    a = again.entries(["a"])["a"]
    assert a.fetched_url == "https://s.example/a2/" and a.request is None  # done with
    assert again.entries(["b"])["b"].attempts == 2
    pending = {e.key for e in again.pending(["s"], [KNOWN, FAILED])}
    assert pending == {"b", "d", "p"}
    assert {e.key for e in again.pending(["other"], [KNOWN])} == set()
    summary = again.summary("s", "c1")
    assert summary["posts"] == 4 and summary[EXPORTED] == 1 and summary[FAILED] == 1
    assert summary["only_chain"] == 1  # b
    assert summary["only_listings"] == 2  # c, d
    assert summary["in_sitemaps"] == 2  # a, d
    again.claim(["b"], "c2")
    assert again.entries(["b"])["b"].crawl == "c2"
    assert SITEMAP  # the summary counts posts only: the page "p" is not one


def test_feed_files_are_remembered_newest_first(tmp_path):
    from newscrawl.state import SQLiteFrontier

    frontier = SQLiteFrontier(":memory:")
    frontier.add_feed("/a.jsonl")
    frontier.add_feed("/b.jsonl")
    frontier.add_feed("/a.jsonl")
    assert frontier.feeds() == ["/a.jsonl", "/b.jsonl"]
