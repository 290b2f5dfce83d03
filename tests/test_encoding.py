"""Pages whose bytes are plainly not in the encoding they declare."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawl.encoding import EncodingMiddleware, corrected, correction
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


RUSSIAN = (
    "<html><head><meta charset='utf-8'><title>Новости дня</title></head><body><article>"
    "<h1>Новости дня</h1>"
    + "<p>Совет проголосовал во вторник за продление программы ещё на три года.</p>" * 4
    + "</article></body></html>"
)


def test_cp1251_behind_a_utf8_declaration_is_read_as_cp1251():
    response = HtmlResponse("https://example.ru/a", body=RUSSIAN.encode("cp1251"))
    fixed = correction(response)
    assert fixed is not None and fixed[1] == "not_as_declared"
    assert "Новости дня" in fixed[0].text


def test_utf8_with_a_stray_bad_byte_or_two_is_left_as_declared():
    body = RUSSIAN.encode("utf-8").replace(b"</h1>", b"\x96\x93</h1>")
    assert correction(HtmlResponse("https://example.ru/a", body=body)) is None
    assert correction(HtmlResponse("https://example.ru/a", body=RUSSIAN.encode("utf-8"))) is None
    pasted = "<p>Le café, la crème brûlée, le résumé naïf: à déjà vu.</p>".encode("cp1252")
    body = RUSSIAN.encode("utf-8").replace(b"</article>", pasted + b"</article>")
    assert correction(HtmlResponse("https://example.ru/a", body=body)) is None


def test_shift_jis_behind_a_latin1_declaration_is_read_as_shift_jis():
    page = RUSSIAN.replace("Новости дня", "今日のニュース").replace("utf-8", "iso-8859-1")
    page = page.replace(
        "Совет проголосовал во вторник за продление программы ещё на три года.",
        "議会は火曜日、長い議論の末、計画をさらに三年間延長することを決めた。",
    )
    fixed = corrected(HtmlResponse("https://example.jp/a", body=page.encode("shift_jis")))
    assert fixed is not None and "今日のニュース" in fixed.text
    # Real windows-1252 text (curly quotes, a euro sign) stays as declared.
    western = PAGE.replace("Kosovo’s", "Kosovo’s €5").encode("cp1252")
    assert corrected(HtmlResponse("https://example.com/a", body=western)) is None
