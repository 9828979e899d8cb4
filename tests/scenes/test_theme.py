"""The theme: class colours stay apart under colour-vision deficiency; text is legible."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.theme import THEMES, get_theme

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
# Simulation of Color Vision Deficiency", severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
    "none": np.eye(3).tolist(),
}
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def _linear(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = SRGB_TO_XYZ @ np.clip(linear_rgb, 0, 1) / WHITE_D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _contrast(a: str, b: str) -> float:
    lum = [float(_linear(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b)]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


DISTINCT = [
    ("positive", "negative"),
    ("train", "validation"),
    ("train", "test"),
    ("validation", "test"),
    ("group_a", "group_b"),
]


@pytest.mark.parametrize("pair", DISTINCT, ids="/".join)
@pytest.mark.parametrize("vision", sorted(CVD))
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_roles_stay_distinct_under_colour_vision_deficiency(theme, vision, pair):
    palette = get_theme(theme).palette
    matrix = np.array(CVD[vision])
    first, second = (_lab(matrix @ _linear(getattr(palette, role))) for role in pair)
    # CIE76 distance; about 2.3 is just noticeable, 20 is plainly different.
    assert np.linalg.norm(first - second) > 20


@pytest.mark.parametrize("role", ["text", "muted", "positive", "negative", "threshold"])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_text_colours_are_legible_on_the_background(theme, role):
    palette = get_theme(theme).palette
    # WCAG 2 asks 4.5:1 for body text, 3:1 for large text; labels are large-ish.
    minimum = 4.5 if role in ("text", "muted") else 3.0
    assert _contrast(getattr(palette, role), palette.background) >= minimum


def test_unknown_theme_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown theme 'sepia'; choose one of: dark, light"):
        get_theme("sepia")
