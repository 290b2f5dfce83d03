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


TARGETS: dict[str, tuple[Target, ...]] = {
    "aeb": (Target("f1", 0.975), Target("precision", 0.97), Target("ms", 8, at_most=True)),
    "snippets": (
        Target("f1", 0.94),
        Target("pages", 0.75),
        Target("title", 0.90),
        Target("date", 0.92),
        Target("author", 0.80),
    ),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "aeb": ("f1", "precision", "recall", "accuracy", "empty", "ms"),
    "snippets": ("f1", "precision", "recall", "pages", "title", "date", "author", "empty", "ms"),
}
_HEADINGS = {"f1": "F1", "ms": "ms/page"}


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


def targets_table(dataset: str, scores: Mapping[str, float] | None) -> str:
    lines = [_row(["target", "newscrawl", ""]), _row(["---"] * 3)]
    for target in TARGETS[dataset]:
        if scores is None:
            lines.append(_row([str(target), "not run", ""]))
        else:
            value = scores[target.metric]
            mark = "n/a" if math.isnan(value) else "pass" if target.met(value) else "FAIL"
            lines.append(_row([str(target), _cell(target.metric, value), mark]))
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
