"""The seen-state and the frontier in Redis, for many workers on many machines.

The same interfaces as the SQLite stores (:class:`~newscrawl.state.SeenStore`,
:class:`~newscrawl.state.FrontierStore`), so the pipelines and the frontier
middleware do not know which one they write to. Every write that must be
all-or-nothing is one Redis transaction (``MULTI``) or one Lua script, which
Redis runs atomically: a worker killed at any point leaves each entry as it
was before or after the write. Keys, under ``NEWSCRAWL_REDIS_PREFIX``
(``newscrawl``)::

    <p>:seen               hash  article key → the Seen record (JSON)
    <p>:seen:alias         hash  other URL keys → article key
    <p>:seen:guid          hash  feed guid → article key
    <p>:runs:<site>        list  the last runs' counts (JSON), newest first
    <p>:f:<key>            hash  one frontier entry (state, sources, attempts, request…)
    <p>:f:site:<site>      zset  the site's entry keys, in the order they were found
    <p>:f:sites            set   sites with entries
    <p>:f:crawl:<crawl>    set   the keys a crawl recorded or claimed
    <p>:feeds              zset  feed files the workers wrote (path → when), with
    <p>:feeds:worker       hash  path → the worker that wrote it
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, replace
from typing import Any

from newscrawl.state import (
    _FEEDS_KEPT,
    _FINAL,
    FAILED,
    Entry,
    Seen,
    Tracked,
    _now,
    tally,
)

__all__ = ["RedisFrontier", "RedisSeenStore"]

#: Runs remembered per site (the monitor compares with the last one).
_RUNS_KEPT = 20
_CHUNK = 500


class RedisSeenStore:
    """What was exported, shared by every worker (see :class:`~newscrawl.state.SeenStore`)."""

    def __init__(self, server: Any, prefix: str) -> None:
        self.server = server
        self.key = f"{prefix}:seen"
        self.runs = f"{prefix}:runs:"
        self._find = server.register_script(_FIND)

    def get(self, key: str) -> Seen | None:
        return self.find([key])

    def by_guid(self, guid: str) -> Seen | None:
        return self.find([], guid)

    def find(self, keys: Sequence[str], guid: str | None = None) -> Seen | None:
        """One round trip, whatever the number of keys (the pipeline asks for every item)."""
        return _seen(self._find(keys=[self.key], args=[guid or "", *keys]))

    def put(self, seen: Seen, aliases: list[str]) -> None:
        stamped = replace(seen, exported_at=_now())
        with self.server.pipeline(transaction=True) as pipe:
            pipe.hset(self.key, seen.key, json.dumps(asdict(stamped)))
            others = {alias: seen.key for alias in aliases if alias != seen.key}
            if others:
                pipe.hset(self.key + ":alias", mapping=others)
            if seen.guid:
                pipe.hset(self.key + ":guid", seen.guid, seen.key)
            pipe.execute()

    def last_run(self, site: str) -> dict[str, int] | None:
        raw = self.server.lindex(self.runs + site, 0)
        return json.loads(raw)["counts"] if raw is not None else None

    def record_run(self, site: str, counts: dict[str, int]) -> None:
        with self.server.pipeline(transaction=True) as pipe:
            pipe.lpush(self.runs + site, json.dumps({"finished_at": _now(), "counts": counts}))
            pipe.ltrim(self.runs + site, 0, _RUNS_KEPT - 1)
            pipe.execute()

    def close(self) -> None:
        return None  # the connection is shared with the scheduler and closed with it


def _seen(raw: bytes | str | None) -> Seen | None:
    return Seen(**json.loads(raw)) if raw is not None else None


# KEYS the seen hash; ARGV a guid (or ""), then article keys: the first record found.
_FIND = """
local seen = KEYS[1]
for i = 2, #ARGV do
  local found = redis.call('HGET', seen, ARGV[i])
  if found then return found end
  local target = redis.call('HGET', seen .. ':alias', ARGV[i])
  if target then
    found = redis.call('HGET', seen, target)
    if found then return found end
  end
end
if ARGV[1] ~= '' then
  local target = redis.call('HGET', seen .. ':guid', ARGV[1])
  if target then return redis.call('HGET', seen, target) end
end
return false
"""


# The frontier ---------------------------------------------------------------

# ARGV: prefix, crawl, now, then 7 values per tracked request. A key recorded by
# this crawl gains the new source; any other (new, or an earlier run's) is
# written afresh (attempts and a known publication date kept) and scheduled.
_RECORD = """
local p, crawl, now = ARGV[1], ARGV[2], ARGV[3]
local scheduled = {}
for i = 4, #ARGV, 7 do
  local key, site, kind, url = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local source, request, published = tonumber(ARGV[i + 4]), ARGV[i + 5], ARGV[i + 6]
  local h = p .. ':f:' .. key
  local was = redis.call('HMGET', h, 'crawl', 'sources', 'attempts', 'published')
  if request == '' or was[1] == crawl then
    if was[2] then
      redis.call('HSET', h, 'sources', bit.bor(tonumber(was[2]), source))
    end
  else
    if not was[1] then
      redis.call('ZADD', p .. ':f:site:' .. site, redis.call('INCR', p .. ':f:seq'), key)
      redis.call('SADD', p .. ':f:sites', site)
    end
    redis.call('DEL', h)
    redis.call('HSET', h, 'site', site, 'kind', kind, 'url', url, 'state', 'known',
      'sources', source, 'attempts', was[3] or 0, 'crawl', crawl, 'request', request,
      'updated_at', now)
    if published ~= '' then
      redis.call('HSET', h, 'published', published)
    elseif was[4] then
      redis.call('HSET', h, 'published', was[4])
    end
    redis.call('SADD', p .. ':f:crawl:' .. crawl, key)
    scheduled[#scheduled + 1] = key
  end
end
return scheduled
"""

# ARGV: prefix, key, state, error, fetched_url, published, kind, final, failed, now
_SETTLE = """
local h = ARGV[1] .. ':f:' .. ARGV[2]
if redis.call('EXISTS', h) == 0 then return 0 end
redis.call('HSET', h, 'state', ARGV[3], 'updated_at', ARGV[10])
if ARGV[9] == '1' then redis.call('HINCRBY', h, 'attempts', 1) end
if ARGV[4] ~= '' then redis.call('HSET', h, 'error', ARGV[4])
else redis.call('HDEL', h, 'error') end
if ARGV[5] ~= '' then redis.call('HSET', h, 'fetched_url', ARGV[5]) end
if ARGV[6] ~= '' then redis.call('HSET', h, 'published', ARGV[6]) end
if ARGV[7] ~= '' then redis.call('HSET', h, 'kind', ARGV[7]) end
if ARGV[8] == '1' then redis.call('HDEL', h, 'request') end
return 1
"""

# ARGV: prefix, crawl, keys…  Claims the entries no worker of this crawl claimed yet.
_CLAIM = """
local p, crawl = ARGV[1], ARGV[2]
local claimed = {}
for i = 3, #ARGV do
  local h = p .. ':f:' .. ARGV[i]
  local was = redis.call('HMGET', h, 'crawl', 'state')
  if was[1] and was[1] ~= crawl then
    redis.call('HSET', h, 'crawl', crawl)
    if was[2] == 'parsed' then redis.call('HSET', h, 'state', 'known') end
    redis.call('SADD', p .. ':f:crawl:' .. crawl, ARGV[i])
    claimed[#claimed + 1] = ARGV[i]
  end
end
return claimed
"""

_FIELDS = (
    "site",
    "kind",
    "url",
    "state",
    "sources",
    "attempts",
    "error",
    "crawl",
    "fetched_url",
    "published",
    "request",
)


class RedisFrontier:
    """Every post and listing page the workers discovered (see ``FrontierStore``).

    ``owner`` names the worker in the feed registry, so that a worker
    recovering a dead one's posts reads that worker's feed files only.

    A :meth:`batch` is not one transaction here: each write in it is atomic
    on its own, and the frontier writes a page's discoveries before settling
    the page, so a cut between them leaves the page to fetch again and its
    discoveries recorded — fetched once, since they are this crawl's already.
    """

    def __init__(self, server: Any, prefix: str, owner: str = "") -> None:
        self.server = server
        self.prefix = prefix
        self.owner = owner
        self._record = server.register_script(_RECORD)
        self._settle = server.register_script(_SETTLE)
        self._claim = server.register_script(_CLAIM)

    def batch(self) -> AbstractContextManager[None]:
        return nullcontext()

    def record(self, tracked: Sequence[Tracked], crawl: str) -> list[Tracked]:
        if not tracked:
            return []
        args: list[Any] = [self.prefix, crawl, _now()]
        for item in tracked:
            args += [
                item.key,
                item.site,
                item.kind,
                item.url,
                item.source,
                item.request,
                item.published or "",
            ]
        scheduled = set(_texts(self._record(args=args)))
        return [item for item in tracked if item.key in scheduled]

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
        self._settle(
            args=[
                self.prefix,
                key,
                state,
                error or "",
                fetched_url or "",
                published or "",
                kind or "",
                int(state in _FINAL),
                int(state == FAILED),
                _now(),
            ]
        )

    def entries(self, keys: Iterable[str]) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            with self.server.pipeline(transaction=False) as pipe:
                for key in chunk:
                    pipe.hmget(f"{self.prefix}:f:{key}", *_FIELDS)
                rows = pipe.execute()
            found.update(
                (key, _entry(key, row)) for key, row in zip(chunk, rows, strict=True) if row[0]
            )
        return found

    def pending(self, sites: Sequence[str] | None, states: Sequence[str]) -> Iterator[Entry]:
        if sites == [] or not states:
            return
        if sites is None:
            sites = sorted(_texts(self.server.smembers(f"{self.prefix}:f:sites")))
        wanted = set(states)
        for site in sites:
            index = f"{self.prefix}:f:site:{site}"
            start = 0
            while True:
                keys = _texts(self.server.zrange(index, start, start + _CHUNK - 1))
                if not keys:
                    break
                start += len(keys)
                with self.server.pipeline(transaction=False) as pipe:
                    for key in keys:
                        pipe.hget(f"{self.prefix}:f:{key}", "state")
                    states_now = pipe.execute()
                chosen = [k for k, s in zip(keys, states_now, strict=True) if _text(s) in wanted]
                entries = self.entries(chosen)
                for key in chosen:
                    if key in entries and entries[key].state in wanted:
                        yield entries[key]

    def of_crawl(self, crawl: str, states: Sequence[str]) -> list[Entry]:
        """The entries a crawl recorded or claimed that are in one of ``states``."""
        keys = _texts(self.server.smembers(f"{self.prefix}:f:crawl:{crawl}"))
        wanted = set(states)
        entries = self.entries(keys)
        return [e for e in entries.values() if e.state in wanted and e.crawl == crawl]

    def claim(self, keys: Sequence[str], crawl: str) -> list[str]:
        """Claim entries for ``crawl``; those a fellow worker of the crawl claimed are not."""
        if not keys:
            return []
        return _texts(self._claim(args=[self.prefix, crawl, *keys]))

    def summary(self, site: str | None, crawl: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        keys = _texts(self.server.smembers(f"{self.prefix}:f:crawl:{crawl}"))
        for start in range(0, len(keys), _CHUNK):
            with self.server.pipeline(transaction=False) as pipe:
                for key in keys[start : start + _CHUNK]:
                    pipe.hmget(f"{self.prefix}:f:{key}", "site", "kind", "state", "sources")
                rows = pipe.execute()
            for row in rows:
                entry_site, kind, state, sources = (_text(value) for value in row)
                if kind != "post" or (site is not None and entry_site != site):
                    continue
                tally(counts, str(state), int(sources or 0))
        return counts

    def add_feed(self, path: str) -> None:
        feeds, owners = f"{self.prefix}:feeds", f"{self.prefix}:feeds:worker"
        with self.server.pipeline(transaction=True) as pipe:
            pipe.zadd(feeds, {path: time.time()})
            pipe.hset(owners, path, self.owner)
            pipe.zremrangebyrank(feeds, 0, -_FEEDS_KEPT - 1)
            pipe.execute()
        kept = set(_texts(self.server.zrange(feeds, 0, -1)))
        gone = [p for p in _texts(self.server.hkeys(owners)) if p not in kept]
        if gone:
            self.server.hdel(owners, *gone)

    def feeds(self) -> list[str]:
        return _texts(self.server.zrevrange(f"{self.prefix}:feeds", 0, -1))

    def feeds_not_of(self, workers: Iterable[str]) -> list[str]:
        """The feed files (newest first) written by workers other than those given."""
        alive = set(workers)
        paths = self.feeds()
        if not paths:
            return []
        writers = self.server.hmget(f"{self.prefix}:feeds:worker", paths)
        return [p for p, w in zip(paths, writers, strict=True) if _text(w) not in alive]

    def close(self) -> None:
        return None


def _entry(key: str, row: list[Any]) -> Entry:
    site, kind, url, state, sources, attempts, error, crawl, fetched, published, request = row
    return Entry(
        key=key,
        site=_text(site) or "",
        kind=_text(kind) or "",
        url=_text(url) or "",
        state=_text(state) or "",
        sources=int(sources or 0),
        attempts=int(attempts or 0),
        error=_text(error),
        crawl=_text(crawl) or "",
        fetched_url=_text(fetched),
        published=_text(published),
        request=bytes(request) if request else None,
    )


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


def _texts(values: Iterable[bytes | str]) -> list[str]:
    return [value.decode() if isinstance(value, bytes) else value for value in values]
