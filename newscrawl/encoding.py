"""Pages whose bytes are plainly not in the encoding they declare.

A page that declares a single-byte encoding (ISO-8859-1, windows-1252, ASCII)
but whose bytes are valid UTF-8, with characters beyond ASCII, is UTF-8: text
in those encodings almost never forms valid multi-byte UTF-8 sequences by
chance, and CMSs that put a stale ``<meta charset>`` in their templates are
common (a quarter of L3S-GN1's 2008 news pages). Read as declared, such a page
comes out as mojibake ("Kosovoâ€™s").

Other declarations are refuted by bytes that cannot be in them: a page declared
UTF-8 whose non-ASCII bytes are mostly invalid UTF-8 (cp1251 Russian, say), or
one declared ISO-8859-1/windows-1252 with bytes windows-1252 leaves undefined
(``0x81``, ``0x8D``, ``0x8F``, ``0x90``, ``0x9D``: Shift_JIS's lead bytes). Those
are read in the encoding their bytes show, as charset-normalizer (Scrapy's own
dependency) detects it. A stray bad byte or two in a long page is not enough.

:class:`EncodingMiddleware` corrects the crawl's responses and counts each;
:func:`corrected` is the same rule for any response (the offline extractor).
"""

from __future__ import annotations

import codecs
import logging
from typing import Self

from charset_normalizer import from_bytes
from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse
from scrapy.statscollectors import StatsCollector

__all__ = ["EncodingMiddleware", "corrected", "correction"]

logger = logging.getLogger(__name__)

#: Encodings in which any byte is a character: a declaration of one cannot be refuted
#: by invalid bytes, only by bytes that read as UTF-8.
_SINGLE_BYTE = frozenset({"latin-1", "iso8859-1", "cp1252", "iso8859-15", "ascii"})
#: Bytes windows-1252 (what browsers read ISO-8859-1 as) gives no character.
_UNDEFINED_IN_CP1252 = b"\x81\x8d\x8f\x90\x9d"
#: Bad bytes that refute a declaration: this many at least, ...
_MIN_BAD = 4
#: ... and for UTF-8, this many times as many as the valid characters beyond ASCII: a page
#: of UTF-8 with a pasted windows-1252 quote or a double-encoded paragraph is still UTF-8.
_BAD_TO_GOOD = 2

#: Why a page was read in another encoding than it declares, as counted in the stats.
UTF8_BEHIND_SINGLE_BYTE = "utf8_behind_single_byte"
NOT_AS_DECLARED = "not_as_declared"


def correction(response: TextResponse) -> tuple[TextResponse, str] | None:
    """``response`` read in the encoding its bytes are in, and why; ``None`` if as declared."""
    try:
        declared = codecs.lookup(response.encoding).name
    except LookupError:
        return None
    body = response.body
    if body.isascii():
        return None
    if declared in _SINGLE_BYTE:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return response.replace(encoding="utf-8"), UTF8_BEHIND_SINGLE_BYTE
        undefined = len(body) - len(body.translate(None, _UNDEFINED_IN_CP1252))
        if undefined < _MIN_BAD:
            return None
    elif declared == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return None
        text = body.decode("utf-8", "replace")
        bad = text.count("\ufffd")
        good = len(text) - len(text.encode("ascii", "ignore")) - bad  # valid UTF-8 beyond ASCII
        if bad < _MIN_BAD or bad < _BAD_TO_GOOD * good:
            return None
    else:
        return None
    found = _detected(body, declared)
    return (response.replace(encoding=found), NOT_AS_DECLARED) if found else None


def _detected(body: bytes, declared: str) -> str | None:
    """The encoding charset-normalizer reads ``body`` in, if it is another and reads it whole."""
    best = from_bytes(body).best()
    if best is None:
        return None
    try:
        found = codecs.lookup(best.encoding).name
        body.decode(found)
    except (LookupError, UnicodeDecodeError):
        return None
    return found if found != declared else None


def corrected(response: TextResponse) -> TextResponse | None:
    """``response`` read in the encoding its bytes are in, if that is not the declared one."""
    fixed = correction(response)
    return fixed[0] if fixed else None


class EncodingMiddleware:
    """Downloader middleware: a page whose bytes plainly are not in the encoding it declares
    is read in theirs, with one debug line and ``newscrawl/encoding/<why>``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        fixed = correction(response)
        if fixed is None:
            return response
        read, why = fixed
        self.stats.inc_value(f"newscrawl/encoding/{why}")
        logger.debug(
            "Read %s as %s: its bytes are not the %s it declares",
            response.url,
            read.encoding,
            response.encoding,
        )
        return read
