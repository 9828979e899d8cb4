"""SRT, WebVTT and FFMETADATA1 text: hand-worked files, and parsed back."""

from __future__ import annotations

import math
import re

import pytest

from mlu_render.subtitles import VTT_KINDS, ffmetadata_chapters, to_srt, to_vtt
from scenes.timeline import Cue

TIMING = re.compile(r"(\d{2,}):(\d{2}):(\d{2})[,.](\d{3}) --> (\d{2,}):(\d{2}):(\d{2})[,.](\d{3})")


def _seconds(hours: str, minutes: str, seconds: str, millis: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_cues(text: str, *, numbered: bool) -> list[Cue]:
    """A strict little parser: blocks split by one blank line, timing, text."""
    assert text.endswith("\n\n") or text == ""
    cues = []
    for number, block in enumerate(filter(None, text.split("\n\n")), start=1):
        lines = block.split("\n")
        if numbered:
            assert lines.pop(0) == str(number)
        timing = TIMING.fullmatch(lines[0])
        assert timing, lines[0]
        assert lines[1:], "a cue needs text"
        parts = timing.groups()
        cues.append(Cue(_seconds(*parts[:4]), _seconds(*parts[4:]), "\n".join(lines[1:])))
    return cues


def parse_srt(text: str) -> list[Cue]:
    return parse_cues(text, numbered=True)


def parse_vtt(text: str) -> list[Cue]:
    assert text.startswith("WEBVTT\n\n")
    return parse_cues(text.removeprefix("WEBVTT\n\n"), numbered=False)


def parse_any(text: str) -> list[Cue]:
    return parse_vtt(text) if text.startswith("WEBVTT") else parse_srt(text)


CUES = [Cue(0.0, 1.5, "Precision"), Cue(1.5, 62.345, "How many of the\npositives")]


# --- Hand-worked files --------------------------------------------------------


def test_srt_of_two_cues_is_exact():
    assert to_srt(CUES) == (
        "1\n00:00:00,000 --> 00:00:01,500\nPrecision\n\n"
        "2\n00:00:01,500 --> 00:01:02,345\nHow many of the\npositives\n\n"
    )


def test_vtt_of_two_cues_is_exact():
    assert to_vtt(CUES) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.500\nPrecision\n\n"
        "00:00:01.500 --> 00:01:02.345\nHow many of the\npositives\n\n"
    )


def test_vtt_chapters_put_each_title_on_one_line():
    assert to_vtt(CUES, kind="chapters") == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.500\nPrecision\n\n"
        "00:00:01.500 --> 00:01:02.345\nHow many of the positives\n\n"
    )


def test_ffmetadata_of_two_chapters_is_exact():
    assert ffmetadata_chapters(CUES, "ROC & AUC") == (
        ";FFMETADATA1\ntitle=ROC & AUC\n"
        "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Precision\n"
        "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=62345\n"
        "title=How many of the\\\npositives\n"
    )


@pytest.mark.parametrize("kind", VTT_KINDS)
def test_vtt_of_no_cues_is_a_bare_header(kind):
    assert to_vtt([], kind=kind) == "WEBVTT\n\n"


def test_srt_of_no_cues_is_empty():
    assert to_srt([]) == ""


def test_ffmetadata_of_no_chapters_has_only_the_title():
    assert ffmetadata_chapters([], "Title") == ";FFMETADATA1\ntitle=Title\n"


# --- Timestamps ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "srt", "vtt"),
    [
        (0.0, "00:00:00,000", "00:00:00.000"),
        (0.001, "00:00:00,001", "00:00:00.001"),
        (1.5, "00:00:01,500", "00:00:01.500"),
        (62.345, "00:01:02,345", "00:01:02.345"),
        (3723.4567, "01:02:03,457", "01:02:03.457"),
        (59.9996, "00:01:00,000", "00:01:00.000"),
        (360000.0, "100:00:00,000", "100:00:00.000"),
    ],
)
def test_start_timestamp_is_formatted(seconds, srt, vtt):
    cue = [Cue(seconds, seconds + 1, "x")]
    assert to_srt(cue).split("\n")[1].startswith(f"{srt} --> ")
    assert to_vtt(cue).split("\n")[2].startswith(f"{vtt} --> ")


# --- What is skipped or cleaned -----------------------------------------------


@pytest.mark.parametrize("convert", [to_srt, to_vtt])
def test_zero_length_cues_are_skipped(convert):
    cues = [Cue(0, 0, "gone"), Cue(0, 1, "kept"), Cue(2, 2.0004, "rounds to 0")]
    assert [cue.text for cue in parse_any(convert(cues))] == ["kept"]


@pytest.mark.parametrize("convert", [to_srt, to_vtt])
def test_cues_without_text_are_skipped(convert):
    cues = [Cue(0, 1, "first"), Cue(1, 2, " \n\n "), Cue(2, 3, "third")]
    assert [cue.text for cue in parse_any(convert(cues))] == ["first", "third"]


def test_srt_numbers_from_one_without_gaps():
    cues = [Cue(0, 1, "a"), Cue(1, 1, "skipped"), Cue(1, 2, "b"), Cue(2, 3, "c")]
    numbers = [block.split("\n")[0] for block in to_srt(cues).split("\n\n")[:-1]]
    assert numbers == ["1", "2", "3"]


@pytest.mark.parametrize("convert", [to_srt, to_vtt])
def test_blank_lines_and_line_endings_are_collapsed(convert):
    text = "  first line \r\n\r\n\n second line\r\r third  \n"
    (cue,) = parse_any(convert([Cue(0, 1, text)]))
    assert cue.text == "first line\nsecond line\nthird"


@pytest.mark.parametrize("convert", [to_srt, to_vtt])
def test_cues_are_sorted_by_start(convert):
    cues = [Cue(2, 3, "late"), Cue(0, 1, "early")]
    assert [cue.text for cue in parse_any(convert(cues))] == ["early", "late"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("ROC & AUC", "ROC &amp; AUC"),
        ("<b>not bold</b>", "&lt;b&gt;not bold&lt;/b&gt;"),
        ("a --> b", "a --&gt; b"),
    ],
)
def test_vtt_escapes_markup(text, escaped):
    (cue,) = parse_vtt(to_vtt([Cue(0, 1, text)]))
    assert cue.text == escaped


def test_no_text_can_break_either_format():
    nasty = ["1\n00:00:00,000 --> 00:00:01,000", "\n\n\n", "x -->\n\n-->", "2\n\n3"]
    cues = [Cue(i, i + 1, text) for i, text in enumerate(nasty)]
    assert len(parse_srt(to_srt(cues))) == 3  # the blank-only one is skipped
    vtt_cues = parse_vtt(to_vtt(cues))
    assert len(vtt_cues) == 3
    assert not any("-->" in cue.text for cue in vtt_cues)


# --- Round trip ---------------------------------------------------------------


@pytest.mark.parametrize("convert", [to_srt, to_vtt])
def test_times_and_text_survive_a_round_trip(convert):
    cues = [
        Cue(start, start + 0.7 + 0.0133 * k, f"caption {k}\nline two")
        for k, start in enumerate(x * 1.618 for x in range(40))
    ]
    parsed = parse_any(convert(cues))
    assert [cue.text for cue in parsed] == [cue.text for cue in cues]
    for original, back in zip(cues, parsed, strict=True):
        assert math.isclose(back.start, original.start, abs_tol=0.0005 + 1e-9)
        assert math.isclose(back.end, original.end, abs_tol=0.0005 + 1e-9)


# --- FFMETADATA escaping ------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "escaped"),
    [
        ("a=b", "a\\=b"),
        ("a;b", "a\\;b"),
        ("#1", "\\#1"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\\nlines"),
        ("crlf\r\nline", "crlf\\\nline"),
        ("plain & simple", "plain & simple"),
    ],
)
def test_ffmetadata_escapes_special_characters(title, escaped):
    text = ffmetadata_chapters([Cue(0, 1, title)], title)
    assert text.startswith(f";FFMETADATA1\ntitle={escaped}\n")
    assert text.endswith(f"\ntitle={escaped}\n")


def test_ffmetadata_skips_zero_length_chapters():
    text = ffmetadata_chapters([Cue(0, 0, "gone"), Cue(0, 2, "kept")], "T")
    assert text.count("[CHAPTER]") == 1
    assert "title=kept" in text


# --- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "cue",
    [Cue(-1, 1, "negative"), Cue(2, 1, "backwards"), Cue(0, math.nan, "nan")],
)
@pytest.mark.parametrize(
    ("convert", "name"),
    [
        (to_srt, "cues"),
        (to_vtt, "cues"),
        (lambda c: ffmetadata_chapters(c, ""), "chapters"),
    ],
)
def test_bad_times_raise_naming_the_argument(cue, convert, name):
    with pytest.raises(ValueError, match=rf"^{name}\[1\]"):
        convert([Cue(0, 1, "fine"), cue])


def test_unknown_vtt_kind_raises():
    with pytest.raises(ValueError, match=r"^kind must be one of"):
        to_vtt(CUES, kind="karaoke")
