"""Swap a scene's story for a few seconds of it, for tests of the pipeline that renders it."""

from __future__ import annotations

import pytest
from manim import FadeIn, Square

from scenes.base import ExplainerScene
from scenes.registry import get_scene

__all__ = ["shorten"]


def shorten(monkeypatch: pytest.MonkeyPatch, slug: str = "roc-auc") -> type[ExplainerScene]:
    """Make scene ``slug`` tell a story of a few seconds (until ``monkeypatch`` undoes it).

    The story has what the pipeline writes files for: a chapter, a caption,
    animated frames, the poster's key frame and a still. Everything else of
    a real render (manim's encoder, the GIF, the MP4 mux, subtitles, the
    record) runs as usual, in seconds instead of a minute.
    """
    scene_class = get_scene(slug)

    def construct(scene: ExplainerScene) -> None:
        scene.chapter("Only", header=False)
        scene.caption("A square")
        scene.play(FadeIn(Square(color=scene.theme.palette.positive)), run_time=1)
        scene.key_frame(scene.poster)
        scene.wait(1)

    monkeypatch.setattr(scene_class, "construct", construct)
    return scene_class
