"""Many workers, one crawl: scrapy-redis's scheduler and duplicate filter, and who is alive.

With ``NEWSCRAWL_BACKEND=redis://…`` every ``scrapy crawl news`` process is a
worker of one crawl. The request queue and the duplicate filter are
scrapy-redis's (:class:`FleetScheduler`, :class:`FleetDupeFilter`); the
seen-state and the frontier are :mod:`newscrawl.redisstate`'s. This module
adds what scrapy-redis leaves out, through the :class:`Fleet` extension:

- **one crawl**: the first worker to start names the crawl (``<p>:crawl``);
  those that join while it runs take part in it, so a post one of them
  recorded is not scheduled again by another;
- **who is alive and busy**: each worker keeps a key ``<p>:worker:<id>``
  saying ``busy`` or ``idle``, which expires ``NEWSCRAWL_WORKER_TIMEOUT``
  seconds after the worker last renewed it. Popping a request from the queue
  marks the worker busy in the same step (a Lua script), so no other worker can
  see the queue empty and this one idle while it holds a request;
- **not ending early**: a worker with nothing to do stays while the queue
  holds requests or another worker is busy (its pages may lead to more);
- **what a dead worker held**: scrapy-redis pops requests for good, so a
  worker killed in flight takes its requests with it. Their posts stay in
  the frontier, recorded and not exported. When the queue is empty and no
  live worker is busy, one worker (the holder of ``<p>:sweep``) issues
  again every post of the crawl the frontier still has as ``known``; a post
  left ``parsed`` is first looked for in the dead workers' feed files. A
  killed worker's requests are therefore fetched again at most
  ``NEWSCRAWL_WORKER_TIMEOUT`` seconds after the rest of the crawl ran dry;
- **the end**: when that sweep finds nothing, the crawl is over: its name and
  its duplicate filter are deleted, so the next scheduled run starts afresh
  (the seen-state keeps what was exported).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import warnings
from collections import deque
from typing import Any, Self
from uuid import uuid4

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured, ScrapyDeprecationWarning
from scrapy.utils.asyncio import AsyncioLoopingCall, create_looping_call
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newscrawl import backend
from newscrawl.arguments import int_setting
from newscrawl.dupefilter import log_redirect_to_seen

__all__ = ["Fleet", "FleetDupeFilter", "FleetQueue", "FleetScheduler"]

logger = logging.getLogger(__name__)

BUSY, IDLE = "busy", "idle"
#: Request meta: taken from the shared queue to wake the engine (FleetScheduler.wake).
_WAKE = "newscrawl_wake"
#: How often an idle worker looks at the shared queue (seconds).
_POLL = 0.25

# Takes the first request of the queue and marks the worker busy, in one step:
# KEYS queue, worker; ARGV the worker key's time to live.
_POP = """
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if #first == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('SET', KEYS[2], 'busy', 'EX', ARGV[1])
return first[1]
"""

# scrapy-redis's enqueue_request in one step: the duplicate filter (unless the
# request is dont_filter), then the priority queue. KEYS queue, dupefilter;
# ARGV fingerprint, score, dont_filter, the encoded request.
_PUSH = """
if ARGV[3] == '0' and redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
return 1
"""

# What the scripts below ask of the worker registry. Each entry whose key has expired
# is a dead worker, dropped from the registry on the way.
_WORKERS = """
local function others(registry, prefix, me, busy_only)
  for _, worker in ipairs(redis.call('SMEMBERS', registry)) do
    local state = redis.call('GET', prefix .. worker)
    if not state then
      redis.call('SREM', registry, worker)
    elseif worker ~= me and (state == 'busy' or not busy_only) then
      return true
    end
  end
  return false
end
"""

# Whether the crawl can end, and if so ending it, in one step: no worker can join,
# take a request or push one between the look and the end. KEYS crawl, queue,
# dupefilter, registry; ARGV crawl, this worker, the key prefix of workers.
_END = (
    _WORKERS
    + """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
if others(KEYS[4], ARGV[3], ARGV[2], true) then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
return 1
"""
)

# What an idle worker may do: 'close' (the crawl is over), 'wait' (work is queued,
# another worker is busy, or another sweeps) or 'sweep' (the lock is now its own).
# KEYS crawl, queue, registry, lock; ARGV crawl, worker, workers' key prefix, lock TTL.
_MAY_SWEEP = (
    _WORKERS
    + """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'close' end
if redis.call('ZCARD', KEYS[2]) > 0 then return 'wait' end
if others(KEYS[3], ARGV[3], ARGV[2], true) then return 'wait' end
if redis.call('SET', KEYS[4], ARGV[2], 'NX', 'EX', ARGV[4]) then return 'sweep' end
return 'wait'
"""
)

# Lets go of the lock only if this worker holds it. KEYS lock; ARGV worker.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

# The crawl to join. One that no live worker works on and with nothing queued is over
# (its workers were stopped before its end, by a limit or by hand): a new one starts.
# KEYS crawl, queue, dupefilter, registry; ARGV a new crawl's name, workers' key prefix,
# this worker.
_JOIN = (
    _WORKERS
    + """
local crawl = redis.call('GET', KEYS[1])
if crawl and redis.call('ZCARD', KEYS[2]) == 0 and not others(KEYS[4], ARGV[2], ARGV[3], false) then
  redis.call('DEL', KEYS[1], KEYS[3])
  crawl = false
end
if not crawl then
  redis.call('SET', KEYS[1], ARGV[1])
  return ARGV[1]
end
return crawl
"""
)


class Fleet:
    """Extension: this worker's part in a crawl many workers share (see the module)."""

    def __init__(self, crawler: Crawler, server: Any, prefix: str, timeout: int) -> None:
        self.crawler = crawler
        self.server = server
        self.prefix = prefix
        self.timeout = timeout
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:6]}"
        self.key = f"{prefix}:worker:{self.worker}"
        self.registry = f"{prefix}:workers"
        self.lock = f"{prefix}:sweep"
        self.state = BUSY
        self.scheduler: FleetScheduler | None = None
        self.task: AsyncioLoopingCall | LoopingCall | None = None
        self.closing = False
        self._renewed = 0.0
        self._trouble = False
        self._scripts = {
            name: server.register_script(code)
            for name, code in {
                "end": _END,
                "may_sweep": _MAY_SWEEP,
                "release": _RELEASE,
                "join": _JOIN,
                "pop": _POP,
                "push": _PUSH,
            }.items()
        }
        self.pop, self.push = self._scripts["pop"], self._scripts["push"]
        name = crawler.spidercls.name
        self.queue_key = str(crawler.settings["SCHEDULER_QUEUE_KEY"] % {"spider": name})
        self.dupefilter_key = str(crawler.settings["SCHEDULER_DUPEFILTER_KEY"] % {"spider": name})
        # Busy and registered before joining: a worker ending the crawl sees this one.
        self._mark(BUSY)
        self.server.sadd(self.registry, self.worker)
        self.crawl = _text(
            self._scripts["join"](
                keys=[f"{prefix}:crawl", self.queue_key, self.dupefilter_key, self.registry],
                args=[f"fleet:{uuid4().hex}", f"{prefix}:worker:", self.worker],
            )
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not backend.redis_url(settings):
            raise NotConfigured("NEWSCRAWL_BACKEND is not Redis")
        timeout = int_setting(settings, "NEWSCRAWL_WORKER_TIMEOUT", minimum=2)
        fleet = cls(crawler, backend.connect(settings), backend.prefix(settings), timeout)
        crawler.signals.connect(fleet.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(fleet.spider_closed, signal=signals.spider_closed)
        return fleet

    def spider_opened(self, spider: Spider) -> None:
        logger.info(
            "Worker %s of crawl %s (Redis %s); %d other worker(s) alive",
            self.worker,
            self.crawl,
            backend.redis_url(self.crawler.settings),
            len(self.alive()) - 1,
        )
        self.task = create_looping_call(self._tick)
        self.task.start(_POLL, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        with self.server.pipeline(transaction=True) as pipe:
            pipe.delete(self.key).srem(self.registry, self.worker).execute()

    # Liveness ------------------------------------------------------------------

    def _tick(self) -> None:
        """Renew this worker's key now and then; with room for more, look in the shared queue.

        Scrapy's engine asks its scheduler for work when a download ends, or every
        five seconds, and says it is idle only then: a worker that just started, or
        ran out, would sit that long unseen, and keep the others from ending. A
        Redis that does not answer for a while costs one warning: the loop goes on.
        """
        from redis.exceptions import RedisError

        try:
            self._step()
        except RedisError as error:
            if not self._trouble:
                logger.warning("Fleet: Redis did not answer (%s); trying again", error)
            self._trouble = True
            self.crawler.stats.inc_value("newscrawl/fleet/redis_errors")
        else:
            self._trouble = False

    def _step(self) -> None:
        if time.monotonic() - self._renewed > self.timeout / 3:
            self._mark(self.state)
        engine = self.crawler.engine
        if engine is None or self.scheduler is None or self.closing:
            return
        if self.state == BUSY and _engine_idle(engine):
            self._mark(IDLE)
        if self.state == IDLE and self.over():
            self.closing = True
            deferred_from_coro(engine.close_spider_async(reason="finished"))
            return
        if not self.scheduler.woken and not engine.downloader.needs_backout():
            self.scheduler.wake()

    def _mark(self, state: str) -> None:
        self.state = state
        self.server.set(self.key, state, ex=self.timeout)
        self._renewed = time.monotonic()

    def mark_busy(self) -> None:
        if self.state != BUSY:
            self._mark(BUSY)

    def alive(self) -> dict[str, str]:
        """Live workers (their keys not expired) → ``busy`` or ``idle``."""
        workers = sorted(_text(w) for w in self.server.smembers(self.registry))
        keys = [f"{self.prefix}:worker:{w}" for w in workers]
        states = self.server.mget(keys) if keys else []
        return {w: _text(s) for w, s in zip(workers, states, strict=True) if s is not None}

    # The end of the crawl --------------------------------------------------------

    def over(self) -> bool:
        """The crawl this worker joined has been ended (by another worker)."""
        return _text(self.server.get(f"{self.prefix}:crawl")) != self.crawl

    def when_idle(self) -> str:
        """What an idle worker does: ``wait``, ``sweep`` (it holds the lock now) or ``close``.

        One step looks at the queue and the other workers and takes the lock, which
        lives twice the worker timeout.
        """
        if self.state != IDLE:
            self._mark(IDLE)
        keys = [f"{self.prefix}:crawl", self.queue_key, self.registry, self.lock]
        args = [self.crawl, self.worker, f"{self.prefix}:worker:", 2 * self.timeout]
        return _text(self._scripts["may_sweep"](keys=keys, args=args))

    def end(self) -> bool:
        """End the crawl for every worker if nothing is left anywhere, checked in the same
        step; whether it ended."""
        keys = [f"{self.prefix}:crawl", self.queue_key, self.dupefilter_key, self.registry]
        args = [self.crawl, self.worker, f"{self.prefix}:worker:"]
        if not self._scripts["end"](keys=keys, args=args):
            return False
        self.server.expire(f"{self.prefix}:f:crawl:{self.crawl}", 7 * 24 * 3600)
        logger.info("Crawl %s is over: nothing queued, in flight or left to fetch", self.crawl)
        return True

    def release_sweep(self) -> None:
        self._scripts["release"](keys=[self.lock], args=[self.worker])


def fleet_of(crawler: Crawler) -> Fleet:
    """The crawl's :class:`Fleet` extension (the Redis backend's add-on enables it)."""
    fleet = crawler.get_extension(Fleet)
    if fleet is None:
        raise NotConfigured("newscrawl.fleet.Fleet is not among the EXTENSIONS")
    return fleet


class FleetQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis's priority queue; a pop marks the worker busy in the same step."""

    def pop(self, timeout: int = 0) -> Request | None:
        fleet = fleet_of(self.spider.crawler)
        data = fleet.pop(keys=[self.key, fleet.key], args=[fleet.timeout])
        if not data:
            return None
        fleet.state = BUSY
        request: Request = self._decode_request(data)
        return request


class FleetScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler; a worker that stops leaves the shared queue to the others.

    An idle engine asks its scheduler for work only every five seconds; the
    :class:`Fleet` wakes it sooner (:meth:`wake`) when the shared queue fills.
    """

    def open(self, spider: Spider) -> None:
        with warnings.catch_warnings():  # its "Resuming crawl" line uses Spider.log()
            warnings.simplefilter("ignore", ScrapyDeprecationWarning)
            super().open(spider)
        self.woken: deque[Request] = deque()
        fleet_of(spider.crawler).scheduler = self

    def close(self, reason: str) -> None:
        return None  # SCHEDULER_PERSIST in any case: the queue is the fleet's, not the worker's

    def wake(self) -> bool:
        """Take a request from the shared queue and hand it to the idle engine now."""
        request = self.queue.pop()
        if request is None:
            return False
        request.meta[_WAKE] = True
        self.spider.crawler.engine.crawl(request)  # the engine's one public way in
        return True

    def enqueue_request(self, request: Request) -> bool:
        """scrapy-redis's filter-then-push, in one round trip instead of two."""
        if request.meta.pop(_WAKE, False):
            self.woken.append(request)  # taken from the shared queue already
            return True
        fleet = fleet_of(self.spider.crawler)
        pushed = fleet.push(
            keys=[self.queue.key, self.df.key],
            args=[
                self.df.request_fingerprint(request),
                -request.priority,
                int(request.dont_filter),
                self.queue._encode_request(request),
            ],
        )
        if not pushed:
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.woken:
            return self.woken.popleft()
        request: Request | None = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.woken) or bool(super().has_pending_requests())


class FleetDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis's shared duplicate filter, logging redirects to seen pages like ours."""

    def log(self, request: Request, spider: Spider) -> None:
        log_redirect_to_seen(request, spider)
        super().log(request, spider)

    def close(self, reason: str = "") -> None:
        return None  # cleared when the crawl ends (Fleet.end), not when a worker stops


def _engine_idle(engine: Any) -> bool:
    """Nothing downloading, scraped or started, and the shared queue empty."""
    try:
        return bool(engine.spider_is_idle())
    except RuntimeError:  # the spider is not open yet, or closed
        return False


def _text(value: bytes | str | None) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
