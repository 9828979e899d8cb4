"""Live numbers set a character at a time, from glyphs laid out once, at a fixed pitch."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from manim import ORIGIN, Text, VMobject

from scenes.components.text import TextRole, build_text
from scenes.theme import Theme

__all__ = ["CHARACTERS", "DigitText", "build_digits"]

CHARACTERS = "0123456789,.\N{MINUS SIGN}+%"
"""What a live number may hold; other text is laid out whole by :func:`build_text`."""

_TABULAR = "0123456789\N{MINUS SIGN}+"
"""Characters that share the digits' pitch, so a changing number keeps its width."""


class DigitText(VMobject):
    """A number drawn as one path, its characters copied from glyphs laid out once.

    Attributes
    ----------
    text : str
        The number as written (also ``original_text``, manim's name for it).
    """

    def __init__(self, text: str, points: np.ndarray, color: str) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_color=color, stroke_width=0)
        self.text = text
        self.set_points(points)
        self.move_to(ORIGIN)

    @property
    def original_text(self) -> str:
        """The text as given, under the name :class:`manim.Text` uses."""
        return self.text


@dataclass(frozen=True)
class _Glyphs:
    """Each character's outline (ink centred on x = 0, baseline at y = 0) and pitch."""

    outlines: dict[str, np.ndarray]
    pitch: dict[str, float]


def build_digits(
    text: str,
    theme: Theme,
    role: TextRole = "body",
    *,
    color: str | None = None,
    weight: str = "NORMAL",
) -> VMobject:
    """Return a number set in the theme's font, one cached glyph per character.

    A live number (a count that changes on every frame of a sweep over a
    million samples) laid out whole would cost a new Pango layout per frame;
    here each character is a copy of a glyph laid out once. Digits and signs
    share one pitch, like tabular figures, so the number does not jitter as
    it changes. Text with any character outside :data:`CHARACTERS` is laid
    out whole by :func:`~scenes.components.text.build_text`.

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> count = build_digits("32,927", LIGHT, "body")
    >>> count.text, bool(count.width < build_digits("132,927", LIGHT, "body").width)
    ('32,927', True)
    """
    fill = color if color is not None else theme.palette.text
    if not text or any(char not in CHARACTERS for char in text):
        return build_text(text, theme, role, color=color, weight=weight)
    glyphs = _glyphs(theme.type.font, getattr(theme.type, role), weight)
    parts, x = [], 0.0
    for char in text:
        pitch = glyphs.pitch[char]
        parts.append(glyphs.outlines[char] + np.array([x + pitch / 2, 0.0, 0.0]))
        x += pitch
    return DigitText(text, np.concatenate(parts), fill)


@lru_cache(maxsize=32)
def _glyphs(font: str, size: float, weight: str) -> _Glyphs:
    """Lay out every character once; return their outlines and pitches."""
    laid_out = Text(CHARACTERS, font=font, font_size=size, weight=weight)
    shapes = dict(zip(CHARACTERS, laid_out.submobjects, strict=True))
    baseline = shapes["1"].get_bottom()[1]
    digits = [shapes[char] for char in "0123456789"]
    pitch = (digits[-1].get_left()[0] - digits[0].get_left()[0]) / 9
    gap = pitch - float(np.mean([glyph.width for glyph in digits]))
    outlines, pitches = {}, {}
    for char, shape in shapes.items():
        outline = shape.points - np.array([shape.get_center()[0], baseline, 0.0])
        outline.setflags(write=False)
        outlines[char] = outline
        pitches[char] = pitch if char in _TABULAR else shape.width + gap
    return _Glyphs(outlines, pitches)
