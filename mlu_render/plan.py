"""A scene's plan, learnt in a quick pass: its length, chapters and key frames; GIF checks on it."""

from __future__ import annotations

from dataclasses import dataclass

from mlu_render.errors import JobError
from mlu_render.job import RenderJob, parse_moment
from scenes.timeline import Cue

__all__ = ["ScenePlan", "check_gif_chapters", "gif_window", "names_chapters"]


@dataclass(frozen=True)
class ScenePlan:
    """What a quick pass of a scene learnt (:func:`mlu_render.scene_run.plan_scene`).

    Attributes
    ----------
    duration
        The scene's length in seconds. A real render runs a little longer
        (manim rounds each play up to whole frames), within 3 %.
    chapters
        The chapters, each ``text`` its name.
    captions
        The subtitle cues.
    key_frames
        ``(name, seconds)`` of each key frame, in order.
    """

    duration: float
    chapters: tuple[Cue, ...]
    captions: tuple[Cue, ...]
    key_frames: tuple[tuple[str, float], ...]


def names_chapters(job: RenderJob) -> bool:
    """Whether ``--gif-start`` or ``--gif-end`` names a chapter, which only a plan can check."""
    return any(isinstance(parse_moment(m), str) for m in (job.gif_start, job.gif_end))


def check_gif_chapters(job: RenderJob, plan: ScenePlan) -> None:
    """Refuse ``--gif-start``/``--gif-end`` chapter names the scene does not have.

    Raises
    ------
    JobError
        Naming the chapter and listing the scene's chapters.
    """
    chapters = [cue.text for cue in plan.chapters]
    for moment in (job.gif_start, job.gif_end):
        name = parse_moment(moment)
        if isinstance(name, str) and name not in chapters:
            listing = "; ".join(repr(chapter) for chapter in chapters)
            raise JobError(f"scene {job.slug!r} has no chapter {name!r}; its chapters: {listing}")


def gif_window(job: RenderJob, chapters: tuple[Cue, ...]) -> tuple[float | None, float | None]:
    """Return the GIF's ``(start, end)`` in seconds from ``--gif-start``/``--gif-end``.

    A chapter's name as start means where the chapter begins, as end where it
    ends; seconds are taken as they are. ``None`` means the scene's own start
    or end. ``chapters`` must hold every name used (see
    :func:`check_gif_chapters`).

    Examples
    --------
    >>> job = RenderJob("roc-auc", formats=("gif",), gif_start="B", gif_end="40")
    >>> gif_window(job, (Cue(0.0, 12.0, "A"), Cue(12.0, 30.0, "B")))
    (12.0, 40.0)

    """
    spans = {cue.text: cue for cue in chapters}
    start, end = parse_moment(job.gif_start), parse_moment(job.gif_end)
    if isinstance(start, str):
        start = spans[start].start
    if isinstance(end, str):
        end = spans[end].end
    return start, end
