"""Find a post's Prev/Next Post links, whatever the theme calls them.

Each link on the page gathers evidence for a direction:

* ``rel="prev"``/``rel="next"`` on the link or a ``<link>`` in ``<head>``;
* class/id words on the link or its near ancestors (``nav-previous``,
  ``td-post-prev-post``, ``cs-entry__prev``) — a name holding both directions
  (``cs-entry__prev-next``) only says "this is post navigation";
* a label in or beside the link ("Previous article", "Next Post", "Older",
  "Newer »"), strong when it names a post/article/story;
* sitting in a navigation container (``<nav>``, ``role=navigation``, a
  ``pager``/``post-navigation`` class).

A link needs enough of it to count, so a "Next" in a slider or a story does
not. Links in comments, related-post and share blocks never count, nor links
that are archive pagination (``/page/2/``) or the page itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import attr_names, collapse, join_url, text_of, visible_text
from newscrawl.extract.boilerplate import class_kind

PREV, NEXT = "prev", "next"

_PREV_WORDS = frozenset(
    {
        "prev",
        "previous",
        "older",
        "earlier",
        "precedent",
        "anterior",
        "precedente",
        "vorheriger",
        "vorherige",
        "vorige",
        "poprzedni",
    }
)
_NEXT_WORDS = frozenset(
    {
        "next",
        "newer",
        "later",
        "suivant",
        "siguiente",
        "successivo",
        "proximo",
        "nachster",
        "nachste",
        "volgende",
        "nastepny",
    }
)
_NAV_WORDS = frozenset(
    {
        "nav",
        "navigation",
        "pager",
        "paging",
        "pagination",
        "adjacent",
        "prevnext",
        "nextprev",
        "postnav",
        "pagenav",
        "navlinks",
    }
)
_HINT = re.compile(r"prev|next|older|newer|nav|pag|adjacent|earlier|later", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")

_LABEL_PREV = re.compile(
    r"^\W*(?:prev|previous|older|earlier|précédent|precedent|anterior|precedente|"
    r"vorheriger|vorherige|vorige|poprzedni|предыдущ\w*)\b(\s*(?:post|article|story|entry|"
    r"news|item|artikel|beitrag|article|articolo|artículo|noticia|публикация|статья))?",
    re.IGNORECASE,
)
_LABEL_NEXT = re.compile(
    r"^\W*(?:next|newer|later|suivant|siguiente|successivo|próximo|proximo|nächster|"
    r"nächste|volgende|następny|следующ\w*)\b(\s*(?:post|article|story|entry|news|item|"
    r"artikel|beitrag|articolo|artículo|noticia|публикация|статья))?",
    re.IGNORECASE,
)
_ARROW_PREV = re.compile(r"^\s*(?:«|‹|←|&laquo;|<<?)\s*\S")
_ARROW_NEXT = re.compile(r"\S\s*(?:»|›|→|>>?)\s*$")
_PAGINATION = re.compile(
    r"/page/\d+/?$|[?&](?:paged?|cpage)=\d+|/comment-page-\d+|/(?:tag|category|author|feed)/",
    re.IGNORECASE,
)
_EXCLUDED_KINDS = frozenset({"comments", "related", "share"})

_ANCESTOR_DEPTH = 5
#: Cheap first looks: a class/id or link text that may name a direction.
_REL_HINT = re.compile(r"prev|next", re.IGNORECASE)
_HINT_WORDS = (
    "prev|next|older|newer|earlier|précéd|preced|anterior|vorher|vorige|poprzed|suivant|"
    "siguiente|successiv|próximo|proximo|nächst|volgende|następ|предыд|следующ"
)
_HINT_ARROWS = "«»‹›←→<>"
_TEXT_HINT = re.compile(f"{_HINT_WORDS}|[{_HINT_ARROWS}]", re.IGNORECASE)
#: The same words for lower-cased text: ASCII text folds exactly as ``re.IGNORECASE``
#: would, and a case-sensitive search is three times faster on the page's many links.
#: The arrows are alternatives of their own, not a class: when every alternative
#: starts with a literal, ``re`` skips ahead to their first letters, twice as fast again.
_FOLDED_TEXT_HINT = re.compile("|".join([_HINT_WORDS, *_HINT_ARROWS]))

_REL_SCORE = 3
_CLASS_SCORE = 2
_STRONG_LABEL_SCORE = 3
_LABEL_SCORE = 2
_CONTEXT_SCORE = 1
_ACCEPT = 3


@dataclass(frozen=True)
class Neighbours:
    """The adjacent posts' URLs: ``prev`` is the older post, as WordPress means it."""

    prev: str | None = None
    next: str | None = None


@dataclass(frozen=True)
class _Candidate:
    direction: str
    url: str
    score: int
    order: int


def find_neighbours(root: HtmlElement, url: str) -> Neighbours:
    """The page's Prev/Next Post links, resolved against ``url`` (or ``<base href>``)."""
    base = _base_url(root, url)
    own = _strip_fragment(url)
    best: dict[str, _Candidate] = {}
    for order, el in enumerate(_maybe_navigation(root)):
        candidate = _judge(el, base, own, order)
        if candidate is None:
            continue
        current = best.get(candidate.direction)
        if current is None or candidate.score > current.score:
            best[candidate.direction] = candidate
    prev, nxt = best.get(PREV), best.get(NEXT)
    if prev and nxt and prev.url == nxt.url:
        if prev.score >= nxt.score:
            nxt = None
        else:
            prev = None
    return Neighbours(prev.url if prev else None, nxt.url if nxt else None)


def _maybe_navigation(root: HtmlElement) -> list[HtmlElement]:
    """Links worth judging, in document order: most of a page's links hint at nothing.

    A link is worth a look with a ``rel``, a hinting word in its text or title,
    or a hinting class/id on itself or an element around it.
    """
    hinted: set[HtmlElement] = set()
    # A walk over the elements: an XPath for their @class|@id sorts the union and
    # wraps every value in a string that knows its element, for twice the time.
    for el in root.iter(etree.Element):
        names, ident = el.get("class"), el.get("id")
        if names is None and ident is None:
            continue
        folded = f"{names or ''} {ident or ''}".lower()
        if "prev" in folded or "next" in folded or "older" in folded or "newer" in folded:
            hinted.update(el.iter("a"))
    return [
        el
        for el in root.iter("a", "link")
        if el in hinted
        or _REL_HINT.search(el.get("rel") or "")
        or _hints(text_of(el)[:80])
        or _hints(el.get("title") or "")
    ]


def _hints(text: str) -> bool:
    """Whether ``text`` has a word that may name a direction (:data:`_TEXT_HINT`)."""
    if text.isascii():
        return _FOLDED_TEXT_HINT.search(text.lower()) is not None
    return _TEXT_HINT.search(text) is not None


def _judge(el: HtmlElement, base: str, own: str, order: int) -> _Candidate | None:
    href = (el.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    is_head_link = el.tag == "link"
    rel = (el.get("rel") or "").lower().split()
    if is_head_link and not ({"prev", "previous", "next"} & set(rel)):
        return None
    joined = join_url(base, href)
    if joined is None:
        return None
    target = _strip_fragment(joined)
    if target == own or not target.startswith(("http://", "https://")):
        return None
    if _PAGINATION.search(target) or _is_page_of(target, own):
        return None

    votes = {PREV: 0, NEXT: 0}
    if "prev" in rel or "previous" in rel:
        votes[PREV] += _REL_SCORE
    if "next" in rel:
        votes[NEXT] += _REL_SCORE
    if is_head_link:
        return _decide(votes, target, order)

    context = False
    class_direction: str | None = None
    node: HtmlElement | None = el
    for _ in range(_ANCESTOR_DEPTH):
        if node is None or node.tag in {"body", "html"}:
            break
        names = " ".join(attr_names(node))
        if node.tag == "nav" or node.get("role") == "navigation":
            context = True
        if names and _HINT.search(names):
            found, is_nav = _class_evidence(names)
            context = context or is_nav
            if class_direction is None and found:
                class_direction = found
        node = node.getparent()
    if class_direction:
        votes[class_direction] += _CLASS_SCORE
    label_direction, strong = _label_evidence(el)
    if label_direction:
        votes[label_direction] += _STRONG_LABEL_SCORE if strong else _LABEL_SCORE
    if context:
        for direction in (PREV, NEXT):
            if votes[direction]:
                votes[direction] += _CONTEXT_SCORE
    candidate = _decide(votes, target, order)
    if candidate is None or _inside_excluded(el.getparent()):
        return None
    return candidate


def _decide(votes: dict[str, int], target: str, order: int) -> _Candidate | None:
    prev, nxt = votes[PREV], votes[NEXT]
    if prev == nxt or max(prev, nxt) < _ACCEPT:
        return None
    direction = PREV if prev > nxt else NEXT
    return _Candidate(direction, target, max(prev, nxt), order)


def _class_evidence(names: str) -> tuple[str | None, bool]:
    """Direction named by class/id names, and whether they name a navigation block."""
    direction = None
    is_nav = False
    for name in names.split():
        found = set(_WORD.findall(name.replace("_", " ")))
        has_prev = bool(found & _PREV_WORDS)
        has_next = bool(found & _NEXT_WORDS)
        if has_prev and has_next:
            is_nav = True
        elif has_prev:
            direction = direction or PREV
        elif has_next:
            direction = direction or NEXT
        if found & _NAV_WORDS:
            is_nav = True
    return direction, is_nav


def _label_evidence(el: HtmlElement) -> tuple[str | None, bool]:
    """Direction named by the link's text or by a short label beside it."""
    own = collapse(text_of(el))[:80]
    title = el.get("title") or el.get("aria-label") or ""
    for text in (own, title, _sibling_label(el)):
        if not text:
            continue
        for direction, pattern in ((PREV, _LABEL_PREV), (NEXT, _LABEL_NEXT)):
            match = pattern.match(text)
            if match:
                return direction, bool(match.group(1))
    if _ARROW_PREV.match(own):
        return PREV, False
    if _ARROW_NEXT.search(own):
        return NEXT, False
    return None, False


def _sibling_label(el: HtmlElement) -> str:
    """Text just before the link in its parent, such as tagDiv's "Previous article"."""
    previous = el.getprevious()
    if previous is not None:
        return visible_text(previous)[:80]
    parent = el.getparent()
    return collapse(parent.text or "")[:80] if parent is not None else ""


def _inside_excluded(node: HtmlElement | None) -> bool:
    """Whether the link sits in a comments, related-posts or share block."""
    while node is not None and node.tag not in {"body", "html"}:
        if class_kind(node) in _EXCLUDED_KINDS:
            return True
        node = node.getparent()
    return False


def _base_url(root: HtmlElement, url: str) -> str:
    for base in root.iterfind("head/base"):
        href = (base.get("href") or "").strip()
        if href:
            return join_url(url, href) or url
    return url


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _is_page_of(target: str, own: str) -> bool:
    """``/post/2/`` is page 2 of ``/post/``, not the next post."""
    a, b = urlsplit(target), urlsplit(own)
    if a.netloc != b.netloc:
        return False
    base = b.path.rstrip("/")
    rest = a.path.rstrip("/")
    return rest.startswith(base + "/") and rest[len(base) + 1 :].isdigit()
