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
