"""The extraction's rules by name, so that each can be switched off to see what it is worth.

Every rule that takes text out of a body, or chooses where the body is, asks
:func:`on` before it acts. Nothing in a crawl switches a rule off: the
benchmark's ablation (``python -m bench.ablate``) does, one rule at a time, and
a rule whose absence costs nothing on the sets' check halves is removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["RULES", "on", "switched_off"]

#: Each rule, and what it does.
RULES: dict[str, str] = {
    "date.no_teasers": "no date from a list of other posts (Latest posts, a linked list item)",
    "date.votes": "take the day most of the page's sources agree on, not the most trusted one",
    "body.noscript": "read the text kept in <noscript> when the page has none outside it",
    "body.page_form": "score inside a <form> straight under <body> that wraps the page (ASP.NET)",
    "body.dated_wrapper": "score inside a date or meta block that holds the post's body (Blogger)",
    "body.marked_elsewhere": "skip a sidebar block holding long text when the page marks its "
    "post body (entry-content, post-body, articleBody) elsewhere",
    "body.class_weight": "weigh a paragraph's parent by its class and id names",
    "body.alternatives": "climb to the ancestor of several near-best candidates",
    "body.enclosing": "climb to a near-best candidate holding the best one (a gallery in a story)",
    "body.same_shape": "climb to the ancestor of siblings shaped like the best candidate",
    "body.builder": "climb out of page-builder wrappers that split one story",
    "body.loose_text": "take the parent of a candidate whose text runs loose beside it",
    "body.lead": "add the lead paragraphs set between the headline and the body",
    "body.siblings": "add sibling blocks that continue the story",
    "body.list_sections": "add sibling blocks of a heading and a list without links",
    "clean.blocks": "drop blocks that their tag or class names as furniture",
    "clean.share_links": "drop share buttons left alone by their link",
    "shape.label": "drop short labels (Share, Advertisement, Related)",
    "shape.label_lead": "drop headings that open with a label, reading-time lines",
    "shape.headline": "drop the headline repeated inside the body",
    "shape.cards": "drop teaser cards (a linked heading over a picture and a few lines)",
    "shape.link_list": "drop lists of links",
    "shape.cited_sources": "keep link lists that cite other sites",
    "shape.teaser_block": "drop blocks made of teasers",
    "shape.teaser_paragraph": "drop paragraphs that are a linked teaser",
    "shape.media_teaser": "drop short lines announcing other media (Related video: …)",
    "shape.credit": "drop short credit and source lines",
    "shape.stamp": "drop lines that only stamp the story: a Unix time, a date and time and a name",
    "render.no_captions": "leave picture captions out of the text (they stay in the HTML)",
    "tail.orphan_heading": "drop a heading or label left at the end with nothing after it",
    "tail.appeal": "drop a closing appeal to subscribe, follow or download, or a disclaimer",
    "tail.back_link": "drop a closing link back to the site",
    "tail.copyright": "drop a closing copyright line",
}

_off: frozenset[str] = frozenset()


def on(rule: str) -> bool:
    """Whether ``rule`` is in force (always, outside an ablation)."""
    return rule not in _off


@contextmanager
def switched_off(*rules: str) -> Iterator[None]:
    """Extract without ``rules`` inside the block."""
    global _off  # the ablation's switch; extraction itself only reads it
    unknown = set(rules) - set(RULES)
    if unknown:
        raise KeyError(f"no such rule: {', '.join(sorted(unknown))}")
    before = _off
    _off = before | frozenset(rules)
    try:
        yield
    finally:
        _off = before
