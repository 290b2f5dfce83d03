"""``python -m newscrawl``: offline tools over saved pages.

``extract [--url URL]... PAGE...`` prints one JSON line per page, in the order
given, exactly as a crawl would export it; a page that is not an article gets
a line saying why (``{"url": ..., "page": ..., "dropped": "..."}``).
``extract --post PAGE...`` reads the pages as the pages of one post, in order,
and prints the one item a crawl would merge them into.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import cast

from scrapy.exceptions import DropItem
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.offline import Extractor, read_page


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser(
        "extract", help="print the article item of each saved page (.html or .html.gz)"
    )
    extract.add_argument(
        "--url",
        action="append",
        default=[],
        help="the URL each page was saved from, once per page in order (default: file:// URI)",
    )
    extract.add_argument(
        "--post",
        action="store_true",
        help="the pages are the pages of one post, in order: print the one merged item",
    )
    extract.add_argument("pages", nargs="+", type=Path, metavar="PAGE")
    args = parser.parse_args(argv)
    if len(args.url) > len(args.pages):
        parser.error(f"{len(args.url)} --url given for {len(args.pages)} pages")
    if args.post:
        return _extract_post(args.pages, args.url)
    return _extract(args.pages, args.url)


def _extract_post(pages: list[Path], urls: list[str]) -> int:
    exporter = _stdout_exporter()
    read = []
    for path, url in zip(pages, _page_urls(pages, urls), strict=True):
        try:
            read.append((read_page(path), url))
        except OSError as exc:
            _line({"page": str(path), "error": f"cannot read: {exc.strerror or exc}"})
            return 1
    try:
        item = Extractor().extract_post(read)
    except DropItem as exc:
        _line({"url": read[0][1], "page": str(pages[0]), "dropped": str(exc)})
        return 0
    exporter.export_item(item)
    sys.stdout.buffer.flush()
    return 0


def _extract(pages: list[Path], urls: list[str]) -> int:
    extractor = Extractor()
    exporter = _stdout_exporter()
    failed = False
    for path, url in zip(pages, _page_urls(pages, urls), strict=True):
        try:
            item = extractor.extract(read_page(path), url)
        except OSError as exc:
            _line({"page": str(path), "error": f"cannot read: {exc.strerror or exc}"})
            failed = True
            continue
        except DropItem as exc:
            _line({"url": url, "page": str(path), "dropped": str(exc)})
            continue
        exporter.export_item(item)
        sys.stdout.buffer.flush()
    return 1 if failed else 0


def _page_urls(pages: list[Path], urls: list[str]) -> list[str]:
    """The URL each page was saved from: its ``--url``, in order, else its ``file://`` URI."""
    return [urls[i] if i < len(urls) else path.resolve().as_uri() for i, path in enumerate(pages)]


def _stdout_exporter() -> JsonLinesItemExporter:
    """Items as JSON lines on standard output, as a crawl's feed writes them."""
    # The exporter writes bytes to any binary file; its annotation says BytesIO.
    return JsonLinesItemExporter(cast(BytesIO, sys.stdout.buffer), encoding="utf-8")


def _line(record: dict[str, str]) -> None:
    sys.stdout.buffer.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
    sys.stdout.buffer.flush()
