"""Furniture known by its shape once the named blocks are gone.

A list that is mostly links, a card around a heading linked elsewhere, a
paragraph that is a label and a link, a photo credit: none says what it is
in its class, all say it in their length, their links and their first words.
Links to other sites are the exception: a story cites its sources that way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    HEADING_TAGS,
    INVISIBLE_TAGS,
    collapse,
    drop,
    join_url,
    page_key,
    select_elements,
    subtree_lengths,
    tag_of,
    text_and_link_length,
    text_of,
    visible_text,
)
from newscrawl.extract.boilerplate import LABELS, SHARE_HREF, label_key
from newscrawl.extract.dates import find_date
from newscrawl.extract.rules import on

if TYPE_CHECKING:
    from newscrawl.extract.cleaning import Cleaning


#: A heading that opens with a label of several words names the block it heads:
#: "Mehr zum Thema auf example.de", "Related articles from our archive".
_LABEL_LEAD = re.compile(
    "^(?:"
    + "|".join(sorted((re.escape(lb) for lb in LABELS if " " in lb), key=len, reverse=True))
    + ") "
)
#: "Reading time: 3 minutes", "5 min read": a widget's estimate, not the story.
_READING_TIME = re.compile(
    r"^(?:reading time|read time|lesezeit|lesedauer|tempo de leitura|tiempo de lectura|"
    r"temps de lecture|tempo di lettura|\d+ min(?:ute)?s? read|\d+ minuten? lesezeit)\b"
)
#: A paragraph that opens with one of these and is mostly a link points elsewhere.
_TEASER_LEAD = re.compile(
    r"^\W*(?:related|read more|read also|also read|see also|see more|more|recommended|watch|"
    r"listen|related article|related story|related coverage|further reading|read next|"
    r"recommended reading|don'?t miss|must read|explore further|"
    r"lesen sie auch|auch lesen|weiterlesen|mehr zum thema|mehr themen|siehe auch|das könnte sie "
    r"auch interessieren|lire aussi|à lire aussi|a lire aussi|voir aussi|lea también|lee también|"
    r"vea también|ver también|mira|te puede interesar|leia também|veja também|leggi anche|"
    r"vedi anche|lees ook|"
    r"zie ook|czytaj też|zobacz też|läs också|læs også|les også)\b\s*[:|»>\-–—]",
    re.IGNORECASE,
)
#: A short line that announces other media, linked or not (the player is a script):
#: "Related video: …", "WATCH: …", "Listen: …".
_MEDIA_LEAD = re.compile(
    r"^\W*(?:related (?:videos?|audio|podcast|gallery)|videos?|watch(?: now| live)?|listen|"
    r"podcast|gallery|photos|mehr im video|im video|vidéo|regardez|ver video)\s*[:|»>\-–—]",
    re.IGNORECASE,
)
#: A short line crediting a photo ("Credit: …", "Foto: …") is a caption, not the story.
_CREDIT_LINE = re.compile(
    r"^\W*(?:credits?|crédits?(?: photos?)?|photos?|foto(?:s|grafie)?|bild(?:er)?|image|"
    r"picture|pictures|copyright|©)\s*:",
    re.IGNORECASE,
)
_CREDIT_LENGTH = 120
#: Set in italics, a line naming the source or the cover picture, or disclaiming
#: liability, is an editor's note under the story; in roman type it may be the story.
_SOURCE_NOTE = re.compile(
    r"^\W*(?:quellen?|sources?|fuentes?|fonte|titelbild|titelfoto|aufmacherbild|bildquellen?|"
    r"bildnachweis|alle angaben ohne gewähr|angaben ohne gewähr)\b",
    re.IGNORECASE,
)
#: A short paragraph that is all link is a teaser for another story.
LINKED_PARAGRAPH = 0.9
_TEASER_LENGTH = 200


def prose_beside(
    el: HtmlElement,
    body: HtmlElement,
    *,
    following: bool,
    lengths: dict[HtmlElement, tuple[int, int]] | None = None,
) -> bool:
    """Whether text outside links comes before (or after) ``el`` within ``body``.

    ``lengths`` (from :func:`~newscrawl.extract._dom.subtree_lengths`) saves
    measuring the siblings again.
    """
    node = el
    while node is not body and node is not None:
        for sibling in node.itersiblings(preceding=not following):
            if sibling.tag in INVISIBLE_TAGS:
                continue
            if lengths is None:
                text_len, link_len = text_and_link_length(sibling)
            else:
                text_len, link_len = lengths.get(sibling, (0, 0))
            if text_len - link_len >= _FOLLOWING_TEXT:
                return True
        node = node.getparent()
    return False


_UNLINKED_H1 = etree.XPath("descendant::h1[not(descendant::a) and not(ancestor::a)]")


def _repeats_headline(
    el: HtmlElement,
    tag: str,
    lengths: tuple[int, int],
    shown: str,
    headline: str | None,
    headline_key: str | None,
    sections: bool,
) -> bool:
    """Whether a heading in the body is the story's title again: a short ``<h1>`` where
    the body has no other unlinked ones, or one with the headline's words — any length
    unlinked, a short one linked (a long linked one is a teaser's title, for the card
    rule to judge whole). ``shown`` is the heading's visible text if read already."""
    text_len, link_len = lengths
    if tag == "h1" and text_len < 60 and not sections:
        return True
    if headline is None or abs(text_len - len(headline)) > len(headline) // 2 + 10:
        return False
    if text_len >= 60 and link_len:
        return False
    return label_key(shown or visible_text(el)) == headline_key


#: Elements judged by their shape (length, links, label) once blocks are gone.
_SHAPE_TAGS = tuple("p div ul ol section h1 h2 h3 h4 h5 h6 table dl span strong b".split())


def strip_by_shape(
    body: HtmlElement,
    headline: str | None,
    url: str | None,
    cleaning: Cleaning,
) -> None:
    """Drop what is furniture by its shape, each element judged once, outermost first.

    ``headline`` is the page's (a heading repeating it goes); ``url`` the page's
    own address: its registered name (:func:`site_key`) tells cited pages from
    teasers, and a heading linked to the page itself is the story's permalink.
    """
    site = site_key(url) if url else None
    headline_key = label_key(headline) if headline else None
    lengths = subtree_lengths(body)
    cited: set[HtmlElement] = set()  # inside a list of sources or a card: not judged one by one
    link_run: set[HtmlElement] = set()
    cards: list[HtmlElement] = []
    # A body with several unlinked <h1> titles its sections with them: none is the
    # headline's echo. Linked ones title teasers (a listing), which go as before.
    sections = len(select_elements(_UNLINKED_H1, body)) > 1
    for el in list(body.iter(*_SHAPE_TAGS)):
        if el.getparent() is None or el is body or el in cited:
            continue
        text_len, link_len = lengths.get(el, (0, 0))
        tag = tag_of(el)
        if text_len == 0:
            continue  # nothing to judge; the rendering leaves empty blocks out
        shown = visible_text(el) if text_len < _STAMP_LENGTH else ""
        if shown and tag not in _LISTS and on("shape.stamp") and _is_stamp(shown):
            cleaning.count("stamp")
            drop(el)
            continue
        if text_len < 60:
            key = label_key(shown)
            if key in LABELS and on("shape.label"):
                cleaning.count("label")
                drop(el)
                continue
            if (
                (tag in HEADING_TAGS and _LABEL_LEAD.match(key)) or _READING_TIME.match(key)
            ) and on("shape.label_lead"):
                cleaning.count("label")
                drop(el)
                continue
        if (
            tag in HEADING_TAGS
            and on("shape.headline")
            and _repeats_headline(
                el, tag, (text_len, link_len), shown, headline, headline_key, sections
            )
        ):
            cleaning.count("headline")
            drop(el)
            continue
        if tag in HEADING_TAGS and link_len >= LINKED_PARAGRAPH * text_len and on("shape.cards"):
            card = _teaser_card(el, body, lengths, url)
            if card is not None:
                cards.append(card)
                cited.update(card.iter(*_SHAPE_TAGS))
                continue
        if tag in {"span", "strong", "b"}:
            continue
        links = link_len / text_len
        if on("shape.link_list") and _is_link_list(el, tag, text_len, links, lengths, link_run):
            if site and on("shape.cited_sources") and _cites_other_sites(el, link_len, site):
                cited.update(el.iter(*_SHAPE_TAGS))
                continue
            cleaning.count("links")
            drop(el)
        elif on("shape.teaser_block") and _is_teaser_block(el, tag, text_len, links):
            cleaning.count("teaser")
            drop(el)
        elif tag == "p":
            text = visible_text(el)
            if on("shape.teaser_paragraph") and (
                (links > 0.5 and _TEASER_LEAD.match(text))
                or (
                    text_len < _TEASER_LENGTH
                    and on("shape.media_teaser")
                    and _MEDIA_LEAD.match(text) is not None
                )
                or (
                    links >= LINKED_PARAGRAPH
                    and _is_teaser_paragraph(el, body, text_len, link_len, site, lengths)
                )
            ):
                cleaning.count("teaser")
                drop(el)
            elif (
                text_len < _CREDIT_LENGTH
                and on("shape.credit")
                and (_CREDIT_LINE.match(text) or (_SOURCE_NOTE.match(text) and not _roman_text(el)))
            ):
                cleaning.count("credit")
                drop(el)
    _drop_teaser_cards(cards, body, lengths, cleaning)


def _drop_teaser_cards(
    cards: list[HtmlElement],
    body: HtmlElement,
    lengths: dict[HtmlElement, tuple[int, int]],
    cleaning: Cleaning,
) -> None:
    """Drop the teaser cards found in the body, unless they are most of it.

    A listicle or a gallery sets each item as a heading linked to the item's
    own page over its picture and a few lines: cards by shape, but several of
    them holding nearly all the text are the story. Teasers for other stories
    are an aside to the text; an archive's posts are ``article`` elements or
    end their excerpt cut short ("…").
    """
    card_text = sum(lengths.get(card, (0, 0))[0] for card in cards)
    body_text = lengths.get(body, (0, 0))[0]
    if (
        len(cards) >= _LISTICLE_ITEMS
        and card_text > _LISTICLE_SHARE * body_text
        and not any(_is_post(card, body) or _is_excerpt(card) for card in cards)
    ):
        return
    for card in cards:
        cleaning.count("teaser")
        drop(card)


def _is_post(card: HtmlElement, body: HtmlElement) -> bool:
    """Whether ``card`` is, holds or sits in an ``article`` inside ``body``: a post of its own."""
    if next(card.iter("article"), None) is not None:
        return True
    for node in card.iterancestors():
        if node is body:
            return False
        if node.tag == "article":
            return True
    return False


def _is_excerpt(card: HtmlElement) -> bool:
    """Whether the text of ``card`` is cut short: a teaser's excerpt of a longer story."""
    return collapse(text_of(card)).endswith(_CUT_SHORT)


_CUT_SHORT = ("…", "...", "[…]", "[...]")


def _is_link_list(
    el: HtmlElement,
    tag: str,
    text_len: int,
    links: float,
    lengths: dict[HtmlElement, tuple[int, int]],
    link_run: set[HtmlElement],
) -> bool:
    """Mostly links, two or more of them; or one of a run of one-link lists."""
    if el in link_run:
        return True
    if (
        tag in {"ul", "ol", "div", "section", "table", "dl"}
        and links > 0.6
        and _count_links(el) >= 2
        and text_len < 2000
    ):
        return True
    return tag in {"ul", "ol"} and _starts_link_run(el, lengths, link_run)


def _starts_link_run(
    el: HtmlElement, lengths: dict[HtmlElement, tuple[int, int]], link_run: set[HtmlElement]
) -> bool:
    """Lists of one link each, one after another: a link list cut into pieces.

    Themes that wrap every "read more" headline in a ``<ul>`` of its own defeat
    the two-link rule; the lists that follow ``el`` are marked for removal.
    """
    run = []
    node = el.getnext()
    while node is not None and node.tag in {"ul", "ol"} and _is_one_link(node, lengths):
        run.append(node)
        node = node.getnext()
    if not run or not _is_one_link(el, lengths):
        return False
    link_run.update(run)
    return True


def _is_one_link(el: HtmlElement, lengths: dict[HtmlElement, tuple[int, int]]) -> bool:
    text_len, link_len = lengths.get(el, (0, 0))
    return 0 < text_len < _TEASER_LENGTH and link_len >= LINKED_PARAGRAPH * text_len


def _is_teaser_block(el: HtmlElement, tag: str, text_len: int, links: float) -> bool:
    """A card of one picture link, or a heading led by a teaser label ("MIRA: <a>…")."""
    if tag in HEADING_TAGS:
        return links > 0.5 and _TEASER_LEAD.match(visible_text(el)) is not None
    return (
        tag in {"div", "section"}
        and links >= LINKED_PARAGRAPH
        and text_len < _TEASER_LENGTH
        and _is_picture_link(el)
    )


def _is_picture_link(el: HtmlElement) -> bool:
    """One link to another page around a picture and its words: a teaser card.

    A picture linked to its own larger file is the story's illustration.
    """
    links = list(el.iter("a"))
    if len(links) != 1 or not has_media(links[0]):
        return False
    href = (links[0].get("href") or "#").lower()
    return not href.startswith("#") and not href.split("?")[0].endswith(_PICTURE_FILES)


_PICTURE_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def _teaser_card(
    heading: HtmlElement,
    body: HtmlElement,
    lengths: dict[HtmlElement, tuple[int, int]],
    url: str | None,
) -> HtmlElement | None:
    """The small block around a linked ``heading`` that advertises another page.

    A card is a headline linked elsewhere with a picture or a line of excerpt,
    in a wrapper of its own. A linked heading of the story's own sections sits
    in the story's container, beside long text: no small wrapper, no card. Nor
    is a heading linked to the page itself: a post's title as its permalink
    (Blogger, many WordPress themes), over a post as short as a card.
    """
    link = next(
        (node for node in heading.iterancestors("a")),
        next(heading.iter("a"), None),
    )
    href = (link.get("href") or "#").strip() if link is not None else "#"
    if href.startswith("#") or (url and _same_page(join_url(url, href) or "", url)):
        return None
    card = None
    node = heading.getparent()
    while node is not None and node is not body and lengths.get(node, (0, 0))[0] <= _CARD_TEXT:
        card = node
        node = node.getparent()
    if card is None or node is None:
        return None
    if lengths.get(card, (0, 0))[0] <= lengths.get(heading, (0, 0))[0] and not has_media(card):
        return None  # a bare linked heading: nothing says it is not the story's
    return card


def _same_page(target: str, url: str) -> bool:
    """Whether two addresses name one page: fragment, trailing slash, scheme and case aside."""
    return page_key(target).lower() == page_key(url).lower()


def _is_stamp(text: str) -> bool:
    """A line that only stamps the story: a Unix time, or a date and time with at most a
    name beside it ("Jane Doe 2 March 2024 21:02", "Updated 14:05, 3 May 2024")."""
    if _DIGIT.search(text) is None:
        return False  # every stamp has a digit; most short blocks have none
    if _UNIX_TIME.match(text):
        return True
    found = find_date(text)
    if found is None:
        return False
    rest = _CLOCK.sub(" ", text.replace(found[1], " "))
    words = [word for word in _STAMP_SEPARATORS.split(rest) if word]
    return len(words) <= _STAMP_NAME_WORDS and all(word[0].isupper() for word in words)


_DIGIT = re.compile(r"\d")
_UNIX_TIME = re.compile(r"^\s*1\d{9}(?:\d{3})?\s*$")
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h))?", re.IGNORECASE)
_STAMP_SEPARATORS = re.compile(r"[\s|·•,/–—-]+")
_STAMP_LENGTH = 80
_LISTS = frozenset("ul ol table dl".split())
_STAMP_NAME_WORDS = 3


def _roman_text(el: HtmlElement) -> bool:
    """Whether some of the text of ``el`` is outside ``i``/``em``."""
    if el.tag in {"i", "em"}:
        return False
    if el.text and el.text.strip():
        return True
    return any(_roman_text(child) or (child.tail or "").strip() for child in el)


_CARD_TEXT = 400
#: Cards that are the items of a listicle: how many, and their share of the body's text.
_LISTICLE_ITEMS = 3
_LISTICLE_SHARE = 0.75


def site_key(url: str) -> str:
    """The registered name a URL's host belongs to: ``blogs.faz.net`` → ``faz.net``.

    Country second levels (``co.uk``, ``com.br``) keep a third label.
    """
    host = (urlsplit(url).hostname or "").rstrip(".")
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def _cites_other_sites(el: HtmlElement, link_len: int, site: str) -> bool:
    """A list of titled links, most to other sites: the story's sources or picks.

    Related-post lists and menus link the site's own pages; a press review,
    a link roundup or a deals list names pages elsewhere, in whole titles
    rather than the one-word labels of share bars and social profiles.
    """
    return next(el.iter("li"), None) is not None and _links_elsewhere(el, link_len, site)


def _links_elsewhere(el: HtmlElement, link_len: int, site: str) -> bool:
    """Whether most links of ``el`` go to other sites, under whole titles.

    A paragraph of press coverage ("http://paper.example/…<br>http://…")
    cites too; a run of the site's own headlines is a teaser list.
    """
    links = 0
    elsewhere = 0
    for a in el.iter("a"):
        links += 1
        href = (a.get("href") or "").strip()
        if href.startswith(("http://", "https://", "//")) and not SHARE_HREF.search(href):
            elsewhere += site_key(href) != site
    return 2 * elsewhere >= links and link_len >= _CITED_TITLE * links


def _is_teaser_paragraph(
    el: HtmlElement,
    body: HtmlElement,
    text_len: int,
    link_len: int,
    site: str | None,
    lengths: dict[HtmlElement, tuple[int, int]],
) -> bool:
    """A paragraph that is all link: short, or several links to the site's own pages.

    Links to other sites cite: several of them are press coverage, one titled
    link with the story going on after it is the story's source.
    """
    count = _count_links(el)
    cites = bool(site) and _links_elsewhere(el, link_len, site or "")
    if text_len >= _TEASER_LENGTH and (count <= 1 or cites):
        return False
    return not (cites and count == 1 and prose_beside(el, body, following=True, lengths=lengths))


_FOLLOWING_TEXT = 80
#: Average length of a link's text in a list of cited pages (titles, not labels).
_CITED_TITLE = 20


def _count_links(el: HtmlElement) -> int:
    return sum(1 for _ in el.iter("a"))


def has_media(el: HtmlElement) -> bool:
    return next(el.iter("img", "picture", "video", "table"), None) is not None
