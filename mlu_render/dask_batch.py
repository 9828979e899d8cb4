"""Run a batch of render jobs on an existing Dask distributed cluster."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlu_render.errors import JobError
from mlu_render.job import RenderJob

if TYPE_CHECKING:
    from mlu_render.batch import BatchReporter, JobOutcome

__all__ = ["run_on_dask"]


def run_on_dask(
    jobs: Sequence[RenderJob],
    address: str,
    *,
    force: bool = False,
    reporter: BatchReporter,
) -> list[JobOutcome]:
    """Run ``jobs`` on the Dask scheduler at ``address``; return outcomes in job order.

    Each job runs as one task, :func:`mlu_render.batch.run_job`, on a worker.
    Workers write their files straight into the job's output folder, made
    absolute here, so that folder must be the same path on every worker: a
    shared filesystem (or one machine, as with a ``LocalCluster``). Only the
    small :class:`~mlu_render.batch.JobOutcome` travels back to the client;
    the cache works on the workers just as it does locally, since it lives in
    the output folder. Workers need this package and its system packages
    installed, at the same version as the client.

    Raises
    ------
    JobError
        If Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise JobError("--scheduler needs Dask: pip install 'mlu-explain-manim[dask]'") from None
    from mlu_render.batch import run_job

    absolute = [dataclasses.replace(job, out_dir=job.out_dir.resolve()) for job in jobs]
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise JobError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        futures = client.map(run_job, absolute, force=force, pure=False)
        index_of = {future.key: index for index, future in enumerate(futures)}
        outcomes: dict[int, JobOutcome] = {}
        for future in as_completed(futures):
            index = index_of[future.key]
            outcomes[index] = _outcome_of(future, jobs[index])
            reporter.job_finished(index, outcomes[index])
    return [outcomes[index] for index in range(len(jobs))]


def _outcome_of(future: object, job: RenderJob) -> JobOutcome:
    from mlu_render.batch import JobOutcome

    try:
        outcome = future.result()  # type: ignore[attr-defined]
    except Exception as error:  # The task itself died (a lost worker, say).
        return JobOutcome(job, "failed", error=f"Dask task failed: {type(error).__name__}: {error}")
    return dataclasses.replace(outcome, job=job)
