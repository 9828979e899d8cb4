"""Axes for a ROC curve: FPR across, TPR up, with the chance diagonal."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, PI, DashedLine, Dot, Polygon, VGroup, VMobject
from numpy.typing import ArrayLike

from scenes.components.text import build_text
from scenes.components.unit_axes import build_unit_axes, build_unit_tick_labels
from scenes.theme import Theme

__all__ = ["RocAxes"]


class RocAxes(VGroup):
    """A unit square of rates with labelled axes and the chance diagonal.

    Parameters
    ----------
    theme
        Colours and sizes.
    side
        Length of each axis, in scene units.
    tick_step
        Spacing of the labelled ticks, in rate units.
    x_label, y_label
        Axis titles.

    Attributes
    ----------
    axes : Axes
    chance : DashedLine
        The diagonal a classifier that guesses would trace.
    """

    def __init__(
        self,
        theme: Theme,
        *,
        side: float = 5.0,
        tick_step: float = 0.25,
        x_label: str = "false positive rate",
        y_label: str = "true positive rate",
    ) -> None:
        super().__init__()
        self.theme = theme
        palette = theme.palette
        self.axes = build_unit_axes(theme, width=side, height=side, tick_step=tick_step)
        self.tick_labels = build_unit_tick_labels(self.axes, theme, tick_step)
        self.x_title = build_text(x_label, theme, "label", color=palette.muted)
        self.x_title.next_to(self.axes.x_axis, DOWN, buff=0.45)
        self.y_title = build_text(y_label, theme, "label", color=palette.muted)
        self.y_title.rotate(PI / 2).next_to(self.axes.y_axis, LEFT, buff=0.6)
        self.chance = DashedLine(
            self.axes.c2p(0, 0), self.axes.c2p(1, 1), color=palette.chance, stroke_width=2
        )
        self.add(self.axes, self.tick_labels, self.x_title, self.y_title, self.chance)

    def point(self, fpr: float, tpr: float) -> np.ndarray:
        """Return the scene point of the rate pair (``fpr``, ``tpr``)."""
        return self.axes.c2p(fpr, tpr)

    def build_dot(self, fpr: float, tpr: float, color: str | None = None) -> Dot:
        """Return a dot marking one operating point."""
        color = color if color is not None else self.theme.palette.threshold
        return Dot(self.point(fpr, tpr), radius=0.09, color=color)

    def build_curve(self, fpr: ArrayLike, tpr: ArrayLike, color: str | None = None) -> VMobject:
        """Return the polyline through the points (``fpr[i]``, ``tpr[i]``)."""
        curve = VMobject(stroke_color=color or self.theme.palette.curve, stroke_width=4)
        curve.set_points_as_corners(self._points(fpr, tpr))
        return curve

    def build_area(self, fpr: ArrayLike, tpr: ArrayLike, color: str | None = None) -> Polygon:
        """Return the region under the curve, down to the FPR axis."""
        corners = [*self._points(fpr, tpr), self.point(1, 0), self.point(0, 0)]
        return Polygon(
            *corners,
            stroke_width=0,
            fill_color=color or self.theme.palette.curve,
            fill_opacity=0.22,
        )

    def _points(self, fpr: ArrayLike, tpr: ArrayLike) -> list[np.ndarray]:
        x, y = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
        if x.shape != y.shape:
            raise ValueError(f"fpr and tpr must have one shape, got {x.shape} and {y.shape}")
        return list(np.asarray(self.axes.c2p(x, y)).T)
