"""``scrapy crawl`` that fails loudly: one-line argument errors, non-zero exit on site alerts.

Scrapy builds the spider inside the running engine, where an exception from
``__init__`` surfaces as a logged traceback and exit code 0. Spiders that
define ``check_arguments(**spargs)`` get it called while the command line is
parsed, before logging starts, so the error is the only line printed; the
``NEWSCRAWL_*`` settings (a ``-s`` typo) are checked the same way. After the
crawl, alerts raised by :class:`~newscrawl.monitor.SiteMonitor` turn into
exit status 1, so cron and Scrapyd see a broken site.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.spiderloader import get_spider_loader

from newscrawl.arguments import ArgumentError, check_settings

#: Exit status of a crawl that ran but raised site alerts.
ALERT_STATUS = 1


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
            print(f"scrapy crawl {args[0]}: error: {exc}", file=sys.stderr)
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
