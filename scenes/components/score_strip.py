"""A classifier's scores as two rows of dots, one row per true class."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Dot, Line, VGroup
from numpy.typing import ArrayLike, NDArray

from scenes.components.beeswarm import beeswarm_levels
from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ScoreStrip"]

HOLLOW_OPACITY = 0.18


class ScoreStrip(VGroup):
    """Scores on a 0-1 axis: positives in the top row, negatives below.

    Each row is a one-sided beeswarm, so every sample is one visible dot.
    Dots predicted positive are filled; the others are drawn hollow.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True classes, 1 for positive and 0 for negative.
    y_score : array-like of shape (n,)
        Scores in [0, 1].
    theme
        Colours and sizes.
    width
        Length of the score axis, in scene units.
    row_height
        Height of each class's row, in scene units.
    class_names
        Names of the positive and negative class, shown beside their rows.

    Attributes
    ----------
    axis : Line
        The score axis, 0 at its left end and 1 at its right.
    dots : VGroup
        One dot per sample, in input order.
    """

    def __init__(
        self,
        y_true: ArrayLike,
        y_score: ArrayLike,
        theme: Theme,
        *,
        width: float = 6.0,
        row_height: float = 1.0,
        class_names: tuple[str, str] = ("positive", "negative"),
    ) -> None:
        super().__init__()
        self.theme = theme
        self.y_true = np.asarray(y_true).astype(bool)
        self.y_score = np.asarray(y_score, dtype=float)
        self.axis_length = width
        self.row_height = row_height
        palette = theme.palette
        self.axis = Line(LEFT * width / 2, RIGHT * width / 2, color=palette.axis)
        self.ticks = self._build_ticks()
        self.dots = VGroup(*(self._build_dot(i) for i in range(self.y_score.size)))
        self.row_labels = self._build_row_labels(class_names)
        self.add(self.axis, self.ticks, self.dots, self.row_labels)

    @property
    def top(self) -> float:
        """The y coordinate of the top of the positive row."""
        return self.axis.get_y() + 2 * self.row_height + 0.1

    @property
    def bottom(self) -> float:
        """The y coordinate of the score axis."""
        return self.axis.get_y()

    def x_at(self, score: float) -> float:
        """Return the scene x coordinate of ``score`` on the axis."""
        start, end = self.axis.get_start()[0], self.axis.get_end()[0]
        return start + float(np.clip(score, 0.0, 1.0)) * (end - start)

    def show_predictions(self, predicted: NDArray[np.bool_]) -> ScoreStrip:
        """Fill the dots predicted positive and hollow out the rest."""
        for dot, filled in zip(self.dots, predicted, strict=True):
            dot.set_fill(opacity=1.0 if filled else HOLLOW_OPACITY)
        return self

    def class_dots(self, positive: bool) -> VGroup:
        """Return the dots of one true class."""
        return VGroup(*(d for d, y in zip(self.dots, self.y_true, strict=True) if y == positive))

    def _build_dot(self, i: int) -> Dot:
        positive = bool(self.y_true[i])
        color = self.theme.palette.positive if positive else self.theme.palette.negative
        dot = Dot(radius=self.theme.dot_radius, color=color, stroke_width=1.5)
        dot.set_stroke(color=color, opacity=1.0)
        dot.move_to([self._dot_x(i), self._dot_y(i), 0.0])
        return dot

    def _dot_x(self, i: int) -> float:
        return (self.y_score[i] - 0.5) * self.axis_length

    def _dot_y(self, i: int) -> float:
        diameter = 2 * self.theme.dot_radius
        positive = bool(self.y_true[i])
        levels = self._levels(positive)
        step = min(diameter, (self.row_height - diameter) / max(int(levels.max()), 1))
        rank = int(np.flatnonzero(self.y_true == positive).searchsorted(i))
        base = self.row_height if positive else 0.0
        return base + self.theme.dot_radius + 0.08 + levels[rank] * step

    def _levels(self, positive: bool) -> NDArray[np.int_]:
        cache = self.__dict__.setdefault("_level_cache", {})
        if positive not in cache:
            x = self.y_score[self.y_true == positive] * self.axis_length
            cache[positive] = beeswarm_levels(x, 2 * self.theme.dot_radius)
        return cache[positive]

    def _build_ticks(self) -> VGroup:
        ticks = VGroup()
        for value in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = (value - 0.5) * self.axis_length
            tick = Line([x, -0.06, 0], [x, 0.06, 0], color=self.theme.palette.axis)
            label = build_text(f"{value:g}", self.theme, "small", color=self.theme.palette.muted)
            label.next_to(tick, DOWN, buff=0.1)
            ticks.add(tick, label)
        caption = build_text("score", self.theme, "small", color=self.theme.palette.muted)
        caption.next_to(self.axis, RIGHT, buff=0.15)
        ticks.add(caption)
        return ticks

    def _build_row_labels(self, class_names: tuple[str, str]) -> VGroup:
        palette = self.theme.palette
        labels = VGroup()
        for name, color, y in (
            (class_names[0], palette.positive, 1.5 * self.row_height),
            (class_names[1], palette.negative, 0.5 * self.row_height),
        ):
            label = build_text(name, self.theme, "label", color=color)
            label.move_to([-self.axis_length / 2 - 0.2, y, 0.0], aligned_edge=RIGHT)
            labels.add(label)
        return labels
