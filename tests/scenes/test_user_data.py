"""Scenes drawn from a user's own scores: logits, real sizes, a sample of dots that says so."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Dot

from mlu_math.score_axis import score_axis
from mlu_math.scores import ClassifierScores
from mlu_render.scene_run import SceneInputs, run_scene
from scenes.components.score_strip import score_text
from scenes.equality_of_odds import DOTS_PER_GROUP
from scenes.registry import get_scene
from scenes.roc_auc import PANEL_DOTS
from scenes.theme import get_theme
from scenes.threshold_story import DOTS_SHOWN
from tests.support.layout import layout_problems

MOST_MOBJECTS = 1200
"""Most mobjects on stage at any key frame, whatever the data's size (the
built-in data, 143 tumours, peaks at 929)."""


def logit_scores(n: int, seed: int = 0) -> ClassifierScores:
    """Labels, logit scores (far outside [0, 1]) and two groups of ``n`` samples."""
    rng = np.random.default_rng(seed)
    group = np.where(rng.random(n) < 0.5, "A", "B")
    y_true = (rng.random(n) < np.where(group == "A", 0.5, 0.3)).astype(np.int8)
    y_score = rng.normal(np.where(y_true == 1, 1.0, -1.0), 2.0)
    return ClassifierScores(y_true, y_score, "logits", "made-up logits", group=group)


def run_key_frames(slug: str, data: ClassifierScores) -> dict[str, dict]:
    """Run a scene with animations skipped; note what is on stage at each key frame."""
    seen: dict[str, dict] = {}

    def look(scene, name):
        family = scene.get_mobject_family_members()
        seen[name] = {
            "mobjects": len(family),
            "dots": sum(isinstance(m, Dot) for m in family),
            "texts": [m.original_text for m in family if hasattr(m, "original_text")],
            "problems": layout_problems(scene),
        }

    scene_class = get_scene(slug)
    inputs = SceneInputs(scene_class, scene_class.Params(), get_theme("light"), data)
    run_scene(inputs, quality=(320, 180, 15), on_key_frame=look)
    return seen


@pytest.fixture(scope="module")
def roc_auc_at_scale() -> dict[str, dict]:
    return run_key_frames("roc-auc", logit_scores(100_000))


def test_a_hundred_thousand_rows_draw_a_bounded_number_of_mobjects(roc_auc_at_scale):
    assert set(roc_auc_at_scale) == {
        "scores", "threshold", "sweep", "auc", "pairs", "compare", "definitions"
    }  # fmt: skip
    for name, seen in roc_auc_at_scale.items():
        assert seen["mobjects"] <= MOST_MOBJECTS, name
        assert seen["dots"] <= DOTS_SHOWN + 3 * PANEL_DOTS + 2, name
    assert roc_auc_at_scale["scores"]["dots"] == DOTS_SHOWN


def test_the_strip_says_how_many_dots_it_shows(roc_auc_at_scale):
    assert f"{DOTS_SHOWN} of 100,000 samples shown" in roc_auc_at_scale["scores"]["texts"]
    assert (
        f"each strip: {PANEL_DOTS} of 100,000 samples shown"
        in (roc_auc_at_scale["compare"]["texts"])
    )


def test_the_score_axis_spans_the_logits_with_rounded_ticks(roc_auc_at_scale):
    data = logit_scores(100_000)
    axis = score_axis(data.y_score)
    assert axis.low <= data.y_score.min() < 0 < 1 < data.y_score.max() <= axis.high
    labels = [score_text(tick, axis.tick_decimals) for tick in axis.ticks]
    assert labels[0].startswith("\N{MINUS SIGN}") and "0" in labels
    texts = roc_auc_at_scale["scores"]["texts"]
    assert set(labels) <= set(texts) and "0.25" not in texts


def test_logits_keep_a_clean_layout_at_every_key_frame(roc_auc_at_scale):
    problems = {name: seen["problems"] for name, seen in roc_auc_at_scale.items()}
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.mark.parametrize("slug", ["precision-recall", "equality-of-odds"])
def test_other_data_scenes_draw_logits_cleanly_and_sampled(slug):
    seen = run_key_frames(slug, logit_scores(20_000, seed=1))
    most_dots = 2 * DOTS_PER_GROUP if slug == "equality-of-odds" else DOTS_SHOWN
    for name, frame in seen.items():
        assert frame["problems"] == [], name
        assert frame["dots"] <= most_dots + 4, name
    first = next(iter(seen.values()))
    assert any(text.endswith(" samples shown") for text in first["texts"])
