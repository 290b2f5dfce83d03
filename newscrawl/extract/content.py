"""Find the element that holds the article's text.

Paragraph density, as readability showed: every paragraph scores its parent
and grandparent, furniture subtrees are skipped, and the winner is weighed
by its link density and by what its class says. Siblings that carry more of
the story (themes that split the text over several wrappers) join it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newscrawl.extract._dom import INVISIBLE_TAGS, attr_names, tag_of, text_and_link_length
from newscrawl.extract.boilerplate import boilerplate_kind

_POSITIVE_WORDS = frozenset(
    {"article", "articlebody", "body", "content", "entry", "main", "post", "story", "text",
     "blog", "prose", "richtext", "single", "page", "column", "news", "detail"}
)
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote"})
_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i",
     "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
     "var", "wbr", "del", "ins"}
)
_MIN_PARAGRAPH = 25


def find_body(root: HtmlElement) -> HtmlElement | None:
    """The element that holds the article's paragraphs, or ``None`` if there is none."""
    scores = _score_paragraph_parents(root)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:8]
    best, best_score = None, 0.0
    for el, score in ranked:
        text_len, link_len = text_and_link_length(el)
        weighted = score * (1 - link_len / max(text_len, 1)) * _class_weight(el)
        if weighted > best_score:
            best, best_score = el, weighted
    return best


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
            _credit(el, len(el.text_content().strip()), el.text_content().count(","), scores)
            continue
        if tag in {"div", "td", "section", "article"}:
            direct = _direct_text(el)
            if len(direct) >= _MIN_PARAGRAPH:
                _credit_self(el, direct, scores)
        stack.extend(el)
    return scores


def _is_furniture(el: HtmlElement) -> bool:
    if boilerplate_kind(el) is None:
        return False
    if tag_of(el) in {"header", "footer", "aside", "nav", "form"} | INVISIBLE_TAGS:
        return True
    return not any(
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
            parts.append(child.text_content())
        if child.tail:
            parts.append(child.tail)
    return " ".join(" ".join(parts).split())


def _class_weight(el: HtmlElement) -> float:
    if el.get("itemprop") == "articleBody":
        return 1.5
    names = attr_names(el)
    if any(
        w in _POSITIVE_WORDS for name in names for w in name.replace("_", "-").split("-")
    ):
        return 1.25
    return 1.0
