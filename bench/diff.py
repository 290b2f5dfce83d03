"""``python -m bench.diff``: the pages where newscrawl loses most to a peer, and what went wrong.

Reads the predictions that the last ``python -m bench`` run wrote to ``bench/out/``, so run
that first with newscrawl and the peer among its tools (stored peers are always there).
Only pages of the tune half are shown: the check half is for judging, not for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Mapping
from typing import Any

from bench.datasets import DATASETS, load_truth
from bench.metrics import shingles, tokens
from bench.run import OUT_DIR

Row = dict[str, Any]
#: Live tools whose stored outputs carry another name.
_STORED_AS = {"readability": "readability_lxml"}
_SHOWN_SPANS = 3
_SPAN_CHARS = 160


def load_predictions(dataset: str) -> dict[str, dict[str, Row]]:
    """``{tool: {page id: row}}`` from the last run."""
    predictions: dict[str, dict[str, Row]] = {}
    with (OUT_DIR / f"{dataset}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            predictions.setdefault(row["tool"], {})[row["id"]] = row
    return predictions


def unmatched_spans(source: str, other: str) -> list[str]:
    """Runs of ``source`` whose shingles ``other`` lacks, as text: what was missed or added.

    Reading joined runs beats reading a bag of 4-token shingles.
    """
    words = tokens(source)
    available = shingles(other)
    unmatched = []
    for i in range(max(1, len(words) - 3) if words else 0):
        shingle = tuple(words[i : i + 4])
        if available[shingle]:
            available[shingle] -= 1
        else:
            unmatched.append(i)
    spans: list[tuple[int, int]] = []
    for i in unmatched:
        if spans and i <= spans[-1][1]:
            spans[-1] = (spans[-1][0], i + 4)
        else:
            spans.append((i, i + 4))
    return [" ".join(words[start:end]) for start, end in spans]


def describe_body(truth: str, body: str) -> list[str]:
    lines = []
    for heading, spans in (
        ("missed", unmatched_spans(truth, body)),
        ("extra", unmatched_spans(body, truth)),
    ):
        if spans:
            words = sum(len(span.split()) for span in spans)
            lines.append(f"  {heading}: {len(spans)} runs, {words} tokens")
            lines += [
                f"    » {textwrap.shorten(span, _SPAN_CHARS)}" for span in spans[:_SHOWN_SPANS]
            ]
    return lines


def describe_snippets(truth: Mapping[str, Any], row: Row) -> list[str]:
    scores = row["scores"]
    lines = [f"  missed: {snippet!r}" for snippet in scores["missed"]]
    lines += [f"  leaked: {snippet!r}" for snippet in scores["leaked"]]
    got = {"title": row["title"], "date": row["date"], "author": "; ".join(row["authors"])}
    lines += [
        f"  {field}: want {truth[field]!r}, got {got[field]!r}"
        for field in ("title", "date", "author")
        if scores[field] is False
    ]
    return lines


def describe_metadata(truth: Mapping[str, Any], row: Row) -> list[str]:
    scores = row["scores"]
    want = {
        "title": truth.get("headline"),
        "date": truth.get("datePublished"),
        "author": "; ".join(truth.get("authors") or []),
    }
    got = {"title": row["title"], "date": row["date"], "author": "; ".join(row["authors"])}
    return [
        f"  {field}: want {want[field]!r}, got {got[field]!r}"
        for field in ("title", "date", "author")
        if scores.get(field) is False
    ]


def report(dataset: str, vs: str, top: int) -> str:
    predictions = load_predictions(dataset)
    ours = predictions.get("newscrawl")
    # A peer run live is listed by its tool name, a stored one by its file's: either will do.
    names = {vs, _STORED_AS.get(vs, vs), *(k for k, v in _STORED_AS.items() if v == vs)}
    theirs = next(
        (predictions[n] for name in names for n in (name, f"{name} (stored)") if n in predictions),
        None,
    )
    if ours is None or theirs is None:
        missing = "newscrawl" if ours is None else vs
        raise LookupError(
            f"{missing} is not in {OUT_DIR.name}/{dataset}.jsonl (it has {', '.join(predictions)});"
            f" run python -m bench --dataset {dataset} with it first"
        )
    ids = [i for i in ours if i in theirs and ours[i].get("half", "tune") == "tune"]
    gap = {
        page_id: ours[page_id]["scores"]["score"] - theirs[page_id]["scores"]["score"]
        for page_id in ids
    }
    worse, better = sum(d < 0 for d in gap.values()), sum(d > 0 for d in gap.values())
    lines = [
        f"newscrawl vs {vs} on {len(ids)} {dataset} tune pages: worse on {worse},"
        f" better on {better},"
        f" even on {len(ids) - worse - better}"
    ]
    truth = load_truth(dataset)
    for page_id in sorted(ids, key=lambda page_id: (gap[page_id], page_id))[:top]:
        lines += ["", f"{page_id}  {ours[page_id]['url']}"]
        for tool, row in (("newscrawl", ours[page_id]), (vs, theirs[page_id])):
            empty = "" if row["body"] else " (empty body)"
            lines.append(f" {tool}: {row['scores']['score']:.3f}{empty}")
            if dataset == "snippets":
                lines += describe_snippets(truth[page_id], row)
            else:
                lines += describe_body(truth[page_id]["articleBody"], row["body"])
            if dataset not in {"aeb", "snippets"}:
                lines += describe_metadata(truth[page_id], row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.diff", description=__doc__)
    parser.add_argument("dataset", choices=DATASETS)
    parser.add_argument("--vs", default="trafilatura", help="the peer (default trafilatura)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="pages shown (10)")
    args = parser.parse_args(argv)
    try:
        print(report(args.dataset, args.vs, args.top))
    except (OSError, LookupError) as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
