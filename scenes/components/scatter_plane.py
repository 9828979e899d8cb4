"""A 2-D scatter of two classes on axes, with a linear model's boundary clipped to them."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, PI, Axes, Dot, Polygon, Square, VGroup, VMobject
from numpy.typing import ArrayLike

from mlu_math.pets import decision_boundary, decision_region
from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ScatterPlane", "build_class_marker"]

REGION_OPACITY = 0.13
"""Fill opacity of the shaded side of each class: light enough to see dots on."""


def build_class_marker(label: int, theme: Theme, *, radius: float | None = None) -> VMobject:
    """Return one sample's marker: a circle for class 0, a square for class 1.

    Shape as well as colour tells the classes apart, so the picture reads in
    grey and under any colour-vision deficiency.

    Parameters
    ----------
    label
        0 (negative class, e.g. cat) or 1 (positive class, e.g. dog).
    theme
        Colours and sizes.
    radius
        Half the marker's width, in scene units; the theme's dot radius
        enlarged a little by default.
    """
    palette = theme.palette
    size = radius if radius is not None else 1.5 * theme.dot_radius
    if label == 1:
        marker: VMobject = Square(side_length=1.7 * size)
        marker.set_fill(palette.positive, opacity=1.0)
    else:
        marker = Dot(radius=size)
        marker.set_fill(palette.negative, opacity=1.0)
    return marker.set_stroke(palette.background, width=1.0)


class ScatterPlane(VGroup):
    """Axes over a box of feature values, with labelled ticks and axis titles.

    Parameters
    ----------
    theme
        Colours and sizes.
    x_range, y_range
        ``(min, max, tick step)`` of each feature.
    width, height
        Size of the box, in scene units.
    x_label, y_label
        Axis titles.

    Attributes
    ----------
    axes : Axes
    box : tuple
        ``((x_min, x_max), (y_min, y_max))`` in feature units.
    """

    def __init__(
        self,
        theme: Theme,
        *,
        x_range: tuple[float, float, float] = (0.0, 20.0, 5.0),
        y_range: tuple[float, float, float] = (0.0, 10.0, 5.0),
        width: float = 4.0,
        height: float = 3.2,
        x_label: str = "weight (kg)",
        y_label: str = "fluffiness",
    ) -> None:
        super().__init__()
        self.theme = theme
        palette = theme.palette
        self.box = ((x_range[0], x_range[1]), (y_range[0], y_range[1]))
        self.axes = Axes(
            x_range=list(x_range),
            y_range=list(y_range),
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": palette.axis, "stroke_width": 2, "tick_size": 0.05},
        )
        self.tick_labels = self._build_tick_labels(x_range, y_range)
        self.x_title = build_text(x_label, theme, "small", color=palette.muted)
        self.x_title.next_to(self.axes.x_axis, DOWN, buff=0.38)
        self.y_title = build_text(y_label, theme, "small", color=palette.muted)
        self.y_title.rotate(PI / 2).next_to(self.axes.y_axis, LEFT, buff=0.45)
        self.add(self.axes, self.tick_labels, self.x_title, self.y_title)

    def point(self, x: float, y: float) -> np.ndarray:
        """Return the scene point of the feature values (``x``, ``y``)."""
        return self.axes.c2p(x, y)

    def points_at(self, X: ArrayLike) -> np.ndarray:
        """Return the scene points of the rows of ``X``, shape (n, 3)."""
        values = np.asarray(X, dtype=float).reshape(-1, 2)
        return np.array([self.point(x, y) for x, y in values]).reshape(-1, 3)

    def build_markers(self, X: ArrayLike, y: ArrayLike) -> VGroup:
        """Return one marker per row of ``X`` at its place, by class ``y``."""
        labels = np.asarray(y)
        return VGroup(
            *(
                build_class_marker(int(label), self.theme).move_to(point)
                for label, point in zip(labels, self.points_at(X), strict=True)
            )
        )

    def build_boundary(self, coef: ArrayLike, intercept: float) -> VMobject:
        """Return the line ``x @ coef + intercept = 0`` inside the box.

        An empty mobject when there is no line to draw (a model without
        features, or a line that misses the box).
        """
        segment = decision_boundary(coef, intercept, self.box)
        line = VMobject(stroke_color=self.theme.palette.threshold, stroke_width=4)
        if segment is not None:
            line.set_points_as_corners(self.points_at(segment))
        return line

    def build_regions(self, coef: ArrayLike, intercept: float) -> VGroup:
        """Return the box shaded by predicted class: class 0's side, then class 1's."""
        palette = self.theme.palette
        weights = np.asarray(coef, dtype=float)
        sides = (
            (decision_region(-weights, -intercept, self.box), palette.negative),
            (decision_region(weights, intercept, self.box), palette.positive),
        )
        return VGroup(*(self._build_region(corners, color) for corners, color in sides))

    def _build_region(self, corners: np.ndarray, color: str) -> VMobject:
        if corners.shape[0] < 3:
            return VMobject()
        return Polygon(
            *self.points_at(corners), stroke_width=0, fill_color=color, fill_opacity=REGION_OPACITY
        )

    def _build_tick_labels(
        self, x_range: tuple[float, float, float], y_range: tuple[float, float, float]
    ) -> VGroup:
        labels = VGroup()
        muted = self.theme.palette.muted
        for value in np.arange(x_range[0], x_range[1] + x_range[2] / 2, x_range[2]):
            label = build_text(f"{value:g}", self.theme, "small", color=muted)
            labels.add(label.next_to(self.point(value, y_range[0]), DOWN, buff=0.1))
        for value in np.arange(y_range[0], y_range[1] + y_range[2] / 2, y_range[2]):
            if value == y_range[0]:
                continue
            label = build_text(f"{value:g}", self.theme, "small", color=muted)
            labels.add(label.next_to(self.point(x_range[0], value), LEFT, buff=0.1))
        return labels
