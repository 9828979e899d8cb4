"""GIF frame rules: rates with exact delays, GIF sizes, and which source frames a trim keeps."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

__all__ = [
    "GIF_FRAME_RATES",
    "MIN_WIDTH",
    "SCALE_FLAGS",
    "check_source_size",
    "exact_source_fps",
    "gif_frame_rate",
    "gif_size",
    "kept_frames",
]

#: Frame rates whose delay is a whole number of centiseconds, GIF's time unit.
GIF_FRAME_RATES = (100, 50, 25, 20, 10, 5, 4, 2, 1)

#: The narrowest GIF width that may be asked for, in pixels.
MIN_WIDTH = 16

#: ffmpeg ``scale`` flags for every resize of GIF frames: lanczos, accurate rounding, full chroma.
SCALE_FLAGS = "lanczos+accurate_rnd+full_chroma_int"

# A time in seconds is read as the nearest fraction with at most this
# denominator, so that 0.1 s is a tenth of a second, not 0.1000000000000000055.
_TIME_DENOMINATOR = 1_000_000


def exact_source_fps(source_fps: float) -> Fraction:
    """Return ``source_fps`` as an exact fraction, or raise if it is not positive.

    Parameters
    ----------
    source_fps : float
        A frame rate, e.g. 30, 29.97 or 30000 / 1001.

    Returns
    -------
    fps : Fraction
        The nearest fraction with a denominator of at most 1001: 29.97 stays
        2997/100 and 30000/1001 (NTSC) is recovered from its float.

    Examples
    --------
    >>> exact_source_fps(30000 / 1001), exact_source_fps(29.97)
    (Fraction(30000, 1001), Fraction(2997, 100))

    """
    if not (math.isfinite(source_fps) and source_fps > 0):
        raise ValueError(f"source_fps must be a positive number, got {source_fps!r}")
    return Fraction(source_fps).limit_denominator(1001)


def check_source_size(source_size: tuple[int, int]) -> tuple[int, int]:
    """Return ``source_size`` as two positive ints, or raise naming it.

    Parameters
    ----------
    source_size : tuple of int, shape (2,)
        ``(width, height)`` in pixels.

    Returns
    -------
    size : tuple of int, shape (2,)
        The same, as Python ints.

    """
    size = tuple(source_size)
    if len(size) != 2 or not all(isinstance(side, int | np.integer) and side > 0 for side in size):
        raise ValueError(
            f"source_size must be (width, height), two positive integers, got {source_size!r}"
        )
    return int(size[0]), int(size[1])


def gif_frame_rate(source_fps: float, requested: int = 20) -> int:
    """Return the GIF frame rate to use for a source: exact, and not too high.

    GIF delays are whole centiseconds, so only a rate dividing 100 keeps every
    frame's delay exact. The rate returned is the highest such rate that is
    neither above ``requested`` nor above ``source_fps``.

    Parameters
    ----------
    source_fps : float
        Frame rate of the source frames, at least 1.
    requested : int, default=20
        The rate wished for; one of :data:`GIF_FRAME_RATES`.

    Returns
    -------
    fps : int
        A member of :data:`GIF_FRAME_RATES`.

    Examples
    --------
    >>> gif_frame_rate(30), gif_frame_rate(30, 50), gif_frame_rate(15)
    (20, 25, 10)

    """
    if requested not in GIF_FRAME_RATES:
        allowed = ", ".join(map(str, sorted(GIF_FRAME_RATES)))
        raise ValueError(
            f"requested must divide 100 so that GIF delays are exact; "
            f"got {requested!r}, allowed: {allowed}"
        )
    source = exact_source_fps(source_fps)
    if source < 1:
        raise ValueError(f"source_fps must be at least 1, got {source_fps!r}")
    return max(rate for rate in GIF_FRAME_RATES if rate <= min(requested, source))


def gif_size(source_size: tuple[int, int], width: int) -> tuple[int, int]:
    """Return the (width, height) of the GIF made from frames of ``source_size``.

    The width is ``width`` clamped to the source's; the height keeps the aspect
    ratio, rounded to the nearest even number.

    Parameters
    ----------
    source_size : tuple of int, shape (2,)
        ``(width, height)`` of the source frames, in pixels.
    width : int
        Width asked for, at least :data:`MIN_WIDTH`.

    Returns
    -------
    size : tuple of int, shape (2,)
        ``(width, height)`` of the GIF.

    Examples
    --------
    >>> gif_size((1920, 1080), 480), gif_size((320, 180), 240)
    ((480, 270), (240, 136))

    """
    source_width, source_height = check_source_size(source_size)
    if not isinstance(width, int | np.integer) or width < MIN_WIDTH:
        raise ValueError(f"width must be an integer >= {MIN_WIDTH}, got {width!r}")
    out_width = min(int(width), source_width)
    # Round out_width * h / w to the nearest even number, halves up.
    numerator, denominator = out_width * source_height, 2 * source_width
    half_height = (2 * numerator + denominator) // (2 * denominator)
    return out_width, max(2, 2 * half_height)


def kept_frames(
    frame_count: int,
    source_fps: float | Fraction,
    start: float | None = None,
    end: float | None = None,
) -> range:
    """Return the indices of the source frames kept by trimming to ``[start, end)``.

    Source frame ``i`` is shown from time ``i / source_fps``; it is kept when
    that time is in ``[start, end)``. The GIF's timeline then starts at the
    first kept frame, and GIF frame ``j`` at ``fps`` shows kept frame
    ``floor(j * source_fps / fps)``, as :class:`~mlu_render.gif.GifWriter`
    does; the GIF has ``ceil(len(kept) * fps / source_fps)`` frames.

    Parameters
    ----------
    frame_count : int
        Frames in the source.
    source_fps : float or Fraction
        The source's frame rate.
    start, end : float or None, default=None
        Seconds on the source's timeline; None is its start or its end.
        Times are read to the microsecond.

    Returns
    -------
    kept : range
        Consecutive source frame indices, never empty.

    Raises
    ------
    ValueError
        When a time is negative or not finite, ``end <= start``, or no frame
        is shown in ``[start, end)``.

    Examples
    --------
    >>> kept_frames(60, 30, start=0.5, end=1.0)
    range(15, 30)
    >>> kept_frames(60, 30, start=0.51)
    range(16, 60)

    """
    rate = Fraction(source_fps)
    first = 0 if start is None else math.ceil(_seconds("start", start) * rate)
    stop = frame_count if end is None else min(frame_count, math.ceil(_seconds("end", end) * rate))
    if start is not None and end is not None and end <= start:
        raise ValueError(f"end must be after start, got start={start!r}, end={end!r}")
    if first >= stop:
        duration = float(frame_count / rate)
        raise ValueError(
            f"start={start!r}, end={end!r} keeps no frame of the {duration:g} s source "
            f"({frame_count} frames at {float(rate):g} fps); choose times within it"
        )
    return range(first, stop)


def _seconds(name: str, value: float) -> Fraction:
    """Return a time as an exact fraction of a second, or raise naming it."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise ValueError(f"{name} must be a number of seconds, got {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite, non-negative number of seconds, got {value!r}")
    return Fraction(value).limit_denominator(_TIME_DENOMINATOR)
