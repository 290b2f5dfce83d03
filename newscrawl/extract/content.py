"""Find the element that holds the article's text.

Paragraph density, as readability showed: every paragraph scores its parent
and grandparent, furniture subtrees are skipped, and the winner is weighed
by its link density and by what its class says. Siblings that carry more of
the story (themes that split the text over several wrappers) join it.
"""

from __future__ import annotations

from itertools import islice

from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    HEADING_TAGS,
    INVISIBLE_TAGS,
    attr_names,
    attr_words,
    collapse,
    is_hidden,
    tag_of,
    text_and_link_length,
    text_of,
)
from newscrawl.extract.boilerplate import (
    NEVER_WRAPS_STORY,
    boilerplate_kind,
    class_kind,
    holds_story,
    is_off_article,
)

_POSITIVE_WORDS = frozenset(
    "article articlebody blog body column content detail entry main news page post prose "
    "richtext single story text".split()
)
_PARAGRAPH_TAGS = frozenset("blockquote p pre".split())
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em font i ins kbd mark q s samp small "
    "span strong sub sup time u var wbr".split()
)
_MIN_PARAGRAPH = 25
#: Candidates weighed by link density and class (readability keeps five).
_TOP = 8
#: A candidate scoring this share of the best one is an alternative to it...
_ALTERNATIVE = 0.75
#: ... and this many alternatives under one ancestor make that ancestor the article.
_MIN_ALTERNATIVES = 2
#: A wrapper shaped like the best one joins it when it scores this much...
_MIN_SAME_SHAPE = 5.0
#: ... and their common ancestor is at most this many levels up.
_MAX_CLIMB = 4
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
_LEAD_HEADINGS = frozenset({"h2", "h3", "h4"})
_MIN_HEADING_LEAD = 100
_SENTENCE_ENDS = (".", "!", "?", "”", '"', "“", "«", "»")


def find_body(root: HtmlElement) -> HtmlElement | None:
    """The element that holds the article's paragraphs, or ``None`` if there is none.

    When the story's paragraphs are split over sibling wrappers, or a lead
    paragraph sits between headline and body, the result is a new ``div``
    holding them, moved out of the page's tree.
    """
    scores = _score_paragraph_parents(root)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:_TOP]
    weighted = _weighted(ranked)
    best, best_score = weighted[0]
    if best_score <= 0:
        return None
    alternatives = [el for el, s in weighted[1:] if s >= _ALTERNATIVE * best_score]
    best = _common_ancestor(best, alternatives, _MIN_ALTERNATIVES)
    best = _common_ancestor(best, _same_shape(best, scores), 1)
    lead = _lead(root, best)
    body = _with_siblings(best, best_score, scores)
    return _with_lead([el for el in lead if not _is_ancestor(body, el)], body)


def _weighted(ranked: list[tuple[HtmlElement, float]]) -> list[tuple[HtmlElement, float]]:
    """The candidates' scores weighed by link density and class, best first.

    One whose score, weighed by its class alone, is under an alternative's share
    of the best so far is left out: a link share (at most 1) cannot make it the
    best or an alternative, and measuring it walks the candidate's whole subtree.
    """
    weighted: list[tuple[HtmlElement, float]] = []
    best = 0.0
    for el, score in ranked:
        weight = _class_weight(el)
        if score * weight < _ALTERNATIVE * best:
            continue
        weighted.append((el, score * _content_share(el) * weight))
        best = max(best, weighted[-1][1])
    weighted.sort(key=lambda kv: kv[1], reverse=True)
    return weighted


def _lead(root: HtmlElement, body: HtmlElement) -> list[HtmlElement]:
    """The lead paragraphs set between the headline and ``body``.

    The headline is the last of the page's first few ``h1`` before the body:
    logos and section names come first, and a headline inside a breadcrumb or
    a ``banner`` still marks where the story begins. Those in menus, sidebars
    and footers mark nothing.
    """
    for h1 in reversed(list(islice(root.iter("h1"), 4))):
        if (
            not _precedes(h1, body)
            or h1.xpath("ancestor::nav or ancestor::aside or ancestor::footer")
            or is_hidden(h1)
        ):
            continue
        lead = _between(h1, body)
        if lead:
            return lead
    return []


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


def _with_lead(lead: list[HtmlElement], body: HtmlElement) -> HtmlElement:
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
        if tag_of(child) and tag_of(child) not in INVISIBLE_TAGS and not is_hidden(child):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return collapse(" ".join(parts))


def _between(h1: HtmlElement, body: HtmlElement) -> list[HtmlElement]:
    """Lead paragraphs after ``h1`` and before ``body`` in document order."""
    found: list[HtmlElement] = []
    node: HtmlElement | None = h1
    while node is not None and tag_of(node) not in {"body", "html"}:
        for sibling in node.itersiblings():
            if sibling is body:
                return found[:_MAX_LEAD]
            if _is_ancestor(sibling, body):
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
        if _is_ancestor(child, body):
            found.extend(_before(child, body))
            break
        found.extend(_lead_paragraphs(child))
    return found


def _lead_paragraphs(el: HtmlElement) -> list[HtmlElement]:
    """Lead paragraphs in ``el``, not looking into furniture (author boxes, flyouts)."""
    if not isinstance(el.tag, str) or tag_of(el) in INVISIBLE_TAGS:
        return []
    if _is_lead(el):
        return [el]
    if boilerplate_kind(el) is not None or tag_of(el) == "p":
        return []
    return [p for child in el for p in _lead_paragraphs(child)]


def _is_lead(el: HtmlElement) -> bool:
    """A paragraph, or a block named like a standfirst that is not a story teaser.

    A block with headings inside, or an ``article``, is a teaser card
    (``article.teaser``) for another story, whatever its class says.
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
    if el.xpath("ancestor-or-self::figure or ancestor-or-self::figcaption") or not (
        _CAPTION_WORDS.isdisjoint(attr_words(el))
    ):
        return False
    text = text_of(el).strip()
    return (
        len(text) >= _MIN_LEAD
        and _content_share(el) >= _LEAD_CONTENT
        and class_kind(el) is None
        and not is_off_article(el)
    )


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


def _same_shape(best: HtmlElement, scores: dict[HtmlElement, float]) -> list[HtmlElement]:
    """Other paragraph holders built like ``best``: the same story cut into wrappers."""
    shape = (best.tag, best.get("class"))
    return [
        el
        for el, score in scores.items()
        if el is not best and score >= _MIN_SAME_SHAPE and (el.tag, el.get("class")) == shape
    ]


def _content_share(el: HtmlElement) -> float:
    """The part of the element's text that is not link text."""
    text_len, link_len = text_and_link_length(el)
    return 1 - link_len / max(text_len, 1)


def _common_ancestor(
    best: HtmlElement, alternatives: list[HtmlElement], needed: int
) -> HtmlElement:
    """Move up to the ancestor of ``best`` that also holds most strong alternatives.

    Sites that wrap every few paragraphs in a column of their own (the
    ``StoryBodyCompanionColumn`` pattern) score each wrapper alike.
    """
    if len(alternatives) < needed:
        return best
    node = best.getparent()
    for _ in range(_MAX_CLIMB):
        if node is None or tag_of(node) in {"body", "html"}:
            break
        inside = sum(1 for alt in alternatives if _is_ancestor(node, alt))
        if inside >= needed:
            return node
        node = node.getparent()
    return best


def _is_ancestor(node: HtmlElement, el: HtmlElement) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is node:
            return True
        parent = parent.getparent()
    return False


def _with_siblings(
    best: HtmlElement, best_score: float, scores: dict[HtmlElement, float]
) -> HtmlElement:
    """``best`` plus the siblings that continue the story, as readability joins them."""
    parent = best.getparent()
    if parent is None:
        return best
    threshold = max(10.0, best_score * 0.2)
    joined = []
    for sibling in parent:
        if sibling is best or (
            isinstance(sibling.tag, str) and _continues_story(sibling, scores, threshold)
        ):
            joined.append(sibling)
    if len(joined) == 1:
        return best
    wrapper = parent.makeelement("div", {})
    for el in joined:
        wrapper.append(el)
    return wrapper


def _continues_story(el: HtmlElement, scores: dict[HtmlElement, float], threshold: float) -> bool:
    if boilerplate_kind(el) is not None:
        return False
    if scores.get(el, 0.0) * _content_share(el) >= threshold:
        return True
    if tag_of(el) != "p":
        return False
    text = text_of(el).strip()
    share = _content_share(el)
    return (len(text) >= 80 and share > 0.75) or (
        0 < len(text) < 80 and share == 1 and text.endswith((".", "!", "?", "”", '"'))
    )


def _score_paragraph_parents(root: HtmlElement) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    stack: list[HtmlElement] = [root]
    while stack:
        el = stack.pop()
        tag = tag_of(el)
        if not tag or tag in INVISIBLE_TAGS:
            continue
        if tag not in {"html", "body"} and _is_furniture(el):
            continue
        if tag in _PARAGRAPH_TAGS:
            text = text_of(el)
            _credit(el, len(text.strip()), text.count(","), scores)
            continue
        if tag in {"div", "td", "section", "article"}:
            direct = _direct_text(el)
            if len(direct) >= _MIN_PARAGRAPH:
                _credit_self(el, direct, scores)
        stack.extend(el)
    return scores


def _is_furniture(el: HtmlElement) -> bool:
    """Skip furniture while scoring, unless it wraps the story (``div.header-style-2``)."""
    kind = boilerplate_kind(el)
    if kind is None:
        return False
    if tag_of(el) in INVISIBLE_TAGS or kind in NEVER_WRAPS_STORY:
        return True
    return not _has_positive_word(el) and not holds_story(el, plain_text=True)


def _has_positive_word(el: HtmlElement) -> bool:
    return any(
        w in _POSITIVE_WORDS for name in attr_names(el) for w in name.replace("_", "-").split("-")
    )


def _credit(el: HtmlElement, length: int, commas: int, scores: dict[HtmlElement, float]) -> None:
    if length < _MIN_PARAGRAPH:
        return
    score = 1 + commas + min(length / 100, 3)
    parent = el.getparent()
    if parent is None:
        return
    scores[parent] = scores.get(parent, 0.0) + score
    grandparent = parent.getparent()
    if grandparent is not None:
        scores[grandparent] = scores.get(grandparent, 0.0) + score / 2


def _credit_self(el: HtmlElement, text: str, scores: dict[HtmlElement, float]) -> None:
    """Text written straight into a container (``<br>``-separated) counts for it."""
    score = 1 + text.count(",") + min(len(text) / 100, 3)
    scores[el] = scores.get(el, 0.0) + score
    parent = el.getparent()
    if parent is not None:
        scores[parent] = scores.get(parent, 0.0) + score / 2


def _direct_text(el: HtmlElement) -> str:
    parts = [el.text or ""]
    for child in el:
        if tag_of(child) in _INLINE_TAGS:
            parts.append(text_of(child))
        if child.tail:
            parts.append(child.tail)
    return " ".join(" ".join(parts).split())


def _class_weight(el: HtmlElement) -> float:
    if el.get("itemprop") == "articleBody":
        return 1.5
    if class_kind(el) is not None:
        return 0.5
    if _has_positive_word(el):
        return 1.25
    return 1.0
