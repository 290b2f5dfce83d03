"""Dates as pages write them, read into timezone-aware datetimes.

ISO 8601 first (what JSON-LD and ``<meta>`` carry), then python-dateutil for
human forms ("February 23, 2025", "23/02/2025"), then relative forms
("3 hours ago") against the download time. Pages outside the US write the day
first; a date without a zone is taken as UTC, the page's raw text is kept
beside it so nothing is lost.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from dateutil import parser as dateparser

_RELATIVE = re.compile(
    r"\b(\d+|an?|one)\s+(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_UNITS = {
    "second": timedelta(seconds=1), "sec": timedelta(seconds=1),
    "minute": timedelta(minutes=1), "min": timedelta(minutes=1),
    "hour": timedelta(hours=1), "hr": timedelta(hours=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1),
    "month": timedelta(days=30), "year": timedelta(days=365),
}
_HAS_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_HAS_DIGIT = re.compile(r"\d")
_MONTH_FIRST_LANGS = ("en-us", "en_us")
#: Zone abbreviations news pages print; dateutil knows none but UTC/GMT by itself.
_TZINFOS = {
    name: timezone(timedelta(hours=hours))
    for name, hours in {
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AKST": -9, "AKDT": -8, "HST": -10, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "PKT": 5, "WIB": 7, "SGT": 8, "HKT": 8,
        "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "SAST": 2,
        "WAT": 1, "EAT": 3,
    }.items()
}
_MIN_YEAR = 1990
#: Parts a text leaves out (a day, a time) read as the first of the month at midnight.
_DEFAULT = datetime(2000, 1, 1)


def dayfirst_for(lang: str | None) -> bool:
    """Whether a page in ``lang`` writes 03/04 as 3 April (everywhere but the US)."""
    if not lang:
        return False
    lang = lang.lower()
    return not (lang == "en" or lang.startswith(_MONTH_FIRST_LANGS))


def parse_date(
    raw: str | None,
    *,
    dayfirst: bool = False,
    now: datetime | None = None,
    tz: tzinfo = UTC,
) -> datetime | None:
    """A timezone-aware datetime for ``raw``, or ``None`` if it is not a plausible date.

    ``tz`` is the zone assumed when the text names none; ``now`` anchors
    relative dates and bounds the result (nothing is published in the future).
    """
    if not raw:
        return None
    text = raw.strip()
    if not _HAS_DIGIT.search(text) and "yesterday" not in text.lower():
        return None
    now = now or datetime.now(UTC)
    parsed = _iso(text) or _relative(text, now) or _human(text, dayfirst)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    if parsed.year < _MIN_YEAR or parsed > now + timedelta(days=2):
        return None
    return parsed


def _iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _relative(text: str, now: datetime) -> datetime | None:
    lowered = text.lower()
    if lowered.startswith("yesterday"):
        return now - timedelta(days=1)
    match = _RELATIVE.search(text)
    if not match:
        return None
    amount_text = match.group(1).lower()
    amount = 1 if amount_text in {"a", "an", "one"} else int(amount_text)
    return now - amount * _UNITS[match.group(2).lower()]


def _human(text: str, dayfirst: bool) -> datetime | None:
    if not _HAS_YEAR.search(text):
        return None
    with warnings.catch_warnings():
        # An unknown zone name leaves the date naive; the caller's zone applies.
        warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
        try:
            return dateparser.parse(
                text, dayfirst=dayfirst, fuzzy=True, default=_DEFAULT, tzinfos=_TZINFOS
            )
        except (ValueError, OverflowError, TypeError):
            return None
