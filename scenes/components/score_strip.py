"""A classifier's scores as two rows of dots, one row per true class."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Dot, Line, VGroup
from numpy.typing import ArrayLike, NDArray

from mlu_math.score_axis import PROBABILITY_AXIS, ScoreAxis
from scenes.components.beeswarm import beeswarm_levels
from scenes.components.text import MINUS, build_text
from scenes.theme import Theme

__all__ = ["ScoreStrip", "score_text"]

HOLLOW_OPACITY = 0.18


def score_text(value: float, decimals: int) -> str:
    """Write a score with ``decimals`` digits and a real minus sign (never ``-0``).

    Examples
    --------
    >>> score_text(-1.25, 1), score_text(-0.001, 2), score_text(0.5, 2)
    ('\N{MINUS SIGN}1.2', '0.00', '0.50')
    """
    text = f"{value:.{decimals}f}"
    if text.startswith("-"):
        digits = text[1:]
        return digits if not digits.strip("0.") else MINUS + digits
    return text


class ScoreStrip(VGroup):
    """Scores along an axis: positives in the top row, negatives below.

    Each row is a one-sided beeswarm, so every sample is one visible dot.
    Dots predicted positive are filled; the others are drawn hollow.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        True classes, 1 for positive and 0 for negative.
    y_score : array-like of shape (n,)
        Scores; those beyond the axis sit at its ends.
    theme
        Colours and sizes.
    width
        Length of the score axis, in scene units.
    row_height
        Height of each class's row, in scene units.
    class_names
        Names of the positive and negative class, shown beside their rows.
    axis
        Span and ticks of the score axis; 0 to 1 by default.
    note
        A line of small text under the axis (say, how many samples the dots
        stand for); none by default.

    Attributes
    ----------
    axis : Line
        The score axis, ``score_axis.low`` at its left end and
        ``score_axis.high`` at its right.
    ticks : VGroup
        Tick marks, their labels, the axis title and the note.
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
        axis: ScoreAxis = PROBABILITY_AXIS,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.y_true = np.asarray(y_true).astype(bool)
        self.y_score = np.asarray(y_score, dtype=float)
        self.score_axis = axis
        self.axis_length = width
        self.row_height = row_height
        palette = theme.palette
        self.axis = Line(LEFT * width / 2, RIGHT * width / 2, color=palette.axis)
        self.ticks = self._build_ticks(note)
        self.dots = self._build_dots()
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
        share = float(np.clip(self.score_axis.fraction(score), 0.0, 1.0))
        return start + share * (end - start)

    def show_predictions(self, predicted: NDArray[np.bool_]) -> ScoreStrip:
        """Fill the dots predicted positive and hollow out the rest.

        Only dots whose fill changes are touched: called on every frame of a
        sweep, most dots stay as they were.
        """
        for dot, filled in zip(self.dots, predicted, strict=True):
            opacity = 1.0 if filled else HOLLOW_OPACITY
            if dot.get_fill_opacity() != opacity:
                dot.set_fill(opacity=opacity)
        return self

    def class_dots(self, positive: bool) -> VGroup:
        """Return the dots of one true class."""
        return VGroup(*(d for d, y in zip(self.dots, self.y_true, strict=True) if y == positive))

    def _build_dots(self) -> VGroup:
        share = np.clip(self.score_axis.fraction(self.y_score), 0.0, 1.0)
        x = (share - 0.5) * self.axis_length
        y = np.zeros_like(x)
        for positive in (True, False):
            mine = self.y_true == positive
            y[mine] = self._row_heights(share[mine] * self.axis_length, positive)
        palette = self.theme.palette
        dots = VGroup()
        for xi, yi, positive in zip(x, y, self.y_true, strict=True):
            color = palette.positive if positive else palette.negative
            dot = Dot(radius=self.theme.dot_radius, color=color, stroke_width=1.5)
            dot.set_stroke(color=color, opacity=1.0)
            dots.add(dot.move_to([xi, yi, 0.0]))
        return dots

    def _row_heights(self, x: NDArray[np.float64], positive: bool) -> NDArray[np.float64]:
        """Return the height of each dot of one row, stacked as a beeswarm."""
        if x.size == 0:
            return x
        radius = self.theme.dot_radius
        levels = beeswarm_levels(x, 2 * radius)
        step = min(2 * radius, (self.row_height - 2 * radius) / max(int(levels.max()), 1))
        base = self.row_height if positive else 0.0
        return base + radius + 0.08 + levels * step

    def _build_ticks(self, note: str | None) -> VGroup:
        ticks = VGroup()
        axis = self.score_axis
        for value in axis.ticks:
            x = (axis.fraction(value) - 0.5) * self.axis_length
            tick = Line([x, -0.06, 0], [x, 0.06, 0], color=self.theme.palette.axis)
            text = f"{value:g}" if axis.probability else score_text(value, axis.tick_decimals)
            label = build_text(text, self.theme, "small", color=self.theme.palette.muted)
            label.next_to(tick, DOWN, buff=0.1)
            ticks.add(tick, label)
        caption = build_text("score", self.theme, "small", color=self.theme.palette.muted)
        caption.next_to(self.axis, RIGHT, buff=0.15)
        ticks.add(caption)
        if note is not None:
            self.note = build_text(note, self.theme, "small", color=self.theme.palette.muted)
            self.note.next_to(ticks, DOWN, buff=0.14).align_to(self.axis, RIGHT)
            ticks.add(self.note)
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
