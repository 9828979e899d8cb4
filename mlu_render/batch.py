"""Run many render jobs: one after another, over a process pool, or on a Dask cluster."""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from queue import Empty
from typing import Any

from mlu_render.dask_batch import dask_executor, on_shared_folder
from mlu_render.errors import JobError, MissingDependencyError, OutputWriteError
from mlu_render.gif import GifBudgetError
from mlu_render.job import RenderJob
from mlu_render.outcome import BatchReporter, JobOutcome, Status
from mlu_render.plan import ScenePlan
from mlu_render.render import Progress, render

__all__ = [
    # JobOutcome, BatchReporter and Status live in mlu_render.outcome; a batch
    # returns and reports them, so they are importable from here too.
    "BatchReporter",
    "JobOutcome",
    "Status",
    "run_batch",
    "run_job",
]

_PROGRESS_STEP = 0.25
"""Scene seconds a worker gathers before it reports progress, to keep messages few."""

_POLL_SECONDS = 0.2
"""How often the batch passes on workers' progress while it waits for jobs to end."""


def run_job(
    job: RenderJob,
    *,
    force: bool = False,
    progress: Progress | None = None,
    plan: ScenePlan | None = None,
) -> JobOutcome:
    """Render one job and say how it ended; a failure is returned, not raised.

    ``plan`` is the job's quick pass if one was made already (see
    :func:`mlu_render.render.check_job`). ``KeyboardInterrupt`` still
    propagates, so Ctrl-C stops a batch. A disk that refused a write (full,
    over quota, read-only) is told as ``no space left on device writing
    <file>; ...``: the line that reports the outcome names the job.
    """
    started = time.perf_counter()
    try:
        result = render(job, progress, force=force, plan=plan)
    except OutputWriteError as error:  # Its line names the job already.
        return JobOutcome(job, "failed", seconds=_since(started), error=error.detail)
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
    plans: Mapping[RenderJob, ScenePlan] | None = None,
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
        Told when each job starts, advances and ends. On a Dask cluster it is
        told only when each job ends.
    scheduler : str, optional
        Address of a Dask distributed scheduler (``tcp://host:8786``); jobs
        then run on its workers (see :func:`mlu_render.dask_batch.dask_executor`)
        and ``workers`` is ignored.
    plans : mapping of RenderJob to ScenePlan, optional
        Quick passes already made (by :func:`mlu_render.render.check_job`);
        a job found here does not run its scene's quick pass again.

    Returns
    -------
    outcomes : list of JobOutcome
        One per job.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    plans = plans or {}
    if scheduler is not None:
        with dask_executor(scheduler) as executor:
            return _run_on(
                executor, jobs, plans, force, reporter or _Silent(), send=on_shared_folder
            )
    if workers == 1 or len(jobs) <= 1:
        return [
            _run_here(index, job, force, plans.get(job), reporter) for index, job in enumerate(jobs)
        ]
    with _process_pool(min(workers, len(jobs)), messages=reporter is not None) as (pool, messages):
        return _run_on(pool, jobs, plans, force, reporter or _Silent(), messages=messages)


def _run_here(
    index: int,
    job: RenderJob,
    force: bool,
    plan: ScenePlan | None,
    reporter: BatchReporter | None,
) -> JobOutcome:
    """Run a job in this process; its progress is followed only if reported."""
    if reporter is None:
        return run_job(job, force=force, plan=plan)
    progress = _Forward(index, reporter.job_started, reporter)
    outcome = run_job(job, force=force, progress=progress, plan=plan)
    progress.flush()
    reporter.job_finished(index, outcome)
    return outcome


@contextmanager
def _process_pool(workers: int, *, messages: bool) -> Iterator[tuple[Executor, Any]]:
    """Yield a pool of ``workers`` processes and, if ``messages``, a queue they can report on."""
    # Fresh interpreters: a forked copy of a parent holding manim's and
    # Cairo's state (and a progress bar's thread) is not safe to render in.
    context = multiprocessing.get_context("spawn")
    with ExitStack() as stack:
        queue = stack.enter_context(context.Manager()).Queue() if messages else None
        pool = stack.enter_context(ProcessPoolExecutor(workers, mp_context=context))
        yield pool, queue


def _run_on(
    executor: Executor,
    jobs: Sequence[RenderJob],
    plans: Mapping[RenderJob, ScenePlan],
    force: bool,
    report: BatchReporter,
    *,
    messages: Any = None,
    send: Callable[[RenderJob], RenderJob] = lambda job: job,
) -> list[JobOutcome]:
    """Run every job as one task of ``executor``, passing on progress and ends as they come.

    ``send`` turns a job into the one the task is given; outcomes name the
    job as given. Workers report progress into ``messages`` when there is one.
    """
    pending: dict[Future[JobOutcome], int] = {
        executor.submit(_run_in_worker, index, send(job), force, plans.get(job), messages): index
        for index, job in enumerate(jobs)
    }
    outcomes: dict[int, JobOutcome] = {}
    try:
        while pending:
            done, _ = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            _relay(messages, report)
            for future in done:
                index = pending.pop(future)
                outcomes[index] = _outcome_of(future, jobs[index])
                report.job_finished(index, outcomes[index])
    except BaseException:
        for future in pending:
            future.cancel()
        raise
    _relay(messages, report)
    return [outcomes[index] for index in range(len(jobs))]


def _run_in_worker(
    index: int, job: RenderJob, force: bool, plan: ScenePlan | None, messages: Any
) -> JobOutcome:
    """Worker side: run the job, sending progress through ``messages`` if given."""
    if messages is None:
        return run_job(job, force=force, plan=plan)
    progress = _Forward(
        index,
        lambda i, total: messages.put((i, "start", total)),
        _QueueSink(messages),
    )
    outcome = run_job(job, force=force, progress=progress, plan=plan)
    progress.flush()
    return outcome


def _outcome_of(future: Future[JobOutcome], job: RenderJob) -> JobOutcome:
    """Return the outcome of ``future``, naming ``job`` as given; a failure if the worker died."""
    try:
        outcome = future.result()
    except Exception as error:  # The worker itself died (a lost process or Dask worker).
        return JobOutcome(job, "failed", error=f"worker failed: {type(error).__name__}: {error}")
    return dataclasses.replace(outcome, job=job)


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
