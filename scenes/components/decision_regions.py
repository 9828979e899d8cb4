"""The plane coloured by a classifier's answer on a grid, as few rectangles as the answers allow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from manim import Rectangle, VGroup, interpolate_color
from manim.utils.color import ManimColor
from numpy.typing import ArrayLike, NDArray

from scenes.components.scatter_plane import ScatterPlane
from scenes.theme import Theme

__all__ = ["build_decision_regions", "class_tints", "region_blocks"]

TINT = 0.28
"""How far each region's colour moves from the background towards its class colour."""
SEAM = 0.012
"""Scene units by which blocks overlap, so antialiased edges leave no hairline gaps."""


def class_tints(theme: Theme, *, strength: float = TINT) -> list[ManimColor]:
    """Return each class's region colour: class 0 the negative role, class 1 the positive.

    Each is its class colour blended into the background and drawn opaque, so
    markers in the full class colour stand out and abutting cells show no seams.
    """
    palette = theme.palette
    return [
        interpolate_color(ManimColor(palette.background), ManimColor(color), strength)
        for color in (palette.negative, palette.positive)
    ]


def region_blocks(answers: ArrayLike) -> Iterator[tuple[int, int, int, int, int]]:
    """Cover a grid of answers with rectangles of one answer each.

    Runs of equal answers along a row become one block, and identical
    consecutive rows share their blocks, so a tree's few boxes stay few.

    Parameters
    ----------
    answers : array-like of int, shape (n_rows, n_columns)
        The class of each cell, top row first.

    Yields
    ------
    (top, bottom, left, right, label)
        Rows ``top:bottom`` and columns ``left:right`` hold ``label``.
    """
    grid = np.asarray(answers)
    if grid.ndim != 2 or grid.size == 0:
        raise ValueError(f"answers must be a non-empty 2-D grid, got shape {grid.shape}")
    top = 0
    for bottom in range(1, grid.shape[0] + 1):
        if bottom < grid.shape[0] and np.array_equal(grid[bottom], grid[top]):
            continue
        row = grid[top]
        edges = np.flatnonzero(row[1:] != row[:-1]) + 1
        starts = np.concatenate([[0], edges])
        stops = np.concatenate([edges, [row.size]])
        for left, right in zip(starts, stops, strict=True):
            yield top, bottom, int(left), int(right), int(row[left])
        top = bottom


def build_decision_regions(
    plane: ScatterPlane,
    answers: ArrayLike,
    theme: Theme,
    *,
    colors: Sequence[ManimColor | str] | None = None,
) -> VGroup:
    """Return ``plane``'s box tinted by class 0, with blocks of the other classes on top.

    Parameters
    ----------
    plane
        The axes whose box the regions fill.
    answers : array-like of int, shape (n_rows, n_columns)
        The class at each cell's centre, top row first (the order of
        :func:`mlu_math.grid.grid_centers`).
    theme
        Colours.
    colors
        A colour per class; :func:`class_tints` by default.
    """
    grid: NDArray = np.asarray(answers)
    tints = list(colors) if colors is not None else class_tints(theme)
    (x_low, x_high), (y_low, y_high) = plane.box
    corner = plane.point(x_low, y_high)
    far = plane.point(x_high, y_low)
    cell_w = (far[0] - corner[0]) / grid.shape[1]
    cell_h = (corner[1] - far[1]) / grid.shape[0]
    background = Rectangle(width=far[0] - corner[0], height=corner[1] - far[1])
    background.set_fill(tints[0], opacity=1.0).set_stroke(width=0)
    regions = VGroup(background.move_to((corner + far) / 2))
    for top, bottom, left, right, label in region_blocks(grid):
        if label == 0:
            continue
        block = Rectangle(
            width=(right - left) * cell_w + SEAM, height=(bottom - top) * cell_h + SEAM
        )
        block.set_fill(tints[label], opacity=1.0).set_stroke(width=0)
        block.move_to(
            [corner[0] + (left + right) / 2 * cell_w, corner[1] - (top + bottom) / 2 * cell_h, 0.0]
        )
        regions.add(block)
    return regions
