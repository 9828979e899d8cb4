"""Errors a person can act on: each says what was wrong and what is allowed."""

from __future__ import annotations

from pathlib import Path

__all__ = ["JobError", "MissingDependencyError", "OutputWriteError"]


class JobError(ValueError):
    """A render job that cannot run as asked (bad slug, parameter, folder...)."""


class MissingDependencyError(RuntimeError):
    """Something the renderer needs is not installed; names the package."""


class OutputWriteError(JobError):
    """A render whose files could not be written: a full disk, a quota, a read-only folder.

    Parameters
    ----------
    job : str
        The job, named as a batch summary names it (``roc-auc low``).
    problem : str
        What the system said, in words: ``no space left on device``.
    path : Path
        The file the user will recognise (its final name), or the output
        folder when the failing write was not one file's.
    advice : str
        What to do about it.

    Examples
    --------
    >>> error = OutputWriteError("roc-auc low", "no space left on device",
    ...     Path("renders/roc-auc/roc-auc-low.mp4"), "free some space")
    >>> error.detail
    'no space left on device writing renders/roc-auc/roc-auc-low.mp4; free some space'
    >>> str(error).startswith("roc-auc low: no space")
    True

    """

    def __init__(self, job: str, problem: str, path: Path, advice: str) -> None:
        self.job = job
        self.problem = problem
        self.path = Path(path)
        self.advice = advice
        self.detail = f"{problem} writing {self.path}; {advice}"
        super().__init__(f"{job}: {self.detail}")

    def __reduce__(self) -> tuple[type[OutputWriteError], tuple[str, str, Path, str]]:
        return type(self), (self.job, self.problem, self.path, self.advice)
