"""A test-only pipeline whose module cannot be imported in an extraction worker.

``-s ITEM_PIPELINES=...`` with ``tests.brokenworker.Nothing``: the crawl's own
process imports it, every worker started for it dies before it is ready.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

if multiprocessing.parent_process() is not None:
    raise RuntimeError("this extraction worker cannot start")


class Nothing:
    needs_page = True

    def process_item(self, item: Any) -> Any:
        return item
