"""Scene parts without rendering: beeswarm, timeline, layout check, registry."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from manim import Scene, Square, Text, tempconfig

from scenes.base import BaseParams, ExplainerScene
from scenes.components.beeswarm import beeswarm_levels
from scenes.registry import SCENES, UnknownSceneError, get_scene
from scenes.timeline import Cue, Timeline
from tests.support.layout import layout_problems


@pytest.mark.parametrize("seed", range(5))
def test_beeswarm_dots_on_one_level_never_overlap(seed):
    x = np.random.default_rng(seed).uniform(0, 3, size=200)
    levels = beeswarm_levels(x, 0.1)
    for level in np.unique(levels):
        row = np.sort(x[levels == level])
        assert np.all(np.diff(row) >= 0.1 - 1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_beeswarm_uses_the_lowest_free_level(seed):
    x = np.random.default_rng(seed).uniform(0, 3, size=120)
    levels = beeswarm_levels(x, 0.1)
    order = np.argsort(x, kind="stable")
    for rank, i in enumerate(order):
        earlier = order[:rank]
        for lower in range(levels[i]):
            # every lower level must hold an earlier dot closer than a diameter
            on_level = earlier[levels[earlier] == lower]
            last = x[on_level].max()
            assert x[i] - last < 0.1


def test_beeswarm_rejects_a_bad_diameter():
    with pytest.raises(ValueError, match="diameter must be positive"):
        beeswarm_levels([0.0, 1.0], 0.0)


def test_timeline_closes_each_span_when_the_next_starts():
    timeline = Timeline()
    timeline.start_caption(0.5, "one")
    timeline.start_chapter(0.0, "A")
    timeline.start_caption(2.0, "two")
    timeline.start_chapter(3.0, "B")
    timeline.finish(5.0)
    assert timeline.captions == [Cue(0.5, 2.0, "one"), Cue(2.0, 5.0, "two")]
    assert timeline.chapters == [Cue(0.0, 3.0, "A"), Cue(3.0, 5.0, "B")]


def _scene_with(*mobjects):
    with tempconfig({"dry_run": True, "verbosity": "ERROR"}):
        scene = Scene()
    scene.add(*mobjects)
    return scene


def test_layout_check_passes_a_clean_layout():
    assert (
        layout_problems(_scene_with(Text("left").shift([-3, 0, 0]), Text("right").shift([3, 0, 0])))
        == []
    )


def test_layout_check_finds_overlapping_text():
    problems = layout_problems(_scene_with(Text("first"), Text("second")))
    assert problems == ["Text('first') overlaps Text('second')"]


def test_layout_check_finds_text_leaving_the_frame():
    problems = layout_problems(_scene_with(Text("far away").shift([7.5, 0, 0])))
    assert problems and all("outside the frame" in p for p in problems)


def test_layout_check_finds_text_across_a_filled_shape_but_not_inside_one():
    inside = _scene_with(Square(side_length=3, fill_opacity=0.5), Text("in"))
    across = _scene_with(Square(side_length=1, fill_opacity=0.5).shift([0.6, 0, 0]), Text("across"))
    assert layout_problems(inside) == []
    assert any("runs across Square" in p for p in layout_problems(across))


@pytest.mark.parametrize("slug", sorted(SCENES))
def test_registered_scene_describes_itself(slug):
    scene = get_scene(slug)
    assert issubclass(scene, ExplainerScene)
    assert scene.slug == slug
    assert scene.title and scene.summary and scene.poster
    assert issubclass(scene.Params, BaseParams)
    assert dataclasses.fields(scene.Params)
    with pytest.raises(dataclasses.FrozenInstanceError):
        scene.Params().seed = 1  # type: ignore[misc]


def test_unknown_slug_suggests_the_closest():
    with pytest.raises(UnknownSceneError, match="did you mean 'roc-auc'"):
        get_scene("roc-acu")
