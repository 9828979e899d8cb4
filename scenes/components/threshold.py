"""A decision threshold: a dashed line across a score strip, with its value."""

from __future__ import annotations

from functools import lru_cache

from manim import DOWN, RIGHT, UP, DashedLine, ValueTracker, VGroup, VMobject

from scenes.components.digits import build_digits
from scenes.components.score_strip import ScoreStrip, score_text
from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = ["ThresholdMarker"]


class ThresholdMarker(VGroup):
    """A dashed line that follows ``tracker`` along ``strip``'s score axis.

    Parameters
    ----------
    strip
        The score strip the threshold cuts.
    tracker
        Holds the threshold, a score on ``strip``'s axis.
    theme
        Colours and sizes.

    Attributes
    ----------
    line : DashedLine
    label : VMobject
        ``threshold 0.50`` above the line, with as many decimals as
        ``strip``'s axis gives a score. Off the 0-1 axis the value (new on
        nearly every frame) is set digit by digit beside a fixed word.
    """

    def __init__(self, strip: ScoreStrip, tracker: ValueTracker, theme: Theme) -> None:
        super().__init__()
        self.strip = strip
        self.tracker = tracker
        self.theme = theme
        color = theme.palette.threshold
        self.line = DashedLine(
            [0, strip.bottom - 0.12, 0],
            [0, strip.top, 0],
            color=color,
            stroke_width=theme.stroke_width,
            dash_length=0.08,
        )
        self.label = self._build_label()
        self.add(self.line, self.label)
        self.add_updater(lambda marker: marker.follow())
        self.follow()

    def follow(self) -> ThresholdMarker:
        """Move to the tracker's current value and refresh the label."""
        x = self.strip.x_at(self.tracker.get_value())
        self.line.set_x(x)
        self.label.become(self._build_label())
        return self

    def _build_label(self) -> VMobject:
        axis, theme, color = self.strip.score_axis, self.theme, self.theme.palette.threshold
        value = score_text(self.tracker.get_value(), axis.decimals)
        if axis.probability:
            label = build_text(f"threshold {value}", theme, "label", color=color)
        else:
            word = build_text("threshold", theme, "label", color=color)
            number = build_digits(value, theme, "label", color=color)
            number.next_to(word, RIGHT, buff=_space(theme)).align_to(word, DOWN)
            label = VGroup(word, number)
        return label.next_to(self.line, UP, buff=0.1)


@lru_cache(maxsize=8)
def _space(theme: Theme) -> float:
    """Return the gap Pango leaves between "threshold" and a digit after it."""
    word, digit = (build_text(text, theme, "label") for text in ("threshold", "0"))
    return build_text("threshold 0", theme, "label").width - word.width - digit.width
