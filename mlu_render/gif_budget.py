"""GIFs from a lossless video: trimmed, resized, re-timed, measured and fitted to a size budget."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from mlu_render.ffmpeg import FfmpegError, ffmpeg_command, run_ffmpeg
from mlu_render.gif import GIF_FRAME_RATES, MIN_WIDTH, gif_frame_rate, gif_size

__all__ = [
    "BUDGET_COLORS",
    "BUDGET_FRAME_RATE_COUNT",
    "PSNR_CEILING_DB",
    "WIDTH_STEP",
    "BudgetChoice",
    "GifBudgetError",
    "GifCandidate",
    "GifEncoding",
    "describe_choice",
    "encode_gif",
    "fit_gif_budget",
    "format_bytes",
    "gif_quality",
    "kept_frames",
    "width_ladder",
]

#: Palette sizes :func:`fit_gif_budget` tries, largest first.
BUDGET_COLORS = (256, 128, 64)

#: How many frame rates :func:`fit_gif_budget` tries: the highest allowed, then lower ones.
BUDGET_FRAME_RATE_COUNT = 3

#: Per-frame PSNR above this counts as this, in dB (libvmaf's ceiling for 8-bit video),
#: so that one identical frame does not make the mean infinite.
PSNR_CEILING_DB = 60.0

#: Each rung of :func:`width_ladder` is this fraction of the one above (about 23% fewer pixels).
WIDTH_STEP = Fraction(7, 8)

# The same scaling, palette and mapping settings as mlu_render.gif.GifWriter.
_SCALE_FLAGS = "lanczos+accurate_rnd+full_chroma_int"
_PALETTEGEN = "palettegen=max_colors={colors}:reserve_transparent=0:stats_mode=diff"
# Diff statistics never count a frame that stays to the end: a negated copy
# after the last frame differs everywhere, so the last frame is counted too.
_COUNT_LAST_FRAME = "tpad=stop=1:stop_mode=clone,negate=enable='gte(n,{n_frames})'"
_PALETTEUSE = "paletteuse=dither=none:diff_mode=rectangle"
# A time in seconds is read as the nearest fraction with at most this
# denominator, so that 0.1 s is a tenth of a second, not 0.1000000000000000055.
_TIME_DENOMINATOR = 1_000_000
# GIF bytes grow about as width ** 1.5 (between the rows' count and the area);
# a probe's size and this guess where the budget is met.
_BYTES_EXPONENT = 1.5

_STREAM_LINE = re.compile(r"Stream #0:\d+.*?: Video: (?P<details>.*)")
_FRAME_SIZE = re.compile(r", (?P<width>\d+)x(?P<height>\d+)\b")
_FRAME_RATE = re.compile(r", (?P<fps>\d+(?:\.\d+)?) fps\b")
_FRAME_COUNT = re.compile(r"frame=\s*(?P<count>\d+)")
_PSNR_AVG = re.compile(rb"psnr_avg:(?P<db>\S+)")


class GifBudgetError(ValueError):
    """No candidate GIF fits the size budget; says how small it got and what to try.

    Attributes
    ----------
    max_bytes : int
        The budget.
    smallest : GifCandidate
        The smallest candidate tried, which did not fit.
    height : int
        Its height in pixels.

    """

    def __init__(self, max_bytes: int, smallest: GifCandidate, height: int) -> None:
        self.max_bytes = max_bytes
        self.smallest = smallest
        self.height = height
        super().__init__(
            f"no GIF of this clip fits in {format_bytes(max_bytes)} ({max_bytes} bytes): even "
            f"the smallest tried, {smallest.width}x{height} at {smallest.fps} fps with "
            f"{smallest.colors} colours, is {format_bytes(smallest.bytes)} "
            f"({smallest.bytes} bytes); give a shorter clip with --gif-start/--gif-end, "
            f"or a larger budget"
        )

    def __reduce__(self) -> tuple[type[GifBudgetError], tuple[int, GifCandidate, int]]:
        """Pickle by the constructor's arguments, so the error crosses process pools."""
        return type(self), (self.max_bytes, self.smallest, self.height)


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
class GifCandidate:
    """One GIF encoded while fitting a budget.

    Attributes
    ----------
    width, fps, colors : int
        How it was encoded.
    bytes : int
        Its size.
    psnr : float or None
        Its :func:`gif_quality` in dB, or None when it was not measured (it
        did not fit, or a fitting candidate at least as wide, fast and
        colourful made it pointless).

    """

    width: int
    fps: int
    colors: int
    bytes: int
    psnr: float | None = None


@dataclass(frozen=True)
class BudgetChoice:
    """The GIF :func:`fit_gif_budget` chose, its quality and what it tried.

    Attributes
    ----------
    encoding : GifEncoding
        The GIF, at its final path.
    quality : float
        Its :func:`gif_quality` in dB.
    max_bytes : int
        The budget it fits.
    candidates : tuple of GifCandidate
        Every GIF encoded, in the order tried; ``len(candidates)`` is the
        search's cost in encodes.

    """

    encoding: GifEncoding
    quality: float
    max_bytes: int
    candidates: tuple[GifCandidate, ...]


@dataclass(frozen=True)
class _Clip:
    """A lossless source video: its file, frame size, exact rate and frame count."""

    path: Path
    size: tuple[int, int]
    fps: Fraction
    frame_count: int


@dataclass(frozen=True)
class _Plan:
    """What to encode: which source frames, at what size, rate and palette."""

    kept: range
    width: int
    height: int
    fps: int
    colors: int
    frame_count: int


# --- Which frames -------------------------------------------------------------


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


# --- Encoding -----------------------------------------------------------------


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
        source's. Frames are dropped as :func:`kept_frames` says. None is the
        highest such rate.
    colors : int, default=256
        Largest palette, 2 to 256 colours.
    start, end : float or None, default=None
        Keep only the source frames shown in ``[start, end)`` seconds
        (:func:`kept_frames`); None keeps from the first, or to the last.
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
    clip = _probe(Path(source))
    plan = _plan(clip, width=width, fps=fps, colors=colors, start=start, end=end)
    return _encode(clip, plan, Path(target), Path(workdir))


def _plan(
    clip: _Clip,
    *,
    width: int | None,
    fps: int | None,
    colors: int,
    start: float | None,
    end: float | None,
) -> _Plan:
    """Check the arguments of :func:`encode_gif` against the clip; return what to encode."""
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
    return _Plan(kept, gif_width, gif_height, int(fps), colors, frame_count)


def _clip_filters(clip: _Clip, plan: _Plan) -> list[str]:
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
        filters.append(f"scale={plan.width}:{plan.height}:flags={_SCALE_FLAGS}")
    return filters


def _encode(clip: _Clip, plan: _Plan, target: Path, workdir: Path) -> GifEncoding:
    """Run palettegen then paletteuse, and move the GIF into place."""
    workdir.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    palette = _temporary_path(workdir, f".{target.stem}.", ".palette.png")
    partial = _temporary_path(target.parent, f".{target.name}.", ".partial")
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


def _temporary_path(folder: Path, prefix: str, suffix: str) -> Path:
    """Return a new, empty file's path in ``folder`` that no other run will pick.

    The file gets the permissions a plainly created file would (``mkstemp``
    makes it private), since it becomes an output people share.
    """
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


def _probe(path: Path) -> _Clip:
    """Return a video's frame size, rate and frame count, counting packets (no decoding)."""
    if not path.is_file():
        raise ValueError(f"source {path} is not a file; give the lossless video to encode")
    command = ffmpeg_command(
        [
            *("-loglevel", "info", "-nostats", "-i", path),
            *("-map", "0:v:0", "-c", "copy", "-f", "null", "-"),
        ]
    )
    done = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    log = done.stderr.decode("utf-8", errors="replace")
    if done.returncode != 0:
        raise FfmpegError(command, done.returncode, log)
    stream = _STREAM_LINE.search(log)
    size = _FRAME_SIZE.search(stream["details"]) if stream else None
    rate = _FRAME_RATE.search(stream["details"]) if stream else None
    counts = _FRAME_COUNT.findall(log)
    if size is None or rate is None or not counts or int(counts[-1]) == 0:
        raise ValueError(f"source {path} has no video frames with a known size and frame rate")
    return _Clip(
        path,
        (int(size["width"]), int(size["height"])),
        # 29.97 stays 2997/100; ffmpeg prints rates to two decimals.
        Fraction(rate["fps"]).limit_denominator(1001),
        int(counts[-1]),
    )


# --- Quality ------------------------------------------------------------------


def gif_quality(
    gif: Path,
    reference: Path,
    *,
    start: float | None = None,
    end: float | None = None,
) -> float:
    """Return the mean PSNR of a GIF against its lossless source, at the source's size and rate.

    The GIF is scaled back up to the reference's size (lanczos), and each
    reference frame kept by ``[start, end)`` is compared with the GIF frame
    on screen at its time, so GIFs of different widths, frame rates and
    palettes are scored on the same frames. ffmpeg's ``psnr`` filter does the
    work, streaming: memory stays at a few frames at any size.

    Parameters
    ----------
    gif : Path
        A GIF made from ``reference`` by :func:`encode_gif` with the same
        ``start`` and ``end``.
    reference : Path
        The lossless video it was made from.
    start, end : float or None, default=None
        The trim the GIF was made with (:func:`kept_frames`).

    Returns
    -------
    psnr : float
        Mean over the kept reference frames of each frame's PSNR (all three
        colour channels, peak 255) in decibels, each at most
        :data:`PSNR_CEILING_DB` (an identical frame counts as that).

    Raises
    ------
    ValueError
        When ``start``/``end`` keep no frame, or a file is not a video.
    FfmpegError
        When ffmpeg fails.

    """
    clip = _probe(Path(reference))
    kept = kept_frames(clip.frame_count, clip.fps, start, end)
    return _mean_psnr(Path(gif), clip, kept)


def _mean_psnr(gif: Path, clip: _Clip, kept: range) -> float:
    """Return the mean per-frame PSNR of ``gif`` against the ``kept`` frames of ``clip``."""
    width, height = clip.size
    reference = [f"settb={clip.fps.denominator}/{clip.fps.numerator}", "setpts=N", "format=gbrp"]
    if kept != range(clip.frame_count):
        reference.insert(0, f"trim=start_frame={kept.start}:end_frame={kept.stop}")
    # psnr's first input drives it: one line per reference frame, compared with
    # the GIF frame of the latest time not after it. Lines after len(kept) come
    # from GIF frames left over once the reference has ended.
    graph = (
        f"[1:v]{','.join(reference)}[ref];"
        f"[0:v]scale={width}:{height}:flags={_SCALE_FLAGS},format=gbrp[gif];"
        "[ref][gif]psnr=stats_file=-"
    )
    command = ffmpeg_command(
        ["-i", gif, "-i", clip.path, "-filter_complex", graph, "-f", "null", "-"]
    )
    total, count = 0.0, 0
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log
        )
        assert process.stdout is not None  # started with stdout=PIPE
        with process.stdout:
            for line in process.stdout:
                found = _PSNR_AVG.search(line)
                if found and count < len(kept):
                    total += min(float(found["db"]), PSNR_CEILING_DB)
                    count += 1
        returncode = process.wait()
        if returncode != 0:
            log.seek(0)
            raise FfmpegError(command, returncode, log.read().decode("utf-8", errors="replace"))
    if count != len(kept):
        raise ValueError(f"gif {gif} gave {count} PSNR values for {len(kept)} reference frames")
    return total / count


# --- Fitting a budget ---------------------------------------------------------


def width_ladder(max_width: int) -> tuple[int, ...]:
    """Return the widths :func:`fit_gif_budget` tries, from ``max_width`` down to MIN_WIDTH.

    Each rung is :data:`WIDTH_STEP` of the one above, rounded down to an even
    number; the last is :data:`~mlu_render.gif.MIN_WIDTH`.

    Parameters
    ----------
    max_width : int
        The widest, at least :data:`~mlu_render.gif.MIN_WIDTH`.

    Returns
    -------
    widths : tuple of int
        Strictly decreasing.

    Examples
    --------
    >>> width_ladder(64)
    (64, 56, 48, 42, 36, 30, 26, 22, 18, 16)

    """
    if isinstance(max_width, bool) or not isinstance(max_width, int) or max_width < MIN_WIDTH:
        raise ValueError(f"max_width must be an integer >= {MIN_WIDTH}, got {max_width!r}")
    widths = [max_width]
    while widths[-1] > MIN_WIDTH:
        narrower = math.floor(widths[-1] * WIDTH_STEP) // 2 * 2
        widths.append(max(MIN_WIDTH, min(narrower, widths[-1] - 2)))
    return tuple(widths)


def fit_gif_budget(
    source: Path,
    target: Path,
    *,
    max_bytes: int,
    max_width: int,
    max_fps: int,
    start: float | None = None,
    end: float | None = None,
    workdir: Path,
) -> BudgetChoice:
    """Write the best-looking GIF of a lossless video that fits in ``max_bytes``.

    Candidates are every width of :func:`width_ladder` (``max_width``,
    clamped to the source's, down to :data:`~mlu_render.gif.MIN_WIDTH`), each
    at the :data:`BUDGET_FRAME_RATE_COUNT` highest rates dividing 100 up to
    ``max_fps`` (and the source's) and each palette size of
    :data:`BUDGET_COLORS`. A GIF grows with width, frame rate and colours,
    so the search does this:

    1. Encode the smallest candidate (narrowest, slowest, fewest colours);
       if it does not fit, raise :class:`GifBudgetError` (1 encode).
    2. For each (fps, colours) pair, largest first, find the widest width
       that fits. The first probe is the widest that fitted a larger pair
       (the top of the ladder for the first pair); a second probe is where
       the bytes, taken as growing as width ** 1.5, would just fit; from
       there a galloping, then binary, search over the ladder finds the
       edge. Pairs that cannot beat a pair fitting at full width are skipped.
    3. Measure :func:`gif_quality` of each pair's widest fit, unless another
       fitting candidate is at least as wide, fast and colourful; keep the
       best.

    Cost: 1 encode, then 2 (a width that fits and the rung above that does
    not) to about 5 per pair, and one :func:`gif_quality` for each pair's
    widest fit unless another fit is at least as wide, fast and colourful.
    Measured on a 2 s, 160 px clip (16 rungs, 9 pairs): 24 to 33 encodes and
    1 to 8 measurements, where a plain bisection per pair needs about 37
    encodes; on a 6 s, 640x360, 20 fps clip (26 rungs): 13 to 32 encodes,
    about 1.5 s each on a busy 2-core machine; 2 encodes and 1 measurement
    whenever the top candidate fits. An
    encode reads the clip twice; a trimmed clip is first copied losslessly,
    once, so that encodes read only the kept frames. Sizes are not strictly
    monotone (unscaled, full-width frames can compress better than scaled,
    narrower ones), so the search can miss a fit; what it returns always
    fits, as measured.

    Parameters
    ----------
    source : Path
        A lossless video (FFV1 in Matroska, as ``GifWriter`` makes): the GIF's
        frames and the reference its quality is measured against.
    target : Path
        Where the chosen GIF goes; it appears only once complete, and not at
        all when nothing fits.
    max_bytes : int
        The budget, in bytes.
    max_width : int
        The widest GIF wanted, at least :data:`~mlu_render.gif.MIN_WIDTH`.
    max_fps : int
        The highest frame rate wanted, one of
        :data:`~mlu_render.gif.GIF_FRAME_RATES`.
    start, end : float or None, default=None
        Trim to ``[start, end)`` seconds (:func:`kept_frames`).
    workdir : Path
        Folder for candidates, created if missing; nothing is left in it.

    Returns
    -------
    choice : BudgetChoice
        The GIF written to ``target``, its quality and every candidate tried.

    Raises
    ------
    GifBudgetError
        When even the smallest candidate is larger than ``max_bytes``.
    ValueError
        When an argument is out of range; the message names it.

    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive integer, got {max_bytes!r}")
    if isinstance(max_fps, bool) or max_fps not in GIF_FRAME_RATES:
        allowed = ", ".join(map(str, sorted(GIF_FRAME_RATES)))
        raise ValueError(f"max_fps must divide 100, got {max_fps!r}; allowed: {allowed}")
    width_ladder(max_width)  # checks max_width
    clip = _probe(Path(source))
    kept = kept_frames(clip.frame_count, clip.fps, start, end)
    top_fps = gif_frame_rate(clip.fps, max_fps)
    rates = tuple(rate for rate in GIF_FRAME_RATES if rate <= top_fps)[:BUDGET_FRAME_RATE_COUNT]
    Path(workdir).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".gif-budget-", dir=workdir))
    try:
        if kept != range(clip.frame_count):
            clip, kept = _lossless_excerpt(clip, kept, work), range(len(kept))
        search = _BudgetSearch(clip, kept, width_ladder(min(max_width, clip.size[0])), work)
        return search.run(rates, max_bytes, Path(target))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _lossless_excerpt(clip: _Clip, kept: range, work: Path) -> _Clip:
    """Copy the ``kept`` frames of ``clip`` into a new lossless video in ``work``."""
    path = work / "excerpt.mkv"
    trim = f"trim=start_frame={kept.start}:end_frame={kept.stop},setpts=PTS-STARTPTS"
    run_ffmpeg(["-i", clip.path, "-vf", trim, "-c:v", "ffv1", "-an", "-f", "matroska", path])
    return _Clip(path, clip.size, clip.fps, len(kept))


class _BudgetSearch:
    """The candidates of one :func:`fit_gif_budget` call, encoded at most once each."""

    def __init__(self, clip: _Clip, kept: range, ladder: tuple[int, ...], work: Path) -> None:
        self.clip = clip
        self.kept = kept
        self.ladder = ladder
        self.work = work
        self.encoded: dict[tuple[int, int, int], GifEncoding] = {}
        self.quality: dict[tuple[int, int, int], float] = {}

    def encode(self, fps: int, colors: int, rung: int) -> GifEncoding:
        """Return the candidate at ``fps``, ``colors`` and ladder rung ``rung``."""
        key = (fps, colors, rung)
        if key not in self.encoded:
            width = self.ladder[rung]
            plan = _plan(self.clip, width=width, fps=fps, colors=colors, start=None, end=None)
            path = self.work / f"{fps}fps-{colors}c-{width}px.gif"
            self.encoded[key] = _encode(self.clip, plan, path, self.work)
        return self.encoded[key]

    def run(self, rates: tuple[int, ...], max_bytes: int, target: Path) -> BudgetChoice:
        """Search, measure, and move the best fitting candidate to ``target``."""
        last = len(self.ladder) - 1
        smallest = self.encode(rates[-1], BUDGET_COLORS[-1], last)
        if smallest.bytes > max_bytes:
            candidate = GifCandidate(smallest.width, smallest.fps, smallest.colors, smallest.bytes)
            raise GifBudgetError(max_bytes, candidate, smallest.height)
        fits: dict[tuple[int, int], int | None] = {}
        for fps in rates:
            for colors in BUDGET_COLORS:
                if any(f >= fps and c >= colors and rung == 0 for (f, c), rung in fits.items()):
                    continue  # a pair at least as fast and colourful fits at full width
                bounds = [rung for (f, c), rung in fits.items() if f >= fps and c >= colors]
                guess = min((last if rung is None else rung for rung in bounds), default=0)
                fits[fps, colors] = self._widest_fit(fps, colors, guess, max_bytes)
        winners = [(f, c, rung) for (f, c), rung in fits.items() if rung is not None]
        for key in _undominated(winners):
            self.quality[key] = _mean_psnr(self.encoded[key].path, self.clip, self.kept)
        best = max(self.quality, key=lambda key: (self.quality[key], -key[2], key[0], key[1]))
        encoding = _publish(self.encoded[best], target)
        return BudgetChoice(encoding, self.quality[best], max_bytes, self._candidates())

    def _widest_fit(self, fps: int, colors: int, guess: int, max_bytes: int) -> int | None:
        """Return the lowest rung (widest) whose GIF fits, or None; probes near ``guess``."""
        probe = self.encode(fps, colors, guess)
        aim = self.ladder[guess] * (max_bytes / probe.bytes) ** (1 / _BYTES_EXPONENT)
        start = next((rung for rung, w in enumerate(self.ladder) if w <= aim), len(self.ladder) - 1)
        return _first_true(
            lambda rung: self.encode(fps, colors, rung).bytes <= max_bytes,
            len(self.ladder),
            start,
        )

    def _candidates(self) -> tuple[GifCandidate, ...]:
        return tuple(
            GifCandidate(gif.width, gif.fps, gif.colors, gif.bytes, self.quality.get(key))
            for key, gif in self.encoded.items()
        )


def _first_true(test: Callable[[int], bool], count: int, guess: int) -> int | None:
    """Return the first ``i`` in ``range(count)`` with ``test(i)``, or None.

    ``test`` must be false then true along the range. The search gallops
    from ``guess`` (1, 2, 4... steps away) until it brackets the change, then
    bisects, so it costs about ``2 * log2(distance from guess)`` tests.
    """
    below, above = -1, count  # test(below) is false, test(above) is true
    step = 1
    if test(guess):
        above = guess
        while above - below > 1:
            probe = max(guess - step, below + 1)
            if test(probe):
                above = probe
            else:
                below = probe
                break
            step *= 2
    else:
        below = guess
        while above - below > 1:
            probe = min(guess + step, above - 1)
            if test(probe):
                above = probe
                break
            below = probe
            step *= 2
    while above - below > 1:
        middle = (below + above) // 2
        if test(middle):
            above = middle
        else:
            below = middle
    return above if above < count else None


def _undominated(winners: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Return the (fps, colours, rung) not beaten by another at least as fast, rich and wide."""
    return [
        (fps, colors, rung)
        for fps, colors, rung in winners
        if not any(
            (f, c, r) != (fps, colors, rung) and f >= fps and c >= colors and r <= rung
            for f, c, r in winners
        )
    ]


def _publish(encoding: GifEncoding, target: Path) -> GifEncoding:
    """Copy a candidate to ``target`` under a temporary name, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _temporary_path(target.parent, f".{target.name}.", ".partial")
    try:
        shutil.copyfile(encoding.path, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return GifEncoding(
        target,
        encoding.width,
        encoding.height,
        encoding.fps,
        encoding.colors,
        encoding.frame_count,
        encoding.bytes,
    )


# --- For people ---------------------------------------------------------------


def format_bytes(count: int) -> str:
    """Return a size in bytes as people read it: ``"950 B"``, ``"487 KB"``, ``"1.2 MB"`` (SI)."""
    if count < 1000:
        return f"{count} B"
    if count < 1_000_000:
        return f"{count / 1000:.0f} KB"
    return f"{count / 1_000_000:.1f} MB"


def describe_choice(choice: BudgetChoice) -> str:
    """Return one line saying what :func:`fit_gif_budget` chose, for the command line.

    Parameters
    ----------
    choice : BudgetChoice
        What :func:`fit_gif_budget` returned.

    Returns
    -------
    line : str
        E.g. ``"GIF fits 500 KB: 480x270, 10 fps, 128 colours, 487 KB, 38.2 dB"``.

    """
    gif = choice.encoding
    return (
        f"GIF fits {format_bytes(choice.max_bytes)}: {gif.width}x{gif.height}, {gif.fps} fps, "
        f"{gif.colors} colours, {format_bytes(gif.bytes)}, {choice.quality:.1f} dB"
    )
