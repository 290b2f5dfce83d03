"""Pages whose bytes are plainly UTF-8 behind a single-byte declaration."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.encoding import EncodingMiddleware, corrected
from newscrawl.offline import Extractor

PAGE = (
    "<html><head><meta charset='iso-8859-1'><title>Kosovo’s vote</title></head><body>"
    "<article><h1>Kosovo’s vote</h1>"
    + "<p>The café owners’ résumé of a hard winter, told at length for the story’s sake.</p>" * 4
    + "</article></body></html>"
)


def test_utf8_bytes_behind_a_latin1_declaration_are_read_as_utf8():
    response = HtmlResponse("https://example.com/a", body=PAGE.encode("utf-8"))
    assert "Kosovoâ€™s" in response.text  # what reading as declared gives
    fixed = corrected(response)
    assert fixed is not None and "Kosovo’s vote" in fixed.text


def test_a_page_really_in_its_single_byte_encoding_or_in_ascii_is_left_alone():
    latin = PAGE.replace("’", "'").encode("latin-1")
    assert corrected(HtmlResponse("https://example.com/a", body=latin)) is None
    plain = PAGE.replace("’", "'").replace("é", "e").encode("ascii")
    assert corrected(HtmlResponse("https://example.com/a", body=plain)) is None


def test_the_crawl_counts_each_correction_and_the_offline_extractor_makes_the_same():
    crawler = get_crawler()
    stats = MemoryStatsCollector(crawler)
    middleware = EncodingMiddleware(stats)
    request = Request("https://example.com/a")
    response = HtmlResponse(request.url, body=PAGE.encode("utf-8"), request=request)
    fixed = middleware.process_response(request, response)
    assert "Kosovo’s" in fixed.text
    assert stats.get_value("newscrawl/encoding/utf8_behind_single_byte") == 1
    item = Extractor().extract(PAGE.encode("utf-8"), "https://example.com/a")
    assert item["headline"] == "Kosovo’s vote"
    assert "café owners’ résumé" in item["articleBody"]
