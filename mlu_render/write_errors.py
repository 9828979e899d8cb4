"""A render stopped by its disk (full, over quota, read-only), told as its job and file."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mlu_render.errors import OutputWriteError
from mlu_render.ffmpeg import DISK_ERRNOS, FfmpegError

__all__ = ["DISK_PROBLEMS", "disk_errno_of", "disk_errors", "naming_file", "written_paths"]

DISK_PROBLEMS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("no space left on device", "free some space or render to another --out"),
    errno.EDQUOT: ("disk quota exceeded", "free some of your quota or render to another --out"),
    errno.EROFS: ("read-only file system", "render to a writable --out"),
}
"""Each of :data:`~mlu_render.ffmpeg.DISK_ERRNOS`: what happened and what to do, in words."""


@contextmanager
def disk_errors(
    job: str, folder: Path, final_path: Callable[[Path], Path | None]
) -> Iterator[None]:
    """Turn a write that the disk refused, inside the block, into an :class:`OutputWriteError`.

    A refusal is an :class:`OSError` (``errno`` ENOSPC, EDQUOT or EROFS),
    or an :class:`~mlu_render.ffmpeg.FfmpegError` whose run failed so, found
    in the exception or in what caused it. Any other exception passes as it
    is, and so does ``KeyboardInterrupt``. Clean up inside the block: the
    error is raised after it.

    Parameters
    ----------
    job : str
        The job's name, as a batch summary names it (``roc-auc low``).
    folder : Path
        The output folder: the path named when no file is known.
    final_path : callable
        Given a path that a failed write named, the final file it was for
        (the one a user knows), or None if it was for none.

    Raises
    ------
    OutputWriteError
        Naming the job, the problem, and that file or ``folder``.

    Examples
    --------
    >>> try:
    ...     with disk_errors("roc-auc low", Path("out"), lambda path: None):
    ...         raise OSError(errno.ENOSPC, "No space left on device")
    ... except OutputWriteError as error:
    ...     print(error.detail)
    no space left on device writing out; free some space or render to another --out

    """
    try:
        yield
    except Exception as error:
        code = disk_errno_of(error)
        if code is None:
            raise
        known = (final_path(path) for path in written_paths(error))
        path = next((final for final in known if final is not None), Path(folder))
        problem, advice = DISK_PROBLEMS[code]
        raise OutputWriteError(job, problem, path, advice) from error


@contextmanager
def naming_file(path: Path) -> Iterator[None]:
    """Name ``path`` on an :class:`OSError` from the block that names no file.

    A failed ``write`` on an open file (a full disk) says what went wrong
    but not where; inside this block it says ``path``.
    """
    try:
        yield
    except OSError as error:
        if error.filename is None:
            error.filename = os.fspath(path)
        raise


def disk_errno_of(error: BaseException) -> int | None:
    """Return the errno of a disk that refused a write in ``error`` or its causes, if any.

    Examples
    --------
    >>> disk_errno_of(RuntimeError("x")) is None
    True
    >>> disk_errno_of(OSError(errno.EDQUOT, "Disk quota exceeded")) == errno.EDQUOT
    True

    """
    for cause in _chain(error):
        code = getattr(cause, "errno", None) if isinstance(cause, OSError | FfmpegError) else None
        if code in DISK_ERRNOS:
            return code
    return None


def written_paths(error: BaseException) -> Iterator[Path]:
    """Yield the files that ``error`` and its causes name: an OSError's, an ffmpeg run's output."""
    for cause in _chain(error):
        if isinstance(cause, OSError):
            names = (cause.filename, cause.filename2)
        elif isinstance(cause, FfmpegError) and cause.command:
            names = (cause.command[-1],)
        else:
            continue
        for name in names:
            if isinstance(name, str | bytes | os.PathLike):
                yield Path(os.fsdecode(name))


def _chain(error: BaseException) -> Iterator[BaseException]:
    """Yield ``error`` and what caused it: its cause, or the context it did not hide."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if current.__cause__ is not None:
            current = current.__cause__
        else:
            current = None if current.__suppress_context__ else current.__context__
