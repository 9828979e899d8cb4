"""Text set on a common baseline, and a readout whose value sits on its label's."""

from __future__ import annotations

from manim import UP, Text

from scenes.components.readout import Readout
from scenes.components.text import TextRole, build_text
from scenes.theme import Theme

__all__ = ["BaselineReadout", "set_baseline", "text_baseline"]

DESCENDERS = frozenset("gjpqy,;()")
"""Characters whose glyphs reach below the baseline (in the usual fonts)."""


def text_baseline(text: Text, theme: Theme, role: TextRole) -> float:
    """Return the y of the baseline that ``text`` (set at ``role``) stands on.

    A text without descenders stands on its bottom edge; one with them
    reaches below its baseline by the depth of a descender, measured as the
    extra height of ``"xp"`` over ``"x"`` in the same font and size.
    """
    bottom = float(text.get_bottom()[1])
    if DESCENDERS.isdisjoint(text.original_text):
        return bottom
    depth = build_text("xp", theme, role).height - build_text("x", theme, role).height
    return bottom + depth


def set_baseline(text: Text, y: float, theme: Theme, role: TextRole) -> Text:
    """Move ``text`` up or down so that it stands on the baseline ``y``."""
    return text.shift((y - text_baseline(text, theme, role)) * UP)


class BaselineReadout(Readout):
    """A :class:`Readout` whose value shares its label's baseline.

    The plain readout centres the value on the label, so a label with a
    descender (``precision``, ``accuracy``) pulls its value below the line.
    Here the value (digits or a dash) is centred on a ``0`` standing on the
    label's baseline instead; values of a column of readouts then line up
    when their labels are right-aligned.

    Parameters are those of :class:`Readout`.

    Examples
    --------
    >>> from scenes.theme import LIGHT
    >>> readout = BaselineReadout("precision", 0.5, LIGHT)
    >>> readout.value.text
    '0.50'
    """

    def _build_value(self, value: float) -> Text:
        shown = super()._build_value(value)
        line = text_baseline(self.label, self.theme, self.role)
        zero = build_text("0", self.theme, self.role)
        return shown.set_y(line + zero.height / 2)
