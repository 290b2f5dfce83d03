"""What a theme wraps around an article, and how to take it out of the body.

Evidence, strongest first: the element itself (``nav``, ``form``, ``aside``...),
its class/id words (``td-post-sharing`` → *sharing*), its shape (mostly links),
and last its text ("Share this:", "Leave a Reply"): a label alone is weak
evidence since a story may quote the words, so labels only count on short
blocks whose whole text is the label, or that are a label followed by links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    HEADING_TAGS,
    INVISIBLE_TAGS,
    collapse,
    drop,
    is_hidden,
    name_words,
    subtree_lengths,
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
    furniture="widget widgets sidebar footer masthead cookie cookies consent gdpr privacy popup "
    "modal toolbar donate skip noscript nocontent noprint rail tooltip popover hovercard "
    "rollover rating ratings flyout disclaimer disclosure",
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
    you may also like|you might also like|you may like|more stories|more from author|more from
    more on this|more on this story|more news|latest|latest news|top stories|trending
    recommended|recommended for you|recommended stories|popular|popular posts|most popular
    editor s picks|don t miss|explore further|watch|video
    subscribe to our newsletter|subscribe|sign up for our newsletter|tags
    advertisement|advert|ad|sponsored|sponsored content
    weiterlesen|mehr zum thema|mehr themen|lesen sie auch|auch lesen|verwandte artikel
    ähnliche artikel|lire aussi|à lire aussi|articles similaires|lea también|vea también
    notas relacionadas|artículos relacionados|leggi anche|articoli correlati
    """.replace("|", "\n").splitlines()
    if line.strip()
)

#: A paragraph that opens with one of these and is mostly a link points elsewhere.
_TEASER_LEAD = re.compile(
    r"^\W*(?:related|read more|read also|also read|see also|see more|more|recommended|watch|"
    r"listen|related article|related story|related coverage|further reading|read next|"
    r"recommended reading|don'?t miss|must read|explore further|"
    r"lesen sie auch|auch lesen|weiterlesen|mehr zum thema|mehr themen|siehe auch|das könnte sie "
    r"auch interessieren|lire aussi|à lire aussi|a lire aussi|voir aussi|lea también|lee también|"
    r"vea también|ver también|leia também|veja também|leggi anche|vedi anche|lees ook|"
    r"zie ook|czytaj też|zobacz też|läs också|læs også|les også)\b\s*[:|»>\-–—]",
    re.IGNORECASE,
)
#: A short line crediting a photo ("Credit: …", "Foto: …") is a caption, not the story.
_CREDIT_LINE = re.compile(
    r"^\W*(?:credits?|crédits?(?: photos?)?|photos?|foto(?:s|grafie)?|bild(?:er)?|image|"
    r"picture|pictures|copyright|©)\s*:",
    re.IGNORECASE,
)
_CREDIT_LENGTH = 120
#: A link that opens a network's "share this page" dialog is a share button,
#: whatever the theme calls it ("Share this on WhatsApp", a bare icon).
_SHARE_HREF = re.compile(
    r"^\s*(?:whatsapp|fb-messenger|viber|sms):|^\s*mailto:\?|"
    r"(?:facebook\.com/sharer|twitter\.com/(?:intent/tweet|share)|x\.com/intent/(?:tweet|post)|"
    r"linkedin\.com/(?:share|cws/share)|pinterest\.[a-z.]+/pin/create|reddit\.com/submit|"
    r"api\.whatsapp\.com/send|wa\.me/\?|t(?:elegram)?\.me/share|tumblr\.com/share|"
    r"xing\.com/(?:spi/)?share)",
    re.IGNORECASE,
)
#: A story: three paragraphs of this length, or this much text mostly outside links.
_LONG_PARAGRAPH = 150
_STORY_PARAGRAPHS = 3
_STORY_TEXT = 800
_STORY_LINKS = 0.3
_PUNCT = re.compile(r"[^\w\s]+")
#: A short paragraph that is all link is a teaser for another story.
_LINKED_PARAGRAPH = 0.9
_TEASER_LENGTH = 200


def label_key(text: str) -> str:
    """Normalise a short text for comparison with :data:`LABELS`."""
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


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
    return _names_kind(classes or "", (ident or "").strip(), tag_of(el) in _POST_TAGS)


@lru_cache(maxsize=8192)
def _names_kind(classes: str, ident: str, post: bool) -> str | None:
    """:func:`class_kind` by attribute values: pages repeat the same few class strings."""
    names = classes.split()
    if ident and not _ANCHOR_ID.search(ident) and len(name_words(ident)) < _ANCHOR_WORDS:
        names.append(ident)
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
        words = name_words(name)
        if not _PREV_WORDS.isdisjoint(words) and "next" in words:
            return "navigation"  # prev-next, next-prev: post or gallery navigation
        if "read" in words and not _READ_WORDS.isdisjoint(words):
            return "related"  # read-more, read-also, read-next: a teaser for another story
        for word in words:
            kind = BOILERPLATE_WORDS.get(word)
            if kind and not (layout and word in _LAYOUT_WORDS):
                return kind
    return None


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
        for word in name_words(name)
    ]


def is_off_article(el: HtmlElement) -> bool:
    """Whether ``el`` sits in a menu, sidebar, footer, comments or related block.

    Headings and dates found there belong to something else. A page header is
    not on the list: themes put the article's own title in ``header`` tags.
    """
    node: HtmlElement | None = el
    while node is not None and tag_of(node) not in {"body", "html"}:
        if tag_of(node) in _OFF_ARTICLE_TAGS or (
            (
                class_kind(node) in _OFF_ARTICLE_KINDS
                or not _OFF_ARTICLE_WORDS.isdisjoint(_own_words(node))
            )
            and not holds_story(node)
        ):
            return True
        node = node.getparent()
    return False


@dataclass
class Cleaning:
    """What :func:`clean_body` removed, by kind, for the crawl's stats."""

    removed: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.removed[kind] = self.removed.get(kind, 0) + 1


def clean_body(body: HtmlElement, *, headline: str | None = None) -> Cleaning:
    """Remove furniture from the article container ``body``, in place.

    The container itself is kept whatever its classes say: it was chosen as
    the article, and WordPress decorates articles with words like ``post-meta``.
    """
    cleaning = Cleaning()
    _strip_blocks(body, cleaning)
    _strip_by_shape(body, headline, cleaning)
    _strip_share_links(body, cleaning)
    _trim_trailing_headings(body, cleaning)
    return cleaning


def _strip_share_links(body: HtmlElement, cleaning: Cleaning) -> None:
    """Share buttons left over once share bars are gone: a lone "Share on WhatsApp".

    Run after the shape rules, which take a whole bar away when it is mostly
    links; removing its links first would leave a bar too short to judge.
    """
    for link in list(body.iter("a")):
        if _SHARE_HREF.search(link.get("href") or ""):
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
        if kind and (kind in NEVER_WRAPS_STORY or not holds_story(el)):
            cleaning.count(kind)
            drop(el)
            continue
        stack.extend(el)


def holds_story(el: HtmlElement, *, plain_text: bool = False) -> bool:
    """Whether ``el`` holds long paragraphs, as a story does.

    Themes wrap whole articles in ``div.post-meta-wrapper`` or ``header`` tags
    now and then; removing those would empty the body. With ``plain_text``, a
    long run of text outside links also counts (Blogger writes posts without
    ``<p>``, inside ``div.date-outer``) — too loose to keep a block in a body,
    where donation appeals are long too, but right for finding the body.
    """
    if tag_of(el) in INVISIBLE_TAGS or tag_of(el) in {"button", "input", "select", "textarea"}:
        return False
    long_paragraphs = 0
    for p in el.iter("p"):
        if len(visible_text(p)) > _LONG_PARAGRAPH:
            long_paragraphs += 1
            if long_paragraphs >= _STORY_PARAGRAPHS:
                return True
    # string() counts at least the text the walk would: most furniture is too short to try.
    if not plain_text or len(text_of(el)) < _STORY_TEXT:
        return False
    text_len, link_len = text_and_link_length(el)
    return text_len >= _STORY_TEXT and link_len < _STORY_LINKS * text_len


#: Elements judged by their shape (length, links, label) once blocks are gone.
_SHAPE_TAGS = tuple("p div ul ol section h1 h2 h3 h4 h5 h6 table dl span strong b".split())


def _strip_by_shape(body: HtmlElement, headline: str | None, cleaning: Cleaning) -> None:
    headline_key = label_key(headline) if headline else None
    lengths = subtree_lengths(body)
    for el in list(body.iter(*_SHAPE_TAGS)):
        if el.getparent() is None or el is body:
            continue
        text_len, link_len = lengths.get(el, (0, 0))
        tag = tag_of(el)
        if text_len == 0:
            if tag in {"p", "span", "strong", "b"} or (
                tag in {"div", "section", "ul", "ol"} and not _has_media(el)
            ):
                drop(el)
            continue
        if text_len < 60:
            key = label_key(visible_text(el))
            if key in LABELS:
                cleaning.count("label")
                drop(el)
                continue
            if tag == "h1" or (tag in HEADING_TAGS and key == headline_key):
                cleaning.count("headline")
                drop(el)
                continue
        if tag in {"span", "strong", "b"}:
            continue
        if tag in {"p", "div"} and (_is_labelled_link(el, text_len, link_len) or _is_tagline(el)):
            cleaning.count("teaser")
            drop(el)
            continue
        links = link_len / text_len
        if (
            tag in {"ul", "ol", "div", "section", "table", "dl"}
            and links > 0.6
            and (_count_links(el) >= 2 and text_len < 2000)
        ):
            cleaning.count("links")
            drop(el)
        elif tag == "p":
            text = visible_text(el)
            if (links > 0.5 and _TEASER_LEAD.match(text)) or (
                links >= _LINKED_PARAGRAPH and text_len < _TEASER_LENGTH
            ):
                cleaning.count("teaser")
                drop(el)
            elif text_len < _CREDIT_LENGTH and _CREDIT_LINE.match(text):
                cleaning.count("credit")
                drop(el)


def _is_labelled_link(el: HtmlElement, text_len: int, link_len: int) -> bool:
    """A label and nothing but a link after it: "Tag: Apple", "Related Roundup: MacBook Pro".

    A sentence of the story that links a term has words of its own after the colon.
    """
    label = (el.text or "").strip()
    return (
        text_len < _LABELLED_LINK_LENGTH
        and 0 < len(label) <= _LABEL_LENGTH
        and label.endswith(":")
        and link_len > 0
        and link_len >= text_len - len(label)
    )


def _is_tagline(el: HtmlElement) -> bool:
    """An italic note with the writer's e-mail address ("Have a tip? … may be reached at").

    Papers set the contact line under a story in italics; a sentence of the
    story that mentions an address is set in roman type.
    """
    if tag_of(el) != "p" or not any(
        (a.get("href") or "").startswith("mailto:") for a in el.iter("a")
    ):
        return False
    return not _roman_text(el) and len(collapse(text_of(el))) < _TAGLINE_LENGTH


def _roman_text(el: HtmlElement) -> bool:
    """Whether some of the text of ``el`` is outside ``i``/``em``."""
    if tag_of(el) in {"i", "em"}:
        return False
    if el.text and el.text.strip():
        return True
    return any(_roman_text(child) or (child.tail or "").strip() for child in el)


_LABELLED_LINK_LENGTH = 80
_LABEL_LENGTH = 30
_TAGLINE_LENGTH = 300


def _count_links(el: HtmlElement) -> int:
    return sum(1 for _ in el.iter("a"))


def _has_media(el: HtmlElement) -> bool:
    return next(el.iter("img", "picture", "video", "table"), None) is not None


def _trim_trailing_headings(body: HtmlElement, cleaning: Cleaning) -> None:
    """A heading with nothing after it introduced a block that was removed."""
    while True:
        last = _last_block(body)
        if last is None or tag_of(last) not in HEADING_TAGS:
            return
        cleaning.count("orphan-heading")
        drop(last)


def _last_block(body: HtmlElement) -> HtmlElement | None:
    node = body
    while len(node):
        last = node[-1]
        if last.tail and last.tail.strip():
            return None
        if tag_of(last) in HEADING_TAGS:
            return last
        if not collapse(text_of(last)):
            drop(last)
            continue
        node = last
    return None
