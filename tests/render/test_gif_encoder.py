"""encode_gif: lossless video to GIF, trimmed, re-timed, resized, with one palette."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mlu_render.ffmpeg import FfmpegError, run_ffmpeg
from mlu_render.gif import GifWriter, encode_gif, encoder
from tests.render.gif_clips import (
    SIZE,
    assert_shows,
    decoded,
    flat_frame,
    rich_frame,
)


def distinct_colours(path: Path) -> np.ndarray:
    """The RGB colours found in any frame, packed as 0xRRGGBB."""
    packed = []
    for frame in decoded(path):
        rgb = frame.astype(np.uint32)
        packed.append(np.unique((rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]))
    return np.unique(np.concatenate(packed))


# --- Which frames -------------------------------------------------------------


def test_trim_keeps_exactly_the_source_frames_in_the_window(flat50, tmp_path):
    gif = encode_gif(flat50, tmp_path / "t.gif", start=0.5, end=1.25, workdir=tmp_path / "w")
    frames = decoded(gif.path)
    # Frames 25 (0.5 s) to 62 (1.24 s); frame 63 would be shown at 1.26 s.
    assert gif.fps == 50
    assert len(frames) == gif.frame_count == 38
    for j, frame in enumerate(frames):
        assert_shows(frame, 25 + j, f"GIF frame {j}")


@pytest.mark.parametrize("fps", [20, 10])
def test_lower_frame_rate_shows_the_frame_on_screen_at_each_gif_time(flat30, tmp_path, fps):
    gif = encode_gif(
        flat30, tmp_path / "r.gif", fps=fps, start=0.4, end=1.7, workdir=tmp_path / "w"
    )
    kept = range(12, 51)  # 0.4 s to 1.6667 s at 30 fps
    frames = decoded(gif.path)
    assert len(frames) == gif.frame_count == math.ceil(len(kept) * fps / 30)
    for j, frame in enumerate(frames):
        shown = kept[math.floor(Fraction(j * 30, fps))]
        assert_shows(frame, shown, f"GIF frame {j}")
    # GifWriter, given the kept frames, makes the same frames.
    with GifWriter(
        tmp_path / "writer.gif",
        source_fps=30,
        source_size=SIZE,
        fps=fps,
        width=SIZE[0],
        workdir=tmp_path / "writer",
    ) as writer:
        for index in kept:
            writer.write(flat_frame(index))
    for ours, theirs in zip(frames, decoded(writer.target), strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_every_frame_lasts_one_gif_period(flat30, tmp_path):
    gif = encode_gif(flat30, tmp_path / "d.gif", fps=20, start=0.3, workdir=tmp_path)
    image = Image.open(gif.path)
    durations = set()
    for index in range(image.n_frames):
        image.seek(index)
        durations.add(image.info["duration"])
    assert durations == {50}
    assert image.info["loop"] == 0


def test_default_rate_is_the_highest_dividing_100_below_the_source(flat30, tmp_path):
    gif = encode_gif(flat30, tmp_path / "d.gif", workdir=tmp_path)
    assert (gif.fps, gif.frame_count) == (25, 50)


# --- Size and palette ---------------------------------------------------------


def test_width_scales_down_keeping_the_aspect_with_an_even_height(rich30, tmp_path):
    gif = encode_gif(rich30, tmp_path / "s.gif", width=80, fps=10, workdir=tmp_path / "w")
    assert (gif.width, gif.height) == (80, 46)  # 80 * 90 / 160 = 45, rounded to even
    assert Image.open(gif.path).size == (80, 46)
    assert gif.frame_count == Image.open(gif.path).n_frames == 20
    assert gif.bytes == gif.path.stat().st_size


@pytest.mark.parametrize("colors", [8, 64])
def test_palette_holds_at_most_the_colours_asked(rich30, tmp_path, colors):
    gif = encode_gif(rich30, tmp_path / "c.gif", colors=colors, workdir=tmp_path)
    seen = distinct_colours(gif.path)
    assert colors // 2 < len(seen) <= colors
    assert gif.colors == colors


def test_full_palette_uses_more_colours_than_64(rich30, tmp_path):
    gif = encode_gif(rich30, tmp_path / "c.gif", workdir=tmp_path)
    seen = distinct_colours(gif.path)
    assert 64 < len(seen) <= 256


# --- Files --------------------------------------------------------------------


def test_encoding_leaves_only_the_gif(rich30, tmp_path):
    out = tmp_path / "out"
    encode_gif(rich30, out / "a.gif", width=64, workdir=tmp_path / "work")
    assert [p.name for p in out.iterdir()] == ["a.gif"]
    assert list((tmp_path / "work").iterdir()) == []


def test_a_failed_encode_leaves_no_file(flat30, tmp_path, monkeypatch):
    calls = []

    def paletteuse_fails(args):
        calls.append(args)
        if len(calls) == 1:
            return run_ffmpeg(args)  # the palette
        Path(args[-1]).write_bytes(b"GIF89a, cut short")
        raise FfmpegError(["ffmpeg"], 1, "Conversion failed!")

    monkeypatch.setattr(encoder, "run_ffmpeg", paletteuse_fails)
    target = tmp_path / "out" / "a.gif"
    with pytest.raises(FfmpegError, match="Conversion failed"):
        encode_gif(flat30, target, workdir=tmp_path / "work")
    assert len(calls) == 2
    assert list(target.parent.iterdir()) == []
    assert list((tmp_path / "work").iterdir()) == []


# --- The same GIF as GifWriter ------------------------------------------------


@pytest.fixture(scope="module")
def writer_gif(tmp_path_factory) -> GifWriter:
    folder = tmp_path_factory.mktemp("writer")
    with GifWriter(
        folder / "w.gif",
        source_fps=30,
        source_size=SIZE,
        fps=20,
        width=120,
        workdir=folder / "work",
    ) as writer:
        for index in range(60):
            writer.write(rich_frame(index))
    return writer


def test_default_encode_of_gifwriters_lossless_video_is_its_bytes(writer_gif, tmp_path):
    gif = encode_gif(writer_gif.intermediate_path, tmp_path / "e.gif", workdir=tmp_path)
    assert gif.path.read_bytes() == writer_gif.target.read_bytes()
    assert (gif.width, gif.height, gif.fps, gif.frame_count) == (120, 68, 20, 40)


def test_scaled_and_retimed_encode_of_the_source_matches_gifwriter(writer_gif, rich30, tmp_path):
    gif = encode_gif(rich30, tmp_path / "e.gif", width=120, fps=20, workdir=tmp_path)
    ours, theirs = decoded(gif.path), decoded(writer_gif.target)
    assert len(ours) == len(theirs) == writer_gif.frame_count == 40  # else zip checks nothing
    for our_frame, their_frame in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(our_frame, their_frame)


# --- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"colors": 1}, "colors"),
        ({"colors": 257}, "colors"),
        ({"colors": True}, "colors"),
        ({"fps": 30}, "fps"),
        ({"fps": 50}, "fps"),  # above the source's 30
        ({"fps": True}, "fps"),
        ({"width": 8}, "width"),
        ({"start": -1.0}, "start"),
        ({"start": 1.5, "end": 1.0}, "end"),
    ],
)
def test_bad_encode_arguments_raise_naming_them(flat30, tmp_path, options, name):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        encode_gif(flat30, tmp_path / "a.gif", workdir=tmp_path, **options)
    assert not (tmp_path / "a.gif").exists()


def test_missing_source_raises_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"^source .*missing.mkv is not a file"):
        encode_gif(tmp_path / "missing.mkv", tmp_path / "a.gif", workdir=tmp_path)
