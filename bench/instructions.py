"""``python -m bench.instructions``: what extraction costs a page, in machine instructions.

Timings on a shared machine drift by 10–30% from one hour to the next, so a change of a few
per cent cannot be seen in milliseconds. Valgrind's callgrind counts the instructions the
interpreter executes, which repeat to within a tenth of a per cent from run to run: this
runs the tool over other pages of a set (imports, warm-up), once alone and once followed by
a pass over the first pages, and prints the difference per page. Compare two trees with ``--root``.

Needs ``valgrind`` (Debian's package); a run takes a minute or two (callgrind is slow).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench.datasets import DATASETS, load_pages
from bench.tools import TOOLS

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
_ROOT = Path(__file__).resolve().parents[1]
_CALLGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def passes(dataset: str, tool: str, limit: int, count: int) -> None:
    """Warm up on the ``limit`` pages after the first ``limit``, then extract the first
    ``limit`` pages ``count`` times (in the child).

    The warm-up pages are other pages, so that what is cached across pages (class names,
    keys of labels) is as warm as in a run over a set, where every page comes once,
    and not warmed by the very pages measured.
    """
    pages = load_pages(dataset, limit=2 * limit)
    measured, warm = pages[:limit], pages[limit:] or pages[:limit]
    extract = TOOLS[tool]()
    for page in warm:
        extract(page.html, page.url)
    for _ in range(count):
        for page in measured:
            extract(page.html, page.url)


def instructions(root: Path, dataset: str, tool: str, limit: int, count: int) -> int:
    """The instructions callgrind counts in a child importing from ``root``, running
    :func:`passes`."""
    code = (
        f"import sys; sys.path.insert(0, {str(root)!r}); "
        f"from bench.instructions import passes; passes({dataset!r}, {tool!r}, {limit}, {count})"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [*_CALLGRIND, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    found = _COLLECTED.search(result.stderr)
    if result.returncode or found is None:
        raise SystemExit(f"valgrind failed: {result.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1))


def per_page(root: Path, dataset: str, tool: str, limit: int) -> float:
    """Millions of instructions one extraction of a page costs, on average."""
    pages = len(load_pages(dataset, limit=limit))
    base = instructions(root, dataset, tool, limit, 0)
    more = instructions(root, dataset, tool, limit, 1)
    return (more - base) / pages / 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__)
    parser.add_argument("--dataset", choices=DATASETS, default="aeb")
    parser.add_argument("--tools", default="newscrawl", help="comma-separated (default newscrawl)")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="first N pages (20)")
    parser.add_argument(
        "--root",
        type=Path,
        action="append",
        help="a checkout to measure instead of this one (repeat to compare trees)",
    )
    args = parser.parse_args(argv)
    tools = [name.strip() for name in args.tools.split(",") if name.strip()]
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    if args.limit < 1:
        parser.error("--limit must be 1 or more")
    if shutil.which("valgrind") is None:
        parser.exit(2, "bench.instructions: valgrind is not installed (apt-get install valgrind)\n")
    for root in args.root or [_ROOT]:
        for tool in tools:
            cost = per_page(root.resolve(), args.dataset, tool, args.limit)
            pages = f"{args.dataset}, {args.limit} pages"
            print(f"{root}  {tool}: {cost:.2f} M instructions a page ({pages})")


if __name__ == "__main__":
    main()
