"""Names out of credit text: what a byline says before, between and after them.

Pure string work ("Von Jane Doe und John Roe | 05.02.2020" → two names),
shared by every place :mod:`~newscrawl.extract.authors` looks for a credit.
"""

from __future__ import annotations

import re
from html import unescape

#: What a credit line says before the names: "Written by", "Text und Interview:".
_DONE = (
    r"(?:written|posted|published|reported|submitted|geschrieben|verfasst|veröffentlicht|publiziert|"
    r"gespeichert|eingestellt|publié|écrit|escrito|publicado|scritto|pubblicato)"
)
_ROLE = r"(?:text|texte|story|words|interview|reporting|recherche|redaktion)"
_ROLES = rf"{_ROLE}(?:\s*(?:und|and|&|/|,)\s*{_ROLE})*"
_PREPOSITION = r"(?:by|von|par|por|di|door|av|af)"
#: "By", "Written by", "Text und Interview:", "Autorin:"; a verb alone ("Published:") is no lead.
_LEAD = (
    rf"(?:{_ROLES}\s*:|(?:(?:{_DONE}|{_ROLES})\s+)?{_PREPOSITION}\b|"
    r"(?:autor(?:in|en|innen|\*in|/-?in)?|authors?|auteur|autore)\b)\s*[:\-–]?\s*"
)
#: A dash or bullet may set the credit off from a date before it: "05.02.2020 – Von Jane Doe".
BULLETS = "-–—·•|"
BY_LINE = re.compile(rf"^\s*(?:[{BULLETS}]\s*)?{_LEAD}", re.IGNORECASE)
#: A lead that ends a field, its names in the next one: "Artikel von:".
_TRAILING_LEAD = re.compile(rf"(?:^|\s)({_LEAD})$", re.IGNORECASE)
#: Where a byline's names end: a date, a reading time, the next field.
_NAMES_END = re.compile(r"\d|\s(?:am|on|at|le|el|il|um|op|the)\s*$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
#: The words of a date that come before its first digit: "on Tuesday, May", "am".
_DATE_WORDS = re.compile(
    r"\s(?:am|on|at|le|el|il|um|op|the|den|de|del)(?:,?\s+[^\W\d_]+\.?){0,2}[\s,]*$",
    re.IGNORECASE,
)
#: The outlet a writer works for, after the names: "Jane Doe for The Mail On Sunday".
_OUTLET = re.compile(r"\s(?i:for|für|pour|para|per)\s+[A-ZÀ-Þ].*$")
#: Fields of a meta line ("12 May 2024 · By Jane Doe · 3 min read").
FIELDS = re.compile(rf"\s*(?:[|·•\n]|\s[-–—]\s)\s*|(?<=\d),?\s+(?=(?i:{_PREPOSITION})\s)")
#: A photo or illustration credit: the names that follow are not the authors.
_CREDIT = re.compile(
    r"\b(?:fotos?|photos?|photography|bild(?:er)?|illustrations?|grafik|images?|video|kamera|"
    r"camera|credits?)\b\s*(?::|(?:by|von|par|por|di)\b)",
    re.IGNORECASE,
)
#: Between two names: a list's separators, and an interview's "im Gespräch mit".
_SPLIT = re.compile(
    r"\s*(?:,|;|&|\s/\s|\band\b|\bund\b|\bet\b|\by\b|\||"
    r"\b(?:im gespräch mit|in conversation with|in an interview with)\b)\s*",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"https?://|www\.|@|^(?:admin|administrator|wordpressadmin|editor|guest|"
    r"no author|unknown|anonymous)$",
    re.IGNORECASE,
)
#: A credit to a team or a news agency rather than a person: "Redaktion",
#: "Staff and news service reports", "dsw / dpa". One counts only where the
#: page prints it and no person is named.
TEAM = re.compile(
    r"\b(?i:staff|redaktion|redaktionsteam|newsroom|editorial|news\s+service|"
    r"redacci[oó]n|rédaction|redazione|redactie)\b|"
    r"\b(?:dpa|DPA|AFP|APA|AP|Reuters|REUTERS|KNA|epd|SDA|sda|EFE|ANSA|JIJI|Kyodo|KYODO|"
    r"Xinhua|XINHUA|UPI)\b"
)
#: A note in brackets after a name: "Eberhard Fuhr (Pressesprecher des EJW)".
_NOTE = re.compile(r"\s*\(([^()]*)\)")
#: What a site's name never holds: a path, or a template's placeholder ("{$site_name}").
TEMPLATE = re.compile(r"[{}$/<>]")
#: A user name such as "freeman1984": the one kind of name with digits in it.
_HANDLE = re.compile(r"^[^\W\d_][\w.-]*\d+$")
#: The mark of a footnote to an affiliation: "Marwan H. Adwan1", "Jane Doe*".
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])[\d*†]+$")


def vocabulary(text: str) -> frozenset[str]:
    """A word list written as running text, for readable vocabularies."""
    return frozenset(text.split())


#: Words of the labels and links that sit beside a byline, never in a name.
LABEL_WORDS = vocabulary(
    """
    posted published publiziert veröffentlicht updated aktualisiert on am at
    follow folgen information view profile profil all alle alles posts articles artikel beiträge
    more mehr share teilen comment comments kommentar kommentare name required erforderlich
    uncategorized read lesen minutes minuten min lesezeit about über contact kontakt email
    watch live listen subscribe
    """
)
#: The nouns of a job title: "Senior Sports Correspondent" is a role, not a person.
_ROLE_NOUNS = vocabulary(
    """
    correspondent correspondents reporter reporters editor editors writer writers columnist
    columnists contributor contributors journalist journalists producer producers anchor analyst
    critic photographer photojournalist presenter host
    redakteur redakteurin redakteure korrespondent korrespondentin reporterin journalistin
    chefredakteur chefredakteurin volontär volontärin kolumnist kolumnistin
    rédacteur rédactrice journaliste correspondant correspondante chroniqueur chroniqueuse
    """
)
#: What else a job title is made of: rank and desk.
_ROLE_WORDS = _ROLE_NOUNS | vocabulary(
    """
    senior junior chief deputy managing executive associate assistant contributing special
    staff lead political politics sports sport business foreign national international news
    digital features culture science health tech technology economics economy entertainment
    investigative white house city local metro travel opinion music film food fashion
    legal markets finance crime education climate environment weather world global
    and & of at the for
    """
)
#: The last word of a company's name: "Gannett Co", "Axel Springer SE", "Hearst Media Group".
_COMPANY_ENDS = vocabulary(
    """
    inc llc ltd plc gmbh ag se corp corporation company co group holdings media network
    networks publishing publications communications newspapers broadcasting
    """
)
#: Lower-case words that may sit inside a person's name.
_PARTICLES = vocabulary(
    "von van vom zu de der den del della di da das dos du la le ten ter y bin al"
)
_PUNCTUATION = ' ,:;-–—|*[]()"“”«»'
_MAX_NAME = 60
MAX_WORDS = 6
_MAX_NAME_WORDS = 5
#: From this many words on, a lower-case word betrays prose ("Division of Rheumatology").
_PROSE_WORDS = 3
#: More lower-case words than this make a byline's field a sentence.
_PROSE_LOWER_WORDS = 3
_NAME_WORD = r"[^\W\d_][\w.'’-]*"
_GIVEN_NAMES = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
SURNAME_FIRST = re.compile(rf"^\s*({_NAME_WORD})\s*,\s*({_GIVEN_NAMES})\s*$")
NON_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    return NON_WORD.sub("", name.casefold())


def names_in_fields(text: str) -> list[str]:
    """Names of a byline whose fields may also hold a date, a section or a reading time.

    A field that opens with "By"/"Von" is the credit and the others are
    ignored; without one, every field may be a name.
    """
    fields: list[str] = []
    for field in FIELDS.split(without_credits(text)):
        if not field or _is_prose(field):
            continue
        lead = _TRAILING_LEAD.search(fields[-1]) if fields else None
        if lead:  # "Artikel von:" in one field, the names in the next
            fields[-1] = f"{lead.group(1)} {field}"
        else:
            fields.append(field)
    credited = [_credited_part(f) for f in fields if BY_LINE.match(f)]
    return split_names(credited or list(map(_labelled_date_cut, fields)))


def _labelled_date_cut(field: str) -> str:
    """A field without a lead, without the date it ends with: "Jane Doe Published 12:00".

    Only behind a label or a preposition ("Jane Doe on May 5"): before the
    digits of "January 5, 2020" or "Hace 13 horas" there is no name.
    """
    digit = _DIGIT.search(field)
    if digit is None or _HANDLE.match(field.strip()):
        return field
    before = field[: digit.start()]
    words = before.split()
    if words and words[-1].casefold().strip(_PUNCTUATION) in LABEL_WORDS:
        return _credited_part(field)
    return _credited_part(field) if _DATE_WORDS.search(before) else field


def _is_prose(field: str) -> bool:
    """Whether a field is a sentence, such as an author's bio, rather than a credit."""
    lower = sum(1 for word in field.split() if word[0].islower() and word not in _PARTICLES)
    return lower > _PROSE_LOWER_WORDS and not TEAM.search(field)


def without_credits(text: str) -> str:
    """``text`` up to its photo credit: "Text: Jane Doe, Foto: John Roe" → "Text: Jane Doe"."""
    credit = _CREDIT.search(text)
    return text[: credit.start()] if credit else text


def _credited_part(field: str) -> str:
    """The names after a field's lead, without the date or time that may follow them."""
    field = BY_LINE.sub("", field)
    if _HANDLE.match(field.strip()):
        return field
    end = _NAMES_END.search(field)
    while end:
        dated = field[end.start()].isdigit()
        field = field[: end.start()]
        if dated:  # "Jane Doe on May 5": the weekday and month before the digits
            field = _DATE_WORDS.sub("", field)
        end = _NAMES_END.search(field)
    return _OUTLET.sub("", field)


#: A date in a field: a year, with at most a day and a month ("04.02.2022", "3. Mai 2021").
DATE_FIELD = re.compile(r"^(?:\S+\s+){0,2}\S*\b(?:19|20)\d\d\b\S*$")
#: A role alone on its line, its names on the next: "Interview" / "SVEN MICHAELSEN".
ROLE_LABEL = re.compile(rf"{_ROLES}\s*:?", re.IGNORECASE)


def credited_names(field: str, *, min_words: int) -> list[str]:
    """People named after a credit lead, each looking like a name (capitalised words).

    A lower-case word after the lead makes the line a sentence ("Por su parte,
    los ex funcionarios Luisa Almada …"): the names in it are not credited.
    """
    if not BY_LINE.match(field):
        return []
    part = _credited_part(field)
    opening = part.lstrip(_PUNCTUATION)
    if opening[:1].islower() and not TEAM.match(opening):
        return []
    names = split_names([part])
    return [n for n in names if TEAM.search(n) or looks_like_person(n, min_words=min_words)]


def looks_like_person(name: str, *, min_words: int) -> bool:
    words = name.split()
    return min_words <= len(words) <= _MAX_NAME_WORDS and ":" not in name and _capitalised(words)


def split_names(values: list[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        value = _NOTE.sub(_team_note, BY_LINE.sub("", unescape(value).strip()))
        for part in _team_credit(value) or _SPLIT.split(value):
            name = clean_name(BY_LINE.sub("", clean_name(part)))
            if is_name(name) and name not in names:
                names.append(name)
    people = [name for name in names if not is_company(name)]
    return people or names  # a company credited beside people is their employer


def _team_note(note: re.Match[str]) -> str:
    """A bracketed note after a name: an agency's is a credit of its own ("Jane Doe (dpa)").

    Others give the person's role or employer, which is no part of the name.
    """
    return f", {note.group(1)}" if TEAM.search(note.group(1)) else ""


def _team_credit(value: str) -> list[str]:
    """``value`` whole when it credits a team and names no person beside it.

    "Staff and news service reports" and "dsw / dpa" are one credit each;
    "Jane Doe, Redaktion" names a person and is split as usual.
    """
    if not TEAM.search(value):
        return []
    parts = [clean_name(part) for part in _SPLIT.split(value)]
    if any(part and not TEAM.search(part) and part[0].isupper() for part in parts):
        return []
    return [value]


def clean_name(part: str) -> str:
    """A name without the punctuation, footnote mark and labels around it.

    "Johanna Kropfitsch Alle Artikel" → "Johanna Kropfitsch"; a label alone
    ("Posted on") leaves nothing.
    """
    words = part.replace("\xad", "").strip(_PUNCTUATION).split()
    while words and words[-1].casefold().strip(_PUNCTUATION) in LABEL_WORDS:
        words.pop()
    while words and words[0].casefold().strip(_PUNCTUATION) in LABEL_WORDS:
        words.pop(0)
    name = " ".join(words).strip(_PUNCTUATION)
    if name.endswith(".") and len(words[-1]) > 2:
        name = name.rstrip(".")  # a full stop, not an initial's
    return _FOOTNOTE.sub("", name) if len(words) > 1 else name


def is_name(name: str) -> bool:
    """Whether ``name`` may be a person's (or a team's) name, not a label or a role."""
    return (
        bool(name)
        and not _is_role(name)
        and len(name) <= _MAX_NAME
        and len(name.split()) <= MAX_WORDS
        and not _NOT_A_NAME.search(name)
        and (not any(c.isdigit() for c in name) or _HANDLE.match(name) is not None)
        and LABEL_WORDS.isdisjoint(name.casefold().split())
        and (
            len(name.split()) < _PROSE_WORDS
            or _capitalised(name.split())
            or TEAM.search(name) is not None
        )
    )


def _words(name: str) -> list[str]:
    return [w for w in (word.strip(_PUNCTUATION + ".").casefold() for word in name.split()) if w]


def _is_role(name: str) -> bool:
    """A job title ("Senior Sports Correspondent"): a role, not a person."""
    words = _words(name)
    return (
        bool(words)
        and not TEAM.search(name)
        and all(word in _ROLE_WORDS for word in words)
        and not _ROLE_NOUNS.isdisjoint(words)
    )


def is_company(name: str) -> bool:
    """A company's name ("Hearst Media Group", "wegewerk GmbH")."""
    words = _words(name)
    return len(words) > 1 and words[-1] in _COMPANY_ENDS


def _capitalised(words: list[str]) -> bool:
    """Whether every word opens with a capital or is a particle ("Jose de la Cruz").

    Prose and labels ("Division of Rheumatology", "news service reports") fail.
    A script without capitals (Arabic, Chinese, Hindi) cannot tell them apart:
    its letters pass ("محمد بن سلمان").
    """
    return all(_uncased_or_upper(word[0]) or word in _PARTICLES for word in words)


def _uncased_or_upper(char: str) -> bool:
    return char.isupper() or (char.isalpha() and not char.islower())
