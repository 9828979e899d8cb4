"""A Dask distributed cluster, seen as a :mod:`concurrent.futures` executor for a batch."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from mlu_render.errors import JobError
from mlu_render.job import RenderJob

__all__ = ["dask_executor", "on_shared_folder"]


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """Connect to the Dask scheduler at ``address``; yield its executor, closed on exit.

    Each task submitted runs on one of the cluster's workers; see
    :func:`mlu_render.batch.run_batch`. Only what a task returns travels
    back, so tasks write their files themselves: their folders must be the
    same path on every worker (:func:`on_shared_folder`), a shared
    filesystem or one machine, as with a ``LocalCluster``. Workers need this
    package and its system packages installed, at the same version as the
    client.

    Raises
    ------
    JobError
        If Dask is not installed or the scheduler cannot be reached.
    """
    try:
        # Optional: only `pip install 'mlu-explain-manim[dask]'` brings it.
        from distributed import Client
    except ImportError:
        raise JobError("--scheduler needs Dask: pip install 'mlu-explain-manim[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise JobError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    # Not pure: two equal jobs are two tasks, as they are in a process pool.
    with client, client.get_executor(pure=False) as executor:
        yield executor


def on_shared_folder(job: RenderJob) -> RenderJob:
    """Return ``job`` with its output folder made absolute, the same path for every worker."""
    return dataclasses.replace(job, out_dir=job.out_dir.resolve())
