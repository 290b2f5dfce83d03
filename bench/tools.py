"""The extractors under test, each behind the same signature: page bytes and URL in, prediction out.

A factory per tool does the imports and one-time set-up, so that neither is timed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from lxml import etree, html
from w3lib.encoding import html_to_unicode


@dataclass
class Prediction:
    body: str
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)


Adapter = Callable[[bytes, str], Prediction]


def newscrawl() -> Adapter:
    # Imported here, so that a run of the peers alone needs neither newscrawl nor Scrapy.
    from newscrawl.offline import Extractor, NotAnArticle

    extractor = Extractor()

    def extract(page: bytes, url: str) -> Prediction:
        try:
            item = extractor.extract(page, url)
        except NotAnArticle:
            return Prediction(body="")
        return Prediction(
            body=item.get("articleBody") or "",
            title=item.get("headline"),
            date=item.get("datePublished"),
            authors=[author["name"] for author in item.get("authors") or []],
        )

    return extract


def trafilatura() -> Adapter:
    """Defaults except ``include_comments=False``.

    That is how the article-extraction-benchmark runs it, and what the aeb README's figures
    (F1 0.965) come from; with comments included, trafilatura also keeps less of the body
    (F1 0.963). Snippet scores are the same either way.
    """
    from trafilatura import bare_extraction

    def extract(page: bytes, url: str) -> Prediction:
        document = bare_extraction(page, url=url, with_metadata=True, include_comments=False)
        if document is None or isinstance(document, dict):  # a dict only with as_dict=True
            return Prediction(body="")
        # trafilatura joins the authors it finds with "; ".
        authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
        return Prediction(
            body=document.text or "",
            title=document.title,
            date=document.date,
            authors=authors,
        )

    return extract


def readability() -> Adapter:
    from readability import Document
    from readability.readability import Unparseable

    def extract(page: bytes, url: str) -> Prediction:
        _, text = html_to_unicode(None, page)
        document = Document(text)
        title = document.short_title()  # before summary(), which rewrites the tree
        try:
            summary = document.summary(html_partial=True)
        except Unparseable:
            return Prediction(body="", title=title)
        # The summary may be empty, or bare text: a parent element makes either parse.
        try:
            body = render_text(html.fragment_fromstring(summary, create_parent="div"))
        except (AssertionError, etree.ParserError):  # a whole document with no <body>
            body = ""
        return Prediction(body=body, title=title)

    return extract


TOOLS: dict[str, Callable[[], Adapter]] = {
    "newscrawl": newscrawl,
    "trafilatura": trafilatura,
    "readability": readability,
}
_DISTRIBUTIONS = {"readability": "readability-lxml"}


def label(tool: str) -> str:
    """The tool's distribution with its installed version, as the tables show it."""
    distribution = _DISTRIBUTIONS.get(tool, tool)
    try:
        return f"{distribution} {version(distribution)}"
    except PackageNotFoundError:
        return distribution


_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)


def render_text(root: html.HtmlElement) -> str:
    """Text with a line break around every block, like a browser's rendering.

    ``text_content()`` would glue ``<p>end</p><p>Start`` into one token, which the shingle
    metric punishes although no reader would see it.
    """
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if element.tag in _BLOCKS:
                parts.append("\n")
            parts.append(element.text or "")
            continue
        # The end of an element, or a comment or processing instruction: only tails are text.
        if event == "end" and element.tag in _BLOCKS:
            parts.append("\n")
        if element is not root:
            parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)
