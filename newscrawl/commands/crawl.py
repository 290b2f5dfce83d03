"""``scrapy crawl`` that rejects bad spider arguments with one line, not a traceback.

Scrapy builds the spider inside the running engine, where an exception from
``__init__`` surfaces as a logged traceback and exit code 0. Spiders that
define ``check_arguments(**spargs)`` get it called while the command line is
parsed, before logging starts, so the error is the only line printed.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.spiderloader import get_spider_loader

from newscrawl.arguments import ArgumentError


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
        if check is None:
            return
        try:
            check(**opts.spargs)
        except ArgumentError as exc:
            print(f"scrapy crawl {args[0]}: error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
