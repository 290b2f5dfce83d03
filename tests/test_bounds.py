from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.arguments import parse_arguments
from newscrawl.bounds import AFTER, BEFORE, INSIDE, UNDATED, UNTRUSTED, DateBounds


def test_bounds_from_arguments_cover_whole_days_months_and_years():
    args = parse_arguments("https://a.example/", since="2019-03", until="2019")
    assert args.since == datetime(2019, 3, 1, tzinfo=UTC)
    assert args.until == datetime(2020, 1, 1, tzinfo=UTC)  # until=2019: all of 2019
    day = parse_arguments("https://a.example/", until="2019-02-28")
    assert day.until == datetime(2019, 3, 1, tzinfo=UTC)
    december = parse_arguments("https://a.example/", until="2019-12")
    assert december.until == datetime(2020, 1, 1, tzinfo=UTC)
    zoned = parse_arguments("https://a.example/", since="2019-03-01T10:00:00+02:00")
    assert zoned.since == datetime(2019, 3, 1, 8, tzinfo=UTC)


def test_verdicts_on_list_and_page_dates():
    bounds = DateBounds(datetime(2019, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))
    assert bounds.verdict("2019-06-01T10:00:00Z") == INSIDE
    assert bounds.verdict("Tue, 01 Jan 2018 10:00:00 +0000") == BEFORE  # RSS
    assert bounds.verdict("2020-01-01") == AFTER  # until is exclusive
    assert bounds.verdict("March 3, 2019") == INSIDE


def test_a_date_that_cannot_be_right_is_never_a_bound():
    bounds = DateBounds(datetime(2019, 1, 1, tzinfo=UTC))
    assert bounds.verdict("1970-01-01T00:00:00Z") == UNTRUSTED
    assert bounds.verdict("1989-12-31") == UNTRUSTED
    assert bounds.verdict("2999-01-01") == UNTRUSTED
    assert bounds.verdict(None) == bounds.verdict("") == bounds.verdict("no date") == UNDATED
    assert not DateBounds() and bounds
