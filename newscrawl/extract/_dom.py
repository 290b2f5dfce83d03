"""Small helpers over lxml elements shared by the extraction modules.

Extraction reads the tree parsel already built (``Selector.root``) instead of
running one XPath query per question: on a 100 kB page a Python walk over the
elements we need is cheaper than many full-document XPath evaluations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import SplitResult, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector
from parsel.selector import create_root_node

#: Pushed far off screen (``left:-9999px``, ``text-indent:-9999px``): hidden link spam.
_OFFSCREEN = re.compile(r"(?:left|top|text-indent|margin-left):-\d{4,}")
_STRING = etree.XPath("string()")
_NAME_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

#: Elements whose content is never visible text.
INVISIBLE_TAGS = frozenset(
    "audio canvas embed head iframe link map math meta noscript object param script "
    "source style svg template title track video".split()
)

#: Elements that start a new block of text when rendered.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "legend li main menu nav ol option p pre section select summary table tbody td "
    "textarea tfoot th thead tr ul".split()
)

HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def tag_of(el: HtmlElement) -> str:
    """Tag name (lxml's HTML parser writes them lower-case), or "" for comments and PIs.

    To ask whether a tag is one of a set, ``el.tag in TAGS`` is enough (and cheaper, in
    the walks that ask it of every element): a comment's or PI's ``tag`` is a function,
    in no set of names.
    """
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def text_of(el: HtmlElement) -> str:
    """All text under ``el`` (libxml2's ``string()``: what ``text_content()`` gives
    lxml.html elements, for plain lxml elements too).

    Without children (most links, many paragraphs) that is its ``.text``, read
    without the cost of an XPath evaluation.
    """
    if not len(el):
        return el.text or ""
    return str(_STRING(el))


def html_selector(text: str, base_url: str | None = None) -> Selector:
    """A parsel ``Selector`` over ``text``, on lxml's plain elements.

    parsel parses with ``lxml.html``, whose element classes are looked up by a
    Python callback for every element touched; extraction touches them all
    several times, and plain elements make it a tenth faster.
    """
    root = create_root_node(text, etree.HTMLParser, base_url=base_url)
    title = root.find("head/title")
    if title is not None and _swallowed(title.text or ""):
        root = create_root_node(_close_title(text), etree.HTMLParser, base_url=base_url)
    if _DEEPER_THAN_ANY_PAGE(root):
        flatten_deep(root)
    _move_stray_head(root)
    return Selector(root=root, type="html")


#: What a ``<head>`` holds; anything else there was parsed into it from a broken page.
_HEAD_TAGS = frozenset(
    "base basefont bgsound link meta noscript script style template title".split()
)
#: Elements that make a stray one in ``<head>`` the page's content, not a tag left over.
_CONTENT_TAGS = ("p", "div", "table", "td", "h1", "h2", "h3", "ul", "article", "section")


def _move_stray_head(root: HtmlElement) -> None:
    """Move the page's content that libxml2 put in ``<head>`` to the start of ``<body>``.

    An unknown tag before ``<body>`` (``<mbox>``) leaves the parser in the head, so the
    whole page can end up there, where nothing is visible text.
    """
    head = root.find("head")
    if head is None:
        return
    children = list(head)
    first = next(
        (i for i, c in enumerate(children) if isinstance(c.tag, str) and c.tag not in _HEAD_TAGS),
        None,
    )
    if first is None:
        return
    stray = children[first:]
    if not any(next(el.iter(*_CONTENT_TAGS), None) is not None for el in stray):
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for el in reversed(stray):
        body.insert(0, el)


#: Real pages nest 20 to 40 levels deep; past this, the extraction's walks (the
#: rendering's is recursive) would outrun Python's stack. libxml2 builds up to 2,048.
MAX_DEPTH = 150
#: Whether an element sits ``MAX_DEPTH`` levels down: one path, evaluated in C.
_DEEPER_THAN_ANY_PAGE = etree.XPath(f"boolean({'/*' * MAX_DEPTH})")


def is_flattened(root: HtmlElement) -> bool:
    """Whether :func:`html_selector` flattened the page (it marks the root)."""
    return root.get(_FLATTENED) is not None


def flatten_deep(root: HtmlElement, limit: int = MAX_DEPTH - 10) -> int:
    """Keep only the text of what sits ``limit`` levels under ``root`` or deeper.

    100,000 ``<div>`` inside one another are a page built to break parsers;
    their words are kept, their tags go. Returns how many subtrees were flattened.
    """
    flattened = 0
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth >= limit:
            etree.strip_tags(el, "*")
            flattened += 1
            continue
        stack.extend((child, depth + 1) for child in el if isinstance(child.tag, str))
    if flattened:
        root.set(_FLATTENED, str(flattened))
    return flattened


_FLATTENED = "data-newscrawl-flattened"


def _swallowed(title: str) -> bool:
    """Whether a ``<title>`` left open took in the page: its text is markup."""
    return len(title) > _LONGEST_TITLE and _MARKUP.search(title) is not None


def _close_title(text: str) -> str:
    """``text`` with its unclosed ``<title>`` closed where its first line or markup starts."""
    opening = _TITLE_TAG.search(text)
    if opening is None:
        return text
    end = _TITLE_END.search(text, opening.end())
    cut = end.start() if end else len(text)
    return f"{text[:cut]}</title>{text[cut:]}"


_LONGEST_TITLE = 500
_MARKUP = re.compile(r"<(?:/?(?:script|div|p|table|td|body|head|meta|link|a)\b|!--)", re.IGNORECASE)
_TITLE_TAG = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_END = re.compile(r"[\n<]")


def attr_words(el: HtmlElement) -> list[str]:
    """Words of an element's class and id (``td-post-prev-post`` → td, post, prev, post)."""
    return [w for name in raw_attr_names(el) for w in name_words(name)]


def raw_attr_names(el: HtmlElement) -> list[str]:
    """Class names and id as written (case kept, for camelCase words)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".split()


@lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """Lower-cased words of a class name: ``newsCaption`` → news, caption.

    Cached: sites repeat the same few hundred class names on every page.
    """
    return tuple(w.lower() for w in _NAME_WORD.findall(name))


def attr_names(el: HtmlElement) -> list[str]:
    """Whole class names and id, lower-cased (``cs-entry__prev-next-item``)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()


def collapse(text: str) -> str:
    """Fold runs of whitespace (including NBSP) into single spaces and strip.

    ``str.split`` splits on what ``\\s`` matches (NBSP too), three times faster
    than ``re.sub``; it runs for every text block the extraction reads.
    """
    return " ".join(text.split())


def visible_text(el: HtmlElement) -> str:
    """The element's text without scripts, styles and other invisible content."""
    return collapse("".join(_iter_visible_text(el)))


def _iter_visible_text(el: HtmlElement) -> Iterator[str]:
    """The texts under ``el`` in document order, those of invisible elements left out."""
    if el.text and el.tag not in INVISIBLE_TAGS:
        yield el.text
    # A stack of child iterators, not recursion: an element's tail follows its subtree.
    stack: list[Iterator[HtmlElement]] = [iter(el)]
    tails: list[str | None] = []
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if tails:
                tail = tails.pop()
                if tail:
                    yield tail
            continue
        if child.tag in INVISIBLE_TAGS:
            if child.tail:
                yield child.tail
            continue
        if child.text:
            yield child.text
        stack.append(iter(child))
        tails.append(child.tail)


def text_and_link_length(el: HtmlElement) -> tuple[int, int]:
    """Length of the visible text of ``el`` and of the part of it inside links."""
    total = 0
    linked = 0
    stack: list[tuple[HtmlElement, bool]] = [(el, el.tag == "a")]
    while stack:
        node, in_link = stack.pop()
        if node.text:
            n = len(node.text.strip())
            total += n
            if in_link:
                linked += n
        for child in node:
            tag = child.tag
            if type(tag) is str and tag not in INVISIBLE_TAGS:  # tag_of, inlined: a hot loop
                stack.append((child, in_link or tag == "a"))
            if child.tail:
                n = len(child.tail.strip())
                total += n
                if in_link:
                    linked += n
    return total, linked


def subtree_lengths(root: HtmlElement) -> dict[HtmlElement, tuple[int, int]]:
    """Text and link-text lengths of ``root`` and every element under it, in one pass.

    Unlike :func:`text_and_link_length` on one element, text inside a link above
    the element counts as link text too.
    """
    lengths: dict[HtmlElement, tuple[int, int]] = {}
    stack: list[tuple[HtmlElement, bool, bool]] = [(root, root.tag == "a", False)]
    while stack:
        el, in_link, children_done = stack.pop()
        if not children_done:
            stack.append((el, in_link, True))
            for child in el:
                tag = child.tag
                if type(tag) is str and tag not in INVISIBLE_TAGS:  # tag_of, inlined
                    stack.append((child, in_link or tag == "a", False))
            continue
        own = len(el.text.strip()) if el.text else 0
        total, linked = own, own if in_link else 0
        for child in el:
            tail = len(child.tail.strip()) if child.tail else 0
            child_total, child_linked = lengths.get(child, (0, 0))
            total += child_total + tail
            linked += child_linked + (tail if in_link else 0)
        lengths[el] = (total, linked)
    return lengths


def is_hidden(el: HtmlElement) -> bool:
    """Hidden by the page: ``hidden``, ``aria-hidden``, inline ``display:none``, off screen."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style:
        folded = style.replace(" ", "").lower()
        return (
            "display:none" in folded
            or "visibility:hidden" in folded
            or _OFFSCREEN.search(folded) is not None
        )
    return False


def drop(el: HtmlElement) -> None:
    """Remove ``el`` from its tree, keeping the text that follows it.

    What stood between the words on either side still parts them: dropping
    ``<b> </b>`` from ``member<b> </b>Konstantine`` leaves a space, not a
    word glued together.
    """
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    if tail or el.text or len(el):
        previous = el.getprevious()
        kept = " " + tail.lstrip()
        if previous is not None:
            previous.tail = xml_safe((previous.tail or "") + kept)
        else:
            parent.text = xml_safe((parent.text or "") + kept)
    parent.remove(el)


def join_url(base: str, href: str) -> str | None:
    """``href`` made absolute against ``base``, or ``None`` for one no URL parser reads.

    ``urljoin`` raises on a page's broken links (``http://a.[b/``: "Invalid IPv6 URL").
    """
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def page_key(url: str) -> str:
    """A URL without scheme, fragment and trailing slash: a page's links to itself may differ so."""
    return url.split("://", 1)[-1].split("#", 1)[0].rstrip("/")


def split_url(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or ``None`` where it raises (a broken link's bracketed host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def xml_safe(text: str) -> str:
    """``text`` without the control characters lxml refuses to set as text.

    The parser keeps them in the page's text nodes (``\x0b``, ``\x01``), but an
    edit that writes them back raises ``ValueError``.
    """
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def select_elements(xpath: etree.XPath, node: HtmlElement) -> list[HtmlElement]:
    """Run a compiled XPath that selects elements, typed as such."""
    result = xpath(node)
    if not isinstance(result, list):
        return []
    return [el for el in result if isinstance(el, etree._Element)]


def select_texts(xpath: etree.XPath, node: HtmlElement, **variables: str) -> list[str]:
    """Run a compiled XPath that selects text nodes (or attribute values), as plain strings."""
    result = xpath(node, **variables)
    if not isinstance(result, list):
        return []
    return [str(text) for text in result if isinstance(text, str)]


def content_share(el: HtmlElement) -> float:
    """The part of the element's text that is not link text."""
    text_len, link_len = text_and_link_length(el)
    return 1 - link_len / max(text_len, 1)


def is_ancestor(node: HtmlElement, el: HtmlElement) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is node:
            return True
        parent = parent.getparent()
    return False


#: The first dozen texts after an element (a headline): where date lines and bylines sit.
FOLLOWING_TEXT = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][position() <= 12]"
)
