"""A render job as data: what to render, how, and where the files go."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlu_render.errors import JobError
from mlu_render.manim_config import QUALITIES

__all__ = ["FORMATS", "RenderJob"]

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

    @property
    def stem(self) -> str:
        """File name stem: ``<slug>-<quality>``, plus ``-<theme>`` if not light."""
        suffix = "" if self.theme == "light" else f"-{self.theme}"
        return f"{self.slug}-{self.quality}{suffix}"

    @property
    def folder(self) -> Path:
        """Where this job's files go."""
        return self.out_dir / self.slug
