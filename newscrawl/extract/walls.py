"""Pages that stand between the reader and the story: walls, and paywalls.

A wall answers in the story's place: a password form, a cookie-consent
page, a bot challenge, "please enable JavaScript", an app shell that
renders nothing without scripts. Such a page is not an article, whatever
text it holds, and :func:`find_wall` names its kind. A paywall leaves a
teaser: the page is an article, flagged (:func:`accessible_for_free`) — the
text that is there, never more.

The signs are what the platforms print, the same on every site that uses
them: WordPress's ``post-password-form``; the consent managers' containers
(OneTrust, Quantcast, Didomi, Sourcepoint, Funding Choices, Usercentrics,
Cookiebot) on a page whose text is about consent; the challenge pages of
Cloudflare, DataDome, PerimeterX and the captcha widgets; schema.org's
``isAccessibleForFree``, and the paywall vendors' markup (Piano, Tinypass,
Poool, Zephr, Pelcro).
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract._dom import select_texts, text_of, visible_text

__all__ = ["WALLS", "accessible_for_free", "find_wall"]

#: The kinds of wall, as reasons in the stats (``newscrawl/not_article/<kind>_wall``).
WALLS = ("password", "consent", "challenge", "script")

_CONSENT_BOX = re.compile(
    r"onetrust|qc-cmp|didomi|sp_message|fc-consent|usercentrics|cookiebot|CybotCookiebot"
    r"|cmp-container|consent-(?:wall|page|banner|modal)|gdpr-(?:wall|consent)",
    re.IGNORECASE,
)
_CONSENT_WORDS = re.compile(
    r"\b(?:consent|your privacy|privacy (?:settings|choices|preferences)|accept all|"
    r"reject all|manage (?:options|preferences|cookies)|we and our (?:\d+ )?partners|"
    r"legitimate interest|(?:we|this (?:site|website)) uses? cookies|cookie (?:policy|settings|"
    r"preferences|notice))\b",
    re.IGNORECASE,
)
#: Words one of :data:`_CONSENT_WORDS` holds: a text without any is not about consent.
_CONSENT_HINTS = ("consent", "cookie", "privacy", "partners", "legitimate", "accept", "reject")
_CHALLENGE_TITLE = re.compile(
    r"^(?:just a moment|attention required|access denied|are you a (?:robot|human)|"
    r"checking your browser|security check|pardon our interruption|verify you are human|"
    r"captcha)",
    re.IGNORECASE,
)
_CHALLENGE_MARK = re.compile(
    r"cf-challenge|challenge-platform|cf-chl|captcha-delivery|px-captcha|_Incapsula_Resource",
    re.IGNORECASE,
)
_SCRIPT_WORDS = re.compile(
    r"(?:enable|turn on|activate)\s+javascript|javascript (?:is )?(?:required|disabled|needed)"
    r"|requires? javascript|need javascript",
    re.IGNORECASE,
)
_PAYWALL_MARK = re.compile(
    r"paywall|piano-|tp-container|tp-modal|poool|zephr|pelcro|subscriber-only|"
    r"premium-(?:content|article|wall)|meter-(?:wall|overlay)|regwall",
    re.IGNORECASE,
)
#: The classes and ids of the container's blocks, of what is beside it and of what that
#: holds (a vendor's offer follows the teaser), and the page's ids, classes and script
#: sources: one XPath (libxml2 walks the tree) and one regular expression over the lot.
_NAMES = etree.XPath(
    "@class | @id | */@class | */@id | ../*/@class | ../*/@id | ../*/*/@class | ../*/*/@id"
)
_MARKS = etree.XPath("//@class | //@id | //script/@src | //iframe/@src")
#: What a paywall says in the story's place (English; the markup and schema.org say it in
#: every language).
_PAYWALL_PROMPT = re.compile(
    r"(?:subscribe|sign in|log in|register|join) (?:now )?to (?:continue|keep) reading"
    r"|to (?:read|continue reading) the (?:full|whole|rest of the) (?:story|article)"
    r"|already a (?:subscriber|member)\?|for subscribers only|subscribers? only"
    r"|this (?:article|content|story) is (?:only )?(?:for|available to|reserved for) "
    r"(?:paying )?(?:subscribers|members)|unlock (?:this|the full) (?:article|story)"
    r"|join \w+(?: \w+){0,3} for access to this content",
    re.IGNORECASE,
)
#: Words one of :data:`_PAYWALL_PROMPT` holds.
_PROMPT_HINTS = ("subscri", "member", "log in", "sign in", "register", "unlock", "join", "read")
#: A teaser is shorter than this; its offer is in the last (or first) this many characters.
_TEASER_WORDS = 400
_TAIL = 600
#: A page with less visible text than this is an empty shell, or a wall's few lines.
_FEW_WORDS = 150
#: ... and with less than this, nothing to read at all.
_NOTHING = 40


def find_wall(
    root: HtmlElement, text: str, body: HtmlElement | None = None, words: int | None = None
) -> str | None:
    """The kind of wall the page is (:data:`WALLS`), or ``None``: it may be an article.

    ``text`` is the article text the extraction found in its container ``body``
    (``""`` and ``None`` for none; ``words``, the text's length if known). A page
    with much to read is looked at no further than its container.
    """
    words = len(text.split()) if words is None else words
    # The form in the container; or anywhere, when the container holds next to nothing.
    scope = root if words < _FEW_WORDS else body
    if scope is not None and any(_is_password_form(form) for form in scope.iter("form")):
        return "password"
    if words >= _FEW_WORDS * 2:
        return None  # a page with that much to read is no wall
    title = " ".join((root.findtext(".//title") or "").split())
    if _CHALLENGE_TITLE.match(title):
        return "challenge"
    low = text.lower()
    hits = len(_CONSENT_WORDS.findall(text)) if any(w in low for w in _CONSENT_HINTS) else 0
    if hits < 2 and words >= _NOTHING:
        return None  # a short story: nothing about consent, and something to read
    marks = " ".join(select_texts(_MARKS, root))  # only now: a walk over the whole page
    if words < _NOTHING and _CHALLENGE_MARK.search(marks):
        return "challenge"
    if _is_about_consent(hits, words, marks):
        return "consent"
    # A short story whose comments need JavaScript is still a story: only a page
    # with next to nothing to read is a "JavaScript required" page.
    if words < _NOTHING:
        noscript = " ".join(" ".join(el.itertext()) for el in root.iter("noscript"))
        if _SCRIPT_WORDS.search(noscript) or _SCRIPT_WORDS.search(text):
            return "script"
        if not text and _is_app_shell(root):
            return "script"
    return None


def accessible_for_free(
    article_ld: dict[str, Any],
    body: HtmlElement | None = None,
    text: str | None = None,
    words: int | None = None,
) -> bool | None:
    """``False`` behind a paywall, ``True`` when the page says it is free, ``None`` when it
    does not say. The signs: schema.org's ``isAccessibleForFree`` (of the article or of a
    part of it), a paywall vendor's markup in or beside the article container ``body``, or
    a teaser (``text``, the container's) with a "keep reading" offer after it."""
    value = article_ld.get("isAccessibleForFree")
    if isinstance(value, str):
        value = {"true": True, "false": False}.get(value.strip().lower())
    if value is False:
        return False
    parts = article_ld.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict) and str(part.get("isAccessibleForFree")).lower() == "false":
            return False
    if body is not None and _PAYWALL_MARK.search(" ".join(select_texts(_NAMES, body))):
        return False
    if body is not None:
        text = text_of(body) if text is None else text
        words = len(text.split()) if words is None else words
        if words < _TEASER_WORDS and _is_teaser(body, text):
            return False
    return True if value is True else None


def _is_teaser(body: HtmlElement, text: str) -> bool:
    """A short text with a "subscribe to keep reading" offer at its end or just after it."""
    near = [text[-_TAIL:]] + [
        _head(el, _TAIL) for el in islice(body.itersiblings(etree.Element), 3)
    ]
    return any(
        _PAYWALL_PROMPT.search(part)
        for part in near
        if any(word in part.lower() for word in _PROMPT_HINTS)
    )


def _head(el: HtmlElement, size: int) -> str:
    """The first ``size`` characters of the text under ``el`` (not all of a long one)."""
    parts: list[str] = []
    length = 0
    for piece in el.itertext():
        parts.append(piece)
        length += len(piece)
        if length >= size:
            break
    return "".join(parts)[:size]


def _is_password_form(form: HtmlElement) -> bool:
    return "post-password-form" in (form.get("class") or "") or "postpass" in (
        form.get("action") or ""
    )


def _is_about_consent(hits: int, words: int, marks: str) -> bool:
    """A consent manager's container and a text about consent, or a text that is little else
    (``hits``: consent phrases in the page's ``words`` words)."""
    return (
        (hits >= 2 and bool(_CONSENT_BOX.search(marks))) or hits >= 5 or (hits >= 2 and words < 60)
    )


def _is_app_shell(root: HtmlElement) -> bool:
    """Scripts and an empty mount point (``#root``, ``#app``, ``#__next``): nothing to read."""
    body = root.find(".//body")
    if body is None:
        return False
    return len(visible_text(body).split()) < 20 and next(body.iter("script"), None) is not None
