"""Every saved page under fixtures/ extracts to the item saved beside it.

After a deliberate change to extraction, ``make fixtures`` rewrites the
expectations; the diff of the ``.json`` files is the review.
"""

from __future__ import annotations

import pytest

from newscrawl.offline import Extractor
from tests.fixturepages import fixture_pages

FIXTURES = list(fixture_pages())


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.id for f in FIXTURES])
def test_extraction_matches_expectation(fixture):
    assert fixture.extract(Extractor()) == fixture.expected()


def test_seed_article_is_exactly_its_six_paragraphs():
    seed = next(f for f in FIXTURES if "us-defense-sec-hegseth" in f.id)
    item = seed.extract(Extractor())
    paragraphs = item["articleBody"].split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("Ukraine’s President Vladimir Zelensky is under mounting")
    assert paragraphs[-1].endswith("that he expects Western donors to bankroll.")
    assert item["headline"] == "US Defense Sec. Hegseth: Zelensky needs to negotiate"
    for furniture in (
        "Share this article",
        "Shareable URL",
        "Prev Post",
        "Next Post",
        "Leave a Reply",
        "Read next",
        "Your email address will not be published",
    ):
        assert furniture not in item["articleBody"]
        assert furniture not in item["articleBodyHtml"]
    assert item["prevUrl"].endswith(
        "/2025/02/22/chinese-president-xi-back-russias-diplomatic-efforts-on-ukraine/"
    )
    assert item["nextUrl"].endswith(
        "/2025/02/24/eus-globalist-extremist-foreign-policy-chief-backs-zelenskys-refusal-to-hold-elections/"
    )
