"""Benchmark harness: newscrawl's extraction scored against its peers on the shared data sets.

Run it with ``python -m bench`` (``make bench``); compare page by page with
``python -m bench.diff``. The quality gate imports :func:`bench.run.score_newscrawl`
and :func:`bench.run.load_floor`.
"""
