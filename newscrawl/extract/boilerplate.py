"""What a theme wraps around an article: the furniture's vocabulary and how to tell it.

Evidence, strongest first: the element itself (``nav``, ``form``, ``aside``...),
its class/id words (``td-post-sharing`` → *sharing*), its shape (mostly links),
and last its text ("Share this:", "Leave a Reply"): a label alone is weak
evidence since a story may quote the words, so labels only count on short
blocks whose whole text is the label, or that are a label followed by links.
Taking furniture out of a body is :mod:`newscrawl.extract.cleaning`'s work.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    INVISIBLE_TAGS,
    is_hidden,
    name_words,
    tag_of,
    text_and_link_length,
    text_of,
    visible_text,
)


def _kinds(**words: str) -> dict[str, str]:
    """``kind="word word ..."`` pairs as a word → kind mapping (readable vocabularies)."""
    return {word: kind for kind, text in words.items() for word in text.split()}


#: Class/id words that mark furniture, each mapped to the kind counted in stats.
BOILERPLATE_WORDS: dict[str, str] = _kinds(
    share="share shares sharing sharedaddy sharethis addtoany a2a social sociable shareaholic "
    "heateor swp addthis sharebar sharer",
    comments="comment comments commentlist respond disqus discussion commentform",
    related="related relatedposts yarpp crp recommended recommendations readnext outbrain "
    "taboola morestories",
    navigation="nav navigation navbar pagination pager paging prevnext breadcrumb breadcrumbs "
    "crumbs menu toc",
    newsletter="newsletter subscribe subscription signup mc4wp optin mailchimp mailpoet",
    byline="author authors authorbox saboxplugin byline bio meta metabar postmeta dateline "
    "posted date timestamp",
    tags="tags tag tagcloud terms keywords",
    ads="ad ads advert adverts advertisement advertising adsbygoogle adslot sponsor sponsored "
    "promo promotion banner dfp",
    widget="widget widgets",
    furniture="sidebar footer masthead cookie cookies consent gdpr privacy popup "
    "modal toolbar donate skip noscript nocontent noprint rail tooltip popover hovercard "
    "rollover rating ratings flyout disclaimer disclosure button buttons btn",
)
#: Furniture a theme never names a wrapper of the story after: comments are as
#: long as stories, so they get no benefit of the doubt from :func:`holds_story`.
NEVER_WRAPS_STORY = frozenset({"comments"})
#: Whole class names that hide text from sighted readers, or come from ad plugins.
BOILERPLATE_CLASSES: dict[str, str] = {
    "screen-reader-text": "furniture",
    "sr-only": "furniture",
    "visually-hidden": "furniture",
    "visuallyhidden": "furniture",
    "element-invisible": "furniture",
    "hidden": "hidden",
    "hide": "hidden",
    "is-hidden": "hidden",
    "u-hidden": "hidden",
    "hidecompletely": "hidden",
    "code-block": "ads",
    "twitter-share-button": "share",
}
#: WordPress puts the post's own terms on its ``<article>`` (``tag-ukraine``,
#: ``category-world``): those words describe the post, not furniture.
_TERM_CLASS = re.compile(r"^(?:tag|category|post_tag|format|status|type)-[\w-]+$")
#: Its author class (``author-jane-doe``) goes on ``<body>`` and ``<article>`` only;
#: elsewhere ``author-box``, ``author-bio`` and ``author-name`` are byline furniture.
_AUTHOR_TERM_CLASS = re.compile(r"^author-[\w-]+$")
_POST_TAGS = frozenset({"article", "body"})
#: Elements that are never part of a story's text.
BOILERPLATE_TAGS: dict[str, str] = {
    "nav": "navigation",
    "aside": "furniture",
    "form": "furniture",
    "button": "furniture",
    "input": "furniture",
    "select": "furniture",
    "textarea": "furniture",
    "label": "furniture",
    "footer": "furniture",
    "dialog": "furniture",
    "menu": "navigation",
    **dict.fromkeys(INVISIBLE_TAGS, "invisible"),
}
#: Labels of furniture blocks across themes (lower-cased, without punctuation).
LABELS = frozenset(
    line.strip()
    for line in """
    share this article|share this|share this post|share this story|share|shareable url
    share on facebook|share on twitter|share via|tweet|like this|follow us
    prev post|previous post|previous article|next post|next article|post navigation
    leave a reply|leave a comment|post comment|cancel reply|comments
    related|related posts|related articles|related stories|related content|related topics
    read next|read more|read also|also read|must read|most read|see more|see also
    you may also like|you might also like|you may like|more stories|more from author|more from|more
    more on this|more on this story|more news|latest|latest news|top stories|trending
    recommended|recommended for you|recommended stories|popular|popular posts|most popular
    editor s picks|don t miss|explore further|watch|video|caption|close
    subscribe to our newsletter|subscribe|sign up for our newsletter|tags
    advertisement|advert|ad|sponsored|sponsored content|anzeige|werbung|publicidad|anuncio
    publicité|pubblicità|iklan
    weiterlesen|mehr zum thema|mehr themen|lesen sie auch|auch lesen|verwandte artikel
    ähnliche artikel|lire aussi|à lire aussi|articles similaires|lea también|vea también
    notas relacionadas|artículos relacionados|leggi anche|articoli correlati
    """.replace("|", "\n").splitlines()
    if line.strip()
)
#: A link that opens a network's "share this page" dialog is a share button,
#: whatever the theme calls it ("Share this on WhatsApp", a bare icon).
SHARE_HREF = re.compile(
    r"^\s*(?:whatsapp|fb-messenger|viber|sms):|^\s*mailto:\?|"
    r"(?:facebook\.com/sharer|twitter\.com/(?:intent/tweet|share)|x\.com/intent/(?:tweet|post)|"
    r"linkedin\.com/(?:share|cws/share)|pinterest\.[a-z.]+/pin/create|reddit\.com/submit|"
    r"api\.whatsapp\.com/send|wa\.me/\?|t(?:elegram)?\.me/share|tumblr\.com/share|"
    r"xing\.com/(?:spi/)?share)",
    re.IGNORECASE,
)
#: A story: three paragraphs of this length, or this much text mostly outside links.
LONG_PARAGRAPH = 150
STORY_PARAGRAPHS = 3
_STORY_TEXT = 800
STORY_LINKS = 0.3
_PUNCT = re.compile(r"[^\w\s]+")


def label_key(text: str) -> str:
    """Normalise a short text for comparison with :data:`LABELS`.

    Titles and headings are cached: a page compares each in several forms.
    """
    return _short_key(text) if len(text) <= _CACHED_KEY else _key(text)


def _key(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


_short_key = lru_cache(maxsize=4096)(_key)
_CACHED_KEY = 300


def boilerplate_kind(el: HtmlElement) -> str | None:
    """Why ``el`` is furniture judging by its tag, hiding and class/id, or ``None``."""
    kind = BOILERPLATE_TAGS.get(tag_of(el))
    if kind:
        return kind
    if not el.attrib:
        return None
    if is_hidden(el):
        return "hidden"
    return class_kind(el)


def class_kind(el: HtmlElement) -> str | None:
    """The furniture kind named by the element's class/id words, or ``None``.

    Ids made from a heading (``nav_schredder_statt__0``, ``TOC_TITLE_1``) are
    anchors, not names of a block, and page builders call every text block a
    widget (``elementor-widget-container``): neither says furniture.
    """
    classes = el.get("class")
    ident = el.get("id")
    if not classes and not ident:
        return None
    return names_kind(classes or "", (ident or "").strip(), el.tag in _POST_TAGS)


@lru_cache(maxsize=8192)
def names_kind(classes: str, ident: str, post: bool) -> str | None:
    """:func:`class_kind` by attribute values: pages repeat the same few class strings."""
    names = classes.split()
    if ident and not _ANCHOR_ID.search(ident) and len(name_words(ident)) < _ANCHOR_WORDS:
        names.append(ident)
    weak = None  # "widget" says only that a theme built the block: any other word says more
    for name in names:
        lowered = name.lower()
        kind = BOILERPLATE_CLASSES.get(lowered)
        if kind == "hidden" and any(":" in other for other in names):
            kind = None  # Tailwind's "hidden md:block" shows on wide screens
        if kind:
            return kind
        if _TERM_CLASS.match(lowered) or (post and _AUTHOR_TERM_CLASS.match(lowered)):
            continue
        layout = lowered.startswith(_BUILDER_PREFIXES)
        words = _own_part(name_words(name))
        if not _PREV_WORDS.isdisjoint(words) and "next" in words:
            return "navigation"  # prev-next, next-prev: post or gallery navigation
        if "read" in words and not _READ_WORDS.isdisjoint(words):
            return "related"  # read-more, read-also, read-next: a teaser for another story
        for word in words:
            kind = BOILERPLATE_WORDS.get(word)
            if kind == "widget" and not layout:
                weak = kind
            elif kind and not (layout and word in _LAYOUT_WORDS):
                return kind
    return weak


def _own_part(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a class name up to a ``has``/``with``/``no``: those after it say what
    the block holds or lacks (``has-sharing``, ``o-section--has-ads``, ``main--no-sidebar``),
    not what it is.
    """
    for i, word in enumerate(words):
        if word in _HOLDS_WORDS:
            return words[:i]
    return words


_HOLDS_WORDS = frozenset({"has", "with", "no", "without"})
_ANCHOR_ID = re.compile(r"[-_]\d+$")
_ANCHOR_WORDS = 6
_PREV_WORDS = frozenset({"prev", "previous"})
_READ_WORDS = frozenset({"more", "also", "next"})
_BUILDER_PREFIXES = ("elementor-widget", "elementor-element", "et_pb_", "vc_", "wp-block-")
_LAYOUT_WORDS = frozenset({"widget", "widgets", "header", "footer"})
_OFF_ARTICLE_TAGS = frozenset({"nav", "aside", "footer"})
_OFF_ARTICLE_KINDS = frozenset({"navigation", "comments", "related", "share", "newsletter", "ads"})
_OFF_ARTICLE_WORDS = frozenset({"sidebar", "widget", "widgets", "footer"})


def _own_words(el: HtmlElement) -> list[str]:
    """Class words, but those of page-builder layout names (``elementor-widget-…``)."""
    return [
        word
        for name in (el.get("class") or "").split()
        if not name.lower().startswith(_BUILDER_PREFIXES)
        for word in _own_part(name_words(name))
    ]


def is_off_article(el: HtmlElement) -> bool:
    """Whether ``el`` sits in a menu, sidebar, footer, comments or related block.

    Headings and dates found there belong to something else. A page header is
    not on the list: themes put the article's own title in ``header`` tags.
    """
    node: HtmlElement | None = el
    while node is not None and node.tag not in {"body", "html"}:
        if node.tag in _OFF_ARTICLE_TAGS or (
            (
                class_kind(node) in _OFF_ARTICLE_KINDS
                or not _OFF_ARTICLE_WORDS.isdisjoint(_own_words(node))
            )
            and not holds_story(node)
        ):
            return True
        node = node.getparent()
    return False


def is_story(text: str) -> bool:
    """Whether a rendered body (blocks parted by blank lines) reads as a story: three long
    paragraphs or more."""
    return sum(len(block) > LONG_PARAGRAPH for block in text.split("\n\n")) >= STORY_PARAGRAPHS


def holds_story(el: HtmlElement, *, plain_text: bool = False) -> bool:
    """Whether ``el`` holds long paragraphs, as a story does.

    Themes wrap whole articles in ``div.post-meta-wrapper`` or ``header`` tags
    now and then; removing those would empty the body. With ``plain_text``, a
    long run of text outside links also counts (Blogger writes posts without
    ``<p>``, inside ``div.date-outer``) — too loose to keep a block in a body,
    where donation appeals are long too, but right for finding the body.
    """
    if el.tag in INVISIBLE_TAGS or el.tag in {"button", "input", "select", "textarea"}:
        return False
    long_paragraphs = 0
    for p in el.iter("p"):
        if len(visible_text(p)) > LONG_PARAGRAPH:
            long_paragraphs += 1
            if long_paragraphs >= STORY_PARAGRAPHS:
                return True
    # string() counts at least the text the walk would: most furniture is too short to try.
    if not plain_text or len(text_of(el)) < _STORY_TEXT:
        return False
    text_len, link_len = text_and_link_length(el)
    return text_len >= _STORY_TEXT and link_len < STORY_LINKS * text_len
