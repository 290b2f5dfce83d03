"""The quality gate: newscrawl's scores on each set's dev split and on its check half
must not fall under bench/floor.json.

Scores only, never timing. After a deliberate improvement, ``python -m bench --pin``
raises the floor; a change that lowers a score fails here.
"""

from __future__ import annotations

import pytest

from bench.datasets import DATASETS, data_dir
from bench.run import load_floor, score_newscrawl

FLOOR = load_floor()


@pytest.mark.parametrize("dataset", DATASETS)
def test_scores_stay_above_the_floor(dataset):
    if not data_dir(dataset).is_dir():
        pytest.skip(f"benchmark data not found at {data_dir(dataset)}")
    scores = score_newscrawl(dataset)
    below = {
        f"{scope} {metric}": (round(scores[scope][metric], 4), floor)
        for scope, floors in FLOOR[dataset].items()
        for metric, floor in floors.items()
        if not scores[scope][metric] >= floor
    }
    assert not below, f"{dataset}: (score, floor) under the floor: {below}"
