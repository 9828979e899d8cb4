"""Labelled boxes side by side, each with a grid of slots for one token per sample."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, RoundedRectangle, VGroup

from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["SampleGroups"]

PADDING = 0.18
"""Space between a box's edge and its outermost slots, in scene units."""


class SampleGroups(VGroup):
    """One box per group of samples (say training, validation and test sets).

    Each box has a title above it, an optional note beneath, and a grid of
    ``size`` slots filled row by row; the scene moves its own tokens (dots)
    to :meth:`slot` points.

    Parameters
    ----------
    titles
        One title per group.
    sizes
        How many samples each group holds.
    columns
        Slots per grid row, per group.
    colors
        Outline and title colour per group.
    theme
        Colours and sizes.
    notes
        A line of text under each box (e.g. its class counts), or None.
    slot_size
        Distance between neighbouring slots, in scene units.
    gap
        Space between boxes, in scene units.

    Attributes
    ----------
    boxes, titles, notes : VGroup
    """

    def __init__(
        self,
        titles: Sequence[str],
        sizes: Sequence[int],
        columns: Sequence[int],
        colors: Sequence[str],
        theme: Theme,
        *,
        notes: Sequence[str] | None = None,
        slot_size: float = 0.3,
        gap: float = 0.7,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.sizes = list(sizes)
        self.columns = list(columns)
        self.slot_size = slot_size
        self.boxes = VGroup(
            *(
                self._build_box(size, n_columns, color)
                for size, n_columns, color in zip(sizes, columns, colors, strict=True)
            )
        ).arrange(RIGHT, buff=gap, aligned_edge=UP)
        self.titles = VGroup()
        for title, box, color in zip(titles, self.boxes, colors, strict=True):
            label = build_text(title, theme, "label", color=color, weight="SEMIBOLD")
            self.titles.add(label.next_to(box, UP, buff=0.15))
        self.notes = VGroup()
        for note, box in zip(notes or [], self.boxes, strict=False):
            label = build_text(note, theme, "small", color=theme.palette.muted)
            self.notes.add(label.next_to(box, DOWN, buff=0.15))
        self.add(self.boxes, self.titles, self.notes)

    def slot(self, group: int, index: int) -> np.ndarray:
        """Return the scene point of slot ``index`` of group ``group``, row by row."""
        if not 0 <= index < self.sizes[group]:
            raise ValueError(f"index must be in [0, {self.sizes[group]}), got {index}")
        row, column = divmod(index, self.columns[group])
        corner = self.boxes[group].get_corner(UP + LEFT)
        offset = PADDING + (0.5 + np.array([column, row])) * self.slot_size
        return corner + offset[0] * RIGHT + offset[1] * DOWN

    def _build_box(self, size: int, n_columns: int, color: str) -> RoundedRectangle:
        n_rows = -(-size // n_columns)
        return RoundedRectangle(
            corner_radius=0.12,
            width=n_columns * self.slot_size + 2 * PADDING,
            height=n_rows * self.slot_size + 2 * PADDING,
            stroke_color=color,
            stroke_width=2.5,
        )
