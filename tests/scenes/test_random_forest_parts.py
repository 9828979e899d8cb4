"""The random-forest scene's parameters and picture helpers: ranges, layout, region blocks."""

import numpy as np
import pytest

from scenes.components.decision_regions import region_blocks
from scenes.random_forest import RandomForestParams, forest_steps, spread_out


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("n_trees", 4),
        ("n_trees", 26),
        ("tree_accuracy", 0.5),
        ("tree_accuracy", 0.99),
        ("max_features", 0),
        ("max_features", 5),
        ("n_train", 39),
        ("n_test", 99),
        ("n_bagged", 15),
    ],
)
def test_params_out_of_range_are_refused_naming_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        RandomForestParams(**{field: value})


def test_default_params_are_valid():
    assert RandomForestParams().n_trees == 25


@pytest.mark.parametrize(
    ("n_trees", "expected"),
    [(5, [3, 5]), (6, [3, 5, 6]), (25, list(range(3, 26, 2)))],
)
def test_forest_steps_pass_odd_sizes_and_end_at_the_forest(n_trees, expected):
    assert forest_steps(n_trees) == expected


@pytest.mark.parametrize(
    ("ys", "expected"),
    [
        ([0.0, 1.0], [0.0, 1.0]),
        ([1.0, 1.1, 0.0], [1.0, 1.3, 0.0]),
        ([2.0, 2.05, 2.1], [2.0, 2.3, 2.6]),
    ],
)
def test_spread_out_keeps_labels_apart_in_order(ys, expected):
    assert spread_out(ys, gap=0.3) == pytest.approx(expected)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_region_blocks_cover_every_cell_once_with_its_answer(seed):
    rng = np.random.default_rng(seed)
    answers = np.repeat(rng.integers(0, 2, size=(6, 9)), 2, axis=0)
    painted = np.full(answers.shape, -1)
    for top, bottom, left, right, label in region_blocks(answers):
        assert (painted[top:bottom, left:right] == -1).all()
        painted[top:bottom, left:right] = label
    assert np.array_equal(painted, answers)


def test_identical_rows_share_their_blocks():
    answers = np.zeros((50, 40), dtype=int)
    answers[10:30, 5:20] = 1
    assert len(list(region_blocks(answers))) == 5


def test_region_blocks_refuse_a_flat_grid():
    with pytest.raises(ValueError, match="answers must be a non-empty 2-D grid"):
        list(region_blocks([1, 0, 1]))
