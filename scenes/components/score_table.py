"""A small table of scores: one row per model, one column per data set."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, UP, Line, RoundedRectangle, Text, VGroup

from scenes.components.text import MINUS, build_text
from scenes.theme import Theme

__all__ = ["ScoreTable"]

RULE_OVERHANG = 0.12
"""How far the rule under the headings reaches past the text, in scene units."""

HEADING_GAP = 0.12
"""Space between a heading's lowest line and the rule beneath it, in scene units."""


class ScoreTable(VGroup):
    """Row names down the left, column headings across the top, values filled in later.

    The table holds its headings only: :meth:`build_value` returns a value
    placed in its cell, for the scene to fade in when the number is known;
    :meth:`build_column` returns a new column's heading and rule, and
    :meth:`build_row_highlight` a box marking a row. Positions follow the
    table wherever it has been moved.

    Parameters
    ----------
    row_names
        One name per row, e.g. the models.
    column_names
        One heading per value column, e.g. the data sets.
    theme
        Colours and sizes.
    column_colors
        Colour of each column heading; the theme's text colour by default.
    name_width, column_width, row_height
        Cell sizes, in scene units.

    Attributes
    ----------
    row_labels, column_labels : VGroup
    rule : Line
        The line under the headings.
    """

    def __init__(
        self,
        row_names: Sequence[str],
        column_names: Sequence[str],
        theme: Theme,
        *,
        column_colors: Sequence[str] | None = None,
        name_width: float = 1.6,
        column_width: float = 1.1,
        row_height: float = 0.5,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.name_width = name_width
        self.column_width = column_width
        self.row_height = row_height
        self.n_rows = len(row_names)
        self.n_columns = 0
        self.rule = self._build_rule(0, len(column_names))
        self._rule_start = self.rule.get_start().copy()
        self._digit_half = build_text("0", theme, "label").height / 2
        self.row_labels = VGroup()
        for i, name in enumerate(row_names):
            label = build_text(name, theme, "label").move_to(self._name_cell(i), aligned_edge=LEFT)
            self.row_labels.add(self._on_baseline(label, i))
        self.column_labels = VGroup()
        colors = column_colors or [theme.palette.text] * len(column_names)
        for name, color in zip(column_names, colors, strict=True):
            self.column_labels.add(self._build_heading(name, color))
        self.add(self.rule, self.column_labels, self.row_labels)

    def cell_center(self, row: int, column: int) -> np.ndarray:
        """Return the centre of a value cell; row -1 is the headings' row."""
        x = self.name_width + (column + 0.5) * self.column_width
        return self._offset + np.array([x, -(row + 1) * self.row_height, 0.0])

    def build_value(self, row: int, column: int, value: float, *, fmt: str = ".2f") -> Text:
        """Return ``value`` formatted and placed in its cell."""
        text = build_text(format(value, fmt).replace("-", MINUS), self.theme, "label")
        return self._on_baseline(text.move_to(self.cell_center(row, column)), row)

    def build_column(self, name: str, color: str | None = None) -> VGroup:
        """Return a new column's heading and the rule beneath it, placed right of the others.

        The parts are not added to the table: fade them in, then add them.
        """
        start = self.n_columns
        heading = self._build_heading(name, color or self.theme.palette.text)
        rule = self._build_rule(start, start + 1)
        rule.shift(self._offset)
        return VGroup(rule, heading)

    def build_row_highlight(
        self, row: int, color: str, *, opacity: float = 0.12
    ) -> RoundedRectangle:
        """Return a box around a whole row, name and values."""
        left = self._name_cell(row)[0] - RULE_OVERHANG
        right = self.cell_center(row, self.n_columns - 1)[0] + self.column_width / 2
        box = RoundedRectangle(
            corner_radius=0.08,
            width=right - left,
            height=0.86 * self.row_height,
            stroke_color=color,
            stroke_width=2.5,
            fill_color=color,
            fill_opacity=opacity,
        )
        return box.move_to([(left + right) / 2, self.cell_center(row, 0)[1], 0.0])

    def build_cell_highlight(self, row: int, column: int, color: str) -> RoundedRectangle:
        """Return an outline around one value cell."""
        box = RoundedRectangle(
            corner_radius=0.08,
            width=0.9 * self.column_width,
            height=0.8 * self.row_height,
            stroke_color=color,
            stroke_width=2.5,
        )
        return box.move_to(self.cell_center(row, column))

    @property
    def _offset(self) -> np.ndarray:
        """How far the table has moved since it was built."""
        return self.rule.get_start() - self._rule_start if hasattr(self, "_rule_start") else 0.0

    def _name_cell(self, row: int) -> np.ndarray:
        return self._offset + np.array([0.0, -(row + 1) * self.row_height, 0.0])

    def _on_baseline(self, text: Text, row: int) -> Text:
        """Shift ``text`` up or down so that its letters sit on the row's baseline.

        Centring alone would lift a word with a descender ("weight") above
        one without ("none"); the baseline is where most glyphs end.
        """
        baseline = self.cell_center(row, 0)[1] - self._digit_half
        return text.shift((baseline - text.baseline) * UP)

    def _build_heading(self, name: str, color: str) -> Text:
        heading = build_text(name, self.theme, "small", color=color, weight="SEMIBOLD")
        rule_y = self.rule.get_y()
        x = self.cell_center(-1, self.n_columns)[0]
        heading.move_to([x, rule_y, 0.0], aligned_edge=DOWN).shift(HEADING_GAP * UP)
        self.n_columns += 1
        return heading

    def _build_rule(self, first: int, stop: int) -> Line:
        y = -0.5 * self.row_height
        left = -RULE_OVERHANG if first == 0 else self.name_width + first * self.column_width
        right = self.name_width + stop * self.column_width
        return Line(
            [left, y, 0.0], [right, y, 0.0], color=self.theme.palette.axis, stroke_width=1.5
        )
