"""Take the furniture out of the article container, in place.

Four passes, each on what the one before left: blocks that their tag or
class names as furniture (unless they hold the story), then blocks known by
their shape (:mod:`~newscrawl.extract._shapes`: link lists, teaser cards,
labels), then share buttons left alone by their link, then what is left
dangling at the end of the story (:mod:`~newscrawl.extract._tail`: orphaned
headings, appeals, back links).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newscrawl.extract._dom import collapse, drop, is_hidden, text_and_link_length, text_of
from newscrawl.extract._shapes import prose_beside, strip_by_shape
from newscrawl.extract._tail import trim_trailing_furniture
from newscrawl.extract.boilerplate import (
    BOILERPLATE_CLASSES,
    BOILERPLATE_TAGS,
    NEVER_WRAPS_STORY,
    SHARE_HREF,
    STORY_LINKS,
    boilerplate_kind,
    holds_story,
    names_kind,
)
from newscrawl.extract.rules import on

__all__ = ["Cleaning", "clean_body"]


@dataclass
class Cleaning:
    """What :func:`clean_body` removed, by kind, for the crawl's stats."""

    removed: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.removed[kind] = self.removed.get(kind, 0) + 1


def clean_body(
    body: HtmlElement, *, headline: str | None = None, url: str | None = None
) -> Cleaning:
    """Remove furniture from the article container ``body``, in place.

    The container itself is kept whatever its classes say: it was chosen as
    the article, and WordPress decorates articles with words like ``post-meta``.
    ``url`` is the page's address: links to other sites tell sources from teasers.
    """
    cleaning = Cleaning()
    if on("clean.blocks"):
        _strip_blocks(body, cleaning)
    strip_by_shape(body, headline, url, cleaning)
    if on("clean.share_links"):
        _strip_share_links(body, cleaning)
    trim_trailing_furniture(body, cleaning)
    return cleaning


def _strip_share_links(body: HtmlElement, cleaning: Cleaning) -> None:
    """Share buttons left over once share bars are gone: a lone "Share on WhatsApp".

    Run after the shape rules, which take a whole bar away when it is mostly
    links; removing its links first would leave a bar too short to judge.
    """
    for link in list(body.iter("a")):
        if SHARE_HREF.search(link.get("href") or ""):
            cleaning.count("share")
            drop(link)


def _strip_blocks(body: HtmlElement, cleaning: Cleaning) -> None:
    stack = list(body)
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            drop(el)
            continue
        kind = boilerplate_kind(el)
        if (
            kind
            and not _in_sentence(el, kind)
            and (kind in NEVER_WRAPS_STORY or not holds_story(el))
            and not (kind == "widget" and _set_in_story(el, body))
            and not _holds_most_text(el, kind, body)
            and not _swallowed_text(el, kind)
            and not (kind == "hidden" and _slide_of_a_show(el))
        ):
            cleaning.count(kind)
            drop(el)
            continue
        stack.extend(el)


def _slide_of_a_show(el: HtmlElement) -> bool:
    """A hidden block beside a shown twin of the same class: a slide waiting its turn.

    Galleries and paginated lists show one section at a time and hide the
    others (``div.gallery-section.hidden`` next to ``div.gallery-section``);
    the hidden ones are the rest of the story, not text kept from readers.
    """
    shown_as = _shown_classes(el)
    if not shown_as or names_kind(" ".join(shown_as), "", False) is not None:
        return False
    return any(
        sibling.tag == el.tag
        and _shown_classes(sibling) == shown_as
        and not is_hidden(sibling)
        and len(shown_as) == len((sibling.get("class") or "").split())
        for sibling in (*el.itersiblings(preceding=True), *el.itersiblings())
    )


def _shown_classes(el: HtmlElement) -> list[str]:
    """The element's classes but those that hide it."""
    return [
        name
        for name in (el.get("class") or "").split()
        if BOILERPLATE_CLASSES.get(name.lower()) != "hidden"
    ]


def _holds_most_text(el: HtmlElement, kind: str, body: HtmlElement) -> bool:
    """Whether ``el`` holds two thirds of the container's text, little of it in links.

    The container was chosen for its text: a block named ``author_guidelines``
    or ``post-meta`` that carries most of it is the page's content, whatever
    its class says, even when it is not made of long paragraphs. The container is
    measured as it is now, without the furniture already taken out of it (Blogger's
    ``div.widget.Blog`` beside a longer sidebar).
    """
    if kind in NEVER_WRAPS_STORY or kind in {"hidden", "invisible"}:
        return False
    if el.tag in BOILERPLATE_TAGS or len(text_of(el)) < _MOST_TEXT:
        return False
    text_len, link_len = text_and_link_length(el)
    if text_len < _MOST_TEXT or link_len > STORY_LINKS * text_len:
        return False
    return 3 * text_len >= 2 * text_and_link_length(body)[0]


def _swallowed_text(el: HtmlElement, kind: str) -> bool:
    """An inline element named as furniture that holds paragraphs of prose: left open.

    Bylines, labels and tags set in a ``<span>`` are a line long; Blogger's
    ``<span class="byline-author">`` left unclosed takes in the post after it,
    and the parser makes that text the span's. Its furniture is judged inside.
    """
    if el.tag not in _INLINE_TAGS or kind in {"hidden", "invisible"}:
        return False
    if len(text_of(el)) < _SWALLOWED_TEXT:
        return False
    text_len, link_len = text_and_link_length(el)
    return text_len >= _SWALLOWED_TEXT and link_len <= STORY_LINKS * text_len


#: Longer than any byline or label: prose that an inline element was left open over.
_SWALLOWED_TEXT = 200
#: Text enough for a block to be the content, not an author's bio beside a brief.
_MOST_TEXT = 500


def _set_in_story(el: HtmlElement, body: HtmlElement) -> bool:
    """A widget of prose with the story's text before and after it: a quote, a tweet, a box.

    Sidebars are built of widgets, but they flank the story; a component
    between two of its paragraphs is something the story shows. Lists of
    links there (related stories) stay furniture.
    """
    text_len, link_len = text_and_link_length(el)
    if not text_len or link_len > STORY_LINKS * text_len:
        return False
    return prose_beside(el, body, following=False) and prose_beside(el, body, following=True)


def _in_sentence(el: HtmlElement, kind: str) -> bool:
    """A few words the sentence runs on after: class words name their markup, not a block.

    Tag clouds link terms inside sentences (``a.auto-tag``, ``a.tag-link``),
    glossaries wrap them (``span.tooltip``) and papers set the place a story
    is filed from in ``span.dateline``: removing them leaves holes in the text.
    Hidden words (``screen-reader-text``) stay furniture.
    """
    if el.tag not in _INLINE_TAGS or kind in {"hidden", "invisible"}:
        return False
    if not (el.tail and el.tail.strip()):
        return False
    if any(name.lower() in BOILERPLATE_CLASSES for name in (el.get("class") or "").split()):
        return False
    own = len(collapse(text_of(el)))
    parent = el.getparent()
    return (
        0 < own <= _SENTENCE_WORDS
        and parent is not None
        and len(collapse(text_of(parent))) >= own + _SENTENCE_AROUND
    )


_INLINE_TAGS = frozenset("a abbr b cite em font i mark q small span strong u".split())
#: Words in a sentence: at most this long, with this much of the sentence around them.
_SENTENCE_WORDS = 80
_SENTENCE_AROUND = 40
