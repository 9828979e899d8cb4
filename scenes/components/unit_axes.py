"""Axes over the unit square, for rates and scores, with labelled ticks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, Axes, VGroup

from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["build_unit_axes", "build_unit_tick_labels"]


def build_unit_axes(
    theme: Theme,
    *,
    width: float,
    height: float,
    tick_step: float,
    x_tick_step: float | None = None,
) -> Axes:
    """Return axes from 0 to 1 on both sides, ticked every ``tick_step``.

    ``x_tick_step``, when given, ticks the x axis at its own spacing.
    """
    return Axes(
        x_range=[0, 1, tick_step if x_tick_step is None else x_tick_step],
        y_range=[0, 1, tick_step],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": theme.palette.axis, "stroke_width": 2, "tick_size": 0.05},
    )


def build_unit_tick_labels(
    axes: Axes,
    theme: Theme,
    step: float,
    x_labels: Sequence[tuple[float, str]] | None = None,
) -> VGroup:
    """Return the tick values below the x axis and left of the y axis (0 once).

    ``x_labels``, when given, are the x axis's own labels as (position in
    [0, 1], text) pairs; the y axis then labels its 0 too.
    """
    labels = VGroup()
    muted = theme.palette.muted
    for position, text in x_labels or ():
        label = build_text(text, theme, "small", color=muted)
        labels.add(label.next_to(axes.c2p(position, 0), DOWN, buff=0.12))
    for value in np.arange(0, 1 + step / 2, step):
        text = f"{value:g}"
        if x_labels is None:
            labels.add(
                build_text(text, theme, "small", color=muted).next_to(
                    axes.c2p(value, 0), DOWN, buff=0.12
                )
            )
        if value > 0 or x_labels is not None:
            labels.add(
                build_text(text, theme, "small", color=muted).next_to(
                    axes.c2p(0, value), LEFT, buff=0.12
                )
            )
    return labels
