"""Horizontal bars of shares in [0, 1], each under its label with its value."""

from __future__ import annotations

from collections.abc import Sequence

from manim import LEFT, RIGHT, UP, Rectangle, VGroup

from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ShareBars"]


class ShareBars(VGroup):
    """One bar per (label, share), stacked downwards on a common 0-1 scale.

    Each bar lies on a faint track that spans the whole scale, so bars of
    similar length can be compared against the full length; the value is
    written after the track.

    Parameters
    ----------
    rows
        Pairs of (label, share), shares in [0, 1].
    theme
        Colours and sizes.
    length
        Length of the full scale (share 1), in scene units.
    bar_height
        Thickness of each bar.
    fmt
        Format of the values, e.g. ``".1%"``.
    colors
        One colour per bar; the theme's curve colour by default.

    Attributes
    ----------
    labels, tracks, bars, values : VGroup
        One part per row, in order.
    """

    def __init__(
        self,
        rows: Sequence[tuple[str, float]],
        theme: Theme,
        *,
        length: float = 4.0,
        bar_height: float = 0.4,
        fmt: str = ".1%",
        colors: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        for _, share in rows:
            if not 0.0 <= share <= 1.0:
                raise ValueError(f"every share must be in [0, 1], got {share}")
        palette = theme.palette
        colors = colors if colors is not None else [palette.curve] * len(rows)
        self.labels, self.tracks, self.bars, self.values = VGroup(), VGroup(), VGroup(), VGroup()
        for k, ((label, share), color) in enumerate(zip(rows, colors, strict=True)):
            y = -k * (bar_height + 0.85)
            track = Rectangle(
                width=length, height=bar_height, stroke_width=0, fill_color=palette.grid
            )
            track.set_fill(opacity=0.6).move_to([length / 2, y, 0.0])
            bar = Rectangle(
                width=max(share * length, 1e-3), height=bar_height, stroke_width=0
            ).set_fill(color, opacity=0.9)
            bar.move_to(track.get_left(), aligned_edge=LEFT)
            name = build_text(label, theme, "label", color=palette.muted)
            name.next_to(track, UP, buff=0.12, aligned_edge=LEFT)
            value = build_text(format(share, fmt), theme, "body", weight="SEMIBOLD")
            value.next_to(track, RIGHT, buff=0.2)
            self.labels.add(name)
            self.tracks.add(track)
            self.bars.add(bar)
            self.values.add(value)
        self.add(self.tracks, self.bars, self.labels, self.values)

    def row(self, k: int) -> VGroup:
        """Return the parts of row ``k``: label, track, bar and value."""
        return VGroup(self.labels[k], self.tracks[k], self.bars[k], self.values[k])
