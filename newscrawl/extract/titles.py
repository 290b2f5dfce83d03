"""The article's headline, without the " – Site Name" its ``<title>`` carries.

The visible ``<h1>`` is what readers see as the headline; Open Graph and
``<title>`` often carry an SEO variant or the site's name. Among several
``<h1>`` (a logo, a section name, a widget title) the one the page's metadata
agrees with wins, even inside a breadcrumb trail (where some themes put it); a
page without a usable ``<h1>`` may use an ``<h2>`` the metadata agrees with, and
a page with no ``<h1>`` at all the first ``<h2>`` shown in its content.

Within the heading, only the line readers take for the headline counts: text
hidden from sighted readers ("Headline:", a screen-reader colon) is left out,
and so is a kicker — a smaller line set above or below the title in its own
element (``span.kicker``, ``<small>``, a ``<time>``) — when its markup or the
page's metadata says so. An ``<h1>`` classed as a kicker itself
(``h1.strapline`` over ``h2.title``) is that line, not the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from lxml.html import HtmlElement
from w3lib.html import replace_entities

from newscrawl.extract._dom import (
    INVISIBLE_TAGS,
    collapse,
    is_hidden,
    join_url,
    name_words,
    page_key,
    split_url,
    tag_of,
)
from newscrawl.extract.boilerplate import (
    BOILERPLATE_CLASSES,
    class_kind,
    holds_story,
    is_off_article,
    label_key,
)
from newscrawl.extract.metadata import PageMetadata, jsonld_text

_SEPARATORS = re.compile(r"\s+[|–—·•»:/]{1,2}\s+|\s+-\s+")
_MAX_H1 = 8
_MAX_SUBHEADINGS = 12
_MAX_TEXT = 400

#: Class words that name nothing but the small line themes set above (or below) a headline.
_OWN_KICKER_WORDS = frozenset(
    "kicker roofline overline topline dachzeile spitzmarke supertitle pretitle toptitle "
    "preheadline eyebrow overtitle uptitle strapline".split()
)
#: Class words of such a line inside a heading: there, a section or date name marks it too.
_KICKER_WORDS = _OWN_KICKER_WORDS | frozenset(
    "section category label rubric small subtitle subline subheadline date".split()
)
_KICKER_TAGS = frozenset({"small", "time"})
#: Class words of a heading (or its only link) that is the site's logo.
_LABEL_HEADING_WORDS = frozenset({"logo", "brand", "branding", "masthead"})
#: The path of a link home: "/", "../index.html"; or an absolute link ending at a site's root.
_HOME_PATH = re.compile(r"^(?:\.\./|\./|/)*(?:index\.\w{2,5})?$")
_HOME_URL = re.compile(r"://[^/]+/?$")
#: A date set before the headline as its own part: "23.01.2022 - ", "2022-01-23 | ".
_LEADING_DATE = re.compile(
    r"^(?:\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?|\d{4}-\d{2}-\d{2})\s*[-–—|:•]\s+(?=\w)"
)
#: Separator left at the edge of a heading whose kicker was taken away.
_TRIM = re.compile(r"^[\s|–—·•:/-]+|[\s|–—·•:/-]+$")
_HIDDEN_CLASSES = frozenset(k for k, v in BOILERPLATE_CLASSES.items() if v == "furniture")
#: Whole class names that replace a heading's text with a picture (Bootstrap's ``text-hide``).
_IMAGE_REPLACED = frozenset("text-hide".split())
_FURNITURE_KINDS = frozenset("furniture hidden".split())
#: A heading this short that the metadata disagrees with names a section, not a story.
_LABEL_WORDS = 2


def find_headline(root: HtmlElement, meta: PageMetadata) -> str | None:
    article = meta.article() or {}
    sites = _site_names(meta)
    ld_headline = jsonld_text(article.get("headline")) or jsonld_text(article.get("name"))
    og_title = meta.first("og:title", "twitter:title", "title", "dc.title", "headline")
    headings = [
        h for h in (_Heading.read(el, sites) for el in islice(root.iter("h1"), _MAX_H1)) if h
    ]
    # A logo heading names the site: its text is the site-name part of <title>.
    sites |= {h.folded for h in headings if h.logo}
    titles = [replace_entities(t) for t in (ld_headline, og_title, meta.title) if t]
    # Titles as declared, and without the parts known to name the site...
    exact = [strip_site_name(t, sites, guess=False) for t in titles]
    # ... or, for <title> and Open Graph, the parts that look like it.
    declared = [strip_site_name(t, sites, guess=t is not ld_headline) for t in titles]
    declared = [t for t in declared if label_key(t) not in sites] or declared
    # A title cut short with an ellipsis ("…should be essential reading for...") comes last.
    declared.sort(key=_ellipsised)
    strong = {label_key(t) for t in titles + exact} - {""}
    keys = strong | {label_key(t) for t in declared}
    candidates = [h for h in headings if not h.logo and not h.kicker]
    for heading in candidates:
        text = heading.agreed(keys, strong)
        if text:
            return text
    # "Story - Section - Site": a heading may be the first or last part of a title.
    ends = {label_key(p) for t in titles for p in _end_parts(t)} - sites
    for heading in candidates:
        text = None if heading.off_article else heading.end_of(ends)
        if text:
            return text
    on_page = [h for h in candidates if not h.off_article]
    if on_page and not (declared and on_page[0].is_label(keys)):
        return on_page[0].preferred
    for el in islice(root.iter("h2", "h3"), _MAX_SUBHEADINGS):
        sub = _Heading.read(el, sites)
        if sub and not sub.logo and not sub.off_article:
            text = sub.agreed(keys, strong)
            if text:
                return text
            text = None if sub.is_label(keys) else sub.end_of(ends)
            if text:
                return text
    if not headings:
        # No <h1> at all: the theme set the story's title as the first <h2> on show.
        here = meta.link_href("canonical") or meta.first("og:url") or root.getroottree().docinfo.URL
        top = _first_subheading(root, sites, keys, here)
        if top:
            return top
    if declared:
        return declared[0]
    return on_page[0].preferred if on_page else None


class _Heading:
    """A heading's visible text, and the forms without a kicker or a leading date."""

    def __init__(
        self,
        text: str,
        variants: list[str],
        others: list[str],
        *,
        logo: bool,
        kicker: bool,
        off_article: bool,
    ) -> None:
        self.text = text
        #: Forms without what the markup marks as a kicker, or without a leading date.
        self.variants = variants
        #: Forms without an unmarked first or last element: only the metadata can vouch.
        self.others = others
        self.folded = label_key(text)
        self.logo = logo
        self.off_article = off_article
        #: Classed as a kicker itself: a line above the story's title, set as a heading.
        self.kicker = kicker

    @classmethod
    def read(cls, el: HtmlElement, sites: set[str]) -> _Heading | None:
        if _hidden(el):
            return None
        text, marked, unmarked = _heading_lines(el)
        if not text:
            return None
        variants: list[str] = []
        for form in [*marked, text]:
            form = _TRIM.sub("", _LEADING_DATE.sub("", form))
            if form and form != text and form not in variants:
                variants.append(form)
        others = [_TRIM.sub("", form) for form in unmarked]
        logo = label_key(text) in sites or is_logo(el)
        kicker = not _OWN_KICKER_WORDS.isdisjoint(_class_words(el))
        return cls(text, variants, others, logo=logo, kicker=kicker, off_article=is_off_article(el))

    @property
    def preferred(self) -> str:
        """The headline by markup alone: without a marked kicker or a leading date."""
        return self.variants[0] if self.variants else self.text

    def agreed(self, keys: set[str], strong: set[str]) -> str | None:
        """This heading's headline if the page's metadata agrees with it, or ``None``.

        The markup has the last word on kickers and dates: many sites keep
        the kicker in ``og:title`` though readers see it as a separate line.
        """
        forms = [*self.variants, self.text]
        if any(label_key(form) in keys for form in forms):
            return next((v for v in self.variants if label_key(v) in keys), self.preferred)
        agreeing = next((o for o in self.others if label_key(o) in keys), None)
        if agreeing:
            return agreeing
        # "Quote / Story": one part of the heading is the declared title.
        for part in _parts(self.text):
            if label_key(part) in strong:
                return part
        if self.off_article:
            return None
        return next((f for f in forms if any(_agrees(label_key(f), k) for k in keys)), None)

    def end_of(self, ends: set[str]) -> str | None:
        """The form of this heading that is the start or end of a declared title, or ``None``.

        Without a kicker or date if the title leaves it out; with it if the title keeps it.
        """
        return next((f for f in [*self.variants, self.text] if label_key(f) in ends), None)

    def is_label(self, keys: set[str]) -> bool:
        """Whether this heading is a section name or label rather than the story's title."""
        return len(self.folded.split()) <= _LABEL_WORDS and all(
            len(key.split()) > 2 * _LABEL_WORDS for key in keys
        )


def _heading_lines(el: HtmlElement) -> tuple[str, list[str], list[str]]:
    """The heading's visible text, and that text without its first or last element.

    Forms without an element the markup marks as a kicker come first, forms
    without any other element second: those count only if the metadata agrees.
    """
    box = el
    # Descend through wrappers: <h1><a><span>…</span></a></h1>.
    while len(box) == 1 and not (box.text or "").strip() and not (box[0].tail or "").strip():
        child = box[0]
        if child.tag in INVISIBLE_TAGS or _is_kicker(child):
            break
        box = child
    pieces = list(_pieces(box))
    text = collapse("".join(t for _, t in pieces))[:_MAX_TEXT]
    if not text:
        return "", [], []
    shown = [(child, t) for child, t in pieces if t.strip()]
    marked: list[str] = []
    unmarked: list[str] = []
    if len(shown) > 1:
        first, last = shown[0][0], shown[-1][0]
        if first is not None:
            without = collapse("".join(t for c, t in pieces if c is not first))[:_MAX_TEXT]
            kicker = _is_kicker(first) or _before_break(first)
            (marked if kicker else unmarked).append(without)
        if last is not None and last is not first:
            without = collapse("".join(t for c, t in pieces if c is not last))[:_MAX_TEXT]
            kicker = _is_kicker(last) or _after_break(last)
            (marked if kicker else unmarked).append(without)
    return text, marked, unmarked


def _pieces(box: HtmlElement) -> Iterator[tuple[HtmlElement | None, str]]:
    """The visible text of ``box`` as (child it belongs to, text); ``None`` for loose text."""
    if box.text:
        yield None, box.text
    for child in box:
        if tag_of(child) and child.tag not in INVISIBLE_TAGS and not _hidden(child):
            yield child, "".join(_visible(child))
        if child.tail:
            yield None, child.tail


def _visible(el: HtmlElement) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if tag_of(child) and child.tag not in INVISIBLE_TAGS and not _hidden(child):
            yield from _visible(child)
        if child.tail:
            yield child.tail


def _first_subheading(
    root: HtmlElement, sites: set[str], keys: set[str], here: str | None
) -> str | None:
    """The first ``<h2>`` shown in the page's own content, on a page without ``<h1>``.

    Such themes (wikis, CMS pages, review sites) keep ``<title>`` and Open
    Graph for a site-wide name or a social teaser, so what readers see first
    is the better headline. Headings hidden by class ("Main content" for
    screen readers), inside hidden or furniture blocks (a modal's "Help"),
    off the article, naming the site or too short to be more than a label
    do not count; one linking to another page is a teaser's title on a page
    that lists stories, which has no headline of its own.
    """
    for el in islice(root.iter("h2"), _MAX_SUBHEADINGS):
        if (
            class_kind(el)
            or _IMAGE_REPLACED.intersection((el.get("class") or "").split())
            or _in_furniture(el)
        ):
            continue
        sub = _Heading.read(el, sites)
        if sub and not sub.logo and not sub.off_article and not sub.is_label(keys):
            # A title linking elsewhere is a teaser: the page lists stories.
            return None if _links_away(el, here) else sub.preferred
    return None


def _links_away(heading: HtmlElement, here: str | None) -> bool:
    """Whether ``heading`` links to another page than ``here`` (a teaser's title does)."""
    page = page_key(here or "")
    for link in heading.iter("a"):
        href = (link.get("href") or "").strip()
        target = join_url(here or "", href) if href and not href.startswith("#") else None
        if target and page_key(target) != page:
            return True
    return False


def _in_furniture(el: HtmlElement) -> bool:
    """Whether an ancestor of ``el`` is hidden or furniture by its class (and holds no story)."""
    node = el.getparent()
    while node is not None and node.tag not in {"body", "html"}:
        if class_kind(node) in _FURNITURE_KINDS and not holds_story(node):
            return True
        node = node.getparent()
    return False


def _hidden(el: HtmlElement) -> bool:
    return is_hidden(el) or _hidden_class(el)


def _hidden_class(el: HtmlElement) -> bool:
    classes = el.get("class")
    return bool(classes) and not _HIDDEN_CLASSES.isdisjoint(classes.lower().split())


def _is_kicker(el: HtmlElement) -> bool:
    if el.tag in _KICKER_TAGS:
        return True
    return not _KICKER_WORDS.isdisjoint(_class_words(el))


def _before_break(el: HtmlElement) -> bool:
    following = el.getnext()
    return following is not None and following.tag == "br" and not (el.tail or "").strip()


def _after_break(el: HtmlElement) -> bool:
    preceding = el.getprevious()
    return (
        preceding is not None
        and preceding.tag == "br"
        and not (preceding.tail or "").strip()
        and not (el.tail or "").strip()
    )


def _class_words(el: HtmlElement) -> set[str]:
    return {w for name in (el.get("class") or "").split() for w in name_words(name)}


def is_logo(heading: HtmlElement) -> bool:
    """A heading that is the site's logo: so classed, or one link to the home page."""
    if not _LABEL_HEADING_WORDS.isdisjoint(_class_words(heading)):
        return True
    links = heading.findall(".//a")
    if len(links) != 1:
        return False
    link = links[0]
    if not _LABEL_HEADING_WORDS.isdisjoint(_class_words(link)):
        return True
    href = (link.get("href") or "").strip()
    if not href:  # a link to this very page, or an anchor: a permalink heading
        return False
    parts = split_url(href)
    if parts is None or parts.query or parts.fragment:
        return False
    # An archive's or proxy's copy of the home page ends in the site's root URL.
    return bool(_HOME_PATH.match(parts.path) or _HOME_URL.search(href))


def _site_names(meta: PageMetadata) -> set[str]:
    """Folded names the site goes by: ``og:site_name`` and the host of its canonical URL."""
    declared = (meta.first("og:site_name"), meta.first("application-name"))
    names = {label_key(name) for name in declared if name}
    url = meta.link_href("canonical") or meta.first("og:url")
    if url:
        parts = split_url(url)
        host = ((parts.hostname if parts else None) or "").removeprefix("www.")
        if host:
            names.add(label_key(host))
    names.discard("")
    return names


def strip_site_name(title: str, site: str | Iterable[str] | None, *, guess: bool = True) -> str:
    """Drop a site-name part from ``title`` ("Story | Site", "Site - Story").

    Parts equal to a known name of the site go; without one, with ``guess``,
    short trailing/leading parts are taken to name the site.
    """
    sites = {label_key(site)} if isinstance(site, str) else {label_key(s) for s in site or ()}
    sites.discard("")
    title = title.strip()
    if sites:
        title = _strip_known(title, {s.replace(" ", "") for s in sites})
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2 or not guess:
        return title
    longest = max(parts, key=len)
    # The story is the long part; short trailing/leading parts name the site.
    if len(longest) >= 2 * max(len(p) for p in parts if p is not longest):
        return longest.strip()
    return title


def _strip_known(title: str, sites: set[str]) -> str:
    """``title`` without leading and trailing parts that name the site."""
    changed = True
    while changed:
        changed = False
        for match in _SEPARATORS.finditer(title):
            head, tail = title[: match.start()].strip(), title[match.end() :].strip()
            if not head or not tail:
                continue
            if label_key(tail).replace(" ", "") in sites:
                title, changed = head, True
                break
            if label_key(head).replace(" ", "") in sites:
                title, changed = tail, True
                break
    return title


def _ellipsised(title: str) -> bool:
    """Whether ``title`` ends in an ellipsis, as a headline cut to fit a length limit does."""
    return title.endswith(("...", "…"))


def _parts(text: str) -> list[str]:
    parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    return parts if len(parts) > 1 else []


def _end_parts(title: str) -> list[str]:
    """What ``title`` holds before or after each separator: "A | B - C" gives A, A | B, B - C, C."""
    ends = []
    for match in _SEPARATORS.finditer(title):
        ends += [title[: match.start()].strip(), title[match.end() :].strip()]
    return [end for end in ends if end]


def _agrees(a: str, b: str) -> bool:
    """Whether two folded titles agree: equal, or one most of the other."""
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return shorter in longer and len(shorter) >= 0.6 * len(longer)
