"""The saved pages under ``fixtures/`` and the expected item beside each.

``fixtures/sites/<site>/<path>/index.html`` was saved from ``<origin>/<path>/``
(the origin is in the site's ``site.json``); ``fixtures/pages/<name>.html``
(or ``.html.gz``) names its URL in the expected ``<name>.json``. Either way
the expected item sits beside the page with the extension ``.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from newscrawl.offline import Extractor, read_page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SITES = FIXTURES / "sites"
PAGES = FIXTURES / "pages"
#: Fields that change with every run and so are left out of expectations.
VOLATILE = ("dateDownloaded",)


@dataclass(frozen=True)
class FixturePage:
    page: Path
    url: str

    @property
    def expected_path(self) -> Path:
        name = self.page.name.removesuffix(".gz").removesuffix(".html")
        return self.page.with_name(name + ".json")

    @property
    def id(self) -> str:
        return str(self.page.relative_to(FIXTURES))

    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_path.read_text(encoding="utf-8"))

    def extract(self, extractor: Extractor) -> dict[str, Any]:
        """The item as exported (volatile fields removed), or a ``dropped`` record."""
        try:
            item = dict(extractor.extract(read_page(self.page), self.url))
        except DropItem as exc:
            return {"url": self.url, "dropped": str(exc)}
        metadata = {k: v for k, v in item.get("metadata", {}).items() if k not in VOLATILE}
        if metadata:
            item["metadata"] = metadata
        else:
            item.pop("metadata", None)
        return item


def site_config(site: Path) -> dict[str, Any]:
    return json.loads((site / "site.json").read_text(encoding="utf-8"))


def fixture_pages() -> Iterator[FixturePage]:
    for site in sorted(p for p in SITES.iterdir() if (p / "site.json").is_file()):
        origin = site_config(site)["origin"].rstrip("/")
        for page in sorted(site.rglob("index.html")):
            relative = page.parent.relative_to(site).as_posix()
            path = "/" if relative == "." else f"/{relative}/"
            yield FixturePage(page, origin + path)
    if PAGES.is_dir():
        for page in sorted([*PAGES.glob("*.html"), *PAGES.glob("*.html.gz")]):
            fixture = FixturePage(page, "")
            url = fixture.expected()["url"] if fixture.expected_path.exists() else None
            yield FixturePage(page, url or f"https://example.com/{page.name.split('.')[0]}/")
