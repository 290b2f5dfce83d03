"""Each rule of newscrawl.extract.cleaning (with _shapes and _tail) on a small page of its own."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.extract import clean_body, render

PAGE = "https://www.site.example/post/"
STORY = "<p>The council voted on Tuesday to extend the programme for another three years.</p>"


def cleaned(inner: str, headline: str | None = None) -> str:
    body = Selector(text=f"<html><body><div class='entry-content'>{inner}</div></body></html>").root
    node = body.xpath("//div[@class='entry-content']")[0]
    clean_body(node, headline=headline, url=PAGE)
    return render(node, PAGE).text


FURNITURE = {
    "jetpack share": '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li></ul></div>',
    "powerkit share": '<div class="pk-share-buttons-wrap"><span>Share</span><a href="#">Twitter</a></div>',
    "caards share block": '<div class="cs-entry__after-share-buttons"><h5>Share this article</h5><input class="cs-share-url" value="https://x"><span class="cs-share-url">Shareable URL</span></div>',
    "comment form": '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3><form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p></form></div>',
    "comment list": '<ol class="comment-list"><li class="comment"><p>Great piece, thanks for writing it up so clearly.</p></li></ol>',
    "related posts": '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Related</h3><p>Another story about something that happened elsewhere.</p></div>',
    "yarpp": '<div class="yarpp-related"><h3>Related posts:</h3><ol><li><a href="/a/">One</a></li><li><a href="/b/">Two</a></li></ol></div>',
    "newsletter": '<form class="mc4wp-form"><p>Subscribe to our newsletter for a weekly digest of everything.</p><label>Leave this field empty if you\'re human</label></form>',
    "author box": '<div class="saboxplugin-wrap"><div class="saboxplugin-desc"><p>Jane writes about city politics and transport for the paper.</p></div></div>',
    "breadcrumbs": '<nav class="rank-math-breadcrumb"><a href="/">Home</a> » <span>World</span></nav>',
    "tags": '<div class="cs-entry__tags"><ul><li><a href="/tag/a/">Ukraine</a></li><li><a href="/tag/b/">USA</a></li></ul></div>',
    "post navigation": '<nav class="navigation post-navigation"><a rel="prev" href="/older/">Previous Post</a></nav>',
    "ad slot": '<div class="code-block code-block-2"><ins class="adsbygoogle"></ins><p>Advertisement</p></div>',
    "hidden text": '<p style="display: none">Invisible text meant for robots only, nobody reads it.</p>',
    "script": "<script>var tracking = 'Share this article';</script>",
    "read more teaser": '<p><strong>READ MORE:</strong> <a href="/x/">Something else entirely happened yesterday</a></p>',
    "link list": '<ul><li><a href="/a/">First other story</a></li><li><a href="/b/">Second other story</a></li><li><a href="/c/">Third</a></li></ul>',
    "label heading at the end": "<h3>You may also like</h3>",
    "lone share button": '<div class="wabtn_container"><a class="wabtn" href="whatsapp://send?text=Story">Share this on WhatsApp</a></div>',
    "email share link": '<p><a href="mailto:?subject=Story&amp;body=https://x">Send to a friend</a></p>',
    "read-more teaser card": '<div class="read-more-big__container"><span>Also on the site: an unrelated story about the weather and the roads.</span></div>',
    "author-box div": '<div class="author-box"><p>Jane Doe covers local politics.</p></div>',
    "author bio": '<section class="author-bio"><p>Jane Doe has reported from the city hall since 2015.</p></section>',
    "appeal to subscribe at the end": '<p>To view the full story, please subscribe to <a href="/shop/">The Daily</a>.</p><p>If you are already a subscriber, you can <a href="/account/">log in</a>.</p>',
    "appeal to follow at the end": "<p><strong>Follow The Daily on Twitter and Instagram @thedaily.</strong></p>",
    "appeal to join a channel": '<p>¿Ya sabías que tenemos canal de Telegram? Únete en <a href="https://t.me/x">este enlace</a>.</p>',
    "appeal to get the magazine": "<p>Get The Monthly delivered through your letterbox every month. 12 issues for £11.99.</p>",
    "appeal to share": "<p>Like this story? Share it with a friend!</p>",
    "appeal to listen": "<p>Follow The Daily Show on Instagram. Listen live at 12:45 weekdays - or listen back here.</p>",
    "ad label in German": "<div><center>- Anzeige -</center></div>",
    "appeal before app badges": '<div class="app-box"><p><b>Get the latest news straight to your phone with the Daily app.</b></p><div><a href="https://play.example/daily"><img src="/android.png"></a></div></div>',
    "gallery buttons": "<div><span>Caption</span></div><div><span>Close</span></div>",
    "reading time": "<p>Tempo de leitura: 2 minutos</p><div><span>5 min read</span></div>",
    "orphan label at the end": "<p>Das Thema könnte dich auch interessieren:</p>",
    "orphan question at the end": "<div><strong>Möchten Sie den Artikel teilen?</strong></div>",
    "long paragraph of links": "<p>"
    + "<br>".join(
        f'- <a href="/s{n}/">Another story about the weather, number {n}</a>' for n in range(6)
    )
    + "</p>",
    "back link at the end": '<div class="button"><a class="custom-btn" href="javascript:history.back()">zurück zur vorherigen Seite</a></div>',
    "teaser card": '<div class="stream"><div class="item"><figure><a href="/other/"><img src="/o.jpg"></a></figure><h2 class="title"><a href="/other/">Young farmers ask for a start-up grant</a></h2><p>The rural youth ring wants a grant for new farms.</p></div></div>',
    "teaser card linked as a whole": '<div class="newsteaser"><a href="/other/"><img src="/o.jpg"><h2>What is next for the club</h2></a></div>',
    "call-to-action button": '<div class="thrv_wrapper thrv-button"><a class="tcb-button-link" href="/signup/">HIER KOSTENLOS ANMELDEN</a></div>',
    "italic source note": "<p><em>Quelle: Deutscher Jagdverband (DJV), 02. Februar 2022</em></p>",
    "italic disclaimer": "<p><span><em>(Alle Angaben ohne Gewähr)</em></span></p>",
    "disclaimer at the end": '<div><strong>The Daily</strong> is not responsible for the opinions presented by contributors. <a href="/contact/">Report abuse</a>.</div>',
    "picture teaser without heading": '<section class="box"><a href="/battery-in-winter/"><figure><img src="/b.jpg"></figure><div><span>Battery in winter</span> <span>How the battery survives the cold season</span></div></a></section>',
    "teaser heading": '<h3>MIRA: <a href="/otra-nota/">Madre se acerca a conocer los motivos de captura</a></h3>',
    "one-link lists in a row": "<h4>More:</h4>"
    + "".join(
        f'<ul><li><h4><a href="/s{n}/">Another story, number {n}</a></h4></li></ul>'
        for n in range(3)
    ),
    "disclosure": '<section class="editorial-disclosure"><p>This post contains references to products from one or more of our advertisers.</p></section>',
    "stamp line with a name": "<p>Jane Doe 2 March 2024 21:02</p>",
    "unix timestamp": "<p>1709413320</p>",
    "related video line": "<p><strong>Related video:</strong> Firefighters battle the blaze (1:32)</p>",
    "watch line of a player": "<p>WATCH: Firefighters battle the blaze</p>",
    "stamp line of a live entry": "<div><strong>Jane Doe</strong> 2 March 2024 21:02</div>",
    "copyright line at the end": "<p>© 2024 The Daily Media. All rights reserved.</p>",
    "long copyright notice at the end": "<h3>Copyright and Trade Mark Notice</h3><p>© 2008 owned by "
    "or licensed to The Daily Media North West Limited. The Daily™ is a trade mark of The Daily "
    "Media North West Limited. Please read our Terms and Conditions and Privacy Statement before "
    "using this site.</p>",
    "access prompt at the end": '<p>Join <a href="/join/">The Daily</a> for access to this content.</p>',
}


@pytest.mark.parametrize("furniture", FURNITURE.values(), ids=FURNITURE.keys())
def test_furniture_is_removed(furniture):
    assert (
        cleaned(STORY + furniture)
        == "The council voted on Tuesday to extend the programme for another three years."
    )


def test_story_structures_are_kept():
    story = (
        "<h2>What happens next</h2>"
        + STORY
        + '<figure><img src="/a.jpg" alt="x"><figcaption>The council chamber.</figcaption></figure>'
        + "<blockquote><p>We are delighted with the outcome.</p></blockquote>"
        + "<ul><li>Buses every ten minutes</li><li>Trams every five</li></ul>"
        + "<p>Read <a href='/report/'>the full report</a> on the council's website for details.</p>"
    )
    assert cleaned(story).split("\n\n") == [
        "What happens next",
        "The council voted on Tuesday to extend the programme for another three years.",
        "We are delighted with the outcome.",
        "Buses every ten minutes",
        "Trams every five",
        "Read the full report on the council's website for details.",
    ]


def test_headline_repeated_in_body_is_removed():
    assert cleaned("<h1>Council extends programme</h1>" + STORY, "Council extends programme") == (
        "The council voted on Tuesday to extend the programme for another three years."
    )


def test_quoted_label_inside_a_paragraph_stays():
    text = "<p>Her last tweet read simply: Share this article with everyone you know, please.</p>"
    assert "Share this article" in cleaned(STORY + text)


def test_wordpress_term_classes_do_not_mark_furniture():
    story = f'<div class="post-12 post type-post tag-ukraine category-world">{STORY}</div>'
    assert cleaned(story).startswith("The council voted")


def test_wordpress_author_class_on_the_article_does_not_mark_furniture():
    story = f'<article class="post-12 post type-post author-jane-doe">{STORY}</article>'
    assert cleaned(f"<div>{story}</div>").startswith("The council voted")


def test_a_sentence_with_a_colon_and_a_link_stays():
    text = "<p>The report's verdict: <a href='/report/'>the programme works</a> and will stay.</p>"
    assert "the programme works" in cleaned(STORY + text)


def test_a_mailto_link_to_a_person_stays():
    text = cleaned(
        STORY + '<p>Write to <a href="mailto:desk@site.example">the news desk</a> with tips.</p>'
    )
    assert "the news desk" in text


SOURCES = (
    "<ul><li><p><a href='https://paper.example/budget'>Council budget doubles the bus fund</a></p>"
    "<p>via The Paper</p></li>"
    "<li><a href='https://radio.example/news/trams'>Trams to run every five minutes from May</a></li>"
    "<li><a href='https://www.site.example/earlier/'>Our earlier report on the programme</a></li></ul>"
)


def test_a_list_of_titled_links_to_other_sites_stays():
    text = cleaned(STORY + SOURCES)
    assert "Council budget doubles the bus fund" in text
    assert "Trams to run every five minutes from May" in text


def test_a_list_of_titled_links_to_the_site_itself_goes():
    own = SOURCES.replace("paper.example", "news.site.example").replace(
        "radio.example", "site.example"
    )
    assert cleaned(STORY + own) == (
        "The council voted on Tuesday to extend the programme for another three years."
    )


def test_a_list_of_short_links_to_other_sites_goes():
    profiles = (
        "<ul><li><a href='https://twitter.example/jane'>Twitter</a></li>"
        "<li><a href='https://linkedin.example/in/jane'>LinkedIn</a></li></ul>"
    )
    assert cleaned(STORY + profiles) == (
        "The council voted on Tuesday to extend the programme for another three years."
    )


def test_class_words_on_words_inside_a_sentence_do_not_remove_them():
    text = (
        '<p><span class="dateline">KOBE –</span> A total of 6,000 masks were lost, the '
        '<a class="tag-link" href="/tag/police/">police</a> said on Tuesday.</p>'
    )
    assert cleaned(text) == "KOBE – A total of 6,000 masks were lost, the police said on Tuesday."


def test_hidden_words_and_cards_inside_a_sentence_still_go():
    card = "Jane Doe, governor since 2019, previously served four terms in the state house"
    text = (
        f'<p>Gov. <span class="rollover-people">Jane Doe{card}</span> said the '
        '<span class="screen-reader-text">link</span> plan works for everyone here.</p>'
    )
    assert cleaned(text) == "Gov. said the plan works for everyone here."


SOURCE_LINE = "<p><a href='https://paper.example/budget'>The generation we love to dump on</a></p>"


MORE = (
    "<p>Buses will run every ten minutes on the main lines, and trams every five in the centre.</p>"
)


def test_a_linked_line_to_another_site_inside_the_story_stays():
    assert "The generation we love to dump on" in cleaned(STORY + SOURCE_LINE + MORE)


def test_a_linked_line_after_the_story_or_to_the_site_itself_goes():
    own = SOURCE_LINE.replace("paper.example", "site.example")
    story = "The council voted on Tuesday to extend the programme for another three years."
    assert cleaned(STORY + SOURCE_LINE) == story
    assert "dump on" not in cleaned(STORY + own + MORE)


QUOTE_WIDGET = (
    '<div class="widget quote"><p>«We are delighted with the outcome», the mayor said.</p></div>'
)


def test_a_widget_of_prose_between_paragraphs_of_the_story_stays():
    assert "We are delighted with the outcome" in cleaned(MORE + QUOTE_WIDGET + MORE)


def test_a_widget_beside_the_story_or_of_links_goes():
    links = (
        '<div class="widget related"><p><a href="/a/">Council approves the new budget</a> and '
        '<a href="/b/">Trams return to the centre</a></p></div>'
    )
    assert "delighted" not in cleaned(MORE + MORE + QUOTE_WIDGET)
    assert "Council approves" not in cleaned(MORE + links + MORE)


def test_a_more_specific_word_beside_widget_names_the_block():
    teaser = '<div class="widget related-story"><p>Elsewhere: the trams return to the centre in May.</p></div>'
    assert "trams return" not in cleaned(MORE + teaser + MORE)


def test_a_trailing_heading_of_two_sentences_is_prose():
    prose = "<h4>The mayor set up a fake profile. It backed his version.</h4>"
    assert cleaned(STORY + prose).endswith("It backed his version.")
    assert cleaned(STORY + "<h4>More on this story.</h4>").endswith("three years.")


def test_a_named_block_with_two_thirds_of_the_text_is_the_content():
    rules = "".join(
        f"<li>Rule {n}: quotations in double marks, titles in italics, sources in footnotes.</li>"
        for n in range(8)
    )
    guidelines = (
        f'<div class="author_guidelines"><h2>Guidelines for authors</h2><ul>{rules}</ul></div>'
    )
    assert "Rule 7: quotations" in cleaned(STORY + guidelines)
    bio = (
        '<div class="author-bio"><p>Jane Doe has reported from the city hall since 2015.</p></div>'
    )
    assert "Jane Doe" not in cleaned(STORY + MORE + bio)


def test_two_thirds_is_of_the_text_left_once_furniture_has_gone():
    # Blogger's post sits in div.widget.Blog beside a sidebar that outweighs it: the sidebar
    # goes first, and what is left is mostly the post.
    post = "".join(
        f"<p>Paragraph {n} of the post about the hospital's records, short as the posts of this blog are.</p>"
        for n in range(6)
    )
    entries = "".join(
        f"<p>Blogroll entry {n} with a long description of the blog that it links to, kept "
        "in the sidebar of every page of the site.</p>"
        for n in range(6)
    )
    sidebar = f'<div class="sidebar">{entries}</div>' * 2
    text = cleaned(f'<div class="widget Blog">{post}</div>{sidebar}')
    assert "Paragraph 5 of the post" in text
    assert "Blogroll" not in text


def test_an_inline_byline_left_open_over_the_post_keeps_the_post():
    # <span class="byline-author"> never closed: the parser gives it the post that follows.
    prose = (
        "When a story breaks, the service is designed to give you the most relevant articles "
        "from a variety of sources, from national outlets to local points of view and opinion."
    )
    page = (
        f'<span class="byline-author"><b>Posted by Scott, Product Manager<br>{prose}<br>'
        f'<span class="byline-author">Posted by Scott</span> {prose}</b></span>'
    )
    text = cleaned(page)
    assert text.count("When a story breaks") == 2
    assert "Posted by Scott</span>" not in text
    assert "Jane Doe" not in cleaned(STORY + '<span class="byline">By Jane Doe</span>' + MORE)


def test_hidden_slides_beside_a_shown_one_are_the_story():
    slides = (
        '<div class="slide"><p>Slide one: the bus fund doubles next spring.</p></div>'
        + "".join(
            f'<div class="slide hidden"><p>Slide {n}: the trams return in May.</p></div>'
            for n in ("two", "three")
        )
    )
    text = cleaned(slides)
    assert "Slide three: the trams return in May." in text
    lone = '<div class="note hidden"><p>Text kept from readers.</p></div>'
    assert "kept from readers" not in cleaned(STORY + lone)


@pytest.mark.parametrize("names", ["has-sharing", "o-section--has-ads", "site__main--no-sidebar"])
def test_what_a_block_holds_or_lacks_does_not_mark_it(names):
    lead = '<p class="intro">The programme will run for three more years, the council says.</p>'
    assert cleaned(f'<div class="{names}">{lead}</div>' + STORY).startswith("The programme")


def test_an_appeal_before_the_end_of_the_story_stays():
    appeal = "<p>Readers can follow the council on Twitter for updates.</p>"
    assert "follow the council" in cleaned(STORY + appeal + STORY)


def test_a_trailing_sentence_that_mentions_a_download_stays():
    text = "<p>He said you will never download a game again, nor wait for an update.</p>"
    assert "never download a game" in cleaned(STORY + text)


def test_a_trailing_colon_before_pictures_stays():
    pictures = '<p>See more photos:</p><div><span><img src="/a.jpg" alt=""></span></div>'
    assert cleaned(STORY + pictures).endswith("See more photos:")


def test_a_trailing_sentence_ending_in_a_colon_stays():
    text = "<p>Twitter users seemed a bit confused by the whole campaign:</p>"
    assert cleaned(STORY + text).endswith("the whole campaign:")


def test_a_picture_in_an_empty_span_stays():
    body = Selector(
        text=f'<div class="entry-content">{STORY}<p><span><img src="/a.jpg"></span></p></div>'
    ).root.xpath("//div")[0]
    clean_body(body)
    assert body.xpath(".//img")


def test_a_trailing_sentence_that_starts_with_back_stays():
    text = "<p>Back to the council: <a href='/vote/'>the vote</a> was close, eleven to ten.</p>"
    assert cleaned(STORY + text).endswith("eleven to ten.")


def test_linked_section_headings_of_the_story_stay():
    story = (
        "<h2><a href='https://maker.example/'>The first workshop</a></h2>"
        + STORY
        + "<h2><a href='https://other.example/'>The second workshop</a></h2>"
        + STORY.replace("council", "board")
    )
    assert cleaned(story).split("\n\n")[::2] == ["The first workshop", "The second workshop"]


def test_a_source_sentence_in_roman_type_stays():
    text = "<p>Sources close to the council said the vote had been expected for weeks.</p>"
    assert "Sources close to the council" in cleaned(STORY + text)


def test_a_heading_led_by_a_label_is_removed():
    story = STORY + "<h3>Mehr zum Thema auf example.de</h3><p>Weiterführende Links unten.</p>"
    assert "Mehr zum Thema" not in cleaned(story)


def test_a_heading_that_only_starts_like_a_label_word_stays():
    story = "<h2>Tags on the old bridge tell its history</h2>" + STORY
    assert cleaned(story).startswith("Tags on the old bridge")


def test_a_picture_linked_to_its_larger_file_stays():
    picture = '<div><a href="/big.jpg"><img src="/small.jpg">The council chamber</a></div>'
    assert cleaned(STORY + picture).endswith("The council chamber")


def test_a_list_of_one_link_alone_stays():
    text = '<ul><li><a href="/report/">The full report of the council</a></li></ul>'
    assert cleaned(STORY + text + STORY).count("The full report") == 1


def test_cards_that_are_most_of_the_body_are_the_items_of_a_listicle():
    items = "".join(
        f'<figure class="slide"><h2><a href="/gallery/{n}/">{n}. Costume number {n}</a></h2>'
        f'<img src="/{n}.jpg" alt=""><figcaption><p>What you need: a hat and a coat, size {n}.</p>'
        "<p>Add a scarf and gloves if the night is cold.</p></figcaption></figure>"
        for n in range(1, 9)
    )
    text = cleaned("<p>Easy costumes for this year.</p>" + items)
    assert "8. Costume number 8" in text
    assert "What you need: a hat and a coat, size 1." in text
    card = '<div class="item"><h2><a href="/other/">Young farmers ask for a grant</a></h2><p>The rural youth ring wants a grant.</p></div>'
    assert "Young farmers" not in cleaned(STORY + MORE + card)
    posts = items.replace("<figure", "<article").replace("</figure>", "</article>")
    assert "Costume number" not in cleaned("<p>Easy costumes for this year.</p>" + posts)
    excerpts = items.replace("cold.</p>", "cold and…</p>")
    assert "Costume number" not in cleaned("<p>Easy costumes for this year.</p>" + excerpts)


def test_a_long_last_paragraph_that_mentions_signing_up_in_passing_stays():
    text = (
        "<p>To inform small firms, the agency founded an alliance against online fraud, the "
        "largest initiative of its kind in Europe. For its congress on the first two days of "
        "February, anyone interested can sign up free of charge on the agency's website.</p>"
    )
    assert cleaned(STORY + text).endswith("on the agency's website.")
    appeal = text.replace("<p>To inform", "<p>Sign up for our newsletter today. To inform")
    assert cleaned(STORY + appeal).endswith("three years.")


def test_a_long_paragraph_of_links_to_other_sites_is_the_story_sources():
    urls = [
        f"https://paper{n}.example/2012/11/the-council-vote-and-what-it-means-{n}" for n in range(3)
    ]
    coverage = "<p>" + "<br>".join(f'<a href="{url}">{url}</a>' for url in urls) + "</p>"
    assert urls[2] in cleaned(STORY + "<p>Some press coverage:</p>" + coverage)
    own = coverage.replace("paper", "www.site.example/paper")
    assert "the-council-vote" not in cleaned(STORY + own)


def test_a_trailing_heading_inside_a_linked_tile_is_an_orphan():
    tile = '<div class="row"><div class="tile"><a href="/transparency/"><div><h2>Transparency</h2></div></a></div></div>'
    assert cleaned(STORY + tile).endswith("three years.")


def test_a_short_post_under_its_title_linked_to_the_page_itself_is_no_card():
    # Blogger and many WordPress themes link a post's title to its permalink.
    post = (
        '<div class="post"><h3 class="post-title"><a href="{href}">This is Not a Lecture</a></h3>'
        '<div class="post-body"><p>Tonight I will be telling a short story about my pseudonym '
        "and how I fell into working with type. The talks start at 7:30pm.</p></div></div>"
    )
    for own in (PAGE, "http://www.site.example/post", "/post/#more"):
        assert "telling a short story" in cleaned(post.format(href=own)), own
    assert "telling a short story" not in cleaned(STORY + MORE + post.format(href="/other/"))


def test_a_long_headline_repeated_in_body_is_removed():
    headline = "Council extends the programme for another three years after a long debate"
    assert cleaned(f"<h2>{headline}</h2>" + STORY, headline) == (
        "The council voted on Tuesday to extend the programme for another three years."
    )


def test_section_titles_in_h1_stay_where_the_body_has_several():
    # Medium titles a post's sections with <h1>: only the one repeating the headline goes.
    story = (
        "<h1>Profiling in production</h1>" + STORY + "<h1>Why it matters</h1>" + STORY
        + "<h1>Resources</h1>" + STORY
    )  # fmt: skip
    assert cleaned(story, "Profiling in production").split("\n\n") == [
        "The council voted on Tuesday to extend the programme for another three years.",
        "Why it matters",
        "The council voted on Tuesday to extend the programme for another three years.",
        "Resources",
        "The council voted on Tuesday to extend the programme for another three years.",
    ]
