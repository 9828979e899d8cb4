"""Renders that several test modules of tests/render share: each real render costs a minute."""

from __future__ import annotations

import pytest

from mlu_render.job import RenderJob
from mlu_render.render import RenderResult, render
from scenes.registry import get_scene
from tests.support.construct_calls import count_constructs


@pytest.fixture(scope="session")
def poster_render(tmp_path_factory) -> tuple[RenderResult, list[str]]:
    """Roc-auc's poster alone at low quality, and how its scene ran; never to be changed.

    A test that changes files works on a copy of ``result.job.out_dir``.
    """
    out = tmp_path_factory.mktemp("poster")
    with pytest.MonkeyPatch.context() as monkeypatch:
        calls = count_constructs(monkeypatch, get_scene("roc-auc"))
        result = render(RenderJob("roc-auc", quality="low", formats=("png",), out_dir=out))
    return result, calls
