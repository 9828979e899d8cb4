"""GIF encoding from a lossless video: trim, re-time, resize, one palette, exact delays."""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from mlu_render.ffmpeg import run_ffmpeg
from mlu_render.gif.frame_rules import (
    GIF_FRAME_RATES,
    SCALE_FLAGS,
    gif_frame_rate,
    gif_size,
    kept_frames,
)
from mlu_render.gif.probe import VideoFacts, probe_video

__all__ = [
    "EncodingPlan",
    "GifEncoding",
    "encode_gif",
    "encode_plan",
    "plan_encoding",
    "temporary_path",
]

_PALETTEGEN = "palettegen=max_colors={colors}:reserve_transparent=0:stats_mode=diff"
# Diff statistics never count a frame that stays to the end: a negated copy
# after the last frame differs everywhere, so the last frame is counted too.
_COUNT_LAST_FRAME = "tpad=stop=1:stop_mode=clone,negate=enable='gte(n,{n_frames})'"
_PALETTEUSE = "paletteuse=dither=none:diff_mode=rectangle"


@dataclass(frozen=True)
class GifEncoding:
    """A GIF that was written, and how it was made.

    Attributes
    ----------
    path : Path
        The GIF.
    width, height : int
        Its size in pixels.
    fps : int
        Its frame rate; every frame lasts ``100 / fps`` centiseconds.
    colors : int
        The largest palette it was allowed (it may use fewer colours).
    frame_count : int
        Its number of frames.
    bytes : int
        Its size on disk.

    """

    path: Path
    width: int
    height: int
    fps: int
    colors: int
    frame_count: int
    bytes: int


@dataclass(frozen=True)
class EncodingPlan:
    """What to encode: which source frames, at what size, rate and palette.

    Attributes
    ----------
    kept : range
        Source frame indices kept (:func:`~mlu_render.gif.frame_rules.kept_frames`).
    width, height : int
        GIF size in pixels.
    fps : int
        GIF frame rate, dividing 100.
    colors : int
        Largest palette.
    frame_count : int
        GIF frames: ``ceil(len(kept) * fps / source_fps)``.

    """

    kept: range
    width: int
    height: int
    fps: int
    colors: int
    frame_count: int


def encode_gif(
    source: Path,
    target: Path,
    *,
    width: int | None = None,
    fps: int | None = None,
    colors: int = 256,
    start: float | None = None,
    end: float | None = None,
    workdir: Path,
) -> GifEncoding:
    """Encode a looping GIF from a lossless video, optionally trimmed, resized and re-timed.

    Frames are streamed through ffmpeg twice, never held in memory: once to
    make one palette of at most ``colors`` colours for the clip (statistics of
    what changes between frames, the last frame counted too), once to map
    every frame to it without dithering, redrawing only the rectangle that
    changed. With the default arguments, on the lossless video a
    :class:`~mlu_render.gif.GifWriter` makes, the GIF is byte for byte the
    one that writer makes.

    Parameters
    ----------
    source : Path
        A lossless video (FFV1 in Matroska, as ``GifWriter`` makes).
    target : Path
        Where the GIF goes; written under a temporary name in the same folder
        and moved into place only once complete.
    width : int or None, default=None
        GIF width, at least :data:`~mlu_render.gif.MIN_WIDTH`, clamped to the
        source's; the height keeps the aspect ratio, rounded to an even number
        (:func:`~mlu_render.gif.gif_size`). None keeps the source's size.
        Scaling is lanczos.
    fps : int or None, default=None
        GIF frame rate: a divisor of 100 (exact delays) not above the
        source's. Frames are dropped as :func:`~mlu_render.gif.kept_frames`
        says. None is the highest such rate.
    colors : int, default=256
        Largest palette, 2 to 256 colours.
    start, end : float or None, default=None
        Keep only the source frames shown in ``[start, end)`` seconds
        (:func:`~mlu_render.gif.kept_frames`); None keeps from the first, or
        to the last.
    workdir : Path
        Folder for the palette, created if missing; nothing is left in it.

    Returns
    -------
    encoding : GifEncoding
        The GIF and how it was made.

    Raises
    ------
    ValueError
        When an argument is out of range; the message names it.
    FfmpegError
        When ffmpeg fails; no file is left behind.

    Examples
    --------
    >>> encode_gif(Path("clip.mkv"), Path("clip.gif"), width=480, fps=10,
    ...            start=1.0, end=4.0, workdir=Path("work"))  # doctest: +SKIP
    GifEncoding(path=PosixPath('clip.gif'), width=480, height=270, fps=10, ...)

    """
    clip = probe_video(Path(source), name="source")
    plan = plan_encoding(clip, width=width, fps=fps, colors=colors, start=start, end=end)
    return encode_plan(clip, plan, Path(target), Path(workdir))


def plan_encoding(
    clip: VideoFacts,
    *,
    width: int | None,
    fps: int | None,
    colors: int,
    start: float | None = None,
    end: float | None = None,
) -> EncodingPlan:
    """Check the arguments of :func:`encode_gif` against the clip; return what to encode.

    Parameters
    ----------
    clip : VideoFacts
        The source, as :func:`~mlu_render.gif.probe.probe_video` read it.
    width, fps, colors, start, end
        As for :func:`encode_gif`.

    Returns
    -------
    plan : EncodingPlan
        The frames, size, rate and palette to encode.

    Raises
    ------
    ValueError
        When an argument is out of range; the message names it.

    """
    if isinstance(colors, bool) or not isinstance(colors, int) or not 2 <= colors <= 256:
        raise ValueError(f"colors must be an integer from 2 to 256, got {colors!r}")
    if fps is None:
        fps = gif_frame_rate(clip.fps, max(GIF_FRAME_RATES))
    elif isinstance(fps, bool) or fps not in GIF_FRAME_RATES or fps > clip.fps:
        allowed = ", ".join(str(rate) for rate in sorted(GIF_FRAME_RATES) if rate <= clip.fps)
        raise ValueError(
            f"fps must divide 100 and not exceed the source's {float(clip.fps):g} fps, "
            f"got {fps!r}; allowed: {allowed}"
        )
    gif_width, gif_height = gif_size(clip.size, clip.size[0] if width is None else width)
    kept = kept_frames(clip.frame_count, clip.fps, start, end)
    frame_count = math.ceil(len(kept) * Fraction(fps) / clip.fps)
    return EncodingPlan(kept, gif_width, gif_height, int(fps), colors, frame_count)


def encode_plan(clip: VideoFacts, plan: EncodingPlan, target: Path, workdir: Path) -> GifEncoding:
    """Encode ``plan`` of ``clip``: palettegen, then paletteuse, then move the GIF into place.

    Parameters
    ----------
    clip : VideoFacts
        The lossless source.
    plan : EncodingPlan
        What :func:`plan_encoding` returned for it.
    target : Path
        Where the GIF goes; it appears only once complete.
    workdir : Path
        Folder for the palette, created if missing; nothing is left in it.

    Returns
    -------
    encoding : GifEncoding
        The GIF and how it was made.

    Raises
    ------
    FfmpegError
        When ffmpeg fails; no file is left behind.

    """
    workdir.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    palette = temporary_path(workdir, f".{target.stem}.", ".palette.png")
    partial = temporary_path(target.parent, f".{target.name}.", ".partial")
    filters = _clip_filters(clip, plan)
    count_last_frame = _COUNT_LAST_FRAME.format(n_frames=plan.frame_count)
    palettegen = _PALETTEGEN.format(colors=plan.colors)
    if filters:
        paletteuse = f"[0:v]{','.join(filters)}[clip];[clip][1:v]{_PALETTEUSE}"
    else:
        paletteuse = f"[0:v][1:v]{_PALETTEUSE}"
    try:
        run_ffmpeg(
            [
                *("-i", clip.path),
                *("-vf", ",".join([*filters, count_last_frame, palettegen])),
                *("-frames:v", "1", "-update", "1", palette),
            ]
        )
        run_ffmpeg(
            [
                *("-i", clip.path, "-i", palette),
                *("-lavfi", paletteuse, "-loop", "0", "-f", "gif"),
                partial,
            ]
        )
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        palette.unlink(missing_ok=True)
    return GifEncoding(
        target,
        plan.width,
        plan.height,
        plan.fps,
        plan.colors,
        plan.frame_count,
        target.stat().st_size,
    )


def _clip_filters(clip: VideoFacts, plan: EncodingPlan) -> list[str]:
    """Return the filters that trim, re-time and scale the clip; none if none is needed."""
    filters = []
    if plan.kept != range(clip.frame_count):
        filters.append(f"trim=start_frame={plan.kept.start}:end_frame={plan.kept.stop}")
    ratio = Fraction(plan.fps) / clip.fps
    if ratio != 1:
        # Keep source frame n when a GIF frame j has n <= j / ratio < n + 1.
        p, q = ratio.numerator, ratio.denominator
        filters.append(f"select='lt(ceil(n*{p}/{q}),ceil((n+1)*{p}/{q}))'")
    if filters:
        # GIF frame j at exactly j / fps; `fps` only labels the stream's rate.
        filters.append(f"settb=1/{plan.fps},setpts=N,fps={plan.fps}")
    if (plan.width, plan.height) != clip.size:
        filters.append(f"scale={plan.width}:{plan.height}:flags={SCALE_FLAGS}")
    return filters


def temporary_path(folder: Path, prefix: str, suffix: str) -> Path:
    """Return a new, empty file's path in ``folder`` that no other run will pick.

    The file gets the permissions a plainly created file would (``mkstemp``
    makes it private), since it becomes an output people share.

    Parameters
    ----------
    folder : Path
        An existing folder.
    prefix, suffix : str
        The start and end of the file's name.

    Returns
    -------
    path : Path
        The new file.

    """
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)
