"""Per-site health of a run: a summary in the log and the stats, and alerts for cron.

At the end of a run each site gets one summary line (pages fetched; articles
new, updated, unchanged, dropped with reasons; errors; field coverage) and
the same figures under ``newscrawl/site/<site>/`` in Scrapy's stats. A site
is in trouble when every one of its start points failed (nothing listens, a 404),
when it produced articles in its last run and none now, when a field's coverage
falls under ``NEWSCRAWL_MIN_COVERAGE``, or when its errors exceed
``NEWSCRAWL_MAX_ERRORS``; each is logged as an error, counted in
``newscrawl/alerts``, and makes ``scrapy crawl`` exit with status 1. A run with
alerts is not recorded as the site's last run, so a broken site alerts every run
until it is mended.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.arguments import int_setting, min_coverage
from newscrawl.frontier import SITE, Frontier
from newscrawl.pipelines import SeenStatePipeline
from newscrawl.state import DONE, EXPORTED, FAILED, GONE, KNOWN, PARSED
from newscrawl.urls import site_of

logger = logging.getLogger(__name__)

#: Fields whose coverage is reported (share of exported items that have them).
COVERED = ("headline", "articleBody", "datePublished", "authors")


class SiteMonitor:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.min_coverage = min_coverage(settings)
        self.max_errors = int_setting(settings, "NEWSCRAWL_MAX_ERRORS")
        self.fetched: Counter[str] = Counter()
        self.exported: Counter[str] = Counter()
        self.covered: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.dropped: defaultdict[str, Counter[str]] = defaultdict(Counter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        monitor = cls(crawler)
        crawler.signals.connect(monitor.response_received, signal=signals.response_received)
        crawler.signals.connect(monitor.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(monitor.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(monitor.spider_closed, signal=signals.spider_closed)
        return monitor

    def response_received(self, response: Response, request: Request) -> None:
        if SITE not in request.meta and request.meta.get("dont_obey_robotstxt"):
            return  # Scrapy's own robots.txt request: not one of the site's pages
        self.fetched[_site(request.meta, request.url)] += 1

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        site = _site(adapter.get("metadata") or {}, adapter["url"])
        self.exported[site] += 1
        self.covered[site].update(field for field in COVERED if adapter.get(field))

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        adapter = ItemAdapter(item)
        site = _site(adapter.get("metadata") or {}, adapter.get("url") or "")
        self.dropped[site][getattr(exception, "reason", type(exception).__name__)] += 1

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        pipeline = self.crawler.get_item_pipeline(SeenStatePipeline)
        store = pipeline.store if pipeline else None
        names = set(getattr(spider, "sites", {})) | set(self.fetched) | set(self.exported)
        alerts = 0
        for site in sorted(names):
            counts = self._counts(site)
            for name, value in counts.items():
                stats.set_value(f"newscrawl/site/{site}/{name}", value)
            coverage = self._coverage(site)
            for field, share in coverage.items():
                stats.set_value(f"newscrawl/site/{site}/coverage/{field}", round(share, 3))
            config = getattr(spider, "sites", {}).get(site)
            frontier = self._frontier_summary(site)  # read once: it may be a Redis round trip
            # Posts of the site this crawl exported before (earlier runs of a job, other workers).
            done_before = frontier.get(EXPORTED, 0)
            problems = self._problems(
                site,
                counts,
                coverage,
                store.last_run(site) if store else None,
                len(config.start) if config is not None else 0,
                done_before,
            )
            logger.info(
                "Site %s: %d pages fetched; articles %d new, %d updated, %d unchanged, "
                "%d dropped%s; %d errors; coverage %s",
                site,
                counts["fetched"],
                counts["new"],
                counts["updated"],
                counts["unchanged"],
                counts["dropped"],
                _reasons(self.dropped[site]),
                counts["errors"],
                ", ".join(f"{f} {share:.0%}" for f, share in coverage.items()) or "n/a",
            )
            self._report_frontier(site, frontier, getattr(spider, "archive", False))
            for problem in problems:
                logger.error("Site %s: %s", site, problem)
            alerts += len(problems)
            # A run with problems is not the one to compare the next with: a site that
            # broke stays an alert, run after run, until it produces articles again. Nor
            # is a run that found the site's posts exported already by the same crawl (a
            # resumed job; another worker of a fleet): its zero says nothing of the site.
            idle = not counts["articles"] and done_before
            if store is not None and reason == "finished" and not problems and not idle:
                store.record_run(site, counts)
        stats.set_value("newscrawl/alerts", alerts)

    def _counts(self, site: str) -> dict[str, int]:
        stats = self.crawler.stats
        exported = self.exported[site]
        updated = int(stats.get_value(f"newscrawl/site/{site}/updated", 0))
        unchanged = int(stats.get_value(f"newscrawl/site/{site}/unchanged", 0))
        listed = int(stats.get_value(f"newscrawl/site/{site}/listed_unchanged", 0))
        hopped = int(stats.get_value(f"newscrawl/site/{site}/chain/seen", 0))
        return {
            "fetched": self.fetched[site],
            "exported": exported,
            "new": exported - updated,
            "updated": updated,
            "unchanged": unchanged + listed,
            "known": hopped,
            "dropped": sum(self.dropped[site].values()) - unchanged,
            "errors": int(stats.get_value(f"newscrawl/site/{site}/errors", 0)),
            "start_failed": int(stats.get_value(f"newscrawl/site/{site}/start_failed", 0)),
            "articles": exported + unchanged + listed,
        }

    def _report_frontier(self, site: str, counts: dict[str, int], archive: bool) -> None:
        """The crawl's completeness: what the frontier knows of the site's posts.

        In an archive crawl the chain is the check on the listings: a post
        only the chain found is missing from the sitemaps, feeds and listings,
        and one only the listings found has no Prev/Next link to it.
        """
        if not counts:
            return
        figures = {
            "known": counts.get("posts", 0),
            "exported": counts.get(EXPORTED, 0),
            "not_exported": counts.get(DONE, 0),
            "unfetched": counts.get(FAILED, 0) + counts.get(GONE, 0),
            "failed": counts.get(FAILED, 0),
            "gone": counts.get(GONE, 0),
            "left": counts.get(KNOWN, 0) + counts.get(PARSED, 0),
            "only_chain": counts.get("only_chain", 0),
            "only_listings": counts.get("only_listings", 0),
        }
        stats = self.crawler.stats
        for name, value in figures.items():
            stats.set_value(f"newscrawl/site/{site}/posts/{name}", value)
            stats.inc_value(f"newscrawl/posts/{name}", value)
        if not archive and not figures["unfetched"] and not figures["left"]:
            return
        logger.info(
            "Site %s: %d posts known: %d exported, %d not articles or unchanged, "
            "%d could not be fetched (%d failed, to try again; %d gone), %d left for a resume; "
            "%d found only by the chain, %d only by sitemaps, feeds or listings",
            site,
            *(
                figures[name]
                for name in (
                    "known",
                    "exported",
                    "not_exported",
                    "unfetched",
                    "failed",
                    "gone",
                    "left",
                    "only_chain",
                    "only_listings",
                )
            ),
        )

    def _coverage(self, site: str) -> dict[str, float]:
        exported = self.exported[site]
        if not exported:
            return {}
        return {field: self.covered[site][field] / exported for field in COVERED}

    def _frontier_summary(self, site: str) -> dict[str, int]:
        """What the crawl's frontier knows of the site's posts (see ``FrontierStore.summary``)."""
        frontier = self.crawler.get_spider_middleware(Frontier)
        return frontier.summary(site) if frontier else {}

    def _problems(
        self,
        site: str,
        counts: dict[str, int],
        coverage: dict[str, float],
        last_run: dict[str, int] | None,
        starts: int,
        done_before: int,
    ) -> list[str]:
        problems = []
        # A resumed job whose earlier runs exported the site's posts has nothing left to do.
        before = f" ({last_run.get('articles', 0)} articles in the last run)" if last_run else ""
        if starts and counts["start_failed"] >= starts and not counts["articles"]:
            which = "its start point" if starts == 1 else f"all {starts} of its start points"
            problems.append(
                f"{which} failed{before}: is the site down, or the URL wrong? (see the warnings)"
            )
        elif (
            counts["articles"] == 0
            and not done_before
            and last_run
            and last_run.get("articles", 0) > 0
        ):
            problems.append(
                f"no articles this run ({last_run['articles']} in the last run): broken site?"
            )
        walls = {r: n for r, n in self.dropped[site].items() if r.endswith(" wall)")}
        if walls and not counts["articles"] and not done_before:
            found = ", ".join(
                f"{n} {r[len('not an article (') : -1]}" for r, n in sorted(walls.items())
            )
            problems.append(f"every page answered a wall ({found}): blocked?")
        for field, minimum in self.min_coverage.items():
            share = coverage.get(field)
            if share is not None and share < minimum:
                problems.append(f"{field} coverage {share:.0%} is under {minimum:.0%}")
        if counts["errors"] > self.max_errors:
            problems.append(f"{counts['errors']} errors (more than {self.max_errors})")
        return problems


def _site(meta: dict[str, Any], url: str) -> str:
    site = meta.get("newscrawl_site") or meta.get("site")
    return str(site) if site else site_of(url)


def _reasons(reasons: Counter[str]) -> str:
    shown = {reason: n for reason, n in reasons.items() if reason != "unchanged"}
    if not shown:
        return ""
    return " (" + ", ".join(f"{n} {reason}" for reason, n in sorted(shown.items())) + ")"
