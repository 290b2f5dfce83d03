"""Prev/Next detection on the markup of each theme family in shared/themes.md."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.extract import find_neighbours

URL = "https://site.example/2025/02/23/this-post/"
PREV = "https://site.example/2025/02/22/older-post/"
NEXT = "https://site.example/2025/02/24/newer-post/"


def neighbours(body: str, head: str = "", url: str = URL):
    html = (
        f"<html><head>{head}</head><body><article><p>Story text.</p></article>{body}</body></html>"
    )
    found = find_neighbours(Selector(text=html).root, url)
    return found.prev, found.next


THEMES = {
    "wordpress core": f"""
        <nav class="navigation post-navigation" aria-label="Posts">
          <h2 class="screen-reader-text">Post navigation</h2>
          <div class="nav-links">
            <div class="nav-previous"><a href="{PREV}" rel="prev">Older title</a></div>
            <div class="nav-next"><a href="{NEXT}" rel="next">Newer title</a></div>
          </div></nav>""",
    "twenty twenty-one": f"""
        <nav class="navigation post-navigation"><div class="nav-links">
          <div class="nav-previous"><a href="{PREV}" rel="prev"><p class="meta-nav">Previous Post</p>
            <p class="post-title">Older title</p></a></div>
          <div class="nav-next"><a href="{NEXT}" rel="next"><p class="meta-nav">Next Post</p>
            <p class="post-title">Newer title</p></a></div></div></nav>""",
    "block theme": f"""
        <nav class="wp-block-group" aria-label="Posts">
          <div class="post-navigation-link-previous wp-block-post-navigation-link">
            <a href="{PREV}" rel="prev"><span class="post-navigation-link__label">Previous:</span>
            <span class="post-navigation-link__title">Older</span></a></div>
          <div class="post-navigation-link-next wp-block-post-navigation-link">
            <a href="{NEXT}" rel="next"><span class="post-navigation-link__label">Next:</span>
            <span class="post-navigation-link__title">Newer</span></a></div></nav>""",
    "caards": f"""
        <div class="cs-entry__prev-next">
          <a class="cs-entry__prev-next-item cs-entry__prev" href="{PREV}">
            <div class="cs-entry__prev-next-label">Prev Post</div>
            <h2 class="cs-entry__title"><span>Older title</span></h2></a>
          <a class="cs-entry__prev-next-item cs-entry__next" href="{NEXT}">
            <div class="cs-entry__prev-next-label">Next Post</div>
            <h2 class="cs-entry__title"><span>Newer title</span></h2></a></div>""",
    "caards sibling": f"""
        <div class="cs-entry__prev-next">
          <div class="cs-entry__prev-next-item"><span>Previous Article</span>
            <a class="cs-entry__prev-next-link" href="{PREV}">Older title</a></div>
          <div class="cs-entry__prev-next-item"><span>Next Article</span>
            <a class="cs-entry__prev-next-link" href="{NEXT}">Newer title</a></div></div>""",
    "generatepress": f"""
        <nav id="nav-below" class="post-navigation">
          <div class="nav-previous"><span class="prev"><a href="{PREV}" rel="prev">Older</a></span></div>
          <div class="nav-next"><span class="next"><a href="{NEXT}" rel="next">Newer</a></span></div></nav>""",
    "newspaper": f"""
        <div class="td-block-row td-post-next-prev">
          <div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content">
            <span>Previous article</span><a href="{PREV}">Older title</a></div></div>
          <div class="td-block-span6 td-post-next-post"><div class="td-post-next-prev-content">
            <span>Next article</span><a href="{NEXT}">Newer title</a></div></div></div>""",
    "jnews": f"""
        <div class="jeg_prevnext_post">
          <a href="{PREV}" class="post prev-post"><span class="caption">Previous Post</span>
            <h3 class="post-title">Older title</h3></a>
          <a href="{NEXT}" class="post next-post"><span class="caption">Next Post</span>
            <h3 class="post-title">Newer title</h3></a></div>""",
    "jannah": f"""
        <div class="prev-next-post-nav container-wrapper">
          <div class="tie-col-xs-6 prev-post"><a href="{PREV}" class="post-thumb"></a>
            <a href="{PREV}" class="post-title">Older title</a></div>
          <div class="tie-col-xs-6 next-post"><a href="{NEXT}" class="post-thumb"></a>
            <a href="{NEXT}" class="post-title">Newer title</a></div></div>""",
    "adjacent posts": f"""
        <nav id="adjacent-posts" class="nav-paging">
          <p class="nav-paging-prev"><a href="{PREV}">« Older title</a></p>
          <p class="nav-paging-next"><a href="{NEXT}">Newer title »</a></p></nav>""",
    "older/newer list": f"""
        <ul class="nav-paging"><li><a href="{PREV}">Older Article</a></li>
          <li><a href="{NEXT}">Newer Article</a></li></ul>""",
    "unlisted theme, labels only": f"""
        <div class="story-pager">
          <a href="{PREV}" class="story-pager__older">← Older story<br><strong>Older</strong></a>
          <a href="{NEXT}" class="story-pager__newer">Newer story →<br><strong>Newer</strong></a></div>""",
}


@pytest.mark.parametrize("markup", THEMES.values(), ids=THEMES.keys())
def test_theme_markup(markup):
    assert neighbours(markup) == (PREV, NEXT)


def test_head_links():
    head = f'<link rel="prev" title="Older" href="{PREV}"><link rel="next" href="{NEXT}">'
    assert neighbours("", head) == (PREV, NEXT)


def test_relative_links_resolve_against_page_url():
    markup = '<nav class="post-navigation"><a rel="prev" href="/2025/02/22/older-post/">x</a></nav>'
    assert neighbours(markup) == (PREV, None)


def test_first_and_last_post_have_one_neighbour():
    markup = f'<nav class="post-navigation"><div class="nav-next"><a rel="next" href="{NEXT}">N</a></div></nav>'
    assert neighbours(markup) == (None, NEXT)


def test_related_posts_and_read_next_are_not_the_chain():
    markup = """
        <div class="cs-entry__post-related"><h5>Read next</h5>
          <article><a href="https://site.example/2025/01/01/related/">Next big thing</a></article></div>
        <div id="jp-relatedposts"><a rel="next" href="https://site.example/x/">Related</a></div>
        <div class="widget"><h3>Recent Posts</h3><a href="https://site.example/2025/02/25/latest/">Latest</a></div>"""
    assert neighbours(markup) == (None, None)


def test_archive_pagination_and_comment_pages_are_not_posts():
    markup = """
        <nav class="navigation pagination"><a class="next page-numbers" href="https://site.example/page/2/">Next</a></nav>
        <div class="comments"><nav class="comment-navigation"><div class="nav-previous">
          <a href="https://site.example/2025/02/23/this-post/comment-page-1/">Older Comments</a></div></nav></div>
        <link rel="next" href="https://site.example/2025/02/23/this-post/2/">"""
    assert neighbours(markup) == (None, None)


def test_page_linking_to_itself_is_ignored():
    markup = f'<nav class="post-navigation"><a rel="prev" href="{URL}">Me</a><a rel="next" href="{NEXT}">N</a></nav>'
    assert neighbours(markup) == (None, NEXT)


def test_slider_arrows_and_story_links_do_not_count():
    markup = """
        <div class="slider"><a class="slick-prev" href="#">Prev</a><a class="slick-next" href="#">Next</a></div>
        <p>Read the <a href="https://site.example/2025/02/20/earlier-report/">next chapter</a> tomorrow.</p>"""
    assert neighbours(markup) == (None, None)


@pytest.mark.parametrize(
    ("prev_label", "next_label"),
    [
        ("PREVIOUS ARTICLE", "NEXT ARTICLE"),
        ("Vorheriger Beitrag", "NÄCHSTER BEITRAG"),
        ("ПРЕДЫДУЩАЯ СТАТЬЯ", "Следующая статья"),
    ],
)
def test_labels_alone_are_found_in_any_case_and_script(prev_label, next_label):
    """The cheap text scan folds case like the label patterns do, ASCII or not."""
    body = f'<div><a href="{PREV}">{prev_label}</a> <a href="{NEXT}">{next_label}</a></div>'
    assert neighbours(body) == (PREV, NEXT)
