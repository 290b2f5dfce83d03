from __future__ import annotations

from parsel import Selector

from newscrawl.extract import render


def rendered(inner: str):
    root = Selector(text=f"<html><body><div id='b'>{inner}</div></body></html>").root
    return render(root.xpath("//div[@id='b']")[0], "https://site.example/2025/post/")


def test_paragraphs_are_separated_by_a_blank_line():
    out = rendered("<p>One  two\n three.</p><p>Four&nbsp;five.</p>")
    assert out.text == "One two three.\n\nFour five."
    assert out.html == "<article><p>One two three.</p><p>Four\xa0five.</p></article>"


def test_loose_text_and_line_breaks():
    out = rendered("First line<br>second line<div>Block</div>tail text")
    assert out.text == "First line\nsecond line\n\nBlock\n\ntail text"


def test_links_and_images_become_absolute():
    out = rendered(
        '<p>See <a href="/x/" class="c">this</a>.</p><figure><img data-src="i.jpg" src="data:image/gif;base64,R0"><figcaption>Cap</figcaption></figure>'
    )
    assert '<a href="https://site.example/x/">this</a>' in out.html
    assert '<img src="https://site.example/2025/post/i.jpg">' in out.html
    assert out.text == "See this."


def test_captions_stay_in_the_html_only():
    out = rendered(
        '<p>Story.</p><figure><img src="/a.jpg"><figcaption>Cap</figcaption></figure>'
        '<div class="wp-caption"><img src="/b.jpg"><p class="wp-caption-text">Cap 2</p></div>'
    )
    assert out.text == "Story."
    assert (
        '<figure><p><img src="https://site.example/a.jpg"></p><figcaption>Cap</figcaption></figure>'
        in out.html
    )
    assert "<p>Cap 2</p>" in out.html


def test_lists_tables_and_headings():
    out = rendered(
        "<h1>Top</h1><ol><li>a</li><li>b</li></ol><table><tr><th>k</th><td>v</td></tr></table>"
    )
    assert out.text == "Top\n\na\n\nb\n\nk | v"
    assert out.html == (
        "<article><h2>Top</h2><ol><li>a</li><li>b</li></ol>"
        "<table><tr><th>k</th><td>v</td></tr></table></article>"
    )


def test_a_table_reads_row_by_row_and_a_layout_table_by_its_blocks():
    out = rendered(
        "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Reds</td><td><b>12</b></td></tr>"
        "<tr><td></td><td></td></tr></table>"
        "<table><tr><td><p>A story set</p><p>in a layout table.</p></td><td>Menu</td></tr></table>"
    )
    assert out.text == "Team | Points\n\nReds | 12\n\nA story set\n\nin a layout table.\n\nMenu"
    assert "<tr><td>Reds</td><td><b>12</b></td></tr>" in out.html


def test_empty_blocks_vanish():
    assert (
        rendered("<p> </p><div><span></span></div><p>x</p>").html == "<article><p>x</p></article>"
    )


def test_a_list_body_keeps_its_list():
    root = Selector(text="<html><body><ul id='b'><li>one</li><li>two</li></ul></body></html>").root
    out = render(root.xpath("//ul")[0], "https://site.example/")
    assert out.html == "<article><ul><li>one</li><li>two</li></ul></article>"


GALLERY_SLIDE = (
    "<h2>{n}. Sabrina Spellman</h2><figure><img src='/{n}.jpg'><figcaption><p>"
    "What you need: a red jumper with a white collar and a black headband will make "
    "you the witch of the party, and the cat is optional.</p></figcaption></figure>"
)


def test_captions_that_tell_a_gallery_are_its_text():
    out = rendered("<p>Easy costumes.</p>" + "".join(GALLERY_SLIDE.format(n=n) for n in range(5)))
    assert out.text.count("What you need") == 5


def test_captions_beside_a_story_stay_out_of_the_text():
    paragraph = (
        "<p>" + "The council voted to extend the programme for three more years. " * 3 + "</p>"
    )
    slides = "".join(GALLERY_SLIDE.format(n=n) for n in range(8))
    assert "What you need" not in rendered(paragraph * 3 + slides).text


def test_a_pictures_description_or_metadata_is_its_caption():
    out = rendered(
        '<p>Story.</p><div class="img_description"><p>The crew on the runway. © CAE</p></div>'
        '<div class="img-metadata"><span class="img-metadata__title">Roman Prymula, photo: CTK</span></div>'
        '<p class="legende">Le ministre au restaurant.</p>'
    )
    assert out.text == "Story."
    assert "The crew on the runway" in out.html


def test_text_blocks_named_after_pictures_stay_in_the_text():
    out = rendered('<div class="image-text"><p>Story beside a picture.</p></div>')
    assert out.text == "Story beside a picture."
