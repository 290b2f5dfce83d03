"""The ``news`` spider's command-line arguments, checked before anything starts.

``scrapy crawl`` passes ``-a`` values as strings; a mistake here should cost
the user one line on stderr, not a traceback from deep inside the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

FOLLOW_CHOICES = ("both", "prev", "next", "none")


class ArgumentError(ValueError):
    """A spider argument the user has to fix; its message is shown as is."""


@dataclass(frozen=True)
class NewsArguments:
    start: tuple[str, ...]
    follow: str = "both"
    limit: int | None = None

    @property
    def directions(self) -> tuple[str, ...]:
        """Which neighbours to walk to from a start page."""
        return {"both": ("prev", "next"), "prev": ("prev",), "next": ("next",)}.get(self.follow, ())


def parse_arguments(
    start: str | None = None, follow: str | None = None, limit: str | int | None = None
) -> NewsArguments:
    return NewsArguments(
        start=_parse_start(start), follow=_parse_follow(follow), limit=_parse_limit(limit)
    )


def _parse_start(value: str | None) -> tuple[str, ...]:
    if not value or not value.strip():
        raise ArgumentError("missing -a start=URL[,URL...] (an article page to start from)")
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
