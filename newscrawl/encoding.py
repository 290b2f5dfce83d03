"""Pages whose bytes are plainly not in the encoding they declare.

A page that declares a single-byte encoding (ISO-8859-1, windows-1252, ASCII)
but whose bytes are valid UTF-8, with characters beyond ASCII, is UTF-8: text
in those encodings almost never forms valid multi-byte UTF-8 sequences by
chance, and CMSs that put a stale ``<meta charset>`` in their templates are
common (a quarter of L3S-GN1's 2008 news pages). Read as declared, such a page
comes out as mojibake ("Kosovoâ€™s").

:class:`EncodingMiddleware` corrects the crawl's responses and counts each;
:func:`corrected` is the same rule for any response (the offline extractor).
"""

from __future__ import annotations

import codecs
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse
from scrapy.statscollectors import StatsCollector

__all__ = ["EncodingMiddleware", "corrected"]

logger = logging.getLogger(__name__)

#: Encodings in which any byte is a character: a declaration of one cannot be refuted
#: by invalid bytes, only by bytes that read as UTF-8.
_SINGLE_BYTE = frozenset({"latin-1", "iso8859-1", "cp1252", "iso8859-15", "ascii"})


def corrected(response: TextResponse) -> TextResponse | None:
    """``response`` read as UTF-8, if it declares a single-byte encoding its bytes are not in."""
    try:
        declared = codecs.lookup(response.encoding).name
    except LookupError:
        return None
    body = response.body
    if declared not in _SINGLE_BYTE or body.isascii():
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return response.replace(encoding="utf-8")


class EncodingMiddleware:
    """Downloader middleware: a page whose bytes are UTF-8 behind a single-byte declaration is
    read as UTF-8, with one debug line and ``newscrawl/encoding/utf8_behind_single_byte``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        fixed = corrected(response)
        if fixed is None:
            return response
        self.stats.inc_value("newscrawl/encoding/utf8_behind_single_byte")
        logger.debug(
            "Read %s as UTF-8: its bytes are UTF-8, not the %s it declares",
            response.url,
            response.encoding,
        )
        return fixed
