"""Turn a cleaned article container into plain text and simple HTML.

One walk produces both: paragraphs, headings, list items, quotes and table
rows become blocks (separated by a blank line in the text; a row's cells are
joined by `` | ``, unless they hold blocks of their own, as layout tables' cells
do); ``div``/``span``
wrappers dissolve; links, emphasis, images and their captions survive in the
HTML with absolute URLs. Captions are left out of the text, but in a gallery
that tells its story under the pictures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from lxml.html import HtmlElement

from newscrawl.extract._dom import (
    BLOCK_TAGS,
    INVISIBLE_TAGS,
    attr_words,
    collapse,
    join_url,
    tag_of,
)
from newscrawl.extract.boilerplate import LONG_PARAGRAPH, STORY_PARAGRAPHS
from newscrawl.extract.rules import on

#: Blocks that hold a run of text themselves.
_TEXT_BLOCKS = frozenset("caption dd dt figcaption h1 h2 h3 h4 h5 h6 li p pre td th".split())
#: Blocks kept as containers of other blocks.
_CONTAINERS = frozenset("blockquote dl figure ol table tbody tfoot thead tr ul".split())
#: Whatever holds or makes a block: a cell with one inside is a layout table's.
_BLOCKS = BLOCK_TAGS | _TEXT_BLOCKS | _CONTAINERS
_INLINE_KEPT = frozenset("a abbr b cite code del em i ins mark q s small strong sub sup u".split())
_RENAME = {"h1": "h2"}
#: Image captions and credits stay in the HTML but not in the text: the text is
#: the story as one reads it, which is how article-body benchmarks count it.
_CAPTION_WORDS = frozenset(
    "caption captions credit credits photocredit legend legende bildunterschrift".split()
)
#: A picture's description or metadata (``img_description``, ``img-metadata``) is its caption.
_PICTURE_WORDS = frozenset("img image photo foto picture bild".split())
_ABOUT_WORDS = frozenset("description desc metadata meta info source".split())
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
_LAZY_SRC = ("src", "data-src", "data-lazy-src", "data-original", "data-orig-file")


@dataclass
class RenderedBody:
    text: str
    html: str


@dataclass
class _Renderer:
    base_url: str
    html: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    captions: list[bool] = field(default_factory=list)
    text_run: list[str] = field(default_factory=list)
    html_run: list[str] = field(default_factory=list)
    open_blocks: list[str] = field(default_factory=list)
    in_caption: int = 0
    emitted: int = 0

    def flush(self) -> None:
        lines = (collapse(line) for line in "".join(self.text_run).split("\n"))
        text = "\n".join(line for line in lines if line)
        inline_html = "".join(self.html_run).strip()
        self.text_run.clear()
        self.html_run.clear()
        if not text and "<img" not in inline_html:
            return
        self.emitted += 1
        if text:
            self.blocks.append(text)
            self.captions.append(bool(self.in_caption))
        if self.open_blocks and self.open_blocks[-1] in _TEXT_BLOCKS:
            self.html.append(inline_html)
        else:
            self.html.append(f"<p>{inline_html}</p>")

    def add_text(self, text: str | None) -> None:
        """Source line breaks are spaces, except in ``<pre>``; ``<br>`` alone breaks lines."""
        if text:
            if "pre" not in self.open_blocks:
                text = _WHITESPACE.sub(" ", text)
            self.text_run.append(text)
            self.html_run.append(escape(text, quote=False))

    def walk(self, el: HtmlElement) -> None:
        tag = el.tag
        if type(tag) is not str or tag in INVISIBLE_TAGS:  # tag_of, inlined: a hot loop
            return
        if tag == "br":
            self.text_run.append("\n")
            self.html_run.append("<br>")
        elif tag == "img":
            self._image(el)
        elif tag == "figcaption" or _is_caption(el):
            self.flush()
            self.in_caption += 1
            self._element(el, tag)
            self.flush()
            self.in_caption -= 1
        else:
            self._element(el, tag)

    def _element(self, el: HtmlElement, tag: str) -> None:
        if tag == "tr" and _is_data_row(el):
            self._row(el)
        elif tag in _TEXT_BLOCKS or tag in _CONTAINERS:
            self._kept_block(el, tag)
        elif tag in BLOCK_TAGS:
            self.flush()
            self._children(el)
            self.flush()
        elif tag in _INLINE_KEPT:
            self.html_run.append(self._open_tag(el, tag))
            self._children(el)
            self.html_run.append(f"</{tag}>")
        else:
            self._children(el)

    def _children(self, el: HtmlElement) -> None:
        self.add_text(el.text)
        for child in el:
            self.walk(child)
            self.add_text(child.tail)

    def _kept_block(self, el: HtmlElement, tag: str) -> None:
        self.flush()
        name = _RENAME.get(tag, tag)
        start = len(self.html)
        emitted_before = self.emitted
        self.html.append(f"<{name}>")
        self.open_blocks.append(tag)
        self._children(el)
        self.flush()
        self.open_blocks.pop()
        if self.emitted == emitted_before:
            del self.html[start:]
            return
        self.html.append(f"</{name}>")

    def _row(self, row: HtmlElement) -> None:
        """A table row as one block: its cells' text joined by `` | ``, in order."""
        self.flush()
        texts, cells = [], []
        for cell in row:
            tag = tag_of(cell)
            if tag not in {"td", "th"}:
                continue
            inner = _Renderer(self.base_url, open_blocks=[tag])
            inner._children(cell)
            texts.append(collapse("".join(inner.text_run)))
            cells.append(f"<{tag}>{''.join(inner.html_run).strip()}</{tag}>")
        if not any(texts) and not any("<img" in cell for cell in cells):
            return
        self.emitted += 1
        if any(texts):
            self.blocks.append(" | ".join(texts))
            self.captions.append(bool(self.in_caption))
        self.html.append(f"<tr>{''.join(cells)}</tr>")

    def _open_tag(self, el: HtmlElement, tag: str) -> str:
        if tag == "a":
            href = (el.get("href") or "").strip()
            if href and not href.lower().startswith(("javascript:", "#")):
                return f'<a href="{escape(join_url(self.base_url, href) or href)}">'
        return f"<{tag}>"

    def _image(self, el: HtmlElement) -> None:
        src = next(
            (el.get(a) for a in _LAZY_SRC if el.get(a) and "data:" not in el.get(a, "")), None
        )
        if not src:
            return
        alt = el.get("alt")
        alt_attr = f' alt="{escape(alt)}"' if alt else ""
        absolute = join_url(self.base_url, src.strip()) or src.strip()
        self.html_run.append(f'<img src="{escape(absolute)}"{alt_attr}>')


def _is_data_row(row: HtmlElement) -> bool:
    """A row whose cells hold text, not blocks (a layout table's cell holds the story)."""
    return not any(el.tag in _BLOCKS for cell in row for el in cell.iterdescendants())


def _is_caption(el: HtmlElement) -> bool:
    words = attr_words(el)
    if any(w in _CAPTION_WORDS for w in words):
        return True
    return not _PICTURE_WORDS.isdisjoint(words) and not _ABOUT_WORDS.isdisjoint(words)


def render(body: HtmlElement, base_url: str) -> RenderedBody:
    """Plain text (blocks separated by a blank line) and simple HTML of ``body``.

    A body that is itself a list, table or quote keeps its own tag, so its
    items are not left without their ``<ul>``.
    """
    renderer = _Renderer(base_url)
    if body.tag in _CONTAINERS:
        renderer.walk(body)
    else:
        renderer._children(body)
    renderer.flush()
    html = "".join(renderer.html)
    return RenderedBody("\n\n".join(_story_blocks(renderer)), f"<article>{html}</article>")


def _story_blocks(renderer: _Renderer) -> list[str]:
    """The blocks of the text, captions left out, unless the captions tell the story.

    A gallery post says what it has to say under its pictures: its captions
    outweigh the rest, which is titles and short lines rather than the long
    paragraphs of a story that merely shows a gallery.
    """
    pairs = list(zip(renderer.blocks, renderer.captions, strict=True))
    if not on("render.no_captions"):
        return renderer.blocks
    story = [block for block, caption in pairs if not caption]
    caption_len = sum(len(block) for block, caption in pairs if caption)
    if caption_len > max(sum(map(len, story)), _GALLERY_TEXT) and (
        sum(len(b) > LONG_PARAGRAPH for b in story) < STORY_PARAGRAPHS
    ):
        return renderer.blocks
    return story


#: Captions with less text than this are a picture's notes, not a gallery's story.
_GALLERY_TEXT = 500
