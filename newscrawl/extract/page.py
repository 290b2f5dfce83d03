"""The article page object: one method per item field, nothing about crawling.

Built from a parsel ``Selector`` and the page's URL, in the manner of
web-poet's page objects, so a crawl, ``python -m newscrawl extract`` and the
tests all read a page through the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo
from functools import cached_property
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract._dom import (
    FOLLOWING_TEXT,
    attr_words,
    drop,
    join_url,
    select_elements,
    select_texts,
    tag_of,
    text_of,
    visible_text,
)
from newscrawl.extract.authors import find_authors
from newscrawl.extract.boilerplate import class_kind
from newscrawl.extract.content import find_body
from newscrawl.extract.dates import (
    Found,
    agreed_date,
    dayfirst_for,
    find_date,
    find_labelled_date,
    parse_date,
    settled,
)
from newscrawl.extract.metadata import PageMetadata, jsonld_text, read_metadata
from newscrawl.extract.navigation import Neighbours, find_neighbours
from newscrawl.extract.pages import next_page
from newscrawl.extract.rules import on
from newscrawl.extract.titles import find_headline, is_logo
from newscrawl.extract.walls import accessible_for_free, find_wall

#: Item key that carries the article container from extraction to the pipelines.
BODY_KEY = "_body"
#: Item key (dropped before export): the kind of wall the page is, if it is one.
WALL_KEY = "_wall"

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|$)")
_URL_DAY_FIRST = re.compile(r"/(0[1-9]|[12]\d|3[01])-?(0[1-9]|1[0-2])-?((?:19|20)\d\d)-")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms:created",
    "dcterms.date",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published_time",
    "citation_publication_date",
    "og:pubdate",
    "publication_date",
    "article_date_original",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
    "modified_time",
)


_DATE_HINTS = (
    "date",
    "Date",
    "time",
    "publish",
    "posted",
    "meta",
    "byline",
    "datum",
    "fecha",
    "submitted",
)
#: Class or id words that promise a date (matched as written: "Date" but not "update").
_DATE_CLASS = re.compile("|".join(_DATE_HINTS))
_MAX_DATE_ELEMENTS = 12
_PRECEDING_TEXT = etree.XPath(
    "preceding::text()[normalize-space()][not(parent::script or parent::style)][position() <= 4]"
)
_MAX_DATE_TEXT = 300
#: Longer texts are not a date alone, whatever their spacing.
_MAX_DATE_ALONE = 80
#: Punctuation around a date alone ("(10.09.2017)", "– 10. September 2017.").
_DATE_ALONE_MARKS = " .,;:()[]-–—|"
#: Texts after the headline whose start may hold a date line (lead, byline, first paragraph).
_LEAD_TEXTS = 6
#: A text that opens with a date and a dash ("27.1.2022 – ") or is just a date in brackets.
_DATE_LINE = re.compile(r"\s*(?:([^\W_][^–—|()]{5,35}?)\s+[-–—|]\s|\(([^()]{6,36})\)\s*$)")
#: Subheadings searched for the headline when ``<h1>`` is not it.
_MAX_HEADINGS = 30
_BODY_TEXT = etree.XPath(
    ".//text()[normalize-space()][not(parent::script or parent::style or parent::noscript)]"
)
_MARKED_PUBLISHED = etree.XPath("//*[@itemprop='datePublished']")
#: ``<meta>`` names worth a try when none of the known ones is there (``vr:published-time``).
_PUBLISH_NAME = re.compile(r"publi(?:sh|cation)[-_:.]?(?:ed)?[-_:.]?(?:date|time)|pub[-_]?date")
#: A numeric date whose first two parts could each be the month ("11/01/2023").
_EITHER_ORDER = re.compile(r"\s*(?:0?[1-9]|1[0-2])/(?:0?[1-9]|1[0-2])/\d{4}\b")
_NOT_PUBLISH_NAME = re.compile(r"modif|updat|expir|end")
_DATE_FURNITURE = frozenset({"comments", "related"})
#: The class of an element holding the date of a revision, not of publication
#: (WordPress's hidden ``span.updated``; not ``time.published.updated``, both at once).
_REVISED_CLASS = re.compile(r"^(?!.*publish).*(?:updated|modified)", re.IGNORECASE)
#: Microdata for the day of a revision (``<time itemprop=dateModified>``), often
#: hidden right under the headline where a date line would be.
_REVISED_PROPS = frozenset({"dateModified"})
#: Blocks whose dates belong to other pages or to the day of the visit: menus,
#: sidebars, teaser lists ("related", "navigation" by their class words too).
_DATE_ELSEWHERE_TAGS = frozenset({"nav", "aside", "menu"})
_DATE_ELSEWHERE = frozenset({"comments", "related", "navigation"})
_STORY_TAGS = frozenset({"article", "main"})
#: JSON-LD types of a page as a whole, whose dates are the page's when no article has any.
_PAGE_TYPES = "WebPage ItemPage AboutPage".split()


def _ancestors(el: HtmlElement) -> Iterator[HtmlElement]:
    """``el``'s ancestors below ``<body>``: the classes of ``<body>`` and ``<html>``
    describe the whole page ("pageLayout--related"), not one block of it."""
    for ancestor in el.iterancestors():
        if ancestor.tag in {"body", "html"}:
            return
        yield ancestor


def _in_furniture(el: HtmlElement) -> bool:
    """Inside a comment list or related-articles block."""
    for ancestor in el.iterancestors():
        if ancestor.tag == "body":
            return False  # its classes describe the whole page (see _ancestors)
        if class_kind(ancestor) in _DATE_FURNITURE:
            return True
    return False


def _in_caption(el: HtmlElement) -> bool:
    """Inside a picture's caption or credit: "…, June 28, 2023. (AP Photo/…)" dates the photo."""
    for node in (el, *el.iterancestors()):
        tag = tag_of(node)
        if tag == "body":
            return False
        if tag == "figcaption" or _names_caption(node):
            return True
    return False


def _in_teaser(el: HtmlElement) -> bool:
    """In a block named for other, recent posts (``div.latest-posts``,
    ``wp-block-latest-posts``): its dates are theirs."""
    for depth, node in enumerate((el, *el.iterancestors())):
        if node.tag in _TEASER_STOPS or depth > _TEASER_DEPTH:
            return False
        if _lists_recent_posts(node):
            return True
    return False


def _not_the_story(el: HtmlElement) -> bool:
    """:func:`_in_furniture`, :func:`_in_caption` or :func:`_in_teaser`, in one walk up."""
    teaser = on("date.no_teasers")
    for depth, node in enumerate((el, *el.iterancestors())):
        tag = tag_of(node)
        if tag == "body":
            return False
        if tag == "figcaption" or (depth and class_kind(node) in _DATE_FURNITURE):
            return True
        if tag in _TEASER_STOPS or depth > _TEASER_DEPTH:
            teaser = False
        if _names_caption(node) or (teaser and _lists_recent_posts(node)):
            return True
    return False


def _names_caption(node: HtmlElement) -> bool:
    """Whether the class or id of ``node`` names a caption or a credit."""
    names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
    return ("caption" in names or "credit" in names) and not _CAPTION_WORDS.isdisjoint(
        attr_words(node)
    )


def _lists_recent_posts(node: HtmlElement) -> bool:
    """Whether ``node`` is named for recent posts and links to several."""
    names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
    return (
        ("latest" in names or "recent" in names)
        and not _TEASER_WORDS.isdisjoint(attr_words(node))
        and len(list(islice(node.iter("a"), 2))) == 2  # a list of posts, not one post's
    )


_CAPTION_WORDS = frozenset("caption captions credit credits photocredit".split())
_TEASER_WORDS = frozenset("latest recent".split())
#: A recent-posts block sits inside the story's container, not around it.
_TEASER_STOPS = frozenset({"body", "article", "main"})
_TEASER_DEPTH = 6


def _story_texts(xpath: etree.XPath, node: HtmlElement) -> list[str]:
    """Text nodes the XPath selects, leaving out those in comments or related articles
    and those marked (by class or microdata) as a revision's date."""
    result: Any = xpath(node)
    if not isinstance(result, list):
        return []
    return [
        str(text)
        for text in result
        if isinstance(text, str)
        and not _not_the_story(parent := text.getparent())  # type: ignore[attr-defined]
        and not _REVISED_CLASS.search(parent.get("class") or "")
        and parent.get("itemprop") not in _REVISED_PROPS
    ]


def _elsewhere(el: HtmlElement) -> bool:
    """In a menu, a sidebar, a teaser list or the site's header (a masthead's "today").

    A ``<header>`` inside ``<article>``/``<main>`` or holding the ``<h1>`` is the
    story's own header, where date lines belong.
    """
    header = story = False
    for ancestor in _ancestors(el):
        tag = tag_of(ancestor)
        if tag in _DATE_ELSEWHERE_TAGS or class_kind(ancestor) in _DATE_ELSEWHERE:
            return True
        if tag in _STORY_TAGS:
            story = True
        elif tag == "header" and not story and next(ancestor.iter("h1"), None) is None:
            header = True
    return header


class ArticlePage:
    """Read one saved or downloaded page as an article."""

    def __init__(
        self,
        selector: Selector,
        url: str,
        *,
        downloaded: datetime | None = None,
        dayfirst: bool | None = None,
        tz: tzinfo = UTC,
        body_css: str | None = None,
        drop_css: Sequence[str] = (),
        language: str | None = None,
    ) -> None:
        """``dayfirst``, ``tz``, ``language``, ``body_css`` and ``drop_css`` are a
        site's overrides (see the sites file): what its pages get wrong or hide."""
        self.selector = selector
        self.root: HtmlElement = selector.root
        self.url = url
        self.downloaded = downloaded or datetime.now(UTC)
        self._dayfirst = dayfirst
        self._tz = tz
        self._body_css = body_css
        self._drop_css = tuple(drop_css)
        self._language = language
        #: The article container, once :meth:`to_item` found it.
        self._container: HtmlElement | None = None

    @cached_property
    def meta(self) -> PageMetadata:
        return read_metadata(self.root)

    @cached_property
    def _article_ld(self) -> dict[str, Any]:
        return self.meta.article() or {}

    def canonical_url(self) -> str | None:
        href = self.meta.link_href("canonical") or self.meta.first("og:url")
        if not href:
            return None
        absolute = join_url(self.url, href)
        return absolute if absolute and absolute.startswith(("http://", "https://")) else None

    def headline(self) -> str | None:
        return self._headline

    @cached_property
    def _headline(self) -> str | None:
        """Read once: dates, authors and the body's lead all look for it."""
        return find_headline(self.root, self.meta)

    def description(self) -> str | None:
        return self.meta.first(
            "description", "og:description", "twitter:description"
        ) or jsonld_text(self._article_ld.get("description"))

    def authors(self) -> list[dict[str, str]]:
        return [{"name": name} for name in find_authors(self.root, self.meta)]

    def in_language(self) -> str | None:
        lang = (
            self._language
            or jsonld_text(self._article_ld.get("inLanguage"))
            or self.meta.lang
            or self.meta.first("og:locale", "content-language", "language", "dc.language")
        )
        return lang.replace("_", "-") if lang else None

    @cached_property
    def _published(self) -> tuple[datetime, str] | tuple[None, None]:
        """The day the page's own sources agree on (see :func:`agreed_date`).

        One vote each: JSON-LD, ``<meta>``, microdata and ``<time>``, the date
        printed in the byline, the URL. The printed date is looked for only when
        it could change the outcome. Weaker hints only when all are silent.
        """
        ld = self._article_ld
        marked = [
            self._first_date([jsonld_text(ld.get("datePublished"))]),
            self._first_date([self.meta.first(*_PUBLISHED_META)]),
            self._first_date(self._time_elements()),
        ]
        url = self._url_date()
        if marked[2] is None:
            marked[2] = self._first_time()
            if marked[2] is not None and not any([*marked[:2], url]):
                # The first <time> of the page alone (often a sidebar's or a comment's):
                # a date the page labels as its publication's outweighs it.
                label = self._published_label()
                if label and label[0].date() != marked[2][0].date():
                    marked[2] = label
        printed = None if settled([*marked, url]) else self._printed_date
        # A date line (revision-labelled or not) wins a tie, as agreed_date explains.
        dateline = printed is not None and printed in self._date_lines
        if on("date.votes"):
            found = agreed_date([*marked, printed, url], printed, dateline=dateline)
        else:
            first = next((c for c in [*marked, printed, url] if c is not None), None)
            found = agreed_date([first], printed, dateline=dateline)
        if found and _EITHER_ORDER.match(found[1]):
            found = self._swapped(found, printed)
        return (
            found
            or self._first_date(self._weak_published())
            or self._labelled_date()
            or self._date_alone()
            or (None, None)
        )

    def _swapped(
        self, found: tuple[datetime, str], printed: tuple[datetime, str] | None
    ) -> tuple[datetime, str]:
        """``found`` with day and month the other way round, if the page prints it so.

        "11/01/2023" in a ``<meta>`` may be a US-minded CMS's 1 November on a page
        whose readers see "Erstellt am: 01.11.2023"; the words shown settle it.
        """
        day = found[0].date()
        if day.day == day.month:
            return found
        other = printed or self._labelled_date()
        if other and other[0].date() == day.replace(month=day.day, day=day.month):
            return other
        return found

    @cached_property
    def _printed_date(self) -> tuple[datetime, str] | None:
        """The date written for readers: the date line under the headline, or a byline.

        A date line that only says when the page was revised ("mis à jour le …")
        comes after a byline's date.
        """
        return self._date_near_headline_found or self._visible_date() or self._date_line_updated

    @cached_property
    def _date_line_updated(self) -> tuple[datetime, str] | None:
        return self._date_lines[1]

    @cached_property
    def _date_near_headline_found(self) -> tuple[datetime, str] | None:
        return self._date_lines[0]

    def _weak_published(self) -> list[str | None]:
        """``dateCreated``, the ``WebPage`` node's ``datePublished``, then ``<meta>``
        names that merely mention publishing.

        Pages that are no ``Article`` in JSON-LD (an "about" page, a press release
        on a plain CMS) still get a ``WebPage`` node with dates from SEO plugins.
        """
        return [
            jsonld_text(self._article_ld.get("dateCreated")),
            *(
                jsonld_text(node.get("datePublished"))
                for node in self.meta.nodes_of_type(*_PAGE_TYPES)
            ),
            *(
                values[0]
                for name, values in self.meta.meta.items()
                if _PUBLISH_NAME.search(name) and not _NOT_PUBLISH_NAME.search(name) and values
            ),
        ]

    @cached_property
    def _body_text(self) -> str | None:
        """The text of ``<body>``, read once for the searches of labelled dates."""
        body = self.root.find("body")
        if body is None:
            return None
        return " ".join(t.strip() for t in select_texts(_BODY_TEXT, body))

    def _labelled_date(self) -> tuple[datetime, str] | None:
        """A date behind a label anywhere in the page's text ("Erschienen am: 01.11.2023").

        The last resort: it reads the whole text, so only pages silent everywhere else.
        """
        text = self._body_text
        if text is None:
            return None
        names = [self.headline() or "", *find_authors(self.root, self.meta)]
        return find_labelled_date(
            text, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz, names=names
        )

    def _date_alone(self) -> tuple[datetime, str] | None:
        """The first text that is a date and nothing else ("10. September 2017"), outside
        menus, sidebars and comments: a signature's date, or a date line no class names.

        Only for pages silent everywhere else; a text with more words than its date
        is a sentence that mentions a day, not the page's date.
        """
        body = self.root.find("body")
        if body is None:
            return None
        result: Any = _BODY_TEXT(body)
        for text in result if isinstance(result, list) else []:
            if not isinstance(text, str) or len(text) > _MAX_DATE_ALONE:
                continue
            written = " ".join(text.split()).strip(_DATE_ALONE_MARKS)
            found = self._date_in([written])
            if found and found[1].strip() == written:
                parent = text.getparent()  # type: ignore[attr-defined]
                if not _not_the_story(parent) and not _elsewhere(parent):
                    return found
        return None

    def _published_label(self) -> tuple[datetime, str] | None:
        """A date behind a label that says the page was published ("Veröffentlicht am")."""
        text = self._body_text
        if text is None:
            return None
        return find_labelled_date(
            text, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz, updated=False
        )

    def date_published(self) -> str | None:
        published, _ = self._published
        return published.isoformat() if published else None

    def date_published_raw(self) -> str | None:
        return self._published[1]

    def date_modified(self) -> str | None:
        candidates = [
            jsonld_text(self._article_ld.get("dateModified")),
            self.meta.first(*_MODIFIED_META),
        ]
        found = self._first_date(candidates)
        return found[0].isoformat() if found else None

    def breadcrumbs(self) -> list[dict[str, str]]:
        for node in self.meta.nodes_of_type("BreadcrumbList"):
            crumbs = []
            elements = node.get("itemListElement")
            for entry in elements if isinstance(elements, list) else []:
                if not isinstance(entry, dict):
                    continue
                item = entry.get("item")
                name = jsonld_text(entry.get("name")) or (
                    jsonld_text(item.get("name")) if isinstance(item, dict) else None
                )
                link = item.get("@id") or item.get("url") if isinstance(item, dict) else item
                crumb = {"name": name} if name else {}
                if isinstance(link, str) and link:
                    crumb["url"] = join_url(self.url, link) or link
                if crumb:
                    crumbs.append(crumb)
            if crumbs:
                return crumbs
        return []

    def main_image(self) -> dict[str, str] | None:
        url = self.meta.first("og:image", "og:image:url", "twitter:image", "twitter:image:src")
        url = url or jsonld_text(self._article_ld.get("image"))
        absolute = join_url(self.url, url) if url else None
        return {"url": absolute} if absolute else None

    @cached_property
    def neighbours(self) -> Neighbours:
        return find_neighbours(self.root, self.url)

    def next_page(self, first: str | None = None, number: int = 1) -> str | None:
        """The next page of a post split over pages (see :mod:`newscrawl.extract.pages`).

        Read it after :meth:`to_item` (it looks near the container found) and before
        the pipelines clean the body: the page links may sit inside.
        """
        return next_page(self.root, self.url, first, number, self._container)

    def body(self) -> HtmlElement | None:
        """The article container: the pipelines strip and render it.

        A site's ``body_css`` names the container outright (when it matches);
        its ``drop_css`` blocks are removed from it before the general rules run.
        """
        found = self.selector.css(self._body_css) if self._body_css else []
        body = found[0].root if found else find_body(self.root, self.headline())
        if body is not None:
            for css in self._drop_css:
                for unwanted in Selector(root=body).css(css):
                    if unwanted.root is not body:
                        drop(unwanted.root)
        return body

    def to_item(self) -> dict[str, Any]:
        """The article item; the body is left as an element for the pipelines.

        Fields read from the whole page come first: the body pipelines edit
        the container in place, so it must be the last thing read.
        """
        item: dict[str, Any] = {
            "url": self.url,
            "canonicalUrl": self.canonical_url(),
            "headline": self.headline(),
            "description": self.description(),
            "authors": self.authors(),
            "datePublished": self.date_published(),
            "datePublishedRaw": self.date_published_raw(),
            "dateModified": self.date_modified(),
            "inLanguage": self.in_language(),
            "breadcrumbs": self.breadcrumbs(),
            "mainImage": self.main_image(),
            "prevUrl": self.neighbours.prev,
            "nextUrl": self.neighbours.next,
            "metadata": {"dateDownloaded": self.downloaded.replace(microsecond=0).isoformat()},
        }
        body = self.body()
        text = text_of(body) if body is not None else ""
        words = len(text.split())
        free = accessible_for_free(self._article_ld, body, text, words)
        if free is not None:
            item["metadata"]["accessibleForFree"] = free
        item[WALL_KEY] = find_wall(self.root, text, body, words)
        self._container = body
        item[BODY_KEY] = body
        return {k: v for k, v in item.items() if v not in (None, [], "")}

    @property
    def dayfirst(self) -> bool:
        if self._dayfirst is not None:
            return self._dayfirst
        return dayfirst_for(self.in_language())

    def _first_date(self, candidates: Sequence[str | None]) -> tuple[datetime, str] | None:
        for raw in candidates:
            parsed = parse_date(raw, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
            if parsed is not None and raw is not None:
                return parsed, raw
        return None

    def _time_elements(self) -> list[str]:
        """Dates marked ``itemprop=datePublished``, in document order.

        Marks inside comments or related-article blocks are someone else's.
        """
        values: list[str] = []
        for el in select_elements(_MARKED_PUBLISHED, self.root):
            if _in_furniture(el):
                continue
            value = (
                el.get("content")
                or el.get("datetime")
                or (visible_text(el) if el.tag != "meta" else None)
            )
            if value:
                values.append(value)
        return values

    def _first_time(self) -> tuple[datetime, str] | None:
        """The first ``<time>`` on the page: often the article's, but as often a sidebar's."""
        for el in self.root.iter("time"):
            if on("date.no_teasers") and _in_teaser(el):
                continue  # another post's, in a list of them
            value = el.get("datetime") or visible_text(el)
            if value:
                return self._first_date([value])
        return None

    def _visible_date(self) -> tuple[datetime, str] | None:
        """A date written in a byline or date line (``span.entry-date``, ``div.meta``)."""
        elements = (
            el
            for el in self._date_elements()
            if class_kind(el) not in _DATE_FURNITURE
            and not _elsewhere(el)
            and not _in_caption(el)
            and not (on("date.no_teasers") and _in_teaser(el))
        )
        for el in islice(elements, _MAX_DATE_ELEMENTS):
            value = el.get("datetime") or el.get("content")
            if value:
                parsed = parse_date(value, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
                if parsed:
                    return parsed, value
            text = visible_text(el)
            if text and len(text) < _MAX_DATE_TEXT:
                found = find_date(text, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz)
                if found:
                    return found
        return None

    def _date_elements(self) -> Iterator[HtmlElement]:
        """Elements of ``<body>`` whose class or id promise a date, in document order.

        A walk that stops at the first few beats an XPath with a dozen
        ``contains()`` per element, which reads the whole document every time.
        """
        body = self.root.find("body")
        if body is None:
            return
        for el in body.iter(etree.Element):
            names = el.get("class")
            ident = el.get("id")
            promising = (names and _DATE_CLASS.search(names)) or (
                ident and _DATE_CLASS.search(ident)
            )
            if promising and el.tag not in {"script", "style"}:
                yield el

    @cached_property
    def _date_lines(self) -> tuple[Found | None, Found | None]:
        """A date written just after (or just before) the headline, as date lines are,
        and the first such date even if it is labelled as a revision's.

        The headline's own words are left out (a date there is the news's, not
        the page's), but not a date line nested inside the ``<h1>`` after them.
        """
        revised = None
        for heading in self._headline_elements():
            nested = [t for t in heading.itertext() if t.strip()][1:]
            following = [*nested, *_story_texts(FOLLOWING_TEXT, heading)]
            preceding = _story_texts(_PRECEDING_TEXT, heading)[::-1]
            found = (
                self._date_in(following, updated=False)
                or self._date_in(preceding, updated=False)
                or self._date_line_start(following)
            )
            if found:
                return found, found
            revised = revised or self._date_in(following) or self._date_in(preceding)
        return None, revised

    def _date_line_start(self, following: list[str]) -> Found | None:
        """A date line run into the first paragraph ("27.1.2022 – Bei der …"), past
        the lead and byline where the headline's window ends.

        Only with the dash that marks it off (or alone in brackets): a sentence
        may start with a date.
        """
        for text in following[:_LEAD_TEXTS]:
            match = _DATE_LINE.match(text)
            written = match and (match.group(1) or match.group(2))
            found = self._date_in([written]) if written else None
            if found and found[1] == written:
                return found
        return None

    def _headline_elements(self) -> Iterator[HtmlElement]:
        """The first ``<h1>``s but a logo, or else the ``<h2>``-``<h4>`` holding the headline.

        A logo's ``<h1>`` is followed by the masthead's "today", not by a date
        line; sites that keep ``<h1>`` for the logo set the story's headline lower.
        """
        h1s = [h1 for h1 in islice(self.root.iter("h1"), 3) if not is_logo(h1)]
        yield from h1s
        headline = None if h1s else self.headline()
        if not headline:
            return
        words = headline.split()
        for el in islice(self.root.iter("h2", "h3", "h4"), _MAX_HEADINGS):
            if visible_text(el).split() == words:
                yield el
                return

    def _date_in(self, texts: Sequence[str], *, updated: bool = True) -> Found | None:
        text = " ".join(t.strip() for t in texts)[:_MAX_DATE_TEXT]
        return find_date(
            text, dayfirst=self.dayfirst, now=self.downloaded, tz=self._tz, updated=updated
        )

    def _url_date(self) -> tuple[datetime, str] | None:
        """``/2025/02/23/``, ``/2025-02-23-slug``, ``/23-01-2022-slug``, ``/08112021-slug``."""
        path = urlsplit(self.url).path
        match = _URL_DATE.search(path)
        if match:
            year, month, day = match.groups()
        else:
            match = _URL_DAY_FIRST.search(path)
            if not match:
                return None
            day, month, year = match.groups()
        raw = f"{year}-{month}-{day}"
        parsed = parse_date(raw, now=self.downloaded, tz=self._tz)
        return (parsed, match.group(0)) if parsed else None
