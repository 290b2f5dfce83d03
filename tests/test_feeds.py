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
