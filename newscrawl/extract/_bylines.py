"""Where a page prints its credit: byline elements, lines by the headline, signatures.

Each function reads one kind of place and returns the names it credits (by
:mod:`~newscrawl.extract._names`); :mod:`~newscrawl.extract.authors` weighs them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice, pairwise

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    BLOCK_TAGS,
    FOLLOWING_TEXT,
    INVISIBLE_TAGS,
    collapse,
    select_elements,
    select_texts,
    tag_of,
    visible_text,
)
from newscrawl.extract._names import (
    BULLETS,
    BY_LINE,
    DATE_FIELD,
    FIELDS,
    MAX_WORDS,
    NON_WORD,
    ROLE_LABEL,
    TEAM,
    clean_name,
    credited_names,
    is_name,
    looks_like_person,
    name_key,
    names_in_fields,
    split_names,
    vocabulary,
    without_credits,
)
from newscrawl.extract.boilerplate import class_kind, is_off_article

#: Class/id words that mark a byline (lower-cased; "uthor" also finds "Author").
_HINTS = re.compile("uthor|byline|auteur|autor|writer|creator")
#: Drupal's "submitted" line: "Submitted by Jane Doe on 12 May 2024" under a
#: story, but "Jane Doe on 12 May 2024" under each comment. Only the line that
#: says "by" is a byline.
_SUBMITTED = "submitted"
#: Attributes that may mark a byline.
_MARKING_ATTRIBUTES = frozenset({"class", "id", "rel", "itemprop", "data-testid"})
_NOT_BYLINES = frozenset({"script", "style", "meta", "link"})
#: Elements whose text is a field of a byline of its own: a block, a time, a line break.
_FIELD_TAGS = BLOCK_TAGS | {"br", "time"}
_FIELD_END = "\x1f"
#: Elements glued to the word before them: a footnote mark ("Adwan<sup>1</sup>").
_MARKS = frozenset({"sup", "sub"})
_NEXT_TEXT = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][1]"
)
#: First words of a credit line, as written ("Von:" too, when the names follow
#: in the next element).
_LINE_OPENINGS = vocabulary(
    """
    by by: von von: par por door autor autor: autorin autorin: author author: auteur auteur:
    text text: texte: redaktion: written posted geschrieben verfasst publié escrito scritto
    """
)
_LINE_WORDS = "|".join(sorted({v for w in _LINE_OPENINGS for v in (w, w.capitalize(), w.upper())}))
_LINE_INITIALS = "".join(sorted({w[0] for w in _LINE_WORDS.split("|")}))
#: Text nodes whose first word opens a credit. One lookup of the first word in
#: a list, after a test of its first letter: testing each opening in turn on
#: every text node of a long page costs milliseconds.
_BYLINE_LINES = etree.XPath(
    "//body//text()[normalize-space()][string-length() < 300]"
    f"[contains('{_LINE_INITIALS}{BULLETS}', substring(normalize-space(), 1, 1))]"
    f"[contains('|{_LINE_WORDS}|', concat('|', substring-before(concat(normalize-space("
    f"translate(normalize-space(), '\xa0{BULLETS}', ' ')), ' '), ' '), '|'))]"
    "[not(parent::script or parent::style)]"
)
_MAX_BYLINES = 15
_MAX_BYLINE_ELEMENTS = 60
_MAX_BYLINE_LINES = 20
_MAX_CREDIT_BLOCKS = 5
_MAX_BYLINE_TEXT = 160
_MAX_LINE_TEXT = 150
#: Kinds of blocks whose bylines credit another story or a commenter.
_OTHER_CONTENT = frozenset({"comments", "related", "navigation"})
_STORY_TAGS = frozenset({"article", "main", "body"})
_HEADINGS = frozenset({"h1", "h2", "h3"})
_HEADING_DEPTH = 3
_VISIBLE_TEXTS = etree.XPath(
    "//body//text()[normalize-space()][not(parent::script or parent::style)]"
)


def byline_names(root: HtmlElement, off_article: list[HtmlElement]) -> Iterator[list[str]]:
    """Names in the elements marked as bylines, in page order.

    Elements outside the article are set aside in ``off_article``: an author
    box in a footer or sidebar is a last resort, not a first choice.
    """
    tried = 0
    for el in islice(_byline_elements(root), _MAX_BYLINE_ELEMENTS):
        if tried == _MAX_BYLINES:
            return
        if is_off_article(el):
            off_article.append(el)
            continue
        tried += 1
        yield _element_names(el)


def _element_names(el: HtmlElement) -> list[str]:
    text = el.get("content") or _byline_text(el)
    if len(text) > _MAX_BYLINE_TEXT:
        return _author_box_name(text)
    return names_in_fields(text) if text else []


def _author_box_name(text: str) -> list[str]:
    """The person an author box opens with, before the bio: "Inga Hoeltmann Follow\nExpertin …".

    A long element marked as a byline may as well be a menu or a whole post;
    only a first line that is one person's name, followed by a line longer than
    any name (the bio), is taken.
    """
    first, _, rest = text.partition("\n")
    names = split_names([first])
    if len(names) != 1 or not looks_like_person(names[0], min_words=2) or TEAM.search(names[0]):
        return []
    return names if len(rest.split("\n", 1)[0].split()) > MAX_WORDS else []


def _byline_text(el: HtmlElement) -> str:
    """The element's visible text, a line per block: blocks and ``<time>`` are fields.

    Run together, "Jane Doe" in one ``<div>`` and "3 hours ago" in the next
    would read "Jane Doe3 hours ago".
    """
    lines = (collapse(line) for line in "".join(_field_texts(el)).split(_FIELD_END))
    return "\n".join(line for line in lines if line)


def _field_texts(el: HtmlElement, *, glued: bool = False) -> Iterator[str]:
    tag = tag_of(el)
    if tag in INVISIBLE_TAGS:
        return
    glued = glued or tag in _MARKS
    # An element starts a word at least: "<span>By</span><a>Jane Doe</a>".
    end = _FIELD_END if tag in _FIELD_TAGS else ""
    yield end or ("" if glued else " ")
    if tag and el.text:  # a comment's text is not shown
        yield el.text
    for child in el:
        yield from _field_texts(child, glued=glued)
        if child.tail:
            yield child.tail
    yield end


def most_credited(elements: list[HtmlElement]) -> list[str]:
    """The names that bylines outside the article give most often, if one list leads.

    A post's footer or sidebar box names its author again and again; a list
    of posts or teasers names several authors, none of whom wrote this page.
    """
    counts = Counter(
        tuple(names)
        for el in elements
        if not _in_other_content(el)
        for names in [_element_names(el)]
        if names
    ).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return []
    return list(counts[0][0])


#: WordPress marks the comments the post's author wrote, with the author's login.
_POST_AUTHOR_COMMENT = re.compile(r"(?:^|\s)comment-author-(\S+)(?=.*\bbypostauthor\b)")


def post_author_in_comments(elements: list[HtmlElement]) -> list[str]:
    """The post's author as a comment of theirs prints the name, when no byline does.

    WordPress classes a comment ``bypostauthor`` and ``comment-author-<login>``
    if the post's author wrote it; the name printed in it whose letters are
    the login's ("Jane Doe" for ``jane-doe``) is theirs.
    """
    for el in elements:
        marked = _POST_AUTHOR_COMMENT.search(el.get("class") or "")
        if marked is None:
            continue
        login = name_key(marked.group(1))
        for child in el.iter(etree.Element):
            name = clean_name(child.text or "")
            if name_key(name) == login and is_name(name):
                return [name]
    return []


def _in_other_content(el: HtmlElement) -> bool:
    """Whether ``el`` sits in comments, related stories or navigation.

    The walk stops at the story's ``<article>`` or ``<main>``: above them,
    classes describe the page ("with-navigation"), not the byline's block.
    """
    node: HtmlElement | None = el
    while node is not None and node.tag not in _STORY_TAGS:
        if node.tag == "nav" or class_kind(node) in _OTHER_CONTENT:
            return True
        node = node.getparent()
    return False


def names_near_headline(root: HtmlElement) -> list[str]:
    """A "By Jane Doe" / "Von Max Muster" field within a few lines after the ``<h1>``.

    This close to the headline a single name ("von Olga") is credit enough,
    and so is an agency's name alone, if no person is credited.
    The search ends at a heading that links elsewhere: a byline under it
    credits another story (on a front page, the first teaser's).
    """
    team: list[str] = []
    for h1 in islice(root.iter("h1"), 2):
        texts: list[str] = []
        for node in _text_nodes(FOLLOWING_TEXT, h1):
            if _in_teaser_title(node):
                break
            texts.append(node)
        for text, after in zip(texts, [*texts[1:], ""], strict=False):
            for field in FIELDS.split(without_credits(_with_names(text, after))):
                names = credited_names(field, min_words=1)
                if names:
                    return names
                if not team and TEAM.fullmatch(field.strip()):
                    team = [field.strip()]  # an agency alone: "dpa", "AFP"
    return team


#: Fields of a dated line, at most: date, time, section and name.
_MAX_DATED_FIELDS = 4
#: Text nodes after the headline where a dated line may be.
_DATED_LINES = 6


def dated_line_name(root: HtmlElement) -> list[str]:
    """The name a date line by the headline prints without a lead: "04.02.2022 | Uta Helkenberg".

    Many CMSs print the date and the author's name as one meta line just above
    or below the headline. The line's last field, after the date, names the
    author if it is a full name and nothing else; a section or a list of tags
    comes before the date or holds a comma ("01.11.2021 | Naturschutz, BUND").
    """
    for h1 in islice(root.iter("h1"), 2):
        before = h1.getprevious()
        lines = [_byline_text(before)] if before is not None else []
        lines += _text_nodes(FOLLOWING_TEXT, h1)[:_DATED_LINES]
        for line in lines:
            fields = [f.strip() for f in FIELDS.split(line) if f.strip()]
            if not 1 < len(fields) <= _MAX_DATED_FIELDS or "," in fields[-1]:
                continue
            name = clean_name(fields[-1])
            if (
                any(map(DATE_FIELD.match, fields[:-1]))
                and is_name(name)
                and looks_like_person(name, min_words=2)
                and not TEAM.search(name)
            ):
                return [name]
    return []


def _in_teaser_title(node: etree._ElementUnicodeResult) -> bool:
    """Whether the text is a link in an ``<h1>``–``<h3>``: the title of another story."""
    owner = node.getparent()
    if owner is not None and node.is_tail:
        owner = owner.getparent()
    linked = False
    for _ in range(_HEADING_DEPTH):
        if owner is None:
            return False
        linked = linked or owner.tag == "a"
        if owner.tag in _HEADINGS:
            return linked
        owner = owner.getparent()
    return False


def _with_names(line: str, after: str) -> str:
    """``line``, joined to the text after it when the line is a lead alone ("Von:")."""
    return f"{line} {after}" if BY_LINE.match(line) and not BY_LINE.sub("", line).strip() else line


#: A magazine's credits block, which lists the photographer and stylist too.
_CREDIT_BLOCKS = etree.XPath("//body//*[contains(@class, 'credit')]")


def credit_block_names(root: HtmlElement) -> list[str]:
    """The writer in a credits block, labelled with a writing role ("Text", "Interview").

    Only a writing role's label counts: the block's other labels ("Foto",
    "Styling") credit people who did not write the story.
    """
    for el in select_elements(_CREDIT_BLOCKS, root)[:_MAX_CREDIT_BLOCKS]:
        lines = _byline_text(el).splitlines()
        for label, value in pairwise(lines):
            if ROLE_LABEL.fullmatch(label):
                names = credited_names(f"{label.rstrip(':')}: {value}", min_words=2)
                if names:
                    return names
    return []


#: A short bold or italic phrase that is a paragraph, or the line that ends one:
#: a subheading, or a signature.
_EMPHASISED_PARAGRAPHS = etree.XPath(
    "//body//p/*[self::strong or self::b or self::em or self::i]"
    "[string-length(normalize-space()) < 50]"
    "[normalize-space() = normalize-space(..) or (preceding-sibling::node()[1][self::br]"
    " and not(following-sibling::node()[normalize-space()]))]"
)
#: After a signature the story has ended: no paragraph this long follows it.
_MAX_AFTER_SIGNATURE = 200
_LISTS = frozenset({"ul", "ol", "dl", "table"})


def signature(root: HtmlElement) -> list[str]:
    """The name that signs the story off: its last paragraph, a name alone in bold or italics.

    Magazines and newsletters without byline markup sign a column or a review
    at its foot, set apart from the text ("<p><strong>Marina Mucha</strong></p>"),
    or on a line of its own that ends the last paragraph ("…<br><em>Claudia Duwe</em></p>").
    """
    marked = select_elements(_EMPHASISED_PARAGRAPHS, root)
    for el in reversed(marked):
        paragraph = el.getparent()
        if paragraph is None or is_off_article(paragraph):
            continue
        following = paragraph.getnext()
        if following is not None and following.tag in _LISTS:
            return []  # a subheading over a list of links
        if any(len(visible_text(p)) > _MAX_AFTER_SIGNATURE for p in paragraph.itersiblings("p")):
            return []
        name = clean_name(visible_text(el))
        if not is_name(name) or not looks_like_person(name, min_words=2) or TEAM.search(name):
            return []
        # A subheading's words ("Weitere Informationen") turn up in lower case in the text.
        text = " ".join(_text_nodes(_VISIBLE_TEXTS, root))
        lower = {word for word in NON_WORD.split(text) if word[:1].islower()}
        return [] if any(word.casefold() in lower for word in name.split()) else [name]
    return []


def names_in_lines(root: HtmlElement, *, labels_only: bool = False) -> Iterator[list[str]]:
    """Names from lines that open with a credit ("Von Jane Doe", "Written by: John Roe").

    Themes without byline markup still print the credit as a line of its own,
    often in the body: the line's element is read whole, since the names sit
    in links or bold text of their own. ``labels_only`` keeps the lines that
    are a label alone, their names in the next element (``<dt>Auteur</dt>``).
    """
    lines = (node for node in _text_nodes(_BYLINE_LINES, root) if BY_LINE.match(node))
    for node in islice(lines, _MAX_BYLINE_LINES):
        parent = node.getparent()
        if parent is not None and node.is_tail:
            parent = parent.getparent()  # a tail's "parent" is the element before it
        if parent is None or is_off_article(parent):
            continue
        line = visible_text(parent)
        if len(line) > _MAX_LINE_TEXT or not line.startswith(node.strip()):
            line = node.strip()
        if labels_only and BY_LINE.sub("", line).strip():
            continue
        line = _with_names(line, collapse(" ".join(select_texts(_NEXT_TEXT, parent))))
        yield credited_names(FIELDS.split(without_credits(line))[0], min_words=2)


def _text_nodes(xpath: etree.XPath, node: HtmlElement) -> list[etree._ElementUnicodeResult]:
    """Run a compiled XPath that selects text nodes, keeping their parents."""
    result = xpath(node)
    if not isinstance(result, list):
        return []
    return [text for text in result if isinstance(text, etree._ElementUnicodeResult)]


def _byline_elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Elements marked as bylines (``rel``/``itemprop=author``, byline classes), in page order.

    A walk over the elements of ``<body>`` (itself included) reading their
    attributes beats an XPath for the marking attributes: it sorts their union
    and wraps each value in a string that knows its element.
    """
    found: set[HtmlElement] = set()
    for body in root.iter("body"):
        for element in body.iter(etree.Element):
            if element in found or element.tag in _NOT_BYLINES:
                continue
            for name, value in element.items():
                if name in _MARKING_ATTRIBUTES and _marks(element, name, value):
                    found.add(element)
                    yield element
                    break


def _marks(element: HtmlElement, name: str, value: str) -> bool:
    """Whether the attribute ``name=value`` (one of :data:`_MARKING_ATTRIBUTES`) marks
    ``element`` as a byline."""
    text = value.lower()
    if name in {"rel", "itemprop"}:
        marked = text == "author"
    elif name == "data-testid":
        marked = "byline" in text
    else:
        marked = _HINTS.search(text) is not None
    return marked or (_SUBMITTED in text and BY_LINE.match(_byline_text(element)) is not None)
