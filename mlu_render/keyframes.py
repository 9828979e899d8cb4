"""Render a scene's key frames as still images, fast: animations are skipped."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from manim import tempconfig
from PIL import Image

from mlu_render.manim_config import manim_settings
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
) -> list[KeyFrame]:
    """Run ``scene_class`` with animations skipped and grab each key frame.

    Every play jumps straight to its end state, so a whole scene takes
    seconds; the frames equal those of a full render at the same size.
    """
    frames: list[KeyFrame] = []

    def grab(scene: ExplainerScene, name: str) -> None:
        image = Image.fromarray(scene.renderer.get_frame()).convert("RGB")
        frames.append(KeyFrame(name, scene.time, image, tuple(layout_problems(scene))))

    with tempfile.TemporaryDirectory(prefix="mlu-keyframes-") as media:
        settings = manim_settings(
            Path(media), width=width, height=height, frame_rate=15, write_video=False
        )
        with tempconfig(settings):
            scene = scene_class(params=params, theme=theme, on_key_frame=grab, skip_animations=True)
            scene.render()
    return frames
