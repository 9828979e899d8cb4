"""A render job as data: what to render, how, and where the files go."""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from mlu_render.errors import JobError
from mlu_render.manim_config import QUALITIES

__all__ = ["FORMATS", "RenderJob", "parse_moment"]

FORMATS = ("mp4", "gif", "png")
"""Output formats: the lecture video, the article GIF, the poster image."""


@dataclass(frozen=True)
class RenderJob:
    """One scene rendered at one quality and theme into one folder.

    Attributes
    ----------
    slug
        The scene, e.g. ``"roc-auc"``.
    quality
        One of :data:`~mlu_render.manim_config.QUALITIES`.
    formats
        Some of :data:`FORMATS`.
    theme
        ``"light"`` or ``"dark"``.
    overrides
        ``--set`` values by parameter name, still as text.
    out_dir
        Outputs go to ``out_dir/<slug>/``.
    gif_width, gif_fps
        GIF size and frame rate (a divisor of 100).
    data
        A CSV of the user's own labels and scores, for scenes that take one.
    positive
        Which label of ``data`` is the positive class, when it is not one of
        the labels understood on their own (0/1, true/false, ...).
    gif_max_kb
        Largest GIF wanted, in kilobytes (1000 bytes); width, frame rate and
        palette are then chosen to fit, ``gif_width`` and ``gif_fps`` being
        the largest tried.
    gif_start, gif_end
        Export one beat as the GIF: seconds (``"12.5"``) or a chapter's name.
        A chapter as start means where it begins; as end, where it ends.
    """

    slug: str
    quality: str = "high"
    formats: tuple[str, ...] = ("mp4",)
    theme: str = "light"
    overrides: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    out_dir: Path = Path("renders")
    gif_width: int = 640
    gif_fps: int = 20
    data: Path | None = None
    positive: str | None = None
    gif_max_kb: int | None = None
    gif_start: str | None = None
    gif_end: str | None = None

    def __post_init__(self) -> None:
        if self.quality not in QUALITIES:
            raise JobError(
                f"unknown quality {self.quality!r}; choose one of: {', '.join(QUALITIES)}"
            )
        unknown = [fmt for fmt in self.formats if fmt not in FORMATS]
        if unknown or not self.formats:
            raise JobError(
                f"unknown format {', '.join(unknown) or '(none)'}; "
                f"choose from: {', '.join(FORMATS)}"
            )
        self._check_gif_options()

    def _check_gif_options(self) -> None:
        chosen = {
            "--gif-max-kb": self.gif_max_kb,
            "--gif-start": self.gif_start,
            "--gif-end": self.gif_end,
        }
        given = [name for name, value in chosen.items() if value is not None]
        if given and "gif" not in self.formats:
            raise JobError(f"{', '.join(given)} shape the GIF; add gif to --format")
        if self.gif_max_kb is not None and self.gif_max_kb < 1:
            raise JobError(f"--gif-max-kb must be a whole number >= 1, got {self.gif_max_kb}")
        start, end = parse_moment(self.gif_start), parse_moment(self.gif_end)
        if isinstance(start, float) and isinstance(end, float) and end <= start:
            raise JobError(f"--gif-end ({end:g} s) must come after --gif-start ({start:g} s)")

    @property
    def command(self) -> str:
        """An ``mlu render`` command line that makes this job's files."""
        words = ["mlu", "render", self.slug, "--quality", self.quality]
        words += ["--format", ",".join(self.formats)]
        if self.theme != "light":
            words += ["--theme", self.theme]
        for name, value in self.overrides:
            words += ["--set", f"{name}={value}"]
        if "gif" in self.formats:
            words += ["--gif-width", str(self.gif_width), "--gif-fps", str(self.gif_fps)]
            optional = {
                "--gif-max-kb": self.gif_max_kb,
                "--gif-start": self.gif_start,
                "--gif-end": self.gif_end,
            }
            for option, value in optional.items():
                if value is not None:
                    words += [option, str(value)]
        if self.data is not None:
            words += ["--data", str(self.data)]
        if self.positive is not None:
            words += ["--positive", self.positive]
        return shlex.join(words)

    @property
    def stem(self) -> str:
        """File name stem: ``<slug>-<quality>``, plus ``-<theme>`` if not light."""
        suffix = "" if self.theme == "light" else f"-{self.theme}"
        return f"{self.slug}-{self.quality}{suffix}"

    @property
    def folder(self) -> Path:
        """Where this job's files go."""
        return self.out_dir / self.slug


def parse_moment(text: str | None) -> float | str | None:
    """Return a ``--gif-start``/``--gif-end`` value as seconds, or as a chapter name.

    Examples
    --------
    >>> parse_moment("12.5"), parse_moment("The AUC"), parse_moment(None)
    (12.5, 'The AUC', None)

    Raises
    ------
    JobError
        For negative or non-finite seconds, or an empty name.
    """
    if text is None:
        return None
    stripped = text.strip()
    try:
        seconds = float(stripped)
    except ValueError:
        if not stripped:
            raise JobError("a GIF start or end must be seconds or a chapter name") from None
        return stripped
    if not math.isfinite(seconds) or seconds < 0:
        raise JobError(f"a GIF start or end in seconds must be >= 0, got {text!r}")
    return seconds
