"""How newscrawl.extract.boilerplate tells furniture from story, element by element."""

from __future__ import annotations

import pytest
from parsel import Selector

from newscrawl.extract.boilerplate import boilerplate_kind, class_kind, holds_story, label_key


def element(html: str):
    return Selector(text=html).root.xpath("//body/*")[0]


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ('<div class="td-post-sharing">x</div>', "share"),
        ('<div id="comments">x</div>', "comments"),
        ('<section class="jp-relatedposts">x</section>', "related"),
        ("<nav>x</nav>", "navigation"),
        ('<p style="display: none">x</p>', "hidden"),
        ('<div class="post-12 tag-ukraine category-world">x</div>', None),
        ('<div class="o-section--has-ads">x</div>', None),
    ],
)
def test_tag_hiding_and_class_words_name_the_kind(html, kind):
    assert boilerplate_kind(element(html)) == kind


def test_author_term_class_marks_only_what_is_not_the_post():
    assert class_kind(element('<article class="post author-jane-doe">x</article>')) is None
    assert class_kind(element('<div class="author-bio">x</div>')) == "byline"


def test_labels_compare_without_case_and_punctuation():
    assert label_key("  Share this:  ") == "share this"


def test_plain_text_story_is_judged_by_its_visible_text() -> None:
    """A long run of text outside links holds a story; script text does not count."""
    words = "The council met again on Tuesday and the vote went the other way this time. "
    long_text = Selector(text=f"<div class='date-outer'>{words * 12}</div>").root
    scripted = Selector(
        text=f"<div class='date-outer'><script>{words * 12}</script>{words}</div>"
    ).root
    assert holds_story(long_text.xpath("//div")[0], plain_text=True)
    assert not holds_story(scripted.xpath("//div")[0], plain_text=True)
