"""Subtitle and chapter files from timed cues: SRT, WebVTT and FFMETADATA1."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from scenes.timeline import Cue

__all__ = ["VTT_KINDS", "ffmetadata_chapters", "to_srt", "to_vtt"]

#: Kinds of WebVTT track that :func:`to_vtt` writes (HTML ``<track kind>``).
VTT_KINDS = ("subtitles", "captions", "descriptions", "chapters")

# ffmpeg's metadata syntax: these characters are escaped with a backslash.
_FFMETADATA_SPECIAL = ("\\", "=", ";", "#", "\n")
# WebVTT cue text is markup: these must be character references.
_VTT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


class _TimedText(NamedTuple):
    """A validated cue, its times in whole milliseconds."""

    start: int
    end: int
    text: str

    @property
    def lines(self) -> list[str]:
        """The text's lines, stripped, with blank lines dropped."""
        lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return [line.strip() for line in lines if line.strip()]


def _milliseconds(seconds: float) -> int:
    """Round a time in seconds to whole milliseconds, halves up."""
    return math.floor(seconds * 1000 + 0.5)


def _clock(milliseconds: int, decimal_marker: str) -> str:
    """Format milliseconds as ``HH:MM:SS`` + ``decimal_marker`` + ``mmm``."""
    seconds, millis = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{decimal_marker}{millis:03d}"


def _timed(cues: Sequence[Cue], name: str) -> list[_TimedText]:
    """Validate ``cues`` and return them in milliseconds, sorted by start.

    Cues that last less than a millisecond once rounded are dropped.
    """
    timed = []
    for index, cue in enumerate(cues):
        if not (math.isfinite(cue.start) and math.isfinite(cue.end)):
            raise ValueError(f"{name}[{index}] has a time that is not finite: {cue}")
        if not 0 <= cue.start <= cue.end:
            raise ValueError(f"{name}[{index}] must have 0 <= start <= end: {cue}")
        start, end = _milliseconds(cue.start), _milliseconds(cue.end)
        if end > start:
            timed.append(_TimedText(start, end, cue.text))
    return sorted(timed, key=lambda cue: (cue.start, cue.end))


def to_srt(cues: Sequence[Cue]) -> str:
    """Return the SubRip (``.srt``) text of ``cues``.

    Cues are sorted by start and numbered from 1; zero-length cues and cues
    with no text are skipped, and blank lines inside a text are dropped (a
    blank line ends a cue in SRT).

    Parameters
    ----------
    cues : sequence of Cue
        Captions, with ``0 <= start <= end`` in seconds.

    Returns
    -------
    srt : str
        One block per cue, each ending with a blank line; ``""`` when no cue
        is left.

    Examples
    --------
    >>> print(to_srt([Cue(1.5, 62.345, "Precision")]), end="")
    1
    00:00:01,500 --> 00:01:02,345
    Precision
    <BLANKLINE>

    """
    kept = [cue for cue in _timed(cues, "cues") if cue.lines]
    return "".join(
        f"{number}\n{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}\n"
        + "\n".join(cue.lines)
        + "\n\n"
        for number, cue in enumerate(kept, start=1)
    )


def _vtt_escape(line: str) -> str:
    for character, reference in _VTT_ESCAPES:
        line = line.replace(character, reference)
    return line


def to_vtt(cues: Sequence[Cue], *, kind: str = "subtitles") -> str:
    """Return the WebVTT (``.vtt``) text of ``cues``.

    Cues are sorted by start; zero-length cues and cues with no text are
    skipped; blank lines are dropped and ``&``, ``<`` and ``>`` escaped, so
    no text can end a cue or be read as markup (nor hold ``-->``).

    Parameters
    ----------
    cues : sequence of Cue
        Captions, or chapters whose ``text`` is the chapter's title.
    kind : {"subtitles", "captions", "descriptions", "chapters"}
        The track's kind. A chapter title is written on one line.

    Returns
    -------
    vtt : str
        ``WEBVTT``, a blank line, then one block per cue ending with a blank
        line.

    Examples
    --------
    >>> print(to_vtt([Cue(0, 2.5, "ROC & AUC")], kind="chapters"), end="")
    WEBVTT
    <BLANKLINE>
    00:00:00.000 --> 00:00:02.500
    ROC &amp; AUC
    <BLANKLINE>

    """
    if kind not in VTT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(VTT_KINDS)}; got {kind!r}")
    blocks = ["WEBVTT\n\n"]
    for cue in _timed(cues, "cues"):
        lines = [_vtt_escape(line) for line in cue.lines]
        if not lines:
            continue
        text = " ".join(lines) if kind == "chapters" else "\n".join(lines)
        timing = f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}"
        blocks.append(f"{timing}\n{text}\n\n")
    return "".join(blocks)


def _ffmetadata_escape(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    for character in _FFMETADATA_SPECIAL:
        value = value.replace(character, "\\" + character)
    return value


def ffmetadata_chapters(chapters: Sequence[Cue], title: str) -> str:
    r"""Return an FFMETADATA1 file with a title and one ``[CHAPTER]`` per chapter.

    ffmpeg reads it with ``-f ffmetadata -i FILE`` and copies it with
    ``-map_metadata`` and ``-map_chapters``. Chapters are sorted by start and
    zero-length ones are skipped; times are in milliseconds.

    Parameters
    ----------
    chapters : sequence of Cue
        Chapters, each ``text`` the chapter's title.
    title : str
        The file's title.

    Returns
    -------
    metadata : str
        The file's text; ``=``, ``;``, ``#``, ``\`` and newlines in titles are
        escaped with a backslash.

    Examples
    --------
    >>> print(ffmetadata_chapters([Cue(0, 1.5, "Bias; variance")], "Fit"), end="")
    ;FFMETADATA1
    title=Fit
    <BLANKLINE>
    [CHAPTER]
    TIMEBASE=1/1000
    START=0
    END=1500
    title=Bias\; variance

    """
    blocks = [f";FFMETADATA1\ntitle={_ffmetadata_escape(title)}\n"]
    for chapter in _timed(chapters, "chapters"):
        blocks.append(
            f"\n[CHAPTER]\nTIMEBASE=1/1000\nSTART={chapter.start}\n"
            f"END={chapter.end}\ntitle={_ffmetadata_escape(chapter.text)}\n"
        )
    return "".join(blocks)
