"""Scheduled crawls end to end: repeated ``scrapy crawl news`` runs sharing one seen-state.

Each test serves a private copy of a saved site, so it can add and edit posts
between runs as a newsroom would.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from newscrawl.sampleserver import SiteServer
from newscrawl.sites import load_sites
from tests.conftest import ROOT, run_crawl
from tests.fixturepages import SITES, site_config

CAARDS = site_config(SITES / "caards")
CHAIN = CAARDS["chain"]


@pytest.fixture
def site_copy(tmp_path, serve) -> Any:
    """Serve a private copy of a saved site: ``(server, folder)``."""

    def copy(name: str) -> tuple[SiteServer, Path]:
        folder = tmp_path / "sites" / name
        shutil.copytree(SITES / name, folder)
        return serve(folder), folder

    return copy


def urls(crawl) -> list[str]:
    return sorted(item["url"] for item in crawl.items)


def page(folder: Path, path: str) -> Path:
    return folder / path.strip("/") / "index.html"


def test_second_run_exports_nothing_and_a_new_head_post_alone(site_copy, tmp_path):
    server, folder = site_copy("caards")
    state = tmp_path / "state.sqlite"
    feed = server.url("/feed/")

    first = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert first.returncode == 0, first.log
    assert urls(first) == sorted(server.url(p) for p in CHAIN)
    assert all(item["metadata"]["revision"] == 1 for item in first.items)
    assert all(item["metadata"]["feed"]["guid"] for item in first.items)

    second = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert second.returncode == 0, second.log
    assert second.items == []
    assert "articles 0 new, 0 updated, 5 unchanged" in second.log

    newest = _add_post_at_head(folder)
    third = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert urls(third) == [server.url(newest)]
    assert third.items[0]["prevUrl"] == server.url(CHAIN[-1])


def test_edited_post_is_exported_again_as_an_update(site_copy, tmp_path):
    server, folder = site_copy("caards")
    state = tmp_path / "state.sqlite"
    feed = server.url("/feed/")
    run_crawl(tmp_path, "-a", f"start={feed}", state=state)

    edited = page(folder, CHAIN[1])
    html = edited.read_text(encoding="utf-8")
    edited.write_text(html.replace("Xi Jinping", "Xi Jinping (corrected)"), encoding="utf-8")
    crawl = run_crawl(tmp_path, "-a", f"start={feed}", state=state)

    assert urls(crawl) == [server.url(CHAIN[1])]
    metadata = crawl.items[0]["metadata"]
    assert metadata["revision"] == 2
    assert metadata["update"]["reason"] == "body changed"
    assert metadata["update"]["previousRevision"] == 1
    assert "(corrected)" in crawl.items[0]["articleBody"]


def test_feed_listing_only_the_newest_post_still_yields_the_gap(site_copy, tmp_path):
    server, folder = site_copy("caards")
    state = tmp_path / "state.sqlite"
    # An earlier run saw the two oldest posts only.
    run_crawl(tmp_path, "-a", f"start={server.url(CHAIN[1])}", "-a", "follow=prev", state=state)
    feed = folder / "feed" / "index.xml"
    items = re.findall(r"<item>.*?</item>", feed.read_text(encoding="utf-8"), re.DOTALL)
    feed.write_text(feed.read_text(encoding="utf-8").replace("".join(items[1:]), ""))

    crawl = run_crawl(tmp_path, "-a", f"start={server.url('/feed/')}", state=state)

    assert urls(crawl) == sorted(server.url(p) for p in CHAIN[2:])
    assert crawl.stat("newscrawl/chain/seen") >= 1


def test_home_page_is_searched_for_feeds(site_copy, tmp_path):
    server, _ = site_copy("caards")
    crawl = run_crawl(tmp_path, "-a", f"start={server.url('/')}", state=tmp_path / "s.sqlite")
    assert urls(crawl) == sorted(server.url(p) for p in CHAIN)
    assert "reading its feeds" in crawl.log


def test_sitemap_index_and_news_sitemap(site_copy, tmp_path):
    courier, _ = site_copy("twentytwentyone")
    business, _ = site_copy("newspaper")
    starts = [courier.url("/wp-sitemap.xml"), business.url("/news-sitemap.xml")]

    crawl = run_crawl(tmp_path, "-a", "start=" + ",".join(starts), state=tmp_path / "s.sqlite")

    expected = [courier.url(p) for p in site_config(SITES / "twentytwentyone")["chain"]]
    # The news sitemap lists the newest two posts; the Prev chain brings the rest.
    expected += [business.url(p) for p in site_config(SITES / "newspaper")["chain"]]
    assert urls(crawl) == sorted(expected)


def test_lastmod_says_unchanged_so_nothing_is_downloaded_again(site_copy, tmp_path):
    server, _ = site_copy("twentytwentyone")
    state = tmp_path / "state.sqlite"
    sitemap = server.url("/wp-sitemap.xml")
    run_crawl(tmp_path, "-a", f"start={sitemap}", state=state)

    again = run_crawl(tmp_path, "-a", f"start={sitemap}", state=state)

    assert again.items == []
    assert again.stat(f"newscrawl/site/{server.origin[7:]}/listed_unchanged") == 3
    # robots aside: the index and its posts sitemap; the taxonomy sitemap lists no posts
    assert again.stat("downloader/response_status_count/200") == 2


def test_malformed_feed_and_sitemap_are_logged_and_the_job_goes_on(site_copy, tmp_path):
    broken, _ = site_copy("broken")
    news, _ = site_copy("caards")
    starts = [broken.url("/feed/"), broken.url("/sitemap.xml"), news.url("/feed/")]

    crawl = run_crawl(tmp_path, "-a", "start=" + ",".join(starts), state=tmp_path / "s.sqlite")

    assert crawl.returncode == 0, crawl.log
    assert "Traceback" not in crawl.log
    assert f"Feed without entries or unreadable, skipped: {broken.url('/feed/')}" in crawl.log
    assert f"Sitemap without URLs or unreadable, skipped: {broken.url('/sitemap.xml')}" in crawl.log
    assert urls(crawl) == sorted(news.url(p) for p in CHAIN)


def test_site_that_stops_producing_articles_fails_the_run(site_copy, tmp_path):
    server, folder = site_copy("caards")
    state = tmp_path / "state.sqlite"
    feed = server.url("/feed/")
    assert run_crawl(tmp_path, "-a", f"start={feed}", state=state).returncode == 0

    server.site.config["status"] = {"/feed/": 500}
    crawl = run_crawl(tmp_path, "-a", f"start={feed}", state=state)

    assert crawl.returncode == 1
    assert "its start point failed (5 articles in the last run): is the site down" in crawl.log
    assert crawl.stat("newscrawl/alerts") == 1

    # A feed that answers but lists nothing any more: no articles, where there were five.
    server.site.config["status"] = {}
    (folder / "feed" / "index.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        encoding="utf-8",
    )
    empty = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert empty.returncode == 1
    assert "no articles this run (5 in the last run): broken site?" in empty.log
    # Compared with the last good run, not the broken one: still an alert.
    again = run_crawl(tmp_path, "-a", f"start={feed}", state=state)
    assert again.returncode == 1 and again.stat("newscrawl/alerts") == 1


def test_low_field_coverage_fails_the_run(site_copy, tmp_path):
    server, _ = site_copy("caards")
    crawl = run_crawl(
        tmp_path,
        "-a",
        f"start={server.url('/feed/')}",
        "-s",
        'NEWSCRAWL_MIN_COVERAGE={"dateModified": 0.5, "headline": 1.0}',
    )
    assert crawl.returncode == 0  # dateModified is not a covered field: nothing to check
    crawl = run_crawl(
        tmp_path,
        "-a",
        f"start={server.url(CHAIN[2])}",
        "-a",
        "follow=none",
        "-s",
        'NEWSCRAWL_MIN_COVERAGE={"authors": 1.0}',
        "-s",
        "NEWSCRAWL_MAX_ERRORS=-1",
    )
    assert crawl.returncode == 1
    assert "0 errors (more than -1)" in crawl.log


def test_sites_file_runs_many_sites_with_overrides(site_copy, tmp_path):
    news, _ = site_copy("caards")
    courier, _ = site_copy("twentytwentyone")
    sites = tmp_path / "sites.toml"
    sites.write_text(
        f"""
[[site]]
name = "news"
start = "{news.url("/feed/")}"
limit = 2

[[site]]
name = "courier"
start = ["{courier.url("/wp-sitemap.xml")}"]
drop = ["blockquote", "table"]
language = "en-GB"
""",
        encoding="utf-8",
    )

    crawl = run_crawl(tmp_path, "-a", f"sites={sites}", state=tmp_path / "s.sqlite")

    assert crawl.returncode == 0, crawl.log
    by_site: dict[str, list[dict]] = {}
    for item in crawl.items:
        by_site.setdefault(item["metadata"]["site"], []).append(item)
    assert len(by_site["news"]) == 2
    assert len(by_site["courier"]) == 3
    assert all(item["inLanguage"] == "en-GB" for item in by_site["courier"])
    assert not any(
        "<blockquote>" in i["articleBodyHtml"] or "<table>" in i["articleBodyHtml"]
        for i in by_site["courier"]
    )
    assert re.search(r"Site courier: \d+ pages fetched; articles 3 new", crawl.log)


def test_a_sites_delay_spaces_its_requests(site_copy, tmp_path):
    """The site's delay holds for every request, in a download slot of its own.

    Scrapy keys slots by host name, which ``127.0.0.1:port`` is not; six requests
    (feed and five posts) at least 0.25 s apart (0.5 s, jittered) take over 1.25 s.
    """
    news, _ = site_copy("caards")
    sites = tmp_path / "sites.toml"
    sites.write_text(
        f'[[site]]\nname = "news"\nstart = "{news.url("/feed/")}"\ndelay = 0.5\nconcurrency = 1\n',
        encoding="utf-8",
    )

    crawl = run_crawl(tmp_path, "-a", f"sites={sites}")

    assert crawl.returncode == 0, crawl.log
    assert len(crawl.items) == 5
    assert crawl.stat("elapsed_time_seconds") > 1.25


def test_example_sites_file_is_valid():
    sites = load_sites(ROOT / "sites.example.toml")
    assert [site.name for site in sites] == ["example-news", "courier"]
    assert sites[1].drop and sites[1].timezone == "America/Chicago"


def test_bad_sites_file_names_file_line_and_problem(tmp_path):
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nstart = "https://a.example/feed/"\nbody_css = "x"\n')
    crawl = run_crawl(tmp_path, "-a", f"sites={sites}")
    assert crawl.returncode == 2
    assert crawl.log.strip().splitlines() == [
        f"scrapy crawl news: error: {sites}:3: site 1: unknown key 'body_css' (known: name, "
        "start, follow, limit, body, drop, dayfirst, timezone, language, delay, concurrency)"
    ]


def _add_post_at_head(folder: Path) -> str:
    """Publish a sixth post after the newest one, as WordPress would: page, links, feed."""
    newest = CHAIN[-1]
    path = "/2025/02/26/ceasefire-talks-resume-in-riyadh/"
    html = page(folder, newest).read_text(encoding="utf-8")
    origin = CAARDS["origin"]
    html = html.replace(origin + newest, origin + path)
    html = re.sub(
        r"<h1([^>]*)>.*?</h1>",
        r"<h1\1><span>Ceasefire talks resume in Riyadh</span></h1>",
        html,
        count=1,
        flags=re.DOTALL,
    )
    html = re.sub(
        r'(<a class="cs-entry__prev-next-item cs-entry__prev" href=")[^"]+',
        rf"\g<1>{origin}{newest}",
        html,
    )
    html = html.replace("European governments remain divided", "Negotiators met again today,")
    target = page(folder, path)
    target.parent.mkdir(parents=True)
    target.write_text(html, encoding="utf-8")
    feed = folder / "feed" / "index.xml"
    item = (
        f"<item><title>Ceasefire talks resume in Riyadh</title><link>{origin}{path}</link>"
        f'<guid isPermaLink="false">{origin}/?p=9999</guid>'
        "<pubDate>Wed, 26 Feb 2025 09:00:00 +0000</pubDate></item>"
    )
    feed.write_text(feed.read_text(encoding="utf-8").replace("<item>", item + "\n<item>", 1))
    return path


def test_a_cycle_in_the_stored_chain_ends_the_walk(site_copy, tmp_path):
    server, _ = site_copy("broken")
    state = tmp_path / "state.sqlite"
    start = f"start={server.url('/cycle/a/')}"
    assert len(run_crawl(tmp_path, "-a", start, state=state).items) == 2

    again = run_crawl(tmp_path, "-a", start, "-s", "NEWSCRAWL_SEEN_STOP=1000", state=state)

    assert again.returncode == 0 and again.items == []
    assert again.stat(f"newscrawl/site/{server.origin[7:]}/chain/stored_cycle") == 1
