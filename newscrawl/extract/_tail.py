"""What themes and editors append after the story's last paragraph.

Judged from the end of the body backwards, block by block, and only there:
the same words mid-story ("download our app" in a story about apps) stay.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    BLOCK_TAGS,
    HEADING_TAGS,
    collapse,
    drop,
    tag_of,
    text_and_link_length,
    text_of,
    visible_text,
)
from newscrawl.extract._shapes import LINKED_PARAGRAPH, has_media
from newscrawl.extract.rules import on

if TYPE_CHECKING:
    from newscrawl.extract.cleaning import Cleaning


def trim_trailing_furniture(body: HtmlElement, cleaning: Cleaning) -> None:
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
            if tag and has_media(child):
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
    if (
        not pictures_after
        and on("tail.orphan_heading")
        and (
            (el.tag in HEADING_TAGS and not _SENTENCES.search(text))
            or (len(text.split()) <= _TAIL_LABEL_WORDS and text.endswith((":", "?")))
        )
    ):
        return "orphan-heading"
    if (
        len(text) <= _APPEAL_LENGTH
        and on("tail.appeal")
        and (_is_appeal(folded := text.lower()) or _DISCLAIMER.search(folded))
    ):
        return "appeal"
    if len(text) <= _COPYRIGHT_LENGTH and on("tail.copyright") and _COPYRIGHT.match(text):
        return "credit"
    if len(text) <= _BACK_LINK_LENGTH and on("tail.back_link") and _BACK_LINK.match(text):
        text_len, link_len = text_and_link_length(el)
        if link_len >= LINKED_PARAGRAPH * text_len:
            return "navigation"
    return None


#: Two sentences or more: prose the theme set in a heading style, not a block's title.
_SENTENCES = re.compile(r"\w[.!?…]\s+\S.*\w[.!?…][\"'»“”]?$")
#: A label is a few words: a longer sentence ending in a colon introduces a quote
#: or an embed, one ending in a question mark is the story's own question.
_TAIL_LABEL_WORDS = 6
_APPEAL_LENGTH = 600


def _is_appeal(text: str) -> bool:
    """Whether ``text`` (lower-cased) calls on the reader to subscribe, follow, download or join.

    A house line makes the call at once or more than once; a longer last
    paragraph of the story that mentions signing up in passing ("interested
    readers can register for free") tells what others can do.
    """
    calls = _APPEAL.finditer(text)
    first = next(calls, None)
    if first is None:
        return False
    if len(text) <= _SHORT_APPEAL:
        return True
    opening = _SENTENCE_END.search(text)
    return (opening is None or first.start() < opening.start()) or next(calls, None) is not None


#: Up to this length a call anywhere makes a paragraph an appeal.
_SHORT_APPEAL = 200
_SENTENCE_END = re.compile(r"[.!?…]\s")
#: "Back to the list", "Zurück zur Startseite": a link out of the article, not its end.
_BACK_LINK = re.compile(
    r"^\W*(?:back to|go back|return to|zurück|retour|volver|regresar|torna|terug)\b", re.IGNORECASE
)
_BACK_LINK_LENGTH = 60
#: "© 2024 The Daily", "Copyright 2024 Example Media. All rights reserved."
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_COPYRIGHT_LENGTH = 300
#: Words of a call to subscribe, follow, download or join, in the usual languages, for
#: lower-cased text: searched case-sensitively, a paragraph takes a quarter of the time.
_APPEAL = re.compile(
    r"\b(?:subscribe|subscribers?|sign up|log in|download (?:the|our)|"
    r"follow (?:us|\w+(?: [\w.]+){0,6} on (?:twitter|facebook|instagram|x|tiktok|youtube|"
    r"linkedin|telegram|whatsapp))|like us|join (?:us|now|our)|you join|"
    r"like this (?:story|article)|share (?:it|this) with|listen (?:live|back)|"
    r"(?:get|download|install) [^.!?]{0,80}\bapps?|"
    r"our (?:apps?|newsletter|channel|podcast|e-?paper)|"
    r"the full story|support (?:us|our)|donate|send us (?:your|a)|"
    r"for (?:full |unlimited )?access to|access to this (?:content|article|story)|"
    r"(?:to )?(?:continue|keep) reading|"
    r"(?:in|to|through) your (?:inbox|letterbox)|"
    r"abonnieren sie|folg(?:en sie|e|t) uns|liken sie|gefällt (?:dir|ihnen) unser|"
    r"unterstütze (?:uns|unser)|jetzt (?:bestellen|anmelden|registrieren|abonnieren|herunterladen)|"
    r"kostenlos anmelden|einloggen|unser(?:e|en)? (?:app|kanal|newsletter|podcast)|"
    r"suscr[ií]bete|s[ií]guenos|[uú]nete|nuestro canal|desc[aá]rga (?:la|nuestra)|"
    r"abonnez|suivez-nous|t[ée]l[ée]chargez|inscrivez|rejoignez|"
    r"iscriviti|abbonati|seguici|assine|siga-nos)\b"
)
#: A publisher disowning what it printed: a house line under every story (lower-cased).
_DISCLAIMER = re.compile(
    r"\b(?:is not responsible for the (?:opinions?|views?|content)|"
    r"(?:übernimmt|übernehmen) keine (?:haftung|gewähr)|ohne gewähr|"
    r"no se hace responsable|n'est pas responsable|non è responsabile)\b"
)
_TAIL_BLOCKS = frozenset({"p", "li", "dd", "blockquote", "figure", "table"})


def _has_block_child(el: HtmlElement) -> bool:
    """Whether ``el`` holds blocks, also inside a link: a tile (``a > div > h2``) is a block."""
    return any(
        child.tag in BLOCK_TAGS or (child.tag == "a" and _has_block_child(child)) for child in el
    )
