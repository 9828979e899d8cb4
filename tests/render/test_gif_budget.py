"""GIFs from lossless video: trimmed, re-timed, resized, measured, fitted to a byte budget."""

from __future__ import annotations

import itertools
import math
import pickle
import subprocess
import tracemalloc
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from mlu_render import gif_budget
from mlu_render.ffmpeg import FfmpegError, ffmpeg_command, run_ffmpeg
from mlu_render.gif import MIN_WIDTH, GifWriter, _decoded_frames, psnr
from mlu_render.gif_budget import (
    PSNR_CEILING_DB,
    WIDTH_STEP,
    BudgetChoice,
    GifBudgetError,
    GifCandidate,
    GifEncoding,
    describe_choice,
    encode_gif,
    fit_gif_budget,
    format_bytes,
    gif_quality,
    kept_frames,
    width_ladder,
)

SIZE = (160, 90)


def flat_frame(index: int) -> np.ndarray:
    """Frame ``index`` (< 108): two flat colours of its own, 40 levels from any other's.

    A GIF's palette keeps so few, so distinct colours to within a level or
    two (palettegen averages in another colour space), so a decoded GIF frame
    names its source frame unambiguously: see :func:`assert_shows`.
    """
    red, green, blue = 20 + 40 * (index % 6), 20 + 40 * (index // 6 % 6), 40 * (index // 36)
    frame = np.empty((SIZE[1], SIZE[0], 3), dtype=np.uint8)
    frame[:] = (red, green, 20 + blue)
    frame[20:40, index : index + 20] = (red, green, 140 + blue)
    return frame


def assert_shows(frame: np.ndarray, index: int, where: str) -> None:
    """Assert that a decoded GIF frame is source frame ``index`` (others are 40 levels off)."""
    error = np.abs(frame.astype(int) - flat_frame(index)).max()
    assert error <= 2, f"{where} is not source frame {index}: off by up to {error} levels"


def rich_frame(index: int) -> np.ndarray:
    """Frame ``index`` of a manim-like clip: anti-aliased moving shapes and text."""
    image = Image.new("RGB", SIZE, (30, 34, 48))
    draw = ImageDraw.Draw(image)
    draw.ellipse((5 + 2 * index, 10, 45 + 2 * index, 50), fill=(230, 80, 60))
    draw.line((0, SIZE[1] - 1, 2 * index, 0), fill=(250, 200, 60), width=3)
    draw.text((10, 60), f"threshold {index / 30:.2f}", fill=(240, 240, 240))
    return np.asarray(image.resize((SIZE[0] // 2, SIZE[1] // 2)).resize(SIZE, Image.BILINEAR))


def write_lossless(path: Path, frames: list[np.ndarray], fps: int) -> Path:
    """Write RGB frames to an FFV1 video, as GifWriter's intermediate is."""
    height, width, _ = frames[0].shape
    command = ffmpeg_command(
        [
            *("-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", f"{width}x{height}"),
            *("-framerate", str(fps), "-i", "pipe:0"),
            *("-vf", "format=gbrp", "-c:v", "ffv1", "-f", "matroska", path),
        ]
    )
    subprocess.run(command, input=b"".join(f.tobytes() for f in frames), check=True)
    return path


def decoded(path: Path) -> list[np.ndarray]:
    return list(_decoded_frames(path))


def distinct_colours(path: Path) -> np.ndarray:
    """The RGB colours found in any frame, packed as 0xRRGGBB."""
    packed = []
    for frame in decoded(path):
        rgb = frame.astype(np.uint32)
        packed.append(np.unique((rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]))
    return np.unique(np.concatenate(packed))


@pytest.fixture(scope="module")
def flat50(tmp_path_factory) -> Path:
    """2 s of flat frames at 50 fps, a rate GIF keeps as it is."""
    folder = tmp_path_factory.mktemp("flat50")
    return write_lossless(folder / "flat50.mkv", [flat_frame(i) for i in range(100)], 50)


@pytest.fixture(scope="module")
def flat30(tmp_path_factory) -> Path:
    """2 s of flat frames at 30 fps, a rate GIF cannot keep."""
    folder = tmp_path_factory.mktemp("flat30")
    return write_lossless(folder / "flat30.mkv", [flat_frame(i) for i in range(60)], 30)


@pytest.fixture(scope="module")
def rich30(tmp_path_factory) -> Path:
    """2 s of anti-aliased frames at 30 fps."""
    folder = tmp_path_factory.mktemp("rich30")
    return write_lossless(folder / "rich30.mkv", [rich_frame(i) for i in range(60)], 30)


# --- Which frames are kept ----------------------------------------------------


@pytest.mark.parametrize(
    ("frame_count", "fps", "start", "end", "expected"),
    [
        (60, 30, None, None, range(0, 60)),
        (60, 30, 0.5, 1.0, range(15, 30)),  # frame 15 is at 0.5 s, frame 30 at 1.0 s
        (60, 30, 0.51, None, range(16, 60)),
        (60, 30, 0.1, 0.2, range(3, 6)),  # 0.1 * 30 is 3, not 3.0000000000000004
        (60, 30, 1.0, 10.0, range(30, 60)),  # end past the clip keeps to the last frame
        (60, 30, 0, 1 / 30, range(0, 1)),
        (100, Fraction(30000, 1001), 1.001, None, range(30, 100)),
    ],
)
def test_kept_frames(frame_count, fps, start, end, expected):
    assert kept_frames(frame_count, fps, start, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (1.0, 1.0, r"^end must be after start"),
        (1.5, 0.5, r"^end must be after start"),
        (-0.1, None, r"^start must be a finite, non-negative"),
        (None, math.inf, r"^end must be a finite"),
        ("1", None, r"^start must be a number of seconds"),
        (2.0, None, r"keeps no frame of the 2 s source"),
        (0.01, 0.02, r"keeps no frame"),
    ],
)
def test_kept_frames_rejects_bad_windows(start, end, message):
    with pytest.raises(ValueError, match=message):
        kept_frames(60, 30, start, end)


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

    monkeypatch.setattr(gif_budget, "run_ffmpeg", paletteuse_fails)
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
    for ours, theirs in zip(decoded(gif.path), decoded(writer_gif.target), strict=True):
        np.testing.assert_array_equal(ours, theirs)


# --- Quality ------------------------------------------------------------------


def numpy_quality(gif: Path, reference: Path, kept: range, fps: int, source_fps: int) -> float:
    """Mean capped PSNR of each kept reference frame against the GIF frame on screen."""
    references = decoded(reference)[kept.start : kept.stop]
    frames = decoded(gif)
    values = [
        min(psnr(ref, frames[math.floor(Fraction(k * fps, source_fps))]), PSNR_CEILING_DB)
        for k, ref in enumerate(references)
    ]
    return float(np.mean(values))


@pytest.mark.parametrize("fps", [20, 10])
def test_quality_matches_a_direct_computation(rich30, tmp_path, fps):
    gif = encode_gif(rich30, tmp_path / "q.gif", fps=fps, start=0.2, end=1.5, workdir=tmp_path)
    expected = numpy_quality(gif.path, rich30, range(6, 45), fps, 30)
    assert gif_quality(gif.path, rich30, start=0.2, end=1.5) == pytest.approx(expected, abs=0.01)


def test_identical_frames_score_the_ceiling(flat50, tmp_path):
    gif = encode_gif(flat50, tmp_path / "x.gif", start=1.0, workdir=tmp_path)
    # The palette is a level off here and there: high, not perfect.
    assert 50 < gif_quality(gif.path, flat50, start=1.0) < PSNR_CEILING_DB
    itself = write_lossless(tmp_path / "itself.mkv", decoded(gif.path), 50)
    assert gif_quality(gif.path, itself) == PSNR_CEILING_DB


def test_quality_falls_with_width_and_frame_rate(rich30, tmp_path):
    def quality(**options) -> float:
        gif = encode_gif(rich30, tmp_path / "g.gif", workdir=tmp_path, **options)
        return gif_quality(gif.path, rich30)

    full, narrow, slow = quality(fps=25), quality(fps=25, width=64), quality(fps=5)
    assert full > narrow
    assert full > slow


# --- Fitting a budget ---------------------------------------------------------

BUDGET = 15_000


@pytest.fixture(scope="module")
def fitted(rich30, tmp_path_factory) -> tuple[BudgetChoice, Path]:
    folder = tmp_path_factory.mktemp("fit")
    choice = fit_gif_budget(
        rich30,
        folder / "out" / "fit.gif",
        max_bytes=BUDGET,
        max_width=160,
        max_fps=25,
        workdir=folder / "work",
    )
    return choice, folder


def test_budget_is_met_by_the_file_written(fitted):
    choice, folder = fitted
    gif = choice.encoding
    assert gif.path == folder / "out" / "fit.gif"
    assert gif.bytes == gif.path.stat().st_size <= BUDGET
    assert Image.open(gif.path).size == (gif.width, gif.height)
    assert Image.open(gif.path).n_frames == gif.frame_count


def test_budget_choice_is_tight_the_next_wider_gif_does_not_fit(fitted, rich30, tmp_path):
    choice, _ = fitted
    gif = choice.encoding
    ladder = width_ladder(160)
    rung = ladder.index(gif.width)
    assert rung > 0  # the budget is below the full-size GIF
    wider = encode_gif(
        rich30,
        tmp_path / "wider.gif",
        width=ladder[rung - 1],
        fps=gif.fps,
        colors=gif.colors,
        workdir=tmp_path,
    )
    assert wider.bytes > BUDGET


def test_budget_choice_has_the_best_measured_quality(fitted, rich30):
    choice, _ = fitted
    measured = [c.psnr for c in choice.candidates if c.psnr is not None]
    assert choice.quality == max(measured)
    assert choice.quality == pytest.approx(gif_quality(choice.encoding.path, rich30), abs=1e-9)
    gif = choice.encoding
    assert GifCandidate(gif.width, gif.fps, gif.colors, gif.bytes, choice.quality) in (
        choice.candidates
    )
    assert all(c.psnr is None for c in choice.candidates if c.bytes > BUDGET)


def test_budget_search_costs_few_encodes(fitted):
    choice, _ = fitted
    # 3 rates x 3 palettes over 16 widths: bisection alone would take ~37.
    assert len(choice.candidates) <= 36
    assert len({(c.width, c.fps, c.colors) for c in choice.candidates}) == len(choice.candidates)


def test_budget_search_leaves_only_the_gif(fitted):
    _, folder = fitted
    assert [p.name for p in (folder / "out").iterdir()] == ["fit.gif"]
    assert list((folder / "work").iterdir()) == []


def test_generous_budget_takes_the_top_candidate_in_two_encodes(rich30, tmp_path):
    choice = fit_gif_budget(
        rich30, tmp_path / "a.gif", max_bytes=10**7, max_width=120, max_fps=20, workdir=tmp_path
    )
    gif = choice.encoding
    assert (gif.width, gif.fps, gif.colors) == (120, 20, 256)
    assert len(choice.candidates) == 2


def test_budget_with_a_trim_measures_the_kept_frames(rich30, tmp_path):
    choice = fit_gif_budget(
        rich30,
        tmp_path / "t.gif",
        max_bytes=4_000,
        max_width=160,
        max_fps=10,
        start=0.5,
        end=1.0,
        workdir=tmp_path / "work",
    )
    gif = choice.encoding
    assert gif.bytes <= 4_000
    assert gif.frame_count == math.ceil(15 * gif.fps / 30)
    assert choice.quality == pytest.approx(
        gif_quality(gif.path, rich30, start=0.5, end=1.0), abs=1e-9
    )
    assert list((tmp_path / "work").iterdir()) == []


def test_impossible_budget_raises_and_leaves_nothing(rich30, tmp_path):
    target = tmp_path / "out" / "x.gif"
    target.parent.mkdir()
    with pytest.raises(GifBudgetError) as caught:
        fit_gif_budget(
            rich30, target, max_bytes=500, max_width=160, max_fps=25, workdir=tmp_path / "work"
        )
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.max_bytes == 500
    assert (error.smallest.width, error.smallest.fps, error.smallest.colors) == (16, 10, 64)
    assert error.smallest.bytes > 500
    message = str(error)
    assert "500 bytes" in message
    assert f"{error.smallest.bytes} bytes" in message
    assert "--gif-start/--gif-end" in message
    assert list(target.parent.iterdir()) == []
    assert list((tmp_path / "work").iterdir()) == []
    # It crosses a process pool intact.
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.smallest, copy.max_bytes) == (message, error.smallest, 500)


# --- Memory -------------------------------------------------------------------


def test_memory_stays_below_one_frame_for_a_1080p_source(tmp_path):
    source = tmp_path / "big.mkv"
    run_ffmpeg(
        [
            *("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration=0.4"),
            *("-vf", "format=gbrp", "-c:v", "ffv1", "-f", "matroska", source),
        ]
    )
    frame_bytes = 1920 * 1080 * 3
    tracemalloc.start()
    try:
        gif = encode_gif(source, tmp_path / "big.gif", width=160, workdir=tmp_path)
        quality = gif_quality(gif.path, source)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert gif.frame_count == 10
    assert 10 < quality < PSNR_CEILING_DB
    assert peak < frame_bytes / 10  # ffmpeg streams; Python holds no frame


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


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"max_bytes": 0}, "max_bytes"),
        ({"max_bytes": 1.5}, "max_bytes"),
        ({"max_fps": 30}, "max_fps"),
        ({"max_width": 8}, "max_width"),
    ],
)
def test_bad_budget_arguments_raise_naming_them(flat30, tmp_path, options, name):
    arguments = {"max_bytes": 10_000, "max_width": 160, "max_fps": 20} | options
    with pytest.raises(ValueError, match=rf"^{name} must"):
        fit_gif_budget(flat30, tmp_path / "a.gif", workdir=tmp_path, **arguments)


# --- Width ladder and the line for people -------------------------------------


@pytest.mark.parametrize("max_width", [16, 17, 64, 160, 640, 1920])
def test_width_ladder_narrows_by_steps_of_about_an_eighth_down_to_min_width(max_width):
    ladder = width_ladder(max_width)
    assert ladder[0] == max_width
    assert ladder[-1] == MIN_WIDTH
    assert all(a > b for a, b in itertools.pairwise(ladder))
    assert all(b >= a * WIDTH_STEP - 2 for a, b in itertools.pairwise(ladder))


def test_width_ladder_of_640_has_26_rungs():
    # So a bisection over it costs 5 encodes.
    assert len(width_ladder(640)) == 26


def test_describe_choice():
    gif = GifEncoding(Path("a.gif"), 480, 270, 10, 128, 40, 487_400)
    choice = BudgetChoice(gif, 38.24, 500_000, ())
    assert describe_choice(choice) == (
        "GIF fits 500 KB: 480x270, 10 fps, 128 colours, 487 KB, 38.2 dB"
    )


@pytest.mark.parametrize(
    ("count", "text"), [(950, "950 B"), (487_400, "487 KB"), (2_345_678, "2.3 MB")]
)
def test_format_bytes(count, text):
    assert format_bytes(count) == text
