"""The one GIF quality measure: mean per-frame PSNR against the lossless source, by ffmpeg."""

from __future__ import annotations

import math
import subprocess
import tempfile
from pathlib import Path

from mlu_render.ffmpeg import FfmpegError, ffmpeg_command
from mlu_render.gif.frame_rules import SCALE_FLAGS, kept_frames
from mlu_render.gif.probe import VideoFacts, probe_video

__all__ = ["PSNR_CEILING_DB", "gif_quality", "mean_psnr"]

#: Per-frame PSNR above this counts as this, in dB (libvmaf's ceiling for 8-bit video),
#: so that one identical frame does not make the mean infinite.
PSNR_CEILING_DB = 60.0


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

    A frame's PSNR is ``10 * log10(255**2 / MSE)``, the MSE taken over all
    its pixels and all three colour channels (R, G and B, not luma), as
    ffmpeg's ``psnr_avg`` reports it to two decimals; it counts as at most
    :data:`PSNR_CEILING_DB`, which an identical frame scores.

    Parameters
    ----------
    gif : Path
        A GIF made from ``reference`` by :func:`~mlu_render.gif.encode_gif`
        with the same ``start`` and ``end`` (or any video holding those frames
        at a rate of its own).
    reference : Path
        The lossless video it was made from.
    start, end : float or None, default=None
        The trim the GIF was made with (:func:`~mlu_render.gif.kept_frames`).

    Returns
    -------
    psnr : float
        Mean over the kept reference frames of each frame's PSNR, in decibels,
        from 0 to :data:`PSNR_CEILING_DB`.

    Raises
    ------
    ValueError
        When ``start``/``end`` keep no frame, a file is not a video, or the
        GIF does not hold as many frames as the kept reference frames last.
    FfmpegError
        When ffmpeg fails.

    Examples
    --------
    >>> gif_quality(Path("clip.gif"), Path("clip.mkv"), start=1.0)  # doctest: +SKIP
    38.71

    """
    clip = probe_video(Path(reference), name="reference")
    kept = kept_frames(clip.frame_count, clip.fps, start, end)
    return mean_psnr(Path(gif), clip, kept)


def mean_psnr(gif: Path, clip: VideoFacts, kept: range) -> float:
    """Return the mean per-frame PSNR of ``gif`` against the ``kept`` frames of ``clip``.

    Parameters
    ----------
    gif : Path
        The GIF; its frames span the kept frames at its own rate.
    clip : VideoFacts
        The lossless reference.
    kept : range
        The reference frames the GIF was made from.

    Returns
    -------
    psnr : float
        As for :func:`gif_quality`.

    Raises
    ------
    ValueError
        When the GIF's frame count does not fit the kept frames.
    FfmpegError
        When ffmpeg fails.

    """
    _check_same_frames(gif, clip, kept)
    command = ffmpeg_command(
        ["-i", gif, "-i", clip.path, "-filter_complex", _psnr_graph(clip, kept), "-f", "null", "-"]
    )
    total, count = 0.0, 0
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log
        )
        assert process.stdout is not None  # started with stdout=PIPE
        with process.stdout:
            for line in process.stdout:
                value = _psnr_avg(line)
                if value is not None and count < len(kept):
                    total += min(value, PSNR_CEILING_DB)
                    count += 1
        returncode = process.wait()
        if returncode != 0:
            log.seek(0)
            raise FfmpegError(command, returncode, log.read().decode("utf-8", errors="replace"))
    if count != len(kept):
        raise ValueError(f"gif {gif} gave {count} PSNR values for {len(kept)} reference frames")
    return total / count


def _check_same_frames(gif: Path, clip: VideoFacts, kept: range) -> None:
    """Raise unless ``gif`` has the frames ``kept`` reference frames make at its rate."""
    facts = probe_video(gif, name="gif")
    expected = math.ceil(len(kept) * facts.fps / clip.fps)
    if facts.frame_count != expected:
        raise ValueError(
            f"gif {gif} and reference {clip.path} do not hold the same frames: "
            f"{len(kept)} reference frames at {float(clip.fps):g} fps make {expected} frames "
            f"at {float(facts.fps):g} fps, but the GIF has {facts.frame_count}"
        )


def _psnr_graph(clip: VideoFacts, kept: range) -> str:
    """Return the filter graph comparing GIF (input 0) with reference (input 1) frames."""
    width, height = clip.size
    reference = [f"settb={clip.fps.denominator}/{clip.fps.numerator}", "setpts=N", "format=gbrp"]
    if kept != range(clip.frame_count):
        reference.insert(0, f"trim=start_frame={kept.start}:end_frame={kept.stop}")
    # psnr's first input drives it: one line per reference frame, compared with
    # the GIF frame of the latest time not after it. Lines after len(kept) come
    # from GIF frames left over once the reference has ended.
    return (
        f"[1:v]{','.join(reference)}[ref];"
        f"[0:v]scale={width}:{height}:flags={SCALE_FLAGS},format=gbrp[gif];"
        "[ref][gif]psnr=stats_file=-"
    )


def _psnr_avg(line: bytes) -> float | None:
    """Return the ``psnr_avg`` field of one line of psnr's stats, or None if it has none.

    A line is ``n:1 mse_avg:0.52 mse_r:... psnr_avg:50.97 psnr_r:...``;
    an identical frame's ``psnr_avg`` is ``inf``.
    """
    fields = dict(field.split(b":", 1) for field in line.split() if b":" in field)
    value = fields.get(b"psnr_avg")
    return None if value is None else float(value)
