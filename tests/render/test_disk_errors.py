"""A full, over-quota or read-only disk: one clear error naming the job and file, nothing left."""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlu_render import mux
from mlu_render import render as render_module
from mlu_render.batch import run_batch
from mlu_render.cli import main
from mlu_render.errors import JobError, OutputWriteError
from mlu_render.ffmpeg import FfmpegError, disk_errno, ffmpeg_command, ffmpeg_exe, run_ffmpeg
from mlu_render.job import RenderJob
from mlu_render.publish import partial_path
from mlu_render.record import RenderRecord
from mlu_render.render import prepare_folder, render
from mlu_render.write_errors import disk_errno_of, written_paths
from tests.support.short_scene import shorten

TINY = {"low": (160, 90, 5)}
STEM = "roc-auc-low"
WORDS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
}


@pytest.fixture
def short(monkeypatch):
    """Roc-auc told in a few seconds, at 160x90 and 5 fps: a real render in about a second."""
    shorten(monkeypatch)
    monkeypatch.setattr(render_module, "QUALITIES", TINY)


def _job(out: Path, *formats: str) -> RenderJob:
    return RenderJob("roc-auc", quality="low", formats=formats or ("mp4",), out_dir=out)


def _left_in(out: Path) -> list[str]:
    """Every file and folder left under ``out``, relative to it."""
    return sorted(str(path.relative_to(out)) for path in out.rglob("*"))


def _refusal(code: int) -> OSError:
    """An OSError like the one a write on a refusing disk raises: no file named."""
    return OSError(code, os.strerror(code))


# --- ffmpeg's exit status and words -----------------------------------------------


@pytest.mark.parametrize(
    ("returncode", "stderr", "expected"),
    [
        (228, "", errno.ENOSPC),  # ffmpeg returns AVERROR(ENOSPC) = -28: 256 - 28
        (1, "Error writing trailer: No space left on device", errno.ENOSPC),
        (256 - errno.EDQUOT, "", errno.EDQUOT),
        (1, "av_interleaved_write_frame(): Disk quota exceeded", errno.EDQUOT),
        (256 - errno.EROFS, "", errno.EROFS),
        (1, "Error opening output x.mp4: Read-only file system", errno.EROFS),
        (1, "Invalid data found when processing input", None),
        (183, "", None),  # AVERROR_INVALIDDATA
        (-9, "", None),  # killed
    ],
)
def test_ffmpeg_says_the_disk_refused_by_status_or_words(returncode, stderr, expected):
    assert disk_errno(returncode, stderr) == expected
    assert FfmpegError(["ffmpeg"], returncode, stderr).errno == expected


def test_the_chain_of_causes_is_searched_for_a_refusal():
    refusal = _refusal(errno.ENOSPC)
    refusal.filename = "/out/roc-auc/.mlu-x/a.srt"
    try:
        try:
            raise refusal
        except OSError as error:
            raise RuntimeError("writing failed") from error
    except RuntimeError as wrapped:
        assert disk_errno_of(wrapped) == errno.ENOSPC
        assert list(written_paths(wrapped)) == [Path("/out/roc-auc/.mlu-x/a.srt")]
    assert disk_errno_of(_refusal(errno.EACCES)) is None
    # An error raised "from None" hides its context: that is not its cause.
    try:
        try:
            raise _refusal(errno.ENOSPC)
        except OSError:
            raise ValueError("unrelated") from None
    except ValueError as hidden:
        assert disk_errno_of(hidden) is None


def test_output_write_error_is_a_job_error_that_pickles():
    error = OutputWriteError("roc-auc low", "no space left on device", Path("o/x.mp4"), "free")
    assert isinstance(error, JobError)
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) == "roc-auc low: no space left on device writing o/x.mp4; free"
    assert copy.detail == error.detail


# --- Which file a failed write was making ------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (".mlu-ab/media/videos/90p5/partial_movie_files/RocAuc/uncached_00001.mp4", f"{STEM}.mp4"),
        (f".mlu-ab/.{STEM}.k2j4/muxed.mp4", f"{STEM}.mp4"),  # mux_mp4's folder
        (f".mlu-ab/gif/{STEM}.lossless.mkv", f"{STEM}.gif"),
        (f".mlu-ab/{STEM}.srt", f"{STEM}.srt"),
        (f".mlu-ab/{STEM}.png", f"{STEM}.png"),
        (f"{STEM}.mp4", f"{STEM}.mp4"),  # os.replace into place
        (".mlu-ab/media/texts/14b8068dfbdf391a.svg", None),  # manim's drawing cache
        (".mlu-ab/owner.json", None),
        (".mlu-ab", None),
        ("", None),
    ],
)
def test_a_failed_write_is_told_by_the_output_it_was_making(tmp_path, written, expected):
    folder = tmp_path / "out" / "roc-auc"
    final = render_module._final_path(folder / written, folder, STEM)
    assert final == (None if expected is None else folder / expected)


def test_a_partial_record_is_told_by_the_record(tmp_path):
    record = tmp_path / f"{STEM}.render.json"
    assert render_module._final_path(partial_path(record), tmp_path, STEM) == record
    assert render_module._final_path(Path("/elsewhere/x.mp4"), tmp_path, STEM) is None


# --- Simulated refusals, through a real render --------------------------------------


def _full_ffmpeg(args):
    """run_ffmpeg on a full disk: status 228 and ffmpeg's own words."""
    stderr = (
        "[out#0/mp4 @ 0x5] Error writing trailer: No space left on device\n"
        "[out#0/mp4 @ 0x5] Error closing file: No space left on device\n"
    )
    raise FfmpegError(ffmpeg_command(args), 228, stderr)


@pytest.mark.slow  # renders a scene
def test_ffmpeg_on_a_full_disk_names_the_mp4_and_leaves_nothing(tmp_path, short, monkeypatch):
    monkeypatch.setattr(mux, "run_ffmpeg", _full_ffmpeg)
    job = _job(tmp_path, "mp4", "png")
    with pytest.raises(OutputWriteError) as caught:
        render(job)
    mp4 = job.folder / f"{STEM}.mp4"
    assert str(caught.value) == (
        f"roc-auc low: no space left on device writing {mp4}; "
        "free some space or render to another --out"
    )
    assert caught.value.path == mp4
    assert isinstance(caught.value.__cause__, FfmpegError)
    assert _left_in(tmp_path) == ["roc-auc"]  # no work folder, no partial file


@pytest.mark.slow  # renders a scene
@pytest.mark.parametrize("code", sorted(WORDS))
def test_a_python_write_refused_is_told_in_its_own_words(tmp_path, short, monkeypatch, code):
    real = Path.write_text

    def refused_srt(path, *args, **kwargs):
        if path.suffix == ".srt":
            raise _refusal(code)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", refused_srt)
    job = _job(tmp_path, "gif", "png")  # a GIF: the subtitles are written, with no MP4 mux
    with pytest.raises(OutputWriteError) as caught:
        render(job)
    assert caught.value.detail.startswith(f"{WORDS[code]} writing {job.folder / f'{STEM}.srt'}; ")
    assert str(caught.value).startswith("roc-auc low: ")
    assert _left_in(tmp_path) == ["roc-auc"]


@pytest.mark.slow  # renders a scene
def test_a_refused_record_is_told_by_the_record(tmp_path, short, monkeypatch):
    def refused(_record, _folder):
        raise _refusal(errno.EDQUOT)

    monkeypatch.setattr(RenderRecord, "write", refused)
    job = _job(tmp_path, "png")
    with pytest.raises(OutputWriteError) as caught:
        render(job)
    record = job.folder / f"{STEM}.render.json"
    assert caught.value.detail == (
        f"disk quota exceeded writing {record}; free some of your quota or render to another --out"
    )
    assert not any(job.folder.glob(".mlu-*"))


@pytest.mark.slow  # renders a scene
def test_other_failures_pass_as_they_are(tmp_path, short, monkeypatch):
    def broken(args):
        raise FfmpegError(ffmpeg_command(args), 1, "Invalid argument")

    monkeypatch.setattr(mux, "run_ffmpeg", broken)
    with pytest.raises(FfmpegError, match="status 1"):
        render(_job(tmp_path))
    assert _left_in(tmp_path) == ["roc-auc"]


@pytest.mark.slow  # renders a scene
def test_a_batch_names_the_job_once_on_its_line(tmp_path, short, monkeypatch):
    monkeypatch.setattr(mux, "run_ffmpeg", _full_ffmpeg)
    (outcome,) = run_batch([_job(tmp_path)])
    mp4 = tmp_path / "roc-auc" / f"{STEM}.mp4"
    assert outcome.status == "failed"
    assert outcome.error == (
        f"no space left on device writing {mp4}; free some space or render to another --out"
    )


@pytest.mark.slow  # renders a scene
def test_the_cli_prints_it_on_the_job_line_and_exits_1(tmp_path, short, monkeypatch):
    monkeypatch.setattr(mux, "run_ffmpeg", _full_ffmpeg)
    result = CliRunner().invoke(
        main, ["render", "roc-auc", "-q", "low", "-f", "mp4", "--out", str(tmp_path), "-j", "1"]
    )
    mp4 = tmp_path / "roc-auc" / f"{STEM}.mp4"
    assert result.exit_code == 1
    assert f"roc-auc low failed: no space left on device writing {mp4}; " in result.output
    assert "Traceback" not in result.output and "status 228" not in result.output


# --- Real refusals, on a small tmpfs ------------------------------------------------


@pytest.fixture
def small_disk(tmp_path, request):
    """Mount a tmpfs on a fresh folder; return a function that mounts it with given options.

    Skipped where mounting is not permitted (not root, no mount, a container
    without the capability); always unmounted afterwards.
    """
    point = tmp_path / "disk"
    point.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root and mount(8)")

    def mount(options: str) -> Path:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(point)], check=False))
        return point

    return mount


def _fill(disk: Path) -> None:
    """Write a file on ``disk`` until the disk is full."""
    chunk = bytes(1 << 16)
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(descriptor, chunk)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def test_real_ffmpeg_on_a_full_disk_exits_228(small_disk, tmp_path):
    disk = small_disk("size=64k")
    source = tmp_path / "source.mkv"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "ffv1",
                source])  # fmt: skip
    with pytest.raises(FfmpegError) as caught:
        run_ffmpeg(["-i", source, "-c", "copy", disk / "copy.mkv"])
    assert caught.value.returncode == 228 == -errno.ENOSPC & 0xFF
    assert caught.value.errno == errno.ENOSPC
    assert "No space left on device" in caught.value.stderr
    assert Path(ffmpeg_exe()).exists()


@pytest.mark.slow  # renders a scene
def test_a_render_on_a_full_disk_fails_cleanly(small_disk, short):
    disk = small_disk("size=256k")
    _fill(disk)
    job = _job(disk / "out", "mp4", "gif", "png")
    with pytest.raises(OutputWriteError) as caught:
        render(job)
    assert str(caught.value).startswith("roc-auc low: no space left on device writing ")
    assert caught.value.path in {job.folder, *(job.folder / f"{STEM}.{ext}" for ext in (
        "mp4", "gif", "png"))}  # fmt: skip
    assert _left_in(disk / "out") == ["roc-auc"]


@pytest.mark.slow  # renders a scene
def test_a_disk_that_fills_while_ffmpeg_muxes_names_the_mp4(small_disk, short, monkeypatch):
    disk = small_disk("size=2m")

    def run_on_a_full_disk(args):
        _fill(disk)  # after the mux's own small files, before ffmpeg writes the MP4
        run_ffmpeg(args)

    monkeypatch.setattr(mux, "run_ffmpeg", run_on_a_full_disk)
    job = _job(disk / "out", "mp4", "png")
    with pytest.raises(OutputWriteError) as caught:
        render(job)
    assert caught.value.path == job.folder / f"{STEM}.mp4"
    assert caught.value.problem == "no space left on device"
    cause = caught.value.__cause__
    assert isinstance(cause, FfmpegError) and cause.returncode == 228
    assert _left_in(disk / "out") == ["roc-auc"]


@pytest.mark.slow  # renders a scene
def test_a_disk_that_fills_while_manim_encodes_names_the_mp4(small_disk, short, monkeypatch):
    disk = small_disk("size=2m")
    remember = render_module._Poster.remember

    def fill_then_remember(poster, frame, repeat=1):
        if not (disk / "filler").exists():
            _fill(disk)  # manim's encoder writes this frame and the rest to a full disk
        remember(poster, frame, repeat)

    monkeypatch.setattr(render_module._Poster, "remember", fill_then_remember)
    job = _job(disk / "out", "mp4")
    with pytest.raises(OutputWriteError) as caught:
        render(job)
    assert caught.value.problem == "no space left on device"
    assert caught.value.path == job.folder / f"{STEM}.mp4"
    assert _left_in(disk / "out") == ["roc-auc"]


def test_a_read_only_output_folder_is_refused_before_rendering(small_disk):
    disk = small_disk("size=64k")
    (disk / "made" / "roc-auc").mkdir(parents=True)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    for out in (disk / "made", disk / "new"):  # its folder is there; it must be made
        job = _job(out)
        with pytest.raises(OutputWriteError) as caught:
            prepare_folder(job)
        assert str(caught.value) == (
            f"roc-auc low: read-only file system writing {job.folder}; render to a writable --out"
        )
    result = CliRunner().invoke(main, ["render", "roc-auc", "-q", "low", "--out", str(disk)])
    assert result.exit_code == 2
    assert f"read-only file system writing {disk / 'roc-auc'}" in result.output
