"""Grid cell centres: hand-worked, against a brute-force loop, and bad input."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlu_math.grid import grid_centers


def test_hand_worked_two_by_two():
    assert grid_centers((0, 4), (0, 2), (2, 2)).tolist() == [
        [1.0, 1.5], [3.0, 1.5], [1.0, 0.5], [3.0, 0.5],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("x_range", "y_range", "shape"),
    [((0, 1), (0, 1), (1, 1)), ((20, 140), (20, 140), (5, 7)), ((-3, 2), (10, 11), (4, 3))],
)
def test_matches_a_loop_over_rows_from_the_top(x_range, y_range, shape):
    n_rows, n_cols = shape
    width = (x_range[1] - x_range[0]) / n_cols
    height = (y_range[1] - y_range[0]) / n_rows
    expected = [
        [x_range[0] + (j + 0.5) * width, y_range[1] - (i + 0.5) * height]
        for i in range(n_rows)
        for j in range(n_cols)
    ]
    assert_allclose(grid_centers(x_range, y_range, shape), expected)


def test_centres_stay_inside_the_box_and_average_to_its_middle():
    centres = grid_centers((20, 140), (0, 10), (30, 40))
    assert centres.shape == (1200, 2)
    assert centres[:, 0].min() > 20 and centres[:, 0].max() < 140
    assert_allclose(centres.mean(axis=0), [80.0, 5.0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (((1, 0), (0, 1), (2, 2)), "x_range must be"),
        (((0, 1), (0, np.inf), (2, 2)), "y_range must be"),
        (((0, 1), (0, 1), (0, 2)), "shape must be"),
        (((0, 1), (0, 1), (2,)), "shape must be"),
        (((0, 1), (0, 1), (2.5, 2)), "shape must be"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(args, message):
    with pytest.raises(ValueError, match=message):
        grid_centers(*args)
