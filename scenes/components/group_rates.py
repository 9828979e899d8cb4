"""One group's name over its live error rates: ``FNR 0.48`` and ``FPR 0.07``."""

from __future__ import annotations

from manim import DOWN, LEFT, VGroup

from mlu_math.confusion import Confusion
from scenes.components.readout import Readout
from scenes.components.text import TextRole, build_text
from scenes.theme import Theme

__all__ = ["GroupRates"]


class GroupRates(VGroup):
    """A group's heading over its false negative and false positive rates.

    The false negative rate is labelled in the positive class's colour (it
    counts positives missed), the false positive rate in the negative class's
    (it counts negatives wrongly flagged).

    Parameters
    ----------
    name
        The group's name, shown as the heading.
    theme
        Colours and sizes.
    color
        Colour of the heading; the theme's text colour by default.
    role
        Text size role of the heading and the rates.
    fmt
        Format spec of the rates, e.g. ``".0%"``.

    Attributes
    ----------
    heading : Text
    fnr, fpr : Readout
    """

    def __init__(
        self,
        name: str,
        theme: Theme,
        *,
        color: str | None = None,
        role: TextRole = "body",
        fmt: str = ".2f",
    ) -> None:
        super().__init__()
        palette = theme.palette
        nan = float("nan")
        self.heading = build_text(name, theme, role, weight="BOLD", color=color)
        self.fnr = Readout("FNR", nan, theme, fmt=fmt, role=role, color=palette.positive)
        self.fpr = Readout("FPR", nan, theme, fmt=fmt, role=role, color=palette.negative)
        self.add(self.heading, self.fnr, self.fpr)
        self.arrange(DOWN, aligned_edge=LEFT, buff=0.16)

    def set_confusion(self, confusion: Confusion) -> GroupRates:
        """Show the rates of ``confusion``."""
        self.fnr.set_value(confusion.fnr)
        self.fpr.set_value(confusion.fpr)
        return self
