"""The ``news`` spider's command-line arguments and settings, checked before anything starts.

``scrapy crawl`` passes ``-a`` and ``-s`` values as strings; a mistake here
should cost the user one line on stderr, not a traceback from deep inside the
engine. The components read their ``NEWSCRAWL_*`` settings through the same
functions, so what passed the check is what they get.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from newscrawl.sites import FOLLOW_CHOICES, SiteConfig, SitesFileError, load_sites
from newscrawl.urls import site_of

__all__ = [
    "FOLLOW_CHOICES",
    "ArgumentError",
    "NewsArguments",
    "check_settings",
    "int_setting",
    "min_coverage",
    "parse_arguments",
]


class ArgumentError(ValueError):
    """A spider argument or setting the user has to fix; its message is shown as is."""


@dataclass(frozen=True)
class NewsArguments:
    start: tuple[str, ...]
    follow: str = "both"
    limit: int | None = None
    sites: tuple[SiteConfig, ...] = ()

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


def parse_arguments(
    start: str | None = None,
    follow: str | None = None,
    limit: str | int | None = None,
    sites: str | None = None,
) -> NewsArguments:
    site_configs: tuple[SiteConfig, ...] = ()
    if sites:
        try:
            site_configs = tuple(load_sites(sites))
        except SitesFileError as exc:
            raise ArgumentError(str(exc)) from None
    return NewsArguments(
        start=_parse_start(start, required=not site_configs),
        follow=_parse_follow(follow),
        limit=_parse_limit(limit),
        sites=site_configs,
    )


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
