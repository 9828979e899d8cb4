"""How each job of a batch ended, and who is told as it goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from mlu_render.job import RenderJob

__all__ = ["BatchReporter", "JobOutcome", "Status"]

Status = Literal["rendered", "cached", "failed"]


@dataclass(frozen=True)
class JobOutcome:
    """How one job of a batch ended.

    Attributes
    ----------
    job
        The job.
    status
        ``"rendered"``, ``"cached"`` (its files were already up to date) or
        ``"failed"``.
    outputs
        The job's files (none when it failed).
    seconds
        Wall-clock time spent on the job.
    error
        What went wrong, one line, when it failed.
    notes
        Choices the render made that the user should know (the GIF budget's).
    """

    job: RenderJob
    status: Status
    outputs: tuple[Path, ...] = ()
    seconds: float = 0.0
    error: str | None = None
    notes: tuple[str, ...] = ()


class BatchReporter(Protocol):
    """Told how a batch is going; jobs are named by their index in the batch."""

    def job_started(self, index: int, total_seconds: float) -> None:
        """Job ``index`` began rendering a scene ``total_seconds`` long."""

    def job_advanced(self, index: int, seconds: float) -> None:
        """Job ``index`` rendered ``seconds`` more of its scene."""

    def job_finished(self, index: int, outcome: JobOutcome) -> None:
        """Job ``index`` ended (rendered, cached or failed)."""
