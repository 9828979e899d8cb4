"""The layout check: off-frame parts and text collisions in a scene as it stands."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import numpy as np
from manim import (
    DecimalNumber,
    MarkupText,
    Mobject,
    Paragraph,
    Scene,
    SingleStringMathTex,
    Text,
    VMobject,
)

from scenes.components.digits import DigitText
from scenes.components.flat_text import FlatText

__all__ = ["layout_problems"]

TEXT_TYPES = (FlatText, DigitText, Text, MarkupText, Paragraph, SingleStringMathTex, DecimalNumber)
TOLERANCE = 0.01
"""How far, in scene units, a box may stray before it counts."""


def layout_problems(scene: Scene) -> list[str]:
    """Return what is wrong with the layout of ``scene`` right now.

    Three kinds of problem are found: a visible mobject that reaches outside
    the frame; two visible text mobjects whose bounding boxes overlap; and a
    text that runs across the edge of a visible shape (text wholly inside a
    shape, such as a count in a table cell, is fine). A text mobject is a
    whole :class:`FlatText`, :class:`~manim.Text`, :class:`~manim.MathTex` or number, not its
    glyphs.

    Returns
    -------
    list of str
        One line per problem; empty when the layout is clean.
    """
    frame = scene.camera.frame_width / 2, scene.camera.frame_height / 2
    problems = [
        f"{_name(mob)} reaches outside the frame: {_box_text(box)}"
        for mob in _visible_leaves(scene.mobjects)
        if _outside(box := _box(mob), frame)
    ]
    texts = list(_visible_texts(scene.mobjects))
    for first, second in combinations(texts, 2):
        if _overlap(_box(first), _box(second)):
            problems.append(f"{_name(first)} overlaps {_name(second)}")
    shapes = [mob for mob in _visible_shapes(scene.mobjects) if _has_area(mob)]
    for text in texts:
        box = _box(text)
        problems.extend(
            f"{_name(text)} runs across {_name(shape)} at {_box_text(_box(shape))}"
            for shape in shapes
            if _overlap(box, _box(shape)) and not _inside(box, _box(shape))
        )
    return problems


def _visible_shapes(mobjects: list[Mobject]) -> Iterator[Mobject]:
    for mob in mobjects:
        if isinstance(mob, TEXT_TYPES):
            continue
        if mob.submobjects:
            yield from _visible_shapes(mob.submobjects)
        elif mob.has_points() and _is_visible(mob):
            yield mob


def _has_area(mob: Mobject) -> bool:
    """Whether a shape is drawn filled (a dot, a cell), not just a line."""
    return isinstance(mob, VMobject) and mob.get_fill_opacity() > 0.02


def _inside(inner: np.ndarray, outer: np.ndarray) -> bool:
    return bool(
        np.all(inner[0] >= outer[0] - TOLERANCE) and np.all(inner[1] <= outer[1] + TOLERANCE)
    )


def _visible_texts(mobjects: list[Mobject]) -> Iterator[Mobject]:
    for mob in mobjects:
        if isinstance(mob, TEXT_TYPES):
            if _is_visible(mob):
                yield mob
        else:
            yield from _visible_texts(mob.submobjects)


def _visible_leaves(mobjects: list[Mobject]) -> Iterator[Mobject]:
    for mob in mobjects:
        if mob.submobjects:
            yield from _visible_leaves(mob.submobjects)
        elif mob.has_points() and _is_visible(mob):
            yield mob


def _is_visible(mob: Mobject) -> bool:
    for part in mob.family_members_with_points():
        if not isinstance(part, VMobject):
            return True
        fill = part.get_fill_opacity()
        stroke = part.get_stroke_opacity() if part.get_stroke_width() > 0 else 0.0
        if max(fill, stroke) > 0.02:
            return True
    return False


def _box(mob: Mobject) -> np.ndarray:
    """Return ``[[xmin, ymin], [xmax, ymax]]``, stroke not included."""
    points = np.concatenate([m.points for m in mob.family_members_with_points()])
    return np.array([points[:, :2].min(axis=0), points[:, :2].max(axis=0)])


def _outside(box: np.ndarray, half: tuple[float, float]) -> bool:
    limit = np.array(half) + TOLERANCE
    return bool(np.any(box[0] < -limit) or np.any(box[1] > limit))


def _overlap(a: np.ndarray, b: np.ndarray) -> bool:
    gap = np.minimum(a[1], b[1]) - np.maximum(a[0], b[0])
    return bool(np.all(gap > TOLERANCE))


def _name(mob: Mobject) -> str:
    text = getattr(mob, "original_text", None) or getattr(mob, "tex_string", None)
    if text and len(text) > 40:
        text = text[:37] + "..."
    return f"{type(mob).__name__}({text!r})" if text else type(mob).__name__


def _box_text(box: np.ndarray) -> str:
    (x0, y0), (x1, y1) = box
    return f"x {x0:.2f}..{x1:.2f}, y {y0:.2f}..{y1:.2f}"
