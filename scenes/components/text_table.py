"""A table of texts whose rows stand on common baselines."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import LEFT, RIGHT, Text, VGroup

from scenes.components.baseline_readout import set_baseline
from scenes.components.text import TextRole
from scenes.theme import Theme

__all__ = ["Cell", "build_text_table"]

Cell = tuple[Text, TextRole] | None
"""A text and the size role it was set at; ``None`` for an empty cell."""


def build_text_table(
    rows: Sequence[Sequence[Cell]],
    theme: Theme,
    *,
    row_step: float | Sequence[float] = 0.5,
    col_gap: float = 0.45,
    align: str | None = None,
) -> VGroup:
    """Lay texts out in a grid, each row on one baseline.

    Centring cells on their row (as ``arrange_in_grid`` does) lifts words
    without descenders above their neighbours; here every text of a row
    stands on the same line, as in typeset tables.

    Parameters
    ----------
    rows
        The cells, row by row from the top; every row as long as the first.
    theme
        Sizes, for measuring descenders.
    row_step
        Distance between the baselines of consecutive rows: one for all, or
        one per gap (``len(rows) - 1`` of them).
    col_gap
        Space between the widest cells of neighbouring columns.
    align
        One character per column, ``"l"``, ``"c"`` or ``"r"``; centred by
        default.

    Returns
    -------
    table : VGroup
        One VGroup per column (its non-empty cells, top to bottom), so that
        columns can be revealed one at a time; centred on the origin.
    """
    n_cols = len(rows[0])
    if any(len(row) != n_cols for row in rows):
        raise ValueError("every row of the table must have the same number of cells")
    align = align or "c" * n_cols
    if len(align) != n_cols or set(align) - set("lcr"):
        raise ValueError(f"align needs one of l, c, r per column ({n_cols}), got {align!r}")
    steps = np.broadcast_to(np.asarray(row_step, dtype=float), (len(rows) - 1,))
    baselines = -np.concatenate([[0.0], np.cumsum(steps)])
    widths = [
        max((cell[0].width for cell in column if cell), default=0.0)
        for column in zip(*rows, strict=True)
    ]
    columns = [VGroup() for _ in range(n_cols)]
    left = 0.0
    for col, width in enumerate(widths):
        for index, row in enumerate(rows):
            if row[col] is None:
                continue
            text, role = row[col]
            set_baseline(text, float(baselines[index]), theme, role)
            if align[col] == "l":
                text.align_to([left, 0, 0], LEFT)
            elif align[col] == "r":
                text.align_to([left + width, 0, 0], RIGHT)
            else:
                text.set_x(left + width / 2)
            columns[col].add(text)
        left += width + col_gap
    table = VGroup(*columns)
    return table.move_to([0, 0, 0])
