"""The synthetic road signs: seeded, shaped as documented, and learnable but not perfectly."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlu_math.road_signs import (
    FEATURE_NAMES,
    SHAPE_FEATURE_NAMES,
    SIDES,
    describe_sign,
    describe_split,
    make_road_signs,
    make_sign_shapes,
)
from mlu_math.tree import fit_tree, predict_tree

MAKERS = [make_road_signs, make_sign_shapes]


@pytest.mark.parametrize("maker", MAKERS)
def test_the_same_seed_gives_the_same_signs(maker):
    a, b = maker(50, seed=4), maker(50, seed=4)
    assert_array_equal(a.X, b.X)
    assert_array_equal(a.y, b.y)
    assert not np.array_equal(maker(50, seed=5).X, a.X)


@pytest.mark.parametrize(("maker", "share"), [(make_road_signs, 0.5), (make_sign_shapes, 0.3)])
def test_exactly_the_share_of_crossings(maker, share):
    signs = maker(101, crossing_share=share, seed=0)
    assert signs.n_crossings == round(share * 101)
    assert set(np.unique(signs.y).tolist()) == {0, 1}


@pytest.mark.parametrize("maker", MAKERS)
def test_data_is_read_only(maker):
    signs = maker(20, seed=0)
    with pytest.raises(ValueError, match="read-only"):
        signs.X[0, 0] = 1.0


def test_table_features_take_their_documented_values():
    signs = make_road_signs(2000, seed=1)
    size, sides, colours, text = signs.X.T
    assert signs.feature_names == FEATURE_NAMES
    assert size.min() >= 30 and size.max() <= 120 and np.all(size == np.round(size))
    assert set(np.unique(sides).tolist()) <= set(SIDES)
    assert set(np.unique(colours).tolist()) <= {1.0, 2.0, 3.0, 4.0}
    assert set(np.unique(text).tolist()) == {0.0, 1.0}


def test_table_crossings_are_mostly_square_symbols():
    signs = make_road_signs(4000, seed=2)
    crossing = signs.X[signs.y == 1]
    other = signs.X[signs.y == 0]
    assert np.mean(crossing[:, 1] == 4) == pytest.approx(0.60, abs=0.03)
    assert np.mean(crossing[:, 3]) == pytest.approx(0.20, abs=0.03)
    assert np.mean(other[:, 3]) == pytest.approx(0.55, abs=0.03)


def test_shape_crossings_lie_near_the_diagonal():
    signs = make_sign_shapes(4000, seed=3)
    assert signs.feature_names == SHAPE_FEATURE_NAMES
    assert signs.X.min() >= 20 and signs.X.max() <= 140
    aspect = np.abs(np.log(signs.X[:, 0] / signs.X[:, 1]))
    assert np.median(aspect[signs.y == 1]) < 0.12 < np.median(aspect[signs.y == 0])


@pytest.mark.parametrize("maker", MAKERS)
def test_a_tree_learns_the_signs_but_not_perfectly(maker):
    train, test = maker(300, seed=10), maker(2000, seed=11)
    accuracy = np.mean(predict_tree(fit_tree(train.X, train.y), test.X) == test.y)
    assert 0.65 < accuracy < 0.95


@pytest.mark.parametrize("maker", MAKERS)
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 1}, "n_samples must be at least 2"),
        ({"n_samples": 5.0}, "n_samples must be an integer"),
        ({"n_samples": 10, "crossing_share": 1.0}, "crossing_share must be strictly between"),
        ({"n_samples": 3, "crossing_share": 0.1}, "leaves a class empty"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(maker, kwargs, message):
    with pytest.raises(ValueError, match=message):
        maker(**kwargs, seed=0)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([45.0, 0.0, 3.0, 0.0], "45 cm circle, 3 colours, symbol"),
        ([90.0, 8.0, 1.0, 1.0], "90 cm octagon, 1 colour, text"),
        ([60.0, 4.0, 2.0, 0.0], "60 cm square, 2 colours, symbol"),
        ([50.0, 3.0, 4.0, 1.0], "50 cm triangle, 4 colours, text"),
    ],
)
def test_describe_sign(row, expected):
    assert describe_sign(row) == expected


@pytest.mark.parametrize(
    ("feature", "threshold", "expected"),
    [
        (0, 57.5, "size \N{LESS-THAN OR EQUAL TO} 57.5 cm?"),
        (1, 3.5, "sides \N{LESS-THAN OR EQUAL TO} 3.5?"),
        (2, 2.5, "colours \N{LESS-THAN OR EQUAL TO} 2.5?"),
        (3, 0.5, "symbol, not text?"),
    ],
)
def test_describe_split(feature, threshold, expected):
    assert describe_split(feature, threshold) == expected
