"""GIF encoding from lossless frames: exact delays, one palette, bounded memory."""

from __future__ import annotations

import math
import subprocess
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Self

import imageio_ffmpeg
import numpy as np
from numpy.typing import NDArray

from mlu_render.ffmpeg import FfmpegError, ffmpeg_command

if TYPE_CHECKING:
    from mlu_render.gif_budget import BudgetChoice

__all__ = [
    "GIF_FRAME_RATES",
    "MIN_WIDTH",
    "GifWriter",
    "gif_frame_rate",
    "gif_psnr",
    "gif_size",
    "psnr",
]

#: Frame rates whose delay is a whole number of centiseconds, GIF's time unit.
GIF_FRAME_RATES = (100, 50, 25, 20, 10, 5, 4, 2, 1)

#: The narrowest GIF width that may be asked for, in pixels.
MIN_WIDTH = 16

_RAW_PIXEL_FORMATS = {3: "rgb24", 4: "rgba"}
_SCALE_FLAGS = "lanczos+accurate_rnd+full_chroma_int"


def _check_source_fps(source_fps: float) -> Fraction:
    """Return ``source_fps`` as an exact fraction, or raise if it is not positive."""
    if not (math.isfinite(source_fps) and source_fps > 0):
        raise ValueError(f"source_fps must be a positive number, got {source_fps!r}")
    # 29.97 stays 2997/100 and 30000/1001 (NTSC) is recovered from its float.
    return Fraction(source_fps).limit_denominator(1001)


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
    source = _check_source_fps(source_fps)
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
    source_width, source_height = _check_source_size(source_size)
    if not isinstance(width, int | np.integer) or width < MIN_WIDTH:
        raise ValueError(f"width must be an integer >= {MIN_WIDTH}, got {width!r}")
    out_width = min(int(width), source_width)
    # Round out_width * h / w to the nearest even number, halves up.
    numerator, denominator = out_width * source_height, 2 * source_width
    half_height = (2 * numerator + denominator) // (2 * denominator)
    return out_width, max(2, 2 * half_height)


def _check_source_size(source_size: tuple[int, int]) -> tuple[int, int]:
    """Return ``source_size`` as two positive ints, or raise naming it."""
    size = tuple(source_size)
    if len(size) != 2 or not all(isinstance(side, int | np.integer) and side > 0 for side in size):
        raise ValueError(
            f"source_size must be (width, height), two positive integers, got {source_size!r}"
        )
    return int(size[0]), int(size[1])


class GifWriter:
    """Stream frames into a looping GIF, one frame in memory at a time.

    Frames arrive at the source frame rate. The writer keeps only those shown
    on the GIF's timeline (GIF frame ``j`` shows the source frame on screen at
    time ``j / fps``) and pipes them to one ffmpeg process, which scales them
    (lanczos) into a lossless FFV1 video in ``workdir``. :meth:`close` then
    makes one palette for the whole clip (``palettegen``, counting what changes
    between frames) and maps every frame to it without dithering
    (``paletteuse``, redrawing only the rectangle that changed).

    Use it as a context manager: leaving the block closes the writer, or
    aborts it (ffmpeg killed, partial files removed) if the block raised.

    Parameters
    ----------
    target : Path
        Where the GIF goes; it appears only once complete.
    source_fps : float
        Frame rate of the frames given to :meth:`write`.
    source_size : tuple of int, shape (2,)
        ``(width, height)`` of those frames.
    fps : int
        GIF frame rate, one of :data:`GIF_FRAME_RATES` (see
        :func:`gif_frame_rate`); every delay is ``100 / fps`` centiseconds.
    width : int
        GIF width, at least :data:`MIN_WIDTH`, clamped to the source width.
    workdir : Path
        Folder for the intermediate files, created if missing.

    Attributes
    ----------
    size : tuple of int, shape (2,)
        ``(width, height)`` of the GIF.
    intermediate_path : Path
        The lossless video of the GIF's frames at GIF size: the reference for
        :func:`gif_psnr`. It is left in ``workdir`` after :meth:`close`.
    frame_count : int
        GIF frames written so far.

    Examples
    --------
    >>> import tempfile
    >>> frame = np.zeros((90, 160, 4), dtype=np.uint8)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with GifWriter(Path(tmp, "a.gif"), source_fps=30, source_size=(160, 90),
    ...                    fps=10, width=80, workdir=Path(tmp)) as gif:
    ...         gif.write(frame, repeat=30)
    ...     gif.frame_count, gif.size
    (10, (80, 46))

    """

    def __init__(
        self,
        target: Path,
        *,
        source_fps: float,
        source_size: tuple[int, int],
        fps: int,
        width: int,
        workdir: Path,
    ) -> None:
        if fps not in GIF_FRAME_RATES:
            allowed = ", ".join(map(str, sorted(GIF_FRAME_RATES)))
            raise ValueError(f"fps must divide 100, got {fps!r}; allowed: {allowed}")
        self.target = Path(target)
        self.workdir = Path(workdir)
        self.fps = int(fps)
        self.source_fps = source_fps
        self.source_size = _check_source_size(source_size)
        self.size = gif_size(self.source_size, width)
        self._ratio = Fraction(self.fps) / _check_source_fps(source_fps)
        stem = self.target.stem
        self.intermediate_path = self.workdir / f"{stem}.lossless.mkv"
        self._log_path = self.workdir / f"{stem}.ffmpeg.log"
        self.source_frame_count = 0
        self.frame_count = 0
        self._channels: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._state = "open"
        self.choice: BudgetChoice | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the writer, or abort it when the block raised."""
        if exc_type is not None:
            self.abort()
        elif self._state == "open":
            self.close()

    def write(self, frame: NDArray[np.uint8], repeat: int = 1) -> None:
        """Add a frame, shown for ``repeat`` source frame periods.

        Parameters
        ----------
        frame : ndarray of shape (height, width, 4) or (height, width, 3)
            RGBA or RGB, uint8, top row first, at the source size. Alpha is
            dropped, not blended: frames are expected to be opaque.
        repeat : int, default=1
            How many consecutive source frames this frame stands for.

        Raises
        ------
        ValueError
            When ``frame`` has the wrong shape or dtype, or ``repeat`` is not a
            positive integer.
        FfmpegError
            When the encoder has failed; the writer is then aborted.

        """
        self._check_open()
        if isinstance(repeat, bool) or not isinstance(repeat, int | np.integer):
            raise ValueError(f"repeat must be an integer >= 1, got {repeat!r}")
        if repeat < 1:
            raise ValueError(f"repeat must be an integer >= 1, got {repeat!r}")
        pixels = self._check_frame(frame)
        end = self.source_frame_count + int(repeat)
        # GIF frames j with j / fps before the end of source frame `end - 1`.
        stop = math.ceil(end * self._ratio)
        self._send(pixels, stop - self.frame_count)
        self.source_frame_count, self.frame_count = end, stop

    def close(
        self,
        *,
        start: float | None = None,
        end: float | None = None,
        max_bytes: int | None = None,
    ) -> Path:
        """Finish the lossless video, then encode the GIF from it.

        Parameters
        ----------
        start, end : float, optional
            Keep only GIF frames shown in ``[start, end)`` seconds.
        max_bytes : int, optional
            Fit the GIF in this many bytes: width (up to this writer's),
            frame rate (up to its) and palette are chosen by
            :func:`mlu_render.gif_budget.fit_gif_budget`, and the choice is
            kept in :attr:`choice`.

        Returns
        -------
        target : Path
            The GIF, complete.

        Raises
        ------
        RuntimeError
            When no frame was written, or the writer was aborted.
        FfmpegError
            When an ffmpeg pass fails; partial files are then removed.
        GifBudgetError
            When no candidate fits ``max_bytes``; nothing is left behind.

        """
        if self._state == "closed":
            return self.target
        self._check_open()
        if self._process is None:
            self.abort()
            raise RuntimeError("no frames were written, so there is no GIF to make")
        try:
            self._finish_intermediate()
            self._encode_gif(start, end, max_bytes)
        except BaseException:
            self.abort()
            raise
        self._state = "closed"
        return self.target

    def abort(self) -> None:
        """Stop ffmpeg and remove every file this writer made, if not closed."""
        if self._state != "open":
            return
        self._state = "aborted"
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._close_stdin()
            self._process.wait()
        self._close_log()
        for path in (self.intermediate_path, self._log_path):
            path.unlink(missing_ok=True)

    def _check_open(self) -> None:
        if self._state != "open":
            raise RuntimeError(f"this GifWriter is {self._state}")

    def _check_frame(self, frame: NDArray[np.uint8]) -> NDArray[np.uint8]:
        """Return ``frame`` as a C-contiguous array, or raise if it does not fit."""
        array = np.asarray(frame)
        width, height = self.source_size
        if array.dtype != np.uint8:
            raise ValueError(f"frame must have dtype uint8, got {array.dtype}")
        if (
            array.ndim != 3
            or array.shape[:2] != (height, width)
            or array.shape[2] not in _RAW_PIXEL_FORMATS
        ):
            raise ValueError(
                f"frame must have shape ({height}, {width}, 4) (RGBA) or "
                f"({height}, {width}, 3) (RGB), got {array.shape}"
            )
        if self._channels is not None and array.shape[2] != self._channels:
            raise ValueError(
                f"frame has {array.shape[2]} channels, but the first frame had {self._channels}"
            )
        return np.ascontiguousarray(array)

    def _send(self, pixels: NDArray[np.uint8], count: int) -> None:
        """Pipe ``pixels`` to the encoder ``count`` times."""
        if count <= 0:
            return
        process = self._process or self._start(pixels.shape[2])
        stdin = process.stdin
        assert stdin is not None  # started with stdin=PIPE
        try:
            for _ in range(count):
                stdin.write(pixels)
        except OSError:
            # ffmpeg has gone; wait for its status and report its stderr.
            self._close_stdin()
            process.wait()
            error = FfmpegError(process.args, process.returncode, self._read_log())
            self.abort()
            raise error from None

    def _start(self, channels: int) -> subprocess.Popen[bytes]:
        """Start the ffmpeg that scales raw frames into the lossless video."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        source_width, source_height = self.source_size
        width, height = self.size
        command = ffmpeg_command(
            [
                *("-f", "rawvideo", "-pix_fmt", _RAW_PIXEL_FORMATS[channels]),
                *("-video_size", f"{source_width}x{source_height}"),
                *("-framerate", str(self.fps), "-i", "pipe:0"),
                *("-vf", f"scale={width}:{height}:flags={_SCALE_FLAGS},format=gbrp"),
                *("-c:v", "ffv1", "-an", "-f", "matroska", self.intermediate_path),
            ]
        )
        self._log = self._log_path.open("wb")
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._log
        )
        self._channels = channels
        return self._process

    def _finish_intermediate(self) -> None:
        """Close the pipe and wait for the lossless video to be complete."""
        assert self._process is not None
        self._close_stdin()
        returncode = self._process.wait()
        if returncode != 0:
            raise FfmpegError(self._process.args, returncode, self._read_log())
        self._close_log()
        self._log_path.unlink(missing_ok=True)

    def _encode_gif(
        self, start: float | None, end: float | None, max_bytes: int | None
    ) -> None:
        """Make the GIF from the lossless video: as it is, or fitted to a budget."""
        # Imported here: gif_budget builds on this module's sizes and rates.
        from mlu_render.gif_budget import encode_gif, fit_gif_budget

        if max_bytes is None:
            encode_gif(
                self.intermediate_path, self.target, start=start, end=end, workdir=self.workdir
            )
            return
        self.choice = fit_gif_budget(
            self.intermediate_path,
            self.target,
            max_bytes=max_bytes,
            max_width=self.size[0],
            max_fps=self.fps,
            start=start,
            end=end,
            workdir=self.workdir,
        )

    def _close_stdin(self) -> None:
        if self._process is not None and self._process.stdin is not None:
            try:
                self._process.stdin.close()
            except OSError:
                pass  # The pipe is already broken; ffmpeg's status tells why.

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _read_log(self) -> str:
        self._close_log()
        try:
            return self._log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""


def psnr(reference: NDArray[np.uint8], test: NDArray[np.uint8], data_range: float = 255.0) -> float:
    """Return the peak signal-to-noise ratio of ``test`` against ``reference``.

    Parameters
    ----------
    reference, test : ndarray of the same shape, e.g. (height, width, 3)
        Two images; any shape, as long as it is the same and not empty.
    data_range : float, default=255.0
        The largest possible pixel value minus the smallest.

    Returns
    -------
    psnr : float
        ``10 * log10(data_range**2 / MSE)`` in decibels; ``inf`` when the two
        are identical.

    Examples
    --------
    >>> a = np.zeros((2, 2, 3), dtype=np.uint8)
    >>> round(psnr(a, a + 1), 2)
    48.13

    """
    reference, test = np.asarray(reference), np.asarray(test)
    if reference.shape != test.shape:
        raise ValueError(f"test has shape {test.shape} but reference has shape {reference.shape}")
    if reference.size == 0:
        raise ValueError("reference is empty")
    difference = reference.astype(np.float64) - test.astype(np.float64)
    mse = float(np.mean(difference * difference))
    if mse == 0:
        return math.inf
    return 10.0 * math.log10(data_range * data_range / mse)


def _decoded_frames(path: Path) -> Iterator[NDArray[np.uint8]]:
    """Yield the RGB frames of a video or GIF one at a time, decoded by ffmpeg."""
    reader = imageio_ffmpeg.read_frames(str(path), pix_fmt="rgb24")
    try:
        meta = next(reader)
        width, height = meta["size"]
        for buffer in reader:
            yield np.frombuffer(buffer, dtype=np.uint8).reshape(height, width, 3)
    finally:
        reader.close()


def gif_psnr(gif_path: Path, lossless_path: Path) -> float:
    """Return the mean PSNR of a GIF's frames against lossless frames.

    Both files are decoded by ffmpeg frame by frame, so memory stays at one
    frame of each.

    Parameters
    ----------
    gif_path : Path
        The GIF, e.g. ``GifWriter.target``.
    lossless_path : Path
        The reference with the same frames and size, e.g.
        ``GifWriter.intermediate_path``.

    Returns
    -------
    psnr : float
        Mean over frames of :func:`psnr`, in decibels; ``inf`` if any frame is
        identical to its reference.

    Raises
    ------
    ValueError
        When the two have different frame counts or sizes.

    """
    total, count = 0.0, 0
    gif_frames, references = _decoded_frames(gif_path), _decoded_frames(lossless_path)
    try:
        for gif_frame, reference in zip(gif_frames, references, strict=True):
            total += psnr(reference, gif_frame)
            count += 1
    except ValueError as error:  # zip's count mismatch, or psnr's shapes
        raise ValueError(
            f"gif_path and lossless_path do not hold the same frames: {error}"
        ) from None
    finally:
        gif_frames.close()
        references.close()
    if count == 0:
        raise ValueError(f"gif_path {gif_path} has no frames")
    return total / count
