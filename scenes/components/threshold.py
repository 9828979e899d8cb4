"""A decision threshold: a dashed line across a score strip, with its value."""

from __future__ import annotations

from manim import UP, DashedLine, Text, ValueTracker, VGroup

from scenes.components.score_strip import ScoreStrip
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
        Holds the threshold, a score in [0, 1].
    theme
        Colours and sizes.

    Attributes
    ----------
    line : DashedLine
    label : Text
        ``threshold 0.50`` above the line.
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

    def _build_label(self) -> Text:
        text = f"threshold {self.tracker.get_value():.2f}"
        label = build_text(text, self.theme, "label", color=self.theme.palette.threshold)
        return label.next_to(self.line, UP, buff=0.1)
