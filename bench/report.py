"""Markdown tables of the scores, and the targets newscrawl is held to."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    metric: str
    bound: float
    at_most: bool = False

    def met(self, value: float) -> bool:
        return value <= self.bound if self.at_most else value >= self.bound

    def __str__(self) -> str:
        heading = _HEADINGS.get(self.metric, self.metric)
        return f"{heading} {'≤' if self.at_most else '≥'} {self.bound:g}"


#: The wide sets (``bench.datasets.WIDE``), named here so that reports need no data.
_WIDE = ("dragnet", "l3s-gn1", "cleanportaleval", "readability")
#: The peers a wide set's F1 must beat (run live, or stored), by the start of their label.
_PEERS = ("trafilatura", "readability-lxml")
MACRO_TARGET = 0.96
#: On aeb, newscrawl is to be this many times as fast as trafilatura, run beside it.
SPEEDUP_TARGET = 3

TARGETS: dict[str, tuple[Target, ...]] = {
    "aeb": (Target("f1", 0.975), Target("precision", 0.97), Target("ms", 8, at_most=True)),
    "snippets": (
        Target("f1", 0.94),
        Target("pages", 0.75),
        Target("title", 0.92),
        Target("date", 0.92),
        Target("author", 0.85),
    ),
}
_BODY = ("f1", "f1_tune", "f1_check", "precision", "recall")
COLUMNS: dict[str, tuple[str, ...]] = {
    "aeb": (*_BODY, "accuracy", "empty", "ms"),
    "snippets": (*_BODY, "pages", "title", "date", "author", "empty", "ms"),
    **dict.fromkeys(_WIDE, (*_BODY, "title", "date", "author", "empty", "ms")),
}
_HEADINGS = {"f1": "F1", "ms": "ms/page", "f1_tune": "F1 tune", "f1_check": "F1 check"}


def scores_table(dataset: str, rows: Mapping[str, Mapping[str, float]]) -> str:
    """One row per tool; a row without ``ms`` (a stored peer) shows a dash there."""
    columns = COLUMNS[dataset]
    lines = [
        _row(["tool", *(_HEADINGS.get(column, column) for column in columns)]),
        _row(["---"] * (len(columns) + 1)),
    ]
    lines += [
        _row([tool, *(_cell(column, scores.get(column)) for column in columns)])
        for tool, scores in rows.items()
    ]
    return "\n".join(lines)


def targets_table(
    dataset: str,
    scores: Mapping[str, float] | None,
    rows: Mapping[str, Mapping[str, float]] | None = None,
) -> str:
    """The set's targets, met or not; a wide set's are to beat each peer's F1 in this run."""
    lines = [_row(["target", "newscrawl", ""]), _row(["---"] * 3)]
    if dataset in _WIDE:
        for tool, theirs in (rows or {}).items():
            if not tool.startswith(_PEERS):
                continue
            beat = f"F1 above {tool}'s {theirs['f1']:.3f}"
            if scores is None:
                lines.append(_row([beat, "not run", ""]))
            else:
                mark = "pass" if scores["f1"] > theirs["f1"] else "FAIL"
                lines.append(_row([beat, _cell("f1", scores["f1"]), mark]))
        return "\n".join(lines)
    for target in TARGETS[dataset]:
        if scores is None:
            lines.append(_row([str(target), "not run", ""]))
        else:
            value = scores[target.metric]
            mark = "n/a" if math.isnan(value) else "pass" if target.met(value) else "FAIL"
            lines.append(_row([str(target), _cell(target.metric, value), mark]))
    if dataset == "aeb" and scores is not None and scores.get("ms"):
        for tool, theirs in (rows or {}).items():
            if tool.startswith("trafilatura") and theirs.get("ms"):
                speedup = theirs["ms"] / scores["ms"]
                mark = "pass" if speedup >= SPEEDUP_TARGET else "FAIL"
                wanted = f"≥ {SPEEDUP_TARGET}× as fast as {tool}"
                lines.append(_row([wanted, f"{speedup:.2f}×", mark]))
    return "\n".join(lines)


def _cell(column: str, value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    if column == "ms":
        return f"{value:.2f}"
    if column == "empty":
        return str(int(value))
    return f"{value:.3f}"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def macro_table(sets: Mapping[str, Mapping[str, Mapping[str, float]]]) -> str:
    """Per tool: each set's F1, and their mean over the whole dev split and each half."""
    names = list(sets)
    tools = [tool for tool in next(iter(sets.values())) if all(tool in sets[n] for n in names)]
    header = ["tool", *names, "macro F1", "macro tune", "macro check"]
    lines = [_row(header), _row(["---"] * len(header))]
    for tool in tools:
        f1s = [sets[name][tool]["f1"] for name in names]
        halves = [
            sum(sets[name][tool][key] for name in names) / len(names)
            for key in ("f1_tune", "f1_check")
        ]
        cells = [_cell("f1", value) for value in (*f1s, sum(f1s) / len(f1s), *halves)]
        lines.append(_row([tool, *cells]))
    return (
        f"**wide-dev macro F1** (mean of the sets' F1s; target ≥ {MACRO_TARGET:g} "
        "and above every peer)\n\n" + "\n".join(lines)
    )


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table: ``header``, then one line per row."""
    lines = [_row(header), _row(["---"] * len(header))]
    lines += [_row([str(cell) for cell in row]) for row in rows]
    return "\n".join(lines)
