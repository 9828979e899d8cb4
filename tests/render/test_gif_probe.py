"""probe_video: size, rate, frame count and duration of files whose facts we wrote ourselves."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from PIL import Image

from mlu_render.ffmpeg import run_ffmpeg
from mlu_render.gif import VideoFacts, probe_video
from tests.render.gif_clips import flat_frame, write_lossless


@pytest.mark.parametrize(
    ("rate", "n_frames", "fps"),
    [
        ("30", 60, Fraction(30)),
        ("1", 2, Fraction(1)),
        ("25/2", 19, Fraction(25, 2)),
        ("30000/1001", 45, Fraction(30000, 1001)),  # exact, not the 29.97 ffmpeg prints
        ("24000/1001", 36, Fraction(24000, 1001)),
    ],
)
def test_lossless_video_facts_are_those_it_was_written_with(tmp_path, rate, n_frames, fps):
    frames = [flat_frame(i) for i in range(n_frames)]
    path = write_lossless(tmp_path / "clip.mkv", frames, rate)
    facts = probe_video(path)
    assert (facts.path, facts.size, facts.fps, facts.frame_count) == (
        path,
        (160, 90),
        fps,
        n_frames,
    )
    # Matroska keeps timestamps in whole milliseconds.
    assert abs(facts.duration - n_frames / fps) <= Fraction(1, 1000)


def test_a_gif_of_uneven_delays_has_their_sum_for_duration(tmp_path):
    # GIF delays are centiseconds: 7 + 6 + 7 + 6 + 7 cs, 33 cs, as manim writes 15 fps.
    path = tmp_path / "uneven.gif"
    frames = [Image.fromarray(flat_frame(i)) for i in range(5)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=[70, 60, 70, 60, 70])
    facts = probe_video(path)
    assert (facts.size, facts.frame_count, facts.duration) == ((160, 90), 5, Fraction(33, 100))


def test_a_gif_of_one_frame_rate_has_it(tmp_path):
    path = tmp_path / "even.gif"
    frames = [Image.fromarray(flat_frame(i)) for i in range(8)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=50)
    assert probe_video(path) == VideoFacts(path, (160, 90), Fraction(20), 8, Fraction(2, 5))


def test_a_missing_file_is_refused_with_the_callers_name(tmp_path):
    with pytest.raises(ValueError, match=r"^source .*missing.mkv is not a file"):
        probe_video(tmp_path / "missing.mkv", name="source")


def test_a_file_that_is_not_a_video_is_refused(tmp_path):
    path = tmp_path / "notes.mkv"
    path.write_bytes(np.arange(256, dtype=np.uint8).tobytes())
    with pytest.raises(ValueError, match=r"^path .*notes.mkv is not a video PyAV can read"):
        probe_video(path)


def test_a_file_without_video_is_refused(tmp_path):
    path = tmp_path / "tone.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=0.2", path])
    with pytest.raises(ValueError, match=r"^reference .*tone.wav has no video stream"):
        probe_video(path, name="reference")
