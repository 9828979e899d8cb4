"""Scores as stacked dots over a horizontal axis: how widely repeated scores spread."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Dot, Line, VGroup
from numpy.typing import ArrayLike

from scenes.components.beeswarm import beeswarm_levels
from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ScoreDots"]

DOT_RADIUS = 0.085
EN_DASH = "\N{EN DASH}"


class ScoreDots(VGroup):
    """A score axis with one dot per score, stacked where scores coincide.

    Parameters
    ----------
    scores : array-like of shape (n,)
        The scores to draw, in the order their dots are kept.
    theme
        Colours and sizes.
    low, high
        The axis runs from ``low`` at its left end to ``high`` at its right.
    width
        Length of the axis, in scene units.
    tick_step
        Spacing of the labelled ticks, in score units.
    color
        Colour of the dots; the theme's curve colour by default.
    title
        Optional axis title, shown right of the axis.
    max_height
        Tallest a stack of dots may grow, in scene units; taller stacks are
        squeezed so that their dots overlap.
    dot_radius
        Radius of each dot.

    Attributes
    ----------
    axis : Line
    ticks : VGroup
        Tick marks, their labels and the title.
    dots : VGroup
        One dot per score, in input order.
    """

    def __init__(
        self,
        scores: ArrayLike,
        theme: Theme,
        *,
        low: float = 0.0,
        high: float = 1.0,
        width: float = 8.0,
        tick_step: float = 0.1,
        color: str | None = None,
        title: str | None = None,
        max_height: float = 2.0,
        dot_radius: float = DOT_RADIUS,
    ) -> None:
        super().__init__()
        if not high > low:
            raise ValueError(f"high must exceed low, got low={low}, high={high}")
        self.theme = theme
        self.scores = np.asarray(scores, dtype=float)
        self.low, self.high, self.axis_length = low, high, width
        self.max_height, self.dot_radius = max_height, dot_radius
        self.axis = Line(LEFT * width / 2, RIGHT * width / 2, color=theme.palette.axis)
        self.ticks = self._build_ticks(tick_step, title)
        self.dots = self._build_dots(color or theme.palette.curve)
        self.add(self.axis, self.ticks, self.dots)

    def x_at(self, score: float) -> float:
        """Return the scene x coordinate of ``score`` on the axis."""
        start, end = self.axis.get_start()[0], self.axis.get_end()[0]
        share = (float(score) - self.low) / (self.high - self.low)
        return start + float(np.clip(share, 0.0, 1.0)) * (end - start)

    def build_range(self, *, fmt: str = ".2f", labelled: bool = True) -> VGroup:
        """Return a bracket over the dots from the lowest score to the highest.

        With ``labelled``, the two scores are written above the bracket.
        """
        low, high = float(self.scores.min()), float(self.scores.max())
        y = self.dots.get_top()[1] + 0.2
        color = self.theme.palette.text
        line = Line([self.x_at(low), y, 0.0], [self.x_at(high), y, 0.0], color=color)
        caps = VGroup(
            *(
                Line([x, y - 0.1, 0.0], [x, y + 0.1, 0.0], color=color)
                for x in (self.x_at(low), self.x_at(high))
            )
        )
        bracket = VGroup(line, caps)
        if labelled:
            text = f"{low:{fmt}} {EN_DASH} {high:{fmt}}"
            label = build_text(text, self.theme, "label", weight="SEMIBOLD")
            bracket.add(label.next_to(line, UP, buff=0.12))
        return bracket

    def _build_dots(self, color: str) -> VGroup:
        x = np.array([self.x_at(score) for score in self.scores])
        radius = self.dot_radius
        levels = beeswarm_levels(x, 2.1 * radius) if x.size else np.zeros(0, dtype=int)
        top_level = int(levels.max()) if x.size else 0
        step = min(2 * radius, (self.max_height - 2 * radius) / max(top_level, 1))
        base = self.axis.get_y() + radius + 0.08
        return VGroup(
            *(
                Dot([xi, base + level * step, 0.0], radius=radius, color=color)
                for xi, level in zip(x, levels, strict=True)
            )
        )

    def _build_ticks(self, step: float, title: str | None) -> VGroup:
        ticks = VGroup()
        muted, axis = self.theme.palette.muted, self.theme.palette.axis
        first = np.ceil(self.low / step - 1e-9) * step
        for value in np.arange(first, self.high + step / 2, step):
            x = self.x_at(value)
            tick = Line([x, -0.07, 0.0], [x, 0.07, 0.0], color=axis)
            label = build_text(f"{value:.1f}", self.theme, "small", color=muted)
            ticks.add(tick, label.next_to(tick, DOWN, buff=0.1))
        if title:
            caption = build_text(title, self.theme, "small", color=muted)
            ticks.add(caption.next_to(self.axis, RIGHT, buff=0.2))
        return ticks
