"""What a theme wraps around an article, and how to take it out of the body.

Evidence, strongest first: the element itself (``nav``, ``form``, ``aside``...),
its class/id words (``td-post-sharing`` → *sharing*), its shape (mostly links),
and last its text ("Share this:", "Leave a Reply"): a label alone is weak
evidence since a story may quote the words, so labels only count on short
blocks whose whole text is the label, or that are a label followed by links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    BLOCK_TAGS,
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

#: A heading that opens with a label of several words names the block it heads:
#: "Mehr zum Thema auf example.de", "Related articles from our archive".
_LABEL_LEAD = re.compile(
    "^(?:"
    + "|".join(sorted((re.escape(lb) for lb in LABELS if " " in lb), key=len, reverse=True))
    + ") "
)

#: "Reading time: 3 minutes", "5 min read": a widget's estimate, not the story.
_READING_TIME = re.compile(
    r"^(?:reading time|read time|lesezeit|lesedauer|tempo de leitura|tiempo de lectura|"
    r"temps de lecture|tempo di lettura|\d+ min(?:ute)?s? read|\d+ minuten? lesezeit)\b"
)

#: A paragraph that opens with one of these and is mostly a link points elsewhere.
_TEASER_LEAD = re.compile(
    r"^\W*(?:related|read more|read also|also read|see also|see more|more|recommended|watch|"
    r"listen|related article|related story|related coverage|further reading|read next|"
    r"recommended reading|don'?t miss|must read|explore further|"
    r"lesen sie auch|auch lesen|weiterlesen|mehr zum thema|mehr themen|siehe auch|das könnte sie "
    r"auch interessieren|lire aussi|à lire aussi|a lire aussi|voir aussi|lea también|lee también|"
    r"vea también|ver también|mira|te puede interesar|leia também|veja também|leggi anche|"
    r"vedi anche|lees ook|"
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
#: Set in italics, a line naming the source or the cover picture, or disclaiming
#: liability, is an editor's note under the story; in roman type it may be the story.
_SOURCE_NOTE = re.compile(
    r"^\W*(?:quellen?|sources?|fuentes?|fonte|titelbild|titelfoto|aufmacherbild|bildquellen?|"
    r"bildnachweis|alle angaben ohne gewähr|angaben ohne gewähr)\b",
    re.IGNORECASE,
)
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


def _own_part(words: list[str]) -> list[str]:
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


def clean_body(
    body: HtmlElement, *, headline: str | None = None, url: str | None = None
) -> Cleaning:
    """Remove furniture from the article container ``body``, in place.

    The container itself is kept whatever its classes say: it was chosen as
    the article, and WordPress decorates articles with words like ``post-meta``.
    ``url`` is the page's address: links to other sites tell sources from teasers.
    """
    cleaning = Cleaning()
    _strip_blocks(body, cleaning)
    _strip_by_shape(body, headline, site_key(url) if url else None, cleaning)
    _strip_share_links(body, cleaning)
    _trim_trailing_furniture(body, cleaning)
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
    body_text: list[int] = []  # the container's text length, measured once if needed
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
            and not _holds_most_text(el, kind, body, body_text)
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
    if not shown_as or _names_kind(" ".join(shown_as), "", False) is not None:
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


def _holds_most_text(el: HtmlElement, kind: str, body: HtmlElement, body_text: list[int]) -> bool:
    """Whether ``el`` holds two thirds of the container's text, little of it in links.

    The container was chosen for its text: a block named ``author_guidelines``
    or ``post-meta`` that carries most of it is the page's content, whatever
    its class says, even when it is not made of long paragraphs.
    """
    if kind in NEVER_WRAPS_STORY or kind in {"hidden", "invisible"}:
        return False
    if tag_of(el) in BOILERPLATE_TAGS or len(text_of(el)) < _MOST_TEXT:
        return False
    text_len, link_len = text_and_link_length(el)
    if text_len < _MOST_TEXT or link_len > _STORY_LINKS * text_len:
        return False
    if not body_text:
        body_text.append(text_and_link_length(body)[0])
    return 3 * text_len >= 2 * body_text[0]


#: Text enough for a block to be the content, not an author's bio beside a brief.
_MOST_TEXT = 500


def _set_in_story(el: HtmlElement, body: HtmlElement) -> bool:
    """A widget of prose with the story's text before and after it: a quote, a tweet, a box.

    Sidebars are built of widgets, but they flank the story; a component
    between two of its paragraphs is something the story shows. Lists of
    links there (related stories) stay furniture.
    """
    text_len, link_len = text_and_link_length(el)
    if not text_len or link_len > _STORY_LINKS * text_len:
        return False
    return _prose_beside(el, body, following=False) and _prose_beside(el, body, following=True)


def _prose_beside(el: HtmlElement, body: HtmlElement, *, following: bool) -> bool:
    """Whether text outside links comes before (or after) ``el`` within ``body``."""
    node = el
    while node is not body and node is not None:
        for sibling in node.itersiblings(preceding=not following):
            if tag_of(sibling) in INVISIBLE_TAGS:
                continue
            text_len, link_len = text_and_link_length(sibling)
            if text_len - link_len >= _FOLLOWING_TEXT:
                return True
        node = node.getparent()
    return False


def _in_sentence(el: HtmlElement, kind: str) -> bool:
    """A few words the sentence runs on after: class words name their markup, not a block.

    Tag clouds link terms inside sentences (``a.auto-tag``, ``a.tag-link``),
    glossaries wrap them (``span.tooltip``) and papers set the place a story
    is filed from in ``span.dateline``: removing them leaves holes in the text.
    Hidden words (``screen-reader-text``) stay furniture.
    """
    if tag_of(el) not in _INLINE_TAGS or kind in {"hidden", "invisible"}:
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


def _strip_by_shape(
    body: HtmlElement, headline: str | None, site: str | None, cleaning: Cleaning
) -> None:
    headline_key = label_key(headline) if headline else None
    lengths = subtree_lengths(body)
    cited: set[HtmlElement] = set()  # inside a list of sources: not teasers one by one
    link_run: set[HtmlElement] = set()
    for el in list(body.iter(*_SHAPE_TAGS)):
        if el.getparent() is None or el is body or el in cited:
            continue
        text_len, link_len = lengths.get(el, (0, 0))
        tag = tag_of(el)
        if text_len == 0:
            if tag not in {"h1", "h2", "h3", "h4", "h5", "h6", "table", "dl"} and not _has_media(
                el
            ):
                drop(el)
            continue
        if text_len < 60:
            key = label_key(visible_text(el))
            if key in LABELS:
                cleaning.count("label")
                drop(el)
                continue
            if (tag in HEADING_TAGS and _LABEL_LEAD.match(key)) or _READING_TIME.match(key):
                cleaning.count("label")
                drop(el)
                continue
            if tag == "h1" or (tag in HEADING_TAGS and key == headline_key):
                cleaning.count("headline")
                drop(el)
                continue
        if tag in HEADING_TAGS and link_len >= _LINKED_PARAGRAPH * text_len:
            card = _teaser_card(el, body, lengths)
            if card is not None:
                cleaning.count("teaser")
                drop(card)
                continue
        if tag in {"span", "strong", "b"}:
            continue
        if tag in {"p", "div"} and (_is_labelled_link(el, text_len, link_len) or _is_tagline(el)):
            cleaning.count("teaser")
            drop(el)
            continue
        links = link_len / text_len
        if _is_link_list(el, tag, text_len, links, lengths, link_run):
            if site and _cites_other_sites(el, link_len, site):
                cited.update(el.iter(*_SHAPE_TAGS))
                continue
            cleaning.count("links")
            drop(el)
        elif _is_teaser_block(el, tag, text_len, links):
            cleaning.count("teaser")
            drop(el)
        elif tag == "p":
            text = visible_text(el)
            if (links > 0.5 and _TEASER_LEAD.match(text)) or (
                links >= _LINKED_PARAGRAPH
                and (text_len < _TEASER_LENGTH or _count_links(el) > 1)
                and not (
                    site
                    and _cites_another_site(el, link_len, site)
                    and _story_follows(el, body, lengths)
                )
            ):
                cleaning.count("teaser")
                drop(el)
            elif text_len < _CREDIT_LENGTH and (
                _CREDIT_LINE.match(text) or (_SOURCE_NOTE.match(text) and not _roman_text(el))
            ):
                cleaning.count("credit")
                drop(el)


def _is_link_list(
    el: HtmlElement,
    tag: str,
    text_len: int,
    links: float,
    lengths: dict[HtmlElement, tuple[int, int]],
    link_run: set[HtmlElement],
) -> bool:
    """Mostly links, two or more of them; or one of a run of one-link lists."""
    if el in link_run:
        return True
    if (
        tag in {"ul", "ol", "div", "section", "table", "dl"}
        and links > 0.6
        and _count_links(el) >= 2
        and text_len < 2000
    ):
        return True
    return tag in {"ul", "ol"} and _starts_link_run(el, lengths, link_run)


def _starts_link_run(
    el: HtmlElement, lengths: dict[HtmlElement, tuple[int, int]], link_run: set[HtmlElement]
) -> bool:
    """Lists of one link each, one after another: a link list cut into pieces.

    Themes that wrap every "read more" headline in a ``<ul>`` of its own defeat
    the two-link rule; the lists that follow ``el`` are marked for removal.
    """
    run = []
    node = el.getnext()
    while node is not None and tag_of(node) in {"ul", "ol"} and _is_one_link(node, lengths):
        run.append(node)
        node = node.getnext()
    if not run or not _is_one_link(el, lengths):
        return False
    link_run.update(run)
    return True


def _is_one_link(el: HtmlElement, lengths: dict[HtmlElement, tuple[int, int]]) -> bool:
    text_len, link_len = lengths.get(el, (0, 0))
    return 0 < text_len < _TEASER_LENGTH and link_len >= _LINKED_PARAGRAPH * text_len


def _is_teaser_block(el: HtmlElement, tag: str, text_len: int, links: float) -> bool:
    """A card of one picture link, or a heading led by a teaser label ("MIRA: <a>…")."""
    if tag in HEADING_TAGS:
        return links > 0.5 and _TEASER_LEAD.match(visible_text(el)) is not None
    return (
        tag in {"div", "section"}
        and links >= _LINKED_PARAGRAPH
        and text_len < _TEASER_LENGTH
        and _is_picture_link(el)
    )


def _is_picture_link(el: HtmlElement) -> bool:
    """One link to another page around a picture and its words: a teaser card.

    A picture linked to its own larger file is the story's illustration.
    """
    links = list(el.iter("a"))
    if len(links) != 1 or not _has_media(links[0]):
        return False
    href = (links[0].get("href") or "#").lower()
    return not href.startswith("#") and not href.split("?")[0].endswith(_PICTURE_FILES)


_PICTURE_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def _teaser_card(
    heading: HtmlElement, body: HtmlElement, lengths: dict[HtmlElement, tuple[int, int]]
) -> HtmlElement | None:
    """The small block around a linked ``heading`` that advertises another page.

    A card is a headline linked elsewhere with a picture or a line of excerpt,
    in a wrapper of its own. A linked heading of the story's own sections sits
    in the story's container, beside long text: no small wrapper, no card.
    """
    link = next(
        (node for node in heading.iterancestors("a")),
        next(heading.iter("a"), None),
    )
    if link is None or (link.get("href") or "#").startswith("#"):
        return None
    card = None
    node = heading.getparent()
    while node is not None and node is not body and lengths.get(node, (0, 0))[0] <= _CARD_TEXT:
        card = node
        node = node.getparent()
    if card is None or node is None:
        return None
    if lengths.get(card, (0, 0))[0] <= lengths.get(heading, (0, 0))[0] and not _has_media(card):
        return None  # a bare linked heading: nothing says it is not the story's
    return card


def _is_labelled_link(el: HtmlElement, text_len: int, link_len: int) -> bool:
    """A label and nothing but links after it: "Tag: Apple", "Tags: Bilt, Cent |".

    A sentence of the story that links a term has words of its own after the colon;
    commas and bars between links are no words.
    """
    label = (el.text or "").strip()
    if not (
        text_len < _LABELLED_LINK_LENGTH
        and 0 < len(label) <= _LABEL_LENGTH
        and label.endswith(":")
        and link_len > 0
    ):
        return False
    if link_len >= text_len - len(label):
        return True
    return not any(_WORD.search(text) for text in _unlinked_texts(el, skip_own=True))


def _unlinked_texts(el: HtmlElement, *, skip_own: bool = False) -> Iterator[str]:
    """Visible text of ``el`` outside links."""
    if el.text and not skip_own:
        yield el.text
    for child in el:
        tag = tag_of(child)
        if tag and tag != "a" and tag not in INVISIBLE_TAGS:
            yield from _unlinked_texts(child)
        if child.tail:
            yield child.tail


_WORD = re.compile(r"\w")


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
_CARD_TEXT = 400
_LABEL_LENGTH = 30
_TAGLINE_LENGTH = 300


def site_key(url: str) -> str:
    """The registered name a URL's host belongs to: ``blogs.faz.net`` → ``faz.net``.

    Country second levels (``co.uk``, ``com.br``) keep a third label.
    """
    host = (urlsplit(url).hostname or "").rstrip(".")
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def _cites_other_sites(el: HtmlElement, link_len: int, site: str) -> bool:
    """A list of titled links, most to other sites: the story's sources or picks.

    Related-post lists and menus link the site's own pages; a press review,
    a link roundup or a deals list names pages elsewhere, in whole titles
    rather than the one-word labels of share bars and social profiles.
    """
    if next(el.iter("li"), None) is None:
        return False
    links = 0
    elsewhere = 0
    for a in el.iter("a"):
        links += 1
        href = (a.get("href") or "").strip()
        if href.startswith(("http://", "https://", "//")) and not _SHARE_HREF.search(href):
            elsewhere += site_key(href) != site
    return 2 * elsewhere >= links and link_len >= _CITED_TITLE * links


def _cites_another_site(el: HtmlElement, link_len: int, site: str) -> bool:
    """One titled link to another site: the story's source, not a teaser for the next one.

    Reference apparatus ("PubMed Google Scholar") is several one-word links.
    """
    links = list(el.iter("a"))
    if len(links) != 1 or link_len < _CITED_TITLE:
        return False
    href = (links[0].get("href") or "").strip()
    return (
        href.startswith(("http://", "https://", "//"))
        and not _SHARE_HREF.search(href)
        and site_key(href) != site
    )


def _story_follows(
    el: HtmlElement, body: HtmlElement, lengths: dict[HtmlElement, tuple[int, int]]
) -> bool:
    """Whether text outside links comes after ``el`` in the body: ``el`` is mid-story."""
    node = el
    while node is not body and node is not None:
        for sibling in node.itersiblings():
            text_len, link_len = lengths.get(sibling, (0, 0))
            if text_len - link_len >= _FOLLOWING_TEXT:
                return True
        node = node.getparent()
    return False


_FOLLOWING_TEXT = 80


#: Average length of a link's text in a list of cited pages (titles, not labels).
_CITED_TITLE = 20


def _count_links(el: HtmlElement) -> int:
    return sum(1 for _ in el.iter("a"))


def _has_media(el: HtmlElement) -> bool:
    return next(el.iter("img", "picture", "video", "table"), None) is not None


def _trim_trailing_furniture(body: HtmlElement, cleaning: Cleaning) -> None:
    """Take off what a theme or an editor appends after the story's last paragraph.

    A heading or a label ("Schon gelesen?", "Kontakt:") with nothing after it
    introduced a block that was removed; a short appeal to subscribe, follow or
    download is a house line, not the story. Both are judged only at the very
    end, block by block, so a story sentence that mentions an app stays.
    """
    _trim_tail(body, cleaning, pictures_after=False)


def _trim_tail(node: HtmlElement, cleaning: Cleaning, *, pictures_after: bool) -> bool | None:
    """Walk ``node``'s blocks from its end, dropping furniture, until story text.

    Returns ``None`` once story text is met (the walk is over), else whether
    pictures follow what is left. Empty elements are dropped on the way;
    pictures (app badges, banners) are stepped over, but a label before them
    introduces them and stays.
    """
    for child in reversed(node):
        if child.tail and child.tail.strip():
            return None  # the body ends in loose text, which is left alone
        tag = tag_of(child)
        if not tag or not collapse(text_of(child)):
            if tag and _has_media(child):
                pictures_after = True
            else:
                drop(child)
            continue
        if tag in HEADING_TAGS or tag in _TAIL_BLOCKS or not _has_block_child(child):
            kind = _tail_kind(child, pictures_after=pictures_after)
            if kind is None:
                return None
            cleaning.count(kind)
            drop(child)
            continue
        inner = _trim_tail(child, cleaning, pictures_after=pictures_after)
        if inner is None:
            return None
        pictures_after = inner
    if node.text and node.text.strip():
        return None
    return pictures_after


def _tail_kind(el: HtmlElement, *, pictures_after: bool) -> str | None:
    """Why the body's last block ``el`` is furniture: a heading, a label, an appeal or a
    link back to the site."""
    text = visible_text(el)
    if not pictures_after and (
        (tag_of(el) in HEADING_TAGS and not _SENTENCES.search(text))
        or (len(text.split()) <= _TAIL_LABEL_WORDS and text.endswith((":", "?")))
    ):
        return "orphan-heading"
    if len(text) <= _APPEAL_LENGTH and (_APPEAL.search(text) or _DISCLAIMER.search(text)):
        return "appeal"
    if len(text) <= _BACK_LINK_LENGTH and _BACK_LINK.match(text):
        text_len, link_len = text_and_link_length(el)
        if link_len >= _LINKED_PARAGRAPH * text_len:
            return "navigation"
    return None


#: Two sentences or more: prose the theme set in a heading style, not a block's title.
_SENTENCES = re.compile(r"\w[.!?…]\s+\S.*\w[.!?…][\"'»“”]?$")
#: A label is a few words: a longer sentence ending in a colon introduces a quote
#: or an embed, one ending in a question mark is the story's own question.
_TAIL_LABEL_WORDS = 6
_APPEAL_LENGTH = 600
#: "Back to the list", "Zurück zur Startseite": a link out of the article, not its end.
_BACK_LINK = re.compile(
    r"^\W*(?:back to|go back|return to|zurück|retour|volver|regresar|torna|terug)\b", re.IGNORECASE
)
_BACK_LINK_LENGTH = 60
#: Words of a call to subscribe, follow, download or join, in the usual languages.
_APPEAL = re.compile(
    r"\b(?:subscribe|subscribers?|sign up|log in|download (?:the|our)|"
    r"follow (?:us|\w+(?: [\w.]+){0,6} on (?:twitter|facebook|instagram|x|tiktok|youtube|"
    r"linkedin|telegram|whatsapp))|like us|join (?:us|now|our)|you join|"
    r"like this (?:story|article)|share (?:it|this) with|listen (?:live|back)|"
    r"(?:get|download|install) [^.!?]{0,80}\bapps?|"
    r"our (?:apps?|newsletter|channel|podcast|e-?paper)|"
    r"the full story|support (?:us|our)|donate|send us (?:your|a)|"
    r"(?:in|to|through) your (?:inbox|letterbox)|"
    r"abonnieren sie|folg(?:en sie|e|t) uns|liken sie|gefällt (?:dir|ihnen) unser|"
    r"unterstütze (?:uns|unser)|jetzt (?:bestellen|anmelden|registrieren|abonnieren|herunterladen)|"
    r"kostenlos anmelden|einloggen|unser(?:e|en)? (?:app|kanal|newsletter|podcast)|"
    r"suscr[ií]bete|s[ií]guenos|[uú]nete|nuestro canal|desc[aá]rga (?:la|nuestra)|"
    r"abonnez|suivez-nous|t[ée]l[ée]chargez|inscrivez|rejoignez|"
    r"iscriviti|abbonati|seguici|assine|siga-nos)\b",
    re.IGNORECASE,
)


#: A publisher disowning what it printed: a house line under every story.
_DISCLAIMER = re.compile(
    r"\b(?:is not responsible for the (?:opinions?|views?|content)|"
    r"(?:übernimmt|übernehmen) keine (?:haftung|gewähr)|ohne gewähr|"
    r"no se hace responsable|n'est pas responsable|non è responsabile)\b",
    re.IGNORECASE,
)


_TAIL_BLOCKS = frozenset({"p", "li", "dd", "blockquote", "figure", "table"})


def _has_block_child(el: HtmlElement) -> bool:
    return any(tag_of(child) in BLOCK_TAGS for child in el)
