"""A regular grid over a box of two features, for colouring the plane by a model's answer."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mlu_math._validation import check_count, check_interval

__all__ = ["grid_centers"]


def grid_centers(
    x_range: tuple[float, float], y_range: tuple[float, float], shape: tuple[int, int]
) -> NDArray[np.float64]:
    """Return the centres of a grid of equal cells that tiles a box.

    Parameters
    ----------
    x_range, y_range : tuple of 2 floats
        ``(low, high)`` of each feature.
    shape : tuple of 2 ints
        ``(n_rows, n_columns)``: cells along y, then along x; each at least 1.

    Returns
    -------
    centres : ndarray of shape (n_rows * n_columns, 2)
        ``(x, y)`` of each cell, row by row from the *top* (highest y) down
        and left to right within a row, the order of an image's pixels, so
        ``answers.reshape(shape)`` is an image of the answers.

    Examples
    --------
    >>> grid_centers((0, 2), (0, 1), (1, 2)).tolist()
    [[0.5, 0.5], [1.5, 0.5]]
    """
    x_low, x_high = check_interval(x_range, "x_range")
    y_low, y_high = check_interval(y_range, "y_range")
    try:
        n_rows, n_columns = shape
    except (TypeError, ValueError):
        raise ValueError(
            f"shape must be (n_rows, n_columns) of positive integers, got {shape!r}"
        ) from None
    n_rows, n_columns = check_count(n_rows, "shape", 1), check_count(n_columns, "shape", 1)
    x_step = (x_high - x_low) / n_columns
    y_step = (y_high - y_low) / n_rows
    xs = x_low + x_step * (np.arange(n_columns) + 0.5)
    ys = y_high - y_step * (np.arange(n_rows) + 0.5)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return np.column_stack([grid_x.ravel(), grid_y.ravel()])
