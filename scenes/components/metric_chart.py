"""A chart over the unit square whose curves can be traced up to a moving cursor."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    DashedLine,
    Dot,
    Line,
    Rectangle,
    ValueTracker,
    VGroup,
    VMobject,
    interpolate_color,
)
from manim.utils.color import ManimColor
from numpy.typing import ArrayLike, NDArray

from mlu_math.score_axis import ScoreAxis
from scenes.components.score_strip import score_text
from scenes.components.text import build_text
from scenes.components.unit_axes import build_unit_axes, build_unit_tick_labels
from scenes.theme import Theme

__all__ = ["MetricChart", "Series"]


@dataclass(frozen=True)
class Series:
    """One named curve of a chart: ``y[i]`` at ``x[i]``; NaN leaves a gap.

    Attributes
    ----------
    name : str
        Shown in the legend.
    x : ndarray of shape (n,)
        Increasing x values on the chart's x axis.
    y : ndarray of shape (n,)
        Values in [0, 1], or NaN where undefined.
    color : str
        Stroke colour of the curve and its head.
    """

    name: str
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    color: str


class MetricChart(VGroup):
    """Axes over [0, 1] x [0, 1] (or a score axis across) with a grid, ticks and titles.

    Series added with :meth:`add_series` are drawn as curves; with
    :meth:`follow` each curve is traced from a start to a tracker's value, a
    dot (its *head*) rides on it at the tracker, and a dashed cursor marks the
    tracker. Every moving part carries its own updater, as manim needs.

    The curves, heads and cursor are not parts of the chart's group: add
    them to the scene when the tracing should show (after fading the chart
    in, say). They are drawn at the axes wherever these are at each update.

    Parameters
    ----------
    theme
        Colours and sizes.
    width, height
        Lengths of the axes, in scene units.
    tick_step
        Spacing of the labelled ticks and grid lines.
    x_label
        Title under the x axis.
    y_label
        Title left of the y axis; ``None`` for none (a legend names the
        curves instead).
    x_axis
        A score axis for x (thresholds, say), with its own span and ticks;
        ``None`` for x in [0, 1] ticked like y.

    Attributes
    ----------
    axes : Axes
    grid : VGroup
        Faint lines at the ticks.
    curves : VGroup
        One curve per series, in the order added.
    heads : VGroup
        One dot per series, on its curve at the tracker.
    cursor : DashedLine
        A vertical line at the tracker.

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> chart = MetricChart(LIGHT, width=4, height=3)
    >>> chart.add_series("recall", [0.0, 0.5, 1.0], [1.0, 0.6, 0.0], LIGHT.palette.positive)
    >>> chart.trace(0.0, 0.5)
    >>> len(chart.curves[0].get_anchors()) > 0
    True
    """

    def __init__(
        self,
        theme: Theme,
        *,
        width: float = 5.0,
        height: float = 4.0,
        tick_step: float = 0.25,
        x_label: str = "threshold",
        y_label: str | None = None,
        x_axis: ScoreAxis | None = None,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.x_axis = x_axis
        palette = theme.palette
        x_step, x_labels = None, None
        if x_axis is not None:
            x_step = 1 / (len(x_axis.ticks) - 1)
            x_labels = [
                (float(x_axis.fraction(v)), score_text(v, x_axis.tick_decimals))
                for v in x_axis.ticks
            ]
        self.axes = build_unit_axes(
            theme, width=width, height=height, tick_step=tick_step, x_tick_step=x_step
        )
        self.grid = self._build_grid(tick_step, x_step)
        self.tick_labels = build_unit_tick_labels(self.axes, theme, tick_step, x_labels)
        self.x_title = build_text(x_label, theme, "label", color=palette.muted)
        self.x_title.next_to(self.axes.x_axis, DOWN, buff=0.45)
        self.add(self.grid, self.axes, self.tick_labels, self.x_title)
        if y_label is not None:
            self.y_title = build_text(y_label, theme, "label", color=palette.muted)
            self.y_title.rotate(PI / 2).next_to(self.axes.y_axis, LEFT, buff=0.6)
            self.add(self.y_title)
        self.series: list[Series] = []
        self.curves = VGroup()
        self.heads = VGroup()
        self.cursor = DashedLine(
            self.axes.c2p(0, 0),
            self.axes.c2p(0, 1),
            color=palette.threshold,
            stroke_width=2,
            dash_length=0.08,
        )

    # Coordinates and plain pictures
    def point(self, x: float, y: float) -> np.ndarray:
        """Return the scene point of chart coordinates (``x``, ``y``)."""
        return self.axes.c2p(self._share(x), y)

    def build_curve(
        self, x: ArrayLike, y: ArrayLike, color: str | None = None, *, stroke_width: float = 4
    ) -> VMobject:
        """Return the polyline through (``x[i]``, ``y[i]``), broken where either is NaN."""
        curve = VMobject(stroke_color=color or self.theme.palette.curve, stroke_width=stroke_width)
        xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        runs = _finite_runs(xs, ys)
        if not runs:
            corner = self.point(float(xs[0]) if xs.size else 0.0, 0.0)
            curve.set_points_as_corners([corner, corner])
            curve.set_stroke(opacity=0.0)
            return curve
        shares = xs if self.x_axis is None else self.x_axis.fraction(xs)
        for start, stop in runs:
            corners = np.asarray(self.axes.c2p(shares[start:stop], ys[start:stop])).T
            if len(corners) == 1:
                corners = np.concatenate([corners, corners])
            curve.start_new_path(corners[0])
            curve.add_points_as_corners(corners[1:])
        return curve

    def build_dot(self, x: float, y: float, color: str | None = None) -> Dot:
        """Return a dot at (``x``, ``y``), hidden when ``y`` is NaN."""
        color = color if color is not None else self.theme.palette.threshold
        dot = Dot(self.point(x, 0.0 if np.isnan(y) else y), radius=0.08, color=color)
        if np.isnan(y):
            dot.set_opacity(0.0)
        return dot

    def build_hline(self, y: float, color: str | None = None) -> DashedLine:
        """Return a dashed horizontal line across the chart at height ``y``."""
        return DashedLine(
            self.axes.c2p(0, y),
            self.axes.c2p(1, y),
            color=color or self.theme.palette.chance,
            stroke_width=2,
        )

    def build_heat_map(self, values: ArrayLike, low: str, high: str) -> VGroup:
        """Return a grid of cells filling the unit square, coloured by ``values``.

        Parameters
        ----------
        values : array-like of shape (n_rows, n_cols)
            Values in [0, 1]; row 0 is at the bottom and column 0 at the left.
        low, high
            Colours of 0 and of 1; values between are blended.

        Returns
        -------
        cells : VGroup
            One borderless rectangle per value, row by row from the bottom.
        """
        grid = np.clip(np.asarray(values, dtype=float), 0.0, 1.0)
        if grid.ndim != 2:
            raise ValueError(f"values must be 2-D, got shape {grid.shape}")
        n_rows, n_cols = grid.shape
        low_color, high_color = ManimColor(low), ManimColor(high)
        width, height = self.axes.x_length / n_cols, self.axes.y_length / n_rows
        cells = VGroup()
        for row in range(n_rows):
            for col in range(n_cols):
                cell = Rectangle(
                    width=width,
                    height=height,
                    stroke_width=0,
                    fill_color=interpolate_color(low_color, high_color, grid[row, col]),
                    fill_opacity=1.0,
                )
                centre = self.axes.c2p((col + 0.5) / n_cols, (row + 0.5) / n_rows)
                cells.add(cell.move_to(centre))
        return cells

    def build_legend(self, columns: int = 2) -> VGroup:
        """Return swatches and names, one per series, in a grid above the axes."""
        entries = VGroup()
        for series in self.series:
            swatch = Line(np.zeros(3), 0.32 * RIGHT, color=series.color, stroke_width=5)
            name = build_text(series.name, self.theme, "label", color=series.color)
            entries.add(VGroup(swatch, name).arrange(RIGHT, buff=0.1))
        rows = -(-len(entries) // columns)
        entries.arrange_in_grid(rows=rows, cols=columns, buff=(0.5, 0.12), cell_alignment=LEFT)
        return entries.next_to(self.axes, UP, buff=0.25)

    # Traced series
    def add_series(self, name: str, x: ArrayLike, y: ArrayLike, color: str) -> None:
        """Add a curve to trace (drawn empty until :meth:`trace` or :meth:`follow`)."""
        xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if xs.shape != ys.shape or xs.ndim != 1:
            raise ValueError(f"x and y must be 1-D of one shape, got {xs.shape} and {ys.shape}")
        series = Series(name, xs, ys, color)
        self.series.append(series)
        self.curves.add(self.build_curve(xs[:1], [np.nan], color))
        self.heads.add(self.build_dot(float(xs[0]), np.nan, color))

    def trace(self, start: float, now: float) -> None:
        """Draw every series between ``start`` and ``now``, heads and cursor at ``now``."""
        for index in range(len(self.series)):
            self._trace_curve(index, start, now)
            self._place_head(index, now)
        self._place_cursor(now)

    def follow(self, tracker: ValueTracker, *, start: float | None = None) -> None:
        """Keep the heads and cursor at ``tracker``; trace curves from ``start``.

        With ``start=None`` the curves are left as they are (drawn in full,
        say) and only the heads and cursor move.
        """
        for index, (curve, head) in enumerate(zip(self.curves, self.heads, strict=True)):
            if start is not None:
                curve.add_updater(
                    lambda _, i=index: self._trace_curve(i, start, tracker.get_value())
                )
            head.add_updater(lambda _, i=index: self._place_head(i, tracker.get_value()))
        self.cursor.add_updater(lambda _: self._place_cursor(tracker.get_value()))
        if start is None:
            self.draw_in_full()
            for index in range(len(self.series)):
                self._place_head(index, tracker.get_value())
            self._place_cursor(tracker.get_value())
        else:
            self.trace(start, tracker.get_value())

    def stop_following(self) -> None:
        """Freeze the curves, heads and cursor where they are."""
        for part in (*self.curves, *self.heads, self.cursor):
            part.clear_updaters()

    def draw_in_full(self) -> None:
        """Draw every series over its whole range."""
        for index, series in enumerate(self.series):
            self._trace_curve(index, float(series.x[0]), float(series.x[-1]))

    def _trace_curve(self, index: int, start: float, now: float) -> None:
        series = self.series[index]
        low, high = min(start, now), max(start, now)
        shown = (series.x >= low) & (series.x <= high)
        curve = self.build_curve(series.x[shown], series.y[shown], series.color)
        self.curves[index].become(curve)

    def _place_head(self, index: int, now: float) -> None:
        series = self.series[index]
        at = int(np.clip(np.searchsorted(series.x, now, side="right") - 1, 0, series.x.size - 1))
        self.heads[index].become(self.build_dot(now, float(series.y[at]), series.color))

    def _place_cursor(self, now: float) -> None:
        x = float(np.clip(self._share(now), 0.0, 1.0))
        self.cursor.move_to((self.axes.c2p(x, 0.0) + self.axes.c2p(x, 1.0)) / 2)

    def _share(self, x: float) -> float:
        """Return where ``x`` sits across the axes, 0 at the left, 1 at the right."""
        return x if self.x_axis is None else float(self.x_axis.fraction(x))

    def _build_grid(self, step: float, x_step: float | None) -> VGroup:
        grid = VGroup()
        color = self.theme.palette.grid
        c2p = self.axes.c2p
        for value in np.arange(step, 1 + step / 2, step):
            grid.add(Line(c2p(0, value), c2p(1, value), color=color, stroke_width=1))
            if x_step is None:
                grid.add(Line(c2p(value, 0), c2p(value, 1), color=color, stroke_width=1))
        for x in [] if x_step is None else np.arange(x_step, 1 + x_step / 2, x_step):
            grid.add(Line(c2p(x, 0), c2p(x, 1), color=color, stroke_width=1))
        return grid


def _finite_runs(x: NDArray[np.float64], y: NDArray[np.float64]) -> list[tuple[int, int]]:
    """Return (start, stop) of each run of points with finite ``x`` and ``y``."""
    finite = np.concatenate(([False], np.isfinite(x) & np.isfinite(y), [False]))
    edges = np.flatnonzero(np.diff(finite.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
