"""The crawl's durable state: what was exported (seen-state) and what is still to fetch (frontier).

Both sit behind small interfaces (:class:`SeenStore`, :class:`FrontierStore`)
so that many workers can later share them on Redis; the SQLite classes are
the single-machine default, and may share one file. Every write is one
SQLite transaction (WAL journal): a process killed at any point leaves each
store as it was before or after the write, never in between.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class Seen:
    """One exported article as the store remembers it."""

    key: str
    site: str
    revision: int
    fingerprint: str
    guid: str | None = None
    date_modified: str | None = None
    prev_url: str | None = None
    next_url: str | None = None
    exported_at: str | None = None


class SeenStore(Protocol):
    def get(self, key: str) -> Seen | None: ...

    def by_guid(self, guid: str) -> Seen | None: ...

    def find(self, keys: Sequence[str], guid: str | None = None) -> Seen | None:
        """The first of ``keys`` known (as a key or an alias), else ``guid``'s article."""
        ...

    def put(self, seen: Seen, aliases: list[str]) -> None: ...

    def last_run(self, site: str) -> dict[str, int] | None: ...

    def record_run(self, site: str, counts: dict[str, int]) -> None: ...

    def close(self) -> None: ...


def fingerprint(text: str) -> str:
    """A digest of the body's words: whitespace and markup changes are not edits."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()


def seen_of(item: dict[str, Any], key: str) -> Seen:
    """What the seen-state keeps of an exported item (or of its line in a feed)."""
    metadata = item.get("metadata") or {}
    return Seen(
        key=key,
        site=str(metadata.get("site") or ""),
        revision=int(metadata.get("revision", 1)),
        fingerprint=fingerprint(item.get("articleBody") or ""),
        guid=(metadata.get("feed") or {}).get("guid"),
        date_modified=item.get("dateModified"),
        prev_url=item.get("prevUrl"),
        next_url=item.get("nextUrl"),
    )


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY, site TEXT NOT NULL, revision INTEGER NOT NULL,
    fingerprint TEXT NOT NULL, guid TEXT, date_modified TEXT, prev_url TEXT,
    next_url TEXT, exported_at TEXT
);
CREATE INDEX IF NOT EXISTS articles_guid ON articles (guid);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    site TEXT NOT NULL, finished_at TEXT NOT NULL, counts TEXT NOT NULL
);
"""


class SQLiteStore:
    """The seen-state in one SQLite file (WAL journal, one transaction per write)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def get(self, key: str) -> Seen | None:
        row = self.db.execute(
            "SELECT a.* FROM articles a LEFT JOIN aliases l ON l.key = a.key "
            "WHERE a.key = ? OR l.alias = ? LIMIT 1",
            (key, key),
        ).fetchone()
        return Seen(*row) if row else None

    def by_guid(self, guid: str) -> Seen | None:
        row = self.db.execute("SELECT * FROM articles WHERE guid = ? LIMIT 1", (guid,)).fetchone()
        return Seen(*row) if row else None

    def find(self, keys: Sequence[str], guid: str | None = None) -> Seen | None:
        for key in keys:
            seen = self.get(key)
            if seen is not None:
                return seen
        return self.by_guid(guid) if guid else None

    def put(self, seen: Seen, aliases: list[str]) -> None:
        stamped = replace(seen, exported_at=_now())
        with self._transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tuple(getattr(stamped, field.name) for field in fields(stamped)),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO aliases VALUES (?, ?)",
                [(alias, seen.key) for alias in aliases if alias != seen.key],
            )

    def last_run(self, site: str) -> dict[str, int] | None:
        row = self.db.execute(
            "SELECT counts FROM runs WHERE site = ? ORDER BY rowid DESC LIMIT 1", (site,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def record_run(self, site: str, counts: dict[str, int]) -> None:
        with self._transaction():
            self.db.execute("INSERT INTO runs VALUES (?, ?, ?)", (site, _now(), json.dumps(counts)))

    def close(self) -> None:
        self.db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _NoTransaction:
    """Within a batch: the batch's transaction holds the write."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# The frontier ---------------------------------------------------------------

#: Where a request came from (bits: a post may be reached several ways).
START, CHAIN, SITEMAP, FEED, LISTING = 1, 2, 4, 8, 16
SOURCES = {"start": START, "chain": CHAIN, "sitemap": SITEMAP, "feed": FEED, "listing": LISTING}
#: A post's or page's state. ``parsed``: its item is on its way to the feed.
KNOWN, PARSED, EXPORTED, DONE, FAILED, GONE = (
    "known",
    "parsed",
    "exported",
    "done",
    "failed",
    "gone",
)
#: States a later run (or a resume) fetches again.
PENDING = (KNOWN, PARSED, FAILED)


@dataclass(frozen=True)
class Tracked:
    """A request the frontier records before it is scheduled.

    ``kind`` is ``post`` (an article to export) or ``page`` (a sitemap,
    feed or listing page that leads to posts); ``request`` is the request
    serialized (Scrapy's ``Request.to_dict``, pickled), so a restart can
    issue it again with its callback and meta.
    """

    key: str
    site: str
    kind: str
    url: str
    source: int
    request: bytes
    published: str | None = None


@dataclass(frozen=True)
class Entry:
    key: str
    site: str
    kind: str
    url: str
    state: str
    sources: int
    attempts: int
    error: str | None
    crawl: str
    fetched_url: str | None
    published: str | None
    request: bytes | None


class FrontierStore(Protocol):
    """Every post (and listing page) a crawl discovered, with its state, durably."""

    def record(self, tracked: Sequence[Tracked], crawl: str) -> list[Tracked]:
        """Record discoveries in one write; return those to schedule now.

        A key new to the store, or last handled by another crawl (an earlier
        run), is scheduled; one already recorded by this crawl is not, but
        the way it was found is added to its sources.
        """
        ...

    def settle(
        self,
        key: str,
        state: str,
        *,
        fetched_url: str | None = None,
        error: str | None = None,
        published: str | None = None,
        kind: str | None = None,
    ) -> None:
        """Move an entry to ``state``; ``FAILED`` counts one more attempt."""
        ...

    def entries(self, keys: Iterable[str]) -> dict[str, Entry]: ...

    def pending(self, sites: Sequence[str] | None, states: Sequence[str]) -> Iterator[Entry]:
        """Entries of ``sites`` (``None``: every site) in one of ``states``, oldest first."""
        ...

    def claim(self, keys: Sequence[str], crawl: str) -> list[str]:
        """Mark entries as re-issued by ``crawl``; return those this call claimed."""
        ...

    def summary(self, site: str | None, crawl: str) -> dict[str, int]:
        """Counts of the posts this crawl touched (of one site, or all): by state, by sources."""
        ...

    def add_feed(self, path: str) -> None: ...

    def feeds(self) -> list[str]:
        """Local feed files the crawls wrote, newest first."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Make the writes within one: all of them happen, or none."""
        ...

    def close(self) -> None: ...


_FRONTIER_SCHEMA = """
CREATE TABLE IF NOT EXISTS frontier (
    key TEXT PRIMARY KEY, site TEXT NOT NULL, kind TEXT NOT NULL, url TEXT NOT NULL,
    state TEXT NOT NULL, sources INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT, crawl TEXT NOT NULL, fetched_url TEXT, published TEXT, request BLOB,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS frontier_state ON frontier (state, site);
CREATE INDEX IF NOT EXISTS frontier_crawl ON frontier (crawl, site);
CREATE TABLE IF NOT EXISTS feeds (path TEXT PRIMARY KEY, opened_at TEXT NOT NULL);
"""
_COLUMNS = (
    "key, site, kind, url, state, sources, attempts, error, crawl, fetched_url, published, request"
)
#: Entries in these states no longer need their serialized request.
_FINAL = (EXPORTED, DONE, GONE)
_BATCH = 500
_FEEDS_KEPT = 50


class SQLiteFrontier:
    """The frontier in an SQLite file (the seen-state's, or the job's), or in memory."""

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_FRONTIER_SCHEMA)
        self._batched = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        if self._batched:
            yield
            return
        with _Transaction(self.db):
            self._batched = True
            try:
                yield
            finally:
                self._batched = False

    def _transaction(self) -> AbstractContextManager[None]:
        return _NoTransaction() if self._batched else _Transaction(self.db)

    def record(self, tracked: Sequence[Tracked], crawl: str) -> list[Tracked]:
        if not tracked:
            return []
        # Recorded by this crawl before (no request to keep): only the way it was found is new.
        again = [t for t in tracked if not t.request]
        fresh = [t for t in tracked if t.request]
        known = self.entries(t.key for t in fresh)
        now = _now()
        schedule: list[Tracked] = []
        with self._transaction():
            for item in fresh:
                entry = known.get(item.key)
                if entry is not None and entry.crawl == crawl:
                    if not entry.sources & item.source:
                        self.db.execute(
                            "UPDATE frontier SET sources = sources | ? WHERE key = ?",
                            (item.source, item.key),
                        )
                        known[item.key] = _with_source(entry, item.source)
                    continue
                self.db.execute(
                    f"INSERT OR REPLACE INTO frontier ({_COLUMNS}, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?)",
                    (
                        item.key,
                        item.site,
                        item.kind,
                        item.url,
                        KNOWN,
                        item.source,
                        entry.attempts if entry else 0,
                        crawl,
                        item.published or (entry.published if entry else None),
                        item.request,
                        now,
                    ),
                )
                known[item.key] = _entry_of(item, crawl)
                schedule.append(item)
            self.db.executemany(
                "UPDATE frontier SET sources = sources | ? WHERE key = ?",
                [(t.source, t.key) for t in again],
            )
        return schedule

    def settle(
        self,
        key: str,
        state: str,
        *,
        fetched_url: str | None = None,
        error: str | None = None,
        published: str | None = None,
        kind: str | None = None,
    ) -> None:
        with self._transaction():
            self.db.execute(
                "UPDATE frontier SET state = ?, attempts = attempts + ?, error = ?, "
                "fetched_url = COALESCE(?, fetched_url), published = COALESCE(?, published), "
                "kind = COALESCE(?, kind), request = CASE WHEN ? THEN NULL ELSE request END, "
                "updated_at = ? WHERE key = ?",
                (
                    state,
                    1 if state == FAILED else 0,
                    error,
                    fetched_url,
                    published,
                    kind,
                    state in _FINAL,
                    _now(),
                    key,
                ),
            )

    def entries(self, keys: Iterable[str]) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM frontier WHERE key IN ({marks})", chunk)
            found.update((row[0], Entry(*row)) for row in rows)
        return found

    def pending(self, sites: Sequence[str] | None, states: Sequence[str]) -> Iterator[Entry]:
        if sites == [] or not states:
            return
        query = f"SELECT {_COLUMNS} FROM frontier WHERE state IN ({','.join('?' * len(states))})"
        params: tuple[str, ...] = tuple(states)
        if sites is not None:
            query += f" AND site IN ({','.join('?' * len(sites))})"
            params += tuple(sites)
        for row in self.db.execute(query + " ORDER BY rowid", params).fetchall():
            yield Entry(*row)

    def claim(self, keys: Sequence[str], crawl: str) -> list[str]:
        # One process a crawl: nobody else claims, and a resumed job claims its own again.
        with self._transaction():
            self.db.executemany(
                "UPDATE frontier SET crawl = ?, state = CASE WHEN state = ? THEN ? ELSE state END "
                "WHERE key = ?",
                [(crawl, PARSED, KNOWN, key) for key in keys],
            )
        return list(keys)

    def summary(self, site: str | None, crawl: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        where, params = (
            ("crawl = ?", (crawl,))
            if site is None
            else (
                "site = ? AND crawl = ?",
                (site, crawl),
            )
        )
        rows = self.db.execute(
            f"SELECT kind, state, sources, COUNT(*) FROM frontier WHERE {where} "
            "GROUP BY kind, state, sources",
            params,
        )
        for kind, state, sources, count in rows:
            if kind == "post":
                tally(counts, state, sources, count)
        return counts

    def add_feed(self, path: str) -> None:
        with self._transaction():
            self.db.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?)", (path, _now()))
            self.db.execute(
                "DELETE FROM feeds WHERE path NOT IN "
                "(SELECT path FROM feeds ORDER BY opened_at DESC, rowid DESC LIMIT ?)",
                (_FEEDS_KEPT,),
            )

    def feeds(self) -> list[str]:
        rows = self.db.execute("SELECT path FROM feeds ORDER BY opened_at DESC, rowid DESC")
        return [row[0] for row in rows]

    def close(self) -> None:
        self.db.close()


def tally(counts: dict[str, int], state: str, sources: int, count: int = 1) -> None:
    """Add posts to a crawl's summary: by state, and by the ways they were found."""
    counts[state] = counts.get(state, 0) + count
    counts["posts"] = counts.get("posts", 0) + count
    listed = sources & (SITEMAP | FEED | LISTING)
    if sources & CHAIN and not listed:
        counts["only_chain"] = counts.get("only_chain", 0) + count
    elif listed and not sources & CHAIN:
        counts["only_listings"] = counts.get("only_listings", 0) + count
    if sources & SITEMAP:
        counts["in_sitemaps"] = counts.get("in_sitemaps", 0) + count


def _entry_of(item: Tracked, crawl: str) -> Entry:
    return Entry(
        item.key,
        item.site,
        item.kind,
        item.url,
        KNOWN,
        item.source,
        0,
        None,
        crawl,
        None,
        item.published,
        item.request,
    )


def _with_source(entry: Entry, source: int) -> Entry:
    return replace(entry, sources=entry.sources | source)
