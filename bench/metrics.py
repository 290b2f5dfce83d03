"""The data sets' scores, as their READMEs define them.

Per-page functions return plain dicts so that they go straight into ``out/*.jsonl``; each
has a ``score`` in [0, 1] that ``bench.diff`` sorts pages by.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean
from typing import Any

Shingle = tuple[str, ...]

_TOKEN = re.compile(r"\w+")
_NAME_SEPARATOR = re.compile(r"[;,]")


# --- aeb: 4-shingle matching (the article-extraction-benchmark's evaluate.py) ---


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = 4) -> Counter[Shingle]:
    """Every run of ``n`` tokens; a shorter non-empty text is one shingle, an empty one none."""
    words = tokens(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def _ratio(hits: int, misses: int) -> float | None:
    """hits/(hits+misses), or None when the page has nothing on that side.

    The benchmark leaves a page out of the precision mean when the prediction has no shingle
    (and out of the recall mean when the truth has none): an empty prediction costs recall
    only. The README's peer table (newspaper's row) is computed that way, so ours is too.
    """
    return hits / (hits + misses) if hits + misses else None


def score_body(truth: str, predicted: str) -> dict[str, Any]:
    expected, found = shingles(truth), shingles(predicted)
    tp = (expected & found).total()
    fp = (found - expected).total()
    fn = (expected - found).total()
    precision, recall = _ratio(tp, fp), _ratio(tp, fn)
    both_empty = precision is None and recall is None
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "exact": tokens(truth) == tokens(predicted),
        "score": 1.0 if both_empty else _f1(precision or 0.0, recall or 0.0),
    }


def summarize_bodies(pages: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Precision and recall are means over pages; F1 is taken of those means."""
    precision = _mean(page["precision"] for page in pages)
    recall = _mean(page["recall"] for page in pages)
    return {
        "f1": _f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "accuracy": _mean(page["exact"] for page in pages),
        "empty": sum(page["tp"] + page["fp"] == 0 for page in pages),
    }


# --- wide-dev: the aeb metric per set, and metadata where the truth has it ---


def score_wide(
    truth: Mapping[str, Any],
    body: str,
    title: str | None,
    date: str | None,
    authors: Sequence[str],
) -> dict[str, Any]:
    """The body as aeb scores it; title, date and author as ``wide-dev/README.md`` checks them
    (None where the truth has no such field)."""
    scores = score_body(truth["articleBody"], body)
    checks: dict[str, bool | None] = {"title": None, "date": None, "author": None}
    if truth.get("headline"):
        checks["title"] = [t.casefold() for t in tokens(title or "")] == [
            t.casefold() for t in tokens(truth["headline"])
        ]
    if truth.get("datePublished"):
        checks["date"] = (date or "")[:10] == truth["datePublished"][:10]
    if truth.get("authors"):
        found = "; ".join(authors).casefold()
        checks["author"] = all(name.casefold() in found for name in truth["authors"])
    return {**scores, **checks}


def summarize_wide(pages: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    return {
        **summarize_bodies(pages),
        "title": _mean(page["title"] for page in pages),
        "date": _mean(page["date"] for page in pages),
        "author": _mean(page["author"] for page in pages),
    }


# --- snippets: with/without snippets and metadata (trafilatura's evaluation) ---


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def author_names(truth: str | list[str]) -> list[str]:
    """The names in a truth's author field; one page has a list instead of a string."""
    joined = ";".join(truth) if isinstance(truth, list) else truth
    return [name.strip() for name in _NAME_SEPARATOR.split(joined) if name.strip()]


def score_snippets(
    truth: Mapping[str, Any],
    body: str,
    title: str | None,
    date: str | None,
    authors: Sequence[str],
) -> dict[str, Any]:
    """Snippet hits and misses plus metadata checks; a check is None where the truth is empty."""
    text = fold(body)
    missed = [s for s in truth["with"] if fold(s) not in text]
    leaked = [s for s in truth["without"] if fold(s) in text]
    checks: dict[str, bool | None] = {"title": None, "date": None, "author": None}
    if truth.get("title"):
        checks["title"] = fold(title or "") == fold(truth["title"])
    if truth.get("date"):
        checks["date"] = (date or "")[:10] == truth["date"][:10]
    names = author_names(truth.get("author") or "")
    if names:
        found = "; ".join(authors).casefold()
        checks["author"] = all(name.casefold() in found for name in names)
    scored = [check for check in checks.values() if check is not None]
    total = len(truth["with"]) + len(truth["without"]) + len(scored)
    wrong = len(missed) + len(leaked) + scored.count(False)
    return {
        "tp": len(truth["with"]) - len(missed),
        "fp": len(leaked),
        "fn": len(missed),
        "missed": missed,
        "leaked": leaked,
        "clean": not missed and not leaked,
        "empty": not text,
        **checks,
        "score": 1 - wrong / total if total else 1.0,
    }


def summarize_snippets(pages: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Snippet counts are pooled over all pages; metadata is averaged where the truth has it."""
    tp = sum(page["tp"] for page in pages)
    fp = sum(page["fp"] for page in pages)
    fn = sum(page["fn"] for page in pages)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "f1": _f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "pages": _mean(page["clean"] for page in pages),
        "title": _mean(page["title"] for page in pages),
        "date": _mean(page["date"] for page in pages),
        "author": _mean(page["author"] for page in pages),
        "empty": sum(page["empty"] for page in pages),
    }


def _mean(values: Iterable[float | bool | None]) -> float:
    """NaN when no page had anything to score: 0 would read as a failure, as on a few ``--ids``."""
    kept = [float(value) for value in values if value is not None]
    return fmean(kept) if kept else math.nan


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
