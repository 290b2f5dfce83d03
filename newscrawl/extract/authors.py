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
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._bylines import (
    byline_names,
    credit_block_names,
    dated_line_name,
    most_credited,
    names_in_lines,
    names_near_headline,
    post_author_in_comments,
    signature,
)
from newscrawl.extract._names import (
    BY_LINE,
    FIELDS,
    LABEL_WORDS,
    SURNAME_FIRST,
    TEAM,
    TEMPLATE,
    looks_like_person,
    name_key,
    split_names,
)
from newscrawl.extract.metadata import PageMetadata

_TEASER_BYLINES = 3
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


def find_authors(root: HtmlElement, meta: PageMetadata) -> list[str]:
    """People first; else a team or agency credited on the page, then in its data; else the site.

    A team credit beside a person ("Jane Doe, dpa") stays in the list.
    """
    site = _site_keys(meta)
    fallback: list[str] = []
    teams: list[str] = []  # printed on the page
    listed: list[str] = []  # in JSON-LD or <meta> only
    for names, source in _candidates(root, meta):
        credits = [] if source == _ORGANISATIONS else [n for n in names if name_key(n) not in site]
        if any(not TEAM.search(n) for n in credits):
            return _with_coauthors(_with_surname(credits, root, site), meta)
        if source == _PRINTED:
            teams = teams or credits
        elif source == _DATA:
            listed = listed or credits
        fallback = fallback or [n for n in names if not TEAM.search(n)]
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
        if TEMPLATE.search(name):
            continue  # a path or a placeholder the CMS left unfilled
        found = split_names([name])
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
    if any(key.startswith(name_key(first)) for key in site):
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
        and word.casefold() not in LABEL_WORDS
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
    printed = names_near_headline(root) if any(map(_is_account, people)) else None
    signed: list[str] | None = None  # the signature, once read
    if printed and _overrules(printed, people):
        yield printed, _PRINTED
    elif people and not _printed(root, people):
        # JSON-LD names someone the page never shows (the account that posted
        # it), while a labelled field ("Auteur" | "Jane Doe") or a signature
        # names the writer.
        credited = next((names for names in names_in_lines(root, labels_only=True) if names), [])
        if not credited:
            credited = signed = signature(root)
        if credited and _overrules(credited, people):
            yield credited, _PRINTED
    yield people, _DATA
    off_article: list[HtmlElement] = []
    bylines = list(byline_names(root, off_article))
    # Bylines that name three different lists of people credit the stories
    # teased beside this one: a full name in ``<meta>`` is more likely this
    # story's author, unless they are as many (a paper's list of references).
    if len({tuple(names) for names in bylines if names}) >= _TEASER_BYLINES:
        for key in _META_KEYS[:_WEAK_META]:
            names = [n for n in _meta_names(meta, key) if looks_like_person(n, min_words=2)]
            yield names if len(names) < _TEASER_BYLINES else [], _DATA
    for names in bylines:
        yield names, _PRINTED
    yield names_near_headline(root) if printed is None else printed, _PRINTED
    for key in _META_KEYS:
        yield _meta_names(meta, key), _DATA
    yield _yoast_written_by(meta), _DATA
    yield credit_block_names(root), _PRINTED
    yield dated_line_name(root), _PRINTED
    for names in names_in_lines(root):
        yield names, _PRINTED
    yield signature(root) if signed is None else signed, _PRINTED
    yield most_credited(off_article), _PRINTED
    yield post_author_in_comments(off_article), _PRINTED
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
        values = [SURNAME_FIRST.sub(r"\2 \1", value) for value in values]
    return split_names(values)


def _is_account(name: str) -> bool:
    """Whether a credit reads like an account's login or display name ("sarah-indra", "Nils")."""
    return " " not in name.strip() and not TEAM.search(name)


def _overrules(printed: list[str], people: list[str]) -> bool:
    """Whether a printed credit names other people than JSON-LD does.

    JSON-LD often credits the account that posted the story ("sarah-indra",
    who translated it), while "By Mark Newton" under the headline names its
    writer. A first name alone or an agency there is no reason to doubt JSON-LD.
    """
    folded = {name.casefold() for name in people}
    return all(
        len(name.split()) > 1 and not TEAM.search(name) and name.casefold() not in folded
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
        return split_names(people), split_names(organisations)
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
    """The site's own names, folded by :func:`name_key`: bylines that carry them are no person."""
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
    keys = {name_key(part) for name in names for part in (name, *FIELDS.split(name))}
    keys.discard("")
    return keys


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _yoast_written_by(meta: PageMetadata) -> list[str]:
    """Yoast's Twitter card credits the author as ``twitter:label1`` "Written by" + ``data1``."""
    for label, data in zip(meta.all("twitter:label1"), meta.all("twitter:data1"), strict=False):
        if BY_LINE.match(label) and BY_LINE.sub("", label).strip() == "":
            return split_names([data])
    return []
