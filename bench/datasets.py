"""Where the benchmark pages live and how they are read.

The data sets are not part of the repository: they sit in the workplace's ``shared/bench``
folder beside the repository (override with ``NEWSCRAWL_BENCH_DATA``, the folder holding
``aeb-dev/`` and ``snippets-dev/``).
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATASETS = ("aeb", "snippets")
_FOLDERS = {"aeb": "aeb-dev", "snippets": "snippets-dev"}
_TRUTH_FILES = {"aeb": "ground-truth.json", "snippets": "truth.json"}


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: bytes
    truth: dict[str, Any]


def data_dir(dataset: str) -> Path:
    root = os.environ.get("NEWSCRAWL_BENCH_DATA")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "bench"
    return base / _FOLDERS[dataset]


def load_truth(dataset: str) -> dict[str, dict[str, Any]]:
    """Truth by page id, in id order so that ``--limit N`` always picks the same pages."""
    with (data_dir(dataset) / _TRUTH_FILES[dataset]).open(encoding="utf-8") as f:
        truth: dict[str, dict[str, Any]] = json.load(f)
    return dict(sorted(truth.items()))


def select_ids(dataset: str, ids: list[str] | None = None, limit: int | None = None) -> list[str]:
    """The data set's page ids in order, narrowed to ``ids`` it has, then to the first ``limit``."""
    known = list(load_truth(dataset))
    if ids is not None:
        wanted = set(ids)
        known = [page_id for page_id in known if page_id in wanted]
    return known[:limit] if limit is not None else known


def load_pages(dataset: str, ids: list[str] | None = None, limit: int | None = None) -> list[Page]:
    """The pages as raw bytes, exactly as fetched: decoding is each tool's own business."""
    truth = load_truth(dataset)
    html_dir = data_dir(dataset) / "html"
    return [
        Page(
            id=page_id,
            url=truth[page_id]["url"],
            html=gzip.decompress((html_dir / f"{page_id}.html.gz").read_bytes()),
            truth=truth[page_id],
        )
        for page_id in select_ids(dataset, ids, limit)
    ]


@dataclass(frozen=True)
class StoredPeer:
    """Article bodies another extractor produced once (aeb only), kept to compare against."""

    name: str
    version: str
    bodies: dict[str, str]


def load_stored_peers(dataset: str) -> list[StoredPeer]:
    peers = []
    for path in sorted((data_dir(dataset) / "peers").glob("*.json")):
        with path.open(encoding="utf-8") as f:
            stored = json.load(f)
        bodies = {key: value.get("articleBody") or "" for key, value in stored["output"].items()}
        peers.append(StoredPeer(path.stem, stored.get("version") or "", bodies))
    return peers
