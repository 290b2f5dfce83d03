from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newscrawl.sampleserver import SavedSite, SiteServer
from tests.fixturepages import SITES

ROOT = Path(__file__).resolve().parent.parent
#: Our own server on loopback: no politeness delays needed.
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "RETRY_TIMES=1",
    "-s",
    "LOG_LEVEL=INFO",
]


@dataclass
class Crawl:
    returncode: int
    items: list[dict[str, Any]]
    log: str

    def stat(self, name: str) -> Any:
        """A value from the 'Dumping Scrapy stats' block of the log, or None."""
        for line in self.log.splitlines():
            line = line.strip().rstrip(",")
            prefix = f"'{name}':"
            if line.startswith(prefix):
                return eval(line[len(prefix) :])
        return None


def news_command(*args: str) -> list[str]:
    """``scrapy crawl news`` with ``args``, fast on our own loopback servers."""
    return [sys.executable, "-m", "scrapy", "crawl", "news", *FAST, *args]


def run_news(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl news`` with ``args`` as given (the feed and state are the caller's)."""
    return subprocess.run(
        news_command(*args),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_crawl(tmp_path: Path, *args: str, state: Path | None = None) -> Crawl:
    """Run ``scrapy crawl news`` as a user would, exporting to a file in ``tmp_path``.

    Without ``state`` the run remembers nothing (``NEWSCRAWL_STATE`` empty).
    """
    out = tmp_path / "items.jsonl"
    remember = ["-s", f"NEWSCRAWL_STATE={state or ''}"]
    proc = subprocess.run(
        news_command(*args, "-O", str(out), *remember),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Crawl(proc.returncode, read_items(out), proc.stderr)


def read_items(path: Path) -> list[dict[str, Any]]:
    """The items of a JSON Lines feed (every line must be JSON)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def serve() -> Iterator[Any]:
    """Serve saved sites on 127.0.0.1 for the test's duration: a name under
    ``fixtures/sites/`` or the folder of a copy."""
    servers: list[SiteServer] = []

    def start(site: str | Path) -> SiteServer:
        server = SiteServer(SavedSite.load(SITES / site)).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)
