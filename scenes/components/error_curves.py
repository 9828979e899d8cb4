"""A chart of error against a model's flexibility: labelled curves, bands and a moving marker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    Axes,
    DashedLine,
    Dot,
    Line,
    Polygon,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
)
from numpy.typing import ArrayLike, NDArray

from scenes.components.text import TextRole, build_text
from scenes.theme import Theme

__all__ = ["Curve", "ErrorCurves", "clipped_runs"]


@dataclass(frozen=True)
class Curve:
    """One named curve of an :class:`ErrorCurves` chart: ``y[i]`` at ``x[i]``.

    Attributes
    ----------
    name : str
    x : ndarray of shape (n,)
        Flexibility values, increasing.
    y : ndarray of shape (n,)
        Errors.
    color : str
    """

    name: str
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    color: str


class ErrorCurves(VGroup):
    """Axes of error (up) against a model's flexibility (across), with named curves.

    Nothing in it is specific to errors: it serves as a general line chart (a
    fitted function over its input, say) wherever clipped curves, a
    reversed or logarithmic x axis, or markers riding on curves are needed.

    The chart is the group: axes, tick labels and axis titles. Curves, bands,
    markers, cursors and curve labels are *built* by methods and returned, so
    that a scene adds and animates them as it likes; curves added with
    :meth:`add_curve` are also kept by name in :attr:`curves` and
    :attr:`series`, so markers can ride on them.

    Curves are clipped to the y range: a curve that leaves the top of the
    chart is cut where it crosses the edge (an error that blows up simply runs
    off the chart) and resumes where it comes back.

    The x axis can run backwards (``reverse_x``, for a knob such as k in
    k-nearest neighbours, where *small* values are flexible) and can be
    logarithmic (``log_x``, for a count of features from 1 to 1000, say).

    Parameters
    ----------
    theme
        Colours and sizes.
    x_range, y_range
        ``(low, high, step)`` of each axis; ticks every step (for ``log_x``
        give ``x_ticks`` instead of relying on the step).
    width, height
        Lengths of the axes, in scene units.
    x_label, y_label
        Axis titles; ``y_label=None`` for none.
    reverse_x
        Put ``x_range``'s high end at the left.
    log_x
        Space the x axis by ``log10(x)`` (``x_range`` must then be positive).
    x_ticks, y_ticks
        Where to put labelled ticks; by default every step of the range.
    tick_role
        Text role of the tick labels.

    Attributes
    ----------
    axes : Axes
        Over the unit square (the ranges are mapped onto it): use
        :meth:`point`, never ``axes.c2p``, to place things.
    ticks, tick_labels, x_title, y_title
    curves : dict of str to VMobject
    series : dict of str to Curve

    Methods at a glance
    -------------------
    ``point(x, y)``
        Scene point of chart coordinates.
    ``add_curve(name, x, y, color)``
        Build, keep and return a named curve (``x`` increasing).
    ``build_curve(x, y, color)``
        A clipped polyline that is not kept (a partly traced curve, a fit).
    ``build_band(x, lower, upper, color)``
        The area between two curves, for stacked error terms.
    ``value_at(name, x)``, ``build_marker(name, x)``, ``follow_marker(name, tracker)``
        A curve's value, a dot on it, a dot riding on it with a ValueTracker.
    ``build_cursor(x)``, ``build_curve_label(name, text, at=, direction=)``, ``build_legend()``
        A dashed vertical line; a label beside a curve; swatches and names.

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> chart = ErrorCurves(LIGHT, x_range=(0, 12, 2), y_range=(0, 1, 0.5))
    >>> line = chart.add_curve("test", [0, 6, 12], [0.6, 0.2, 0.9], LIGHT.palette.test)
    >>> round(chart.value_at("test", 3), 2)
    0.4
    >>> marker = chart.build_marker("test", 6)
    """

    def __init__(
        self,
        theme: Theme,
        *,
        x_range: tuple[float, float, float] = (0.0, 10.0, 1.0),
        y_range: tuple[float, float, float] = (0.0, 1.0, 0.25),
        width: float = 5.0,
        height: float = 3.5,
        x_label: str = "flexibility",
        y_label: str | None = "error",
        reverse_x: bool = False,
        log_x: bool = False,
        x_ticks: Sequence[float] | None = None,
        y_ticks: Sequence[float] | None = None,
        tick_role: TextRole = "small",
    ) -> None:
        super().__init__()
        if log_x and x_range[0] <= 0:
            raise ValueError(f"x_range must be positive with log_x, got {x_range}")
        self.theme = theme
        self.x_range, self.y_range = x_range, y_range
        self.reverse_x, self.log_x = reverse_x, log_x
        palette = theme.palette
        # The axes run over [0, 1] x [0, 1] and :meth:`point` maps onto them, so
        # they meet at the bottom-left corner whatever the ranges (manim's Axes
        # would cross at zero), and any x scale or direction is possible.
        self.axes = Axes(
            x_range=[0, 1, 1],
            y_range=[0, 1, 1],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": palette.axis, "stroke_width": 2, "include_ticks": False},
        )
        xs = x_ticks if x_ticks is not None else _steps(x_range)
        ys = y_ticks if y_ticks is not None else _steps(y_range)
        self.ticks = self._build_ticks(xs, ys)
        self.tick_labels = self._build_tick_labels(xs, ys, tick_role)
        self.x_title = build_text(x_label, theme, "label", color=palette.muted)
        self.x_title.next_to(self.tick_labels, DOWN, buff=0.15).set_x(self.axes.x_axis.get_x())
        self.add(self.axes, self.ticks, self.tick_labels, self.x_title)
        self.y_title: Text | None = None
        if y_label is not None:
            self.y_title = build_text(y_label, theme, "label", color=palette.muted)
            self.y_title.rotate(PI / 2).next_to(self.tick_labels, LEFT, buff=0.15)
            self.y_title.set_y(self.axes.y_axis.get_y())
            self.add(self.y_title)
        self.curves: dict[str, VMobject] = {}
        self.series: dict[str, Curve] = {}

    # Coordinates
    def point(self, x: float, y: float) -> np.ndarray:
        """Return the scene point of flexibility ``x`` and error ``y``."""
        low, high = self.y_range[0], self.y_range[1]
        return self.axes.c2p(self._axis_x(x), (y - low) / (high - low))

    def _axis_x(self, x: float) -> float:
        """Return where ``x`` sits along the x axis, from 0 (left) to 1 (right)."""
        scale = np.log10 if self.log_x else float
        low, high, u = (float(scale(v)) for v in (self.x_range[0], self.x_range[1], x))
        share = (u - low) / (high - low)
        return 1.0 - share if self.reverse_x else share

    # Curves
    def build_curve(
        self,
        x: ArrayLike,
        y: ArrayLike,
        color: str,
        *,
        stroke_width: float = 4,
        opacity: float = 1.0,
    ) -> VMobject:
        """Return the polyline through (``x[i]``, ``y[i]``), clipped to the y range."""
        curve = VMobject(stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
        runs = clipped_runs(x, y, self.y_range[0], self.y_range[1])
        if not runs:  # nothing inside: an invisible point keeps the mobject valid
            corner = self.point(self.x_range[0], self.y_range[0])
            curve.set_points_as_corners([corner, corner]).set_stroke(opacity=0.0)
            return curve
        for run in runs:
            corners = [self.point(a, b) for a, b in run]
            curve.start_new_path(corners[0])
            curve.add_points_as_corners(corners[1:] or corners[:1])
        return curve

    def add_curve(
        self, name: str, x: ArrayLike, y: ArrayLike, color: str, *, stroke_width: float = 4
    ) -> VMobject:
        """Build a curve, keep it (and its data) under ``name``, and return it."""
        xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if xs.ndim != 1 or xs.shape != ys.shape:
            raise ValueError(f"x and y must be 1-D of one shape, got {xs.shape} and {ys.shape}")
        if np.any(np.diff(xs) <= 0):
            raise ValueError(f"x of curve {name!r} must be increasing, got {xs.tolist()}")
        self.series[name] = Curve(name, xs, ys, color)
        self.curves[name] = self.build_curve(xs, ys, color, stroke_width=stroke_width)
        return self.curves[name]

    def build_band(
        self, x: ArrayLike, lower: ArrayLike, upper: ArrayLike, color: str, *, opacity: float = 0.3
    ) -> Polygon:
        """Return the area between two curves (for stacked error terms), clamped to the chart."""
        xs = np.asarray(x, dtype=float)
        low, high = self.y_range[0], self.y_range[1]
        bottom = np.clip(np.asarray(lower, dtype=float), low, high)
        top = np.clip(np.asarray(upper, dtype=float), low, high)
        corners = [self.point(a, b) for a, b in zip(xs, top, strict=True)]
        corners += [self.point(a, b) for a, b in zip(xs[::-1], bottom[::-1], strict=True)]
        return Polygon(*corners, stroke_width=0, fill_color=color, fill_opacity=opacity)

    def value_at(self, name: str, x: float) -> float:
        """Return curve ``name`` at ``x``, linearly interpolated between its points."""
        series = self.series[name]
        return float(np.interp(x, series.x, series.y))

    # Markers, cursor, labels
    def build_marker(self, name: str, x: float, *, radius: float = 0.09) -> Dot:
        """Return a dot on curve ``name`` at ``x`` (held at the top edge if above it)."""
        y = min(self.value_at(name, x), self.y_range[1])
        return Dot(self.point(x, y), radius=radius, color=self.series[name].color)

    def follow_marker(self, name: str, tracker: ValueTracker, *, radius: float = 0.09) -> Dot:
        """Return a marker that rides on curve ``name`` at ``tracker``'s value (own updater)."""
        marker = self.build_marker(name, tracker.get_value(), radius=radius)
        marker.add_updater(
            lambda dot: dot.move_to(self.build_marker(name, tracker.get_value()).get_center())
        )
        return marker

    def build_cursor(self, x: float, *, color: str | None = None) -> DashedLine:
        """Return a dashed vertical line across the chart at ``x``."""
        return DashedLine(
            self.point(x, self.y_range[0]),
            self.point(x, self.y_range[1]),
            color=color or self.theme.palette.threshold,
            stroke_width=2,
            dash_length=0.08,
        )

    def build_curve_label(
        self,
        name: str,
        text: str | None = None,
        *,
        at: float | None = None,
        direction: np.ndarray = RIGHT,
        role: TextRole = "small",
    ) -> Text:
        """Return ``text`` (default: the curve's name) in its colour beside curve ``name``.

        ``at`` is the x where the label sits (default: the curve's right-hand
        end on screen), ``direction`` the side of that point it goes on.
        """
        series = self.series[name]
        if at is None:
            at = float(series.x[0] if self.reverse_x else series.x[-1])
        y = min(self.value_at(name, at), self.y_range[1])
        label = build_text(text or name, self.theme, role, color=series.color)
        return label.next_to(self.point(at, y), direction, buff=0.12)

    def build_legend(self, names: Sequence[str] | None = None, *, columns: int = 1) -> VGroup:
        """Return a swatch and name per curve (default: every curve, in the order added).

        The legend is returned unplaced: put it where the curves leave room,
        e.g. ``legend.move_to(chart.point(x, y), aligned_edge=UL)``.
        """
        entries = VGroup()
        for name in names if names is not None else list(self.series):
            color = self.series[name].color
            swatch = Line(np.zeros(3), 0.3 * RIGHT, color=color, stroke_width=5)
            text = build_text(name, self.theme, "small", color=color)
            entries.add(VGroup(swatch, text).arrange(RIGHT, buff=0.1))
        rows = -(-len(entries) // columns)
        return entries.arrange_in_grid(
            rows=rows, cols=columns, buff=(0.35, 0.1), cell_alignment=LEFT, flow_order="dr"
        )

    def _build_ticks(self, x_ticks: Sequence[float], y_ticks: Sequence[float]) -> VGroup:
        color, size = self.theme.palette.axis, 0.06
        ticks = VGroup()
        for value in x_ticks:
            base = self.point(value, self.y_range[0])
            ticks.add(Line(base, base + size * DOWN, color=color, stroke_width=2))
        for value in y_ticks:
            base = np.array([self.axes.c2p(0, 0)[0], self.point(self.x_range[0], value)[1], 0.0])
            ticks.add(Line(base, base + size * LEFT, color=color, stroke_width=2))
        return ticks

    def _build_tick_labels(
        self, x_ticks: Sequence[float], y_ticks: Sequence[float], role: TextRole
    ) -> VGroup:
        labels = VGroup()
        muted = self.theme.palette.muted
        for value in x_ticks:
            label = build_text(f"{value:g}", self.theme, role, color=muted)
            labels.add(label.next_to(self.point(value, self.y_range[0]), DOWN, buff=0.12))
        left = self.axes.c2p(0, 0)[0]
        for value in y_ticks:
            label = build_text(f"{value:g}", self.theme, role, color=muted)
            at = np.array([left, self.point(self.x_range[0], value)[1], 0.0])
            labels.add(label.next_to(at, LEFT, buff=0.12))
        return labels


def _steps(value_range: tuple[float, float, float]) -> list[float]:
    low, high, step = value_range
    return [float(v) for v in np.arange(low, high + step / 2, step)]


def clipped_runs(
    x: ArrayLike, y: ArrayLike, low: float, high: float
) -> list[list[tuple[float, float]]]:
    """Cut the polyline through (``x[i]``, ``y[i]``) to the band ``low <= y <= high``.

    Returns
    -------
    runs : list of lists of (x, y)
        The pieces inside the band, each a list of corners; a segment that
        crosses an edge ends (or starts) at the crossing. Non-finite points
        break the line.

    Examples
    --------
    >>> clipped_runs([0, 1, 2], [0.0, 2.0, 0.0], 0.0, 1.0)
    [[(0.0, 0.0), (0.5, 1.0)], [(1.5, 1.0), (2.0, 0.0)]]
    """
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    if xs.size == 1 and low <= ys[0] <= high:
        return [[(float(xs[0]), float(ys[0]))]]
    for i in range(xs.size - 1):
        piece = _clip_segment(xs[i], ys[i], xs[i + 1], ys[i + 1], low, high)
        if piece is None:
            if current:
                runs.append(current)
            current = []
            continue
        start, end = piece
        if current and current[-1] == start:
            current.append(end)
        else:
            if current:
                runs.append(current)
            current = [start, end]
    if current:
        runs.append(current)
    return runs


def _clip_segment(
    x0: float, y0: float, x1: float, y1: float, low: float, high: float
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Return the part of a segment inside ``low <= y <= high``, or None."""
    if not np.all(np.isfinite([x0, y0, x1, y1])):
        return None
    if y0 == y1:
        return ((float(x0), float(y0)), (float(x1), float(y1))) if low <= y0 <= high else None
    t_low, t_high = (low - y0) / (y1 - y0), (high - y0) / (y1 - y0)
    enter, leave = max(0.0, min(t_low, t_high)), min(1.0, max(t_low, t_high))
    if enter > leave:
        return None

    def at(t: float) -> tuple[float, float]:
        if t == 0.0:
            return float(x0), float(y0)
        if t == 1.0:
            return float(x1), float(y1)
        return float(x0 + t * (x1 - x0)), float(y0 + t * (y1 - y0))

    return at(enter), at(leave)
