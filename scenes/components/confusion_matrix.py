"""A 2x2 confusion matrix whose counts can change while it is on screen."""

from __future__ import annotations

from manim import DOWN, LEFT, PI, RIGHT, UP, Rectangle, VGroup, VMobject

from scenes.components.digits import build_digits
from scenes.components.text import MINUS, build_text
from scenes.theme import Theme

__all__ = ["ConfusionMatrix"]

CELL_NAMES = (("TP", "FN"), ("FP", "TN"))
"""Cell names by (actual row, predicted column); positive class first."""

COUNT_MARGIN = 0.1
"""Room kept between a count and its cell's sides, in scene units."""


class ConfusionMatrix(VGroup):
    """Rows are the actual class, columns the predicted one, positive first.

    Parameters
    ----------
    theme
        Colours and sizes.
    cell_width, cell_height
        Size of one cell, in scene units.
    class_names
        Short names of the positive and negative class for the row and
        column headings.
    tabular
        Set whole counts digit by digit at a fixed pitch
        (:func:`~scenes.components.digits.build_digits`): for counts of many
        samples, which change on every frame of a sweep.

    Attributes
    ----------
    cells : VGroup
        The four rectangles, row by row (TP, FN, FP, TN).
    counts : VGroup
        The four counts, in the same order.
    """

    def __init__(
        self,
        theme: Theme,
        *,
        cell_width: float = 1.55,
        cell_height: float = 0.95,
        class_names: tuple[str, str] = ("+", MINUS),
        tabular: bool = False,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.tabular = tabular
        palette = theme.palette
        self.cells = VGroup()
        self.names = VGroup()
        self.counts = VGroup()
        for row in range(2):
            for col in range(2):
                correct = row == col
                cell = Rectangle(
                    width=cell_width,
                    height=cell_height,
                    stroke_color=palette.axis,
                    stroke_width=1.5,
                    fill_color=palette.good if correct else palette.bad,
                    fill_opacity=0.14,
                )
                cell.move_to([col * cell_width, -row * cell_height, 0.0])
                name = build_text(CELL_NAMES[row][col], theme, "small", color=palette.muted)
                name.move_to(
                    cell.get_corner(UP + LEFT) + 0.08 * (RIGHT + DOWN), aligned_edge=UP + LEFT
                )
                self.cells.add(cell)
                self.names.add(name)
                self.counts.add(self._build_count(0, cell))
        self.headings = self._build_headings(class_names)
        self.add(self.cells, self.names, self.counts, self.headings)

    def set_counts(self, tn: float, fp: float, fn: float, tp: float) -> ConfusionMatrix:
        """Show new counts, given in scikit-learn's order (tn, fp, fn, tp)."""
        for count, cell, value in zip(self.counts, self.cells, (tp, fn, fp, tn), strict=True):
            count.become(self._build_count(value, cell))
        return self

    def _build_count(self, value: float, cell: Rectangle) -> VMobject:
        whole = isinstance(value, int)
        text = f"{value:,}" if whole else f"{value:g}"
        build = build_digits if self.tabular and whole else build_text
        count = build(text, self.theme, "body", weight="SEMIBOLD")
        room = cell.width - 2 * COUNT_MARGIN
        if count.width > room:  # a large count shrinks to stay inside its cell
            count.scale_to_fit_width(room)
        return count.move_to(cell.get_center() + 0.08 * DOWN)

    def _build_headings(self, class_names: tuple[str, str]) -> VGroup:
        theme, palette = self.theme, self.theme.palette
        headings = VGroup()
        predicted = build_text("predicted", theme, "small", color=palette.muted)
        predicted.next_to(self.cells, UP, buff=0.42)
        actual = build_text("actual", theme, "small", color=palette.muted)
        actual.rotate(PI / 2).next_to(self.cells, LEFT, buff=0.55)
        headings.add(predicted, actual)
        colors = (palette.positive, palette.negative)
        for i, (name, color) in enumerate(zip(class_names, colors, strict=True)):
            column = build_text(name, theme, "label", color=color)
            column.next_to(self.cells[i], UP, buff=0.08)
            row = build_text(name, theme, "label", color=color)
            row.next_to(self.cells[2 * i], LEFT, buff=0.12)
            headings.add(column, row)
        return headings
