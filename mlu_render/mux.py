"""Add chapters, soft subtitles and a title to an MP4 without re-encoding it."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mlu_render.ffmpeg import run_ffmpeg
from mlu_render.publish import publish
from mlu_render.subtitles import ffmetadata_chapters, to_srt
from scenes.timeline import Cue

__all__ = ["mux_mp4"]

_LANGUAGE = re.compile(r"[a-z]{3}")


def _check_paths(video: Path, out: Path) -> None:
    """Raise if ``video`` is missing or ``out`` would overwrite it."""
    if not video.is_file():
        raise FileNotFoundError(f"video {video} does not exist")
    if out.exists() and out.resolve() == video.resolve():
        raise ValueError(f"out must differ from video, both are {video}")


def _mux_args(
    video: Path, metadata: Path, srt: Path | None, language: str, out: Path
) -> list[str | Path]:
    """Return the arguments that copy ``video`` with tags and chapters added."""
    inputs: list[str | Path] = ["-i", video, "-f", "ffmetadata", "-i", metadata]
    outputs: list[str | Path] = [
        *("-map", "0:v", "-map", "0:a?", "-c:v", "copy", "-c:a", "copy"),
        *("-map_metadata", "1", "-map_chapters", "1"),
    ]
    if srt is not None:
        inputs += ["-f", "srt", "-i", srt]
        outputs += ["-map", "2:s", "-c:s", "mov_text", "-metadata:s:s:0", f"language={language}"]
        # Off by default: the scenes already show their captions on screen.
        outputs += ["-disposition:s:0", "0"]
    return [*inputs, *outputs, "-movflags", "+faststart", "-f", "mp4", out]


def mux_mp4(
    video: Path,
    out: Path,
    *,
    chapters: Sequence[Cue],
    captions: Sequence[Cue],
    title: str,
    language: str = "eng",
) -> None:
    """Copy ``video``'s streams into ``out`` with chapters, captions and a title.

    Video and audio are stream-copied, never re-encoded. The chapters and title
    go through an FFMETADATA1 file, the captions through an SRT file, both
    written in a temporary folder beside ``out`` and removed afterwards. The
    ``moov`` atom is moved to the front (``+faststart``) so the file plays while
    it downloads. ``out`` appears only once complete.

    Parameters
    ----------
    video : Path
        An MP4 (H.264) with a video stream, and perhaps audio.
    out : Path
        Where the new MP4 goes; replaced if it exists.
    chapters : sequence of Cue
        Chapters, each ``text`` the chapter's title; may be empty.
    captions : sequence of Cue
        Subtitle cues, made a soft ``mov_text`` track; may be empty, and then
        there is no subtitle track.
    title : str
        The file's title.
    language : str, default="eng"
        ISO 639-2 code of the captions' language, three lowercase letters.

    Raises
    ------
    ValueError
        When ``language`` is not three lowercase letters, or ``out`` is
        ``video``.
    FileNotFoundError
        When ``video`` does not exist.
    FfmpegError
        When ffmpeg fails.

    """
    video, out = Path(video), Path(out)
    if not _LANGUAGE.fullmatch(language):
        raise ValueError(
            f"language must be an ISO 639-2 code of three lowercase letters, "
            f"e.g. 'eng'; got {language!r}"
        )
    _check_paths(video, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out.stem}.", dir=out.parent) as tmp:
        folder = Path(tmp)
        metadata = folder / "chapters.ffmetadata"
        metadata.write_text(ffmetadata_chapters(chapters, title), encoding="utf-8")
        srt = to_srt(captions)
        srt_path = folder / "captions.srt" if srt else None
        if srt_path is not None:
            srt_path.write_text(srt, encoding="utf-8")
        partial = folder / "muxed.mp4"
        run_ffmpeg(_mux_args(video, metadata, srt_path, language, partial))
        publish(partial, out)
