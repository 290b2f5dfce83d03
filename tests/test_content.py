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


def builder_row(paragraphs: str) -> str:
    """A WPBakery row: the text sits five wrappers below the row."""
    return (
        "<div class='vc_row wpb_row'><div class='wpb_column vc_column_container'>"
        "<div class='vc_column-inner'><div class='wpb_wrapper'>"
        f"<div class='wpb_text_column'><div class='wpb_wrapper'>{paragraphs}</div></div>"
        "</div></div></div></div>"
    )


def test_story_cut_into_page_builder_rows_is_taken_whole():
    first = "The first row opens the story, and it has a sentence or two, with commas, to score."
    last = "The last row closes the story, and it too has a sentence, with commas, to score."
    text = body_text(
        "<html><body><h1>Headline</h1><div class='entry-content'>"
        f"{builder_row(f'<p>{first}</p><p>{first}</p>')}{builder_row(PARAGRAPHS)}"
        f"{builder_row(f'<p>{last}</p><p>{last}</p>')}</div></body></html>"
    )
    assert first in text and "Paragraph 5" in text and last in text


def test_a_teaser_grid_built_like_the_story_is_not_joined():
    bit = "A short row adds a sentence to the story, with commas, clauses, and a detail or two."
    teaser = (
        "<p><a href='/other'>Another story, with a long title, that sits in a grid</a> "
        "and a line of text that sums that other story up for the reader.</p>"
    )
    text = body_text(
        "<html><body><h1>Headline</h1><div class='entry-content'>"
        f"{builder_row(PARAGRAPHS)}{builder_row(f'<p>{bit}</p><p>{bit}</p>')}"
        f"{builder_row(teaser * 4)}</div></body></html>"
    )
    assert "Paragraph 5" in text and "Another story" not in text


def test_story_set_in_one_table_per_section_is_taken_whole():
    sections = "".join(
        f"<div id='section-{n}'><h4>Section {n}</h4><table><tbody><tr><td>"
        f"<p>Setting {n} is explained here, with commas, clauses, and a detail or two.</p>"
        f"<p>Setting {n} has a second paragraph, with commas, clauses, and more detail.</p>"
        "</td></tr></tbody></table></div>"
        for n in range(4)
    )
    text = body_text(
        f"<html><body><h1>Headline</h1><div class='entry-content'>{sections}</div></body></html>"
    )
    assert all(f"Setting {n} is explained" in text for n in range(4))


def test_a_folded_accordion_panel_does_not_outscore_the_story():
    annex = "".join(
        f"<p>Annex {n} quotes a long document, with commas, clauses, and detail after detail.</p>"
        for n in range(12)
    )
    text = body_text(
        "<html><body><h1>Headline</h1><div class='story'>"
        f"{PARAGRAPHS}</div><div class='panel-group'><div class='panel-collapse collapse'>"
        f"<div class='panel-body'>{annex}</div></div></div></body></html>"
    )
    assert "Paragraph 5" in text and "Annex 3" not in text


def test_a_story_written_in_lists_of_sentences_beats_a_box_of_paragraphs():
    steps = "".join(
        f"<li>Step {n}: the leader turns the follower under the arm, then both change "
        "places and face the circle again.</li>"
        for n in range(8)
    )
    tip = "Tip: hover over a button to learn what it does, and click it to use it."
    text = body_text(
        f"<html><body><h1>Enchufla</h1><div id='main'><div id='page-content'><ul>{steps}</ul>"
        f"<ul>{steps}</ul></div></div><div id='side'><div id='tips'><p>{tip}</p><p>{tip}</p></div>"
        "</div></body></html>"
    )
    assert "Step 7: the leader" in text and tip not in text


def test_list_items_that_are_links_or_controls_do_not_count():
    links = "".join(
        f"<li><a href='/story-{n}'>Another story, with a long headline, that goes on, and on, "
        "and on, as headlines do</a></li>"
        for n in range(20)
    )
    checks = "".join(
        f"<li><input type='checkbox'> 200 g of flour, sifted, twice, and a pinch, of salt, for "
        f"batch {n} of the dough, kept aside</li>"
        for n in range(20)
    )
    text = body_text(
        f"<html><body><h1>Headline</h1><ul>{links}</ul><ul>{checks}</ul>"
        f"<div class='story'>{PARAGRAPHS}</div></body></html>"
    )
    assert "Paragraph 5" in text and "Another story" not in text and "batch" not in text


def test_the_text_kept_for_readers_without_scripts_is_the_body_when_nothing_else_is():
    text = body_text(
        "<html><body><h1>Headline</h1><div id='app'></div>"
        f"<noscript><div class='story'>{PARAGRAPHS}</div></noscript></body></html>"
    )
    assert "Paragraph 5" in text


def test_a_noscript_notice_does_not_join_a_body_found_elsewhere():
    notice = "Please enable JavaScript in your browser, or some parts of this site will not work."
    text = body_text(
        f"<html><body><h1>Headline</h1><div class='story'>{PARAGRAPHS}</div>"
        f"<noscript><p>{notice}</p><p>{notice}</p></noscript></body></html>"
    )
    assert "Paragraph 5" in text and notice not in text


def test_text_typed_straight_into_the_post_wrapper_is_kept_with_its_nested_part():
    loose = "The post begins right in its wrapper, line after line, with no paragraph tags."
    pasted = "".join(
        f"A pasted part, line {n}, with commas, clauses, and detail, sits in nested divs.<br>"
        for n in range(8)
    )
    text = body_text(
        "<html><body><h1>Headline</h1><div class='post-body'>"
        f"{loose}<br>{loose}<br>{loose}<br><div class='paste'><div class='inner'>{pasted}</div></div>"
        f"{loose}<br>{loose}</div></body></html>"
    )
    assert "line 7" in text and loose in text


def test_a_plain_text_box_beside_the_story_joins_it_and_a_teaser_box_does_not():
    facts = "The facts: the firm bought the maker in 2018, and has faced lawsuits ever since."
    teaser = "<a href='/other'>Read the other story</a>, which sums the affair up, in detail."
    text = body_text(
        "<html><body><h1>Headline</h1><div class='article-body'>"
        f"<div class='facts'><p>{facts}</p></div><div class='text'>{PARAGRAPHS}{PARAGRAPHS}"
        f"</div><div class='more'><p>{teaser}</p></div></div></body></html>"
    )
    assert facts in text and "Read the other story" not in text


def test_a_story_told_as_headings_over_lists_keeps_every_list():
    """A winners list: each category a heading and a list, each in a block of its own."""
    sections = "".join(
        f"<div class='block'><h2>Best {c}</h2><ul><li>Winner: Jane Roe, First Film</li>"
        f"<li>Nominee: John Doe, Second Film</li></ul></div>"
        for c in ("Picture", "Actor", "Actress", "Director")
    )
    related = (
        "<div class='block'><h2>More</h2><ul><li><a href='/a'>Another story</a></li></ul></div>"
    )
    text = body_text(
        "<html><body><article><h1>The winners</h1><div class='entry'><div class='text'><p>The "
        "academy named its winners on Sunday night, and one film took most of the prizes.</p>"
        f"</div>{sections}{related}</div></article></body></html>"
    )
    assert text.count("Winner: Jane Roe") == 4
    assert "Another story" not in text


def test_a_how_to_told_in_short_steps_is_taken_whole_without_the_links_beside_it():
    intro = "<p>" + "Terrariums are easy to build, with a cloche, moss, and a little patience. " * 3
    steps = "".join(
        f"<div class='mod step'><div class='stepContent'><div class='content'>"
        f"<p>Step {n}: put the moss on the foam and press it down, then water it.</p>"
        "</div></div></div>"
        for n in range(1, 9)
    )
    related = "<section class='mod'><ul>" + "".join(
        f"<li><a href='/how-{n}'>How to grow something else entirely, number {n}</a></li>"
        for n in range(12)
    )
    text = body_text(
        "<html><body><h1>How to Build a Terrarium</h1><div class='col-main'>"
        f"<div class='mod step'><div class='stepContent mod'><div class='content lead'>{intro}</p>"
        f"</div></div></div>{steps}{related}</ul></section></div></body></html>"
    )
    assert "Terrariums are easy" in text and "Step 8: put the moss" in text
    assert "grow something else" not in text


def test_a_gallery_caption_list_inside_the_story_does_not_replace_it():
    caption = (
        "A caption of a gallery picture, long, with commas, names, places, and the credit of "
        "the photographer who took it, as picture desks write them. " * 2
    )
    gallery = "<div class='gallery'><ul>" + f"<li><p>{caption}</p></li>" * 12 + "</ul></div>"
    text = body_text(
        f"<html><body><div class='main'><div class='text'>{PARAGRAPHS}{gallery}{PARAGRAPHS}"
        "</div></div><div class='footer'><p>Short footer line for the page.</p></div>"
        "</body></html>"
    )
    assert text.count("Paragraph 0 of the story") == 2


def test_a_page_wrapped_in_one_form_is_read_inside_it():
    # ASP.NET WebForms puts the whole page in <form id="aspnetForm">.
    menu = "".join(f"<li><a href='/s{n}/'>Section {n}</a></li>" for n in range(30))
    text = body_text(
        f"<html><body><form id='aspnetForm' method='post'><ul>{menu}</ul>"
        f"<table><tr><td><div class='story'>{PARAGRAPHS}</div></td></tr></table>"
        "</form></body></html>"
    )
    assert text.count("of the story") == 6


def test_a_short_blogger_post_inside_its_date_block_is_found():
    # Blogger sets a day's posts in div.date-outer; a short post has no <p> at all.
    text = body_text(
        "<html><body><div class='date-outer'><h2 class='date-header'>Monday, 29 October</h2>"
        "<div class='date-posts'><div class='post-outer'><div class='post hentry'>"
        "<h3 class='post-title entry-title'>Open or closed</h3>"
        "<div class='post-body entry-content'>There is a weird genre of people chastising "
        "local businesses for staying open during the storm. People work because they need "
        "the money. Tip well.</div></div></div></div></div>"
        "<div class='sidebar'><p>About me and this blog, written at some length here.</p></div>"
        "</body></html>"
    )
    assert text.startswith("There is a weird genre")


def test_a_sidebar_about_box_does_not_outscore_a_short_post_the_page_marks_as_its_body():
    # The sidebar's long "About me" holds a story's worth of text, so it is not skipped as
    # furniture on its own; but the page says where its post is (div.post-body.entry-content).
    about = "".join(
        f"<p>I write this blog about politics, the economy and the {n} elections, and have "
        "done so every week for years, for thousands of readers who come back each day.</p>"
        for n in range(5)
    )
    text = body_text(
        "<html><body><div class='main'><div class='post hentry'>"
        "<h3 class='post-title entry-title'>Video trailer</h3>"
        "<div class='post-body entry-content'><br/><b>A trailer for the documentary about "
        "the flights that take veterans to their memorial.</b><br/>Every day, many of the "
        "veterans who served die.</div></div></div>"
        f"<aside><div class='sidebar section'><div class='widget Profile'>{about}</div></div>"
        "</aside></body></html>"
    )
    assert text.startswith("A trailer for the documentary")
    assert "I write this blog" not in text


def test_furniture_wrapping_the_marked_post_body_is_read_though_another_is_marked_elsewhere():
    # A theme sets the whole post in a block named like furniture (div.related) with its
    # entry-content inside; an excerpt further down also carries a post-body class.
    story = "".join(
        f"<p>The council met on Tuesday to vote on the {n} budget lines, and the debate ran "
        "late into the night as members argued over the cost of the new bridge, the repairs "
        "to the old one, and who should pay for either of them in the years to come.</p>"
        for n in range(4)
    )
    text = body_text(
        "<html><body><h1>Budget vote</h1><div class='related'>"
        f"<div class='entry-content'>{story}</div></div>"
        "<div><div class='post-body'><p>An older post's first lines.</p></div></div>"
        "</body></html>"
    )
    assert text.startswith("The council met on Tuesday to vote on the 0 budget lines")
