"""A named number on screen, such as ``TPR 0.82``, that can change."""

from __future__ import annotations

from manim import RIGHT, Text, VGroup

from scenes.components.text import TextRole, build_text
from scenes.theme import Theme

__all__ = ["Readout"]


class Readout(VGroup):
    """A label followed by a formatted value.

    Parameters
    ----------
    label
        What the number is, e.g. ``"TPR"``.
    value
        The number to show first.
    theme
        Colours and sizes.
    fmt
        Format spec for the value; ``nan`` is shown as a dash.
    role
        Text size role for both parts.
    color
        Colour of the label; the value uses the theme's text colour.
    """

    def __init__(
        self,
        label: str,
        value: float,
        theme: Theme,
        *,
        fmt: str = ".2f",
        role: TextRole = "body",
        color: str | None = None,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.fmt = fmt
        self.role: TextRole = role
        self.label = build_text(label, theme, role, color=color or theme.palette.muted)
        self.value = self._build_value(value)
        self.add(self.label, self.value)

    def set_value(self, value: float) -> Readout:
        """Show ``value`` in place of the current one."""
        self.value.become(self._build_value(value))
        return self

    def _build_value(self, value: float) -> Text:
        text = "\N{EN DASH}" if value != value else format(value, self.fmt)
        shown = build_text(text, self.theme, self.role, weight="SEMIBOLD")
        return shown.next_to(self.label, RIGHT, buff=0.18)
