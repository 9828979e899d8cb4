"""Colours, fonts and sizes by role, light and dark: the only place they live."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DARK", "LIGHT", "THEMES", "Palette", "Theme", "Typography", "get_theme"]


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours named by what they mean, as ``#RRGGBB`` strings.

    ``positive`` and ``negative`` are the two classes; they come from the
    Okabe-Ito set and stay apart under the common colour-vision deficiencies
    (tested in ``tests/scenes/test_theme.py``), as do the data splits
    (``train``, ``validation``, ``test``) and the two groups (``group_a``,
    ``group_b``), taken from Paul Tol's schemes.
    """

    background: str
    surface: str
    text: str
    muted: str
    axis: str
    grid: str
    positive: str
    negative: str
    threshold: str
    curve: str
    chance: str
    good: str
    bad: str
    train: str
    validation: str
    test: str
    group_a: str
    group_b: str


@dataclass(frozen=True, slots=True)
class Typography:
    """Typeface and font sizes (manim ``font_size`` units) by role."""

    font: str = "Inter"
    title: float = 56
    heading: float = 34
    body: float = 28
    caption: float = 26
    label: float = 22
    small: float = 18


@dataclass(frozen=True, slots=True)
class Theme:
    """Everything a scene needs to know about how things look."""

    name: str
    palette: Palette
    type: Typography = Typography()
    stroke_width: float = 3.0
    dot_radius: float = 0.055


LIGHT = Theme(
    name="light",
    palette=Palette(
        background="#F7F7F2",
        surface="#FFFFFF",
        text="#1F2933",
        muted="#52606D",
        axis="#616E7C",
        grid="#D9DEE3",
        positive="#D55E00",
        negative="#0072B2",
        threshold="#1F2933",
        curve="#009E73",
        chance="#9AA5B1",
        good="#009E73",
        bad="#CC3311",
        train="#117733",
        validation="#DDAA33",
        test="#882255",
        group_a="#117733",
        group_b="#882255",
    ),
)

DARK = Theme(
    name="dark",
    palette=Palette(
        background="#111827",
        surface="#1F2937",
        text="#F3F4F6",
        muted="#B8C0CC",
        axis="#9CA3AF",
        grid="#374151",
        positive="#E69F00",
        negative="#56B4E9",
        threshold="#F3F4F6",
        curve="#3CC8A0",
        chance="#6B7280",
        good="#3CC8A0",
        bad="#F87171",
        train="#44AA99",
        validation="#EECC66",
        test="#AA4499",
        group_a="#44AA99",
        group_b="#DDCC77",
    ),
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, DARK)}


def get_theme(name: str) -> Theme:
    """Return the theme called ``name``.

    Raises
    ------
    ValueError
        If there is no such theme; the message lists the ones there are.
    """
    try:
        return THEMES[name]
    except KeyError:
        known = ", ".join(sorted(THEMES))
        raise ValueError(f"unknown theme {name!r}; choose one of: {known}") from None
