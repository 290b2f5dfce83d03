"""Posts split over pages: found, fetched, merged into one item; the chain walk untouched.

The generated site splits every third post over three pages the way WordPress does
(``<!--nextpage-->``: ``/post/2/`` or ``?page=2``, linked by Twenty Twenty-One's
``nav.page-links``); the crawls are real ``scrapy crawl`` runs against it on 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from newscrawl.extract.navigation import find_neighbours
from newscrawl.extract.pages import next_page, split_page
from newscrawl.sampleserver import SiteServer
from newscrawl.sitegen import GeneratedSite
from tests.conftest import ROOT, news_command, read_items


@dataclass
class EditableSite:
    """A generated site whose pages a test can edit: ``edits[path] = (old, new)``."""

    site: GeneratedSite
    edits: dict[str, tuple[str, str]] = field(default_factory=dict)

    def respond(self, path: str, query: str, origin: str) -> tuple[int, str, bytes]:
        status, kind, body = self.site.respond(path, query, origin)
        if path in self.edits:
            old, new = self.edits[path]
            body = body.replace(old.encode(), new.encode())
        return status, kind, body


@pytest.fixture
def served() -> Iterator[Any]:
    servers: list[SiteServer] = []

    def start(site: Any) -> SiteServer:
        server = SiteServer(site).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def _crawl(server: SiteServer, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        news_command("-a", f"start={server.url('/')}", *args, "-O", str(out)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _newest(server: SiteServer, site: GeneratedSite) -> str:
    return server.url(site.path(site.posts - 1))


def _by_number(items: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {int(i["url"].split("/post-")[1].split("-")[0]): i for i in items}


@pytest.mark.parametrize(("style", "workers"), [("path", 0), ("query", 0), ("path", 1)])
def test_a_post_split_over_pages_is_one_item_and_the_chain_walks_on(
    tmp_path, served, style, workers
):
    site = GeneratedSite(7, paged_every=3, page_style=style)
    server = served(site)
    out = tmp_path / "posts.jsonl"
    proc = subprocess.run(
        news_command("-a", f"start={_newest(server, site)}", "-s", "NEWSCRAWL_STATE=", "-O",
                     str(out), "-s", f"NEWSCRAWL_EXTRACT_WORKERS={workers}"),
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    items = read_items(out)
    by_number = _by_number(items)
    assert sorted(by_number) == list(range(7)) and len(items) == 7  # pages are no items
    for number, item in by_number.items():
        assert item["articleBody"] == "\n\n".join(site.paragraphs(number)), number
        pages = item["metadata"].get("pages")
        if site.page_count(number) > 1:
            assert pages == [server.url(site.page_path(number, n)) for n in (1, 2, 3)]
            assert item["url"] == server.url(site.path(number))
            assert "Page 2" not in item["articleBody"]  # the page links are furniture
            assert item["articleBodyHtml"].count("<article>") == 1
        else:
            assert pages is None
    # The chain is intact: each post's Prev is the post before, not its page 2.
    for number in range(1, 7):
        assert by_number[number]["prevUrl"] == server.url(site.path(number - 1))
    assert "'newscrawl/site/" in proc.stderr and "multipage/posts': 2" in proc.stderr


def test_a_page_that_fails_leaves_the_post_flagged_and_the_next_run_completes_it(tmp_path, served):
    site = GeneratedSite(7, paged_every=3)
    server = served(site)
    state = tmp_path / "state.sqlite"
    broken = site.page_path(4, 2)
    server.broken[broken] = 404
    first = _crawl(server, tmp_path / "one.jsonl", "-s", f"NEWSCRAWL_STATE={state}")
    items = _by_number(read_items(tmp_path / "one.jsonl"))
    assert len(items) == 7
    flagged = items[4]["metadata"]
    assert flagged["incomplete"] == {
        "missingPage": server.url(broken),
        "pageNumber": 2,
        "reason": "HTTP 404",
    }
    assert items[4]["articleBody"] == "\n\n".join(site.page_paragraphs(4, 1))  # no padding
    assert "exported incomplete: its page" in first.stderr
    assert "incomplete" not in items[1]["metadata"]
    # The page answers again: the next run fetches the post and exports it whole, as an update.
    del server.broken[broken]
    second = _crawl(server, tmp_path / "two.jsonl", "-s", f"NEWSCRAWL_STATE={state}",
                    "-s", "NEWSCRAWL_RETRY_RUNS=3")  # fmt: skip
    assert second.returncode in (0, 1), second.stderr[-2000:]
    again = _by_number(read_items(tmp_path / "two.jsonl"))
    assert 4 in again, second.stderr[-3000:]
    assert again[4]["articleBody"] == "\n\n".join(site.paragraphs(4))
    assert "incomplete" not in again[4]["metadata"]
    assert again[4]["metadata"]["revision"] == 2


def test_an_edited_later_page_is_an_update_of_the_post(tmp_path, served):
    site = EditableSite(GeneratedSite(7, paged_every=3))
    server = served(site)
    state = tmp_path / "state.sqlite"
    args = ["-a", "mode=archive", "-s", f"NEWSCRAWL_STATE={state}"]
    first = _crawl(server, tmp_path / "one.jsonl", *args)
    assert first.returncode == 0 and len(read_items(tmp_path / "one.jsonl")) == 7
    word = site.site.page_paragraphs(1, 3)[0].split()[0]
    site.edits[site.site.page_path(1, 3)] = (f"<p>{word}", "<p>Corrected: " + word)
    second = _crawl(server, tmp_path / "two.jsonl", *args)
    assert second.returncode == 0, second.stderr[-2000:]
    updated = read_items(tmp_path / "two.jsonl")
    assert [i["url"] for i in updated] == [server.url(site.site.path(1))]
    assert updated[0]["metadata"]["revision"] == 2
    assert "Corrected: " + word in updated[0]["articleBody"]


def test_the_next_page_is_the_link_to_the_posts_own_page_n_plus_one():
    html = """<html><head><link rel="next" href="/p/x/2/"></head><body>
      <article><p>Text</p>
      <nav class="page-links"><span class="current">1</span> <a href="/p/x/2/">2</a>
        <a href="/p/x/3/">3</a></nav></article>
      <nav class="post-navigation"><a rel="next" href="/p/y/">Next post</a>
        <a rel="prev" href="/p/w/">Previous post</a></nav>
      <a href="/page/2/">Older posts</a></body></html>"""
    root = Selector(text=html).root
    assert next_page(root, "https://s.example/p/x/") == "https://s.example/p/x/2/"
    assert next_page(root, "https://s.example/p/x/2/", "https://s.example/p/x/", 2) == (
        "https://s.example/p/x/3/"
    )
    assert next_page(root, "https://s.example/p/x/3/", "https://s.example/p/x/", 3) is None
    neighbours = find_neighbours(root, "https://s.example/p/x/")
    assert (neighbours.prev, neighbours.next) == (
        "https://s.example/p/w/",
        "https://s.example/p/y/",
    )
    assert next_page(Selector(text=html).root, "https://s.example/p/y/") is None  # another post
    assert split_page("https://s.example/?p=5&page=3") == ("https://s.example/?p=5", 3)
    assert split_page("https://s.example/page/2/") == ("https://s.example/page/2/", 1)


def test_extract_merges_the_saved_pages_of_one_post(tmp_path):
    site = GeneratedSite(7, paged_every=3)
    origin = "https://news.example"
    args, urls = [], []
    for n in (1, 2, 3):
        path = tmp_path / f"page{n}.html"
        path.write_bytes(site.respond(site.page_path(1, n), "", origin)[2])
        args.append(str(path))
        urls += ["--url", origin + site.page_path(1, n)]
    proc = subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", "--post", *urls, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    item = json.loads(lines[0])
    assert item["articleBody"] == "\n\n".join(site.paragraphs(1))
    assert item["metadata"]["pages"] == [origin + site.page_path(1, n) for n in (1, 2, 3)]


def test_a_twenty_twenty_one_post_split_over_three_pages(tmp_path):
    """The real Twenty Twenty-One markup (a saved post), split as WordPress splits it:
    each page the theme's whole page with a third of the content and its ``nav.page-links``."""
    import re
    import shutil

    from newscrawl.sampleserver import SavedSite
    from tests.fixturepages import SITES

    post = "2025/02/12/millbrook-library-extends-weekend-hours-after-successful-pilot"
    origin = "https://blog.twentytwentyone.example"
    site_dir = tmp_path / "site"
    shutil.copytree(SITES / "twentytwentyone", site_dir)
    page = (site_dir / post / "index.html").read_text()
    start = page.index('<div class="entry-content">') + len('<div class="entry-content">')
    end = page.index('<div class="sharedaddy')
    blocks = re.findall(
        r"<p>.*?</p>|<blockquote.*?</blockquote>|<ul.*?</ul>", page[start:end], re.S
    )
    thirds = [blocks[:3], blocks[3:6], blocks[6:]]
    for number, part in enumerate(thirds, start=1):
        links = []
        for n in (1, 2, 3):
            href = f"{origin}/{post}/" + ("" if n == 1 else f"{n}/")
            links.append(
                f'<span class="post-page-numbers current" aria-current="page">Page {n}</span>'
                if n == number
                else f'<a href="{href}" class="post-page-numbers">Page {n}</a>'
            )
        nav = f'<nav class="page-links" aria-label="Page">{"".join(links)}</nav>'
        html = page[:start] + "\n".join(part) + nav + page[end:]
        folder = site_dir / post / ("" if number == 1 else str(number))
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(html)
    with SiteServer(SavedSite.load(site_dir)) as server:
        newest = "/2025/02/14/winter-storm-closes-millbrook-schools-for-second-straight-day/"
        out = tmp_path / "posts.jsonl"
        proc = subprocess.run(
            news_command("-a", f"start={server.url(newest)}", "-s", "NEWSCRAWL_STATE=",
                         "-O", str(out)),
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        items = read_items(out)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert len(items) == 3  # the chain: 10th, 12th (three pages), 14th of February
        paged = next(item for item in items if post in item["url"])
        assert paged["metadata"]["pages"] == [
            server.url(f"/{post}/"), server.url(f"/{post}/2/"), server.url(f"/{post}/3/")
        ]  # fmt: skip
        body = paged["articleBody"]
        assert body.startswith("The Millbrook Public Library will keep its doors open")
        assert body.rstrip().endswith("review attendance there in the fall.")
        assert "Page 2" not in body and "Page 3" not in paged["articleBodyHtml"]
        assert body.count("The new schedule will be:") == 1
