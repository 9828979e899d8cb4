"""What several test modules of tests/render share: real renders (a minute each) and clips."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlu_render.job import RenderJob
from mlu_render.render import RenderResult, render
from scenes.registry import get_scene
from tests.render.gif_clips import flat_frame, rich_frame, write_lossless
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


@pytest.fixture(scope="session")
def flat50(tmp_path_factory) -> Path:
    """2 s of flat frames at 50 fps, a rate GIF keeps as it is (lossless; never to be changed)."""
    folder = tmp_path_factory.mktemp("flat50")
    return write_lossless(folder / "flat50.mkv", [flat_frame(i) for i in range(100)], 50)


@pytest.fixture(scope="session")
def flat30(tmp_path_factory) -> Path:
    """2 s of flat frames at 30 fps, a rate GIF cannot keep (lossless; never to be changed)."""
    folder = tmp_path_factory.mktemp("flat30")
    return write_lossless(folder / "flat30.mkv", [flat_frame(i) for i in range(60)], 30)


@pytest.fixture(scope="session")
def rich30(tmp_path_factory) -> Path:
    """2 s of anti-aliased frames at 30 fps (lossless; never to be changed)."""
    folder = tmp_path_factory.mktemp("rich30")
    return write_lossless(folder / "rich30.mkv", [rich_frame(i) for i in range(60)], 30)
