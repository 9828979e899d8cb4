"""Text laid out once by Pango and held as a single path, so copying it is nearly free."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from manim import Text, VMobject

__all__ = ["FlatText"]


class FlatText(VMobject):
    """A line (or lines) of text drawn as one path instead of one mobject per glyph.

    manim's :class:`~manim.Text` holds each glyph as its own mobject, so a copy
    (which every ``FadeIn``, ``Transform`` and ``become`` makes) deep-copies
    dozens of objects: 30-80 ms for a caption. A flat text holds the same
    outlines as the subpaths of one :class:`~manim.VMobject` and draws the same
    pixels (Cairo fills each glyph's subpaths alike either way), but a copy
    takes microseconds.

    Parameters
    ----------
    text
        What to write; a newline starts a new line.
    font, font_size, color, weight
        As for :class:`manim.Text`.

    Attributes
    ----------
    text : str
        The text as given (also ``original_text``, manim's name for it).
    cap_height : float
        The height of a capital letter as drawn now, in scene units.
    baseline : float
        The y its letters stand on (the median of the glyphs' bottoms), as drawn now.

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> style = {"font": LIGHT.type.font, "color": LIGHT.palette.text}
    >>> label = FlatText("AUC 0.91", font_size=28, **style)
    >>> label.text, len(label.submobjects)
    ('AUC 0.91', 0)
    >>> capital = FlatText("H", font_size=28, **style)
    >>> f"{label.cap_height:.4f} = {capital.height:.4f}"
    '0.2828 = 0.2828'
    """

    def __init__(
        self,
        text: str,
        *,
        font: str,
        font_size: float,
        color: str,
        weight: str = "NORMAL",
    ) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_color=color, stroke_width=0)
        self.text = text
        outlines, baseline = _outlines(text, font, font_size, weight)
        self.set_points(outlines.copy())
        # Kept relative to the box's longer side, which survives any uniform
        # scaling (and, for the cap height, quarter turns: a rotated axis title).
        span = max(_span(outlines), 1e-9)
        self._cap_share = _cap_height(font, font_size, weight) / span
        bottom = outlines[:, 1].min() if len(outlines) else 0.0
        self._baseline_share = (baseline - bottom) / span

    @property
    def original_text(self) -> str:
        """The text as given, under the name :class:`manim.Text` uses."""
        return self.text

    @property
    def cap_height(self) -> float:
        """The height of a capital letter as drawn now, in scene units."""
        return self._cap_share * _span(self.points)

    @property
    def baseline(self) -> float:
        """The y that the letters stand on, as drawn now (unrotated text)."""
        return float(self.get_bottom()[1]) + self._baseline_share * _span(self.points)


def _span(points: np.ndarray) -> float:
    """Return the longer side of the box around ``points`` (0 for none)."""
    if len(points) == 0:
        return 0.0
    extent = points[:, :2].max(axis=0) - points[:, :2].min(axis=0)
    return float(extent.max())


@lru_cache(maxsize=4096)
def _outlines(text: str, font: str, font_size: float, weight: str) -> tuple[np.ndarray, float]:
    """Return the points of every glyph of ``text`` laid out by Pango, and its baseline's y."""
    glyphs = Text(text, font=font, font_size=font_size, weight=weight).family_members_with_points()
    if not glyphs:
        return np.zeros((0, 3)), 0.0
    outlines = np.concatenate([glyph.points for glyph in glyphs])
    outlines.setflags(write=False)
    baseline = float(np.median([glyph.get_bottom()[1] for glyph in glyphs]))
    return outlines, baseline


def _cap_height(font: str, font_size: float, weight: str) -> float:
    """Return the height of a capital H in the font, in scene units."""
    return _span(_outlines("H", font, font_size, weight)[0])
