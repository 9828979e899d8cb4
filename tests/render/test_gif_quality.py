"""gif_quality: PSNR against closed forms and a brute-force numpy count, capped, streamed."""

from __future__ import annotations

import math
import tracemalloc
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from mlu_render.ffmpeg import run_ffmpeg
from mlu_render.gif import PSNR_CEILING_DB, encode_gif, gif_quality
from tests.render.gif_clips import (
    decoded,
    numpy_psnr,
    synthetic_frame,
    write_lossless,
)


def quality_of(tmp_path: Path, reference: np.ndarray, test: np.ndarray) -> float:
    """gif_quality of a one-frame video of ``test`` against one of ``reference``."""
    reference_path = write_lossless(tmp_path / "reference.mkv", [reference], 10)
    test_path = write_lossless(tmp_path / "test.mkv", [test], 10)
    return gif_quality(test_path, reference_path)


# --- Hand-worked --------------------------------------------------------------


@pytest.mark.parametrize(
    ("difference", "expected_db"),
    [(1, 10 * math.log10(255**2)), (255, 0.0), (16, 10 * math.log10(255**2 / 256))],
)
def test_psnr_of_a_uniform_error(tmp_path, difference, expected_db):
    reference = np.zeros((4, 6, 3), dtype=np.uint8)
    test = reference + np.uint8(difference)
    # ffmpeg reports each frame's PSNR to two decimals.
    assert quality_of(tmp_path, reference, test) == pytest.approx(expected_db, abs=0.005)


def test_psnr_of_an_error_on_one_pixel_in_four(tmp_path):
    reference = np.zeros((2, 2, 3), dtype=np.uint8)
    test = reference.copy()
    test[0, 0] = 10  # MSE = 3 * 100 / 12 = 25
    expected = 10 * math.log10(255**2 / 25)
    assert quality_of(tmp_path, reference, test) == pytest.approx(expected, abs=0.005)


def test_psnr_of_identical_images_is_the_ceiling(tmp_path):
    image = synthetic_frame(3)[..., :3]
    assert quality_of(tmp_path, image, image.copy()) == PSNR_CEILING_DB


# --- Against a brute-force count ----------------------------------------------


def numpy_quality(gif: Path, reference: Path, kept: range, fps: int, source_fps: int) -> float:
    """Mean capped PSNR of each kept reference frame against the GIF frame on screen."""
    references = decoded(reference)[kept.start : kept.stop]
    frames = decoded(gif)
    values = [
        min(numpy_psnr(ref, frames[math.floor(Fraction(k * fps, source_fps))]), PSNR_CEILING_DB)
        for k, ref in enumerate(references)
    ]
    assert len(values) == len(kept)
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


# --- Mismatched files ---------------------------------------------------------


def test_a_gif_longer_than_the_kept_frames_is_refused(rich30, tmp_path):
    gif = encode_gif(rich30, tmp_path / "whole.gif", fps=10, workdir=tmp_path)
    with pytest.raises(ValueError, match=r"^gif .* do not hold the same frames: 30 reference"):
        gif_quality(gif.path, rich30, end=1.0)


def test_a_file_that_is_not_a_video_is_refused_naming_it(rich30, tmp_path):
    text = tmp_path / "notes.gif"
    text.write_text("not a GIF")
    with pytest.raises(ValueError, match=r"^gif .*notes.gif is not a video"):
        gif_quality(text, rich30)


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
