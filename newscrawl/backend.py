"""Where the crawl's state lives: SQLite files on one machine, or one Redis for many workers.

``NEWSCRAWL_BACKEND`` empty (the default) keeps the seen-state and the
frontier in ``NEWSCRAWL_STATE`` (SQLite) and the request queue in Scrapy's own
scheduler. ``NEWSCRAWL_BACKEND=redis://host:6379/0`` puts all of it in that
Redis — the queue and the duplicate filter through scrapy-redis's scheduler,
the seen-state and the frontier through :mod:`newscrawl.redisstate` — so any
number of ``scrapy crawl news`` processes, on any machines, work as one crawl
(see :mod:`newscrawl.fleet`). Only this module decides which; the rest asks it.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from scrapy.settings import BaseSettings

from newscrawl.arguments import ArgumentError, state_path
from newscrawl.state import SeenStore, SQLiteStore

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["RedisBackend", "check_backend", "redis_url", "seen_store"]

_SCHEMES = ("redis://", "rediss://", "unix://")


def redis_url(settings: BaseSettings) -> str | None:
    """The Redis URL of ``NEWSCRAWL_BACKEND``, or ``None`` for the SQLite files."""
    value = str(settings.get("NEWSCRAWL_BACKEND") or "").strip()
    if not value or value == "sqlite":
        return None
    if not value.startswith(_SCHEMES):
        raise ArgumentError(
            f"NEWSCRAWL_BACKEND: {value!r} is neither empty (SQLite files) "
            "nor a Redis URL (redis://host:6379/0)"
        )
    return value


def check_backend(settings: BaseSettings) -> None:
    """A Redis backend needs scrapy-redis installed and the server answering."""
    url = redis_url(settings)
    if url is None:
        return
    if importlib.util.find_spec("scrapy_redis") is None:
        raise ArgumentError(
            "NEWSCRAWL_BACKEND is Redis but scrapy-redis is not installed: "
            "pip install 'newscrawl[redis]'"
        )
    from redis.exceptions import RedisError

    server = connect(settings)
    try:
        server.ping()
    except RedisError as exc:
        raise ArgumentError(f"NEWSCRAWL_BACKEND: cannot reach Redis at {url}: {exc}") from None
    finally:
        server.close()


def connect(settings: BaseSettings) -> Any:
    """A client for ``NEWSCRAWL_BACKEND`` with scrapy-redis's defaults (``REDIS_PARAMS``)."""
    from scrapy_redis.connection import get_redis_from_settings

    copy = settings.copy()
    copy.set("REDIS_URL", redis_url(settings))
    return get_redis_from_settings(copy)


def prefix(settings: BaseSettings) -> str:
    return str(settings.get("NEWSCRAWL_REDIS_PREFIX") or "newscrawl")


def seen_store(crawler: Crawler) -> SeenStore | None:
    """The seen-state: the fleet's Redis, the ``NEWSCRAWL_STATE`` file, or none at all."""
    settings = crawler.settings
    if redis_url(settings):
        from newscrawl.fleet import fleet_of
        from newscrawl.redisstate import RedisSeenStore

        fleet = fleet_of(crawler)
        return RedisSeenStore(fleet.server, fleet.prefix)
    path = state_path(settings)
    return SQLiteStore(path) if path else None


class RedisBackend:
    """Add-on: with a Redis ``NEWSCRAWL_BACKEND``, scrapy-redis schedules and filters requests.

    Set at the project's priority, so that ``-s`` still overrides any of them.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        url = redis_url(settings)
        if url is None:
            return
        keys = prefix(settings) + ":%(spider)s"
        for name, value in {
            "SCHEDULER": "newscrawl.fleet.FleetScheduler",
            "SCHEDULER_QUEUE_CLASS": "newscrawl.fleet.FleetQueue",
            "DUPEFILTER_CLASS": "newscrawl.fleet.FleetDupeFilter",
            # The queue and the filter outlive each worker; the last one out clears the filter.
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_QUEUE_KEY": keys + ":requests",
            "SCHEDULER_DUPEFILTER_KEY": keys + ":dupefilter",
            "REDIS_URL": url,
        }.items():
            if (settings.getpriority(name) or 0) <= 20:  # not given with -s
                settings.set(name, value, priority="project")
        from newscrawl.fleet import Fleet

        # Before the site monitor (500), which reads the seen-state through it.
        settings.set_in_component_priority_dict("EXTENSIONS", Fleet, 400)
