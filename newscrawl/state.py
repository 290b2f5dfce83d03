"""Seen-state: what earlier runs exported, so a scheduled crawl exports only what is new.

Behind the small :class:`SeenStore` interface so that many workers can later
share it on Redis; :class:`SQLiteStore` is the single-machine default. Every
write is one SQLite transaction, made after the item reached the feed: a run
killed at any point leaves the store claiming nothing that was not exported.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol


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

    def put(self, seen: Seen, aliases: list[str]) -> None: ...

    def last_run(self, site: str) -> dict[str, int] | None: ...

    def record_run(self, site: str, counts: dict[str, int]) -> None: ...

    def close(self) -> None: ...


def fingerprint(text: str) -> str:
    """A digest of the body's words: whitespace and markup changes are not edits."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()


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

    def put(self, seen: Seen, aliases: list[str]) -> None:
        stamped = Seen(**{**asdict(seen), "exported_at": _now()})
        with self._transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tuple(asdict(stamped).values()),
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


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
