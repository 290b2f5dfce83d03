"""``-a sites=sites.toml``: many sites in one job, each with its own start points and overrides.

Mistakes are reported as ``file:line: problem``, the way compilers do, so the
person who edits the file at 3 a.m. sees where to look.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cssselect import SelectorSyntaxError
from parsel import Selector

from newscrawl.urls import site_of

#: Which way to walk the Prev/Next chain from a start page.
FOLLOW_CHOICES = ("both", "prev", "next", "none")


class SitesFileError(ValueError):
    """A problem in a sites file; the message names the file and line."""


@dataclass(frozen=True)
class SiteConfig:
    """One site to crawl (from a sites file or ``-a start``); ``None``: the default."""

    name: str
    start: tuple[str, ...]
    follow: str = "both"
    limit: int | None = None
    body: str | None = None
    drop: tuple[str, ...] = ()
    dayfirst: bool | None = None
    timezone: str | None = None
    language: str | None = None
    delay: float | None = None
    concurrency: int | None = None
    hosts: tuple[str, ...] = field(default=())

    @property
    def download_slot(self) -> dict[str, float | int]:
        """The site's own ``DOWNLOAD_SLOTS`` entry: its delay and concurrency, if it sets them."""
        slot = {"delay": self.delay, "concurrency": self.concurrency}
        return {key: value for key, value in slot.items() if value is not None}


_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "start": (str, list),
    "follow": str,
    "limit": int,
    "body": str,
    "drop": (str, list),
    "dayfirst": bool,
    "timezone": str,
    "language": str,
    "delay": (int, float),
    "concurrency": int,
}


def load_sites(path: str | Path) -> list[SiteConfig]:
    """Read and check a sites file; raise :class:`SitesFileError` on the first problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SitesFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise SitesFileError(f"{where}: {str(exc).split(' (at')[0]}") from None
    sites = document.get("site")
    unknown = sorted(set(document) - {"site"})
    if unknown:
        raise SitesFileError(f"{path}:{_line(text, unknown[0])}: unknown table {unknown[0]!r}")
    if not isinstance(sites, list) or not sites:
        raise SitesFileError(f"{path}:1: no [[site]] tables")
    checked = [_site(path, text, index, table) for index, table in enumerate(sites)]
    names = [site.name for site in checked]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise SitesFileError(
                f"{path}:{_line(text, 'name', index)}: site name {name!r} used twice"
            )
    return checked


def _site(path: Path, text: str, index: int, table: dict[str, Any]) -> SiteConfig:
    def fail(key: str, problem: str) -> SitesFileError:
        return SitesFileError(f"{path}:{_line(text, key, index)}: site {index + 1}: {problem}")

    for key, value in table.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise fail(key, f"unknown key {key!r} (known: {', '.join(_KEYS)})")
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise fail(key, f"{key!r} has the wrong type ({type(value).__name__})")
    starts = _strings(table.get("start"))
    if not starts:
        raise fail("start", "'start' is required (a URL or a list of URLs)")
    for url in starts:
        if not url.startswith(("http://", "https://")) or not site_of(url):
            raise fail("start", f"start: {url!r} is not an http(s) URL")
    follow = table.get("follow", "both")
    if follow not in FOLLOW_CHOICES:
        raise fail("follow", f"follow: {follow!r} is not one of {', '.join(FOLLOW_CHOICES)}")
    for key in ("limit", "concurrency"):
        if key in table and table[key] < 1:
            raise fail(key, f"{key} must be at least 1")
    if "delay" in table and table["delay"] < 0:
        raise fail("delay", "delay cannot be negative")
    for key in ("body", "drop"):
        for css in _strings(table.get(key)):
            try:
                Selector(text="<html></html>").css(css)
            except (SelectorSyntaxError, ValueError) as exc:
                raise fail(key, f"{key}: {css!r} is not a CSS selector ({exc})") from None
    timezone = table.get("timezone")
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail("timezone", f"timezone: {timezone!r} is not an IANA time zone") from None
    hosts = tuple(dict.fromkeys(site_of(url) for url in starts))
    return SiteConfig(
        name=table.get("name") or hosts[0],
        start=tuple(starts),
        follow=follow,
        limit=table.get("limit"),
        body=table.get("body"),
        drop=tuple(_strings(table.get("drop"))),
        dayfirst=table.get("dayfirst"),
        timezone=timezone,
        language=table.get("language"),
        delay=float(table["delay"]) if "delay" in table else None,
        concurrency=table.get("concurrency"),
        hosts=hosts,
    )


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _line(text: str, key: str, site_index: int | None = None) -> int:
    """Line of ``key`` (within the ``site_index``-th ``[[site]]`` table), 1-based."""
    lines = text.splitlines()
    start = 0
    if site_index is not None:
        tables = [i for i, line in enumerate(lines) if line.strip().startswith("[[site]]")]
        if site_index < len(tables):
            start = tables[site_index]
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("[")),
        len(lines),
    )
    pattern = re.compile(
        rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=|^\s*\[+{re.escape(key)}"
    )
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i + 1
    return start + 1
