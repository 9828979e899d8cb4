"""Grab a scene's key frames as still images, with or without playing it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from PIL import Image

from mlu_math.scores import ClassifierScores
from mlu_render.scene_run import SceneInputs, run_scene
from mlu_render.tap import LastFrame
from scenes.base import BaseParams, ExplainerScene
from scenes.theme import Theme, get_theme
from tests.support.layout import layout_problems

__all__ = ["KeyFrame", "render_key_frames"]


@dataclass(frozen=True)
class KeyFrame:
    """One key frame: its name, scene time, image, layout problems and the play it follows.

    ``play`` numbers the scene's ``play``/``wait`` calls from 0: the key frame
    shows the end of play ``play``.
    """

    name: str
    time: float
    image: Image.Image
    problems: tuple[str, ...]
    play: int


def render_key_frames(
    scene_class: type[ExplainerScene],
    *,
    params: BaseParams | None = None,
    theme: Theme | None = None,
    width: int = 640,
    height: int = 360,
    played: bool | Collection[int] = False,
    frame_rate: int = 15,
    data: ClassifierScores | None = None,
) -> list[KeyFrame]:
    """Run ``scene_class`` and grab each key frame.

    By default animations are skipped: every play jumps to its end state and
    each key frame is drawn afresh, so a whole scene takes seconds. With
    ``played=True`` the scene is played frame by frame (no file is written)
    and each key frame is the last frame the video would show; the two must
    agree, which is what the render tests check. ``played`` may also number
    the plays to play (see :attr:`KeyFrame.play`), jumping over the rest:
    a key frame after a played play is then what the video shows there.
    """
    frames: list[KeyFrame] = []
    last = LastFrame()

    def grab(scene: ExplainerScene, name: str) -> None:
        pixels = last.frame if played is not False else scene.renderer.get_frame()
        image = Image.fromarray(np.asarray(pixels)).convert("RGB")
        play = scene.renderer.num_plays - 1
        frames.append(KeyFrame(name, scene.time, image, tuple(layout_problems(scene)), play))

    inputs = SceneInputs(
        scene_class,
        params if params is not None else scene_class.Params(),
        theme if theme is not None else get_theme("light"),
        data,
    )
    run_scene(
        inputs,
        quality=(width, height, frame_rate),
        played=played,
        sinks=[last.remember],
        on_key_frame=grab,
    )
    return frames
