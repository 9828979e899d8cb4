"""The ffmpeg binary that imageio-ffmpeg ships, and how this package runs it."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import imageio_ffmpeg

__all__ = [
    "DISK_ERRNOS",
    "FfmpegError",
    "disk_errno",
    "ffmpeg_command",
    "ffmpeg_exe",
    "run_ffmpeg",
    "stderr_tail",
]

# Options every run starts with: no banner, only errors on stderr, overwrite.
_QUIET_OPTIONS = ("-hide_banner", "-loglevel", "error", "-y")

_TAIL_LINES = 20

DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
"""Why a disk refuses a write: full, over quota, read-only. :func:`disk_errno` spots them."""


class FfmpegError(RuntimeError):
    """An ffmpeg run that failed; the message ends with the last lines of stderr.

    Parameters
    ----------
    command : sequence of str
        The full command that was run.
    returncode : int
        Its exit status.
    stderr : str
        What it wrote to stderr; only the last lines are kept.

    Attributes
    ----------
    errno : int or None
        One of :data:`DISK_ERRNOS` when the run failed because the disk
        refused a write (see :func:`disk_errno`), else None; named as
        :class:`OSError` names it.

    """

    def __init__(self, command: Sequence[str], returncode: int, stderr: str) -> None:
        self.command = list(command)
        self.returncode = returncode
        self.errno = disk_errno(returncode, stderr)
        self.stderr = stderr_tail(stderr)
        details = self.stderr or "(nothing on stderr)"
        super().__init__(f"ffmpeg exited with status {returncode}:\n{details}")


def disk_errno(returncode: int, stderr: str) -> int | None:
    """Return the errno of a full, over-quota or read-only disk that stopped ffmpeg, if one did.

    ffmpeg exits with the error that stopped it, ``AVERROR(ENOSPC)`` being
    ``-ENOSPC``: status 228 (``-28 & 0xff``) on Linux. Older builds exit
    with 1, so its stderr is read too, for the system's words
    (``No space left on device``).

    Parameters
    ----------
    returncode : int
        ffmpeg's exit status.
    stderr : str
        What it wrote to stderr.

    Returns
    -------
    code : int or None
        One of :data:`DISK_ERRNOS`, or None for any other failure.

    Examples
    --------
    >>> disk_errno(-errno.ENOSPC & 0xFF, "") == errno.ENOSPC
    True
    >>> disk_errno(1, "Error opening output x.mp4: Read-only file system") == errno.EROFS
    True
    >>> disk_errno(1, "Invalid data found when processing input") is None
    True

    """
    for code in DISK_ERRNOS:
        if returncode == -code & 0xFF or os.strerror(code) in stderr:
            return code
    return None


def stderr_tail(text: str, lines: int = _TAIL_LINES) -> str:
    """Return the last ``lines`` non-blank lines of ``text``.

    Parameters
    ----------
    text : str
        What a process wrote to stderr.
    lines : int, default=20
        How many lines to keep.

    Returns
    -------
    tail : str
        Those lines, joined by newlines.

    """
    kept = [line for line in text.splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


def ffmpeg_exe() -> str:
    """Return the path of the ffmpeg binary bundled with imageio-ffmpeg.

    Returns
    -------
    path : str
        An executable ffmpeg (``IMAGEIO_FFMPEG_EXE`` overrides it).

    Examples
    --------
    >>> from pathlib import Path
    >>> Path(ffmpeg_exe()).exists()
    True

    """
    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg_command(args: Sequence[str | Path]) -> list[str]:
    """Return the full argument list that runs ffmpeg quietly with ``args``.

    Parameters
    ----------
    args : sequence of str or Path
        ffmpeg's arguments after the common options, inputs and outputs.

    Returns
    -------
    command : list of str
        ``[ffmpeg, -hide_banner, -loglevel, error, -y, *args]``.

    """
    return [ffmpeg_exe(), *_QUIET_OPTIONS, *(str(arg) for arg in args)]


def run_ffmpeg(args: Sequence[str | Path]) -> None:
    """Run ffmpeg with ``args`` and wait for it; raise if it fails.

    Parameters
    ----------
    args : sequence of str or Path
        ffmpeg's arguments; ``-hide_banner -loglevel error -y`` come first.

    Raises
    ------
    FfmpegError
        When ffmpeg exits with a non-zero status; it carries stderr's last lines.

    """
    command = ffmpeg_command(args)
    done = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", errors="replace")
        raise FfmpegError(command, done.returncode, stderr)
