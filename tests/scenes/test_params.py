"""`--set NAME=VALUE` becomes a scene's typed parameters, or a clear error."""

from __future__ import annotations

import pytest

from mlu_render.errors import JobError
from mlu_render.params import build_params, parse_assignments
from scenes.registry import SCENES, get_scene
from scenes.roc_auc import RocAucParams


@pytest.mark.parametrize(
    ("assignments", "field", "expected"),
    [
        (["seed=7"], "seed", 7),
        (["threshold=0.3"], "threshold", 0.3),
        (["captions=false"], "captions", False),
        (["captions=yes"], "captions", True),
        (["seed=1", "seed=2"], "seed", 2),
    ],
)
def test_values_are_converted_to_the_field_type(assignments, field, expected):
    params = build_params(RocAucParams, parse_assignments(assignments))
    assert getattr(params, field) == expected
    assert type(getattr(params, field)) is type(expected)


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        (["speed=2"], r"unknown parameter 'speed'; valid parameters: seed \(int\)"),
        (["seed=two"], "parameter 'seed' takes an integer, got 'two'"),
        (["threshold=high"], "parameter 'threshold' takes a number, got 'high'"),
        (["captions=maybe"], "parameter 'captions' takes true or false"),
        (["threshold=1.5"], r"threshold must be in \[0, 1\], got 1.5"),
        (["seed"], "--set takes NAME=VALUE, got 'seed'"),
    ],
)
def test_bad_assignments_are_refused_with_a_clear_message(assignments, message):
    with pytest.raises(JobError, match=message):
        build_params(RocAucParams, parse_assignments(assignments))


@pytest.mark.parametrize("slug", sorted(SCENES))
@pytest.mark.parametrize("seed", [-1, 2**32])
def test_every_scene_refuses_a_seed_numpy_cannot_take(slug, seed):
    with pytest.raises(ValueError, match=rf"seed must be in \[0, 4294967295\], got {seed}"):
        get_scene(slug).Params(seed=seed)
