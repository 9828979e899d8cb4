"""A render's private work folder: it names its owner, and is cleared once that owner is gone."""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = [
    "OWNER_FILE",
    "UNCHECKED_AGE",
    "WORK_PREFIX",
    "Owner",
    "clear_stale_work_folders",
    "is_stale",
    "make_work_folder",
    "read_owner",
]

WORK_PREFIX = ".mlu-"
"""A work folder is ``<out>/<slug>/.mlu-<random>``: hidden, so the gallery and cache pass it by."""

OWNER_FILE = "owner.json"
"""The file in a work folder naming the process that made it."""

UNCHECKED_AGE = 6 * 3600.0
"""Seconds without a write after which a work folder whose owner cannot be checked is stale.

An owner cannot be checked when it ran on another machine (a shared output
folder, a Dask cluster) or left no readable owner file. A live render writes
every few seconds (each animation is a file), so six quiet hours mean none.
"""

_PROC = Path("/proc")


@dataclass(frozen=True)
class Owner:
    """The process that made a work folder, told apart from a later one with its pid.

    Attributes
    ----------
    pid
        Its process id.
    started
        When it started, in clock ticks after boot (``/proc/<pid>/stat``), or
        None where there is no ``/proc``: a pid reused since then then passes
        for the owner, and the folder is kept.
    boot
        This boot's id (``/proc/sys/kernel/random/boot_id``), or None: after a
        reboot no process of the old boot is alive, whatever its pid.
    host
        The machine's name; a process on another machine cannot be checked.
    """

    pid: int
    started: int | None
    boot: str | None
    host: str

    @classmethod
    def current(cls) -> Owner:
        """Return this process as an owner."""
        pid = os.getpid()
        return cls(pid, _start_time(pid), _boot_id(), socket.gethostname())

    def checkable(self) -> bool:
        """Whether this machine can tell if the owner is alive."""
        return self.host == socket.gethostname() and os.name == "posix"

    def alive(self) -> bool:
        """Whether the owner is still running (call only when :meth:`checkable`).

        A process that has exited, a zombie, a pid now held by a process that
        started later, or any process of an earlier boot is not the owner.
        """
        if self.boot is not None and self.boot != _boot_id():
            return False
        if not _pid_exists(self.pid):
            return False
        stat = _stat_fields(self.pid)
        if stat is None:  # Without /proc the pid is all there is; with it, it just exited.
            return not _PROC.is_dir()
        return stat[0] != "Z" and (self.started is None or int(stat[19]) == self.started)


def make_work_folder(folder: Path) -> Path:
    """Create a fresh work folder in ``folder``, naming this process as its owner.

    Parameters
    ----------
    folder : Path
        The output folder the render's files will be moved into.

    Returns
    -------
    work : Path
        ``folder/.mlu-<random>``, holding :data:`OWNER_FILE`.
    """
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=folder))
    try:
        (work / OWNER_FILE).write_text(json.dumps(asdict(Owner.current())), encoding="utf-8")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work


def read_owner(work: Path) -> Owner | None:
    """Return the owner a work folder names, or None if it names none readably."""
    try:
        data = json.loads((Path(work) / OWNER_FILE).read_text(encoding="utf-8"))
        owner = Owner(**data)
    except (OSError, ValueError, TypeError):
        return None
    well_formed = (
        isinstance(owner.pid, int)
        and owner.pid > 0
        and isinstance(owner.started, int | None)
        and isinstance(owner.boot, str | None)
        and isinstance(owner.host, str)
    )
    return owner if well_formed else None


def is_stale(work: Path, *, now: float | None = None) -> bool:
    """Whether work folder ``work`` is left over from a render that is gone.

    It is stale when its owner is checkable here and not alive; when the
    owner cannot be checked (another machine, no readable owner file: a
    folder made a moment ago, before its owner file, is one), only when
    nothing in it has been written for :data:`UNCHECKED_AGE` seconds.

    Parameters
    ----------
    work : Path
        A work folder.
    now : float, optional
        The time to measure its age at (``time.time()``).
    """
    owner = read_owner(work)
    if owner is not None and owner.checkable():
        return not owner.alive()
    age = (time.time() if now is None else now) - _last_write(work)
    return age > UNCHECKED_AGE


def clear_stale_work_folders(folder: Path) -> list[Path]:
    """Remove the work folders in ``folder`` whose renders are gone; return those removed.

    A render killed outright (SIGKILL, a lost machine, a power cut) cannot
    remove its own work folder, with every partial file in it; the next render
    in the same output folder calls this. A folder of a live render, here or
    (as far as can be told) on another machine, is never touched. A folder that
    cannot be removed is left, and not returned.
    """
    removed = []
    for work in sorted(Path(folder).glob(f"{WORK_PREFIX}*")):
        if work.is_dir() and not work.is_symlink() and is_stale(work):
            shutil.rmtree(work, ignore_errors=True)
            if not work.exists():
                removed.append(work)
    return removed


def _last_write(work: Path) -> float:
    """Return the latest modification time of ``work`` or anything in it; now if it is gone."""
    latest = 0.0
    try:
        latest = work.stat().st_mtime
        for root, dirs, files in os.walk(work):
            for name in (*dirs, *files):
                latest = max(latest, os.lstat(os.path.join(root, name)).st_mtime)
    except OSError:  # Removed meanwhile (by its owner, as it finished): not stale.
        return time.time()
    return latest


def _stat_fields(pid: int) -> list[str] | None:
    """Fields 3 onwards of ``/proc/<pid>/stat`` (state first), or None if unreadable."""
    try:
        text = (_PROC / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces and ")".
    return text.rpartition(")")[2].split()


def _start_time(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[19]) if fields is not None and len(fields) > 19 else None


def _boot_id() -> str | None:
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _pid_exists(pid: int) -> bool:
    """Whether a process ``pid`` exists: signal 0 is checked, never sent."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # It exists, under another user.
    return True
