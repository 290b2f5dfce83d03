from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newscrawl.extract.dates import (
    agreed_date,
    dayfirst_for,
    find_date,
    find_labelled_date,
    parse_date,
    settled,
)

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


def test_iso_with_a_zone_name_is_never_read_day_first():
    parsed = parse_date("2022-05-04T03:00:00 UTC", dayfirst=True, now=NOW)
    assert parsed.isoformat() == "2022-05-04T03:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Von Redaktion 4. 2. 2022. Weiter", "2022-02-04"),
        ("15 августа 2016, 13:43", "2016-08-15"),
        ("Publicado el 3 de setiembre de 2021", "2021-09-03"),
        ("Zveřejněno 12. března 2020", "2020-03-12"),
    ],
)
def test_date_lines_in_more_forms(text, day):
    found = find_date(text, dayfirst=True, now=NOW)
    assert found is not None and found[0].date().isoformat() == day


def test_most_sources_win_and_ties_go_to_the_first():
    meta = (datetime(2020, 2, 12, tzinfo=UTC), "2020-02-12")
    printed = (datetime(2020, 2, 5, tzinfo=UTC), "05.02.2020")
    url = (datetime(2020, 2, 5, tzinfo=UTC), "/2020/02/05/")
    assert agreed_date([meta, printed, url], printed) == printed
    assert agreed_date([meta, printed, None], printed) == meta
    assert agreed_date([None, None]) is None


def test_a_tie_goes_to_the_date_line_under_the_headline():
    meta = (datetime(2020, 2, 12, tzinfo=UTC), "2020-02-12")
    printed = (datetime(2020, 2, 5, tzinfo=UTC), "05.02.2020")
    assert agreed_date([meta, printed, None], printed, dateline=True) == printed


def test_labelled_dates_and_year_first_dates():
    found = find_labelled_date("Lesungen: 61 Erschienen am: 01.11.2023", dayfirst=True, now=NOW)
    assert found is not None and found[0].date().isoformat() == "2023-11-01"
    assert find_labelled_date("Am 01.11.2023 gab es Regen", dayfirst=True, now=NOW) is None
    hungarian = find_date("2022. január 4. 10:15", now=NOW)
    assert hungarian is not None and hungarian[0].isoformat() == "2022-01-04T10:15:00+00:00"
    # "28.04.2020 27.04.2020": the second date is no time of day.
    two = find_date("28.04.2020 27.04.2020", dayfirst=True, now=NOW)
    assert two is not None and two[1] == "28.04.2020"


def test_a_utc_timestamp_yields_to_the_local_day_printed():
    utc = (datetime(2022, 5, 4, 3, 37, tzinfo=UTC), "2022-05-04T03:37:00Z")
    printed = (datetime(2022, 5, 3, tzinfo=UTC), "3 May 2022")
    assert agreed_date([utc, printed], printed) == printed
    # A UTC hour that no zone can move to the day before keeps its day.
    late = (datetime(2022, 5, 4, 15, 0, tzinfo=UTC), "2022-05-04T15:00:00Z")
    assert agreed_date([late, printed], printed) == late


def test_a_local_timestamp_of_the_same_instant_gives_the_zone():
    utc = (datetime(2023, 11, 9, 5, 30, 59, tzinfo=UTC), "2023-11-09T05:30:59Z")
    local = (datetime(2023, 11, 8, 23, 30, 59, tzinfo=UTC), "2023-11-08 23:30:59")
    found = agreed_date([utc, None, local], None)
    assert found is not None
    assert found[0].isoformat() == "2023-11-08T23:30:59-06:00"
    assert found[1] == "2023-11-09T05:30:59Z"


def test_settled_needs_two_agreeing_sources_one_of_them_local():
    a = (datetime(2023, 1, 2, 10, tzinfo=UTC), "2023-01-02T10:00:00+01:00")
    b = (datetime(2023, 1, 2, tzinfo=UTC), "/2023/01/02/")
    z = (datetime(2023, 1, 2, 10, tzinfo=UTC), "2023-01-02T10:00:00Z")
    assert settled([a, b, None])
    assert not settled([a, None])
    assert not settled([z, z])


def test_find_date_can_pass_over_a_revision_date():
    text = "Article mis à jour le 7 janvier 2020. Publié le 30 septembre 2018"
    assert find_date(text, dayfirst=True, now=NOW) == (
        datetime(2020, 1, 7, tzinfo=UTC),
        "7 janvier 2020",
    )
    found = find_date(text, dayfirst=True, now=NOW, updated=False)
    assert found == (datetime(2018, 9, 30, tzinfo=UTC), "30 septembre 2018")


def test_names_introduce_a_date_and_publication_labels_alone():
    text = "Energiepreise Von Leonora Holling (21. November 2022) Energieverbraucher erhalten"
    found = find_labelled_date(text, dayfirst=True, now=NOW, names=["Leonora Holling"])
    assert found is not None and found[0].date().isoformat() == "2022-11-21"
    assert find_labelled_date(text, dayfirst=True, now=NOW) is None
    assert find_labelled_date(text, dayfirst=True, now=NOW, names=["Leo"]) is None
    revised = "Aktualisiert am 20.08.2019 Veröffentlicht am 16.08.2019"
    found = find_labelled_date(revised, dayfirst=True, now=NOW, updated=False)
    assert found is not None and found[1] == "16.08.2019"
