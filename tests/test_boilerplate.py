"""Each furniture rule of newscrawl.extract.boilerplate on a small page of its own."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.extract import clean_body, render
from newscrawl.extract.boilerplate import holds_story

STORY = "<p>The council voted on Tuesday to extend the programme for another three years.</p>"


def cleaned(inner: str, headline: str | None = None) -> str:
    body = Selector(text=f"<html><body><div class='entry-content'>{inner}</div></body></html>").root
    node = body.xpath("//div[@class='entry-content']")[0]
    clean_body(node, headline=headline)
    return render(node, "https://site.example/post/").text


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
    "labelled cross-link": '<div class="linkback">Related Roundup: <a href="/roundup/">MacBook Pro</a></div>',
    "italic contact tagline": '<p><i>Have a tip? Jane Doe may be reached at </i><a href="mailto:jd@site.example"><i>jd@site.example</i></a><i>.</i></p>',
    "disclosure": '<section class="editorial-disclosure"><p>This post contains references to products from one or more of our advertisers.</p></section>',
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


def test_plain_text_story_is_judged_by_its_visible_text() -> None:
    """A long run of text outside links holds a story; script text does not count."""
    words = "The council met again on Tuesday and the vote went the other way this time. "
    long_text = Selector(text=f"<div class='date-outer'>{words * 12}</div>").root
    scripted = Selector(
        text=f"<div class='date-outer'><script>{words * 12}</script>{words}</div>"
    ).root
    assert holds_story(long_text.xpath("//div")[0], plain_text=True)
    assert not holds_story(scripted.xpath("//div")[0], plain_text=True)
