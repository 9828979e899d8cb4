"""A chart of score columns: each column's scores as dots, their mean and spread."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, UP, Dot, Line, VGroup
from numpy.typing import ArrayLike, NDArray

from scenes.components.beeswarm import beeswarm_levels
from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ScoreColumns", "centred_offsets"]

DOT_RADIUS = 0.05
MEAN_HALF_WIDTH = 0.17


def centred_offsets(values: ArrayLike, diameter: float) -> NDArray[np.float64]:
    """Return sideways offsets that keep dots of near-equal value apart.

    Dots are stacked as in a beeswarm along the value axis, then the stack
    levels alternate either side of the centre line: 0, +1, -1, +2, ...

    Examples
    --------
    >>> centred_offsets([0.5, 0.5, 0.5, 0.9], 0.1).round(2).tolist()
    [0.0, 0.1, -0.1, 0.0]
    """
    levels = beeswarm_levels(values, diameter)
    sides = np.where(levels % 2 == 1, 1.0, -1.0)
    return sides * np.ceil(levels / 2) * diameter + 0.0


class ScoreColumns(VGroup):
    """Scores (up) in named columns (across), such as fold scores for each k.

    Parameters
    ----------
    columns
        The column names shown under the axis, left to right.
    theme
        Colours and sizes.
    low, high
        The value axis runs from ``low`` at the bottom to ``high`` at the top.
    width, height
        Size of the plotting area, in scene units.
    tick_step
        Spacing of the labelled value ticks.
    title, x_title
        Titles of the value axis (above it) and of the columns (below them).

    Attributes
    ----------
    y_axis, baseline : Line
    labels : VGroup
        Value ticks and labels, column names and titles.
    """

    def __init__(
        self,
        columns: Sequence[str],
        theme: Theme,
        *,
        low: float = 0.0,
        high: float = 1.0,
        width: float = 5.0,
        height: float = 4.0,
        tick_step: float = 0.1,
        title: str = "",
        x_title: str = "",
    ) -> None:
        super().__init__()
        if not high > low:
            raise ValueError(f"high must exceed low, got low={low}, high={high}")
        self.theme = theme
        self.low, self.high = low, high
        self.plot_width, self.plot_height = width, height
        self.n_columns = len(columns)
        axis = theme.palette.axis
        self.y_axis = Line([0.0, 0.0, 0.0], [0.0, height, 0.0], color=axis, stroke_width=2)
        self.baseline = Line([0.0, 0.0, 0.0], [width, 0.0, 0.0], color=axis, stroke_width=2)
        self.labels = VGroup(
            self._build_value_ticks(tick_step),
            self._build_column_names(columns),
            self._build_titles(title, x_title),
        )
        self.add(self.y_axis, self.baseline, self.labels)

    def point(self, column: float, value: float) -> np.ndarray:
        """Return the scene point of ``value`` in ``column`` (columns count from 0)."""
        origin = self.y_axis.get_start()
        x = (column + 0.5) / self.n_columns * self.plot_width
        share = (float(value) - self.low) / (self.high - self.low)
        return origin + np.array([x, float(np.clip(share, 0.0, 1.0)) * self.plot_height, 0.0])

    def build_dots(self, column: int, scores: ArrayLike, color: str | None = None) -> VGroup:
        """Return one small dot per score in ``column``, ties set side by side."""
        values = np.asarray(scores, dtype=float)
        heights = np.array([self.point(column, v)[1] for v in values])
        offsets = centred_offsets(heights, 2.1 * DOT_RADIUS)
        fill = color or self.theme.palette.muted
        return VGroup(
            *(
                Dot(self.point(column, v) + np.array([dx, 0.0, 0.0]), radius=DOT_RADIUS, color=fill)
                for v, dx in zip(values, offsets, strict=True)
            )
        )

    def build_mean(
        self, column: int, mean: float, sd: float | None = None, color: str | None = None
    ) -> VGroup:
        """Return a bar at ``mean``; with ``sd``, a whisker from mean - sd to mean + sd.

        The whisker is cut at the ends of the value axis.
        """
        color = color or self.theme.palette.text
        centre = self.point(column, mean)
        bar = Line(
            centre + MEAN_HALF_WIDTH * LEFT,
            centre - MEAN_HALF_WIDTH * LEFT,
            color=color,
            stroke_width=6,
        )
        marker = VGroup(bar)
        if sd is not None:
            marker.add(self._build_whisker(column, mean, sd, color))
        return marker

    def _build_whisker(self, column: int, mean: float, sd: float, color: str) -> VGroup:
        """Return the line from mean - sd to mean + sd, capped where it is not cut."""
        ends = (mean - sd, mean + sd)
        low, high = (self.point(column, value) for value in ends)
        whisker = VGroup(Line(low, high, color=color, stroke_width=2.5))
        for value, point in zip(ends, (low, high), strict=True):
            if self.low <= value <= self.high:
                whisker.add(
                    Line(point + 0.08 * LEFT, point - 0.08 * LEFT, color=color, stroke_width=2.5)
                )
        return whisker

    def _build_value_ticks(self, step: float) -> VGroup:
        ticks = VGroup()
        palette = self.theme.palette
        first = np.ceil(self.low / step - 1e-9) * step
        for value in np.arange(first, self.high + step / 2, step):
            y = self.point(0, value)[1]
            x = self.y_axis.get_x()
            tick = Line([x - 0.06, y, 0.0], [x + 0.06, y, 0.0], color=palette.axis)
            grid = Line(
                [x, y, 0.0], [x + self.plot_width, y, 0.0], color=palette.grid, stroke_width=1
            )
            label = build_text(f"{value:.1f}", self.theme, "small", color=palette.muted)
            ticks.add(grid, tick, label.next_to(tick, LEFT, buff=0.08))
        return ticks

    def _build_column_names(self, columns: Sequence[str]) -> VGroup:
        names = VGroup()
        for i, name in enumerate(columns):
            label = build_text(name, self.theme, "small", color=self.theme.palette.muted)
            names.add(label.next_to(self.point(i, self.low), DOWN, buff=0.12))
        return names

    def _build_titles(self, title: str, x_title: str) -> VGroup:
        titles = VGroup()
        muted = self.theme.palette.muted
        if title:
            top = build_text(title, self.theme, "label", color=muted)
            titles.add(top.next_to(self.y_axis.get_end(), UP, buff=0.15, aligned_edge=LEFT))
        if x_title:
            bottom = build_text(x_title, self.theme, "label", color=muted)
            below = self.baseline.get_center() + (0.42 * DOWN)
            titles.add(bottom.move_to(below, aligned_edge=UP))
        return titles
