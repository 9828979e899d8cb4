"""Text in the theme's typeface: headers, captions, title cards."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from manim import DOWN, UL, UP, VGroup, config

from scenes.components.flat_text import FlatText
from scenes.theme import Theme

__all__ = ["MINUS", "TextRole", "build_caption", "build_header", "build_text", "build_title_card"]

TextRole = Literal["title", "heading", "body", "caption", "label", "small"]

MINUS = "\N{MINUS SIGN}"
"""A real minus sign, for class names such as ``+`` and ``-``."""

EDGE = 0.35
"""Margin, in scene units, kept clear around the frame's edge."""

CAPTION_CHARS_PER_LINE = 72


def build_text(
    text: str,
    theme: Theme,
    role: TextRole = "body",
    *,
    color: str | None = None,
    weight: str = "NORMAL",
) -> FlatText:
    """Return ``text`` set in the theme's font at the size of ``role``.

    Each distinct text is laid out by Pango once and copied after that; the
    copy is a single path (:class:`FlatText`), so live numbers and the
    copies every animation makes cost next to nothing.
    """
    size = getattr(theme.type, role)
    fill = color if color is not None else theme.palette.text
    return _laid_out(text, theme.type.font, size, fill, weight).copy()


@lru_cache(maxsize=4096)
def _laid_out(text: str, font: str, size: float, color: str, weight: str) -> FlatText:
    return FlatText(text, font=font, font_size=size, color=color, weight=weight)


def build_header(name: str, theme: Theme) -> FlatText:
    """Return a chapter's header, placed in the top-left corner."""
    header = build_text(name, theme, "heading", weight="SEMIBOLD")
    return header.to_corner(UL, buff=EDGE)


def build_caption(text: str, theme: Theme) -> FlatText:
    """Return a caption as one or two centred lines at the bottom of the frame."""
    caption = build_text(_wrap(text), theme, "caption", color=theme.palette.muted)
    max_width = config.frame_width - 2 * EDGE
    if caption.width > max_width:
        caption.scale_to_fit_width(max_width)
    return caption.to_edge(DOWN, buff=EDGE)


def build_title_card(title: str, subtitle: str, theme: Theme) -> VGroup:
    """Return a centred title with a one-line subtitle beneath it."""
    head = build_text(title, theme, "title", weight="BOLD")
    sub = build_text(subtitle, theme, "body", color=theme.palette.muted)
    card = VGroup(head, sub).arrange(DOWN, buff=0.35)
    return card.move_to(0.3 * UP)


def _wrap(text: str) -> str:
    """Break a long caption into two lines at the space nearest its middle."""
    if len(text) <= CAPTION_CHARS_PER_LINE or "\n" in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]
