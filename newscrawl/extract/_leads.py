"""The lead (standfirst) of a story: the paragraphs between its headline and its body.

Themes set the standfirst in the article header, away from the body's
wrapper, yet it is the story's first paragraph; what else sits there (a
picture's caption, the site's tagline, a teaser for another story) is not.
The headline is the anchor: an ``h1``, or the heading that repeats the page's
headline when the theme sets it lower.
"""

from __future__ import annotations

from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    HEADING_TAGS,
    INVISIBLE_TAGS,
    attr_names,
    attr_words,
    collapse,
    content_share,
    is_ancestor,
    is_hidden,
    name_words,
    raw_attr_names,
    tag_of,
    text_of,
    visible_text,
)
from newscrawl.extract.boilerplate import boilerplate_kind, class_kind, is_off_article
from newscrawl.extract.titles import is_logo

__all__ = ["find_lead", "with_lead"]
#: A lead (standfirst) between headline and body: its class, length, link share.
_LEAD_WORDS = frozenset(
    "abstract bajada chapeau deck dek description entradilla excerpt intro introduction lead "
    "perex preface sapo "
    "standfirst strapline subtitle summary teaser vorspann".split()
)
_MIN_LEAD = 40
_LEAD_CONTENT = 0.7
_MAX_LEAD = 3
_CAPTION_WORDS = frozenset({"caption", "credit", "credits"})
#: A description of something other than the story: a picture's, or the site's tagline.
_MEDIA_WORDS = frozenset("figure gallery image img media photo picture site".split())
_LEAD_HEADINGS = frozenset({"h2", "h3", "h4"})
_MIN_HEADING_LEAD = 100
_BREADCRUMB_WORDS = frozenset({"breadcrumb", "breadcrumbs", "crumbs"})
#: Headings searched for the headline's text when no ``h1`` bounds a lead.
_MAX_HEADINGS = 30
_SENTENCE_ENDS = (".", "!", "?", "”", '"', "“", "«", "»")


def find_lead(root: HtmlElement, body: HtmlElement, headline: str | None) -> list[HtmlElement]:
    """The lead paragraphs set between the headline and ``body``.

    The headline is the last of the page's first few ``h1`` before the body:
    section names come first, a logo's ``h1`` is followed by the site's
    tagline rather than a lead, and a headline inside a breadcrumb or
    a ``banner`` still marks where the story begins. Those in menus, sidebars
    and footers mark nothing. Themes that keep ``h1`` for the logo or the
    footer set the headline in a lower heading, found by its text.
    """
    for h1 in reversed(list(islice(root.iter("h1"), 4))):
        if not is_logo(h1) and _marks_story(h1, body):
            lead = _between(h1, body)
            if lead:
                return lead
    heading = _headline_heading(root, headline) if headline else None
    if heading is not None and _marks_story(heading, body):
        return _between(heading, body)
    return []


def _marks_story(heading: HtmlElement, body: HtmlElement) -> bool:
    """Whether ``heading`` is shown before ``body`` and outside menus, sidebars and footers.

    A breadcrumb is a ``nav`` too, but themes set the headline as its last
    crumb (``li > h1``), the page itself and so not a link: that one is the story's.
    """
    navs = list(heading.iterancestors("nav"))
    return (
        _precedes(heading, body)
        and not heading.xpath("ancestor::aside or ancestor::footer")
        and (not navs or (all(map(_is_breadcrumb, navs)) and not heading.xpath("ancestor::a")))
        and not is_hidden(heading)
    )


def _is_breadcrumb(nav: HtmlElement) -> bool:
    return not _BREADCRUMB_WORDS.isdisjoint(attr_words(nav))


def _headline_heading(root: HtmlElement, headline: str) -> HtmlElement | None:
    """The first of the page's first few ``h2``-``h4`` that reads as ``headline``."""
    words = headline.split()
    for el in islice(root.iter("h2", "h3", "h4"), _MAX_HEADINGS):
        if visible_text(el).split() == words:
            return el
    return None


def _precedes(first: HtmlElement, second: HtmlElement) -> bool:
    """Whether ``first`` comes before ``second`` in document order, and outside it.

    Compares the two branches below their nearest common ancestor, so the cost
    is the depth of the tree rather than the length of the page between them.
    """
    branch: dict[HtmlElement, HtmlElement] = {}
    node: HtmlElement | None = second
    while node is not None:
        parent = node.getparent()
        if parent is not None:
            branch[parent] = node
        node = parent
    node = first
    while node is not None:
        parent = node.getparent()
        if parent is None:
            return False
        if parent in branch:
            other = branch[parent]
            return other is not node and parent.index(node) < parent.index(other)
        node = parent
    return False


def with_lead(lead: list[HtmlElement], body: HtmlElement) -> HtmlElement:
    """``body`` preceded by its lead paragraphs.

    Themes put the standfirst in the article header, away from the body
    wrapper, yet it is the story's first paragraph.
    """
    if not lead:
        return body
    wrapper = body.makeelement("div", {})
    seen = _shown_text(body)
    for el in lead:
        text = collapse(text_of(el))
        if text not in seen:  # the deck repeated as an abstract, or as the first paragraph
            wrapper.append(el)
            seen += " " + text
    wrapper.append(body)
    return wrapper


def _shown_text(el: HtmlElement) -> str:
    """The text of ``el`` but that of hidden copies (a print-only standfirst)."""
    parts = [el.text or ""]
    for child in el:
        if tag_of(child) and child.tag not in INVISIBLE_TAGS and not is_hidden(child):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return collapse(" ".join(parts))


def _between(h1: HtmlElement, body: HtmlElement) -> list[HtmlElement]:
    """Lead paragraphs after ``h1`` and before ``body`` in document order."""
    found: list[HtmlElement] = []
    node: HtmlElement | None = h1
    while node is not None and node.tag not in {"body", "html"}:
        for sibling in node.itersiblings():
            if sibling is body:
                return found[:_MAX_LEAD]
            if is_ancestor(sibling, body):
                return (found + _before(sibling, body))[:_MAX_LEAD]
            found.extend(_lead_paragraphs(sibling))
        node = node.getparent()
    return []


def _before(container: HtmlElement, body: HtmlElement) -> list[HtmlElement]:
    """Lead paragraphs inside ``container`` that come before ``body``.

    Themes often share one wrapper between the standfirst and the text
    (``div.article-body > div.lead + div.text``).
    """
    found: list[HtmlElement] = []
    for child in container:
        if child is body:
            break
        if is_ancestor(child, body):
            found.extend(_before(child, body))
            break
        found.extend(_lead_paragraphs(child))
    return found


def _lead_paragraphs(el: HtmlElement) -> list[HtmlElement]:
    """Lead paragraphs in ``el``, not looking into furniture (author boxes, flyouts)."""
    if not isinstance(el.tag, str) or el.tag in INVISIBLE_TAGS or _describes_media(el):
        return []
    if _is_lead(el):
        return [el]
    if boilerplate_kind(el) is not None or el.tag == "p":
        return []
    return [p for child in el for p in _lead_paragraphs(child)]


def _describes_media(el: HtmlElement) -> bool:
    """A block named as a picture's description (``div.img_description``), a caption, or
    as the site's (``h2.site-description``), the tagline under the logo.

    Both words must be in one name: ``div.lead.lead--has-image`` is a standfirst.
    """
    for name in raw_attr_names(el):
        words = name_words(name)
        if not _MEDIA_WORDS.isdisjoint(words) and not _LEAD_WORDS.isdisjoint(words):
            return True
    return False


def _is_lead(el: HtmlElement) -> bool:
    """A paragraph, or a block named like a standfirst that is not a story teaser.

    A block with headings inside, or an ``article``, is a teaser card
    (``article.teaser``) for another story, whatever its class says; one
    that credits a photographer (``span.credit``) is an image's caption.
    """
    tag = tag_of(el)
    if tag in _LEAD_HEADINGS and _is_sentence_heading(el):
        tag = "p"
    elif tag != "p" and (
        _LEAD_WORDS.isdisjoint(attr_words(el))
        or tag in {"article", "section"}
        or next(el.iterdescendants(*HEADING_TAGS), None) is not None
    ):
        return False
    if el.xpath("ancestor-or-self::figure or ancestor-or-self::figcaption") or any(
        _is_caption(part) for part in el.iter(etree.Element)
    ):
        return False
    text = text_of(el).strip()
    return (
        len(text) >= _MIN_LEAD
        and not _is_fine_print(el, text)
        and content_share(el) >= _LEAD_CONTENT
        and class_kind(el) is None
        and not is_off_article(el)
    )


def _is_caption(el: HtmlElement) -> bool:
    """Named as a caption or credit, also run into one word (``p.news-single-imgcaption``)."""
    return not _CAPTION_WORDS.isdisjoint(attr_words(el)) or any(
        "caption" in name for name in attr_names(el)
    )


def _is_fine_print(el: HtmlElement, text: str) -> bool:
    """Text set all in ``small``: a caption or credit under a picture (``p > small``)."""
    small = "".join(text_of(part) for part in el.iter("small"))
    return len(collapse(small)) >= len(collapse(text))


def _is_sentence_heading(el: HtmlElement) -> bool:
    """A heading that is a whole sentence or two: editors set the lead in a bold ``h2``/``h3``.

    A subheading the theme sets in the article header (``header > h2``,
    ``h2.sub-head``) is the headline's dek, which is not the story's text.
    """
    text = collapse(text_of(el))
    return (
        len(text) >= _MIN_HEADING_LEAD
        and text.endswith(_SENTENCE_ENDS)
        and not any(word.startswith("sub") for word in attr_words(el))
        and not el.xpath("ancestor::header")
    )
