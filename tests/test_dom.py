"""Small helpers of newscrawl.extract._dom."""

from __future__ import annotations

from lxml import etree

from newscrawl.extract import html_selector
from newscrawl.extract._dom import (
    collapse,
    drop,
    is_flattened,
    join_url,
    split_url,
    text_of,
    visible_text,
    xml_safe,
)


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


def test_a_link_no_url_parser_reads_is_none_not_an_exception():
    assert join_url("https://a.example/post/", "../other/") == "https://a.example/other/"
    assert join_url("https://a.example/", "http://b.[example/x") is None
    assert split_url("http://b.[example/x") is None


def test_control_characters_never_reach_an_edit_of_the_text():
    root = html_selector("<html><body><p>a<b>x</b>\x0b tail \x01</p></body></html>").root
    drop(root.find(".//b"))
    assert root.find(".//p").text == "a tail "
    assert xml_safe("ok\ud800x") == "okx" and xml_safe("plain") == "plain"


def test_a_page_nested_past_any_real_page_is_flattened_keeping_its_words():
    deep = "<div>" * 1000 + "deep words" + "</div>" * 1000
    root = html_selector(f"<html><body><p>before</p>{deep}<p>after</p></body></html>").root
    assert is_flattened(root)
    assert visible_text(root) == "beforedeep wordsafter"
    assert not is_flattened(html_selector("<html><body><div><p>x</p></div></body></html>").root)


def test_a_page_parsed_into_the_head_is_moved_to_the_body() -> None:
    # An unknown tag before <body> leaves libxml2 in the head: the page's text went there.
    page = (
        "<html><head><title>T</title><mbox><table><tr><td><h1>Harry Potter tops the list</h1>"
        "<p>Harry Potter has topped the best-sellers list of the year.</p></td></tr></table>"
        "</mbox></head><body></body></html>"
    )
    root = html_selector(page).root
    assert root.find("head/title") is not None
    assert root.find("head/mbox") is None
    assert "has topped" in visible_text(root.find("body"))
