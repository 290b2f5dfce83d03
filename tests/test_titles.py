"""newscrawl.extract.titles: which heading is the headline, and which part of it."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.extract.metadata import read_metadata
from newscrawl.extract.titles import find_headline, strip_site_name

STORY = "<p>The council voted on Tuesday to extend the programme for another three years.</p>"


def headline(head: str, body: str) -> str | None:
    page = f"<html><head>{head}</head><body>{body}{STORY}</body></html>"
    root = Selector(text=page, base_url="https://courier.example/reviews/42").root
    return find_headline(root, read_metadata(root))


def og(title: str) -> str:
    return f'<meta property="og:title" content="{title}">'


CASES = {
    "plain h1": (
        "<title>Council extends bus programme | The Courier</title>",
        "<h1>Council extends bus programme</h1>",
        "Council extends bus programme",
    ),
    "kicker span the markup names": (
        og("Roadworks: Council extends bus programme"),
        '<h1><span class="article__kicker">Roadworks</span>'
        '<span class="visually-hidden">: </span>'
        '<span class="article__title">Council extends bus programme</span></h1>',
        "Council extends bus programme",
    ),
    "small kicker above a line break": (
        "<title>Council extends bus programme</title>",
        "<h1><small>Transport</small><br> Council extends bus programme</h1>",
        "Council extends bus programme",
    ),
    "kicker the metadata leaves out": (
        og("Council extends bus programme"),
        '<h1><span class="hl-upper">Transport</span> Council extends bus programme</h1>',
        "Council extends bus programme",
    ),
    "colon span left by a kicker": (
        og("Council extends bus programme"),
        '<h1><span class="ts-overline">Transport </span><span class="ts-colon">: </span>'
        '<span class="ts-headline">Council extends bus programme</span></h1>',
        "Council extends bus programme",
    ),
    "section link above the title": (
        og("Council extends bus programme"),
        '<h1 class="entry-title"><div class="entry-section"><a href="/local/">Local | </a></div>'
        '<span class="title">Council extends bus programme</span></h1>',
        "Council extends bus programme",
    ),
    "date line under the title": (
        og("Council extends bus programme"),
        '<h1>Council extends bus programme<br><small><time datetime="2024-03-05">05.03.2024</time>'
        "</small></h1>",
        "Council extends bus programme",
    ),
    "leading date": (
        "<title>05.03.2024 - Council extends bus programme - The Courier</title>",
        "<h1>05.03.2024 - Council extends bus programme</h1>",
        "Council extends bus programme",
    ),
    "kicker kept when the site counts it in": (
        og("Transport: Council extends bus programme"),
        "<h1>Transport: Council extends bus programme</h1>",
        "Transport: Council extends bus programme",
    ),
    "screen-reader text left out": (
        og("Council extends bus programme"),
        '<h1>Council extends bus programme<span class="screen-reader-text"> | The Courier</span></h1>',
        "Council extends bus programme",
    ),
    "logo h1 linking home": (
        og("Council extends bus programme"),
        '<h1><a href="/">The Courier</a></h1><h1 class="entry-title">Council extends bus programme</h1>',
        "Council extends bus programme",
    ),
    "logo name taken out of the title": (
        "<title>The Courier » Council extends bus programme</title>",
        '<h1 class="site-logo"><a href="../index.html">The Courier</a></h1><p>no other heading</p>',
        "Council extends bus programme",
    ),
    "permalink h1 is no logo": (
        og("Council extends bus programme"),
        '<h1><a href="">Council extends bus programme</a></h1>',
        "Council extends bus programme",
    ),
    "h1 in the breadcrumb trail": (
        og("Council extends bus programme"),
        '<nav class="breadcrumb"><a href="/">Home</a> <h1>Council extends bus programme</h1></nav>',
        "Council extends bus programme",
    ),
    "h1 classed as a kicker above the h2 title": (
        og("Council extends bus programme - Roadworks"),
        '<h1 class="strapline">Roadworks</h1><h2 class="title">Council extends bus programme</h2>',
        "Council extends bus programme",
    ),
    "section-name h1": (
        og("Council extends the bus programme for three more years"),
        '<h1 class="header__section">Transport</h1>',
        "Council extends the bus programme for three more years",
    ),
    "h1 that is a part of the title": (
        "<title>Bus programme - Transport news from the Courier</title>",
        "<h1>Bus programme</h1>",
        "Bus programme",
    ),
    "h2 that is the first parts of the title, under a section-name h1": (
        og("05.03. | Book of the week - Jane Doe (ed.) • The Lighthouse Keepers"),
        "<h1>Literature</h1><h2>05.03. | Book of the week</h2>",
        "05.03. | Book of the week",
    ),
    "quote and story in one h1": (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Council extends bus programme"}</script>',
        '<h1>"Worth every penny" / Council extends bus programme</h1>',
        "Council extends bus programme",
    ),
    "site name with separators in it": (
        "<title>Council extends bus programme | The Courier – Local News</title>"
        '<meta property="og:site_name" content="The Courier – Local News">',
        "<p>no heading</p>",
        "Council extends bus programme",
    ),
    "json-ld headline keeps its dash": (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Buses - what changes in spring"}</script>',
        "<p>no heading</p>",
        "Buses - what changes in spring",
    ),
    "first h2 of a page without h1": (
        og("Jane gave the Courier 5 stars. Read the full review..."),
        '<h2 class="text-hide">Main page content</h2>'
        '<div class="modal"><h2>Help with reviews</h2></div>'
        '<div class="review"><h2><a href="/reviews/42">Council extends bus programme</a></h2></div>',
        "Council extends bus programme",
    ),
    "teaser h2 linking elsewhere on a page without h1": (
        "<title>Local news | The Courier</title>",
        '<h2><a href="https://courier.example/2025/03/10/buses/">Council extends bus programme</a>'
        "</h2>",
        "Local news | The Courier",
    ),
    "no h2 taken over the title when the page has an h1": (
        "<title>Council extends bus programme</title>",
        '<h1 class="widget-title">Categories</h1><h2>Amanda Knox</h2>',
        "Council extends bus programme",
    ),
    "title cut short with an ellipsis comes last": (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Council extends bus programme for three..."}</script>'
        + og("Council extends bus programme for three more years"),
        "<p>no heading</p>",
        "Council extends bus programme for three more years",
    ),
    "guillemets are not separators": (
        og("»Never again«"),
        "<h1>»Never again«</h1>",
        "»Never again«",
    ),
}


@pytest.mark.parametrize(("head", "body", "expected"), CASES.values(), ids=CASES.keys())
def test_headline(head: str, body: str, expected: str) -> None:
    assert headline(head, body) == expected


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Story of the day | The Courier", ["The Courier"], "Story of the day"),
        ("THE COURIER - Story of the day", ["the courier"], "Story of the day"),
        ("Story of the day – courier.example", ["courier.example"], "Story of the day"),
        ("A rather long story of the day | Courier", [], "A rather long story of the day"),
        ("Story: of the day", [], "Story: of the day"),
    ],
)
def test_strip_site_name(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected
