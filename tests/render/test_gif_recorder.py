"""GifWriter: decoded back, timed exactly, close to its source, bounded memory, cleaned up."""

from __future__ import annotations

import math
import tracemalloc
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from mlu_render.ffmpeg import FfmpegError
from mlu_render.gif import GifWriter, gif_quality
from tests.render.gif_clips import (
    SOURCE_SIZE,
    decoded,
    decoded_gif,
    synthetic_clip,
    synthetic_frame,
)

SOURCE_FPS = 30
DURATION = 2
N_SOURCE_FRAMES = SOURCE_FPS * DURATION

# Flat colours with anti-aliased edges and text, like a manim frame. Lanczos
# scaling to 240 px adds in-between shades, but few enough that one 256-colour
# palette without dithering reproduces them closely: measured 52.2 dB at 240 px
# (52.7 at 160 px, 85 at the source width). 45 dB leaves room for fonts drawn
# differently elsewhere and still fails anything visibly wrong: an error of one
# level on every pixel is 48 dB, and frames shifted by one in time score 20.6 dB.
PSNR_FLOOR_DB = 45.0


def encode(
    folder: Path,
    frames: Iterator[np.ndarray],
    *,
    fps: int = 20,
    width: int = 240,
    source_fps: float = SOURCE_FPS,
) -> GifWriter:
    with GifWriter(
        folder / "clip.gif",
        source_fps=source_fps,
        source_size=SOURCE_SIZE,
        fps=fps,
        width=width,
        workdir=folder / "work",
    ) as writer:
        for frame in frames:
            writer.write(frame)
    return writer


def shown_source_frame(j: int, fps: int, source_fps: float) -> int:
    """The source frame on screen at time ``j / fps``, by exact arithmetic."""
    return math.floor(Fraction(j, fps) * Fraction(source_fps))


@pytest.fixture(scope="module")
def clip_gif(tmp_path_factory) -> GifWriter:
    return encode(tmp_path_factory.mktemp("gif"), synthetic_clip(N_SOURCE_FRAMES))


# --- The GIF, decoded back ----------------------------------------------------


def test_frame_count_is_duration_times_fps(clip_gif):
    image, _ = decoded_gif(clip_gif.target)
    assert image.n_frames == clip_gif.frame_count == DURATION * 20


def test_every_frame_lasts_exactly_one_gif_period(clip_gif):
    _, infos = decoded_gif(clip_gif.target)
    assert {info["duration"] for info in infos} == {1000 / 20}


def test_gif_loops_forever(clip_gif):
    image, _ = decoded_gif(clip_gif.target)
    assert image.info["loop"] == 0


def test_gif_has_the_requested_width_and_its_even_height(clip_gif):
    image, _ = decoded_gif(clip_gif.target)
    assert image.size == clip_gif.size == (240, 136)  # 240 * 180 / 320 = 135


def test_gif_is_close_to_its_lossless_frames(clip_gif):
    assert gif_quality(clip_gif.target, clip_gif.intermediate_path) >= PSNR_FLOOR_DB


def test_only_the_gif_and_the_lossless_frames_are_left(clip_gif):
    assert sorted(p.name for p in clip_gif.target.parent.iterdir()) == [
        "clip.gif",
        "work",
    ]
    assert list(clip_gif.workdir.iterdir()) == [clip_gif.intermediate_path]


@pytest.mark.parametrize(("fps", "delay_ms"), [(10, 100), (25, 40), (50, 20)])
def test_other_frame_rates_keep_exact_delays(tmp_path, fps, delay_ms):
    writer = encode(tmp_path, synthetic_clip(N_SOURCE_FRAMES), fps=fps, width=96, source_fps=60)
    image, infos = decoded_gif(writer.target)
    assert image.n_frames == N_SOURCE_FRAMES * fps // 60
    assert {info["duration"] for info in infos} == {delay_ms}


# --- Which source frames land in the GIF --------------------------------------


@pytest.mark.parametrize("fps", [20, 25, 10])
def test_lossless_frames_are_the_source_frames_shown_at_each_gif_time(tmp_path, fps):
    # At the source width nothing is scaled, so the lossless video must hold
    # exactly the source frames (RGB) that an independent count picks.
    source = list(synthetic_clip(N_SOURCE_FRAMES))
    writer = encode(tmp_path, iter(source), fps=fps, width=SOURCE_SIZE[0])
    frames = decoded(writer.intermediate_path)
    assert len(frames) == DURATION * fps
    for j, frame in enumerate(frames):
        expected = source[shown_source_frame(j, fps, SOURCE_FPS)][..., :3]
        np.testing.assert_array_equal(frame, expected, err_msg=f"GIF frame {j}")


def test_ntsc_source_rate_keeps_the_clip_duration(tmp_path):
    # 60 frames at 30000/1001 fps last 2.002 s: 41 GIF frames at 20 fps.
    writer = encode(
        tmp_path, synthetic_clip(N_SOURCE_FRAMES), fps=20, width=64, source_fps=29.97003
    )
    assert writer.frame_count == math.ceil(60 * 20 * 1001 / 30000) == 41


def test_a_held_frame_fills_its_whole_duration(tmp_path):
    colours = {(255, 0, 0): 30, (0, 0, 255): 15, (0, 200, 0): 15}  # 1 s, 0.5, 0.5
    with GifWriter(
        tmp_path / "held.gif",
        source_fps=SOURCE_FPS,
        source_size=SOURCE_SIZE,
        fps=20,
        width=64,
        workdir=tmp_path,
    ) as writer:
        for colour, repeat in colours.items():
            frame = np.zeros((*SOURCE_SIZE[::-1], 3), dtype=np.uint8)
            frame[:] = colour
            writer.write(frame, repeat=repeat)
    image, _ = decoded_gif(writer.target)
    shown = []
    for index in range(image.n_frames):
        image.seek(index)
        shown.append(image.convert("RGB").getpixel((32, 18)))
    # Green comes last and stays: ffmpeg's diff statistics alone would leave it
    # out of the palette, and it would be drawn red.
    assert shown == [(255, 0, 0)] * 20 + [(0, 0, 255)] * 10 + [(0, 200, 0)] * 10


def test_repeat_counts_like_writing_the_frame_again(tmp_path):
    def count_frames(repeats: list[int], folder: Path) -> int:
        writer = GifWriter(
            folder / "a.gif",
            source_fps=24,
            source_size=SOURCE_SIZE,
            fps=10,
            width=16,
            workdir=folder,
        )
        frame = synthetic_frame(0)
        for repeat in repeats:
            writer.write(frame, repeat=repeat)
        writer.abort()
        return writer.frame_count

    repeats = [1, 7, 2, 13, 1, 1, 24]
    assert count_frames(repeats, tmp_path) == count_frames([1] * sum(repeats), tmp_path)
    assert count_frames(repeats, tmp_path) == math.ceil(sum(repeats) * 10 / 24)


# --- Memory -------------------------------------------------------------------


def test_memory_stays_at_a_few_frames_for_many_1080p_frames(tmp_path):
    size, n_frames = (1920, 1080), 60
    frame_bytes = size[0] * size[1] * 4
    writer = GifWriter(
        tmp_path / "big.gif",
        source_fps=30,
        source_size=size,
        fps=10,
        width=160,
        workdir=tmp_path,
    )
    tracemalloc.start()
    try:
        for index in range(n_frames):
            frame = np.zeros((size[1], size[0], 4), dtype=np.uint8)
            frame[:, : 32 * index] = (200, 60, 60, 255)
            writer.write(frame)
            del frame
        writer.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Fed 60 frames (500 MB); held one at a time (measured peak: 1.05 frames).
    assert peak < 2 * frame_bytes
    assert decoded_gif(writer.target)[0].n_frames == 20


# --- Failures and clean-up ----------------------------------------------------


def test_an_exception_in_the_block_aborts_and_removes_everything(tmp_path):
    with (
        pytest.raises(KeyError),
        GifWriter(
            tmp_path / "a.gif",
            source_fps=30,
            source_size=SOURCE_SIZE,
            fps=20,
            width=64,
            workdir=tmp_path / "work",
        ) as writer,
    ):
        writer.write(synthetic_frame(0))
        assert writer._log_path.exists()  # a file to remove, so the check below can fail
        raise KeyError("scene failed")
    assert writer._process.poll() is not None
    assert list(tmp_path.rglob("*.*")) == []
    with pytest.raises(RuntimeError, match="aborted"):
        writer.write(synthetic_frame(1))


def small_writer(tmp_path):
    """A 64 px, 20 fps writer over the synthetic 30 fps source."""
    return GifWriter(
        tmp_path / "a.gif",
        source_fps=30,
        source_size=SOURCE_SIZE,
        fps=20,
        width=64,
        workdir=tmp_path,
    )


def test_closing_without_frames_raises(tmp_path):
    writer = small_writer(tmp_path)
    with pytest.raises(RuntimeError, match="no frames"):
        writer.close()
    assert list(tmp_path.iterdir()) == []


def test_an_ffmpeg_failure_raises_with_its_stderr_and_leaves_no_gif(tmp_path):
    writer = small_writer(tmp_path)
    # ffmpeg cannot write its output through a link into a missing folder.
    writer.intermediate_path.symlink_to(tmp_path / "missing" / "x.mkv")
    with pytest.raises(FfmpegError) as caught:
        for frame in synthetic_clip(30):
            writer.write(frame)
        writer.close()
    assert "lossless.mkv" in str(caught.value)
    assert not writer.target.exists()


def test_close_twice_returns_the_gif_and_writing_after_raises(clip_gif):
    assert clip_gif.close() == clip_gif.target
    with pytest.raises(RuntimeError, match="closed"):
        clip_gif.write(synthetic_frame(0))


def test_quality_rejects_a_gif_shorter_than_its_reference(tmp_path, clip_gif):
    shorter = encode(tmp_path, synthetic_clip(30), fps=20, width=240)
    with pytest.raises(ValueError, match="same frames"):
        gif_quality(shorter.target, clip_gif.intermediate_path)


# --- Bad input ----------------------------------------------------------------


def make_writer(tmp_path: Path, **overrides) -> GifWriter:
    arguments = {
        "source_fps": 30,
        "source_size": SOURCE_SIZE,
        "fps": 20,
        "width": 64,
        "workdir": tmp_path,
    } | overrides
    return GifWriter(tmp_path / "a.gif", **arguments)


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"width": 15}, "width"),
        ({"width": 0}, "width"),
        ({"fps": 30}, "fps"),
        ({"fps": 0}, "fps"),
        ({"source_fps": 0}, "source_fps"),
        ({"source_fps": math.nan}, "source_fps"),
        ({"source_size": (320,)}, "source_size"),
        ({"source_size": (320, 0)}, "source_size"),
        ({"source_size": (320.0, 180)}, "source_size"),
    ],
)
def test_bad_writer_arguments_raise_naming_them(tmp_path, overrides, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        make_writer(tmp_path, **overrides)


@pytest.mark.parametrize(
    "frame",
    [
        np.zeros((180, 320, 4), dtype=np.float32),
        np.zeros((320, 180, 4), dtype=np.uint8),
        np.zeros((180, 320, 2), dtype=np.uint8),
        np.zeros((180, 320), dtype=np.uint8),
    ],
    ids=["float", "transposed", "two-channels", "grey"],
)
def test_bad_frames_raise_naming_frame(tmp_path, frame):
    writer = make_writer(tmp_path)
    with pytest.raises(ValueError, match=r"^frame "):
        writer.write(frame)


def test_changing_channel_count_raises(tmp_path):
    writer = make_writer(tmp_path)
    writer.write(np.zeros((180, 320, 4), dtype=np.uint8))
    with pytest.raises(ValueError, match=r"^frame has 3 channels"):
        writer.write(np.zeros((180, 320, 3), dtype=np.uint8))
    writer.abort()


@pytest.mark.parametrize("repeat", [0, -1, 1.5, True])
def test_bad_repeat_raises(tmp_path, repeat):
    with pytest.raises(ValueError, match=r"^repeat must"):
        make_writer(tmp_path).write(synthetic_frame(0), repeat=repeat)


def test_width_above_the_source_is_clamped(tmp_path):
    writer = encode(tmp_path, synthetic_clip(3), width=1000)
    assert decoded_gif(writer.target)[0].size == SOURCE_SIZE
