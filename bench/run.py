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
from bench.datasets import DATASETS, HALVES, WIDE, Page, load_pages, load_stored_peers
from bench.report import macro_table, scores_table, targets_table
from bench.tools import TOOLS, Prediction, label

OUT_DIR = Path(__file__).parent / "out"
FLOOR = Path(__file__).parent / "floor.json"
FLOOR_METRICS = {
    "aeb": ("f1", "precision"),
    "snippets": ("f1", "pages", "title", "date", "author"),
    **dict.fromkeys(WIDE, ("f1", "precision", "title", "date", "author")),
}
_TITLES = {
    "aeb": "aeb-dev: article bodies",
    "snippets": "snippets-dev: boilerplate and metadata",
    **{name: f"wide-dev/{name}: article bodies and metadata" for name in WIDE},
}


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
    scorer = metrics.score_snippets if dataset == "snippets" else metrics.score_wide
    return scorer(
        page.truth, prediction.body, prediction.title, prediction.date, prediction.authors
    )


def summarize(dataset: str, results: list[Result]) -> dict[str, float]:
    """The set's scores, and its F1 on each half as ``f1_tune`` and ``f1_check``
    (NaN for a half with no page, as after ``--half``)."""
    halves = summarize_halves(dataset, results)
    present = {result.page.half for result in results}
    f1s = {f"f1_{h}": halves[h]["f1"] if h in present else math.nan for h in HALVES}
    return {**halves["dev"], **f1s}


def summarize_halves(dataset: str, results: list[Result]) -> dict[str, dict[str, float]]:
    """The scores of the whole dev split (``dev``) and of each half."""
    halves = {
        half: _summary(dataset, [r for r in results if r.page.half == half]) for half in HALVES
    }
    return {"dev": _summary(dataset, results), **halves}


def _summary(dataset: str, results: list[Result]) -> dict[str, float]:
    page_scores = [result.scores for result in results]
    if dataset == "aeb":
        return metrics.summarize_bodies(page_scores)
    if dataset == "snippets":
        return metrics.summarize_snippets(page_scores)
    return metrics.summarize_wide(page_scores)


def run_tool(dataset: str, tool: str, pages: list[Page], repeat: int = 1) -> list[Result]:
    """Time each extraction alone: bytes in, prediction out.

    A throwaway instance extracts the first page beforehand, so that lazy imports, compiled
    patterns and other first-call costs are not charged to it. With ``repeat`` above one,
    every page is extracted that many times (one pass over the set after another) and its
    fastest time is kept: what the page costs, without what the machine was doing meanwhile.
    """
    if pages:
        TOOLS[tool]()(pages[0].html, pages[0].url)
    adapter = TOOLS[tool]()
    gc.collect()
    predictions: list[Prediction] = []
    best = [math.inf] * len(pages)
    for run in range(max(repeat, 1)):
        for i, page in enumerate(pages):
            start = time.perf_counter()
            prediction = adapter(page.html, page.url)
            best[i] = min(best[i], (time.perf_counter() - start) * 1000)
            if not run:
                predictions.append(prediction)
    return [
        Result(page, tool, prediction, score(dataset, page, prediction), ms)
        for page, prediction, ms in zip(pages, predictions, best, strict=True)
    ]


def stored_results(
    dataset: str,
    pages: list[Page],
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> dict[str, list[Result]]:
    """Stored peers scored by the same code, keyed by their table label; one whose name and
    version is in ``skip`` (a tool that ran live, as ``label`` names it) is left out."""
    stored = {}
    for peer in load_stored_peers(dataset):
        if f"{peer.name.replace('_', '-')} {peer.version}" in skip:
            continue
        tool = f"{peer.name} (stored)"
        results = []
        for page in pages:
            output = peer.outputs.get(page.id) or {}
            prediction = Prediction(
                body=output.get("articleBody") or "",
                title=output.get("headline"),
                date=output.get("datePublished"),
                authors=list(output.get("authors") or []),
            )
            results.append(Result(page, tool, prediction, score(dataset, page, prediction), None))
        stored[" ".join(filter(None, (peer.name, peer.version, "(stored)")))] = results
    return stored


def bench(
    dataset: str,
    tools: list[str],
    ids: list[str] | None,
    limit: int | None,
    half: str | None = None,
    repeat: int = 1,
) -> tuple[str, dict[str, dict[str, float]]]:
    """Run, score and save one data set; return its report and each tool's scores."""
    pages = load_pages(dataset, ids, limit, half)
    runs: dict[str, list[Result]] = {}
    for tool in tools:
        print(f"{dataset}: {tool} on {len(pages)} pages", file=sys.stderr)
        runs[label(tool)] = run_tool(dataset, tool, pages, repeat)
    runs.update(stored_results(dataset, pages, skip=set(runs)))
    write_predictions(dataset, [result for results in runs.values() for result in results])

    rows = {}
    for name, results in runs.items():
        rows[name] = summarize(dataset, results)
        timings = [result.ms for result in results if result.ms is not None]
        if timings:
            rows[name]["ms"] = fmean(timings)
    ours = rows.get(label("newscrawl")) if "newscrawl" in tools else None
    halves = {h: sum(page.half == h for page in pages) for h in HALVES}
    sizes = ", ".join(f"{count} {h}" for h, count in halves.items())
    report = "\n\n".join(
        [
            f"**{_TITLES[dataset]}** ({len(pages)} pages: {sizes})",
            scores_table(dataset, rows),
            targets_table(dataset, ours, rows),
        ]
    )
    return report, rows


def macro(all_rows: dict[str, dict[str, dict[str, float]]]) -> str:
    """The wide sets' macro F1 (mean of the per-set F1s), per tool, whole and by half."""
    wide = {dataset: rows for dataset, rows in all_rows.items() if dataset in WIDE}
    return macro_table(wide) if wide else ""


def write_predictions(dataset: str, results: list[Result]) -> None:
    """One line per page and tool, for ``bench.diff`` and for reading outputs side by side."""
    OUT_DIR.mkdir(exist_ok=True)
    with (OUT_DIR / f"{dataset}.jsonl").open("w", encoding="utf-8") as f:
        for result in results:
            row: dict[str, Any] = {
                "id": result.page.id,
                "url": result.page.url,
                "half": result.page.half,
                "tool": result.tool,
            }
            row |= asdict(result.prediction)
            row |= {"scores": result.scores, "ms": result.ms}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def score_newscrawl(dataset: str) -> dict[str, dict[str, float]]:
    """newscrawl's scores on a whole data set (``dev``) and on its ``tune`` and ``check``
    halves, for the quality gate (no peers, timing unused)."""
    return summarize_halves(dataset, run_tool(dataset, "newscrawl", load_pages(dataset)))


Floor = dict[str, dict[str, dict[str, float]]]


def load_floor(path: Path = FLOOR) -> Floor:
    """The scores newscrawl must not fall below: ``{dataset: {"dev"|"check": {metric: value}}}``."""
    with path.open(encoding="utf-8") as f:
        floor: Floor = json.load(f)
    return floor


def pin(path: Path = FLOOR) -> Floor:
    """Rewrite the floor from newscrawl's current scores, on each set's dev split and its
    check half (a metric the truth lacks is left out).

    Values are rounded down at the fourth decimal: the same code always clears its own
    floor, and hardly any loss slips under it.
    """
    floor: Floor = {}
    for dataset in DATASETS:
        scores = score_newscrawl(dataset)
        floor[dataset] = {
            scope: {
                metric: math.floor(scores[scope][metric] * 10_000) / 10_000
                for metric in FLOOR_METRICS[dataset]
                if not math.isnan(scores[scope][metric])
            }
            for scope in ("dev", "check")
        }
    path.write_text(json.dumps(floor, indent=2) + "\n", encoding="utf-8")
    return floor
