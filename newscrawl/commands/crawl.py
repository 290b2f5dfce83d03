"""``scrapy crawl`` that fails loudly: one-line argument errors, non-zero exit on site alerts.

Scrapy builds the spider inside the running engine, where an exception from
``__init__`` surfaces as a logged traceback and exit code 0. Spiders that
define ``check_arguments(**spargs)`` get it called while the command line is
parsed, before logging starts, so the error is the only line printed (and
written to ``LOG_FILE`` when one is set, as Scrapyd sets its job log); the
``NEWSCRAWL_*`` settings (a ``-s`` typo) are checked the same way. After the
crawl, alerts raised by :class:`~newscrawl.monitor.SiteMonitor` turn into
exit status 1, so cron and Scrapyd see a broken site.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.spiderloader import get_spider_loader

from newscrawl.arguments import ArgumentError, check_settings

#: Exit status of a crawl that ran but raised site alerts.
ALERT_STATUS = 1


def _log_to_file(path: str | None, line: str) -> None:
    """The error in the run's log file too (Scrapyd's job log, ``LOG_FILE``): logging has not
    started, and a job that failed must say so where its log is read."""
    if not path:
        return
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    try:
        with Path(path).open("a", encoding="utf-8") as log:
            log.write(f"{stamp} [scrapy.commands.crawl] ERROR: {line}\n")
    except OSError:
        pass  # stderr has the line; a log file that cannot be written is not the user's error


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if len(args) != 1:
            return
        assert self.settings is not None  # set by scrapy.cmdline before options are read
        try:
            spidercls = get_spider_loader(self.settings).load(args[0])
        except KeyError:
            return  # Scrapy reports unknown spiders itself
        check = getattr(spidercls, "check_arguments", None)
        try:
            check_settings(self.settings)
            if check is not None:
                check(**opts.spargs)
        except ArgumentError as exc:
            line = f"scrapy crawl {args[0]}: error: {exc}"
            print(line, file=sys.stderr)
            _log_to_file(self.settings.get("LOG_FILE"), line)
            raise SystemExit(2) from None

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)
            return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif crawler.stats.get_value("newscrawl/alerts"):
            self.exitcode = ALERT_STATUS
