"""One log line per dropped page: its URL and why, never a dump of the item."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


class LogFormatter(logformatter.LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> logformatter.LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped %(url)s: %(exception)s"
        result["args"] = {"url": ItemAdapter(item).get("url"), "exception": exception}
        return result
