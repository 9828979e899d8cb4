"""Run many render jobs: one after another, over a process pool, or on a Dask cluster."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any, Literal, Protocol

from mlu_render.errors import JobError, MissingDependencyError
from mlu_render.gif_budget import GifBudgetError
from mlu_render.job import RenderJob
from mlu_render.render import Progress, render

__all__ = [
    "BatchReporter",
    "JobOutcome",
    "Status",
    "run_batch",
    "run_job",
]

Status = Literal["rendered", "cached", "failed"]

_PROGRESS_STEP = 0.25
"""Scene seconds a worker gathers before it reports progress, to keep messages few."""


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


def run_job(job: RenderJob, *, force: bool = False, progress: Progress | None = None) -> JobOutcome:
    """Render one job and say how it ended; a failure is returned, not raised.

    ``KeyboardInterrupt`` still propagates, so Ctrl-C stops a batch.
    """
    started = time.perf_counter()
    try:
        result = render(job, progress, force=force)
    except (JobError, MissingDependencyError, GifBudgetError) as error:
        return JobOutcome(job, "failed", seconds=_since(started), error=str(error))
    except Exception as error:  # One broken job must not stop the batch.
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        return JobOutcome(job, "failed", seconds=_since(started), error=message)
    status: Status = "cached" if result.cached else "rendered"
    notes = result.record.notes if result.record is not None else ()
    return JobOutcome(job, status, result.outputs, _since(started), notes=notes)


def run_batch(
    jobs: Sequence[RenderJob],
    *,
    workers: int = 1,
    force: bool = False,
    reporter: BatchReporter | None = None,
    scheduler: str | None = None,
) -> list[JobOutcome]:
    """Run ``jobs`` and return their outcomes, in the order of ``jobs``.

    Parameters
    ----------
    jobs : sequence of RenderJob
        The batch. Jobs are independent; one failing does not stop the rest.
    workers : int, default=1
        Processes to render in at once. With 1, jobs run one after another in
        this process.
    force : bool, default=False
        Render even jobs whose files are up to date.
    reporter : BatchReporter, optional
        Told when each job starts, advances and ends.
    scheduler : str, optional
        Address of a Dask distributed scheduler (``tcp://host:8786``); jobs
        then run on its workers (see :func:`mlu_render.dask_batch.run_on_dask`)
        and ``workers`` is ignored.

    Returns
    -------
    outcomes : list of JobOutcome
        One per job.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if scheduler is not None:
        from mlu_render.dask_batch import run_on_dask

        return run_on_dask(jobs, scheduler, force=force, reporter=reporter or _Silent())
    if workers == 1 or len(jobs) <= 1:
        return [_run_here(index, job, force, reporter) for index, job in enumerate(jobs)]
    return _run_in_pool(jobs, min(workers, len(jobs)), force, reporter)


def _run_here(
    index: int, job: RenderJob, force: bool, reporter: BatchReporter | None
) -> JobOutcome:
    """Run a job in this process; progress (and its quick sizing pass) only if reported."""
    if reporter is None:
        return run_job(job, force=force)
    progress = _Forward(index, reporter.job_started, reporter)
    outcome = run_job(job, force=force, progress=progress)
    progress.flush()
    reporter.job_finished(index, outcome)
    return outcome


def _run_in_pool(
    jobs: Sequence[RenderJob], workers: int, force: bool, reporter: BatchReporter | None
) -> list[JobOutcome]:
    # Fresh interpreters: a forked copy of a parent holding manim's and
    # Cairo's state (and a progress bar's thread) is not safe to render in.
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(workers, mp_context=context) as pool:
        report = reporter or _Silent()
        messages = manager.Queue() if reporter is not None else None
        pending: dict[Future[JobOutcome], int] = {
            pool.submit(_run_in_worker, index, job, force, messages): index
            for index, job in enumerate(jobs)
        }
        outcomes: dict[int, JobOutcome] = {}
        try:
            while pending:
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                _relay(messages, report)
                for future in done:
                    index = pending.pop(future)
                    outcomes[index] = _outcome_of(future, jobs[index])
                    report.job_finished(index, outcomes[index])
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        _relay(messages, report)
    return [outcomes[index] for index in range(len(jobs))]


def _run_in_worker(index: int, job: RenderJob, force: bool, messages: Any) -> JobOutcome:
    """Worker side: run the job, sending progress through ``messages`` if given."""
    if messages is None:
        return run_job(job, force=force)
    progress = _Forward(
        index,
        lambda i, total: messages.put((i, "start", total)),
        _QueueSink(messages),
    )
    outcome = run_job(job, force=force, progress=progress)
    progress.flush()
    return outcome


def _outcome_of(future: Future[JobOutcome], job: RenderJob) -> JobOutcome:
    try:
        return future.result()
    except Exception as error:  # The worker process itself died.
        return JobOutcome(job, "failed", error=f"worker failed: {type(error).__name__}: {error}")


def _relay(messages: Any, report: BatchReporter) -> None:
    """Pass every queued worker message on to ``report``."""
    while messages is not None:
        try:
            index, kind, value = messages.get_nowait()
        except Empty:
            return
        if kind == "start":
            report.job_started(index, value)
        else:
            report.job_advanced(index, value)


class _QueueSink:
    """Sends ``job_advanced`` events into a queue shared with the parent."""

    def __init__(self, messages: Any) -> None:
        self.messages = messages

    def job_advanced(self, index: int, seconds: float) -> None:
        self.messages.put((index, "advance", seconds))


class _Forward:
    """A :class:`~mlu_render.render.Progress` for one job, passed on in steps."""

    def __init__(self, index: int, on_start: Callable[[int, float], None], sink: Any) -> None:
        self.index = index
        self.on_start = on_start
        self.sink = sink
        self.gathered = 0.0

    def start(self, total_seconds: float) -> None:
        self.on_start(self.index, total_seconds)

    def advance(self, seconds: float) -> None:
        self.gathered += seconds
        if self.gathered >= _PROGRESS_STEP:
            self.flush()

    def flush(self) -> None:
        if self.gathered > 0:
            self.sink.job_advanced(self.index, self.gathered)
            self.gathered = 0.0


class _Silent:
    def job_started(self, index: int, total_seconds: float) -> None:
        pass

    def job_advanced(self, index: int, seconds: float) -> None:
        pass

    def job_finished(self, index: int, outcome: JobOutcome) -> None:
        pass


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
