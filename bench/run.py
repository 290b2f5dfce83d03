"""Running the tools over a data set: timing, scores, predictions on disk, the pinned floor."""

from __future__ import annotations

import gc
import json
import math
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

from bench import metrics
from bench.datasets import DATASETS, Page, load_pages, load_stored_peers
from bench.report import scores_table, targets_table
from bench.tools import TOOLS, Prediction, label

OUT_DIR = Path(__file__).parent / "out"
FLOOR = Path(__file__).parent / "floor.json"
FLOOR_METRICS = {"aeb": ("f1", "precision"), "snippets": ("f1", "pages", "title", "date", "author")}
_TITLES = {"aeb": "aeb-dev: article bodies", "snippets": "snippets-dev: boilerplate and metadata"}


@dataclass
class Result:
    """One tool's output on one page; ``ms`` is None for a stored peer."""

    page: Page
    tool: str
    prediction: Prediction
    scores: dict[str, Any]
    ms: float | None


def score(dataset: str, page: Page, prediction: Prediction) -> dict[str, Any]:
    if dataset == "aeb":
        return metrics.score_body(page.truth["articleBody"], prediction.body)
    return metrics.score_snippets(
        page.truth, prediction.body, prediction.title, prediction.date, prediction.authors
    )


def summarize(dataset: str, results: list[Result]) -> dict[str, float]:
    page_scores = [result.scores for result in results]
    if dataset == "aeb":
        return metrics.summarize_bodies(page_scores)
    return metrics.summarize_snippets(page_scores)


def run_tool(dataset: str, tool: str, pages: list[Page]) -> list[Result]:
    """Time each extraction alone: bytes in, prediction out.

    A throwaway instance extracts the first page beforehand, so that lazy imports, compiled
    patterns and other first-call costs are not charged to it.
    """
    if pages:
        TOOLS[tool]()(pages[0].html, pages[0].url)
    adapter = TOOLS[tool]()
    gc.collect()
    results = []
    for page in pages:
        start = time.perf_counter()
        prediction = adapter(page.html, page.url)
        ms = (time.perf_counter() - start) * 1000
        results.append(Result(page, tool, prediction, score(dataset, page, prediction), ms))
    return results


def stored_results(dataset: str, pages: list[Page]) -> dict[str, list[Result]]:
    """Stored peers scored by the same code, keyed by their table label."""
    stored = {}
    for peer in load_stored_peers(dataset):
        tool = f"{peer.name} (stored)"
        results = []
        for page in pages:
            prediction = Prediction(body=peer.bodies.get(page.id, ""))
            results.append(Result(page, tool, prediction, score(dataset, page, prediction), None))
        stored[" ".join(filter(None, (peer.name, peer.version, "(stored)")))] = results
    return stored


def bench(dataset: str, tools: list[str], ids: list[str] | None, limit: int | None) -> str:
    """Run, score and save one data set; return its report."""
    pages = load_pages(dataset, ids, limit)
    runs: dict[str, list[Result]] = {}
    for tool in tools:
        print(f"{dataset}: {tool} on {len(pages)} pages", file=sys.stderr)
        runs[label(tool)] = run_tool(dataset, tool, pages)
    runs.update(stored_results(dataset, pages))
    write_predictions(dataset, [result for results in runs.values() for result in results])

    rows = {}
    for name, results in runs.items():
        rows[name] = summarize(dataset, results)
        timings = [result.ms for result in results if result.ms is not None]
        if timings:
            rows[name]["ms"] = fmean(timings)
    ours = rows.get(label("newscrawl")) if "newscrawl" in tools else None
    return "\n\n".join(
        [
            f"## {_TITLES[dataset]} ({len(pages)} pages)",
            scores_table(dataset, rows),
            targets_table(dataset, ours),
        ]
    )


def write_predictions(dataset: str, results: list[Result]) -> None:
    """One line per page and tool, for ``bench.diff`` and for reading outputs side by side."""
    OUT_DIR.mkdir(exist_ok=True)
    with (OUT_DIR / f"{dataset}.jsonl").open("w", encoding="utf-8") as f:
        for result in results:
            row: dict[str, Any] = {
                "id": result.page.id,
                "url": result.page.url,
                "tool": result.tool,
            }
            row |= asdict(result.prediction)
            row |= {"scores": result.scores, "ms": result.ms}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def score_newscrawl(dataset: str) -> dict[str, float]:
    """newscrawl's scores on a whole data set, for the quality gate (no peers, timing unused)."""
    return summarize(dataset, run_tool(dataset, "newscrawl", load_pages(dataset)))


def load_floor(path: Path = FLOOR) -> dict[str, dict[str, float]]:
    """The scores newscrawl must not fall below: ``{dataset: {metric: value}}``."""
    with path.open(encoding="utf-8") as f:
        floor: dict[str, dict[str, float]] = json.load(f)
    return floor


def pin(path: Path = FLOOR) -> dict[str, dict[str, float]]:
    """Rewrite the floor from newscrawl's current scores.

    Values are rounded down at the fourth decimal: the same code always clears its own
    floor, and hardly any loss slips under it.
    """
    floor = {}
    for dataset in DATASETS:
        scores = score_newscrawl(dataset)
        floor[dataset] = {
            metric: math.floor(scores[metric] * 10_000) / 10_000
            for metric in FLOOR_METRICS[dataset]
        }
    path.write_text(json.dumps(floor, indent=2) + "\n", encoding="utf-8")
    return floor
