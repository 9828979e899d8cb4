"""The manim settings a render runs under, built in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["QUALITIES", "Quality", "manim_settings"]

Quality = tuple[int, int, int]
"""Pixel width, pixel height and frame rate."""

QUALITIES: dict[str, Quality] = {
    "low": (854, 480, 15),
    "medium": (1280, 720, 30),
    "high": (1920, 1080, 60),
    "4k": (3840, 2160, 60),
}
"""The ``--quality`` presets, the same sizes and rates as manim's own."""


def manim_settings(
    media_dir: Path,
    *,
    width: int,
    height: int,
    frame_rate: int,
    write_video: bool,
) -> dict[str, Any]:
    """Return settings for :func:`manim.tempconfig` for one render.

    Manim's per-play cache is switched off: every render happens in a fresh
    private media folder, so it could never hit, and skipping a cached play
    would also skip the frames our own encoders are fed.
    """
    return {
        "media_dir": str(media_dir),
        "pixel_width": width,
        "pixel_height": height,
        "frame_rate": frame_rate,
        "disable_caching": True,
        "disable_caching_warning": True,
        "dry_run": not write_video,
        "format": "mp4" if write_video else "auto",
        "progress_bar": "none",
        "verbosity": "ERROR",
        "write_all": False,
        "save_sections": False,
    }
