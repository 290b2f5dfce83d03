"""The ``news`` spider's command-line arguments and settings, checked before anything starts.

``scrapy crawl`` passes ``-a`` and ``-s`` values as strings; a mistake here
should cost the user one line on stderr, not a traceback from deep inside the
engine. The components read their ``NEWSCRAWL_*`` settings through the same
functions, so what passed the check is what they get.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from newscrawl.sites import FOLLOW_CHOICES, SiteConfig, SitesFileError, load_sites
from newscrawl.urls import site_of

__all__ = [
    "FOLLOW_CHOICES",
    "KNOWN_ARGUMENTS",
    "MODES",
    "ArgumentError",
    "NewsArguments",
    "check_settings",
    "int_setting",
    "min_coverage",
    "parse_arguments",
    "state_path",
]


#: ``-a mode=``: walk the Prev/Next chain (scheduled crawls), or every way into the catalogue.
MODES = ("chain", "archive")
#: The ``-a`` names the ``news`` spider takes; ``_job`` is the job id Scrapyd passes to every job.
KNOWN_ARGUMENTS = ("start", "sites", "follow", "limit", "mode", "since", "until")
_PASSED_BY_SCRAPYD = ("_job",)
_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class ArgumentError(ValueError):
    """A spider argument or setting the user has to fix; its message is shown as is."""


@dataclass(frozen=True)
class NewsArguments:
    start: tuple[str, ...]
    follow: str = "both"
    limit: int | None = None
    sites: tuple[SiteConfig, ...] = ()
    mode: str = "chain"
    #: Publication-date bounds: ``since`` inclusive, ``until`` exclusive (the end of its day).
    since: datetime | None = None
    until: datetime | None = None

    @property
    def directions(self) -> tuple[str, ...]:
        """Which neighbours to walk to from a start page."""
        return directions(self.follow)

    def all_sites(self) -> list[SiteConfig]:
        """The sites file's sites, then one site per host of ``-a start``."""
        by_host: dict[str, list[str]] = {}
        for url in self.start:
            by_host.setdefault(site_of(url), []).append(url)
        ad_hoc = [
            SiteConfig(name=host, start=tuple(urls), follow=self.follow, hosts=(host,))
            for host, urls in by_host.items()
        ]
        return [*self.sites, *ad_hoc]


def directions(follow: str) -> tuple[str, ...]:
    return {"both": ("prev", "next"), "prev": ("prev",), "next": ("next",)}.get(follow, ())


def check_names(names: list[str]) -> None:
    """An unknown ``-a`` name (``-a limt=5``) is a mistake, not something to ignore."""
    unknown = [name for name in names if name not in (*KNOWN_ARGUMENTS, *_PASSED_BY_SCRAPYD)]
    if unknown:
        raise ArgumentError(
            f"unknown argument -a {unknown[0]}=… (known: {', '.join(KNOWN_ARGUMENTS)})"
        )


def parse_arguments(
    start: str | None = None,
    follow: str | None = None,
    limit: str | int | None = None,
    sites: str | None = None,
    mode: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> NewsArguments:
    site_configs: tuple[SiteConfig, ...] = ()
    if sites:
        try:
            site_configs = tuple(load_sites(sites))
        except SitesFileError as exc:
            raise ArgumentError(str(exc)) from None
    lower = _parse_bound("since", since)
    upper = _parse_bound("until", until, end=True)
    if lower and lower > datetime.now(UTC):
        raise ArgumentError(f"since: {since!r} is in the future: nothing could be exported")
    if lower and upper and lower >= upper:
        raise ArgumentError(f"since: {since!r} is not before until {until!r}")
    return NewsArguments(
        start=_parse_start(start, required=not site_configs),
        follow=_parse_follow(follow),
        limit=_parse_limit(limit),
        sites=site_configs,
        mode=_parse_mode(mode),
        since=lower,
        until=upper,
    )


def _parse_mode(value: str | None) -> str:
    mode = (value or "chain").strip().lower()
    if mode not in MODES:
        raise ArgumentError(f"mode: {value!r} is not one of {', '.join(MODES)}")
    return mode


def _parse_bound(name: str, value: str | None, *, end: bool = False) -> datetime | None:
    """``2019``, ``2019-03``, ``2019-03-01`` or an ISO 8601 time; UTC unless it says.

    An upper bound given as a year, month or day means the end of it:
    ``until=2019`` keeps everything published in 2019.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if _DAY.fullmatch(text):
            parts = [int(p) for p in text.split("-")]
            year, month, day = (*parts, 1, 1)[:3]
            moment = datetime(year, month, day, tzinfo=UTC)
            if end:
                moment = _end_of(moment, len(parts))
            return moment
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ArgumentError(
            f"{name}: {value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _end_of(moment: datetime, precision: int) -> datetime:
    if precision == 3:
        return moment + timedelta(days=1)
    if precision == 2:
        return (moment.replace(day=28) + timedelta(days=4)).replace(day=1)
    return moment.replace(year=moment.year + 1)


def _parse_start(value: str | None, *, required: bool) -> tuple[str, ...]:
    if not value or not value.strip():
        if required:
            raise ArgumentError(
                "missing -a start=URL[,URL...] (an article, feed, sitemap or home page) "
                "or -a sites=FILE"
            )
        return ()
    urls = tuple(u.strip() for u in value.split(",") if u.strip())
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ArgumentError(f"start: {url!r} is not an http(s) URL")
    return urls


def _parse_follow(value: str | None) -> str:
    follow = (value or "both").strip().lower()
    if follow not in FOLLOW_CHOICES:
        raise ArgumentError(f"follow: {value!r} is not one of {', '.join(FOLLOW_CHOICES)}")
    return follow


def _parse_limit(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        limit = int(value)
    except (TypeError, ValueError):
        raise ArgumentError(f"limit: {value!r} is not a whole number") from None
    if limit < 1:
        raise ArgumentError(f"limit: {value!r} must be at least 1")
    return limit


def check_settings(settings: BaseSettings) -> None:
    """Read each ``NEWSCRAWL_*`` number as its component will: ``ArgumentError`` if one is bad."""
    min_coverage(settings)
    int_setting(settings, "NEWSCRAWL_MAX_ERRORS")
    int_setting(settings, "NEWSCRAWL_SEEN_STOP", minimum=1)
    int_setting(settings, "NEWSCRAWL_WORKER_TIMEOUT", minimum=2)
    int_setting(settings, "NEWSCRAWL_GC_THRESHOLD", minimum=0)
    from newscrawl.backend import check_backend  # it reads its settings through this module

    check_backend(settings)


def int_setting(settings: BaseSettings, name: str, *, minimum: int | None = None) -> int:
    try:
        value = settings.getint(name)
    except (TypeError, ValueError):
        raise ArgumentError(f"{name}: {settings.get(name)!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ArgumentError(f"{name}: {value} must be at least {minimum}")
    return value


def min_coverage(settings: BaseSettings) -> dict[str, float]:
    """``NEWSCRAWL_MIN_COVERAGE``: item field → least share of a site's articles that has it."""
    name = "NEWSCRAWL_MIN_COVERAGE"
    example = f"e.g. -s '{name}={{\"headline\": 0.9}}'"
    try:
        shares = settings.getdict(name)
    except (TypeError, ValueError, json.JSONDecodeError):
        raise ArgumentError(f"{name}: not a JSON object of field: share ({example})") from None
    coverage: dict[str, float] = {}
    for field, share in shares.items():
        try:
            coverage[field] = float(share)
        except (TypeError, ValueError):
            raise ArgumentError(f"{name}: {field}: {share!r} is not a number") from None
        if not 0 <= coverage[field] <= 1:
            raise ArgumentError(f"{name}: {field}: {share!r} is not a share between 0 and 1")
    return coverage


def state_path(settings: BaseSettings) -> str | None:
    """The file of the crawl's state (seen-state and frontier), or ``None``: remember nothing.

    ``NEWSCRAWL_STATE`` when set; otherwise, for a ``JOBDIR`` job, a file in
    the job's folder, so that a resumed job knows what it exported.
    """
    path = settings.get("NEWSCRAWL_STATE")
    if path:
        return str(path)
    jobdir = settings.get("JOBDIR")
    return str(Path(jobdir) / "newscrawl.sqlite") if jobdir else None
