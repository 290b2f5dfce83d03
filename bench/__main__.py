"""``python -m bench``: score newscrawl and its peers, or ``--pin`` newscrawl's floor."""

from __future__ import annotations

import argparse
import os

from bench.datasets import DATASETS, HALVES, load_truth
from bench.run import FLOOR, bench, macro, pin
from bench.tools import TOOLS


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def pin_to_one_core() -> None:
    """Time every tool on the same single core, as the READMEs' speed figures were taken."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--dataset", choices=[*DATASETS, "all"], default="all")
    parser.add_argument(
        "--tools", type=_names, default=list(TOOLS), help="comma-separated, default all"
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages")
    parser.add_argument("--ids", type=_names, help="only these pages (comma-separated ids)")
    parser.add_argument(
        "--half", choices=HALVES, help="only the tune half (to read and debug) or the check half"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="extract every page N times and keep its fastest time (steadier ms/page)",
    )
    parser.add_argument(
        "--pin", action="store_true", help=f"rewrite {FLOOR.name} from newscrawl's full scores"
    )
    args = parser.parse_args(argv)
    datasets = list(DATASETS) if args.dataset == "all" else [args.dataset]
    unknown_tools = sorted(set(args.tools) - set(TOOLS))
    if unknown_tools:
        parser.error(f"unknown tools: {', '.join(unknown_tools)} (known: {', '.join(TOOLS)})")
    if args.ids:
        known = {page_id for dataset in datasets for page_id in load_truth(dataset)}
        unknown_ids = sorted(set(args.ids) - known)
        if unknown_ids:
            parser.error(f"no page with id {', '.join(unknown_ids)}")
        datasets = [d for d in datasets if set(args.ids) & set(load_truth(d))]
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.pin and (args.limit is not None or args.ids or args.half or args.dataset != "all"):
        parser.error("--pin scores every page of every data set; drop the other options")

    pin_to_one_core()
    if args.pin:
        for dataset, scores in pin().items():
            print(dataset, scores)
        return
    rows = {}
    for dataset in datasets:
        report, rows[dataset] = bench(
            dataset, args.tools, args.ids, args.limit, args.half, args.repeat
        )
        print(report, end="\n\n", flush=True)
    summary = macro(rows)
    if summary:
        print(summary, flush=True)


if __name__ == "__main__":
    main()
