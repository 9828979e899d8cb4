"""Live numbers set from cached glyphs: the same shapes as laid-out text, at a fixed pitch."""

import numpy as np
import pytest

from scenes.components.digits import DigitText, build_digits
from scenes.components.flat_text import FlatText
from scenes.components.text import build_text
from scenes.theme import get_theme

THEME = get_theme("light")


def centred(points: np.ndarray) -> np.ndarray:
    return points - (points.min(axis=0) + points.max(axis=0)) / 2


@pytest.mark.parametrize("char", list("0123456789"))
def test_a_digit_has_the_shape_pango_gives_it(char):
    ours = build_digits(char, THEME, "body", weight="SEMIBOLD")
    pango = build_text(char, THEME, "body", weight="SEMIBOLD")
    np.testing.assert_allclose(centred(ours.points), centred(pango.points), atol=1e-6)


def test_digits_sit_at_a_fixed_pitch_on_one_baseline():
    ours = build_digits("1188", THEME, "label")
    assert isinstance(ours, DigitText) and ours.text == "1188"
    glyphs = [build_digits(c, THEME, "label") for c in "1188"]
    sizes = [len(g.points) for g in glyphs]
    parts = np.split(ours.points, np.cumsum(sizes)[:-1])
    centres = [(p[:, 0].min() + p[:, 0].max()) / 2 for p in parts]
    assert np.diff(centres) == pytest.approx([np.diff(centres)[0]] * 3)
    bottoms = [p[:, 1].min() for p in parts[:2]]  # the two 1s stand on the baseline
    assert bottoms[0] == pytest.approx(bottoms[1])


def test_a_longer_number_is_wider_by_whole_digits():
    widths = [build_digits(text, THEME, "body").width for text in ("8", "88", "888")]
    assert widths[2] - widths[1] == pytest.approx(widths[1] - widths[0])


@pytest.mark.parametrize("text", ["inf", "1e+06", "n/a", ""])
def test_other_text_is_laid_out_whole(text):
    assert isinstance(build_digits(text, THEME, "body"), FlatText)
