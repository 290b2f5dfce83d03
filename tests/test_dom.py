"""Small helpers of newscrawl.extract._dom."""

from __future__ import annotations

from lxml import etree

from newscrawl.extract import html_selector
from newscrawl.extract._dom import collapse, drop, text_of


def test_collapse_folds_every_unicode_space() -> None:
    assert collapse(" a\xa0\u2003b\n\tc\u3000\x1f ") == "a b c"


def test_text_of_is_the_string_value_with_or_without_children() -> None:
    root = html_selector(
        "<html><body><p>Plain</p><p></p><p>With <a>a link</a> and<!-- a comment --> more</p>"
        "<a href='/'>Home</a><script>var a = 1;</script><div><span></span></div></body></html>"
    ).root
    string = etree.XPath("string()")
    for el in root.iter(etree.Element):
        assert text_of(el) == str(string(el))


def test_a_dropped_element_still_parts_the_words_around_it() -> None:
    root = html_selector(
        "<html><body><p>member<b> </b>Konstantine</p><p>end<span></span> <i>of</i></p>"
        "<p><em>x</em><span>Share</span>story</p></body></html>"
    ).root
    for el in list(root.iter("b", "span")):
        drop(el)
    assert [collapse(text_of(p)) for p in root.iter("p")] == [
        "member Konstantine",
        "end of",
        "x story",
    ]


def test_a_title_left_open_does_not_swallow_the_page() -> None:
    story = "<p>" + "A paragraph of the story that a browser would show. " * 20 + "</p>"
    page = f"<html><head><title>Site News library-->\n<script src='/a.js'></script></head><body>{story}</body></html>"
    root = html_selector(page).root
    assert root.findtext("head/title") == "Site News library-->"
    assert "A paragraph of the story" in text_of(root.find("body"))
