"""A chart with a linear x axis and a logarithmic y axis whose curves build up as a sweep."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    DashedLine,
    Dot,
    Line,
    ValueTracker,
    VGroup,
    VMobject,
)
from numpy.typing import ArrayLike, NDArray

from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["LogChart", "LogSeries", "decades_around"]


def decades_around(*values: ArrayLike, pad: float = 0.0) -> tuple[int, int]:
    """Return the powers of ten just below and above every positive value given.

    ``pad`` widens the range by that many decades (rounded out) either side.
    """
    finite = np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in values])
    finite = finite[np.isfinite(finite) & (finite > 0)]
    if finite.size == 0:
        return (-1, 1)
    low = int(np.floor(np.log10(finite.min()) - pad))
    high = int(np.ceil(np.log10(finite.max()) + pad))
    return (low, max(high, low + 1))


SUPERSCRIPTS = str.maketrans(
    "-0123456789",
    "\N{SUPERSCRIPT MINUS}\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079",
)
MAX_DECADE_LABELS = 7
"""More decades than this are labelled every second (third, ...) one."""


def _decade_text(power: int) -> str:
    """Return ``10**power`` as a plain number (0.01 to 1000) or as a power of ten."""
    if -2 <= power <= 3:
        return f"{10.0**power:g}"
    return "10" + str(power).translate(SUPERSCRIPTS)


@dataclass(frozen=True)
class LogSeries:
    """One curve of a :class:`LogChart`: ``y[i]`` at increasing ``x[i]``, ``y > 0``."""

    name: str
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    color: str


class LogChart(VGroup):
    """Axes with ``x`` from ``x_range[0]`` to ``x_range[1]`` and ``y`` over powers of ten.

    Series added with :meth:`add_series` are drawn empty; :meth:`follow`
    makes each one trace from its first ``x`` up to a tracker's value, a dot
    (its *head*) riding at the tracker, each part with its own updater. The
    curves and heads are not parts of the chart group: add them to the scene.
    Values above the top decade are drawn at the top (the curve runs flat
    along the frame of the chart); values at or below 0 at the bottom.

    Parameters
    ----------
    theme
        Colours and sizes.
    x_range
        ``(x_min, x_max)``.
    x_ticks
        Where the x axis is labelled.
    decades
        ``(low, high)``: the y axis runs from ``10**low`` to ``10**high``,
        labelled at each power of ten.
    width, height
        Lengths of the axes, in scene units.
    x_label, y_label
        Axis titles (the y title sits above the axis, left-aligned).

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> chart = LogChart(LIGHT, x_range=(1, 40), x_ticks=[10, 20, 30, 40], decades=(-2, 2))
    >>> chart.add_series("error", [1, 20, 40], [0.1, 50.0, 0.5], LIGHT.palette.test)
    >>> chart.trace(20)
    >>> len(chart.curves[0].get_anchors()) > 0
    True
    """

    def __init__(
        self,
        theme: Theme,
        *,
        x_range: tuple[float, float],
        x_ticks: Sequence[float],
        decades: tuple[int, int],
        width: float = 5.0,
        height: float = 3.6,
        x_label: str = "",
        y_label: str = "",
    ) -> None:
        super().__init__()
        if decades[1] <= decades[0]:
            raise ValueError(f"decades must rise, got {decades}")
        self.theme = theme
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.decades = decades
        palette = theme.palette
        # The axes run from 0 (so that they cross at the chart's lower-left corner);
        # ``_at`` shifts x and the power of ten onto them.
        self.axes = Axes(
            x_range=[0, self.x_range[1] - self.x_range[0], self.x_range[1] - self.x_range[0]],
            y_range=[0, decades[1] - decades[0], 1],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": palette.axis, "stroke_width": 2, "tick_size": 0.05},
        )
        self.grid = self._build_grid(x_ticks)
        self.tick_labels = self._build_tick_labels(x_ticks)
        self.add(self.grid, self.axes, self.tick_labels)
        self.x_title = build_text(x_label, theme, "small", color=palette.muted)
        self.x_title.next_to(self.axes.x_axis, DOWN, buff=0.42)
        self.y_title = build_text(y_label, theme, "small", color=palette.muted)
        self.y_title.next_to(self.axes, UP, buff=0.5).align_to(self.tick_labels, LEFT)
        self.add(self.x_title, self.y_title)
        self.series: list[LogSeries] = []
        self.curves = VGroup()
        self.heads = VGroup()

    # Coordinates and plain pictures
    def point(self, x: float, y: float) -> np.ndarray:
        """Return the scene point of (``x``, ``y``), ``y`` clipped to the decades shown."""
        low, high = self.decades
        level = np.log10(y) if y > 0 else -np.inf
        return self._at(float(x), float(np.clip(level, low, high)))

    def _at(self, x: float, power: float) -> np.ndarray:
        """Return the scene point at ``x`` and height ``10 ** power``."""
        return self.axes.c2p(x - self.x_range[0], power - self.decades[0])

    def build_curve(
        self, x: ArrayLike, y: ArrayLike, color: str, *, stroke_width: float = 4
    ) -> VMobject:
        """Return the polyline through (``x[i]``, ``y[i]``); one point draws nothing."""
        xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        curve = VMobject(stroke_color=color, stroke_width=stroke_width)
        corners = [self.point(a, b) for a, b in zip(xs, ys, strict=True)]
        if len(corners) < 2:
            corner = corners[0] if corners else self._at(self.x_range[0], self.decades[0])
            curve.set_points_as_corners([corner, corner])
            curve.set_stroke(opacity=0.0)
            return curve
        curve.set_points_as_corners(corners)
        return curve

    def build_marker(self, x: float, label: str, color: str | None = None) -> VGroup:
        """Return a dashed vertical line at ``x`` with ``label`` just above the chart.

        The axis title sits higher, so the two never meet.
        """
        color = color or self.theme.palette.threshold
        low, high = self.decades
        line = DashedLine(self._at(x, low), self._at(x, high), color=color, stroke_width=2)
        text = build_text(label, self.theme, "small", color=color)
        text.next_to(line, UP, buff=0.08)
        return VGroup(line, text)

    def build_legend(self, series: Sequence[LogSeries] | None = None) -> VGroup:
        """Return swatches and names, one per series, stacked in a column."""
        entries = VGroup()
        for item in series if series is not None else self.series:
            swatch = Line(np.zeros(3), 0.32 * RIGHT, color=item.color, stroke_width=5)
            name = build_text(item.name, self.theme, "small", color=item.color)
            entries.add(VGroup(swatch, name).arrange(RIGHT, buff=0.12))
        return entries.arrange(DOWN, aligned_edge=LEFT, buff=0.12)

    # Traced series
    def add_series(self, name: str, x: ArrayLike, y: ArrayLike, color: str) -> int:
        """Add a curve to trace, drawn empty until traced; return its index."""
        xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if xs.shape != ys.shape or xs.ndim != 1 or xs.size == 0:
            raise ValueError(f"x and y must be 1-D of one shape, got {xs.shape} and {ys.shape}")
        # Infinite values (a diverging expectation) run off the top of the chart.
        ys = np.where(np.isfinite(ys), ys, 10.0 ** (self.decades[1] + 1))
        self.series.append(LogSeries(name, xs, ys, color))
        self.curves.add(self.build_curve(xs[:1], ys[:1], color))
        self.heads.add(Dot(self.point(xs[0], ys[0]), radius=0.07, color=color))
        return len(self.series) - 1

    def trace(self, now: float, index: int | None = None) -> None:
        """Draw series ``index`` (every one by default) from its start up to ``now``."""
        indices = range(len(self.series)) if index is None else [index]
        for i in indices:
            self._trace(i, now)

    def follow(self, tracker: ValueTracker, index: int) -> None:
        """Keep series ``index`` traced up to ``tracker``, its head at the tracker."""
        self.curves[index].add_updater(lambda _: self._trace_curve(index, tracker.get_value()))
        self.heads[index].add_updater(lambda _: self._place_head(index, tracker.get_value()))
        self._trace(index, tracker.get_value())

    def stop_following(self) -> None:
        """Freeze every curve and head where it is."""
        for part in (*self.curves, *self.heads):
            part.clear_updaters()

    def _trace(self, index: int, now: float) -> None:
        self._trace_curve(index, now)
        self._place_head(index, now)

    def _value_at(self, index: int, now: float) -> float:
        """Return the series' value at ``now``, interpolated in log space."""
        series = self.series[index]
        logs = np.log10(np.maximum(series.y, 1e-300))
        return float(10 ** np.interp(now, series.x, logs))

    def _trace_curve(self, index: int, now: float) -> None:
        series = self.series[index]
        shown = series.x < now
        xs = np.append(series.x[shown], now)
        ys = np.append(series.y[shown], self._value_at(index, now))
        self.curves[index].become(self.build_curve(xs, ys, series.color))

    def _place_head(self, index: int, now: float) -> None:
        self.heads[index].move_to(self.point(now, self._value_at(index, now)))

    def _build_grid(self, x_ticks: Sequence[float]) -> VGroup:
        grid = VGroup()
        color = self.theme.palette.grid
        low, high = self.decades
        x_min, x_max = self.x_range
        step = -(-(high - low) // MAX_DECADE_LABELS)
        for power in range(high, low, -step):
            grid.add(
                Line(
                    self._at(x_min, power),
                    self._at(x_max, power),
                    color=color,
                    stroke_width=1,
                )
            )
        for x in x_ticks:
            if x_min < x <= x_max:
                grid.add(Line(self._at(x, low), self._at(x, high), color=color, stroke_width=1))
        return grid

    def _build_tick_labels(self, x_ticks: Sequence[float]) -> VGroup:
        labels = VGroup()
        muted = self.theme.palette.muted
        low, high = self.decades
        for x in x_ticks:
            label = build_text(f"{x:g}", self.theme, "small", color=muted)
            labels.add(label.next_to(self._at(x, low), DOWN, buff=0.1))
        step = -(-(high - low) // MAX_DECADE_LABELS)
        for power in range(high, low - 1, -step):
            label = build_text(_decade_text(power), self.theme, "small", color=muted)
            labels.add(label.next_to(self._at(self.x_range[0], power), LEFT, buff=0.1))
        return labels
