"""Where the benchmark pages live and how they are read.

The data sets are not part of the repository: they sit in the workplace's ``shared/bench``
folder beside the repository (override with ``NEWSCRAWL_BENCH_DATA``, the folder holding
``aeb-dev/``, ``snippets-dev/`` and ``wide-dev/``).

Every set's pages are split by site into two halves, **tune** and **check**, by a stable hash
of the site's host (the same hash in every set, so a site is on the same side wherever it
appears). Rules are read, diffed and debugged on the tune half only; a change is kept when the
check half, which nobody reads, improves too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The four public sets of ``wide-dev/``, each with its own truth conventions (its README).
WIDE = ("dragnet", "l3s-gn1", "cleanportaleval", "readability")
DATASETS = ("aeb", "snippets", *WIDE)
HALVES = ("tune", "check")
_FOLDERS = {
    "aeb": "aeb-dev",
    "snippets": "snippets-dev",
    **{name: f"wide-dev/{name}" for name in WIDE},
}
_TRUTH_FILES = {"snippets": "truth.json"}
_STEM = re.compile(r"[-_]?\d+$")


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: bytes
    truth: dict[str, Any]
    site: str = ""

    @property
    def half(self) -> str:
        return half_of(self.site)


def site_of(page_id: str, url: str | None) -> str:
    """The page's site: its URL's host without ``www.``, else its id's stem (``nytimes-3``)."""
    if url and "//" in url:
        host = url.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
        return host.removeprefix("www.")
    return _STEM.sub("", page_id).lower()


def half_of(site: str) -> str:
    """``tune`` or ``check``: the first byte of the site's SHA-256, even or odd."""
    return HALVES[hashlib.sha256(site.encode("utf-8")).digest()[0] % 2]


def data_dir(dataset: str) -> Path:
    root = os.environ.get("NEWSCRAWL_BENCH_DATA")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "bench"
    return base / _FOLDERS[dataset]


def load_truth(dataset: str) -> dict[str, dict[str, Any]]:
    """Truth by page id, in id order so that ``--limit N`` always picks the same pages."""
    with (data_dir(dataset) / _TRUTH_FILES.get(dataset, "ground-truth.json")).open(
        encoding="utf-8"
    ) as f:
        truth: dict[str, dict[str, Any]] = json.load(f)
    return dict(sorted(truth.items()))


def select_ids(
    dataset: str,
    ids: list[str] | None = None,
    limit: int | None = None,
    half: str | None = None,
) -> list[str]:
    """The data set's page ids in order, narrowed to ``ids`` it has and to one ``half``,
    then to the first ``limit``."""
    truth = load_truth(dataset)
    known = list(truth)
    if ids is not None:
        wanted = set(ids)
        known = [page_id for page_id in known if page_id in wanted]
    if half is not None:
        known = [i for i in known if half_of(site_of(i, truth[i].get("url"))) == half]
    return known[:limit] if limit is not None else known


def load_pages(
    dataset: str,
    ids: list[str] | None = None,
    limit: int | None = None,
    half: str | None = None,
) -> list[Page]:
    """The pages as raw bytes, exactly as fetched: decoding is each tool's own business.

    A page whose truth gives no URL gets one on its site's name, under ``.invalid``.
    """
    truth = load_truth(dataset)
    html_dir = data_dir(dataset) / "html"
    pages = []
    for page_id in select_ids(dataset, ids, limit, half):
        site = site_of(page_id, truth[page_id].get("url"))
        url = truth[page_id].get("url") or f"https://{site}.invalid/{page_id}"
        html = gzip.decompress((html_dir / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, url, html, truth[page_id], site))
    return pages


@dataclass(frozen=True)
class StoredPeer:
    """What another extractor produced once, kept to compare against: by page id, its
    ``articleBody`` and, where it gave them, ``headline``, ``datePublished``, ``authors``."""

    name: str
    version: str
    outputs: dict[str, dict[str, Any]]


def load_stored_peers(dataset: str) -> list[StoredPeer]:
    peers = []
    for path in sorted((data_dir(dataset) / "peers").glob("*.json")):
        with path.open(encoding="utf-8") as f:
            stored = json.load(f)
        peers.append(StoredPeer(path.stem, stored.get("version") or "", stored["output"]))
    return peers
