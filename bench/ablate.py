"""``python -m bench.ablate``: what each extraction rule is worth, switched off in turn.

For every rule in :data:`newscrawl.extract.rules.RULES`, newscrawl is run over
every set with that rule off, and the table gives the change in F1 against all
rules on, on each set's check half, and its mean over the sets on both halves.
A rule pays where switching it off costs F1 (a negative change); one that costs
nothing on the check halves, whatever it does on the tune halves, goes.

    python -m bench.ablate                       # every rule, both cores
    python -m bench.ablate --rules shape.credit,tail.appeal --jobs 1
"""

from __future__ import annotations

import argparse
import math
import sys
from concurrent.futures import ProcessPoolExecutor
from statistics import fmean

from bench.datasets import DATASETS, Page, data_dir, load_pages
from bench.report import table
from bench.run import Result, score, summarize_halves
from bench.tools import TOOLS

_PAGES: dict[str, list[Page]] = {}


def _load() -> None:
    for dataset in DATASETS:
        if data_dir(dataset).is_dir():
            _PAGES[dataset] = load_pages(dataset)


def evaluate(off: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """F1 per set and half (``{set: {"dev"|"tune"|"check": f1}}``) with ``off`` switched off."""
    from newscrawl.extract.rules import switched_off

    if not _PAGES:
        _load()
    extract = TOOLS["newscrawl"]()
    figures = {}
    with switched_off(*off):
        for dataset, pages in _PAGES.items():
            results = [
                Result(page, "newscrawl", p, score(dataset, page, p), None)
                for page in pages
                for p in [extract(page.html, page.url)]
            ]
            halves = summarize_halves(dataset, results)
            figures[dataset] = {scope: values["f1"] for scope, values in halves.items()}
    return figures


def report(base: dict[str, dict[str, float]], runs: dict[str, dict[str, dict[str, float]]]) -> str:
    sets = list(base)
    header = ["rule off", *(f"{name} check" for name in sets), "mean tune", "mean check", "pays"]
    rows = [["(all on: F1)", *(f"{base[s]['check']:.4f}" for s in sets), "", "", ""]]
    for rule, figures in sorted(runs.items(), key=lambda kv: _mean(kv[1], base, "check")):
        deltas = [figures[s]["check"] - base[s]["check"] for s in sets]
        tune, check = _mean(figures, base, "tune"), _mean(figures, base, "check")
        pays = "yes" if check < -0.0005 and tune < 0 else "no" if check >= 0 else "little"
        cells = [f"{d:+.4f}" for d in deltas]
        rows.append([rule, *cells, f"{tune:+.4f}", f"{check:+.4f}", pays])
    return "Change in F1 with the rule off (negative: the rule pays)\n\n" + table(header, rows)


def _mean(
    figures: dict[str, dict[str, float]], base: dict[str, dict[str, float]], half: str
) -> float:
    values = [figures[s][half] - base[s][half] for s in base if not math.isnan(base[s][half])]
    return fmean(values)


def main(argv: list[str] | None = None) -> None:
    from newscrawl.extract.rules import RULES

    parser = argparse.ArgumentParser(prog="python -m bench.ablate", description=__doc__)
    parser.add_argument("--rules", help="comma-separated rules (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    args = parser.parse_args(argv)
    rules = [r for r in (args.rules or ",".join(RULES)).split(",") if r]
    unknown = sorted(set(rules) - set(RULES))
    if unknown:
        parser.error(f"unknown rules: {', '.join(unknown)} (see newscrawl/extract/rules.py)")
    configs: list[tuple[str, ...]] = [(), *((rule,) for rule in rules)]
    print(f"{len(configs)} runs over {', '.join(DATASETS)}", file=sys.stderr)
    with ProcessPoolExecutor(args.jobs, initializer=_load) as pool:
        outcomes = list(pool.map(evaluate, configs))
    base = outcomes[0]
    print(
        report(
            base,
            {config[0]: figures for config, figures in zip(configs[1:], outcomes[1:], strict=True)},
        )
    )


if __name__ == "__main__":
    main()
