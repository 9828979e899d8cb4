"""Colours and fonts live in the theme: no scene or component names one itself."""

from __future__ import annotations

import re
from pathlib import Path

import manim.utils.color.manim_colors as manim_colors
import pytest

SCENES = Path(__file__).parents[2] / "scenes"
STYLED = sorted(
    path for path in SCENES.rglob("*.py") if path.name not in {"theme.py", "__init__.py"}
)
HEX = re.compile(r"['\"]#[0-9A-Fa-f]{3,8}['\"]")
COLOUR_NAMES = {name for name in dir(manim_colors) if name.isupper() and len(name) > 2}
IMPORTED = re.compile(r"^from manim import \(?(?P<names>[^)]*)\)?", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("path", STYLED, ids=lambda p: str(p.relative_to(SCENES)))
def test_no_colour_literal_outside_the_theme(path):
    source = path.read_text()
    assert HEX.findall(source) == []
    imported = set()
    for match in IMPORTED.finditer(source):
        imported |= {name.strip() for name in match["names"].replace("\n", ",").split(",")}
    assert imported & COLOUR_NAMES == set()


@pytest.mark.parametrize("path", STYLED, ids=lambda p: str(p.relative_to(SCENES)))
def test_no_font_named_outside_the_theme(path):
    assert 'font="' not in path.read_text() and "font='" not in path.read_text()
