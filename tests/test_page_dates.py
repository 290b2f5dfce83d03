"""Publication dates read from whole pages: which source wins and why."""

from __future__ import annotations

from datetime import UTC, datetime

from parsel import Selector

from newscrawl.extract.page import ArticlePage

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def page(body: str, head: str = "", url: str = "https://example.com/news/story") -> ArticlePage:
    html = f"<html lang='de'><head>{head}</head><body>{body}</body></html>"
    return ArticlePage(Selector(text=html), url, downloaded=NOW)


def test_printed_date_and_url_outvote_a_stale_meta_date():
    story = page(
        "<h1>Faire Lieferketten</h1><div class='news-date'>05.02.2020</div><p>Text.</p>",
        head="<meta name='date' content='2020-02-12'>",
        url="https://example.com/2020/02/05/faire-lieferketten/",
    )
    assert story.date_published() == "2020-02-05T00:00:00+00:00"
    assert story.date_published_raw() == "05.02.2020"


def test_metadata_keeps_its_timestamp_when_the_page_agrees():
    story = page(
        "<h1>Title</h1><p class='byline'>5. Februar 2020</p>",
        head="<meta property='article:published_time' content='2020-02-05T09:30:00+01:00'>",
    )
    assert story.date_published() == "2020-02-05T09:30:00+01:00"


def test_utc_metadata_yields_to_the_local_day_in_the_byline():
    story = page(
        "<h1>Title</h1><span class='entry-date'>3 May 2022, 11:37 pm</span>",
        head="<meta property='article:published_time' content='2022-05-04T03:37:37+00:00'>",
    )
    assert story.date_published().startswith("2022-05-03")


def test_sidebar_time_does_not_beat_the_byline_and_url():
    story = page(
        "<aside><time datetime='2009-04-11 18:06:36'>11. April 2009</time></aside>"
        "<h1>Entlöten</h1><span class='published'>22. Oktober 2019</span>",
        url="https://example.com/2019/10/22/entloeten/",
    )
    assert story.date_published().startswith("2019-10-22")


def test_marked_dates_in_comments_are_not_the_articles():
    story = page(
        "<h1>Title</h1>"
        "<div class='comments'><time itemprop='datePublished' content='2020-04-28T10:27:29+02:00'>"
        "28.04.2020</time></div>"
        "<span itemprop='datePublished' content='2020-04-27T18:50:24+02:00'>27.04.2020</span>"
    )
    assert story.date_published() == "2020-04-27T18:50:24+02:00"


def test_a_date_in_the_headline_is_the_news_not_the_page():
    story = page("<h1>Tagung am 26. und 27. 2. 2015</h1><p class='meta'>28. Januar 2015</p>")
    assert story.date_published().startswith("2015-01-28")


def test_unknown_meta_names_about_publishing_are_a_last_resort():
    story = page("<p>Text.</p>", head="<meta name='vr:published-time' content='2020-04-27 18:50'>")
    assert story.date_published().startswith("2020-04-27")
    assert page(
        "<p>Text.</p>", head="<meta name='x:updated-time' content='2020-04-27'>"
    )._published == (None, None)


def test_a_masthead_date_in_the_site_header_or_sidebar_is_not_the_articles():
    story = page(
        "<header><div class='top-date'>Dienstag, 18. Februar 2025</div><nav>Menü</nav></header>"
        "<aside><span class='post-date'>17. Februar 2025</span></aside>"
        "<article><h2>Titel</h2><p>Text.</p></article>"
    )
    assert story._published == (None, None)


def test_a_labelled_date_in_the_footer_is_the_last_resort():
    story = page("<p>Text.</p><p class='footer'>Erschienen am: 01.11.2023<br>Lesungen: 61</p>")
    assert story.date_published() == "2023-11-01T00:00:00+00:00"


def test_a_date_line_run_into_the_first_paragraph():
    lead = "Zum Gedenktag erinnern die Wirtschaftsweiber an verfolgte Lesben. " * 5
    story = page(
        f"<h1>Holocaust-Gedenktag</h1><p>{lead}</p><p>Von Claudia Lindner</p>"
        "<p>27.1.2022 - Bei der Erinnerung an die Verfolgten des NS-Regimes</p>"
    )
    assert story.date_published() == "2022-01-27T00:00:00+00:00"


def test_a_sentence_that_starts_with_a_date_is_no_date_line():
    lead = "Zum Gedenktag erinnern die Wirtschaftsweiber an verfolgte Lesben. " * 5
    story = page(f"<h1>Gedenktag</h1><p>{lead}</p><p>27.1.2022 war ein kalter Tag.</p>")
    assert story.date_published() is None


def test_the_headline_below_a_logo_h1_has_the_date_line():
    story = page(
        "<h1><a href='/' class='logo'>L-Mag</a></h1><span>Mittwoch, 26.02.2020</span>"
        "<h2>Holocaust-Gedenktag</h2><p>01.11.2023</p><p>Text.</p>",
        head="<title>Holocaust-Gedenktag | L-Mag</title>",
    )
    assert story.date_published() == "2023-11-01T00:00:00+00:00"


def test_a_related_class_on_body_does_not_hide_the_date_line():
    html = (
        "<html lang='de'><body class='pageLayout--related'><article><h1>Wärmepumpen</h1>"
        "<div class='meta'>06.12.2022</div><p>Text.</p></article></body></html>"
    )
    story = ArticlePage(Selector(text=html), "https://example.com/a", downloaded=NOW)
    assert story.date_published() == "2022-12-06T00:00:00+00:00"


def test_a_hidden_updated_stamp_is_not_the_date_line():
    story = page(
        "<h1>Erfinderinnen</h1><span class='updated rich-snippet-hidden'>2022-12-07</span>"
        "<span>25. Dezember 2022</span><p>Text.</p>",
        head="<meta property='article:published_time' content='2022-12-25T11:00:02+00:00'>",
    )
    assert story.date_published()[:10] == "2022-12-25"


def test_a_revision_date_line_gives_way_to_the_byline():
    story = page(
        "<h1>Deux ans</h1><p>Article mis à jour le 7 janvier 2020.</p><p>Texte.</p>"
        "<footer><span class='date'>30 septembre 2018</span></footer>"
    )
    assert story.date_published() == "2018-09-30T00:00:00+00:00"


def test_a_meta_date_in_us_order_yields_to_the_printed_swap():
    story = page(
        "<h1>Trinkwasser belastet</h1>"
        + "<p>Die UV-Anlagen können durch Partikel beeinträchtigt werden.</p>" * 8
        + "<p>Erstellt am: 01.11.2023</p>",
        head="<meta name='date' content='11/01/2023 12:43:42'>",
    )
    assert story.date_published()[:10] == "2023-11-01"


def test_a_labelled_publication_date_outweighs_a_lone_first_time_element():
    story = page(
        "<h1>Sternfusion</h1><p>Text.</p><p>Veröffentlicht am 16.08.2019</p>"
        "<div class='comments'><time datetime='2019-08-24T03:36:11+02:00'>24.08.</time></div>"
    )
    assert story.date_published() == "2019-08-16T00:00:00+00:00"


def test_the_headline_repeated_in_a_sidebar_introduces_its_date():
    story = page(
        "<h1 class='logo'><a href='/'>bewegliche lettern</a></h1>"
        "<div><h2>Über diesen Artikel</h2><p>Animated Typography wurde am 19. Mai 2010 gepostet.</p>"
        "</div><p>Text.</p>",
        head="<title>Animated Typography</title>",
    )
    assert story.date_published() == "2010-05-19T00:00:00+00:00"


def test_a_date_marked_as_modified_by_microdata_is_not_the_date_line():
    story = page(
        "<h1>Anpassung der Vorlagen</h1>"
        "<time itemprop='dateModified' class='hidden'>2018-08-29 14:15:57</time>"
        "<time itemprop='datePublished' datetime='2018-06-22 10:20:00'>22.06.2018 10:20</time>"
        "<p>Text.</p>"
    )
    assert story.date_published()[:10] == "2018-06-22"


def test_a_webpage_node_dates_a_page_that_is_no_article():
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "@id": "https://example.com/#website"},'
        '{"@type": "WebPage", "@id": "https://example.com/about-us/",'
        ' "datePublished": "2018-06-07T10:13:17+00:00",'
        ' "dateModified": "2019-12-01T19:06:47+00:00"}]}'
    )
    story = page(
        "<h1>About us</h1><p>Text.</p>",
        head=f"<script type='application/ld+json'>{graph}</script>",
    )
    assert story.date_published() == "2018-06-07T10:13:17+00:00"


def test_an_articles_date_outranks_the_webpage_nodes():
    graph = (
        '{"@graph": [{"@type": "WebPage", "datePublished": "2015-01-01T00:00:00+00:00"},'
        '{"@type": "NewsArticle", "datePublished": "2018-06-07T10:13:17+00:00"}]}'
    )
    story = page("<h1>Title</h1>", head=f"<script type='application/ld+json'>{graph}</script>")
    assert story.date_published() == "2018-06-07T10:13:17+00:00"


def test_a_date_alone_at_the_end_of_the_text_is_the_last_resort():
    story = page(
        "<h1>Über mich</h1>"
        + "<p>Hier schreibe ich über Rechner, Netze und was mir sonst auffällt.</p>" * 6
        + "<aside><p>12. Mai 2024</p></aside><p>Am 3. März 2015 fing alles an.</p><p>Benni<br>10. September 2017</p>"
    )
    assert story.date_published() == "2017-09-10T00:00:00+00:00"
    assert story.date_published_raw() == "10. September 2017"


def test_a_date_inside_a_sentence_is_not_a_date_alone():
    story = page(
        "<h1>Über mich</h1>"
        + "<p>Hier schreibe ich über Rechner, Netze und was mir sonst auffällt.</p>" * 6
        + "<p>Seit dem 3. März 2015 gibt es uns.</p>"
    )
    assert story.date_published() is None


def test_json_ld_in_a_cdata_section_is_read():
    ld = '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2017-12-15T08:50:02-05:00"}'
    story = page(
        "<h1>Title</h1><p>Updated <time datetime='2018-07-24T18:15:58+00:00'>Jul 24, 2018</time></p>",
        head=f"<script type='application/ld+json'>//<![CDATA[\n{ld}\n//]]></script>"
        "<meta property='article:published_time' content='2017-12-15T08:50:02-05:00'>",
        url="https://example.com/2017/12/15/story",
    )
    assert story.date_published() == "2017-12-15T08:50:02-05:00"


def test_a_photo_caption_under_the_headline_dates_the_photo_not_the_story():
    story = page(
        "<h1>Storm hits the coast</h1><figure><img src='/a.jpg'><figcaption>Waves in Miami, "
        "June 28, 2023. (AP Photo/Jane Doe)</figcaption></figure>"
        "<p class='caption'>June 27, 2023</p><p>The storm reached the coast on Monday.</p>",
        head="<meta property='article:published_time' content='2023-07-03T10:00:00+00:00'>",
    )
    assert story.date_published() == "2023-07-03T10:00:00+00:00"


def test_a_latest_posts_block_in_the_story_dates_other_posts():
    latest = (
        "<div class='wp-block-latest-posts'><ul>"
        "<li><a href='/a'>Other story</a><time datetime='2023-07-05T10:00:00+00:00'>July 5, 2023</time></li>"
        "<li><a href='/b'>Third story</a><time datetime='2023-07-04T10:00:00+00:00'>July 4, 2023</time></li>"
        "</ul></div>"
    )
    ld = '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2023-06-28T09:00:00+00:00"}'
    story = page(
        f"<article><h1>Bridge plan agreed</h1>{latest}<p>The council met on Monday.</p>"
        "<p class='byline'>By Jane Doe, June 28, 2023</p></article>",
        head=f"<script type='application/ld+json'>{ld}</script>",
    )
    assert story.date_published() == "2023-06-28T09:00:00+00:00"
