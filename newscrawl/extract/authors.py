"""The article's authors: JSON-LD people first, then the visible byline, then ``<meta>``.

A visible byline beats ``<meta name=author>``, which many sites fill with
their own name. A name that is the site's own (``og:site_name``, the
publisher, the domain) counts as an organisation, even where JSON-LD types it
``Person``; an organisation is an author only when nothing names a person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html import unescape
from itertools import islice, pairwise
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    BLOCK_TAGS,
    INVISIBLE_TAGS,
    collapse,
    select_elements,
    select_texts,
    tag_of,
    visible_text,
)
from newscrawl.extract.boilerplate import class_kind, is_off_article
from newscrawl.extract.metadata import PageMetadata

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
_BULLETS = "-–—·•|"
_BY = re.compile(rf"^\s*(?:[{_BULLETS}]\s*)?{_LEAD}", re.IGNORECASE)
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
_FIELDS = re.compile(rf"\s*(?:[|·•\n]|\s[-–—]\s)\s*|(?<=\d),?\s+(?=(?i:{_PREPOSITION})\s)")
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
_TEAM = re.compile(
    r"\b(?i:staff|redaktion|redaktionsteam|newsroom|editorial|news\s+service|"
    r"redacci[oó]n|rédaction|redazione|redactie)\b|"
    r"\b(?:dpa|DPA|AFP|APA|AP|Reuters|REUTERS|KNA|epd|SDA|sda|EFE|ANSA|JIJI|Kyodo|KYODO|"
    r"Xinhua|XINHUA|UPI)\b"
)
#: A note in brackets after a name: "Eberhard Fuhr (Pressesprecher des EJW)".
_NOTE = re.compile(r"\s*\(([^()]*)\)")
#: What a site's name never holds: a path, or a template's placeholder ("{$site_name}").
_TEMPLATE = re.compile(r"[{}$/<>]")
#: A user name such as "freeman1984": the one kind of name with digits in it.
_HANDLE = re.compile(r"^[^\W\d_][\w.-]*\d+$")
#: The mark of a footnote to an affiliation: "Marwan H. Adwan1", "Jane Doe*".
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])[\d*†]+$")


def _vocabulary(text: str) -> frozenset[str]:
    """A word list written as running text, for readable vocabularies."""
    return frozenset(text.split())


#: Words of the labels and links that sit beside a byline, never in a name.
_LABEL_WORDS = _vocabulary(
    """
    posted published publiziert veröffentlicht updated aktualisiert on am at
    follow folgen information view profile profil all alle alles posts articles artikel beiträge
    more mehr share teilen comment comments kommentar kommentare name required erforderlich
    uncategorized read lesen minutes minuten min lesezeit about über contact kontakt email
    """
)
#: Lower-case words that may sit inside a person's name.
_PARTICLES = _vocabulary(
    "von van vom zu de der den del della di da das dos du la le ten ter y bin al"
)
_PUNCTUATION = ' ,:;-–—|*[]()"“”«»'
_MAX_NAME = 60
_MAX_WORDS = 6
_MAX_NAME_WORDS = 5
#: From this many words on, a lower-case word betrays prose ("Division of Rheumatology").
_PROSE_WORDS = 3
#: More lower-case words than this make a byline's field a sentence.
_PROSE_LOWER_WORDS = 3
#: Class/id words that mark a byline (lower-cased; "uthor" also finds "Author").
_HINTS = re.compile("uthor|byline|auteur|autor|writer|creator")
#: Drupal's "submitted" line: "Submitted by Jane Doe on 12 May 2024" under a
#: story, but "Jane Doe on 12 May 2024" under each comment. Only the line that
#: says "by" is a byline.
_SUBMITTED = "submitted"
#: Attributes that may mark a byline.
_MARKING_ATTRIBUTES = frozenset({"class", "id", "rel", "itemprop", "data-testid"})
_NOT_BYLINES = frozenset({"script", "style", "meta", "link"})
#: Elements whose text is a field of a byline of its own: a block, a time, a line break.
_FIELD_TAGS = BLOCK_TAGS | {"br", "time"}
_FIELD_END = "\x1f"
#: Elements glued to the word before them: a footnote mark ("Adwan<sup>1</sup>").
_MARKS = frozenset({"sup", "sub"})


_FOLLOWING_TEXT = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][position() <= 12]"
)
_NEXT_TEXT = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][1]"
)
#: First words of a credit line, as written ("Von:" too, when the names follow
#: in the next element).
_LINE_OPENINGS = _vocabulary(
    """
    by by: von von: par por door autor autor: autorin autorin: author author: auteur auteur:
    text text: texte: redaktion: written posted geschrieben verfasst publié escrito scritto
    """
)
_LINE_WORDS = "|".join(sorted({v for w in _LINE_OPENINGS for v in (w, w.capitalize(), w.upper())}))
_LINE_INITIALS = "".join(sorted({w[0] for w in _LINE_WORDS.split("|")}))
#: Text nodes whose first word opens a credit. One lookup of the first word in
#: a list, after a test of its first letter: testing each opening in turn on
#: every text node of a long page costs milliseconds.
_BYLINE_LINES = etree.XPath(
    "//body//text()[normalize-space()][string-length() < 300]"
    f"[contains('{_LINE_INITIALS}{_BULLETS}', substring(normalize-space(), 1, 1))]"
    f"[contains('|{_LINE_WORDS}|', concat('|', substring-before(concat(normalize-space("
    f"translate(normalize-space(), '\xa0{_BULLETS}', ' ')), ' '), ' '), '|'))]"
    "[not(parent::script or parent::style)]"
)
_MAX_BYLINES = 15
_TEASER_BYLINES = 3
_MAX_BYLINE_ELEMENTS = 60
_MAX_BYLINE_LINES = 20
_MAX_CREDIT_BLOCKS = 5
_MAX_BYLINE_TEXT = 160
_MAX_LINE_TEXT = 150
_META_KEYS = (
    "author",
    "article:author",
    "article:author_name",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "cxenseparse:author",
    "shareaholic:article_author_name",
    "dc.creator",
    # Last: these name a paper's references or an account as often as the author.
    "citation_author",
    "byl",
    "twitter:creator:name",
)
_WEAK_META = -3
#: Keys that hold one person each, often surname first: "Doe, Jane", "Doe, J. A.".
_ONE_PERSON_KEYS = frozenset({"dc.creator", "citation_author"})
_NAME_WORD = r"[^\W\d_][\w.'’-]*"
_GIVEN_NAMES = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
_SURNAME_FIRST = re.compile(rf"^\s*({_NAME_WORD})\s*,\s*({_GIVEN_NAMES})\s*$")
#: Kinds of blocks whose bylines credit another story or a commenter.
_OTHER_CONTENT = frozenset({"comments", "related", "navigation"})
_STORY_TAGS = frozenset({"article", "main", "body"})
_HEADINGS = frozenset({"h1", "h2", "h3"})
_HEADING_DEPTH = 3
_WORD = re.compile(r"[\W_]+")


def find_authors(root: HtmlElement, meta: PageMetadata) -> list[str]:
    """People first; else a team or agency credited on the page, then in its data; else the site.

    A team credit beside a person ("Jane Doe, dpa") stays in the list.
    """
    site = _site_keys(meta)
    fallback: list[str] = []
    teams: list[str] = []  # printed on the page
    listed: list[str] = []  # in JSON-LD or <meta> only
    for names, source in _candidates(root, meta):
        credits = [] if source == _ORGANISATIONS else [n for n in names if _key(n) not in site]
        if any(not _TEAM.search(n) for n in credits):
            return _with_coauthors(_with_surname(credits, root, site), meta)
        if source == _PRINTED:
            teams = teams or credits
        elif source == _DATA:
            listed = listed or credits
        fallback = fallback or [n for n in names if not _TEAM.search(n)]
    return teams or listed or fallback or _site_name(meta)


def _site_name(meta: PageMetadata) -> list[str]:
    """The site's name (``og:site_name``, the publisher in JSON-LD), if the page is an article.

    An article that no one signs, such as a press release or a post on a
    person's own site, is the site's. A page that is no article (a front
    page, an "About us") has no author at all.
    """
    article = meta.article()
    if article is None and (meta.first("og:type") or "").casefold() != "article":
        return []
    publisher = (article or {}).get("publisher")
    names = [*meta.all("og:site_name")]
    if isinstance(publisher, dict):
        names.append(_text(publisher.get("name")))
    for name in names:
        if _TEMPLATE.search(name):
            continue  # a path or a placeholder the CMS left unfilled
        found = _split_names([name])
        if len(found) == 1:
            return found
    return []


def _with_surname(names: list[str], root: HtmlElement, site: set[str]) -> list[str]:
    """A lone first name ("Nils") completed by the surname the page prints after it most often.

    Blogs credit their account's display name, a first name, while the byline
    or the author box prints the full name ("Eine Kolumne von Nils Pickert").
    A name that opens the site's own ("Vortex" on vortexcannon.org) is a brand.
    """
    if len(names) != 1 or not names[0].isalpha() or not names[0][0].isupper():
        return names
    first = names[0]
    if any(key.startswith(_key(first)) for key in site):
        return names
    found = _TEXTS_WITH(root, name=first, upper=first.upper())
    text = "\n".join(t for t in found if isinstance(t, str)) if isinstance(found, list) else ""
    after = _after_first_name(first).findall(text)
    surnames = Counter(
        word.capitalize() if word.isupper() else word
        for word in after
        if word
        and word[0].isupper()
        and len(word) > _MIN_SURNAME
        and word.casefold() not in _LABEL_WORDS
        and word.casefold() != first.casefold()
    ).most_common(1)
    # The full name is how the page mostly prints it: a brand ("Beachbody")
    # is followed by many words, each only now and then.
    if not surnames or surnames[0][1] * 2 < len(after):
        return names
    return [f"{first} {surnames[0][0]}"]


def _after_first_name(first: str) -> re.Pattern[str]:
    """The word after each ``first`` (in any case: "HENRY STEINHAU" too), or "" for none."""
    return re.compile(
        rf"(?<![\w-])(?i:{re.escape(first)})(?![\w-])"
        rf"(?:[ \xa0]+([^\W\d_][\w'’-]*[^\W\d_])(?![\w-]))?"
    )


#: Shorter capitalised words after a first name are function words ("Jules In Kategorie").
_MIN_SURNAME = 2
_TEXTS_WITH = etree.XPath(
    "//body//text()[contains(., $name) or contains(., $upper)]"
    "[not(parent::script or parent::style)]"
)
_VISIBLE_TEXTS = etree.XPath(
    "//body//text()[normalize-space()][not(parent::script or parent::style)]"
)


def _with_coauthors(names: list[str], meta: PageMetadata) -> list[str]:
    """``names``, or a ``<meta>`` list that names them all and more: their co-authors."""
    folded = {name.casefold() for name in names}
    for key in _META_KEYS[:_WEAK_META]:
        listed = _meta_names(meta, key)
        if len(listed) > len(names) and folded <= {name.casefold() for name in listed}:
            return listed
    return names


#: Where a list of names comes from: structured data, the page's visible text, or
#: the organisations JSON-LD credits.
_DATA, _PRINTED, _ORGANISATIONS = "data", "printed", "organisations"


def _candidates(root: HtmlElement, meta: PageMetadata) -> Iterator[tuple[list[str], str]]:
    """Name lists, most trusted source first, each with its kind of source."""
    people, organisations = _jsonld_authors(meta)
    printed = _names_near_headline(root) if any(map(_is_account, people)) else None
    if printed and _overrules(printed, people):
        yield printed, _PRINTED
    elif people and not _printed(root, people):
        # JSON-LD names someone the page never shows (the account that posted
        # it), while a labelled field ("Auteur" | "Jane Doe") or a signature
        # names the writer.
        credited = next(
            (names for names in _names_in_lines(root, labels_only=True) if names), []
        ) or _signature(root)
        if credited and _overrules(credited, people):
            yield credited, _PRINTED
    yield people, _DATA
    off_article: list[HtmlElement] = []
    bylines = list(_byline_names(root, off_article))
    # Bylines that name three different lists of people credit the stories
    # teased beside this one: a full name in ``<meta>`` is more likely this
    # story's author, unless they are as many (a paper's list of references).
    if len({tuple(names) for names in bylines if names}) >= _TEASER_BYLINES:
        for key in _META_KEYS[:_WEAK_META]:
            names = [n for n in _meta_names(meta, key) if _looks_like_person(n, min_words=2)]
            yield names if len(names) < _TEASER_BYLINES else [], _DATA
    for names in bylines:
        yield names, _PRINTED
    yield _names_near_headline(root) if printed is None else printed, _PRINTED
    for key in _META_KEYS:
        yield _meta_names(meta, key), _DATA
    yield _yoast_written_by(meta), _DATA
    yield _credit_block_names(root), _PRINTED
    yield _dated_line_name(root), _PRINTED
    for names in _names_in_lines(root):
        yield names, _PRINTED
    yield _signature(root), _PRINTED
    yield _most_credited(off_article), _PRINTED
    yield _post_author_in_comments(off_article), _PRINTED
    yield organisations, _ORGANISATIONS


def _printed(root: HtmlElement, names: list[str]) -> bool:
    """Whether a text node of ``<body>`` prints any of ``names`` (as written or in capitals).

    A walk over the text nodes tests every name at once and stops at the first
    hit: :data:`_TEXTS_WITH` reads the whole text once per name, twice as slow.
    """
    wanted = [(name, name.upper()) for name in names]
    return any(
        name in text or upper in text for text in _body_texts(root) for name, upper in wanted
    )


def _body_texts(root: HtmlElement) -> Iterator[str]:
    """The text nodes under ``<body>`` but those of scripts and styles, in no set order."""
    for body in root.iter("body"):
        if body.text:
            yield body.text
        for el in body.iterdescendants():
            if el.tail:
                yield el.tail
            if el.text and isinstance(el.tag, str) and el.tag not in _RAW_TEXT_TAGS:
                yield el.text  # a comment's or PI's .text is no text node


_RAW_TEXT_TAGS = frozenset({"script", "style"})


def _meta_names(meta: PageMetadata, key: str) -> list[str]:
    """The names in the ``<meta>`` tags ``key``; "Doe, Jane" is one person where a tag holds one."""
    values = meta.all(key)
    if key in _ONE_PERSON_KEYS:
        values = [_SURNAME_FIRST.sub(r"\2 \1", value) for value in values]
    return _split_names(values)


def _is_account(name: str) -> bool:
    """Whether a credit reads like an account's login or display name ("sarah-indra", "Nils")."""
    return " " not in name.strip() and not _TEAM.search(name)


def _overrules(printed: list[str], people: list[str]) -> bool:
    """Whether a printed credit names other people than JSON-LD does.

    JSON-LD often credits the account that posted the story ("sarah-indra",
    who translated it), while "By Mark Newton" under the headline names its
    writer. A first name alone or an agency there is no reason to doubt JSON-LD.
    """
    folded = {name.casefold() for name in people}
    return all(
        len(name.split()) > 1 and not _TEAM.search(name) and name.casefold() not in folded
        for name in printed
    )


def _jsonld_authors(meta: PageMetadata) -> tuple[list[str], list[str]]:
    """Names of the people and of the organisations credited as authors in JSON-LD."""
    nodes = [meta.article() or {}, *(n for n in meta.jsonld if "author" in n)]
    for node in nodes:
        value = node.get("author") or node.get("creator")
        if not value:
            continue
        people: list[str] = []
        organisations: list[str] = []
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict) and "name" not in entry and "@id" in entry:
                entry = meta.by_id(entry["@id"]) or entry
            name = _person_name(entry) if isinstance(entry, dict) else entry
            if not isinstance(name, str):
                continue
            kind = entry.get("@type") if isinstance(entry, dict) else None
            kinds = set(kind) if isinstance(kind, list) else {kind}
            is_organisation = bool(kinds & {"Organization", "NewsMediaOrganization"})
            (organisations if is_organisation else people).append(name)
        return _split_names(people), _split_names(organisations)
    return [], []


def _person_name(entry: dict[str, Any]) -> str | None:
    """A JSON-LD person's ``name``: as written, the first of a list, or given and family names."""
    name = entry.get("name")
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), None)
    if name is None:
        parts = [entry.get("givenName"), entry.get("familyName")]
        name = " ".join(p for p in parts if isinstance(p, str)) or None
    return name if isinstance(name, str) else None


def _site_keys(meta: PageMetadata) -> set[str]:
    """The site's own names, folded by :func:`_key`: bylines that carry them are no person."""
    names = [
        *meta.all("og:site_name"),
        *meta.all("application-name"),
        *(handle.lstrip("@") for handle in meta.all("twitter:site")),
    ]
    for node in meta.nodes_of_type("Organization", "NewsMediaOrganization", "WebSite"):
        names.append(_text(node.get("name")))
    publisher = (meta.article() or {}).get("publisher")
    if isinstance(publisher, dict):
        names.append(_text(publisher.get("name")))
    url = meta.link_href("canonical") or meta.first("og:url") or ""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    names += [host, host.rsplit(".", 1)[0]]
    keys = {_key(part) for name in names for part in (name, *_FIELDS.split(name))}
    keys.discard("")
    return keys


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _key(name: str) -> str:
    return _WORD.sub("", name.casefold())


def _byline_names(root: HtmlElement, off_article: list[HtmlElement]) -> Iterator[list[str]]:
    """Names in the elements marked as bylines, in page order.

    Elements outside the article are set aside in ``off_article``: an author
    box in a footer or sidebar is a last resort, not a first choice.
    """
    tried = 0
    for el in islice(_byline_elements(root), _MAX_BYLINE_ELEMENTS):
        if tried == _MAX_BYLINES:
            return
        if is_off_article(el):
            off_article.append(el)
            continue
        tried += 1
        yield _element_names(el)


def _element_names(el: HtmlElement) -> list[str]:
    text = el.get("content") or _byline_text(el)
    if len(text) > _MAX_BYLINE_TEXT:
        return _author_box_name(text)
    return _names_in_fields(text) if text else []


def _author_box_name(text: str) -> list[str]:
    """The person an author box opens with, before the bio: "Inga Hoeltmann Follow\nExpertin …".

    A long element marked as a byline may as well be a menu or a whole post;
    only a first line that is one person's name, followed by a line longer than
    any name (the bio), is taken.
    """
    first, _, rest = text.partition("\n")
    names = _split_names([first])
    if len(names) != 1 or not _looks_like_person(names[0], min_words=2) or _TEAM.search(names[0]):
        return []
    return names if len(rest.split("\n", 1)[0].split()) > _MAX_WORDS else []


def _byline_text(el: HtmlElement) -> str:
    """The element's visible text, a line per block: blocks and ``<time>`` are fields.

    Run together, "Jane Doe" in one ``<div>`` and "3 hours ago" in the next
    would read "Jane Doe3 hours ago".
    """
    lines = (collapse(line) for line in "".join(_field_texts(el)).split(_FIELD_END))
    return "\n".join(line for line in lines if line)


def _field_texts(el: HtmlElement, *, glued: bool = False) -> Iterator[str]:
    tag = tag_of(el)
    if tag in INVISIBLE_TAGS:
        return
    glued = glued or tag in _MARKS
    # An element starts a word at least: "<span>By</span><a>Jane Doe</a>".
    end = _FIELD_END if tag in _FIELD_TAGS else ""
    yield end or ("" if glued else " ")
    if tag and el.text:  # a comment's text is not shown
        yield el.text
    for child in el:
        yield from _field_texts(child, glued=glued)
        if child.tail:
            yield child.tail
    yield end


def _most_credited(elements: list[HtmlElement]) -> list[str]:
    """The names that bylines outside the article give most often, if one list leads.

    A post's footer or sidebar box names its author again and again; a list
    of posts or teasers names several authors, none of whom wrote this page.
    """
    counts = Counter(
        tuple(names)
        for el in elements
        if not _in_other_content(el)
        for names in [_element_names(el)]
        if names
    ).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return []
    return list(counts[0][0])


#: WordPress marks the comments the post's author wrote, with the author's login.
_POST_AUTHOR_COMMENT = re.compile(r"(?:^|\s)comment-author-(\S+)(?=.*\bbypostauthor\b)")


def _post_author_in_comments(elements: list[HtmlElement]) -> list[str]:
    """The post's author as a comment of theirs prints the name, when no byline does.

    WordPress classes a comment ``bypostauthor`` and ``comment-author-<login>``
    if the post's author wrote it; the name printed in it whose letters are
    the login's ("Jane Doe" for ``jane-doe``) is theirs.
    """
    for el in elements:
        marked = _POST_AUTHOR_COMMENT.search(el.get("class") or "")
        if marked is None:
            continue
        login = _key(marked.group(1))
        for child in el.iter(etree.Element):
            name = _clean(child.text or "")
            if _key(name) == login and _is_name(name):
                return [name]
    return []


def _in_other_content(el: HtmlElement) -> bool:
    """Whether ``el`` sits in comments, related stories or navigation.

    The walk stops at the story's ``<article>`` or ``<main>``: above them,
    classes describe the page ("with-navigation"), not the byline's block.
    """
    node: HtmlElement | None = el
    while node is not None and tag_of(node) not in _STORY_TAGS:
        if tag_of(node) == "nav" or class_kind(node) in _OTHER_CONTENT:
            return True
        node = node.getparent()
    return False


def _names_in_fields(text: str) -> list[str]:
    """Names of a byline whose fields may also hold a date, a section or a reading time.

    A field that opens with "By"/"Von" is the credit and the others are
    ignored; without one, every field may be a name.
    """
    fields: list[str] = []
    for field in _FIELDS.split(_without_credits(text)):
        if not field or _is_prose(field):
            continue
        lead = _TRAILING_LEAD.search(fields[-1]) if fields else None
        if lead:  # "Artikel von:" in one field, the names in the next
            fields[-1] = f"{lead.group(1)} {field}"
        else:
            fields.append(field)
    credited = [_credited_part(f) for f in fields if _BY.match(f)]
    return _split_names(credited or list(map(_labelled_date_cut, fields)))


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
    if words and words[-1].casefold().strip(_PUNCTUATION) in _LABEL_WORDS:
        return _credited_part(field)
    return _credited_part(field) if _DATE_WORDS.search(before) else field


def _is_prose(field: str) -> bool:
    """Whether a field is a sentence, such as an author's bio, rather than a credit."""
    lower = sum(1 for word in field.split() if word[0].islower() and word not in _PARTICLES)
    return lower > _PROSE_LOWER_WORDS and not _TEAM.search(field)


def _without_credits(text: str) -> str:
    """``text`` up to its photo credit: "Text: Jane Doe, Foto: John Roe" → "Text: Jane Doe"."""
    credit = _CREDIT.search(text)
    return text[: credit.start()] if credit else text


def _credited_part(field: str) -> str:
    """The names after a field's lead, without the date or time that may follow them."""
    field = _BY.sub("", field)
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


def _names_near_headline(root: HtmlElement) -> list[str]:
    """A "By Jane Doe" / "Von Max Muster" field within a few lines after the ``<h1>``.

    This close to the headline a single name ("von Olga") is credit enough,
    and so is an agency's name alone, if no person is credited.
    The search ends at a heading that links elsewhere: a byline under it
    credits another story (on a front page, the first teaser's).
    """
    team: list[str] = []
    for h1 in islice(root.iter("h1"), 2):
        texts: list[str] = []
        for node in _text_nodes(_FOLLOWING_TEXT, h1):
            if _in_teaser_title(node):
                break
            texts.append(node)
        for text, after in zip(texts, [*texts[1:], ""], strict=False):
            for field in _FIELDS.split(_without_credits(_with_names(text, after))):
                names = _credited_names(field, min_words=1)
                if names:
                    return names
                if not team and _TEAM.fullmatch(field.strip()):
                    team = [field.strip()]  # an agency alone: "dpa", "AFP"
    return team


#: A date in a field: a year, with at most a day and a month ("04.02.2022", "3. Mai 2021").
_DATE_FIELD = re.compile(r"^(?:\S+\s+){0,2}\S*\b(?:19|20)\d\d\b\S*$")
#: Fields of a dated line, at most: date, time, section and name.
_MAX_DATED_FIELDS = 4
#: Text nodes after the headline where a dated line may be.
_DATED_LINES = 6


def _dated_line_name(root: HtmlElement) -> list[str]:
    """The name a date line by the headline prints without a lead: "04.02.2022 | Uta Helkenberg".

    Many CMSs print the date and the author's name as one meta line just above
    or below the headline. The line's last field, after the date, names the
    author if it is a full name and nothing else; a section or a list of tags
    comes before the date or holds a comma ("01.11.2021 | Naturschutz, BUND").
    """
    for h1 in islice(root.iter("h1"), 2):
        before = h1.getprevious()
        lines = [_byline_text(before)] if before is not None else []
        lines += _text_nodes(_FOLLOWING_TEXT, h1)[:_DATED_LINES]
        for line in lines:
            fields = [f.strip() for f in _FIELDS.split(line) if f.strip()]
            if not 1 < len(fields) <= _MAX_DATED_FIELDS or "," in fields[-1]:
                continue
            name = _clean(fields[-1])
            if (
                any(map(_DATE_FIELD.match, fields[:-1]))
                and _is_name(name)
                and _looks_like_person(name, min_words=2)
                and not _TEAM.search(name)
            ):
                return [name]
    return []


def _in_teaser_title(node: etree._ElementUnicodeResult) -> bool:
    """Whether the text is a link in an ``<h1>``–``<h3>``: the title of another story."""
    owner = node.getparent()
    if owner is not None and node.is_tail:
        owner = owner.getparent()
    linked = False
    for _ in range(_HEADING_DEPTH):
        if owner is None:
            return False
        linked = linked or tag_of(owner) == "a"
        if tag_of(owner) in _HEADINGS:
            return linked
        owner = owner.getparent()
    return False


def _with_names(line: str, after: str) -> str:
    """``line``, joined to the text after it when the line is a lead alone ("Von:")."""
    return f"{line} {after}" if _BY.match(line) and not _BY.sub("", line).strip() else line


#: A role alone on its line, its names on the next: "Interview" / "SVEN MICHAELSEN".
_ROLE_LABEL = re.compile(rf"{_ROLES}\s*:?", re.IGNORECASE)
#: A magazine's credits block, which lists the photographer and stylist too.
_CREDIT_BLOCKS = etree.XPath("//body//*[contains(@class, 'credit')]")


def _credit_block_names(root: HtmlElement) -> list[str]:
    """The writer in a credits block, labelled with a writing role ("Text", "Interview").

    Only a writing role's label counts: the block's other labels ("Foto",
    "Styling") credit people who did not write the story.
    """
    for el in select_elements(_CREDIT_BLOCKS, root)[:_MAX_CREDIT_BLOCKS]:
        lines = _byline_text(el).splitlines()
        for label, value in pairwise(lines):
            if _ROLE_LABEL.fullmatch(label):
                names = _credited_names(f"{label.rstrip(':')}: {value}", min_words=2)
                if names:
                    return names
    return []


#: A short bold or italic phrase that is a paragraph, or the line that ends one:
#: a subheading, or a signature.
_EMPHASISED_PARAGRAPHS = etree.XPath(
    "//body//p/*[self::strong or self::b or self::em or self::i]"
    "[string-length(normalize-space()) < 50]"
    "[normalize-space() = normalize-space(..) or (preceding-sibling::node()[1][self::br]"
    " and not(following-sibling::node()[normalize-space()]))]"
)
#: After a signature the story has ended: no paragraph this long follows it.
_MAX_AFTER_SIGNATURE = 200
_LISTS = frozenset({"ul", "ol", "dl", "table"})


def _signature(root: HtmlElement) -> list[str]:
    """The name that signs the story off: its last paragraph, a name alone in bold or italics.

    Magazines and newsletters without byline markup sign a column or a review
    at its foot, set apart from the text ("<p><strong>Marina Mucha</strong></p>"),
    or on a line of its own that ends the last paragraph ("…<br><em>Claudia Duwe</em></p>").
    """
    marked = select_elements(_EMPHASISED_PARAGRAPHS, root)
    for el in reversed(marked):
        paragraph = el.getparent()
        if paragraph is None or is_off_article(paragraph):
            continue
        following = paragraph.getnext()
        if following is not None and tag_of(following) in _LISTS:
            return []  # a subheading over a list of links
        if any(len(visible_text(p)) > _MAX_AFTER_SIGNATURE for p in paragraph.itersiblings("p")):
            return []
        name = _clean(visible_text(el))
        if not _is_name(name) or not _looks_like_person(name, min_words=2) or _TEAM.search(name):
            return []
        # A subheading's words ("Weitere Informationen") turn up in lower case in the text.
        text = " ".join(_text_nodes(_VISIBLE_TEXTS, root))
        lower = {word for word in _WORD.split(text) if word[:1].islower()}
        return [] if any(word.casefold() in lower for word in name.split()) else [name]
    return []


def _names_in_lines(root: HtmlElement, *, labels_only: bool = False) -> Iterator[list[str]]:
    """Names from lines that open with a credit ("Von Jane Doe", "Written by: John Roe").

    Themes without byline markup still print the credit as a line of its own,
    often in the body: the line's element is read whole, since the names sit
    in links or bold text of their own. ``labels_only`` keeps the lines that
    are a label alone, their names in the next element (``<dt>Auteur</dt>``).
    """
    lines = (node for node in _text_nodes(_BYLINE_LINES, root) if _BY.match(node))
    for node in islice(lines, _MAX_BYLINE_LINES):
        parent = node.getparent()
        if parent is not None and node.is_tail:
            parent = parent.getparent()  # a tail's "parent" is the element before it
        if parent is None or is_off_article(parent):
            continue
        line = visible_text(parent)
        if len(line) > _MAX_LINE_TEXT or not line.startswith(node.strip()):
            line = node.strip()
        if labels_only and _BY.sub("", line).strip():
            continue
        line = _with_names(line, collapse(" ".join(select_texts(_NEXT_TEXT, parent))))
        yield _credited_names(_FIELDS.split(_without_credits(line))[0], min_words=2)


def _text_nodes(xpath: etree.XPath, node: HtmlElement) -> list[etree._ElementUnicodeResult]:
    """Run a compiled XPath that selects text nodes, keeping their parents."""
    result = xpath(node)
    if not isinstance(result, list):
        return []
    return [text for text in result if isinstance(text, etree._ElementUnicodeResult)]


def _credited_names(field: str, *, min_words: int) -> list[str]:
    """People named after a credit lead, each looking like a name (capitalised words).

    A lower-case word after the lead makes the line a sentence ("Por su parte,
    los ex funcionarios Luisa Almada …"): the names in it are not credited.
    """
    if not _BY.match(field):
        return []
    part = _credited_part(field)
    opening = part.lstrip(_PUNCTUATION)
    if opening[:1].islower() and not _TEAM.match(opening):
        return []
    names = _split_names([part])
    return [n for n in names if _TEAM.search(n) or _looks_like_person(n, min_words=min_words)]


def _looks_like_person(name: str, *, min_words: int) -> bool:
    words = name.split()
    return min_words <= len(words) <= _MAX_NAME_WORDS and ":" not in name and _capitalised(words)


def _yoast_written_by(meta: PageMetadata) -> list[str]:
    """Yoast's Twitter card credits the author as ``twitter:label1`` "Written by" + ``data1``."""
    for label, data in zip(meta.all("twitter:label1"), meta.all("twitter:data1"), strict=False):
        if _BY.match(label) and _BY.sub("", label).strip() == "":
            return _split_names([data])
    return []


def _split_names(values: list[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        value = _NOTE.sub(_team_note, _BY.sub("", unescape(value).strip()))
        for part in _team_credit(value) or _SPLIT.split(value):
            name = _clean(_BY.sub("", _clean(part)))
            if _is_name(name) and name not in names:
                names.append(name)
    return names


def _team_note(note: re.Match[str]) -> str:
    """A bracketed note after a name: an agency's is a credit of its own ("Jane Doe (dpa)").

    Others give the person's role or employer, which is no part of the name.
    """
    return f", {note.group(1)}" if _TEAM.search(note.group(1)) else ""


def _team_credit(value: str) -> list[str]:
    """``value`` whole when it credits a team and names no person beside it.

    "Staff and news service reports" and "dsw / dpa" are one credit each;
    "Jane Doe, Redaktion" names a person and is split as usual.
    """
    if not _TEAM.search(value):
        return []
    parts = [_clean(part) for part in _SPLIT.split(value)]
    if any(part and not _TEAM.search(part) and part[0].isupper() for part in parts):
        return []
    return [value]


def _clean(part: str) -> str:
    """A name without the punctuation, footnote mark and labels around it.

    "Johanna Kropfitsch Alle Artikel" → "Johanna Kropfitsch"; a label alone
    ("Posted on") leaves nothing.
    """
    words = part.replace("\xad", "").strip(_PUNCTUATION).split()
    while words and words[-1].casefold().strip(_PUNCTUATION) in _LABEL_WORDS:
        words.pop()
    while words and words[0].casefold().strip(_PUNCTUATION) in _LABEL_WORDS:
        words.pop(0)
    name = " ".join(words).strip(_PUNCTUATION)
    if name.endswith(".") and len(words[-1]) > 2:
        name = name.rstrip(".")  # a full stop, not an initial's
    return _FOOTNOTE.sub("", name) if len(words) > 1 else name


def _is_name(name: str) -> bool:
    return (
        bool(name)
        and len(name) <= _MAX_NAME
        and len(name.split()) <= _MAX_WORDS
        and not _NOT_A_NAME.search(name)
        and (not any(c.isdigit() for c in name) or _HANDLE.match(name) is not None)
        and _LABEL_WORDS.isdisjoint(name.casefold().split())
        and (
            len(name.split()) < _PROSE_WORDS
            or _capitalised(name.split())
            or _TEAM.search(name) is not None
        )
    )


def _capitalised(words: list[str]) -> bool:
    """Whether every word opens with a capital or is a particle ("Jose de la Cruz").

    Prose and labels ("Division of Rheumatology", "news service reports") fail.
    A script without capitals (Arabic, Chinese, Hindi) cannot tell them apart:
    its letters pass ("محمد بن سلمان").
    """
    return all(_uncased_or_upper(word[0]) or word in _PARTICLES for word in words)


def _uncased_or_upper(char: str) -> bool:
    return char.isupper() or (char.isalpha() and not char.islower())


def _byline_elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Elements marked as bylines (``rel``/``itemprop=author``, byline classes), in page order.

    A walk over the elements of ``<body>`` (itself included) reading their
    attributes beats an XPath for the marking attributes: it sorts their union
    and wraps each value in a string that knows its element.
    """
    found: set[HtmlElement] = set()
    for body in root.iter("body"):
        for element in body.iter(etree.Element):
            if element in found or element.tag in _NOT_BYLINES:
                continue
            for name, value in element.items():
                if name in _MARKING_ATTRIBUTES and _marks(element, name, value):
                    found.add(element)
                    yield element
                    break


def _marks(element: HtmlElement, name: str, value: str) -> bool:
    """Whether the attribute ``name=value`` (one of :data:`_MARKING_ATTRIBUTES`) marks
    ``element`` as a byline."""
    text = value.lower()
    if name in {"rel", "itemprop"}:
        marked = text == "author"
    elif name == "data-testid":
        marked = "byline" in text
    else:
        marked = _HINTS.search(text) is not None
    return marked or (_SUBMITTED in text and _BY.match(_byline_text(element)) is not None)
