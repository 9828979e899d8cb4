"""The manim settings a render runs under, built in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["ENCODER_OPTIONS", "INFLIGHT_ENCODERS", "QUALITIES", "Quality", "manim_settings"]

Quality = tuple[int, int, int]
"""Pixel width, pixel height and frame rate."""

QUALITIES: dict[str, Quality] = {
    "low": (854, 480, 15),
    "medium": (1280, 720, 30),
    "high": (1920, 1080, 60),
    "4k": (3840, 2160, 60),
}
"""The ``--quality`` presets, the same sizes and rates as manim's own."""

ENCODER_OPTIONS: dict[str, str] = {"crf": "23", "preset": "veryfast"}
"""libx264 settings for manim's video segments.

Manim's default is ``crf=23`` with x264's ``medium`` preset. Our scenes are
flat shapes and text on a plain background, where ``veryfast`` loses nothing
visible and encodes faster into a smaller file (measured in
``benchmarks/run.py``; see ``benchmarks/RESULTS.md``).
"""

INFLIGHT_ENCODERS = 2
"""Segments manim may encode while the scene goes on drawing the next play.

Manim's default, 1, waits for each play's file to be encoded before the
next play starts; 2 overlaps encoding with drawing.
"""


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
    would also skip the frames our own encoders are fed. Whole jobs are
    cached instead (:mod:`mlu_render.cache`). Video segments are encoded with
    :data:`ENCODER_OPTIONS`, :data:`INFLIGHT_ENCODERS` at a time.
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
        "video_encoder_options": dict(ENCODER_OPTIONS),
        "max_inflight_encoders": INFLIGHT_ENCODERS,
    }
