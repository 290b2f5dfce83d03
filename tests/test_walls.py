"""Walls and paywalls: never exported as stories; paywalled teasers flagged, never padded.

``fixtures/walls/`` holds the pages: a Twenty Twenty-One post as WordPress prints it when
it is password-protected (its real markup, with ``get_the_password_form()`` in place of the
content) and behind a paywall (schema.org's ``isAccessibleForFree`` and a Piano offer), a
OneTrust consent page, a Cloudflare challenge and a script-only app shell.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem

from newscrawl.offline import Extractor, read_page
from newscrawl.sampleserver import SavedSite, SiteServer
from tests.conftest import ROOT, news_command, read_items
from tests.fixturepages import SITES

WALLS = ROOT / "fixtures" / "walls"
POST = "2025/02/12/millbrook-library-extends-weekend-hours-after-successful-pilot"
URL = f"https://blog.twentytwentyone.example/{POST}/"


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("wordpress-password-tt1.html", "password"),
        ("consent-wall.html", "consent"),
        ("bot-challenge.html", "challenge"),
        ("javascript-shell.html", "script"),
    ],
)
def test_a_wall_is_not_an_article_and_says_which(page, kind):
    with pytest.raises(DropItem, match=rf"not an article \({kind} wall\)"):
        Extractor().extract(read_page(WALLS / page), URL)


def test_a_paywalled_teaser_is_flagged_and_only_the_teaser_is_kept():
    item = Extractor().extract(read_page(WALLS / "paywall-teaser-tt1.html"), URL)
    assert item["metadata"]["accessibleForFree"] is False
    paragraphs = item["articleBody"].split("\n\n")
    assert len(paragraphs) == 2 and paragraphs[0].startswith("The Millbrook Public Library")
    assert "Subscribe" not in item["articleBody"] and "$1 a week" not in item["articleBody"]


def test_a_free_story_is_not_flagged():
    page = SITES / "twentytwentyone" / POST / "index.html"
    item = Extractor().extract(read_page(page), URL)
    assert "accessibleForFree" not in item["metadata"]


def _crawl(tmp_path: Path, start: str) -> tuple[subprocess.CompletedProcess[str], Any]:
    out = tmp_path / "posts.jsonl"
    proc = subprocess.run(
        news_command("-a", f"start={start}", "-s", "NEWSCRAWL_STATE=", "-O", str(out)),
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return proc, read_items(out)


def test_a_password_post_in_the_chain_is_counted_and_the_walk_goes_on(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "twentytwentyone", site)
    shutil.copy(WALLS / "wordpress-password-tt1.html", site / POST / "index.html")
    with SiteServer(SavedSite.load(site)) as server:
        newest = "/2025/02/14/winter-storm-closes-millbrook-schools-for-second-straight-day/"
        proc, items = _crawl(tmp_path, server.url(newest))
    assert proc.returncode == 0, proc.stderr[-2000:]
    urls = [item["url"] for item in items]
    assert len(urls) == 2 and not any(POST in url for url in urls)  # past it, to the oldest
    assert "Protected:" not in " ".join(item.get("headline", "") for item in items)
    assert "'newscrawl/not_article/password_wall': 1" in proc.stderr
    assert "1 not an article (password wall)" in proc.stderr  # the per-site summary


class _WallSite:
    """Every page a consent wall: the site answers nothing else."""

    def respond(self, path: str, query: str, origin: str) -> tuple[int, str, bytes]:
        return 200, "text/html; charset=utf-8", (WALLS / "consent-wall.html").read_bytes()


def test_a_site_that_answers_only_walls_is_a_site_problem(tmp_path):
    with SiteServer(_WallSite()) as server:
        proc, items = _crawl(tmp_path, server.url("/2025/03/01/story/"))
    assert items == []
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "every page answered a wall (1 consent wall): blocked?" in proc.stderr
    assert "'newscrawl/not_article/consent_wall': 1" in proc.stderr


def test_a_teaser_with_a_keep_reading_offer_is_flagged_without_any_markup():
    html = read_page(WALLS / "paywall-teaser-tt1.html").decode()
    start = html.index(
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"'
    )
    html = html[:start] + html[html.index("</script>", start) + len("</script>") :]
    html = html.replace("tp-container-inner piano-offer", "offer").replace("paywalled-content", "x")
    item = Extractor().extract(html.encode(), URL)
    assert item["metadata"]["accessibleForFree"] is False
    assert len(item["articleBody"].split("\n\n")) == 2
