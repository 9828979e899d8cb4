"""Work folders: a killed render's is cleared by the next render, a live render's never."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from mlu_render import render as render_module
from mlu_render.cache import job_key
from mlu_render.gallery import write_gallery
from mlu_render.job import RenderJob
from mlu_render.record import fresh_record, read_records
from mlu_render.render import render, scene_inputs
from mlu_render.work_folder import (
    OWNER_FILE,
    UNCHECKED_AGE,
    WORK_PREFIX,
    Owner,
    clear_stale_work_folders,
    is_stale,
    make_work_folder,
    read_owner,
)
from tests.support.short_scene import shorten

ROOT = Path(__file__).parents[2]
TINY = {"low": (160, 90, 5)}

MAKE_AND_SLEEP = """
import sys, time
from pathlib import Path
from mlu_render.work_folder import make_work_folder
print(make_work_folder(Path(sys.argv[1])), flush=True)
time.sleep(600)
"""

RENDER_FOR_REAL = """
import sys
from pathlib import Path
from mlu_render import render
from mlu_render.job import RenderJob
render.QUALITIES = {"low": (160, 90, 5)}
render.render(RenderJob("roc-auc", quality="low", formats=("mp4",), out_dir=Path(sys.argv[1])))
"""


@pytest.fixture
def spawn(request):
    """Start a Python child running a script; it is killed and reaped after the test."""

    def start(script: str, *args: object) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", script, *map(str, args)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

        def end() -> None:
            child.kill()
            child.wait()
            child.stdout.close()

        request.addfinalizer(end)
        return child

    return start


def _killed(child: subprocess.Popen[str], *, reap: bool = True) -> None:
    """SIGKILL ``child``: nothing of its own cleanup runs. Reap it unless told not to."""
    child.send_signal(signal.SIGKILL)
    if reap:
        child.wait()
    else:  # Until reaped it is a zombie, which signal 0 still finds.
        deadline = time.monotonic() + 10
        while _state(child.pid) != "Z" and time.monotonic() < deadline:
            time.sleep(0.01)


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return None


def _folder_of_a_child(spawn, folder: Path) -> tuple[subprocess.Popen[str], Path]:
    """A sleeping child that made a work folder in ``folder``; the child and the folder."""
    child = spawn(MAKE_AND_SLEEP, folder)
    work = Path(child.stdout.readline().strip())
    assert work.parent == folder and work.name.startswith(WORK_PREFIX)
    return child, work


def _write_owner(work: Path, owner: Owner) -> None:
    (work / OWNER_FILE).write_text(json.dumps(asdict(owner)), encoding="utf-8")


def _age(work: Path, seconds: float) -> None:
    """Make ``work`` and all in it look last written ``seconds`` ago."""
    then = time.time() - seconds
    for path in [work, *work.rglob("*")]:
        os.utime(path, (then, then))


# --- Who owns a work folder ---------------------------------------------------------


def test_a_work_folder_names_this_process_as_its_owner(tmp_path):
    work = make_work_folder(tmp_path)
    owner = read_owner(work)
    assert work.parent == tmp_path and work.name.startswith(WORK_PREFIX)
    assert owner == Owner.current() and owner.pid == os.getpid()
    assert owner.checkable() and owner.alive()
    assert not is_stale(work)


def test_a_killed_owner_makes_its_folder_stale_a_live_one_does_not(tmp_path, spawn):
    child, work = _folder_of_a_child(spawn, tmp_path)
    assert read_owner(work).pid == child.pid
    assert not is_stale(work)
    _killed(child, reap=False)
    if _state(child.pid) == "Z":
        assert is_stale(work)  # a zombie renders nothing
    child.wait()
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
    assert is_stale(work)


def test_a_reused_pid_is_not_taken_for_the_owner():
    me = Owner.current()
    if me.started is None:
        pytest.skip("no /proc: a process's start time is unknown here")
    assert me.alive()
    assert not replace(me, started=me.started - 1).alive()  # same pid, another process


def test_no_process_of_an_earlier_boot_is_alive():
    me = Owner.current()
    if me.boot is None:
        pytest.skip("no boot id here")
    assert not replace(me, boot="an-earlier-boot").alive()


@pytest.mark.parametrize(
    "owner_text",
    [
        json.dumps({"pid": os.getpid(), "started": None, "boot": None, "host": "another-host"}),
        None,  # no owner file: a folder made a moment ago, before its owner file
        "{not json",
        json.dumps({"pid": "1", "started": None, "boot": None, "host": "h"}),
    ],
    ids=["another-machine", "no-owner-file", "not-json", "malformed"],
)
def test_an_owner_that_cannot_be_checked_goes_stale_only_with_age(tmp_path, owner_text):
    work = tmp_path / f"{WORK_PREFIX}x"
    (work / "media").mkdir(parents=True)
    if owner_text is not None:
        (work / OWNER_FILE).write_text(owner_text, encoding="utf-8")
    assert not is_stale(work)
    assert is_stale(work, now=time.time() + UNCHECKED_AGE + 60)
    _age(work, UNCHECKED_AGE + 60)
    assert is_stale(work)
    (work / "media" / "partial.mp4").write_bytes(b"still writing")
    assert not is_stale(work)  # a write anywhere in it says someone is there


# --- Clearing -----------------------------------------------------------------------


def test_clearing_removes_only_the_folders_of_renders_that_are_gone(tmp_path, spawn):
    dead_child, dead = _folder_of_a_child(spawn, tmp_path)
    (dead / "media").mkdir()
    (dead / "media" / "uncached_00001.mp4").write_bytes(bytes(100))
    live_child, live = _folder_of_a_child(spawn, tmp_path)
    mine = make_work_folder(tmp_path)
    (tmp_path / ".not-ours").mkdir()
    (tmp_path / f"{WORK_PREFIX}a-file").write_text("not a folder")
    (tmp_path / "roc-auc-low.mp4").write_bytes(b"an output")
    before = sorted(tmp_path.iterdir())
    _killed(dead_child)
    assert clear_stale_work_folders(tmp_path) == [dead]
    assert sorted(tmp_path.iterdir()) == [path for path in before if path != dead]
    assert live.is_dir() and mine.is_dir() and live_child.poll() is None
    assert clear_stale_work_folders(tmp_path) == []


@pytest.mark.slow  # renders a scene
def test_a_render_killed_mid_render_is_cleared_by_the_next_one(tmp_path, spawn, monkeypatch):
    folder = tmp_path / "roc-auc"
    killed = spawn(RENDER_FOR_REAL, tmp_path)
    partial_movies = f"{WORK_PREFIX}*/media/videos/*/partial_movie_files/*/*.mp4"
    deadline = time.monotonic() + 180
    while not any(folder.glob(partial_movies)):
        assert killed.poll() is None, "the render ended before it could be killed"
        assert time.monotonic() < deadline, "no partial movie file after 180 s"
        time.sleep(0.05)
    _killed(killed)
    (left,) = folder.glob(f"{WORK_PREFIX}*")  # the bug: a killed render's folder stays
    assert any(left.glob(partial_movies.partition("/")[2]))
    live_child, live = _folder_of_a_child(spawn, folder)  # a concurrent render's

    shorten(monkeypatch)
    monkeypatch.setattr(render_module, "QUALITIES", TINY)
    job = RenderJob("roc-auc", quality="low", formats=("png",), out_dir=tmp_path)
    result = render(job)
    assert not left.exists()
    assert live.is_dir()
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [live.name, "roc-auc-low.png", "roc-auc-low.render.json"]
    )
    _killed(live_child)
    assert render(job).cached and result.outputs[0].is_file()  # even a cached render clears
    assert not live.exists()


# --- The gallery and the cache pass work folders by ---------------------------------


@pytest.fixture
def rendered_with_a_copy_in_a_work_folder(tmp_path, monkeypatch):
    """A short render, and a complete copy of its files and record in a live work folder."""
    shorten(monkeypatch)
    monkeypatch.setattr(render_module, "QUALITIES", TINY)
    job = RenderJob("roc-auc", quality="low", formats=("mp4", "png"), out_dir=tmp_path)
    result = render(job)
    work = make_work_folder(job.folder)  # this process's: kept by every render here
    for path in [*result.outputs, result.record.path(job.folder)]:
        shutil.copy2(path, work / path.name)
    return job, result, work


@pytest.mark.slow  # renders a scene
def test_the_gallery_lists_no_work_folder(rendered_with_a_copy_in_a_work_folder):
    job, result, _work = rendered_with_a_copy_in_a_work_folder
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_records(job.out_dir) == [result.record]
    page = write_gallery(job.out_dir).read_text(encoding="utf-8")
    assert "roc-auc/roc-auc-low.mp4" in page
    assert WORK_PREFIX not in page


@pytest.mark.slow  # renders a scene
def test_the_cache_does_not_take_a_work_folder_copy_for_the_render(
    rendered_with_a_copy_in_a_work_folder,
):
    job, result, work = rendered_with_a_copy_in_a_work_folder
    inputs = scene_inputs(job)
    key = job_key(job, scene_class=inputs.scene_class, params=inputs.params)
    assert fresh_record(job.folder, job.stem, key) == result.record
    for path in [*result.outputs, result.record.path(job.folder)]:
        path.unlink()
    assert fresh_record(job.folder, job.stem, key) is None
    again = render(job)
    assert not again.cached and all(path.is_file() for path in again.outputs)
    assert work.is_dir() and (work / "roc-auc-low.mp4").is_file()  # its owner is alive
