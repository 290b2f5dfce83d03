"""``-a since=`` / ``-a until=``: which posts a crawl wants, by publication date.

A date comes from a sitemap's ``lastmod`` or ``news:publication_date``, a
feed entry, a listing's card or the page itself. The crawl stops walking
where the dates leave the bounds (a Prev walk at the first post before
``since``), so a date that cannot be right — in the future, or before 1990 —
is flagged and never used as a bound: a post dated 1970 by a broken theme
does not end the walk of an archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from newscrawl.extract.dates import parse_date

__all__ = ["AFTER", "BEFORE", "INSIDE", "UNDATED", "UNTRUSTED", "DateBounds", "read_moment"]

INSIDE, BEFORE, AFTER, UNDATED, UNTRUSTED = "inside", "before", "after", "undated", "untrusted"
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
#: Clocks and time zones differ: a date this far ahead may still be honest.
_AHEAD = timedelta(days=2)
_FAR = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DateBounds:
    """``since`` inclusive, ``until`` exclusive; either may be open (``None``)."""

    since: datetime | None = None
    until: datetime | None = None

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None

    def verdict(self, raw: str | None, *, now: datetime | None = None) -> str:
        """Where a date puts its post: :data:`INSIDE`, :data:`BEFORE`, :data:`AFTER`,
        :data:`UNDATED` (no date) or :data:`UNTRUSTED` (a date that cannot be right)."""
        if not raw:
            return UNDATED
        moment = read_moment(raw)
        if moment is None:
            return UNDATED
        if moment < _EARLIEST or moment > (now or datetime.now(UTC)) + _AHEAD:
            return UNTRUSTED
        if self.since is not None and moment < self.since:
            return BEFORE
        if self.until is not None and moment >= self.until:
            return AFTER
        return INSIDE


def read_moment(raw: str) -> datetime | None:
    """A list's or a page's date, however implausible (ISO 8601, RFC 822, or text)."""
    text = raw.strip()
    candidate = text[:-1] + "+00:00" if text.endswith("Z") else text
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            moment = parse_date(text, now=_FAR)
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
