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
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from dateutil import parser as dateparser

_RELATIVE = re.compile(
    r"\b(\d+|an?|one)\s+(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_UNITS = {
    "second": timedelta(seconds=1),
    "sec": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "hr": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
    "month": timedelta(days=30),
    "year": timedelta(days=365),
}
_HAS_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_HAS_DIGIT = re.compile(r"\d")
#: ISO 8601 with a zone name instead of an offset ("2022-05-04T03:00:00 UTC").
_ISO_NAMED_UTC = re.compile(r"^(\d{4}-\d\d-\d\d[T ][\d:.]+)\s*(?:UTC|GMT)$")
#: Year first ("2022-05-04 03:00"): never read day first, whatever the page's language.
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d[-/.]")
_ZONED = re.compile(r"(?:[+-]\d\d:?\d\d|\b(?:GMT|UTC|Z|[A-Z]{3,4}))\s*$")
_MONTH_FIRST_LANGS = ("en-us", "en_us")
#: Month names (and common abbreviations) in the languages of the news we crawl.
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan januar janvier enero gennaio janeiro januari jänner janv ene genn gen "
            "stycznia styczeń ocak ledna ianuarie tammikuuta января январь янв січня",
            "february feb februar février fevrier febrero febbraio fevereiro februari févr fév "
            "lutego luty şubat února februarie helmikuuta февраля февраль фев лютого",
            "march mar märz maerz mars marzo março maart mär marca marzec mart marts března "
            "martie maaliskuuta марта март березня",
            "april apr avril abril aprile kwietnia kwiecień avr abr nisan dubna aprilie "
            "huhtikuuta апреля апрель апр квітня",
            "may mai mayo maggio maio mei maja maj mag mayıs května toukokuuta мая май травня",
            "june jun juni juin junio giugno junho czerwca czerwiec giu haziran června iunie "
            "kesäkuuta июня июнь июн червня",
            "july jul juli juillet julio luglio julho lipca lipiec juil lug temmuz července "
            "iulie heinäkuuta июля июль июл липня",
            "august aug août aout agosto augustus sierpnia sierpień ago agu ağustos augusti "
            "srpna elokuuta августа август авг серпня",
            "september sep sept septembre septiembre setiembre settembre setembro września "
            "wrzesień set eylül září septembrie syyskuuta сентября сентябрь сен вересня",
            "october oct oktober octobre octubre ottobre outubro października październik okt "
            "ott out ekim října octombrie lokakuuta октября октябрь окт жовтня",
            "november nov novembre noviembre novembro listopada listopad kasım listopadu "
            "noiembrie marraskuuta ноября ноябрь ноя листопада",
            "december dec dezember décembre decembre diciembre dicembre dezembro grudnia "
            "grudzień dez déc dic aralık prosince decembrie joulukuuta декабря декабрь дек "
            "грудня",
        ],
        start=1,
    )
    for name in names.split()
}
#: Hungarian, which writes the year first ("2022. január 4.").
_MONTHS.update(
    {
        name: number
        for number, names in enumerate(
            [
                "január jan",
                "február febr",
                "március márc",
                "április ápr",
                "május máj",
                "június jún",
                "július júl",
                "augusztus aug",
                "szeptember szept",
                "október okt",
                "november nov",
                "december dec",
            ],
            start=1,
        )
        for name in names.split()
    }
)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, branching on the first letter.

    ``re`` tries an alternation's branches one by one at every position of the
    text: grouped under their first letters, the month names cost a few dozen
    tries instead of hundreds, and date search runs four times faster. A group
    keeps its words longest first, so the same word wins as in a flat alternation.
    """
    branches: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        branches.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in branches.items())


_MONTH_NAMES = _alternation(_MONTHS)
_TIME = (
    r"(?:[,\s]+(?:at|um|à|a las|alle|om|о)?\s*"
    r"(?P<h>[01]?\d|2[0-3])[:.h](?P<mi>[0-5]\d)(?![.\d])\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_TEXTUAL = re.compile(
    r"(?<![\d.])(?:"
    r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)"
    r"|(?P<n1>[0-3]?\d)(?P<sep>[./-]|\.\s)(?P<n2>[01]?\d)(?P=sep)(?P<ny>(?:19|20)?\d\d)"
    rf"|(?P<dd>[0-3]?\d)(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?(?P<dm>{_MONTH_NAMES})\.?,?\s*(?:de\s+)?(?P<dy>(?:19|20)\d\d)"
    rf"|(?P<mm>{_MONTH_NAMES})\.?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d\d)"
    rf"|(?P<yy>(?:19|20)\d\d)\.\s*(?P<ym>{_MONTH_NAMES})\.?\s+(?P<yd>[0-3]?\d)\.?"
    r")(?![\d])" + _TIME,
    re.IGNORECASE,
)

#: Zone abbreviations news pages print; dateutil knows none but UTC/GMT by itself.
_TZINFOS = {
    name: timezone(timedelta(hours=hours))
    for name, hours in {
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "MEZ": 1,
        "MESZ": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "IST": 5.5,
        "PKT": 5,
        "WIB": 7,
        "SGT": 8,
        "HKT": 8,
        "JST": 9,
        "KST": 9,
        "AEST": 10,
        "AEDT": 11,
        "NZST": 12,
        "NZDT": 13,
        "SAST": 2,
        "WAT": 1,
        "EAT": 3,
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
    parsed = _iso(text) or _relative(text, now)
    if parsed is None and _ZONED.search(text):
        parsed = _human(text, dayfirst)  # RFC 822 and friends keep their offset
    parsed = parsed or _textual(text, dayfirst) or _human(text, dayfirst)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    if parsed.year < _MIN_YEAR or parsed > now + timedelta(days=2):
        return None
    return parsed


def find_date(
    text: str,
    *,
    dayfirst: bool = False,
    now: datetime | None = None,
    tz: tzinfo = UTC,
    updated: bool = True,
) -> tuple[datetime, str] | None:
    """The first plausible written date inside running text, with the words it came from.

    For bylines and date lines ("Veröffentlicht am 8. November 2021, 10:15"),
    in the languages whose month names :data:`_MONTHS` knows. Without
    ``updated``, dates labelled as a revision's ("mis à jour le …") are passed over.
    """
    now = now or datetime.now(UTC)
    for match in _TEXTUAL.finditer(text):
        start = match.start()
        if not updated and _UPDATED_BEFORE.search(text, max(0, start - _LABEL_REACH), start):
            continue  # "mis à jour le 7 janvier 2020": a later day than the page's own
        found = _from_match(match, dayfirst)
        if found is not None:
            found = found.replace(tzinfo=tz)
            if found.year >= _MIN_YEAR and found <= now + timedelta(days=2):
                return found, match.group(0)
    return None


#: Words that introduce a page's date in running text or a footer
#: ("Erschienen am: 01.11.2023", "Publié le 3 mai 2019", "Mise en ligne", "last edited").
_DATE_LABEL = re.compile(
    r"\b(?:published|posted|updated|last (?:edited|modified|updated)|erschienen|erstellt|"
    r"veröffentlicht|aktualisiert|publié|mis en ligne|mise en ligne|publicado|actualizado|"
    r"pubblicato|aggiornato|gepubliceerd|opublikowano|publikováno|zuletzt)\b",
    re.IGNORECASE,
)
#: How far past its label a date may start ("Veröffentlicht am Montag, ").
_LABEL_REACH = 30
#: A label for the day a page was revised, just before a date.
_UPDATED_BEFORE = re.compile(
    r"\b(?:updated|modified|edited|aktualisiert|geändert|mis à jour|mise à jour|actualizado|"
    r"aggiornato|bijgewerkt|zaktualizowano)\b(?:\s+(?:on|am|le|el|il|op))?:?\s*$",
    re.IGNORECASE,
)


def find_labelled_date(
    text: str,
    *,
    dayfirst: bool = False,
    now: datetime | None = None,
    tz: tzinfo = UTC,
    names: Sequence[str] = (),
    updated: bool = True,
) -> tuple[datetime, str] | None:
    """The first date that a label such as "Erschienen am:" or "Published on" introduces.

    ``names`` are the page's own headline and authors, which introduce a date as
    well as a label does ("Von Leonora Holling (21. November 2022)", "<headline>
    wurde am 19. Mai 2010 gepostet"). Without ``updated``, only a publication's label.
    """
    label = _DATE_LABEL if updated else _PUBLISHED_LABEL
    ends = [m.end() for m in label.finditer(text)]
    for name in names:
        start = text.find(name) if len(name) >= _MIN_NAME else -1
        while start >= 0:
            ends.append(start + len(name))
            start = text.find(name, start + 1)
    for end in sorted(ends):
        window = text[end : end + _LABEL_REACH + 40]
        found = find_date(window, dayfirst=dayfirst, now=now, tz=tz)
        if found and window.find(found[1]) <= _LABEL_REACH:
            return found
    return None


#: A name shorter than this ("Jo", "AP") is too likely to occur by chance.
_MIN_NAME = 5
#: The labels of :data:`_DATE_LABEL` that say a page was first published.
_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|erschienen|veröffentlicht|publié|mis en ligne|mise en ligne|"
    r"publicado|pubblicato|gepubliceerd|opublikowano|publikováno)\b(?:\s+(?:on|am|le|el|il|op))?",
    re.IGNORECASE,
)


def _textual(text: str, dayfirst: bool) -> datetime | None:
    match = _TEXTUAL.search(text)
    return _from_match(match, dayfirst) if match else None


def _from_match(match: re.Match[str], dayfirst: bool) -> datetime | None:
    groups = match.groupdict()
    try:
        if groups["iy"]:
            year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
        elif groups["ny"]:
            first, second = int(groups["n1"]), int(groups["n2"])
            dotted = groups["sep"].startswith(".")
            day, month = (first, second) if dayfirst or dotted or second > 12 else (second, first)
            year = int(groups["ny"])
            if year < 100:  # "31.10.23": two-digit years only in the dotted European form
                if groups["sep"] != ".":
                    return None
                year += 2000
        elif groups["yy"]:
            year, month, day = int(groups["yy"]), _MONTHS[groups["ym"].lower()], int(groups["yd"])
        elif groups["dy"]:
            day, month, year = int(groups["dd"]), _MONTHS[groups["dm"].lower()], int(groups["dy"])
        else:
            month, day, year = _MONTHS[groups["mm"].lower()], int(groups["md"]), int(groups["my"])
        hour, minute = int(groups["h"] or 0), int(groups["mi"] or 0)
        if groups["ampm"] and groups["ampm"].lower().startswith("p") and hour < 12:
            hour += 12
        return datetime(year, month, day, hour if hour < 24 else 0, minute if minute < 60 else 0)
    except (ValueError, KeyError):
        return None


def _iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    named = _ISO_NAMED_UTC.match(candidate)
    if named:
        candidate = named.group(1) + "+00:00"
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
    if _YEAR_FIRST.match(text):
        dayfirst = False
    with warnings.catch_warnings():
        # An unknown zone name leaves the date naive; the caller's zone applies.
        warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
        try:
            moment: datetime = dateparser.parse(
                text, dayfirst=dayfirst, fuzzy=True, default=_DEFAULT, tzinfos=_TZINFOS
            )
            return moment
        except (ValueError, OverflowError, TypeError):
            return None


Found = tuple[datetime, str]
#: The raw text names UTC itself: a server clock, not the calendar the page prints.
_SAYS_UTC = re.compile(r"(?:Z|[+-]00:?00|\bUTC|\bGMT)\s*$", re.IGNORECASE)


def agreed_date(
    candidates: list[Found | None], printed: Found | None = None, *, dateline: bool = False
) -> Found | None:
    """The candidate whose calendar day most sources agree on; ties go to the earlier one.

    With ``dateline`` (``printed`` is the date line under the headline) a tie
    goes to the printed day instead: what the page shows its readers outweighs
    a single machine field of equal count (a CMS's first-draft or re-index date).

    ``candidates`` come one per independent source, most trusted first
    (structured data, ``<meta>``, markup, the date printed for readers, the URL),
    ``printed`` being among them. A day that several parts of a page agree on
    outweighs one source alone: a stale ``<meta name=date>``, the first of the
    sidebar's ``<time>`` elements, a CMS field holding the first draft's date.

    A timestamp written in UTC says the server's day, not necessarily the page's:
    when the printed date is the day before or after, and the hour makes that a
    time zone's doing, the printed (local) day wins.
    """
    found = _localised([c for c in candidates if c is not None])
    if not found:
        return None
    votes: dict[date, int] = {}
    for dt, _ in found:
        votes[dt.date()] = votes.get(dt.date(), 0) + 1
    best = max(votes.values())
    winner = printed[0].date() if dateline and printed is not None else None
    if winner is None or votes.get(winner) != best:
        winner = next(dt.date() for dt, _ in found if votes[dt.date()] == best)
    chosen = next(c for c in found if c[0].date() == winner)
    if printed is None or not _SAYS_UTC.search(chosen[1]):
        return chosen
    day = chosen[0].date()
    if any(dt.date() == day and not _SAYS_UTC.search(raw) for dt, raw in found):
        return chosen  # a local source agrees with the UTC day
    shift = (printed[0].date() - day).days
    hour = chosen[0].hour
    if (shift == -1 and hour < _WESTMOST_HOURS) or (shift == 1 and hour >= 24 - _EASTMOST_HOURS):
        return printed
    return chosen


def _localised(found: list[Found]) -> list[Found]:
    """UTC timestamps moved into the zone of a local timestamp of the same instant.

    A page that writes ``2023-11-09T05:30:59Z`` in its metadata and
    ``2023-11-08 23:30:59`` in its byline tells its zone (UTC-6) and its day:
    the same seconds, a whole quarter-hour apart, are one moment written twice.
    """
    local = [dt for dt, raw in found if not _SAYS_UTC.search(raw) and (dt.minute or dt.second)]
    if not local:
        return found
    moved: list[Found] = []
    for dt, raw in found:
        if _SAYS_UTC.search(raw):
            for wall in local:
                shift = wall.replace(tzinfo=None) - dt.replace(tzinfo=None)
                if (
                    shift
                    and abs(shift) <= _MAX_SHIFT
                    and shift % _QUARTER_HOUR == timedelta(0)
                    and wall.second == dt.second
                ):
                    dt = dt.astimezone(timezone(shift))
                    break
        moved.append((dt, raw))
    return moved


def settled(candidates: list[Found | None]) -> bool:
    """Whether these sources already agree so that one more vote could change nothing.

    Two or more, all on the same day, at least one of them not in UTC.
    """
    found = [c for c in candidates if c is not None]
    return (
        len(found) >= 2
        and len({dt.date() for dt, _ in found}) == 1
        and any(not _SAYS_UTC.search(raw) for _, raw in found)
    )


#: The widest zone offsets in use (UTC-12, UTC+14) bound what a zone can shift.
_WESTMOST_HOURS = 12
_EASTMOST_HOURS = 14
_MAX_SHIFT = timedelta(hours=_EASTMOST_HOURS)
_QUARTER_HOUR = timedelta(minutes=15)
