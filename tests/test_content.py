"""How newscrawl.extract.content picks the article container and its lead."""

from __future__ import annotations

from parsel import Selector

from newscrawl.extract import clean_body, render
from newscrawl.extract.content import find_body

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story, long enough to count, with commas, clauses, and detail.</p>"
    for n in range(6)
)
LEAD = "The standfirst sums the story up in one sentence before the text begins."


def body_text(html: str) -> str:
    root = Selector(text=html).root
    body = find_body(root)
    assert body is not None
    clean_body(body)
    return render(body, "https://site.example/post/").text


def test_lead_inside_the_wrapper_shared_with_the_text_is_kept():
    text = body_text(
        "<html><body><h1>Headline</h1><div class='article-body'>"
        f"<div class='article-lead'><p>{LEAD}</p></div>"
        f"<div class='article-text'>{PARAGRAPHS}</div></div></body></html>"
    )
    assert text.startswith(LEAD)


def test_headline_in_a_banner_still_bounds_the_lead():
    text = body_text(
        "<html><body><h1 class='logo'>The Gazette</h1><header class='banner'><h1>Headline</h1>"
        f"</header><div class='intro'><p>{LEAD}</p></div>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert text.startswith(LEAD)


def test_lead_repeated_as_abstract_or_hidden_copy_appears_once():
    text = body_text(
        "<html><body><h1>Headline</h1>"
        f"<div class='dek'>{LEAD}</div><div class='abstract'>{LEAD}</div>"
        f"<div class='story'>{PARAGRAPHS}<div style='display:none'>{LEAD}</div></div>"
        "</body></html>"
    )
    assert text.count(LEAD) == 1


def test_a_teaser_card_is_not_taken_whole_as_a_lead():
    card = f"<div class='teaser'><h2>Another story</h2><p>{LEAD}</p></div>"
    text = body_text(
        f"<html><body><h1>Headline</h1>{card}<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert "Another story" not in text


def test_author_box_before_the_body_is_not_a_lead():
    bio = "Jane Doe covers city politics and transport, and has written for the paper since 2010."
    text = body_text(
        "<html><body><h1>Headline</h1>"
        f"<div class='saboxplugin-wrap'><p>{bio}</p></div>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert bio not in text


def test_lead_set_as_a_sentence_long_heading_is_kept():
    lead = (
        "On Tuesday the council agreed to extend the bus programme for three more years, "
        "after a long debate over its cost."
    )
    text = body_text(
        "<html><body><h1>Headline</h1>"
        f"<div class='frame'><div class='bodytext'><h3><strong>{lead}</strong></h3></div></div>"
        f"<div class='frame'><div class='bodytext'>{PARAGRAPHS}</div></div></body></html>"
    )
    assert text.startswith(lead)


def test_dek_in_the_article_header_is_not_a_lead():
    dek = (
        "There are more devices, platforms and services to choose from than ever before, "
        "and the choice is getting harder."
    )
    text = body_text(
        f"<html><body><article><header><h1>Headline</h1><h2>{dek}</h2></header>"
        f"<div class='story'>{PARAGRAPHS}</div></article></body></html>"
    )
    assert dek not in text


def test_lead_in_a_header_that_holds_share_buttons_is_kept():
    text = body_text(
        "<html><body><header class='article-header has-sharing'><h1>Headline</h1>"
        f"<div class='article-header__abstract'>{LEAD}</div></header>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert text.startswith(LEAD)


def test_headline_set_in_a_lower_heading_bounds_the_lead():
    root = Selector(
        "<html><body><div class='news'><h3 itemprop='headline'>Council extends programme</h3>"
        f"<div class='teaser-text'><p>{LEAD}</p></div>"
        f"<div class='news-text-wrap'>{PARAGRAPHS}</div></div>"
        "<footer><h1>Imprint</h1></footer></body></html>"
    ).root
    body = find_body(root, "Council extends programme")
    assert body is not None
    assert render(body, "https://site.example/post/").text.startswith(LEAD)


def test_a_summary_that_credits_a_photographer_is_a_caption():
    caption = f"<div><p class='summary'>{LEAD} <span class='credit'>By Jane Doe</span></p></div>"
    text = body_text(
        f"<html><body><h1>Headline</h1>{caption}<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert LEAD not in text


def test_headline_as_the_last_crumb_of_a_breadcrumb_bounds_the_lead():
    crumbs = "<nav class='breadcrumb'><ol><li><a href='/'>Home</a></li><li><h1>Headline</h1></li></ol></nav>"
    text = body_text(
        f"<html><body><header>{crumbs}<p class='intro'>{LEAD}</p></header>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert text.startswith(LEAD)


def test_a_linked_heading_in_a_breadcrumb_bounds_nothing():
    crumbs = (
        "<nav class='breadcrumb'><a href='/'>Home</a> <a href='/post/'><h1>Headline</h1></a></nav>"
    )
    box = f"<div class='box'><div><p>{LEAD}</p></div></div>"
    text = body_text(
        f"<html><body><header>{crumbs}</header>{box}"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert LEAD not in text


def test_a_picture_described_before_the_body_is_not_a_lead():
    caption = f"<div class='media'><img src='/a.jpg'><div class='media__description'><p>{LEAD}</p></div></div>"
    text = body_text(
        f"<html><body><h1>Headline</h1>{caption}<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert LEAD not in text


def test_the_tagline_under_a_logo_heading_is_not_a_lead():
    tagline = "News, views and reviews from the valley, written by the people who live there."
    text = body_text(
        "<html><body><header><h1 class='site-title'><a href='/'>The Valley</a></h1>"
        f"<p class='site-description'>{tagline}</p></header>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert tagline not in text


def test_a_caption_in_fine_print_is_not_a_lead():
    caption = "The broadcast schedule of the big tournaments at a glance. (Photo: Agency)"
    picture = f"<div><img src='/a.jpg'><p class='text-center'><small>{caption}</small></p></div>"
    text = body_text(
        f"<html><body><h1>Headline</h1>{picture}<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert caption not in text


def test_the_site_tagline_and_a_run_together_caption_are_not_leads():
    tagline = (
        "<h2 class='site-description'>The blog for everyone who loves the valley and its walks</h2>"
    )
    caption = f"<p class='news-single-imgcaption'>{LEAD}</p>"
    text = body_text(
        f"<html><body><h1>Headline</h1>{tagline}<div><img src='/a.jpg'>{caption}</div>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert text.startswith("Paragraph 0")
