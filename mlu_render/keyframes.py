"""Render a scene's key frames as still images, with or without playing it."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer
from PIL import Image

from mlu_math.scores import ClassifierScores
from mlu_render.manim_config import manim_settings
from mlu_render.tap import LastFrame, tapped_writer
from scenes.base import BaseParams, ExplainerScene
from scenes.layout import layout_problems
from scenes.theme import Theme

__all__ = ["KeyFrame", "render_key_frames"]


@dataclass(frozen=True)
class KeyFrame:
    """One key frame: its name, scene time, image and layout problems."""

    name: str
    time: float
    image: Image.Image
    problems: tuple[str, ...]


def render_key_frames(
    scene_class: type[ExplainerScene],
    *,
    params: BaseParams | None = None,
    theme: Theme | None = None,
    width: int = 640,
    height: int = 360,
    played: bool = False,
    frame_rate: int = 15,
    data: ClassifierScores | None = None,
) -> list[KeyFrame]:
    """Run ``scene_class`` and grab each key frame.

    By default animations are skipped: every play jumps to its end state and
    each key frame is drawn afresh, so a whole scene takes seconds. With
    ``played=True`` the scene is played frame by frame (no file is written)
    and each key frame is the last frame the video would show; the two must
    agree, which is what the render tests check.
    """
    frames: list[KeyFrame] = []
    last = LastFrame()

    def grab(scene: ExplainerScene, name: str) -> None:
        pixels = last.frame if played else scene.renderer.get_frame()
        image = Image.fromarray(np.asarray(pixels)).convert("RGB")
        frames.append(KeyFrame(name, scene.time, image, tuple(layout_problems(scene))))

    with tempfile.TemporaryDirectory(prefix="mlu-keyframes-") as media:
        settings = manim_settings(
            Path(media), width=width, height=height, frame_rate=frame_rate, write_video=False
        )
        with tempconfig(settings):
            scene = scene_class(
                params=params,
                theme=theme,
                data=data,
                on_key_frame=grab,
                renderer=CairoRenderer(
                    file_writer_class=tapped_writer([last.remember]), skip_animations=not played
                ),
                skip_animations=not played,
            )
            scene.render()
    return frames
