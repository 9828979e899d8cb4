"""What a person sees while a batch renders: progress bars, then a summary table."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from mlu_render.job import RenderJob
from mlu_render.outcome import JobOutcome

__all__ = ["BarsReporter", "job_label", "summary_table"]


def job_label(job: RenderJob) -> str:
    """Return a short name for a job: ``roc-auc high dark``."""
    parts = [job.slug, job.quality]
    if job.theme != "light":
        parts.append(job.theme)
    return " ".join(parts)


class BarsReporter:
    """One overall bar (jobs done) and one bar per running job (scene seconds).

    Use as a context manager around :func:`mlu_render.batch.run_batch`. A
    job's bar goes away when it ends; the overall bar stays.
    """

    def __init__(self, jobs: Sequence[RenderJob], console: Console) -> None:
        self.labels = [job_label(job) for job in jobs]
        self.progress = Progress(
            TextColumn("{task.description:<32}"),
            BarColumn(),
            TextColumn("{task.fields[done]}"),
            TimeRemainingColumn(),
            console=console,
        )
        self.overall = self.progress.add_task(
            "all jobs", total=len(jobs), done=f"0/{len(jobs)} jobs"
        )
        self.running: dict[int, TaskID] = {}
        self.finished = 0

    def __enter__(self) -> BarsReporter:
        self.progress.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.__exit__(exc_type, exc, traceback)

    def job_started(self, index: int, total_seconds: float) -> None:
        """Add a bar for job ``index``, ``total_seconds`` of scene long."""
        self.running[index] = self.progress.add_task(
            self.labels[index], total=total_seconds, done=f"0/{total_seconds:.0f} s"
        )

    def job_advanced(self, index: int, seconds: float) -> None:
        """Move job ``index``'s bar on by ``seconds``."""
        task = self.running.get(index)
        if task is None:
            return
        self.progress.advance(task, seconds)
        state = self.progress.tasks[self._position(task)]
        self.progress.update(task, done=f"{state.completed:.0f}/{state.total:.0f} s")

    def job_finished(self, index: int, outcome: JobOutcome) -> None:
        """Drop job ``index``'s bar and count it on the overall bar."""
        task = self.running.pop(index, None)
        if task is not None:
            self.progress.remove_task(task)
        self.finished += 1
        total = len(self.labels)
        self.progress.update(self.overall, advance=1, done=f"{self.finished}/{total} jobs")

    def _position(self, task: TaskID) -> int:
        return next(i for i, state in enumerate(self.progress.tasks) if state.id == task)


def summary_table(outcomes: Sequence[JobOutcome]) -> Table:
    """Return the end-of-batch table: job, outputs, seconds, what happened."""
    table = Table("job", "outputs", "seconds", "result", title="mlu render", title_justify="left")
    for outcome in outcomes:
        outputs: Any = ", ".join(path.name for path in outcome.outputs) or "-"
        result = outcome.status if outcome.error is None else f"failed: {outcome.error}"
        style = "red" if outcome.status == "failed" else None
        table.add_row(
            job_label(outcome.job), outputs, f"{outcome.seconds:.1f}", result, style=style
        )
    counts = {status: 0 for status in ("rendered", "cached", "failed")}
    for outcome in outcomes:
        counts[outcome.status] += 1
    table.caption = ", ".join(f"{count} {status}" for status, count in counts.items())
    return table
