"""The GIF recorder: a frame sink that streams rendered frames into a looping GIF."""

from __future__ import annotations

import math
import subprocess
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import IO, Self

import numpy as np
from numpy.typing import NDArray

from mlu_render.ffmpeg import FfmpegError, ffmpeg_command
from mlu_render.gif.budget import BudgetChoice, fit_gif_budget
from mlu_render.gif.encoder import encode_gif
from mlu_render.gif.frame_rules import (
    GIF_FRAME_RATES,
    SCALE_FLAGS,
    check_source_size,
    exact_source_fps,
    gif_size,
)

__all__ = ["GifWriter"]

_RAW_PIXEL_FORMATS = {3: "rgb24", 4: "rgba"}


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
        GIF frame rate, one of :data:`~mlu_render.gif.GIF_FRAME_RATES` (see
        :func:`~mlu_render.gif.gif_frame_rate`); every delay is ``100 / fps``
        centiseconds.
    width : int
        GIF width, at least :data:`~mlu_render.gif.MIN_WIDTH`, clamped to the
        source width.
    workdir : Path
        Folder for the intermediate files, created if missing.

    Attributes
    ----------
    size : tuple of int, shape (2,)
        ``(width, height)`` of the GIF.
    intermediate_path : Path
        The lossless video of the GIF's frames at GIF size: the reference for
        :func:`~mlu_render.gif.gif_quality`. It is left in ``workdir`` after
        :meth:`close`.
    frame_count : int
        GIF frames written so far.
    choice : BudgetChoice or None
        What :func:`~mlu_render.gif.fit_gif_budget` chose, once :meth:`close`
        was given ``max_bytes``; None before, or without a budget.

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
        self.source_size = check_source_size(source_size)
        self.size = gif_size(self.source_size, width)
        self._ratio = Fraction(self.fps) / exact_source_fps(source_fps)
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
            :func:`~mlu_render.gif.fit_gif_budget`, and the choice is
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
                *("-vf", f"scale={width}:{height}:flags={SCALE_FLAGS},format=gbrp"),
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

    def _encode_gif(self, start: float | None, end: float | None, max_bytes: int | None) -> None:
        """Make the GIF from the lossless video: as it is, or fitted to a budget."""
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
