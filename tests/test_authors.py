"""Author extraction on small pages shaped like the themes and CMSs that produce them."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from newscrawl.extract.authors import find_authors
from newscrawl.extract.metadata import read_metadata


def authors(head: str, body: str) -> list[str]:
    root = Selector(text=f"<html><head>{head}</head><body>{body}</body></html>").root
    return find_authors(root, read_metadata(root))


def jsonld(author: object) -> str:
    node = {"@context": "https://schema.org", "@type": "NewsArticle", "author": author}
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def test_jsonld_person_wins():
    assert authors(jsonld({"@type": "Person", "name": "Jane Doe"}), "<p>By John Roe</p>") == [
        "Jane Doe"
    ]


def test_jsonld_names_are_unescaped():
    assert authors(jsonld({"@type": "Person", "name": "Redacci&oacute;n Central"}), "") == [
        "Redacción Central"
    ]


def test_a_person_named_like_the_site_gives_way_to_the_byline():
    head = '<meta property="og:site_name" content="Makronom">' + jsonld(
        {"@type": "Person", "name": "Makronom"}
    )
    body = '<article><h1>Title</h1><span class="post-author">Clara Löw</span></article>'
    assert authors(head, body) == ["Clara Löw"]


def test_the_site_name_is_the_last_resort():
    head = (
        '<meta property="og:site_name" content="Makronom"><meta name="author" content="Makronom">'
    )
    assert authors(head, "<article><h1>Title</h1><p>Text.</p></article>") == ["Makronom"]


def test_meta_author_that_is_the_site_gives_way_to_a_credit_line():
    head = (
        '<link rel="canonical" href="https://www.l-mag.de/news/x.html">'
        '<meta name="author" content="L-MAG">'
    )
    body = "<article><h1>Title</h1><p>Story.</p><p><em>Von <span>Claudia Lindner</span></em></p>"
    assert authors(head, body + "</article>") == ["Claudia Lindner"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (
            '<span class="meta-prep-author">Posted on</span> <span class="author vcard">'
            '<a class="url fn n" rel="author">Walter von Aachen</a></span>',
            ["Walter von Aachen"],
        ),
        (
            '<p class="byline__author">VON <a>MORITZ GATHMANN</a> am 21. April 2020</p>',
            ["MORITZ GATHMANN"],
        ),
        (
            '<div class="byline">Dezember 10, 2019 · von <a rel="author">freeman1984</a> · in News'
            "</div>",
            ["freeman1984"],
        ),
        ('<div class="author-meta">Posted on September 21, 2020 by Adi Tzlil</div>', ["Adi Tzlil"]),
        (
            '<div class="article-author">Text: Harald Willenbrock Foto: Michael Hudler</div>',
            ["Harald Willenbrock"],
        ),
        ('<div class="author">Johanna Kropfitsch Alle Artikel</div>', ["Johanna Kropfitsch"]),
        ('<li class="author-list__item">Marwan H. Adwan1</li>', ["Marwan H. Adwan"]),
        ('<span class="author">Nicolas Gutierrez C.</span>', ["Nicolas Gutierrez C."]),
        (
            '<div class="byline">Isabel Caro, Rocío Latorre y José Miguel Wilson</div>',
            ["Isabel Caro", "Rocío Latorre", "José Miguel Wilson"],
        ),
    ],
)
def test_byline_markup(byline, expected):
    assert authors("", f"<article><h1>Title</h1>{byline}<p>Story.</p></article>") == expected


def test_a_photo_credit_is_not_an_author():
    body = '<article><h1>Title</h1><span class="media-autor">Foto: Ingo Schneider</span></article>'
    assert authors("", body) == []


def test_credit_line_after_the_headline():
    body = "<article><h1>Title</h1><p><b>Von:</b><br> Götz Warnke</p><p>Story.</p></article>"
    assert authors("", body) == ["Götz Warnke"]


def test_credit_line_in_the_body_needs_a_full_name():
    body = "<article><h1>Title</h1><p>Story.</p><p>Von Montag an gilt die Regel.</p></article>"
    assert authors("", body) == []


def test_an_author_box_outside_the_article_is_a_last_resort():
    body = (
        "<article><h1>Title</h1><p>Story.</p></article>"
        '<footer><div class="post-footer"><span class="post-author">Posted by T. V. Raman</span>'
        "</div></footer>"
    )
    assert authors("", body) == ["T. V. Raman"]


def test_bylines_of_a_list_of_posts_credit_nobody():
    teasers = "".join(
        f'<h2><a href="/{n}">Story {n}</a></h2><p>Teaser.</p>'
        f'<div class="entry-footer"><span class="byline">By {name}</span></div>'
        for n, name in enumerate(
            ("Tom Alvarez", "Karen Whitfield", "Karen Whitfield", "Tom Alvarez")
        )
    )
    assert authors("", f"<main><h1>Latest news</h1>{teasers}</main>") == []


def test_comment_authors_are_not_authors():
    body = (
        "<article><h1>Title</h1><p>Story.</p></article>"
        '<div id="comments"><footer class="comment-meta"><span class="comment-author vcard">'
        "Sabine Gimm</span></footer></div>"
    )
    assert authors("", body) == []


def test_yoast_written_by_label():
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Sophie Lindqvist">'
    )
    assert authors(head, "<article><h1>Title</h1><p>Story.</p></article>") == ["Sophie Lindqvist"]


def test_a_team_credit_printed_as_the_byline_when_no_person_is_named():
    body = (
        '<article><h1>Title</h1><span class="byline">von Redaktion, </span><p>Story.</p></article>'
    )
    assert authors("", body) == ["Redaktion"]


def test_a_team_credit_gives_way_to_a_person():
    body = '<article><h1>Title</h1><span class="byline">By Staff</span><p>Story.</p></article>'
    assert authors('<meta name="author" content="Jane Doe">', body) == ["Jane Doe"]


def test_a_team_credit_is_not_split():
    body = (
        '<article><h1>Title</h1><div class="byline">By <a rel="author">Staff and news service '
        'reports</a></div><div class="time">PUBLISHED: November 8, 2023</div></article>'
    )
    assert authors("", body) == ["Staff and news service reports"]


def test_an_agency_alone_under_the_headline():
    body = '<article><header><h1>Title</h1><p class="credit">JIJI</p></header><p>Story.</p>'
    assert authors("", body + "</article>") == ["JIJI"]


def test_blocks_of_a_byline_are_separate_fields():
    body = (
        '<article><h1>Title</h1><div class="author"><div class="name"><a>Isabel Caro</a>, '
        "<a>Rocío Latorre</a> y <a>José Miguel Wilson</a></div><time>Hace 13 horas</time>"
        "</div></article>"
    )
    assert authors("", body) == ["Isabel Caro", "Rocío Latorre", "José Miguel Wilson"]


def test_a_lead_at_the_end_of_a_field_credits_the_next():
    body = '<article><h1>Title</h1><p class="author"><b>Artikel von:</b><br>Jane Doe</p></article>'
    assert authors("", body) == ["Jane Doe"]


def test_an_interview_credits_both_sides():
    body = (
        '<article><h1>Title</h1><p class="author">Richard David Precht im Gespräch mit '
        "Karin Fischer</p></article>"
    )
    assert authors("", body) == ["Richard David Precht", "Karin Fischer"]


def test_drupal_submitted_line_needs_a_lead():
    story = '<article><h1>Title</h1><div class="submitted">Submitted by rasos on 24 July</div>'
    comment = '<div class="comment"><p class="submitted">malte am 18. Oktober 2023</p></div>'
    assert authors("", f"{story}<p>Story.</p></article>") == ["rasos"]
    assert authors("", f"<article><h1>Title</h1><p>Story.</p>{comment}</article>") == []


def test_many_different_bylines_are_teasers_beside_a_meta_author():
    teasers = "".join(
        f'<div class="teaser"><span class="teaser__autor">Von {name}</span></div>'
        for name in ("Clara Müller", "Hilde Butz", "Max Schuler")
    )
    head = '<meta name="author" content="Lisa Petrich">'
    assert authors(head, f"<article><h1>Title</h1><p>Story.</p>{teasers}</article>") == [
        "Lisa Petrich"
    ]


def test_meta_names_the_co_author():
    head = jsonld({"@type": "Person", "name": "April Roach"}) + (
        '<meta name="author" content="April Roach, Daniel O\'Mahony">'
    )
    assert authors(head, "<article><h1>Title</h1></article>") == ["April Roach", "Daniel O'Mahony"]


PROSE = "<p>" + "Ein Absatz, der die Geschichte erzählt und weitergeht. " * 5 + "</p>"


def test_a_lone_first_name_takes_the_surname_the_page_prints():
    head = jsonld({"@type": "Person", "name": "Nils"})
    body = (
        "<article><h1>Title</h1><p><strong>Eine Kolumne von Nils Pickert</strong></p>"
        f'{PROSE}<div class="author-box"><a>Nils</a><p>Nils Pickert ist Autor.</p></div></article>'
    )
    assert authors(head, body) == ["Nils Pickert"]


def test_a_lone_name_that_opens_the_site_name_is_a_brand():
    head = '<meta property="og:site_name" content="Vortex Cannon">' + jsonld(
        {"@type": "Person", "name": "Vortex"}
    )
    body = f"<article><h1>Title</h1><p>The Vortex Cannon fires.</p>{PROSE}</article>"
    assert authors(head, body) == ["Vortex"]


def test_a_credits_block_gives_the_writer_not_the_photographer():
    credits = (
        '<div class="credits"><div class="credit"><div>Fotograf</div><div>Max Roe</div></div>'
        '<div class="credit"><div>Interview</div><div>SVEN MICHAELSEN</div></div></div>'
    )
    assert authors("", f"<article><h1>Title</h1>{PROSE}{credits}</article>") == ["SVEN MICHAELSEN"]
    photo = '<div class="credit"><div>Foto</div><div>Max Roe</div></div>'
    assert authors("", f"<article><h1>Title</h1>{PROSE}{photo}</article>") == []


def test_a_credit_under_the_headline_overrules_an_account_name():
    head = jsonld({"@type": "Person", "name": "sarah-indra"})
    body = f"<article><h1>Title</h1><p>By Mark Newton</p>{PROSE}</article>"
    assert authors(head, body) == ["Mark Newton"]


def test_a_signature_ends_the_story():
    body = f"<article><h1>Title</h1>{PROSE}<p><strong>Marina Mucha</strong></p></article>"
    assert authors("", body) == ["Marina Mucha"]


def test_a_subheading_is_no_signature():
    before_list = f"{PROSE}<p><b>Weitere Links</b></p><ul><li><a>Eins</a></li></ul>"
    before_prose = f"<p><b>Unsere Empfehlung</b></p>{PROSE}"
    lower_case = f"{PROSE}<p>Die weitere Lektüre.</p><p><b>Weitere Lektüre</b></p>"
    for story in (before_list, before_prose, lower_case):
        assert authors("", f"<article><h1>Title</h1>{story}</article>") == []


def test_an_author_box_opens_with_the_name_before_the_bio():
    bio = (
        "Expertin für Neue Arbeit und Neues Lernen, Beraterin und Autorin seit vielen Jahren. " * 2
    )
    box = f'<div class="author-info"><a>Inga Hoeltmann</a> <a>Follow</a><p>{bio}</p></div>'
    assert authors("", f"<article><h1>Title</h1>{box}<p>Story.</p></article>") == ["Inga Hoeltmann"]
    menu = '<div class="author-nav"><a>Start Seite</a>' + "<p><a>Link</a></p>" * 40 + "</div>"
    assert authors("", f"<article><h1>Title</h1>{menu}<p>Story.</p></article>") == []


def test_a_credit_set_off_by_a_dash_and_a_role_in_brackets():
    line = (
        '<div class="news-time">05.02.2020 <span>-&nbsp;Redaktion: Eberhard Fuhr (Sprecher)</span>'
    )
    assert authors("", f"<article>{line}</div><h1>Title</h1>{PROSE}</article>") == ["Eberhard Fuhr"]


def test_an_agency_in_brackets_is_credited_beside_the_name():
    body = '<article><h1>Title</h1><p class="byline">Von Jane Doe (dpa)</p></article>'
    assert authors("", body) == ["Jane Doe", "dpa"]


def test_a_sentence_that_opens_with_a_preposition_credits_nobody():
    caption = "<p>Von links nach rechts: Mathias Malischewski, Jan Wenske, Gesa Quisdorf</p>"
    sentence = "<p>Por su parte, los funcionarios Roberto García Gaona y Luisa Almada.</p>"
    for line in (caption, sentence):
        assert authors("", f"<article><h1>Title</h1>{PROSE}{line}</article>") == []


def test_an_article_signed_by_no_one_is_the_sites():
    article = '<meta property="og:type" content="article">'
    site = '<meta property="og:site_name" content="ZVEI">'
    body = "<article><h1>Title</h1><p>Story.</p></article>"
    assert authors(article + site, body) == ["ZVEI"]
    assert authors(site, body) == []  # a front page or an "About us" page
    placeholder = '<meta property="og:site_name" content="{$plugin.tx_news.site_name}">'
    assert authors(article + placeholder, body) == []
    byline = '<article><h1>Title</h1><p class="byline">By Jane Doe</p></article>'
    assert authors(article + site, byline) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "<small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small><h1>Title</h1>",
            ["Uta Helkenberg"],
        ),
        ("<h1>Title</h1><div>Essay</div><div>25.10.2022 - Reiner Nagel</div>", ["Reiner Nagel"]),
        ("<div>Digital Life<br>05/08/2019</div><h1>Title</h1>", []),  # a section
        ("<h1>Title</h1><p>01. November 2021 | Naturschutz, BUND</p>", []),  # tags
    ],
)
def test_a_date_line_by_the_headline_names_the_author_without_a_lead(line, expected):
    assert authors("", f"<article>{line}{PROSE}</article>") == expected


def test_the_post_authors_own_comment_names_them():
    comments = (
        '<ol id="comments"><li class="comment comment-author-anna-meyer">'
        '<div class="comment-author vcard"><cite class="fn">Anna Meyer</cite></div><p>Hi!</p></li>'
        '<li class="comment byuser comment-author-jan-koch bypostauthor">'
        '<div class="comment-author vcard"><cite class="fn">Jan Koch</cite></div><p>Thanks.</p>'
        "</li></ol>"
    )
    body = f"<article><h1>Title</h1>{PROSE}</article>{comments}"
    assert authors("", body) == ["Jan Koch"]
    assert authors("", body.replace(" bypostauthor", "")) == []


def test_a_credit_line_overrules_a_jsonld_person_the_page_never_shows():
    head = jsonld({"@type": "Person", "name": "Gilles Gressani"})
    credit = (
        '<dl><dt>\n  Auteur  </dt><dd>\n  <a href="/staff/ug">\n  Uriel Gadessaud</a></dd></dl>'
    )
    body = f"<article><h1>Title</h1>{credit}{PROSE}</article>"
    assert authors(head, body) == ["Uriel Gadessaud"]
    shown = body.replace("</article>", "<p>Gilles Gressani</p></article>")
    assert authors(head, shown) == ["Gilles Gressani"]


def test_names_in_a_script_without_capitals():
    byline = '<span class="author">عبد الله بن محمد</span>'
    assert authors("", f"<article><h1>Title</h1>{byline}{PROSE}</article>") == ["عبد الله بن محمد"]
    head = jsonld({"@type": "Person", "name": "محمد علي حسن"})
    assert authors(head, "<article><h1>Title</h1></article>") == ["محمد علي حسن"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Written by Jane Doe on Tuesday, May 5, 2020", ["Jane Doe"]),
        ("Von Jane Doe am Dienstag, 5. Mai 2020", ["Jane Doe"]),
        ("Por Juan Pérez el 5 de mayo de 2020", ["Juan Pérez"]),
        ("By Glen Owen For The Mail On Sunday", ["Glen Owen"]),
        ("Jane Doe Published 12:00 EST", ["Jane Doe"]),
        ("Jane Doe on May 5, 2020", ["Jane Doe"]),
        ("January 5, 2020", []),
        ("Marine Le Pen", ["Marine Le Pen"]),
    ],
)
def test_a_byline_without_its_date_or_outlet(byline, expected):
    body = f'<article><h1>Title</h1><div class="byline">{byline}</div>{PROSE}</article>'
    assert authors("", body) == expected


@pytest.mark.parametrize(
    "person",
    [
        {"@type": "Person", "name": ["Jane Doe"]},
        {"@type": "Person", "givenName": "Jane", "familyName": "Doe"},
    ],
)
def test_jsonld_person_written_otherwise(person):
    assert authors(jsonld(person), "<article><h1>Title</h1></article>") == ["Jane Doe"]


def test_jsonld_creator_when_no_author():
    node = {"@context": "https://schema.org", "@type": "Article", "creator": ["Jane Doe"]}
    head = f'<script type="application/ld+json">{json.dumps(node)}</script>'
    assert authors(head, "<article><h1>Title</h1></article>") == ["Jane Doe"]


def test_citation_authors_surname_first():
    head = (
        '<meta name="citation_author" content="Doe, J. A.">'
        '<meta name="citation_author" content="Roe, John">'
    )
    assert authors(head, "<article><h1>Title</h1></article>") == ["J. A. Doe", "John Roe"]
    two = '<meta name="dc.creator" content="Jane Doe, John Roe">'
    assert authors(two, "<article><h1>Title</h1></article>") == ["Jane Doe", "John Roe"]


def test_a_signature_on_the_last_line_of_the_story():
    story = "<p>Der letzte Absatz der Geschichte endet hier.<br><em>Claudia Duwe</em></p>"
    assert authors("", f"<article><h1>Title</h1>{PROSE}{story}</article>") == ["Claudia Duwe"]


def test_a_signature_overrules_a_jsonld_person_the_page_never_shows():
    head = jsonld({"@type": "Person", "name": "Winfried Hille"})
    story = f"<article><h1>Title</h1>{PROSE}<p>Ende.<br><em>Claudia Duwe</em></p></article>"
    assert authors(head, story) == ["Claudia Duwe"]
    shown = story.replace("<h1>Title</h1>", "<h1>Title</h1><p>Winfried Hille</p>")
    assert authors(head, shown) == ["Winfried Hille"]


def test_a_name_counts_as_printed_in_text_and_tails_not_in_scripts_styles_or_comments():
    head = jsonld({"@type": "Person", "name": "Winfried Hille"})
    hidden = (
        "<script>var a = 'Winfried Hille';</script><style>/* Winfried Hille */</style>"
        "<!-- Winfried Hille -->"
    )
    story = f"<article><h1>Title</h1>{PROSE}<p>Ende.<br><em>Claudia Duwe</em></p></article>"
    assert authors(head, hidden + story) == ["Claudia Duwe"]
    tail = story.replace("<h1>Title</h1>", "<h1>Title</h1><p><b>Von</b> WINFRIED HILLE</p>")
    assert authors(head, hidden + tail) == ["Winfried Hille"]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("By Jane Doe, Senior Sports Correspondent", ["Jane Doe"]),
        ("By Jane Doe | Political Editor", ["Jane Doe"]),
        ("By Jane Doe and WATCH LIVE", ["Jane Doe"]),
    ],
)
def test_a_role_or_a_button_label_is_no_author(credit, expected):
    assert (
        authors("", f'<article><p class="byline">{credit}</p><p>Story.</p></article>') == expected
    )


def test_a_company_credited_beside_people_is_their_employer_and_alone_it_stays():
    people = [
        {"@type": "Person", "name": "Jane Doe"},
        {"@type": "Person", "name": "Hearst Media Group"},
    ]
    assert authors(jsonld(people), "") == ["Jane Doe"]
    assert authors(jsonld({"@type": "Person", "name": "wegewerk GmbH"}), "") == ["wegewerk GmbH"]
