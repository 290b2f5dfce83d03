"""A generated WordPress-style news site of any size, for end-to-end tests and ``bench/``.

Thousands of posts in the markup of WordPress's classic themes — post
navigation with ``rel=prev/next``, share buttons, comments, a recent-posts
widget — with the ways into a catalogue a real install has: ``robots.txt``
naming ``/wp-sitemap.xml`` (an index of post sitemaps of 2,000 URLs, and a
taxonomy sitemap), a feed of the latest ten posts paged with ``?paged=N``,
and a home page listing ten posts a page with ``/page/N/`` links. Every page
is made on request from the post's number, so a 20,000-post site costs no
memory; :class:`~newscrawl.sampleserver.SiteServer` serves it.

Post ``0`` is the oldest; the home page, the feed and each post's "Next"
link go towards newer ones.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

__all__ = ["GeneratedSite"]

_WORDS = (
    "council minister budget river harbour election summit market shares rail strike "
    "hospital school court appeal weather storm harvest festival museum bridge energy "
    "prices inflation union talks border farmers fishermen league final season coach "
    "report inquiry mayor village city region province ministry parliament vote "
    "committee plan project funding community residents officials police rescue fire "
    "coast island mountain valley airport port factory workers wages housing rents "
    "tourism exports imports science research university students teachers doctors"
).split()
_VERBS = (
    "approved rejected announced delayed reviewed opened closed expanded cut raised "
    "welcomed criticised questioned confirmed denied proposed signed extended"
).split()
_AUTHORS = ("Ana Ribeiro", "Tom Okafor", "Lena Fischer", "Marek Nowak", "Priya Raman")
_CATEGORIES = ("world", "politics", "business", "sport", "culture")
_FIRST = datetime(2015, 1, 1, 8, 0, tzinfo=UTC)
_PER_PAGE = 10
_POST_PATH = re.compile(
    r"^(?P<post>/\d{4}/\d{2}/\d{2}/post-(?P<n>\d+)-[a-z-]+/)(?:(?P<page>\d+)/)?$"
)
_PAGE_PATH = re.compile(r"^/page/(\d+)/$")
_SITEMAP_PATH = re.compile(r"^/wp-sitemap-posts-post-(\d+)\.xml$")


@dataclass(frozen=True)
class GeneratedSite:
    """``posts`` posts, one every ``hours`` hours from 2015; what a theme prints is set here.

    ``post_links`` off is a theme that prints no Prev/Next links (many block
    themes); ``feed_size`` is how many posts the feed lists.
    """

    posts: int
    hours: float = 6.0
    post_links: bool = True
    sitemap: bool = True
    robots: bool = True
    listing: bool = True
    feed_size: int = 10
    paged_feed: bool = True
    lastmod: bool = False
    #: URLs a post sitemap lists (WordPress: 2,000).
    per_sitemap: int = 2000
    name: str = "Generated News"
    #: Every this many posts (post 1, 1 + k, …) is split over ``pages`` pages with
    #: ``<!--nextpage-->``: pages ``/post/2/`` (``page_style="path"``) or ``/post/?page=2``
    #: (``"query"``), linked as Twenty Twenty-One's ``wp_link_pages()`` prints them.
    paged_every: int = 0
    pages: int = 3
    page_style: str = "path"

    # What the server asks -------------------------------------------------------

    def respond(self, path: str, query: str, origin: str) -> tuple[int, str, bytes]:
        """``(status, content type, body)`` for a request path on the site at ``origin``."""
        page = self._page(path, parse_qs(query), origin)
        if page is None:
            return 404, "text/html", b"<html><body><h1>Not found</h1></body></html>"
        content_type, text = page
        return 200, content_type, text.encode("utf-8")

    def _page(self, path: str, query: dict[str, list[str]], origin: str) -> tuple[str, str] | None:
        if path == "/robots.txt" and self.robots:
            sitemap = f"Sitemap: {origin}/wp-sitemap.xml\n" if self.sitemap else ""
            return "text/plain", f"User-agent: *\nDisallow: /wp-admin/\n\n{sitemap}"
        if path in {"/feed/", "/feed"}:
            paged = int(query.get("paged", ["1"])[0] or 1) if self.paged_feed else 1
            return self._feed(origin, paged)
        if path == "/wp-sitemap.xml" and self.sitemap:
            return "application/xml", self._sitemap_index(origin)
        if (match := _SITEMAP_PATH.match(path)) and self.sitemap:
            return self._sitemap(origin, int(match.group(1)))
        if path == "/" and self.listing:
            return "text/html", self._listing(origin, 1)
        if (match := _PAGE_PATH.match(path)) and self.listing:
            number = int(match.group(1))
            if (number - 1) * _PER_PAGE >= self.posts:
                return None
            return "text/html", self._listing(origin, number)
        if match := _POST_PATH.match(path):
            number, page = int(match["n"]), self._page_asked(match["page"], query)
            if (
                0 <= number < self.posts
                and self.path(number) == match["post"]
                and 1 <= page <= self.page_count(number)
            ):
                return "text/html", self._post(origin, number, page)
        return None

    def _page_asked(self, in_path: str | None, query: dict[str, list[str]]) -> int:
        """The page of a post a request asks for, in the site's own style (0: none it has)."""
        if in_path:
            page = int(in_path)
            return page if self.page_style == "path" or (page == 1 and "page" not in query) else 0
        if self.page_style == "query" and "page" in query:
            return int(query["page"][0] or 1)
        return 1

    # Posts ------------------------------------------------------------------------

    def path(self, number: int) -> str:
        """The URL path of post ``number``."""
        day = self.published(number)
        slug = "-".join(self.title(number).lower().split()[:5])
        return f"/{day:%Y/%m/%d}/post-{number}-{re.sub(r'[^a-z-]', '', slug)}/"

    def published(self, number: int) -> datetime:
        return _FIRST + timedelta(hours=self.hours * number)

    def title(self, number: int) -> str:
        rng = random.Random(number * 7919)
        words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 5))]
        return f"{words[0].capitalize()} {' '.join(words[1:])} {rng.choice(_VERBS)} after {number}"

    def page_count(self, number: int) -> int:
        """How many pages post ``number`` is split over (1: not split)."""
        if self.paged_every and number % self.paged_every == 1 % self.paged_every:
            return self.pages
        return 1

    def page_path(self, number: int, page: int) -> str:
        """The path (and query) of page ``page`` of post ``number``."""
        if page == 1:
            return self.path(number)
        if self.page_style == "query":
            return f"{self.path(number)}?page={page}"
        return f"{self.path(number)}{page}/"

    def paragraphs(self, number: int) -> list[str]:
        """The story's paragraphs: what a clean extraction returns as ``articleBody``."""
        rng = random.Random(number)
        paragraphs = []
        for _ in range(5):
            sentences = []
            for _ in range(rng.randint(3, 5)):
                words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 16))]
                words.insert(rng.randint(1, len(words) - 1), rng.choice(_VERBS))
                sentences.append(" ".join(words).capitalize() + ".")
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def page_paragraphs(self, number: int, page: int) -> list[str]:
        """The paragraphs page ``page`` of the post shows."""
        paragraphs, count = self.paragraphs(number), self.page_count(number)
        size = -(-len(paragraphs) // count)
        return paragraphs[(page - 1) * size : page * size]

    def _page_links(self, origin: str, number: int, page: int) -> str:
        if self.page_count(number) == 1:
            return ""
        links = []
        for n in range(1, self.page_count(number) + 1):
            if n == page:
                links.append(
                    f'<span class="post-page-numbers current" aria-current="page">Page {n}</span>'
                )
            else:
                href = origin + self.page_path(number, n)
                links.append(
                    f'<a href="{html.escape(href)}" class="post-page-numbers">Page {n}</a>'
                )
        return f'<nav class="page-links" aria-label="Page">{" ".join(links)}</nav>\n'

    def _post(self, origin: str, number: int, page: int = 1) -> str:
        url = origin + self.path(number)
        title = html.escape(self.title(number))
        day = self.published(number)
        author = _AUTHORS[number % len(_AUTHORS)]
        category = _CATEGORIES[number % len(_CATEGORIES)]
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title(number),
            "datePublished": day.isoformat(),
            "author": {"@type": "Person", "name": author},
        }
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in self.page_paragraphs(number, page))
        body += self._page_links(origin, number, page)
        links = ""
        if self.post_links:
            parts = []
            if number > 0:
                older = self.path(number - 1)
                parts.append(
                    f'<div class="nav-previous"><a href="{origin}{older}" rel="prev">'
                    f'<span class="meta-nav">Previous post</span> '
                    f'<span class="post-title">{html.escape(self.title(number - 1))}</span></a></div>'
                )
            if number + 1 < self.posts:
                newer = self.path(number + 1)
                parts.append(
                    f'<div class="nav-next"><a href="{origin}{newer}" rel="next">'
                    f'<span class="meta-nav">Next post</span> '
                    f'<span class="post-title">{html.escape(self.title(number + 1))}</span></a></div>'
                )
            links = (
                '<nav class="navigation post-navigation" aria-label="Posts">'
                f'<h2 class="screen-reader-text">Post navigation</h2><div class="nav-links">'
                f"{''.join(parts)}</div></nav>"
            )
        recent = "".join(
            f'<li><a href="{origin}{self.path(n)}">{html.escape(self.title(n))}</a></li>'
            for n in range(self.posts - 1, max(-1, self.posts - 6), -1)
        )
        return f"""<!doctype html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>{title} &#8211; {self.name}</title>
<link rel="canonical" href="{url}">
<link rel="alternate" type="application/rss+xml" title="{self.name} &raquo; Feed" href="{origin}/feed/">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body class="post-template-default single single-post postid-{number} single-format-standard">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="{origin}/">{self.name}</a></p>
<nav id="site-navigation" class="primary-navigation"><ul class="menu">
{"".join(f'<li><a href="{origin}/category/{c}/">{c.title()}</a></li>' for c in _CATEGORIES)}
</ul></nav></header>
<main id="main" class="site-main">
<article id="post-{number}" class="post-{number} post type-post status-publish format-standard hentry category-{category}">
<header class="entry-header"><h1 class="entry-title">{title}</h1></header>
<div class="entry-content">
{body}</div>
<footer class="entry-footer"><span class="posted-on">Published <time class="entry-date published"
 datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time></span>
<span class="byline">By <a href="{origin}/author/{author.split()[0].lower()}/" class="url fn n">{author}</a></span>
<span class="cat-links">Categorized as <a href="{origin}/category/{category}/" rel="category tag">{category.title()}</a></span></footer>
</article>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul>
<li><a class="share-twitter" href="https://twitter.com/intent/tweet?url={url}">Twitter</a></li>
<li><a class="share-facebook" href="https://www.facebook.com/sharer.php?u={url}">Facebook</a></li></ul></div>
{links}
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
<h2 id="reply-title" class="comment-reply-title">Leave a Reply</h2>
<form class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div></div>
</main>
<aside class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
<ul>{recent}</ul></section></aside>
<footer id="colophon" class="site-footer"><p>&copy; {self.name}. Proudly powered by WordPress.</p></footer>
</div></body></html>
"""

    # Listings, feed, sitemaps ----------------------------------------------------------

    def _newest_first(self, start: int, count: int) -> list[int]:
        first = self.posts - 1 - start
        return list(range(first, max(-1, first - count), -1))

    def _listing(self, origin: str, page: int) -> str:
        cards = []
        for n in self._newest_first((page - 1) * _PER_PAGE, _PER_PAGE):
            day = self.published(n)
            cards.append(
                f'<article id="post-{n}" class="post-{n} post type-post hentry">'
                f'<header class="entry-header"><h2 class="entry-title"><a href="{origin}{self.path(n)}" '
                f'rel="bookmark">{html.escape(self.title(n))}</a></h2></header>'
                f'<div class="entry-summary"><p>{html.escape(self.paragraphs(n)[0][:160])}…</p></div>'
                f'<footer class="entry-footer"><time class="entry-date published" datetime="{day.isoformat()}">'
                f"{day:%B} {day.day}, {day.year}</time></footer></article>"
            )
        pager = []
        if page > 1:
            newer = "/" if page == 2 else f"/page/{page - 1}/"
            pager.append(f'<a class="prev page-numbers" href="{origin}{newer}">Previous page</a>')
        if page * _PER_PAGE < self.posts:
            pager.append(
                f'<a class="next page-numbers" href="{origin}/page/{page + 1}/">Next page</a>'
            )
        return f"""<!doctype html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{self.name}</title>
<link rel="alternate" type="application/rss+xml" title="{self.name} &raquo; Feed" href="{origin}/feed/">
</head><body class="home blog">
<header class="site-header"><p class="site-title"><a href="{origin}/">{self.name}</a></p></header>
<main id="main" class="site-main">{"".join(cards)}
<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{"".join(pager)}</div></nav>
</main><footer class="site-footer"><p>&copy; {self.name}</p></footer></body></html>
"""

    def _feed(self, origin: str, paged: int) -> tuple[str, str] | None:
        numbers = self._newest_first((paged - 1) * self.feed_size, self.feed_size)
        if not numbers:
            return None
        items = "".join(
            f"<item><title>{html.escape(self.title(n))}</title><link>{origin}{self.path(n)}</link>"
            f'<guid isPermaLink="false">{origin}/?p={n + 1}</guid>'
            f"<pubDate>{self.published(n):%a, %d %b %Y %H:%M:%S +0000}</pubDate>"
            f"<dc:creator><![CDATA[{_AUTHORS[n % len(_AUTHORS)]}]]></dc:creator></item>"
            for n in numbers
        )
        return "application/rss+xml", (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{self.name}</title><link>{origin}</link>"
            f"<generator>https://wordpress.org/?v=6.1</generator>{items}</channel></rss>"
        )

    def _sitemap_index(self, origin: str) -> str:
        count = max(1, -(-self.posts // self.per_sitemap))
        children = "".join(
            f"<sitemap><loc>{origin}/wp-sitemap-posts-post-{k}.xml</loc></sitemap>"
            for k in range(1, count + 1)
        )
        taxonomy = f"<sitemap><loc>{origin}/wp-sitemap-taxonomies-category-1.xml</loc></sitemap>"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}{taxonomy}'
            "</sitemapindex>"
        )

    def _sitemap(self, origin: str, k: int) -> tuple[str, str] | None:
        first = (k - 1) * self.per_sitemap
        if k < 1 or first >= max(self.posts, 1):
            return None
        rows = []
        for n in range(first, min(self.posts, first + self.per_sitemap)):
            lastmod = f"<lastmod>{self.published(n).isoformat()}</lastmod>" if self.lastmod else ""
            rows.append(f"<url><loc>{origin}{self.path(n)}</loc>{lastmod}</url>")
        return "application/xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(rows)}</urlset>'
        )


def main(argv: list[str] | None = None) -> None:
    """``python -m newscrawl.sitegen``: serve a generated site on 127.0.0.1 until Ctrl-C."""
    import argparse
    import time

    from newscrawl.sampleserver import SiteServer  # which serves this module's sites

    parser = argparse.ArgumentParser(prog="python -m newscrawl.sitegen", description=main.__doc__)
    parser.add_argument("--posts", type=int, default=500, help="how many posts (500)")
    parser.add_argument("--port", type=int, default=8000, help="the port (8000; 0: any free one)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args(argv)
    if args.posts < 1:
        parser.error("--posts must be 1 or more")
    try:
        with SiteServer(GeneratedSite(args.posts), port=args.port, latency=args.latency) as server:
            print(f"Serving {args.posts} posts at {server.url('/')} (Ctrl-C stops)", flush=True)
            while True:
                time.sleep(3600)
    except OSError as error:
        parser.exit(2, f"python -m newscrawl.sitegen: error: cannot serve: {error}\n")
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
