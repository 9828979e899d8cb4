"""Render one job: manim in a private media folder, files moved into place atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer
from PIL import Image

from mlu_math import ClassifierScores
from mlu_render.errors import JobError
from mlu_render.gif import GifWriter, gif_frame_rate
from mlu_render.job import RenderJob
from mlu_render.manim_config import QUALITIES, manim_settings
from mlu_render.mux import mux_mp4
from mlu_render.params import build_params
from mlu_render.preflight import require
from mlu_render.scores_csv import DataError, read_scores_csv
from mlu_render.subtitles import to_srt, to_vtt
from mlu_render.tap import FrameSink, LastFrame, tapped_writer
from scenes.base import BaseParams, ExplainerScene
from scenes.registry import UnknownSceneError, all_scenes, get_scene
from scenes.theme import Theme, get_theme

__all__ = ["Progress", "RenderResult", "render", "scene_duration"]


class Progress(Protocol):
    """Told how far a render has come, in seconds of scene time."""

    def start(self, total_seconds: float) -> None:
        """Take the scene's length, before the first frame."""

    def advance(self, seconds: float) -> None:
        """Take the scene time just rendered."""


@dataclass(frozen=True)
class RenderResult:
    """What a render made: the files, in the order written, and its length."""

    job: RenderJob
    outputs: tuple[Path, ...]
    duration: float


def render(job: RenderJob, progress: Progress | None = None) -> RenderResult:
    """Render ``job`` and return the files it wrote.

    Everything is made in a private folder inside the output folder and
    moved to its final name with :func:`os.replace` once complete, so an
    interrupted render (Ctrl-C included) never leaves a partial file under
    a final name.

    Raises
    ------
    JobError
        The job asks for something that does not exist, or the output folder
        cannot be written; raised before anything is rendered.
    MissingDependencyError
        LaTeX, dvisvgm or the theme's font is missing.
    """
    scene_class, params, theme = _resolve(job)
    data = _read_data(job, scene_class)
    require()
    folder = _writable_folder(job.folder)
    with ExitStack() as stack:
        work = Path(tempfile.mkdtemp(prefix=".mlu-", dir=folder))
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        if progress is not None:
            progress.start(scene_duration(scene_class, params, theme, data))
        made, duration = _render_into(work, job, scene_class, params, theme, data, progress)
        return RenderResult(job, tuple(_publish(made, folder)), duration)


def scene_duration(
    scene_class: type[ExplainerScene],
    params: BaseParams,
    theme: Theme,
    data: ClassifierScores | None = None,
) -> float:
    """Return the scene's length in seconds, from a quick pass with animations skipped."""
    with tempfile.TemporaryDirectory(prefix="mlu-dry-") as media:
        settings = manim_settings(
            Path(media), width=320, height=180, frame_rate=15, write_video=False
        )
        with tempconfig(settings):
            scene = scene_class(params=params, theme=theme, data=data, skip_animations=True)
            scene.render()
            return scene.time


def _resolve(job: RenderJob) -> tuple[type[ExplainerScene], BaseParams, Theme]:
    try:
        scene_class = get_scene(job.slug)
        theme = get_theme(job.theme)
    except (UnknownSceneError, ValueError) as error:
        raise JobError(str(error)) from None
    params = build_params(scene_class.Params, dict(job.overrides))
    gif_frame_rate(QUALITIES[job.quality][2], job.gif_fps) if "gif" in job.formats else None
    return scene_class, params, theme


def _read_data(job: RenderJob, scene_class: type[ExplainerScene]) -> ClassifierScores | None:
    if job.data is None:
        if job.positive is not None:
            raise JobError("--positive names a label of --data; give --data too")
        return None
    if not scene_class.accepts_data:
        takers = ", ".join(scene.slug for scene in all_scenes() if scene.accepts_data)
        raise JobError(f"scene {job.slug!r} does not take --data; scenes that do: {takers}")
    data = read_scores_csv(job.data, positive=job.positive, need_group=scene_class.data_needs_group)
    try:
        scene_class.check_data(data)
    except ValueError as error:
        raise DataError(f"{job.data}: {error}") from None
    return data


def _writable_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JobError(f"cannot create output folder {folder}: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JobError(f"output folder {folder} is not writable")
    return folder


def _render_into(
    work: Path,
    job: RenderJob,
    scene_class: type[ExplainerScene],
    params: BaseParams,
    theme: Theme,
    data: ClassifierScores | None,
    progress: Progress | None,
) -> tuple[list[Path], float]:
    width, height, fps = QUALITIES[job.quality]
    made: list[Path] = []
    poster = _Poster(work / f"{job.stem}.png", scene_class.poster, wanted="png" in job.formats)
    sinks: list[FrameSink] = [poster.remember]
    if progress is not None:
        sinks.append(lambda _frame, repeat: progress.advance(repeat / fps))
    video = "mp4" in job.formats
    moving = video or "gif" in job.formats
    with ExitStack() as stack:
        gif = None
        if "gif" in job.formats:
            gif = stack.enter_context(
                GifWriter(
                    work / f"{job.stem}.gif",
                    source_fps=fps,
                    source_size=(width, height),
                    fps=gif_frame_rate(fps, job.gif_fps),
                    width=job.gif_width,
                    workdir=work / "gif",
                )
            )
            sinks.append(gif.write)
        settings = manim_settings(
            work / "media", width=width, height=height, frame_rate=fps, write_video=video
        )
        with tempconfig(settings):
            scene = scene_class(
                params=params,
                theme=theme,
                data=data,
                on_key_frame=poster,
                renderer=CairoRenderer(
                    file_writer_class=tapped_writer(sinks), skip_animations=not moving
                ),
                skip_animations=not moving,
            )
            scene.render()
        if poster.saved:
            made.append(poster.path)
        if gif is not None:
            made.append(gif.close())
    if video:
        made.extend(_finish_video(work, job, scene))
    if moving:
        made.extend(_write_subtitles(work, job, scene))
    return made, scene.time


class _Poster(LastFrame):
    """Saves the poster: the named key frame exactly as the video shows it.

    It keeps the last frame written; at the key frame that frame is saved, so
    the poster can never differ from the video. With no video (``--format
    png`` alone) the scene is drawn afresh instead.
    """

    def __init__(self, path: Path, key_frame: str, *, wanted: bool) -> None:
        super().__init__()
        self.path = path
        self.key_frame = key_frame
        self.wanted = wanted
        self.saved = False

    def __call__(self, scene: ExplainerScene, name: str) -> None:
        if not self.wanted or self.saved or (self.key_frame and name != self.key_frame):
            return
        pixels = self.frame if self.frame is not None else scene.renderer.get_frame()
        Image.fromarray(np.asarray(pixels)).convert("RGB").save(self.path, optimize=True)
        self.saved = True


def _finish_video(work: Path, job: RenderJob, scene: ExplainerScene) -> list[Path]:
    movie = Path(scene.renderer.file_writer.movie_file_path)
    target = work / f"{job.stem}.mp4"
    mux_mp4(
        movie,
        target,
        chapters=scene.timeline.chapters,
        captions=scene.timeline.captions,
        title=f"{scene.title} - MLU Explain",
    )
    return [target]


def _write_subtitles(work: Path, job: RenderJob, scene: ExplainerScene) -> list[Path]:
    files = {
        f"{job.stem}.srt": to_srt(scene.timeline.captions),
        f"{job.stem}.vtt": to_vtt(scene.timeline.captions),
        f"{job.stem}.chapters.vtt": to_vtt(scene.timeline.chapters, kind="chapters"),
    }
    paths = []
    for name, text in files.items():
        path = work / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _publish(made: list[Path], folder: Path) -> list[Path]:
    """Move each finished file to its final name in ``folder``, atomically."""
    final = []
    for path in made:
        target = folder / path.name
        os.replace(path, target)
        final.append(target)
    return final
