"""Health checks for what rendering needs outside Python, each naming its package."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from mlu_render.errors import MissingDependencyError

__all__ = ["CHECKS", "Check", "missing", "require", "require_graphics"]


@dataclass(frozen=True)
class Check:
    """One requirement: what it is, how to test for it, what installs it."""

    what: str
    present: Callable[[], bool]
    package: str


def _command(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is not None


def _tex_file(name: str) -> Callable[[], bool]:
    def present() -> bool:
        if shutil.which("kpsewhich") is None:
            return False
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True)
        return bool(found.stdout.strip())

    return present


def _font(family: str) -> Callable[[], bool]:
    def present() -> bool:
        if shutil.which("fc-list") is None:
            return False
        found = subprocess.run(["fc-list", family], capture_output=True, text=True)
        return bool(found.stdout.strip())

    return present


CHECKS: tuple[Check, ...] = (
    Check("LaTeX (the latex command)", _command("latex"), "texlive-latex-base"),
    Check("dvisvgm", _command("dvisvgm"), "dvisvgm"),
    Check(
        "standalone.cls (manim's TeX template)", _tex_file("standalone.cls"), "texlive-latex-extra"
    ),
    Check("the Inter font", _font("Inter"), "fonts-inter"),
)
"""Everything checked before a render, in order."""


def missing(checks: tuple[Check, ...] | None = None) -> list[Check]:
    """Return the checks that fail (of :data:`CHECKS` unless given)."""
    return [check for check in (CHECKS if checks is None else checks) if not check.present()]


def require(checks: tuple[Check, ...] | None = None) -> None:
    """Raise :class:`MissingDependencyError` naming every missing package."""
    absent = missing(checks)
    if absent:
        what = ", ".join(check.what for check in absent)
        packages = " ".join(check.package for check in absent)
        raise MissingDependencyError(
            f"missing {what}; install with: apt-get install {packages} "
            "(or run `make system` as root)"
        )


def require_graphics() -> None:
    """Import manim, or raise :class:`MissingDependencyError` naming Cairo and Pango.

    pycairo and ManimPango load the system's Cairo and Pango libraries when
    imported; without them the import fails with a loader message that
    names neither package.
    """
    try:
        import manim  # noqa: F401
    except (ImportError, OSError) as error:
        raise MissingDependencyError(
            f"cannot load manim's drawing libraries ({error}); install with: "
            "apt-get install libcairo2 libpango-1.0-0 (or run `make system` as root)"
        ) from None
