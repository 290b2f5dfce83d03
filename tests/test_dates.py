from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newscrawl.extract.dates import dayfirst_for, parse_date

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-02-23T10:15:00+03:00", "2025-02-23T10:15:00+03:00"),
        ("2025-02-23T07:15:00Z", "2025-02-23T07:15:00+00:00"),
        ("2025-02-23", "2025-02-23T00:00:00+00:00"),
        ("February 23, 2025", "2025-02-23T00:00:00+00:00"),
        ("Sun, 23 Feb 2025 10:00:00 -0500", "2025-02-23T10:00:00-05:00"),
        ("Posted on 23 February 2025 at 9:30", "2025-02-23T09:30:00+00:00"),
    ],
)
def test_absolute_forms(raw, expected):
    assert parse_date(raw, now=NOW).isoformat() == expected


def test_day_first_outside_the_us():
    assert parse_date("03/02/2025", dayfirst=True, now=NOW).date().isoformat() == "2025-02-03"
    assert parse_date("03/02/2025", dayfirst=False, now=NOW).date().isoformat() == "2025-03-02"
    assert dayfirst_for("en-GB") and dayfirst_for("de-DE") and not dayfirst_for("en-US")


def test_relative_dates_count_back_from_the_download():
    assert parse_date("3 hours ago", now=NOW) == NOW - timedelta(hours=3)
    assert parse_date("Yesterday at 10:00", now=NOW) == NOW - timedelta(days=1)


def test_zone_assumed_when_the_text_names_none():
    tz = timezone(timedelta(hours=1))
    assert parse_date("2025-02-23 10:00", now=NOW, tz=tz).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    "raw", ["", "Comments (3)", "no date here", "9999-01-01", "1800-01-01", "2030-01-01T00:00:00Z"]
)
def test_not_a_date(raw):
    assert parse_date(raw, now=NOW) is None
