"""Run a scene once under its own manim settings: a quick pass for its plan, or a render."""

from __future__ import annotations

import tempfile
from collections.abc import Collection, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from mlu_math.scores import ClassifierScores
from mlu_render.manim_config import Quality, manim_settings
from mlu_render.plan import ScenePlan
from mlu_render.tap import FrameSink, tapped_writer
from scenes.base import BaseParams, ExplainerScene, KeyFrameHook
from scenes.theme import Theme

__all__ = ["QUICK_PASS", "SceneInputs", "plan_scene", "run_scene"]

QUICK_PASS: Quality = (320, 180, 15)
"""Frame size and rate of a quick pass: nothing is drawn, but the rate rounds play times."""


@dataclass(frozen=True)
class SceneInputs:
    """Everything a scene is built from: its class, parameters, theme and data.

    Attributes
    ----------
    scene_class
        The scene.
    params
        Its parameters.
    theme
        How it looks.
    data
        A user's own labels and scores, or ``None`` for the scene's own data.
    """

    scene_class: type[ExplainerScene]
    params: BaseParams
    theme: Theme
    data: ClassifierScores | None = None


def run_scene(
    inputs: SceneInputs,
    *,
    quality: Quality,
    played: bool | Collection[int] = False,
    media_dir: Path | None = None,
    write_video: bool = False,
    sinks: Sequence[FrameSink] = (),
    on_key_frame: KeyFrameHook | None = None,
) -> ExplainerScene:
    """Build the scene of ``inputs`` and run ``construct`` once; return the finished scene.

    Parameters
    ----------
    inputs : SceneInputs
        What to build.
    quality : tuple of int, shape (3,)
        Pixel width, pixel height and frame rate.
    played : bool or collection of int, default=False
        Play every animation frame by frame; if False each play jumps to its
        end state and no frame is drawn (a quick pass: seconds for a scene).
        A collection of play numbers (0 for the scene's first ``play`` or
        ``wait``) plays only those and jumps over the rest.
    media_dir : Path, optional
        Manim's media folder. Needed when ``write_video``, since the movie
        lives there; otherwise a private temporary folder is used.
    write_video : bool, default=False
        Let manim encode the movie (``scene.renderer.file_writer.movie_file_path``).
    sinks : sequence of FrameSink
        Each is given every frame written, with its repeat count.
    on_key_frame : KeyFrameHook, optional
        Called at each key frame, the frame freshly drawn.

    Returns
    -------
    scene : ExplainerScene
        After its run: ``time``, ``timeline`` and ``key_frames`` hold what happened.

    Raises
    ------
    ValueError
        ``write_video`` without a ``media_dir`` to keep the movie in.
    """
    if write_video and media_dir is None:
        raise ValueError("write_video needs a media_dir to keep the movie in")
    width, height, frame_rate = quality
    with ExitStack() as stack:
        if media_dir is None:
            media_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mlu-pass-")))
        settings = manim_settings(
            media_dir, width=width, height=height, frame_rate=frame_rate, write_video=write_video
        )
        with tempconfig(settings):
            renderer = _renderer(played, tapped_writer(list(sinks)))
            scene = inputs.scene_class(
                params=inputs.params,
                theme=inputs.theme,
                data=inputs.data,
                on_key_frame=on_key_frame,
                renderer=renderer,
                skip_animations=played is False,
            )
            scene.render()
    return scene


def _renderer(played: bool | Collection[int], writer: type) -> CairoRenderer:
    """Return a renderer that plays everything, nothing, or the plays numbered in ``played``."""
    if isinstance(played, bool):
        return CairoRenderer(file_writer_class=writer, skip_animations=not played)
    return _SomePlaysRenderer(frozenset(played), file_writer_class=writer, skip_animations=False)


class _SomePlaysRenderer(CairoRenderer):
    """A renderer that plays only the plays whose numbers it is given."""

    def __init__(self, plays: frozenset[int], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.plays = plays

    def play(self, scene: object, *args: object, **kwargs: object) -> None:
        # manim resets ``skip_animations`` to this at the start of every play.
        self._original_skipping_status = self.num_plays not in self.plays
        super().play(scene, *args, **kwargs)


def plan_scene(inputs: SceneInputs) -> ScenePlan:
    """Run the scene of ``inputs`` once, animations skipped and no frame written; return its plan.

    A scene takes seconds this way, whatever its length.
    """
    scene = run_scene(inputs, quality=QUICK_PASS)
    return ScenePlan(
        duration=scene.time,
        chapters=tuple(scene.timeline.chapters),
        captions=tuple(scene.timeline.captions),
        key_frames=tuple(scene.key_frames),
    )
