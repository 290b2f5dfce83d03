"""``make demo``: a real ``scrapy crawl news`` over the bundled sample sites, offline.

Each saved site under ``fixtures/sites/`` (but those whose ``site.json`` says
``"demo": false``, like the site of faults) is served on 127.0.0.1 (see
:mod:`newscrawl.sampleserver`), the crawl starts from each site's middle post
and walks its chain both ways, and the items land in the default feed under
``exports/``. Throttling is off: the only server is our own.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from newscrawl.sampleserver import SavedSite, SiteServer


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sites_dir = Path(args[0]) if args else Path("fixtures/sites")
    sites = [
        path
        for path in sorted(sites_dir.iterdir())
        if (path / "site.json").is_file() and SavedSite.load(path).config.get("demo", True)
    ]
    if not sites:
        print(f"demo: no saved sites under {sites_dir}", file=sys.stderr)
        return 2
    exports = Path("exports")
    before = set(exports.glob("news-*.jsonl"))
    with ExitStack() as stack:
        saved = [SavedSite.load(p) for p in sites]
        servers = [stack.enter_context(SiteServer(site)) for site in saved]
        starts = [s.url(site.config["start"]) for s, site in zip(servers, saved, strict=True)]
        for path, start in zip(sites, starts, strict=True):
            print(f"demo: serving {path.name} at {start}")
        command = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "news",
            "-a",
            "start=" + ",".join(starts),
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "NEWSCRAWL_STATE=",  # remember nothing: every demo run exports the whole sample
        ]
        status = subprocess.call(command)
    written = sorted(set(exports.glob("news-*.jsonl")) - before)
    for feed in written:
        lines = feed.read_text(encoding="utf-8").count("\n")
        print(f"demo: {lines} articles written to {feed}")
    return status


if __name__ == "__main__":
    sys.exit(main())
