"""Axes for error against model flexibility, each axis linear or logarithmic."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, PI, UP, Axes, DashedLine, Dot, Line, Mobject, VGroup, VMobject
from numpy.typing import ArrayLike, NDArray

from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ErrorAxes", "tick_text"]


def tick_text(value: float) -> str:
    """Return a tick value as short plain text: 0.01, 0.5, 20, 1000."""
    return f"{value:g}"


class ErrorAxes(VGroup):
    """A chart of error (up) against flexibility (across), with labelled ticks.

    Each axis is linear or logarithmic (base 10); values outside the ranges
    are drawn at the nearest edge, so a curve that leaves the chart runs
    along its frame and a training error of 0 lies on the bottom axis.

    Parameters
    ----------
    theme
        Colours and sizes.
    x_range, y_range
        ``(low, high)`` of each axis, in data units (positive on a log axis).
    x_ticks, y_ticks
        Where each axis is labelled (and a faint grid line drawn).
    x_log, y_log
        Whether each axis is logarithmic.
    width, height
        Lengths of the axes, in scene units.
    x_label, y_label
        Axis titles (empty: none); the y title is set upright above the
        axis when ``y_label_on_top``, else turned along the axis.

    Attributes
    ----------
    axes : Axes
    grid : VGroup
    tick_labels : VGroup
    x_title, y_title : Mobject
        The axis titles (empty groups when no title was given).

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> chart = ErrorAxes(LIGHT, x_range=(1, 1000), x_ticks=[1, 10, 100, 1000])
    >>> bool(chart.point(1000, 0.01)[0] > chart.point(1, 0.01)[0])
    True
    """

    def __init__(
        self,
        theme: Theme,
        *,
        x_range: tuple[float, float] = (1.0, 1000.0),
        y_range: tuple[float, float] = (0.01, 1000.0),
        x_ticks: Sequence[float] = (1, 10, 100, 1000),
        y_ticks: Sequence[float] = (0.01, 0.1, 1, 10, 100, 1000),
        x_log: bool = True,
        y_log: bool = True,
        width: float = 5.0,
        height: float = 3.5,
        x_label: str = "",
        y_label: str = "",
        y_label_on_top: bool = True,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.x_log, self.y_log = x_log, y_log
        self._x = self._scale(x_range, x_log, "x_range")
        self._y = self._scale(y_range, y_log, "y_range")
        palette = theme.palette
        self.axes = Axes(
            x_range=[0, self._x[1] - self._x[0], self._x[1] - self._x[0]],
            y_range=[0, self._y[1] - self._y[0], self._y[1] - self._y[0]],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": palette.axis, "stroke_width": 2, "tick_size": 0.0},
        )
        self.grid = self._build_grid(x_ticks, y_ticks)
        self.tick_labels = self._build_tick_labels(x_ticks, y_ticks)
        self.add(self.grid, self.axes, self.tick_labels)
        self.x_title: Mobject = VGroup()
        self.y_title: Mobject = VGroup()
        if x_label:
            self.x_title = build_text(x_label, theme, "small", color=palette.muted)
            self.add(self.x_title.next_to(self.axes.x_axis, DOWN, buff=0.45))
        if y_label:
            self.y_title = build_text(y_label, theme, "small", color=palette.muted)
            if y_label_on_top:
                self.y_title.next_to(self.axes, UP, buff=0.2).align_to(self.tick_labels, LEFT)
            else:
                self.y_title.rotate(PI / 2).next_to(self.tick_labels, LEFT, buff=0.15)
            self.add(self.y_title)

    @staticmethod
    def _scale(bounds: tuple[float, float], log: bool, name: str) -> tuple[float, float]:
        low, high = float(bounds[0]), float(bounds[1])
        if not high > low:
            raise ValueError(f"{name} must rise, got {bounds}")
        if log:
            if low <= 0:
                raise ValueError(f"{name} must be positive on a log axis, got {bounds}")
            return float(np.log10(low)), float(np.log10(high))
        return low, high

    def _u(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        with np.errstate(divide="ignore", invalid="ignore"):
            u = np.log10(np.where(x > 0, x, np.nan)) if self.x_log else x
        return np.clip(np.nan_to_num(u, nan=self._x[0]), *self._x) - self._x[0]

    def _v(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.log10(np.where(y > 0, y, np.nan)) if self.y_log else y
        return np.clip(np.nan_to_num(v, nan=self._y[0]), *self._y) - self._y[0]

    def chart_points(self, x: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
        """Return the scene points of (``x[i]``, ``y[i]``), clipped to the chart, shape (n, 3)."""
        us = self._u(np.atleast_1d(np.asarray(x, dtype=float)))
        vs = self._v(np.atleast_1d(np.asarray(y, dtype=float)))
        return np.array([self.axes.c2p(u, v) for u, v in zip(us, vs, strict=True)])

    def point(self, x: float, y: float) -> np.ndarray:
        """Return the scene point of (``x``, ``y``), clipped to the chart."""
        return self.chart_points([x], [y])[0]

    def build_curve(
        self, x: ArrayLike, y: ArrayLike, color: str, *, stroke_width: float = 4
    ) -> VMobject:
        """Return the polyline through (``x[i]``, ``y[i]``); fewer than two points draw nothing."""
        curve = VMobject(stroke_color=color, stroke_width=stroke_width)
        corners = self.chart_points(x, y) if np.size(x) else np.zeros((0, 3))
        if len(corners) < 2:
            corner = corners[0] if len(corners) else self.axes.c2p(0, 0)
            curve.set_points_as_corners([corner, corner])
            return curve.set_stroke(opacity=0.0)
        curve.set_points_as_corners(corners)
        return curve

    def build_dot(self, x: float, y: float, color: str, *, radius: float = 0.08) -> Dot:
        """Return a dot at (``x``, ``y``)."""
        return Dot(self.point(x, y), radius=radius, color=color)

    def build_vline(self, x: float, color: str | None = None) -> DashedLine:
        """Return a dashed line across the chart's height at ``x``."""
        bottom = self.point(x, self._data_y(self._y[0]))
        top = self.point(x, self._data_y(self._y[1]))
        return DashedLine(
            bottom, top, color=color or self.theme.palette.threshold, stroke_width=2.5
        )

    def _data_y(self, v: float) -> float:
        return float(10**v) if self.y_log else v

    def _data_x(self, u: float) -> float:
        return float(10**u) if self.x_log else u

    def _build_grid(self, x_ticks: Sequence[float], y_ticks: Sequence[float]) -> VGroup:
        grid = VGroup()
        color = self.theme.palette.grid
        low_x, high_x = self._data_x(self._x[0]), self._data_x(self._x[1])
        low_y, high_y = self._data_y(self._y[0]), self._data_y(self._y[1])
        for x in x_ticks:
            grid.add(Line(self.point(x, low_y), self.point(x, high_y), color=color, stroke_width=1))
        for y in y_ticks:
            grid.add(Line(self.point(low_x, y), self.point(high_x, y), color=color, stroke_width=1))
        return grid

    def _build_tick_labels(self, x_ticks: Sequence[float], y_ticks: Sequence[float]) -> VGroup:
        labels = VGroup()
        muted = self.theme.palette.muted
        low_x, low_y = self._data_x(self._x[0]), self._data_y(self._y[0])
        for x in x_ticks:
            text = build_text(tick_text(x), self.theme, "small", color=muted)
            labels.add(text.next_to(self.point(x, low_y), DOWN, buff=0.12))
        for y in y_ticks:
            text = build_text(tick_text(y), self.theme, "small", color=muted)
            labels.add(text.next_to(self.point(low_x, y), LEFT, buff=0.12))
        return labels
