"""Render one job: manim in a private media folder, files moved into place atomically."""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from PIL import Image

from mlu_math.scores import ClassifierScores
from mlu_render.cache import job_key
from mlu_render.console import job_label
from mlu_render.errors import JobError
from mlu_render.ffmpeg import DISK_ERRNOS
from mlu_render.gif import GifWriter, describe_choice, gif_frame_rate
from mlu_render.job import RenderJob
from mlu_render.manim_config import QUALITIES
from mlu_render.mux import mux_mp4
from mlu_render.params import build_params
from mlu_render.plan import ScenePlan, check_gif_chapters, gif_window, names_chapters
from mlu_render.preflight import require
from mlu_render.publish import partial_target, publish
from mlu_render.record import RenderRecord, fresh_record
from mlu_render.scene_run import SceneInputs, plan_scene, run_scene
from mlu_render.scores_csv import DataError, read_scores_csv
from mlu_render.subtitles import to_srt, to_vtt
from mlu_render.tap import FrameSink, LastFrame
from mlu_render.work_folder import (
    OWNER_FILE,
    WORK_PREFIX,
    clear_stale_work_folders,
    make_work_folder,
)
from mlu_render.write_errors import disk_errors, naming_file
from scenes.base import ExplainerScene
from scenes.registry import UnknownSceneError, all_scenes, get_scene
from scenes.theme import get_theme

__all__ = [
    "Progress",
    "RenderResult",
    "check_job",
    "prepare_folder",
    "render",
    "scene_inputs",
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
    job: RenderJob,
    progress: Progress | None = None,
    *,
    force: bool = False,
    plan: ScenePlan | None = None,
) -> RenderResult:
    """Render ``job`` and return the files it wrote.

    Everything is made in a private work folder inside the output folder
    and moved to its final name atomically (:func:`mlu_render.publish.publish`)
    once complete, so an interrupted render (Ctrl-C included) never leaves a
    partial file under a final name. A render killed outright cannot remove
    its work folder; the next render in that folder does
    (:func:`mlu_render.work_folder.clear_stale_work_folders`), never one of a
    render still running. The last file written is the job's record,
    ``<stem>.render.json``, which holds the job's content hash
    (:func:`mlu_render.cache.job_key`): when the record on disk has the same
    hash and its files are intact, the job is not rendered again (unless
    ``force``) and the result says ``cached``.

    The scene's ``construct`` runs at most twice: once in a quick pass
    (:func:`mlu_render.scene_run.plan_scene`), only when a GIF chapter must be
    checked or ``progress`` needs the length of a video, and not at all if
    ``plan`` (from :func:`check_job`) is given; then once to render.

    Raises
    ------
    JobError
        The job asks for something that does not exist, or the output folder
        cannot be written; raised before anything is rendered.
    OutputWriteError
        The disk refused a write: it is full, over quota or read-only. It
        names the job and the file (or folder); nothing partial is left.
    MissingDependencyError
        LaTeX, dvisvgm or the theme's font is missing.
    """
    started = time.perf_counter()
    inputs = scene_inputs(job)
    folder = _writable_folder(job)
    clear_stale_work_folders(folder)
    key = job_key(job, scene_class=inputs.scene_class, params=inputs.params)
    record = None if force else fresh_record(folder, job.stem, key)
    if record is not None:
        outputs = tuple(folder / name for name in record.outputs)
        return RenderResult(job, outputs, record.duration, cached=True, record=record)
    require()
    moving = _moving(job)
    plan = _checked_plan(job, inputs, plan, needed=progress is not None and moving)
    # The work folder is removed first, then a refused write is told.
    with _disk_errors(job), ExitStack() as stack:
        work = make_work_folder(folder)
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        if progress is not None and plan is not None and moving:
            progress.start(plan.duration)
        made, duration, notes = _render_into(work, job, inputs, progress if moving else None)
        if progress is not None and not moving:  # No frames to count: the scene at once.
            progress.start(duration)
            progress.advance(duration)
        outputs = tuple(publish(path, folder / path.name) for path in made)
        record = RenderRecord(
            slug=job.slug,
            stem=job.stem,
            quality=job.quality,
            theme=job.theme,
            formats=job.formats,
            title=inputs.scene_class.title,
            summary=inputs.scene_class.summary,
            command=job.command,
            outputs=tuple(path.name for path in outputs),
            sizes=tuple(path.stat().st_size for path in outputs),
            key=key,
            seconds=round(time.perf_counter() - started, 3),
            duration=round(duration, 3),
            notes=tuple(notes),
        )
        with naming_file(record.path(folder)):
            record.write(folder)
        return RenderResult(job, outputs, duration, record=record)


def _checked_plan(
    job: RenderJob, inputs: SceneInputs, plan: ScenePlan | None, *, needed: bool
) -> ScenePlan | None:
    """Return ``plan``, or a quick pass's when a chapter must be checked or it is ``needed``.

    Raises
    ------
    JobError
        For a ``--gif-start``/``--gif-end`` chapter the scene does not have.
    """
    if plan is None and (needed or names_chapters(job)):
        plan = plan_scene(inputs)
    if plan is not None:
        check_gif_chapters(job, plan)
    return plan


def check_job(job: RenderJob) -> ScenePlan | None:
    """Refuse a job that cannot run, before anything is written or rendered.

    Only a job whose ``--gif-start``/``--gif-end`` names a chapter needs a
    quick pass of its scene to be checked; its plan is returned, for
    :func:`render` to use instead of a pass of its own. Other jobs are
    checked without running their scene, and give ``None``.

    Raises
    ------
    JobError
        For an unknown scene, parameter or value, unusable ``--data``, or a
        ``--gif-start``/``--gif-end`` chapter the scene does not have.
    """
    return _checked_plan(job, scene_inputs(job), None, needed=False)


def prepare_folder(job: RenderJob) -> Path:
    """Create ``job``'s output folder if needed and return it.

    Raises
    ------
    JobError
        If it cannot be created or written to; an :class:`OutputWriteError`
        if its disk is full, over quota or read-only.
    """
    return _writable_folder(job)


def scene_inputs(job: RenderJob) -> SceneInputs:
    """Return the scene, parameters, theme and data that ``job`` names, all checked.

    Raises
    ------
    JobError
        For an unknown scene, theme, parameter or value, a GIF frame rate
        that is not allowed, or ``--data`` the scene cannot take.
    DataError
        For a ``--data`` file that cannot be read as labels and scores.
    """
    try:
        scene_class = get_scene(job.slug)
        theme = get_theme(job.theme)
    except (UnknownSceneError, ValueError) as error:
        raise JobError(str(error)) from None
    params = build_params(scene_class.Params, dict(job.overrides))
    if "gif" in job.formats:
        gif_frame_rate(QUALITIES[job.quality][2], job.gif_fps)
    return SceneInputs(scene_class, params, theme, _read_data(job, scene_class))


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


def _writable_folder(job: RenderJob) -> Path:
    folder = job.folder
    with _disk_errors(job):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if error.errno in DISK_ERRNOS:
                raise
            raise JobError(f"cannot create output folder {folder}: {error.strerror}") from None
        if not os.access(folder, os.W_OK | os.X_OK):
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(folder))
            raise JobError(f"output folder {folder} is not writable")
    return folder


@contextmanager
def _disk_errors(job: RenderJob) -> Iterator[None]:
    """Tell a write the disk refused as an ``OutputWriteError`` naming the job and final file.

    The one place where a full, over-quota or read-only disk becomes an error
    a person can act on (see :func:`mlu_render.write_errors.disk_errors`).
    """
    folder = job.folder
    with disk_errors(job_label(job), folder, lambda path: _final_path(path, folder, job.stem)):
        yield


def _final_path(path: Path, folder: Path, stem: str) -> Path | None:
    """Return the output in ``folder`` that a write to ``path`` was making, or None.

    In a work folder, manim's ``media/videos`` and the MP4 mux's hidden
    folder make the MP4, ``gif`` the GIF, and a file of its own is the output
    of that name (the rest of ``media`` is manim's drawing cache, no output's);
    beside the outputs, a partial file is its target's.
    """
    try:
        parts = Path(os.path.abspath(path)).relative_to(os.path.abspath(folder)).parts
    except ValueError:
        return None
    if not parts or (len(parts) == 1 and parts[0].startswith(WORK_PREFIX)):
        return None  # The folder itself, or a work folder: no one file.
    if len(parts) == 1:
        return folder / (partial_target(Path(parts[0])) or parts[0])
    if not parts[0].startswith(WORK_PREFIX):
        return None
    inside = parts[1]
    if parts[1:3] == ("media", "videos") or inside.startswith(f".{stem}."):
        return folder / f"{stem}.mp4"
    if inside == "gif":
        return folder / f"{stem}.gif"
    if len(parts) == 2 and inside != OWNER_FILE:
        return folder / inside
    return None


def _moving(job: RenderJob) -> bool:
    """Whether the job plays its scene frame by frame (for a video or a GIF)."""
    return "mp4" in job.formats or "gif" in job.formats


def _render_into(
    work: Path, job: RenderJob, inputs: SceneInputs, progress: Progress | None
) -> tuple[list[Path], float, list[str]]:
    """Render the job's files into ``work``; return them, the scene's length and notes."""
    width, height, fps = QUALITIES[job.quality]
    made: list[Path] = []
    notes: list[str] = []
    poster = _Poster(
        work / f"{job.stem}.png", inputs.scene_class.poster, wanted="png" in job.formats
    )
    sinks: list[FrameSink] = [poster.remember]
    if progress is not None:
        sinks.append(lambda _frame, repeat: progress.advance(repeat / fps))
    video, moving = "mp4" in job.formats, _moving(job)
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
        scene = run_scene(
            inputs,
            quality=(width, height, fps),
            played=moving,
            media_dir=work / "media",
            write_video=video,
            sinks=sinks,
            on_key_frame=poster,
        )
        if poster.saved:
            made.append(poster.path)
        if gif is not None:
            # The render's own chapters, not a plan's: those are what its frames show.
            start, end = gif_window(job, tuple(scene.timeline.chapters))
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
        with naming_file(self.path):
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
        with naming_file(path):
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
