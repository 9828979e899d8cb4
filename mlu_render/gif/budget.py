"""Fit a GIF to a size budget: search widths, rates and palettes, keep the best-looking fit."""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from mlu_render.ffmpeg import run_ffmpeg
from mlu_render.gif.encoder import GifEncoding, encode_plan, plan_encoding, temporary_path
from mlu_render.gif.frame_rules import GIF_FRAME_RATES, MIN_WIDTH, gif_frame_rate, kept_frames
from mlu_render.gif.probe import VideoFacts, probe_video
from mlu_render.gif.quality import mean_psnr

__all__ = [
    "BUDGET_COLORS",
    "BUDGET_FRAME_RATE_COUNT",
    "WIDTH_STEP",
    "BudgetChoice",
    "GifBudgetError",
    "GifCandidate",
    "describe_choice",
    "fit_gif_budget",
    "format_bytes",
    "width_ladder",
]

#: Palette sizes :func:`fit_gif_budget` tries, largest first.
BUDGET_COLORS = (256, 128, 64)

#: How many frame rates :func:`fit_gif_budget` tries: the highest allowed, then lower ones.
BUDGET_FRAME_RATE_COUNT = 3

#: Each rung of :func:`width_ladder` is this fraction of the one above (about 23% fewer pixels).
WIDTH_STEP = Fraction(7, 8)

# GIF bytes grow about as width ** 1.5 (between the rows' count and the area);
# a probe's size and this guess where the budget is met.
_BYTES_EXPONENT = 1.5


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
class GifCandidate:
    """One GIF encoded while fitting a budget.

    Attributes
    ----------
    width, fps, colors : int
        How it was encoded.
    bytes : int
        Its size.
    psnr : float or None
        Its :func:`~mlu_render.gif.gif_quality` in dB, or None when it was
        not measured (it did not fit, or a fitting candidate at least as wide,
        fast and colourful made it pointless).

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
        Its :func:`~mlu_render.gif.gif_quality` in dB.
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
    3. Measure :func:`~mlu_render.gif.gif_quality` of each pair's widest
       fit, unless another fitting candidate is at least as wide, fast and
       colourful; keep the best.

    Cost: 1 encode, then 2 (a width that fits and the rung above that does
    not) to about 5 per pair, and one :func:`~mlu_render.gif.gif_quality`
    for each pair's widest fit unless another fit is at least as wide, fast
    and colourful. Measured on a 2 s, 160 px clip (16 rungs, 9 pairs): 24
    to 33 encodes and 1 to 8 measurements, where a plain bisection per pair
    needs about 37 encodes; on a 6 s, 640x360, 20 fps clip (26 rungs): 13 to
    32 encodes, about 1.5 s each on a busy 2-core machine; 2 encodes and 1
    measurement whenever the top candidate fits. An encode reads the clip
    twice; a trimmed clip is first copied losslessly, once, so that encodes
    read only the kept frames. Sizes are not strictly
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
        Trim to ``[start, end)`` seconds (:func:`~mlu_render.gif.kept_frames`).
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
    clip = probe_video(Path(source), name="source")
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


def _lossless_excerpt(clip: VideoFacts, kept: range, work: Path) -> VideoFacts:
    """Copy the ``kept`` frames of ``clip`` into a new lossless video in ``work``."""
    path = work / "excerpt.mkv"
    trim = f"trim=start_frame={kept.start}:end_frame={kept.stop},setpts=PTS-STARTPTS"
    run_ffmpeg(["-i", clip.path, "-vf", trim, "-c:v", "ffv1", "-an", "-f", "matroska", path])
    return replace(clip, path=path, frame_count=len(kept), duration=len(kept) / clip.fps)


class _BudgetSearch:
    """The candidates of one :func:`fit_gif_budget` call, encoded at most once each."""

    def __init__(self, clip: VideoFacts, kept: range, ladder: tuple[int, ...], work: Path) -> None:
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
            plan = plan_encoding(self.clip, width=width, fps=fps, colors=colors)
            path = self.work / f"{fps}fps-{colors}c-{width}px.gif"
            self.encoded[key] = encode_plan(self.clip, plan, path, self.work)
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
            self.quality[key] = mean_psnr(self.encoded[key].path, self.clip, self.kept)
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
    partial = temporary_path(target.parent, f".{target.name}.", ".partial")
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
