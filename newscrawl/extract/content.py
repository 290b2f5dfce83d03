"""Find the element that holds the article's text.

Paragraph density, as readability showed: every paragraph scores its parent
and grandparent, furniture subtrees are skipped, and the winner is weighed
by its link density and by what its class says. Siblings that carry more of
the story (themes that split the text over several wrappers) join it, and
so do the other blocks of a page builder that cut the story into rows. The
lead paragraphs above it are :mod:`~newscrawl.extract._leads`' to find.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    INVISIBLE_TAGS,
    attr_names,
    content_share,
    is_ancestor,
    tag_of,
    text_and_link_length,
    text_of,
)
from newscrawl.extract._leads import find_lead, with_lead
from newscrawl.extract.boilerplate import (
    NEVER_WRAPS_STORY,
    boilerplate_kind,
    class_kind,
    holds_story,
)
from newscrawl.extract.rules import on

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
#: A list item of a sentence or more counts as half a paragraph (wikis, how-tos
#: and release notes write in lists), unless it holds blocks or is mostly links.
_MIN_ITEM = 80
_ITEM_WEIGHT = 0.5
_ITEM_CONTENT = 0.8
_ITEM_BLOCKS = frozenset(
    "article blockquote button div dl figure form h1 h2 h3 h4 h5 h6 input ol p pre section select "
    "table textarea ul".split()
)
#: Candidates weighed by link density and class (readability keeps five).
_TOP = 8
#: A candidate scoring this share of the best one is an alternative to it...
_ALTERNATIVE = 0.75
#: ... and this many alternatives under one ancestor make that ancestor the article.
_MIN_ALTERNATIVES = 2
#: A wrapper shaped like the best one joins it when it scores this much...
_MIN_SAME_SHAPE = 5.0
#: ... and their common ancestor is at most this many levels up; alternatives
#: (strong on their own) may be a level further apart: a table per section,
#: each in a box of its own (``div > table > tbody > tr > td``).
_MAX_CLIMB = 4
#: How far above the best candidate a near-best one that holds it may sit.
_MAX_ENCLOSING_CLIMB = 6
_MAX_ALTERNATIVE_CLIMB = 5
#: A wrapper up to this many levels above the best one takes its place when
#: the text written straight into it is this share of the best one's.
_MAX_LOOSE_CLIMB = 2
_LOOSE_TEXT = 0.5
#: A sibling of the body with a paragraph's score and (next to) no links joins it.
_MIN_PLAIN_SIBLING = 5.0
_PLAIN = 0.99
#: A story cut into page-builder blocks: how far up their wrapper may sit, ...
_MAX_BLOCK_CLIMB = 6
#: ... how much the blocks alike must add to the story so far, and how much others may ...
_MIN_BLOCK_GAIN = 0.2
_MAX_OTHER_BLOCKS = 0.1
#: ... and the share of a block's text outside links.
_MIN_BLOCK_CONTENT = 0.8
#: A scored paragraph (or ``<br>``-separated container) and its score.
Paragraph = tuple[HtmlElement, float]


def find_body(root: HtmlElement, headline: str | None = None) -> HtmlElement | None:
    """The element that holds the article's paragraphs, or ``None`` if there is none.

    When the story's paragraphs are split over sibling wrappers, or a lead
    paragraph sits between headline and body, the result is a new ``div``
    holding them, moved out of the page's tree. ``headline`` (the page's
    headline text) finds the lead under a headline set in ``h2``-``h4``.
    """
    paragraphs: list[Paragraph] = []
    scores = _score_paragraph_parents([root], paragraphs)
    if not scores and on("body.noscript"):
        # Pages built by scripts may keep their whole text for readers without them.
        scores = _score_paragraph_parents(
            [child for noscript in root.iter("noscript") for child in noscript], paragraphs
        )
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:_TOP]
    weighted = _weighted(ranked)
    best, best_score = weighted[0]
    if best_score <= 0:
        return None
    alternatives = [el for el, s in weighted[1:] if s >= _ALTERNATIVE * best_score]
    if on("body.enclosing"):
        best = _enclosing(best, alternatives)
    if on("body.alternatives"):
        best = _common_ancestor(best, alternatives, _MIN_ALTERNATIVES, _MAX_ALTERNATIVE_CLIMB)
    if on("body.same_shape"):
        best = _common_ancestor(best, _same_shape(best, scores), 1, _MAX_CLIMB)
    if on("body.builder"):
        best = _builder_ancestor(best, paragraphs)
    if on("body.loose_text"):
        best = _loose_text_parent(best)
    lead = find_lead(root, best, headline) if on("body.lead") else []
    body = _with_siblings(best, best_score, scores) if on("body.siblings") else best
    return with_lead([el for el in lead if not is_ancestor(body, el)], body)


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
        weighted.append((el, score * content_share(el) * weight))
        best = max(best, weighted[-1][1])
    weighted.sort(key=lambda kv: kv[1], reverse=True)
    return weighted


def _same_shape(best: HtmlElement, scores: dict[HtmlElement, float]) -> list[HtmlElement]:
    """Other paragraph holders built like ``best``: the same story cut into wrappers."""
    shape = (best.tag, best.get("class"))
    return [
        el
        for el, score in scores.items()
        if el is not best and score >= _MIN_SAME_SHAPE and (el.tag, el.get("class")) == shape
    ]


def _enclosing(best: HtmlElement, alternatives: list[HtmlElement]) -> HtmlElement:
    """A near-best candidate a few levels above ``best``: the story's own paragraphs
    around a block that scores on its own (a gallery's captions, a list of steps).

    A parent scores from its own paragraphs only, so one scoring nearly as much as a
    block inside it is a story with that block in it, not a wrapper of the block.
    """
    if best.tag not in {"ul", "ol"}:
        return best
    node = best.getparent()
    for _ in range(_MAX_ENCLOSING_CLIMB):
        if node is None or node.tag in {"body", "html"}:
            break
        if node in alternatives:
            return node
        node = node.getparent()
    return best


def _common_ancestor(
    best: HtmlElement, alternatives: list[HtmlElement], needed: int, climb: int
) -> HtmlElement:
    """Move up to the ancestor of ``best`` that also holds most strong alternatives.

    Sites that wrap every few paragraphs in a column of their own (the
    ``StoryBodyCompanionColumn`` pattern) score each wrapper alike.
    """
    if len(alternatives) < needed:
        return best
    node = best.getparent()
    for _ in range(climb):
        if node is None or node.tag in {"body", "html"}:
            break
        inside = sum(1 for alt in alternatives if is_ancestor(node, alt))
        if inside >= needed:
            return node
        node = node.getparent()
    return best


def _builder_ancestor(best: HtmlElement, paragraphs: list[Paragraph]) -> HtmlElement:
    """Move up to the wrapper of the page-builder blocks that ``best`` is one of.

    Page builders cut one story into blocks of one make, several levels above
    the paragraphs (``vc_row``, ``et_pb_section``, ``article.contentElement``):
    only one of them wins, and its siblings are too far up for their
    paragraphs to score it; a how-to told in steps (``div.mod.step``) is built
    the same way, each step a short paragraph or two. Climbing stops at the first
    level where blocks of another make carry paragraphs (a sidebar), counted by
    their text outside links: a block of related links beside the steps weighs
    little. A block of the same make with more paragraphs than the story so far
    is a list of other stories, and one mostly made of links is a teaser grid.
    """
    chain = [best]
    node = best.getparent()
    while node is not None and node.tag not in {"body", "html"} and len(chain) <= _MAX_BLOCK_CLIMB:
        chain.append(node)
        node = node.getparent()
    if len(chain) == 1:
        return best
    block_mass = _block_mass(chain, paragraphs)
    chosen = 0
    story = block_mass.get(best, 0.0)
    for level in range(1, len(chain)):
        make = _make(chain[level - 1])
        alike = 0.0
        other = 0.0
        for block in chain[level]:
            if block is chain[level - 1]:
                continue
            mass = block_mass.get(block, 0.0)
            if not mass:
                continue
            if (
                make is not None
                and _make(block) == make
                and mass <= story
                and boilerplate_kind(block) is None
                and content_share(block) >= _MIN_BLOCK_CONTENT
            ):
                alike += mass
            else:
                other += mass * content_share(block)
        if other > _MAX_OTHER_BLOCKS * (story + alike):
            break
        if alike >= _MIN_BLOCK_GAIN * story:
            chosen = level
        story += alike + other
    return chain[chosen]


def _block_mass(chain: list[HtmlElement], paragraphs: list[Paragraph]) -> dict[HtmlElement, float]:
    """Paragraph scores summed by the child of a ``chain`` element they sit in.

    ``chain[0]`` (the best candidate) sums its own. Each paragraph walks up
    until it meets a node already placed, so the cost is the size of the tree
    between the paragraphs and the chain, not their depth times their number.
    """
    level = {el: i for i, el in enumerate(chain)}
    placed: dict[HtmlElement, HtmlElement | None] = {}
    mass: dict[HtmlElement, float] = {}
    for el, score in paragraphs:
        path = []
        node: HtmlElement | None = el
        while node is not None and node not in level and node not in placed:
            path.append(node)
            node = node.getparent()
        if node is None:
            block = None
        elif node in placed:
            block = placed[node]
        elif level[node] == 0:
            block = node
        else:
            block = path[-1] if path else None
        for visited in path:
            placed[visited] = block
        if block is not None:
            mass[block] = mass.get(block, 0.0) + score
    return mass


def _make(el: HtmlElement) -> tuple[str, str] | None:
    """What a page builder calls a block: its tag and first class (``vc_row``, ``et_pb_row``)."""
    classes = (el.get("class") or "").split()
    return (tag_of(el), classes[0]) if classes else None


def _loose_text_parent(best: HtmlElement) -> HtmlElement:
    """The wrapper a level or two up that holds as much text of its own as ``best`` holds.

    Blogger and hand-written pages type the story straight into the post's
    ``div``, ``<br>`` by ``<br>``, with a pasted part in nested ``div``s that
    outscores it.
    """
    needed = max(_MIN_PARAGRAPH, _LOOSE_TEXT * len(text_of(best).strip()))
    node = best
    for _ in range(_MAX_LOOSE_CLIMB):
        parent = node.getparent()
        if parent is None or parent.tag in {"body", "html"}:
            break
        if len(_direct_text(parent)) >= needed and boilerplate_kind(parent) is None:
            return parent
        node = parent
    return best


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
    """A sibling that scores near the best one, or holds a paragraph or more and no links.

    Intros, standfirsts and fact boxes (``div.intro``, ``div.facts``)
    sit beside the text in wrappers of their own and score far below it; a
    block of plain text next to the story is part of it, while related links,
    teasers and share bars always carry links.
    """
    if boilerplate_kind(el) is not None:
        return False
    score = scores.get(el, 0.0)
    share = content_share(el) if score else 0.0
    if score * share >= threshold or (score >= _MIN_PLAIN_SIBLING and share >= _PLAIN):
        return True
    if el.tag != "p":
        return on("body.list_sections") and _is_list_section(el)
    text = text_of(el).strip()
    share = content_share(el)
    return (len(text) >= 80 and share > 0.75) or (
        0 < len(text) < 80 and share == 1 and text.endswith((".", "!", "?", "”", '"'))
    )


def _is_list_section(el: HtmlElement) -> bool:
    """A heading and the list under it, with no links: a section of a story told in lists
    (a winners list), wrapped in a block of its own. Lists of related links carry links."""
    heading = next(el.iter("h2", "h3", "h4"), None)
    if heading is None or next(heading.itersiblings("ul", "ol"), None) is None:
        return False
    return len(text_of(el).strip()) >= _MIN_LIST_SECTION and content_share(el) >= _PLAIN


_MIN_LIST_SECTION = 20


def _score_paragraph_parents(
    roots: list[HtmlElement], paragraphs: list[Paragraph]
) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    stack: list[HtmlElement] = list(roots)
    #: Furniture holding a story's worth of text, set aside until the walk has seen the page.
    held: list[HtmlElement] = []
    cleared: set[HtmlElement] = set()
    marked: list[HtmlElement] = []  # the post bodies the page marks, met on the way
    while stack or held:
        if not stack:
            stack = [el for el in held if not _marked_elsewhere(el, marked)]
            held.clear()
            cleared.update(stack)
            continue
        el = stack.pop()
        tag = el.tag
        if type(tag) is not str or tag in INVISIBLE_TAGS:  # tag_of, inlined: a hot loop
            continue
        names = el.get("class")
        if tag not in {"html", "body"} and el not in cleared:
            furniture = _is_furniture(el)
            if furniture is _HOLDS_STORY:
                held.append(el)
                continue
            if furniture or (names and "collapse" in names and _is_collapsed(el)):
                continue
        if (
            names
            and ("entry-content" in names or "post-body" in names)
            and not _POST_BODY_CLASSES.isdisjoint(names.split())
        ) or (tag in _POST_BODY_TAGS and el.get("itemprop") == "articleBody"):
            marked.append(el)
        if tag in _PARAGRAPH_TAGS:
            text = text_of(el)
            _credit(el, len(text.strip()), text.count(","), scores, paragraphs)
            continue
        if tag == "li":
            text = text_of(el).strip()
            if _is_sentence_item(el, text):
                _credit(el, len(text), text.count(","), scores, paragraphs, _ITEM_WEIGHT)
                continue
        if tag in {"div", "td", "section", "article"}:
            direct = _direct_text(el)
            if len(direct) >= _MIN_PARAGRAPH:
                _credit_self(el, direct, scores, paragraphs)
        stack.extend(el)
    return scores


#: :func:`_is_furniture`'s answer for furniture holding a story's worth of text.
_HOLDS_STORY = "holds a story"


def _is_furniture(el: HtmlElement) -> bool | str:
    """Skip furniture while scoring, unless it wraps the story (``div.header-style-2``):
    one that holds a story's worth of text is :data:`_HOLDS_STORY`, for the walk to
    judge once it has seen the page (:func:`_marked_elsewhere`)."""
    kind = boilerplate_kind(el)
    if kind is None:
        return False
    if el.tag in INVISIBLE_TAGS or kind in NEVER_WRAPS_STORY:
        return True
    if el.tag == "form" and on("body.page_form") and _is_page_form(el):
        return False
    if kind == "byline" and on("body.dated_wrapper") and _HOLDS_POST_BODY(el):
        return False
    if _has_positive_word(el):
        return False
    return _HOLDS_STORY if holds_story(el, plain_text=True) else True


def _marked_elsewhere(el: HtmlElement, marked: list[HtmlElement]) -> bool:
    """Whether furniture holding a story's worth of text is no story after all: the page
    marks its post body (``entry-content``, ``post-body``, ``itemprop=articleBody``)
    elsewhere — neither inside it nor around it (a sidebar's "About me" beside a short
    Blogger post). ``marked`` are the marked bodies the walk met; it did not look inside
    ``el``, which is searched last, if at all."""
    return (
        on("body.marked_elsewhere")
        and bool(marked)
        and not any(is_ancestor(m, el) for m in marked)
        and not _HOLDS_POST_BODY(el)
    )


#: The class names blog engines give a post's body; the walk above tests for them inline
#: (a substring first, the whole name after), :data:`_HOLDS_POST_BODY` by XPath.
_POST_BODY_CLASSES = frozenset({"entry-content", "post-body"})
#: The tags a post body marked ``itemprop=articleBody`` has: only these are asked.
_POST_BODY_TAGS = frozenset({"div", "section", "article"})


#: A date or meta block that holds the post's body is the post's wrapper (Blogger sets a
#: day's posts in ``div.date-outer``): the container names of blog engines, in its subtree.
_HOLDS_POST_BODY = etree.XPath(
    "boolean(descendant::*[@itemprop='articleBody' or "
    + " or ".join(
        f"contains(concat(' ', @class, ' '), ' {name} ')" for name in sorted(_POST_BODY_CLASSES)
    )
    + "])"
)


def _is_page_form(el: HtmlElement) -> bool:
    """A ``<form>`` straight under ``<body>`` that wraps the page (ASP.NET's ``Form1``,
    ``aspnetForm``): the frame every block sits in, not a form to fill in."""
    parent = el.getparent()
    return parent is not None and parent.tag == "body"


def _is_sentence_item(el: HtmlElement, text: str) -> bool:
    """A list item written as a sentence or more, not a menu entry or a teaser link.

    Items holding blocks are left to the paragraphs inside them.
    """
    if len(text) < _MIN_ITEM or any(child.tag in _ITEM_BLOCKS for child in el.iter()):
        return False
    text_len, link_len = text_and_link_length(el)
    return link_len <= (1 - _ITEM_CONTENT) * text_len


def _is_collapsed(el: HtmlElement) -> bool:
    """A folded panel (Bootstrap's ``collapse`` without ``show``/``in``): hidden until asked for.

    An accordion of long documents must not outscore the story it follows.
    """
    words = (el.get("class") or "").split()
    return "collapse" in words and "show" not in words and "in" not in words


def _has_positive_word(el: HtmlElement) -> bool:
    return any(
        w in _POSITIVE_WORDS for name in attr_names(el) for w in name.replace("_", "-").split("-")
    )


def _credit(
    el: HtmlElement,
    length: int,
    commas: int,
    scores: dict[HtmlElement, float],
    paragraphs: list[Paragraph],
    weight: float = 1.0,
) -> None:
    if length < _MIN_PARAGRAPH:
        return
    score = (1 + commas + min(length / 100, 3)) * weight
    paragraphs.append((el, score))
    parent = el.getparent()
    if parent is None:
        return
    scores[parent] = scores.get(parent, 0.0) + score
    grandparent = parent.getparent()
    if grandparent is not None:
        scores[grandparent] = scores.get(grandparent, 0.0) + score / 2


def _credit_self(
    el: HtmlElement,
    text: str,
    scores: dict[HtmlElement, float],
    paragraphs: list[Paragraph],
) -> None:
    """Text written straight into a container (``<br>``-separated) counts for it."""
    score = 1 + text.count(",") + min(len(text) / 100, 3)
    paragraphs.append((el, score))
    scores[el] = scores.get(el, 0.0) + score
    parent = el.getparent()
    if parent is not None:
        scores[parent] = scores.get(parent, 0.0) + score / 2


def _direct_text(el: HtmlElement) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag in _INLINE_TAGS:
            parts.append(text_of(child))
        if child.tail:
            parts.append(child.tail)
    return " ".join(" ".join(parts).split())


def _class_weight(el: HtmlElement) -> float:
    if not on("body.class_weight"):
        return 1.0
    if el.get("itemprop") == "articleBody":
        return 1.5
    if class_kind(el) is not None:
        return 0.5
    if _has_positive_word(el):
        return 1.25
    return 1.0
