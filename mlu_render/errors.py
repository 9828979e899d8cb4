"""Errors a person can act on: each says what was wrong and what is allowed."""

from __future__ import annotations

__all__ = ["JobError", "MissingDependencyError"]


class JobError(ValueError):
    """A render job that cannot run as asked (bad slug, parameter, folder...)."""


class MissingDependencyError(RuntimeError):
    """Something the renderer needs is not installed; names the package."""
