"""Folds as a grid: one row per fold, one column per sample, train or validation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from manim import LEFT, RIGHT, Rectangle, Square, VGroup
from numpy.typing import ArrayLike, NDArray

from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = [
    "FoldGrid",
    "SplitColors",
    "build_legend",
    "split_colors",
    "validation_masks",
    "validation_runs",
]

ROW_GAP = 0.18
"""Gap between rows, as a share of the row pitch (rows of a tall grid touch)."""
MAX_GAPPED_ROWS = 20
CELL_GAP = 0.25
"""Gap between separately drawn cells, as a share of the column pitch."""


class SplitColors(NamedTuple):
    """The colours of the training and the validation part of a split."""

    train: str
    validation: str


def split_colors(theme: Theme) -> SplitColors:
    """Return the colours of training and validation samples in ``theme``."""
    palette = theme.palette
    return SplitColors(train=palette.train, validation=palette.validation)


def build_legend(entries: Sequence[tuple[str, str]], theme: Theme) -> VGroup:
    """Return a row of coloured swatches, each followed by its name.

    Parameters
    ----------
    entries
        ``(name, colour)`` pairs, left to right.
    theme
        Colours and sizes.
    """
    legend = VGroup()
    for name, color in entries:
        swatch = Square(side_length=0.2, stroke_width=0, fill_color=color, fill_opacity=1.0)
        label = build_text(name, theme, "label", color=theme.palette.muted)
        legend.add(VGroup(swatch, label).arrange(RIGHT, buff=0.12))
    return legend.arrange(RIGHT, buff=0.4)


def validation_masks(test_sets: Sequence[ArrayLike], n_samples: int) -> NDArray[np.bool_]:
    """Return, per split, which samples validate: shape (n_splits, n_samples).

    Examples
    --------
    >>> validation_masks([[0, 1], [2]], 3).astype(int).tolist()
    [[1, 1, 0], [0, 0, 1]]
    """
    masks = np.zeros((len(test_sets), n_samples), dtype=bool)
    for row, test in enumerate(test_sets):
        masks[row, np.asarray(test, dtype=int)] = True
    return masks


def validation_runs(mask: ArrayLike) -> list[tuple[int, int]]:
    """Return the (start, stop) of each run of consecutive True values.

    Examples
    --------
    >>> validation_runs([False, True, True, False, True])
    [(1, 3), (4, 5)]
    """
    flags = np.concatenate([[False], np.asarray(mask, dtype=bool), [False]])
    edges = np.flatnonzero(np.diff(flags.astype(np.int8)))
    return [(int(start), int(stop)) for start, stop in zip(edges[::2], edges[1::2], strict=True)]


class FoldGrid(VGroup):
    """Rows of samples, each coloured by the part of its split it falls in.

    Parameters
    ----------
    masks : array-like of bool, shape (n_rows, n_samples)
        ``masks[i, j]`` is true when sample ``j`` validates in row ``i``.
    theme
        Colours and sizes.
    width, height
        Size of the whole grid, in scene units.
    separate_cells
        Draw every sample as its own small box (for a few rows); otherwise a
        row is a training bar with each run of validation samples on top,
        which keeps a grid of thousands of cells cheap to draw. A grid of
        more than 20 rows has no gaps between rows: one training-coloured
        box lies under all of them, so no seams show between rows.
    row_labels
        Optional text left of each row (``"fold 1"``, ...).
    row_values
        Optional text right of each row (its score).

    Attributes
    ----------
    bounds : Rectangle
        The grid's outline: the training colour under a gapless grid,
        invisible otherwise. Move the grid by it.
    rows : VGroup
        One group of rectangles per row, top row first.
    labels, values : VGroup
        The row labels and row values, possibly empty.
    """

    def __init__(
        self,
        masks: ArrayLike,
        theme: Theme,
        *,
        width: float = 6.0,
        height: float = 3.0,
        separate_cells: bool = False,
        row_labels: Sequence[str] | None = None,
        row_values: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.masks = np.atleast_2d(np.asarray(masks, dtype=bool))
        self.theme = theme
        self.colors = split_colors(theme)
        n_rows, n_samples = self.masks.shape
        self.grid_width, self.grid_height = width, height
        self.column = width / n_samples
        self.pitch = height / n_rows
        gapless = n_rows > MAX_GAPPED_ROWS
        self.row_height = self.pitch * (1.0 if gapless else 1.0 - ROW_GAP)
        self.bar_under_rows = gapless and not separate_cells
        self.bounds = Rectangle(
            width=width,
            height=height,
            stroke_width=0,
            fill_color=self.colors.train,
            fill_opacity=1.0 if self.bar_under_rows else 0.0,
        )
        build = self._build_cells if separate_cells else self._build_runs
        self.rows = VGroup(*(build(i) for i in range(n_rows)))
        self.labels = self._build_side_texts(row_labels, LEFT)
        self.values = self._build_side_texts(row_values, RIGHT)
        self.add(self.bounds, self.rows, self.labels, self.values)

    def cell_center(self, row: int, sample: int) -> np.ndarray:
        """Return the scene point at the centre of ``sample``'s cell in ``row``."""
        offset = self.bounds.get_center()  # the grid is built centred on the origin
        return offset + np.array([self._sample_x(sample), self._row_y(row), 0.0])

    def _row_y(self, row: int) -> float:
        return self.grid_height / 2 - (row + 0.5) * self.pitch

    def _sample_x(self, sample: float) -> float:
        return -self.grid_width / 2 + (sample + 0.5) * self.column

    def _box(self, start: int, stop: int, row: int, color: str, gap: float = 0.0) -> Rectangle:
        box = Rectangle(
            width=(stop - start) * self.column - gap,
            height=self.row_height,
            stroke_width=0,
            fill_color=color,
            fill_opacity=1.0,
        )
        return box.move_to([self._sample_x((start + stop - 1) / 2), self._row_y(row), 0.0])

    def _build_runs(self, row: int) -> VGroup:
        n_samples = self.masks.shape[1]
        boxes = VGroup()
        if not self.bar_under_rows:
            boxes.add(self._box(0, n_samples, row, self.colors.train))
        for start, stop in validation_runs(self.masks[row]):
            boxes.add(self._box(start, stop, row, self.colors.validation))
        return boxes

    def _build_cells(self, row: int) -> VGroup:
        gap = CELL_GAP * self.column
        return VGroup(
            *(
                self._box(j, j + 1, row, self._cell_color(validates), gap)
                for j, validates in enumerate(self.masks[row])
            )
        )

    def _cell_color(self, validates: bool) -> str:
        return self.colors.validation if validates else self.colors.train

    def _build_side_texts(self, texts: Sequence[str] | None, side: np.ndarray) -> VGroup:
        group = VGroup()
        if texts is None:
            return group
        if len(texts) != self.masks.shape[0]:
            raise ValueError(f"expected {self.masks.shape[0]} row texts, got {len(texts)}")
        edge = self.grid_width / 2 + 0.15
        for row, text in enumerate(texts):
            label = build_text(text, self.theme, "small", color=self.theme.palette.muted)
            anchor = np.array([side[0] * edge, self._row_y(row), 0.0])
            group.add(label.move_to(anchor, aligned_edge=-side))
        return group
