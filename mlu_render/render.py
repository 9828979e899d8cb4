"""Render one job: manim in a private media folder, files moved into place atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer
from PIL import Image

from mlu_math.scores import ClassifierScores
from mlu_render.cache import job_key
from mlu_render.errors import JobError
from mlu_render.gif import GifWriter, gif_frame_rate
from mlu_render.gif_budget import describe_choice
from mlu_render.job import RenderJob, parse_moment
from mlu_render.manim_config import QUALITIES, manim_settings
from mlu_render.mux import mux_mp4
from mlu_render.params import build_params
from mlu_render.preflight import require
from mlu_render.record import RenderRecord, fresh_record
from mlu_render.scores_csv import DataError, read_scores_csv
from mlu_render.subtitles import to_srt, to_vtt
from mlu_render.tap import FrameSink, LastFrame, tapped_writer
from scenes.base import BaseParams, ExplainerScene
from scenes.registry import UnknownSceneError, all_scenes, get_scene
from scenes.theme import Theme, get_theme
from scenes.timeline import Cue

__all__ = [
    "Progress",
    "RenderResult",
    "check_job",
    "gif_window",
    "prepare_folder",
    "render",
    "scene_duration",
]


class Progress(Protocol):
    """Told how far a render has come, in seconds of scene time."""

    def start(self, total_seconds: float) -> None:
        """Take the scene's length, before the first frame."""

    def advance(self, seconds: float) -> None:
        """Take the scene time just rendered."""


@dataclass(frozen=True)
class RenderResult:
    """What a render made.

    Attributes
    ----------
    job
        The job.
    outputs
        Its files, in the order written.
    duration
        The scene's length in seconds.
    cached
        True when nothing was rendered because the files on disk were made
        from the same inputs.
    record
        The record beside the files (see :mod:`mlu_render.record`).
    """

    job: RenderJob
    outputs: tuple[Path, ...]
    duration: float
    cached: bool = False
    record: RenderRecord | None = None


def render(
    job: RenderJob, progress: Progress | None = None, *, force: bool = False
) -> RenderResult:
    """Render ``job`` and return the files it wrote.

    Everything is made in a private folder inside the output folder and
    moved to its final name with :func:`os.replace` once complete, so an
    interrupted render (Ctrl-C included) never leaves a partial file under
    a final name. The last file written is the job's record,
    ``<stem>.render.json``, which holds the job's content hash
    (:func:`mlu_render.cache.job_key`): when the record on disk has the same
    hash and its files are intact, the job is not rendered again (unless
    ``force``) and the result says ``cached``.

    Raises
    ------
    JobError
        The job asks for something that does not exist, or the output folder
        cannot be written; raised before anything is rendered.
    MissingDependencyError
        LaTeX, dvisvgm or the theme's font is missing.
    """
    started = time.perf_counter()
    scene_class, params, theme = _resolve(job)
    data = _read_data(job, scene_class)
    folder = _writable_folder(job.folder)
    key = job_key(job, scene_class=scene_class, params=params)
    record = None if force else fresh_record(folder, job.stem, key)
    if record is not None:
        outputs = tuple(folder / name for name in record.outputs)
        return RenderResult(job, outputs, record.duration, cached=True, record=record)
    _check_gif_chapters(job, scene_class, params, theme, data)
    require()
    with ExitStack() as stack:
        work = Path(tempfile.mkdtemp(prefix=".mlu-", dir=folder))
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        if progress is not None:
            progress.start(scene_duration(scene_class, params, theme, data))
        made, duration, notes = _render_into(work, job, scene_class, params, theme, data, progress)
        outputs = tuple(_publish(made, folder))
        record = RenderRecord(
            slug=job.slug,
            stem=job.stem,
            quality=job.quality,
            theme=job.theme,
            formats=job.formats,
            title=scene_class.title,
            summary=scene_class.summary,
            command=job.command,
            outputs=tuple(path.name for path in outputs),
            sizes=tuple(path.stat().st_size for path in outputs),
            key=key,
            seconds=round(time.perf_counter() - started, 3),
            duration=round(duration, 3),
            notes=tuple(notes),
        )
        record.write(folder)
        return RenderResult(job, outputs, duration, record=record)


def check_job(job: RenderJob) -> None:
    """Refuse a job that cannot run, before anything is written or rendered.

    Raises
    ------
    JobError
        For an unknown scene, parameter or value, unusable ``--data``, or a
        ``--gif-start``/``--gif-end`` chapter the scene does not have.
    """
    scene_class, params, theme = _resolve(job)
    data = _read_data(job, scene_class)
    _check_gif_chapters(job, scene_class, params, theme, data)


def prepare_folder(job: RenderJob) -> Path:
    """Create ``job``'s output folder if needed and return it.

    Raises
    ------
    JobError
        If it cannot be created or written to.
    """
    return _writable_folder(job.folder)


def scene_duration(
    scene_class: type[ExplainerScene],
    params: BaseParams,
    theme: Theme,
    data: ClassifierScores | None = None,
) -> float:
    """Return the scene's length in seconds, from a quick pass with animations skipped."""
    return _quick_pass(scene_class, params, theme, data).time


def _quick_pass(
    scene_class: type[ExplainerScene],
    params: BaseParams,
    theme: Theme,
    data: ClassifierScores | None,
) -> ExplainerScene:
    """Run the scene with animations skipped and nothing written; return it."""
    with tempfile.TemporaryDirectory(prefix="mlu-dry-") as media:
        settings = manim_settings(
            Path(media), width=320, height=180, frame_rate=15, write_video=False
        )
        with tempconfig(settings):
            scene = scene_class(params=params, theme=theme, data=data, skip_animations=True)
            scene.render()
            return scene


def _check_gif_chapters(
    job: RenderJob,
    scene_class: type[ExplainerScene],
    params: BaseParams,
    theme: Theme,
    data: ClassifierScores | None,
) -> None:
    """Refuse ``--gif-start``/``--gif-end`` chapter names the scene does not have."""
    names = [
        m for m in (parse_moment(job.gif_start), parse_moment(job.gif_end)) if isinstance(m, str)
    ]
    if not names:
        return
    chapters = [cue.text for cue in _quick_pass(scene_class, params, theme, data).timeline.chapters]
    for name in names:
        if name not in chapters:
            listing = "; ".join(repr(chapter) for chapter in chapters)
            raise JobError(f"scene {job.slug!r} has no chapter {name!r}; its chapters: {listing}")


def gif_window(job: RenderJob, chapters: list[Cue]) -> tuple[float | None, float | None]:
    """Return the GIF's ``(start, end)`` in seconds from ``--gif-start``/``--gif-end``.

    A chapter's name as start means where the chapter begins, as end where it
    ends; seconds are taken as they are. ``None`` means the scene's own start
    or end.
    """
    spans = {cue.text: cue for cue in chapters}
    start, end = parse_moment(job.gif_start), parse_moment(job.gif_end)
    if isinstance(start, str):
        start = spans[start].start
    if isinstance(end, str):
        end = spans[end].end
    return start, end


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
) -> tuple[list[Path], float, list[str]]:
    width, height, fps = QUALITIES[job.quality]
    made: list[Path] = []
    notes: list[str] = []
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
            start, end = gif_window(job, scene.timeline.chapters)
            max_bytes = None if job.gif_max_kb is None else job.gif_max_kb * 1000
            made.append(gif.close(start=start, end=end, max_bytes=max_bytes))
            if gif.choice is not None:
                notes.append(describe_choice(gif.choice))
    if video:
        made.extend(_finish_video(work, job, scene))
    if moving:
        made.extend(_write_subtitles(work, job, scene))
    return made, scene.time, notes


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
