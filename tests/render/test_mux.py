"""MP4 muxing: chapters, soft subtitles and a title, with the streams copied."""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import av
import pytest

from mlu_render.ffmpeg import FfmpegError, ffmpeg_exe, run_ffmpeg
from mlu_render.mux import mux_mp4
from scenes.timeline import Cue

TITLE = "ROC & AUC: a = b; #1"
CHAPTERS = [Cue(0.0, 1.0, "Set up = axes; #1"), Cue(1.0, 2.0, "Show \\ the\ncurve")]
CAPTIONS = [Cue(0.2, 0.9, "Precision & recall"), Cue(1.0, 1.8, "Two\n\nlines")]


def ffmpeg_stdout(*args: str | Path) -> str:
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout


def unescaped_lines(text: str) -> list[str]:
    """Split FFMETADATA text into lines, undoing its backslash escapes."""
    lines, current, escaped = [], [], False
    for character in text:
        if escaped:
            current.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "\n":
            lines.append("".join(current))
            current = []
        else:
            current.append(character)
    return [*lines, "".join(current)]


def read_metadata(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The global tags and the chapters of a file, as ffmpeg reports them."""
    tags: dict[str, str] = {}
    chapters: list[dict[str, str]] = []
    section = tags
    for line in unescaped_lines(ffmpeg_stdout("-i", path, "-f", "ffmetadata", "-")):
        if line == "[CHAPTER]":
            chapters.append({})
            section = chapters[-1]
        elif "=" in line and not line.startswith(";"):
            key, value = line.split("=", 1)
            section[key] = value
    return tags, chapters


def chapter_seconds(chapter: dict[str, str], key: str) -> float:
    numerator, denominator = map(int, chapter["TIMEBASE"].split("/"))
    return int(chapter[key]) * numerator / denominator


def read_subtitles(path: Path) -> list[Cue]:
    """The first subtitle track of ``path``, converted back to SRT and parsed."""
    timing = re.compile(r"(\d+):(\d\d):(\d\d),(\d{3})")
    cues = []
    for block in filter(
        None, ffmpeg_stdout("-i", path, "-map", "0:s:0", "-f", "srt", "-").split("\n\n")
    ):
        _, times, *text = block.strip("\n").split("\n")
        start, end = (
            int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000
            for h, m, s, ms in timing.findall(times)
        )
        cues.append(Cue(start, end, "\n".join(text)))
    return cues


def top_level_boxes(path: Path) -> list[str]:
    """The types of an MP4's top-level boxes, in file order."""
    boxes, data, offset = [], path.read_bytes(), 0
    while offset < len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            (size,) = struct.unpack(">Q", data[offset + 8 : offset + 16])
        boxes.append(kind.decode("ascii"))
        offset += size if size else len(data)
    return boxes


def video_packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [bytes(packet) for packet in container.demux(stream) if packet.size]


@pytest.fixture(scope="module")
def source_mp4(tmp_path_factory) -> Path:
    """A 2 s, 10 fps test pattern with a tone, encoded once."""
    path = tmp_path_factory.mktemp("source") / "scene.mp4"
    run_ffmpeg(
        [
            *("-f", "lavfi", "-i", "testsrc=size=160x90:rate=10:duration=2"),
            *("-f", "lavfi", "-i", "sine=frequency=440:duration=2"),
            *("-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", path),
        ]
    )
    return path


@pytest.fixture(scope="module")
def muxed(source_mp4, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "scene-final.mp4"
    mux_mp4(source_mp4, out, chapters=CHAPTERS, captions=CAPTIONS, title=TITLE)
    return out


# --- Chapters and title ---------------------------------------------------------


def test_chapters_start_where_they_were_asked_to(muxed):
    _, chapters = read_metadata(muxed)
    starts = [chapter_seconds(chapter, "START") for chapter in chapters]
    assert starts == pytest.approx([0.0, 1.0], abs=1e-3)
    assert chapter_seconds(chapters[-1], "END") == pytest.approx(2.0, abs=1e-3)


def test_chapter_titles_keep_their_special_characters(muxed):
    _, chapters = read_metadata(muxed)
    assert [chapter["title"] for chapter in chapters] == [c.text for c in CHAPTERS]


def test_title_is_set(muxed):
    tags, _ = read_metadata(muxed)
    assert tags["title"] == TITLE


# --- Subtitle track -------------------------------------------------------------


def test_subtitle_track_reads_back_as_the_captions(muxed):
    cues = read_subtitles(muxed)
    assert [cue.text for cue in cues] == ["Precision & recall", "Two\nlines"]
    times = [time for cue in cues for time in (cue.start, cue.end)]
    assert times == pytest.approx([0.2, 0.9, 1.0, 1.8], abs=1e-3)


def test_streams_are_copied_video_audio_and_a_tagged_mov_text_track(muxed):
    with av.open(str(muxed)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        (subtitles,) = container.streams.subtitles
        assert (video.codec_context.name, audio.codec_context.name) == ("h264", "aac")
        assert subtitles.codec_context.name == "mov_text"
        assert subtitles.metadata["language"] == "eng"


def test_video_is_not_re_encoded(source_mp4, muxed):
    assert video_packets(muxed) == video_packets(source_mp4)


def test_index_is_at_the_front_for_streaming(muxed):
    boxes = top_level_boxes(muxed)
    assert boxes.index("moov") < boxes.index("mdat")


def test_language_tag_is_passed_through(source_mp4, tmp_path):
    out = tmp_path / "fr.mp4"
    mux_mp4(source_mp4, out, chapters=[], captions=CAPTIONS, title="", language="fra")
    with av.open(str(out)) as container:
        assert container.streams.subtitles[0].metadata["language"] == "fra"


# --- Empty inputs and files left behind -----------------------------------------


@pytest.mark.parametrize(
    ("chapters", "captions", "n_chapters", "n_subtitle_tracks"),
    [
        ([], [], 0, 0),
        (CHAPTERS, [], 2, 0),
        ([], CAPTIONS, 0, 1),
        ([Cue(1, 1, "zero length")], [Cue(1, 1, "zero length")], 0, 0),
    ],
    ids=["nothing", "chapters-only", "captions-only", "only-zero-length"],
)
def test_empty_chapters_or_captions_still_mux(
    source_mp4, tmp_path, chapters, captions, n_chapters, n_subtitle_tracks
):
    out = tmp_path / "out.mp4"
    mux_mp4(source_mp4, out, chapters=chapters, captions=captions, title="T")
    tags, read_chapters = read_metadata(out)
    assert (tags["title"], len(read_chapters)) == ("T", n_chapters)
    with av.open(str(out)) as container:
        assert len(container.streams.subtitles) == n_subtitle_tracks
        assert len(container.streams.video) == 1


def test_only_the_output_is_left_and_an_old_one_is_replaced(source_mp4, tmp_path):
    out = tmp_path / "out.mp4"
    out.write_bytes(b"stale")
    mux_mp4(source_mp4, out, chapters=CHAPTERS, captions=CAPTIONS, title=TITLE)
    assert list(tmp_path.iterdir()) == [out]
    assert video_packets(out) == video_packets(source_mp4)


def test_a_failed_mux_leaves_nothing(tmp_path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video")
    out = tmp_path / "out" / "x.mp4"
    with pytest.raises(FfmpegError):
        mux_mp4(broken, out, chapters=CHAPTERS, captions=CAPTIONS, title=TITLE)
    assert list(out.parent.iterdir()) == []


# --- Bad input ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "English", "ENG", "en-US", ""])
def test_bad_language_raises(source_mp4, tmp_path, language):
    with pytest.raises(ValueError, match=r"^language must"):
        mux_mp4(
            source_mp4,
            tmp_path / "out.mp4",
            chapters=[],
            captions=[],
            title="",
            language=language,
        )


def test_missing_video_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"missing\.mp4"):
        mux_mp4(tmp_path / "missing.mp4", tmp_path / "o.mp4", chapters=[], captions=[], title="")


def test_muxing_a_video_onto_itself_raises(source_mp4):
    with pytest.raises(ValueError, match=r"^out must differ"):
        mux_mp4(source_mp4, source_mp4, chapters=[], captions=[], title="")


# --- ffmpeg runner --------------------------------------------------------------


def test_ffmpeg_exe_runs():
    assert (
        "ffmpeg version"
        in subprocess.run(
            [ffmpeg_exe(), "-version"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_run_ffmpeg_raises_with_the_end_of_stderr(tmp_path):
    missing = tmp_path / "missing.mp4"
    with pytest.raises(FfmpegError) as caught:
        run_ffmpeg(["-i", missing, tmp_path / "out.mp4"])
    error = caught.value
    assert isinstance(error, RuntimeError)
    assert error.returncode != 0
    assert "missing.mp4" in error.stderr
    assert "missing.mp4" in str(error)
    assert error.command[1:5] == ["-hide_banner", "-loglevel", "error", "-y"]
