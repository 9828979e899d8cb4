"""Split a batch across N machines: stable, balanced, each job exactly once."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mlu_render.errors import JobError
from mlu_render.job import RenderJob
from mlu_render.manim_config import QUALITIES

__all__ = ["job_cost", "parse_shard", "shard_jobs"]

_BASE_PIXEL_RATE = 854 * 480 * 15
"""Pixels per second at ``low`` quality: the unit of :func:`job_cost`."""

_FORMAT_WEIGHTS = {"mp4": 1.0, "gif": 0.6, "png": 0.0}
"""Relative cost of each output per frame drawn (the poster rides along)."""

_OVERHEAD = 0.3
"""Cost of building the scene at all, even for a poster alone."""


def job_cost(job: RenderJob) -> float:
    """Return a job's expected cost, in units of a low-quality MP4 render.

    The model: drawing and encoding scale with pixels per second, an MP4
    costs about as much as drawing, a GIF a bit less (it is encoded small),
    and every job pays a fixed overhead for building the scene. Scenes run
    60-150 s, so their lengths are left out: the split must be the same on
    every machine, from the job list alone, with nothing rendered yet.
    """
    width, height, fps = QUALITIES[job.quality]
    moving = sum(_FORMAT_WEIGHTS[fmt] for fmt in job.formats)
    return _OVERHEAD + moving * width * height * fps / _BASE_PIXEL_RATE


def parse_shard(text: str) -> tuple[int, int]:
    """Read ``--shard I/N`` (1 <= I <= N) into ``(I, N)``.

    Raises
    ------
    JobError
        When the text is not ``I/N`` with 1 <= I <= N.
    """
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match is None:
        raise JobError(f"--shard takes I/N, e.g. 1/4, got {text!r}")
    index, count = int(match[1]), int(match[2])
    if not 1 <= index <= count:
        raise JobError(f"--shard I/N needs 1 <= I <= N, got {text!r}")
    return index, count


def shard_jobs(jobs: Sequence[RenderJob], index: int, count: int) -> list[RenderJob]:
    """Return shard ``index`` (1-based) of ``count``, in the order of ``jobs``.

    Jobs are dealt largest first (by :func:`job_cost`, ties by their command
    line, so the split does not depend on the order they are listed in) to
    whichever shard has the least cost so far, the lowest-numbered on a tie.
    Every job lands in exactly one shard, and no shard's cost exceeds the
    mean by more than the largest single job.

    Parameters
    ----------
    jobs : sequence of RenderJob
        The whole batch, the same on every machine.
    index, count : int
        Which shard, ``1 <= index <= count``.

    Returns
    -------
    shard : list of RenderJob
        The jobs of this shard.
    """
    if not 1 <= index <= count:
        raise ValueError(f"index must be in [1, {count}], got {index}")
    loads = [0.0] * count
    owner: dict[int, int] = {}
    order = sorted(range(len(jobs)), key=lambda i: (-job_cost(jobs[i]), _identity(jobs[i])))
    for position in order:
        target = min(range(count), key=lambda shard: (loads[shard], shard))
        owner[position] = target
        loads[target] += job_cost(jobs[position])
    return [job for position, job in enumerate(jobs) if owner[position] == index - 1]


def _identity(job: RenderJob) -> str:
    return f"{job.command} {job.out_dir}"
