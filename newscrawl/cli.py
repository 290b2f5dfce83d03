"""``python -m newscrawl``: offline tools over saved pages.

``extract [--url URL]... PAGE...`` prints one JSON line per page, in the order
given, exactly as a crawl would export it; a page that is not an article gets
a line saying why (``{"url": ..., "page": ..., "dropped": "..."}``).
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
    extract.add_argument("pages", nargs="+", type=Path, metavar="PAGE")
    args = parser.parse_args(argv)
    if len(args.url) > len(args.pages):
        parser.error(f"{len(args.url)} --url given for {len(args.pages)} pages")
    return _extract(args.pages, args.url)


def _extract(pages: list[Path], urls: list[str]) -> int:
    extractor = Extractor()
    # The exporter writes bytes to any binary file; its annotation says BytesIO.
    exporter = JsonLinesItemExporter(cast(BytesIO, sys.stdout.buffer), encoding="utf-8")
    failed = False
    for index, path in enumerate(pages):
        url = urls[index] if index < len(urls) else path.resolve().as_uri()
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


def _line(record: dict[str, str]) -> None:
    sys.stdout.buffer.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
    sys.stdout.buffer.flush()
