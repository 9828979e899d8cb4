"""A video's size, frame rate, frame count and duration, read by PyAV from its container."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

__all__ = ["VideoFacts", "probe_video"]


@dataclass(frozen=True)
class VideoFacts:
    """What :func:`probe_video` read about a video's first video stream.

    Attributes
    ----------
    path : Path
        The file.
    size : tuple of int, shape (2,)
        ``(width, height)`` of its frames, in pixels.
    fps : Fraction
        Its average frame rate (``avg_frame_rate``), exact: 30000/1001 for
        NTSC video, 20 for a GIF whose every delay is 5 cs. For a GIF of
        uneven delays it is libavformat's estimate; ``frame_count /
        duration`` is then the mean rate.
    frame_count : int
        Its number of frames, at least 1.
    duration : Fraction
        Seconds from the start of its first frame to the end of its last, as
        the packets' timestamps say (in the stream's time base, e.g. whole
        milliseconds in Matroska, centiseconds in a GIF); ``frame_count / fps``
        when a packet carries no duration.

    """

    path: Path
    size: tuple[int, int]
    fps: Fraction
    frame_count: int
    duration: Fraction


def probe_video(path: Path, *, name: str = "path") -> VideoFacts:
    """Return the size, frame rate, frame count and duration of a video or GIF.

    The container is opened with PyAV and the first video stream's packets are
    counted (demuxed, not decoded), so it is quick even for large lossless
    video and memory stays at one packet, held by libav.

    Parameters
    ----------
    path : Path
        A video file (Matroska, MP4, GIF, ...).
    name : str, default="path"
        What the caller calls ``path``, for error messages: ``"source"``,
        ``"reference"``, ``"gif"``.

    Returns
    -------
    facts : VideoFacts
        What was read.

    Raises
    ------
    ValueError
        When ``path`` is not a file, not a video PyAV can open, or has no
        video frames with a known frame rate; the message starts with ``name``.

    Examples
    --------
    >>> probe_video(Path("clip.mkv"), name="source")  # doctest: +SKIP
    VideoFacts(path=PosixPath('clip.mkv'), size=(160, 90), fps=Fraction(30, 1),
               frame_count=60, duration=Fraction(2, 1))

    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{name} {path} is not a file; give a video file")
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise ValueError(f"{name} {path} has no video stream")
            stream = container.streams.video[0]
            size, rate = (stream.width, stream.height), stream.average_rate
            packets = container.demux(stream)
            spans = [(packet.pts, packet.duration) for packet in packets if packet.size]
            time_base = stream.time_base
    except av.FFmpegError as error:
        raise ValueError(f"{name} {path} is not a video PyAV can read: {error}") from None
    if not spans or not rate or not all(size):
        raise ValueError(f"{name} {path} has no video frames with a known size and frame rate")
    # Container rates can come from rounded timestamps: 29.97 stays 2997/100.
    fps = Fraction(rate).limit_denominator(1001)
    return VideoFacts(path, size, fps, len(spans), _duration(spans, time_base, fps))


def _duration(
    spans: list[tuple[int | None, int | None]], time_base: Fraction | None, fps: Fraction
) -> Fraction:
    """Return the seconds the packets ``(pts, duration)`` cover, or ``len(spans) / fps``."""
    timed = [(pts, duration) for pts, duration in spans if pts is not None and duration]
    if time_base is None or len(timed) < len(spans):
        return len(spans) / fps
    start = min(pts for pts, _ in timed)
    end = max(pts + duration for pts, duration in timed)
    return (end - start) * Fraction(time_base)
