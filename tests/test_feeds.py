from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.extract.feeds import (
    FEED,
    HTML,
    SITEMAP,
    UNKNOWN,
    find_feeds,
    parse_feed,
    parse_sitemap,
    sniff,
)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Site</title>
<item><title>Second</title><link>https://s.example/2/</link><guid isPermaLink="false">p=2</guid>
<pubDate>Tue, 25 Feb 2025 08:21:19 +0000</pubDate><dc:creator><![CDATA[Ann Lee]]></dc:creator>
<description><![CDATA[Summary <b>two</b>]]></description></item>
<item><title>First</title><link>/1/</link></item></channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title>
<link rel="next" href="https://s.example/feed/atom/?paged=2"/>
<entry><title>Post</title><id>tag:s.example,2025:1</id>
<link rel="replies" href="https://s.example/1/#comments"/>
<link rel="alternate" href="https://s.example/1/"/><updated>2025-02-25T10:00:00Z</updated>
<published>2025-02-24T10:00:00Z</published><author><name>Bo Chan</name><uri>https://b</uri></author>
<summary>Sum</summary></entry></feed>"""
RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<item rdf:about="https://s.example/rdf/"><title>R</title><link>https://s.example/rdf/</link>
<dc:date>2025-02-20</dc:date></item></rdf:RDF>"""
SITEMAP_XML = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://s.example/a/</loc><lastmod>2025-02-01</lastmod></url>
<url><loc>https://s.example/b/</loc><news:news><news:publication_date>2025-02-02T08:00:00Z
</news:publication_date><news:title>B</news:title></news:news></url></urlset>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://s.example/posts.xml</loc></sitemap></sitemapindex>"""


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (RSS, FEED),
        (ATOM, FEED),
        (RDF, FEED),
        (SITEMAP_XML, SITEMAP),
        (INDEX, SITEMAP),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", HTML),
        (b"  <!-- x --><html lang=en>", HTML),
        (b"\x00\x01 garbage", UNKNOWN),
        (b"", UNKNOWN),
        (b'{"json": 1}', UNKNOWN),
    ],
)
def test_sniff_by_content(body, kind):
    assert sniff(body) == kind


def test_rss_entries():
    feed = parse_feed(RSS, "https://s.example/feed/")
    second, first = feed.entries
    assert second.url == "https://s.example/2/" and second.guid == "p=2"
    assert second.author == "Ann Lee" and second.published.startswith("Tue, 25 Feb 2025")
    assert second.summary == "Summary <b>two</b>" and second.updated is None
    assert first.url == "https://s.example/1/"


def test_atom_entry_uses_alternate_link_and_author_name():
    feed = parse_feed(ATOM, "https://s.example/feed/atom/")
    (entry,) = feed.entries
    assert entry.url == "https://s.example/1/"
    assert (entry.guid, entry.author) == ("tag:s.example,2025:1", "Bo Chan")
    assert entry.updated == "2025-02-25T10:00:00Z" and entry.published == "2025-02-24T10:00:00Z"
    assert feed.next_page == "https://s.example/feed/atom/?paged=2"


def test_rdf_items():
    (entry,) = parse_feed(RDF, "https://s.example/").entries
    assert (entry.url, entry.guid, entry.published) == (
        "https://s.example/rdf/",
        "https://s.example/rdf/",
        "2025-02-20",
    )


def test_sitemaps():
    sitemap = parse_sitemap(SITEMAP_XML, "https://s.example/sitemap.xml")
    assert [(u.url, u.lastmod, u.published, u.title) for u in sitemap.urls] == [
        ("https://s.example/a/", "2025-02-01", None, None),
        ("https://s.example/b/", None, "2025-02-02T08:00:00Z", "B"),
    ]
    assert parse_sitemap(INDEX, "https://s.example/").sitemaps == ["https://s.example/posts.xml"]


@pytest.mark.parametrize(
    "body",
    [
        b"<rss><channel><item><title>x",
        b"\x00garbage",
        b"<html/>",
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss>&e;</rss>',
    ],
)
def test_garbage_and_hostile_feeds_give_no_entries(body):
    feed = parse_feed(body, "https://s.example/")
    assert feed is None or feed.entries == []


def test_feed_links_of_a_page_without_comment_feeds():
    html = """<html><head>
      <link rel="alternate" type="application/rss+xml" title="Site &raquo; Feed" href="/feed/">
      <link rel="alternate" type="application/rss+xml" title="Site &raquo; Comments Feed" href="/comments/feed/">
      <link rel="alternate" type="application/atom+xml" href="https://s.example/atom.xml">
      <link rel="alternate" hreflang="de" href="https://s.example/de/"></head></html>"""
    assert find_feeds(Selector(text=html).root, "https://s.example/") == [
        "https://s.example/feed/",
        "https://s.example/atom.xml",
    ]


def test_sitemap_entries_stream_without_the_whole_tree():
    """50,000 URLs (~4 MB) are read one <url> at a time: memory holds a few, not all."""
    import tracemalloc

    from newscrawl.extract.feeds import ChildSitemap, SitemapUrl, iter_sitemap

    rows = b"".join(
        b"<url><loc>https://s.example/%d/</loc><lastmod>2025-02-01</lastmod></url>" % n
        for n in range(50_000)
    )
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + rows + b"</urlset>"
    tracemalloc.start()
    count = 0
    for entry in iter_sitemap(body, "https://s.example/sitemap.xml"):
        assert isinstance(entry, SitemapUrl) and entry.lastmod == "2025-02-01"
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 50_000
    assert peak < 2_000_000, peak  # the document is 4 MB; its tree would be tens of MB
    index = list(iter_sitemap(INDEX, "https://s.example/"))
    assert index == [ChildSitemap("https://s.example/posts.xml")]


@pytest.mark.parametrize(
    ("url", "posts"),
    [
        ("https://s.example/wp-sitemap-posts-post-1.xml", True),
        ("https://s.example/post-sitemap2.xml", True),
        ("https://s.example/sitemap-news.xml", True),
        ("https://s.example/sitemap-2019-01.xml", True),
        ("https://s.example/wp-sitemap-posts-page-1.xml", False),
        ("https://s.example/wp-sitemap-taxonomies-category-1.xml", False),
        ("https://s.example/wp-sitemap-users-1.xml", False),
        ("https://s.example/post_tag-sitemap.xml", False),
        ("https://s.example/author-sitemap.xml", False),
        ("https://s.example/page-sitemap.xml", False),
    ],
)
def test_sitemaps_of_posts_and_of_other_things(url, posts):
    from newscrawl.extract.feeds import lists_posts

    assert lists_posts(url) is posts


def test_robots_sitemap_lines_and_paged_feeds():
    from newscrawl.extract.feeds import next_feed_page, robots_sitemaps

    robots = b"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: https://s.example/wp-sitemap.xml\n"
    assert robots_sitemaps(robots) == ["https://s.example/wp-sitemap.xml"]
    assert robots_sitemaps(b"\xff\xfe garbage") == []
    atom = parse_feed(ATOM, "https://s.example/feed/atom/")
    assert next_feed_page(atom, "https://s.example/feed/atom/") == (
        "https://s.example/feed/atom/?paged=2"
    )  # RFC 5005
    rss = parse_feed(RSS, "https://s.example/feed/")
    assert next_feed_page(rss, "https://s.example/feed/") == "https://s.example/feed/?paged=2"
    assert next_feed_page(rss, "https://s.example/feed/?paged=2") == (
        "https://s.example/feed/?paged=3"
    )


def test_a_doctype_declaring_entities_is_still_a_feed():
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY nbsp "&#160;"> <!ENTITY x "y">]>\n'
        + RSS.split(b"?>", 1)[1]
    )
    assert sniff(body) == FEED
    assert [e.title for e in parse_feed(body, "https://s.example/").entries] == ["Second", "First"]
