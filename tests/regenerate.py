"""Rewrite the expected item beside every fixture page: ``make fixtures``.

Run after a deliberate change to extraction, then read the diff of
``fixtures/**/*.json`` before committing it: that diff is the review.
"""

from __future__ import annotations

import json

from newscrawl.offline import Extractor
from tests.fixturepages import fixture_pages


def main() -> None:
    count = 0
    for fixture in fixture_pages():
        # A fresh extractor per page: duplicate detection spans a crawl, not the fixtures.
        item = fixture.extract(Extractor())
        text = json.dumps(item, ensure_ascii=False, indent=2) + "\n"
        fixture.expected_path.write_text(text, encoding="utf-8")
        count += 1
    print(f"wrote {count} expected items")


if __name__ == "__main__":
    main()
