"""ArticlePage with a site's overrides (the sites file's body, drop, language, timezone)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from parsel import Selector

from newscrawl.extract import ArticlePage, clean_body, render

HTML = """<html lang="en"><head><title>Story - Site</title></head><body>
<h1>Story</h1><p class="byline">Posted 03/04/2025 10:00</p>
<div class="odd-wrapper"><p>First paragraph of the story, long enough to count for something.</p>
<div class="promo-box"><p>Buy our magazine today and save a great deal of money on it.</p></div>
<p>Second paragraph of the story, also long enough to count as a paragraph.</p></div>
<div class="comments"><p>A reader comment that is long, long, long, long, long enough to score.</p>
<p>Another reader comment that is long, long, long, long, long enough to score.</p></div>
</body></html>"""


def body_text(page: ArticlePage) -> str:
    body = page.body()
    clean_body(body, headline="Story")
    return render(body, page.url).text


def test_body_and_drop_selectors_override_the_rules():
    page = ArticlePage(
        Selector(text=HTML),
        "https://s.example/story/",
        body_css="div.odd-wrapper",
        drop_css=(".promo-box",),
    )
    assert body_text(page) == (
        "First paragraph of the story, long enough to count for something.\n\n"
        "Second paragraph of the story, also long enough to count as a paragraph."
    )


def test_a_body_selector_that_matches_nothing_falls_back_to_the_rules():
    page = ArticlePage(Selector(text=HTML), "https://s.example/story/", body_css="main.none")
    assert body_text(page).startswith("First paragraph")


def test_language_day_order_and_zone_overrides():
    page = ArticlePage(
        Selector(text=HTML),
        "https://s.example/story/",
        dayfirst=True,
        tz=ZoneInfo("Europe/Berlin"),
        language="de-DE",
    )
    assert page.in_language() == "de-DE"
    assert page.date_published() == "2025-04-03T10:00:00+02:00"
    us = ArticlePage(Selector(text=HTML), "https://s.example/story/")
    assert us.date_published() == "2025-03-04T10:00:00+00:00"


def test_breadcrumbs_image_and_item_fields_come_from_the_page():
    ld = (
        '{"@graph": [{"@type": "BreadcrumbList", "itemListElement": ['
        '{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://s.example/"},'
        '{"@type": "ListItem", "position": 2, "item": {"@id": "/world/", "name": "World"}},'
        '{"@type": "ListItem", "position": 3, "name": "Story"}]},'
        '{"@type": "NewsArticle", "headline": "Story", "image": "/a.jpg",'
        ' "datePublished": "2025-03-04T10:00:00+01:00", "dateModified": "2025-03-05T08:00:00+01:00"}]}'
    )
    html = HTML.replace("</head>", f'<script type="application/ld+json">{ld}</script></head>')
    page = ArticlePage(Selector(text=html), "https://s.example/story/")
    assert page.breadcrumbs() == [
        {"name": "Home", "url": "https://s.example/"},
        {"name": "World", "url": "https://s.example/world/"},
        {"name": "Story"},
    ]
    assert page.main_image() == {"url": "https://s.example/a.jpg"}
    item = page.to_item()
    assert item["headline"] == "Story"
    assert item["datePublished"] == "2025-03-04T10:00:00+01:00"
    assert item["dateModified"] == "2025-03-05T08:00:00+01:00"
    assert item["inLanguage"] == "en"
    assert "dateDownloaded" in item["metadata"]
    assert "authors" not in item  # empty fields are left out


def test_a_story_whose_head_and_headline_were_lost_is_still_an_article():
    from newscrawl.offline import Extractor, NotAnArticle

    paragraph = (
        "<p>" + "The council met on Monday and agreed the plan for the bridge. " * 4 + "</p>"
    )
    item = Extractor().extract(
        f"<html><body><div class='sh'>Council agrees</div>{paragraph * 3}</body></html>".encode(),
        "https://example.com/news/1.stm",
    )
    assert "headline" not in item or not item["headline"]
    assert item["articleBody"].count("The council met") == 12
    try:
        Extractor().extract(
            f"<html><body>{paragraph}</body></html>".encode(), "https://example.com/2"
        )
    except NotAnArticle as error:
        assert "no headline" in str(error)
    else:
        raise AssertionError("one paragraph without a headline is no article")


def test_a_short_news_item_that_lost_its_head_is_still_an_article():
    from newscrawl.offline import Extractor

    words = "Sony has updated the store this week with a demo of the new racing game. " * 6
    item = Extractor().extract(
        f"<html><body><div class='story'><p>{words}</p></div></body></html>".encode(),
        "https://example.com/article.php?id=9908",
    )
    assert item["articleBody"].startswith("Sony has updated the store")
