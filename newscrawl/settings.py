"""Scrapy settings for newscrawl: defaults a site owner would accept.

Every value here can be overridden per run (``-s NAME=VALUE``) or per spider.
The project's own settings are prefixed ``NEWSCRAWL_`` and listed in README.md.
"""

from __future__ import annotations

BOT_NAME = "newscrawl"

SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
# Our `crawl` command checks spider arguments before the crawl starts, so a bad
# argument is a one-line error instead of a traceback from inside the engine.
COMMANDS_MODULE = "newscrawl.commands"

USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; article archiver)"
ROBOTSTXT_OBEY = True

# Politeness: a handful of requests at a time per site, adaptively throttled.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Items and requests of one response handled at a time. The pipelines are
# synchronous, so more buys nothing, and Scrapy's default of 100 starts 100
# asyncio tasks for every response: a third of a bare crawl's CPU time.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# An article page is well under a megabyte; anything past 16 MiB is not one.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
# Transient faults (5xx, 429, dropped connections, timeouts, a body shorter than
# its Content-Length) are retried by Scrapy's RetryMiddleware, made to wait first:
# Retry-After when the server says, else a backoff doubling from 0.25 s.
RETRY_TIMES = 5
# The spider logs the one line that says what a failure costs (see NewsSpider.on_error).
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
NEWSCRAWL_RETRY_BACKOFF = 0.25
NEWSCRAWL_RETRY_BACKOFF_MAX = 30.0
NEWSCRAWL_RETRY_AFTER_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.retry.BackoffRetryMiddleware": 550,
    # After HttpCompressionMiddleware (590) has the page's real bytes.
    "newscrawl.encoding.EncodingMiddleware": 585,
    # A redirect's request, checked before robots.txt (100) is asked for its host: off the
    # site (another host or port), it is not sent.
    "newscrawl.redirects.OffsiteRedirectMiddleware": 50,
}
REDIRECT_MAX_TIMES = 5
# Redirects back to an already requested page are logged and counted, not dropped silently.
DUPEFILTER_CLASS = "newscrawl.dupefilter.RedirectAwareDupeFilter"

# 2.19's RemoteControl runs code sent to it; the telnet console is the same risk.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Every post (and listing page) is recorded before it is requested; closest to
# the engine, so that only what the other middlewares let through is recorded.
SPIDER_MIDDLEWARES = {"newscrawl.frontier.Frontier": 25}
# A failed post is tried again by this many later runs (or resumes).
NEWSCRAWL_RETRY_RUNS = 3
# Archive crawls page through feeds and listings until a page repeats the one
# before, this many pages in a row bring no new post, or this many pages.
NEWSCRAWL_LISTING_STALE = 3
NEWSCRAWL_MAX_PAGES = 10000
# Pages are read (extraction, cleaning) in this many worker processes; 0: in the
# crawl's own process. Scrapy itself runs on one core.
NEWSCRAWL_EXTRACT_WORKERS = 0
# A progress line every this many seconds (0: none).
NEWSCRAWL_PROGRESS_INTERVAL = 10.0
# Python's garbage collector: what is alive when the engine starts is frozen, and the
# youngest generation is collected every this many allocations (0: Python's 700).
NEWSCRAWL_GC_THRESHOLD = 50_000

ITEM_PIPELINES = {
    "newscrawl.pipelines.DateRangePipeline": 50,
    "newscrawl.pipelines.BoilerplatePipeline": 100,
    "newscrawl.pipelines.BodyPipeline": 200,
    "newscrawl.pipelines.ArticleFilterPipeline": 300,
    "newscrawl.pipelines.DuplicatesPipeline": 400,
    "newscrawl.pipelines.SeenStatePipeline": 500,
    "newscrawl.pipelines.LimitPipeline": 900,
}
EXTENSIONS = {
    "newscrawl.monitor.SiteMonitor": 500,
    "newscrawl.progress.Progress": 510,
    # A robots.txt that cannot be fetched: one warning line, not a traceback.
    "newscrawl.robotslog.RobotsTxtErrors": 520,
    "newscrawl.garbage.GarbageCollection": 530,
}

# Seen-state: what earlier runs exported (SQLite file; empty = remember nothing).
NEWSCRAWL_STATE = ".newscrawl/state.sqlite"
# A backwards walk stops after this many already exported posts in a row.
NEWSCRAWL_SEEN_STOP = 2
# Alerts (exit status 1): share of exported items a field must reach, per site...
NEWSCRAWL_MIN_COVERAGE = {"headline": 0.9, "articleBody": 0.9, "datePublished": 0.5}
# ... and the errors (failed fetches) a site may have in one run.
NEWSCRAWL_MAX_ERRORS = 10
# Dropped pages are logged as one line with their URL, not a dump of the item.
LOG_FORMATTER = "newscrawl.logformatter.LogFormatter"

# JSON Lines in UTF-8 (no \u escapes); without -o/-O, to NEWSCRAWL_DEFAULT_FEED.
FEED_EXPORT_ENCODING = "utf-8"
# CSV with a column for every field, nested fields as JSON text (not Python reprs).
FEED_EXPORTERS = {"csv": "newscrawl.exporters.CsvItemExporter"}
# Local feed files get each line as it is exported, and a cut last line removed.
FEED_STORAGES = {
    "": "newscrawl.feedstorage.LineFeedStorage",
    "file": "newscrawl.feedstorage.LineFeedStorage",
}
NEWSCRAWL_DEFAULT_FEED = "exports/%(name)s-%(time)s.jsonl"
ADDONS = {"newscrawl.addons.DefaultFeed": 0, "newscrawl.backend.RedisBackend": 0}
# Where the state and the request queue live: empty, NEWSCRAWL_STATE's SQLite file and
# Scrapy's scheduler; redis://host:6379/0, that Redis, shared by every worker (scrapy-redis).
NEWSCRAWL_BACKEND = ""
NEWSCRAWL_REDIS_PREFIX = "newscrawl"
# A worker that has not renewed its key for this many seconds is taken for dead, and the
# requests it held are issued again once the rest of the crawl has run dry.
NEWSCRAWL_WORKER_TIMEOUT = 30

LOG_LEVEL = "INFO"
