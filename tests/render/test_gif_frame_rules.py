"""GIF frame rules: rates that divide 100, GIF sizes, and the frames a trim keeps."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from mlu_render.gif import GIF_FRAME_RATES, gif_frame_rate, gif_size, kept_frames

# --- Frame rate ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_fps", "requested", "expected"),
    [
        (30, 20, 20),
        (60, 20, 20),
        (30, 25, 25),
        (24, 25, 20),
        (15, 20, 10),
        (12, 20, 10),
        (60, 50, 50),
        (30, 50, 25),
        (30, 100, 25),
        (120, 100, 100),
        (5, 20, 5),
        (4.5, 20, 4),
        (1, 20, 1),
        (29.97, 25, 25),
        (23.976, 25, 20),
        (30, 1, 1),
    ],
)
def test_gif_frame_rate(source_fps, requested, expected):
    assert gif_frame_rate(source_fps, requested) == expected


@pytest.mark.parametrize("source_fps", [24, 29.97, 30, 60, 144])
@pytest.mark.parametrize("requested", GIF_FRAME_RATES)
def test_gif_frame_rate_divides_100_and_stays_below_both(source_fps, requested):
    fps = gif_frame_rate(source_fps, requested)
    assert 100 % fps == 0
    assert fps <= min(requested, source_fps)


@pytest.mark.parametrize("requested", [30, 24, 15, 0, 3])
def test_gif_frame_rate_rejects_rates_not_dividing_100(requested):
    with pytest.raises(ValueError, match=r"^requested must divide 100.*1, 2, 4, 5"):
        gif_frame_rate(30, requested)


@pytest.mark.parametrize("source_fps", [0, -30, 0.5, math.inf, math.nan])
def test_gif_frame_rate_rejects_bad_source_rates(source_fps):
    with pytest.raises(ValueError, match=r"^source_fps must"):
        gif_frame_rate(source_fps)


# --- Size ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_size", "width", "expected"),
    [
        ((320, 180), 240, (240, 136)),
        ((320, 180), 160, (160, 90)),
        ((320, 180), 320, (320, 180)),
        ((320, 180), 640, (320, 180)),
        ((1920, 1080), 480, (480, 270)),
        ((1080, 1920), 480, (480, 854)),
        ((1000, 10), 16, (16, 2)),
        ((321, 181), 321, (321, 182)),
    ],
)
def test_gif_size(source_size, width, expected):
    assert gif_size(source_size, width) == expected


# --- Which frames a trim keeps ------------------------------------------------


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
