"""A real low-quality render of roc-auc, decoded back; interrupted renders leave nothing."""

from __future__ import annotations

import av
import pytest
from PIL import Image

from mlu_render import render as render_module
from mlu_render.job import RenderJob
from mlu_render.record import read_record
from mlu_render.render import render, scene_inputs
from mlu_render.scene_run import plan_scene
from scenes.registry import get_scene
from tests.scenes.snapshots import compare
from tests.support.construct_calls import count_constructs
from tests.support.key_frames import render_key_frames

LOW = (854, 480, 15)
TINY = {"low": (160, 90, 5)}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("renders")
    job = RenderJob("roc-auc", quality="low", formats=("mp4", "gif", "png"), out_dir=out)
    return render(job)


@pytest.fixture(scope="module")
def expected_seconds(rendered):
    return rendered.duration


@pytest.fixture(scope="module")
def plan(rendered):
    """The quick pass of the rendered job."""
    return plan_scene(scene_inputs(rendered.job))


def test_quick_pass_predicts_the_length_for_the_progress_bar(rendered, plan):
    # Manim rounds each play up to whole frames, so a real render runs a bit longer.
    assert plan.duration == pytest.approx(rendered.duration, rel=0.03)
    assert plan.duration >= 60


def test_quick_pass_holds_the_chapters_and_key_frames_the_render_shows(rendered, plan):
    chapters = (rendered.job.folder / "roc-auc-low.chapters.vtt").read_text()
    assert [cue.text for cue in plan.chapters][:3] == ["Introduction", "Scores", "Threshold"]
    assert all(cue.text in chapters for cue in plan.chapters)
    assert plan.chapters[-1].end == pytest.approx(plan.duration)
    names = [name for name, _ in plan.key_frames]
    assert get_scene("roc-auc").poster in names
    times = [seconds for _, seconds in plan.key_frames]
    assert times == sorted(times) and 0 < times[-1] <= plan.duration


def test_outputs_have_stable_names_and_nothing_else_is_left(rendered):
    folder = rendered.job.folder
    names = sorted(path.name for path in rendered.outputs)
    assert names == sorted(
        f"roc-auc-low.{ext}" for ext in ("mp4", "gif", "png", "srt", "vtt", "chapters.vtt")
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names, "roc-auc-low.render.json"])


def test_record_lists_the_files_the_command_and_the_key(rendered):
    record = rendered.record
    assert not rendered.cached
    assert record.outputs == tuple(path.name for path in rendered.outputs)
    assert record.sizes == tuple(path.stat().st_size for path in rendered.outputs)
    assert record.command == (
        "mlu render roc-auc --quality low --format mp4,gif,png --gif-width 640 --gif-fps 20"
    )
    assert record.title == get_scene("roc-auc").title
    assert len(record.key) == 64
    assert read_record(rendered.job.folder / "roc-auc-low.render.json") == record


def test_mp4_is_encoded_with_the_faster_x264_preset(rendered):
    # x264 writes its settings into the stream; veryfast searches at subme=2
    # (manim's default preset, medium, at subme=7).
    data = (rendered.job.folder / "roc-auc-low.mp4").read_bytes()
    assert b"subme=2" in data
    assert b"crf=23.0" in data


def test_mp4_has_the_size_rate_and_length_of_the_scene(rendered, expected_seconds):
    with av.open(str(rendered.job.folder / "roc-auc-low.mp4")) as movie:
        video = movie.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == LOW[:2]
        assert float(video.average_rate) == pytest.approx(LOW[2], rel=1e-3)
        frames = sum(1 for _ in movie.decode(video))
    assert frames == pytest.approx(expected_seconds * LOW[2], abs=1)


def test_mp4_carries_chapters_and_an_english_subtitle_track(rendered):
    with av.open(str(rendered.job.folder / "roc-auc-low.mp4")) as movie:
        titles = [chapter["metadata"]["title"] for chapter in movie.chapters()]
        subtitles = [s for s in movie.streams if s.type == "subtitle"]
    assert titles[:3] == ["Introduction", "Scores", "Threshold"]
    assert len(titles) >= 6
    assert subtitles and subtitles[0].metadata["language"] == "eng"


def test_gif_loops_with_exact_delays_at_the_requested_width(rendered, expected_seconds):
    gif = Image.open(rendered.job.folder / "roc-auc-low.gif")
    assert gif.size == (640, 360)
    assert gif.info["loop"] == 0
    delays = set()
    for index in range(gif.n_frames):
        gif.seek(index)
        delays.add(gif.info["duration"])
    assert delays == {100}  # 15 fps source -> 10 fps GIF, 10 cs a frame
    assert gif.n_frames == pytest.approx(expected_seconds * 10, abs=2)


def test_poster_is_a_full_size_frame(rendered):
    poster = Image.open(rendered.job.folder / "roc-auc-low.png")
    assert poster.size == LOW[:2]
    assert len(poster.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 100


def test_poster_from_the_video_matches_the_snapshot_rendering(rendered, tmp_path):
    """Key frames drawn with animations skipped must show what the video shows.

    A picture changed by another mobject's updater would look right when
    drawn afresh but stay frozen in the video; this catches that.
    """
    scene = get_scene("roc-auc")
    frames = render_key_frames(scene, width=LOW[0], height=LOW[1])
    fresh = next(frame for frame in frames if frame.name == scene.poster)
    result = compare(fresh.image, rendered.job.folder / "roc-auc-low.png", tmp_path / "poster")
    assert result.ok, f"{result.differing:.2%} of pixels differ"


def test_subtitles_hold_one_cue_per_caption(rendered):
    srt = (rendered.job.folder / "roc-auc-low.srt").read_text()
    vtt = (rendered.job.folder / "roc-auc-low.vtt").read_text()
    chapters = (rendered.job.folder / "roc-auc-low.chapters.vtt").read_text()
    assert srt.count(" --> ") == vtt.count(" --> ") >= 8
    assert "A classifier does not say yes or no" in srt
    assert vtt.startswith("WEBVTT")
    assert "Area under the curve" in chapters


def test_poster_only_render_skips_the_animation(poster_render):
    result, calls = poster_render
    assert calls == ["skipped at 15 fps"]  # one pass, no quick pass before it
    assert [p.name for p in result.outputs] == ["roc-auc-low.png"]
    assert sorted(p.name for p in result.job.folder.iterdir()) == [
        "roc-auc-low.png",
        "roc-auc-low.render.json",
    ]
    assert Image.open(result.outputs[0]).size == LOW[:2]


def test_interrupted_render_leaves_no_file_and_no_temporary_folder(tmp_path, monkeypatch):
    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render_module, "mux_mp4", interrupt)
    job = RenderJob("roc-auc", quality="low", formats=("mp4", "png"), out_dir=tmp_path,
                    overrides=(("captions", "false"),))  # fmt: skip
    monkeypatch.setattr(render_module, "QUALITIES", TINY)
    with pytest.raises(KeyboardInterrupt):
        render(job)
    assert list(job.folder.iterdir()) == []


class RecordingProgress:
    def __init__(self):
        self.total = None
        self.done = 0.0
        self.early = 0.0  # seconds told before the length

    def start(self, total_seconds):
        self.total = total_seconds

    def advance(self, seconds):
        if self.total is None:
            self.early += seconds
        self.done += seconds


@pytest.fixture(scope="module")
def tiny_render(tmp_path_factory):
    """A tiny render of one chapter as a GIF, with progress, its construct calls counted.

    Everything that could run the scene is asked for: a chapter to check and
    cut at, and a progress bar to size.
    """
    out = tmp_path_factory.mktemp("tiny")
    job = RenderJob("roc-auc", quality="low", formats=("mp4", "gif"), out_dir=out,
                    overrides=(("captions", "false"),),  # not needed here, and costly
                    gif_start="Threshold", gif_end="Threshold")  # fmt: skip
    progress = RecordingProgress()
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(render_module, "QUALITIES", TINY)
        calls = count_constructs(monkeypatch, get_scene("roc-auc"))
        result = render(job, progress)
    return result, progress, calls


def test_a_render_runs_the_scene_at_most_twice(tiny_render):
    _result, _progress, calls = tiny_render
    # One quick pass serves the chapter check and the progress bar; one renders.
    assert calls == ["skipped at 15 fps", "played at 5 fps"]


def test_progress_is_told_the_length_then_each_frame(tiny_render):
    result, progress, _calls = tiny_render
    assert progress.early == 0
    assert progress.total == pytest.approx(result.duration, rel=0.05)
    assert progress.done == pytest.approx(result.duration, abs=0.2)


def _chapter_seconds(vtt: str, name: str) -> float:
    """Length of chapter ``name`` in a chapters WebVTT file."""
    for cue in vtt.split("\n\n"):
        timing, _, text = cue.partition("\n")
        if text.strip() == name:
            start, end = (_seconds(stamp) for stamp in timing.split(" --> "))
            return end - start
    raise AssertionError(f"no chapter {name!r} in {vtt!r}")


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_gif_of_one_chapter_lasts_as_long_as_the_chapter(tiny_render):
    result, _progress, _calls = tiny_render
    folder = result.job.folder
    chapter = _chapter_seconds((folder / "roc-auc-low.chapters.vtt").read_text(), "Threshold")
    gif = Image.open(folder / "roc-auc-low.gif")
    delays = []
    for index in range(gif.n_frames):
        gif.seek(index)
        delays.append(gif.info["duration"])
    assert 5 < chapter < result.duration - 5  # a cut, not the whole scene
    assert sum(delays) / 1000 == pytest.approx(chapter, abs=0.4)  # 2 frames at 5 fps
