"""Render records: read as written, every field checked, listed per output folder."""

from __future__ import annotations

import json
import os
import shutil
import warnings
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from mlu_render.record import (
    RECORD_SUFFIX,
    RenderRecord,
    SkippedRecordWarning,
    fresh_record,
    read_record,
    read_records,
)

KEY = "ab" * 32
EXTENSIONS = ("mp4", "gif", "png", "srt", "vtt", "chapters.vtt")


def make_record(
    out_dir: Path, slug: str = "roc-auc", quality: str = "low", theme: str = "light"
) -> RenderRecord:
    """Write small outputs of distinct sizes and their record; return the record."""
    folder = out_dir / slug
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{slug}-{quality}" + ("" if theme == "light" else f"-{theme}")
    outputs = tuple(f"{stem}.{ext}" for ext in EXTENSIONS)
    for size, name in enumerate(outputs, start=1):
        (folder / name).write_bytes(b"x" * size)
    record = RenderRecord(
        slug=slug,
        stem=stem,
        quality=quality,
        theme=theme,
        formats=("mp4", "gif", "png"),
        title="ROC and AUC",
        summary="Every threshold at once",
        command=f"mlu render {slug} --quality {quality} --format mp4,gif,png",
        outputs=outputs,
        sizes=tuple(range(1, len(outputs) + 1)),
        key=KEY,
        seconds=63.2,
        duration=85.0,
        notes=("GIF: 480 px at 10 fps fits 2000 kB",),
    )
    record.write(folder)
    return record


@pytest.fixture
def record(tmp_path) -> RenderRecord:
    return make_record(tmp_path)


@pytest.fixture
def path(tmp_path, record) -> Path:
    return record.path(tmp_path / record.slug)


# --- Reading one record ---------------------------------------------------------


def test_the_documented_record_is_read_as_written(tmp_path):
    folder = tmp_path / "roc-auc"
    folder.mkdir()
    data = {
        "version": 1, "slug": "roc-auc", "stem": "roc-auc-low", "quality": "low",
        "theme": "light", "formats": ["mp4", "gif", "png"], "title": "ROC and AUC",
        "summary": "one line", "command": "mlu render roc-auc --quality low --format mp4,gif,png",
        "outputs": ["roc-auc-low.mp4", "roc-auc-low.gif", "roc-auc-low.png", "roc-auc-low.srt",
                    "roc-auc-low.vtt", "roc-auc-low.chapters.vtt"],
        "sizes": [6, 5, 4, 3, 2, 1], "key": KEY, "seconds": 63.2, "duration": 85.0,
    }  # fmt: skip
    for name, size in zip(data["outputs"], data["sizes"], strict=True):
        (folder / name).write_bytes(b"x" * size)
    path = folder / f"roc-auc-low{RECORD_SUFFIX}"
    path.write_text(json.dumps(data), encoding="utf-8")
    record = read_record(path)
    assert json.loads(json.dumps(asdict(record))) == data | {"notes": []}
    assert record.notes == () and record.formats == ("mp4", "gif", "png")
    assert record.output(".chapters.vtt") == "roc-auc-low.chapters.vtt"
    assert record.output(".webm") is None
    record.check_files(folder)
    with pytest.raises(AttributeError):
        record.title = "changed"  # type: ignore[misc]


def test_a_written_record_reads_back_equal_and_nothing_else_is_left(tmp_path, record, path):
    assert read_record(path) == record
    assert path.name == "roc-auc-low.render.json"
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([*record.outputs, path.name])


def test_fields_a_record_does_not_know_are_ignored(path, record):
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | {"gpu": "none"}), encoding="utf-8")
    assert read_record(path) == record


def _write_invalid_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data)[:-5], encoding="utf-8")


def _write_latin1(path: Path, data: dict) -> None:
    path.write_bytes(json.dumps(data | {"title": "Größe"}, ensure_ascii=False).encode("latin-1"))


def _write_a_list(path: Path, _data: dict) -> None:
    path.write_text("[]", encoding="utf-8")


def _drop_the_key(path: Path, data: dict) -> None:
    del data["key"]
    path.write_text(json.dumps(data), encoding="utf-8")


def _rename(path: Path, _data: dict) -> None:
    path.rename(path.with_name(f"roc-auc-medium{RECORD_SUFFIX}"))


Change = dict | Callable[[Path, dict], None]

BREAKAGES: dict[str, tuple[Change, str]] = {
    "invalid JSON": (_write_invalid_json, "not JSON"),
    "text that is not UTF-8": (_write_latin1, "can't decode"),
    "not an object": (_write_a_list, "must be a JSON object"),
    "a newer version": ({"version": 2}, "version is 2"),
    "a version that is a boolean": ({"version": True}, "version is True"),
    "a field missing": (_drop_the_key, "lacks key"),
    "another scene's slug": ({"slug": "bias-variance"}, "differs from its folder"),
    "another file's stem": (_rename, "does not match the file name"),
    "an output outside its folder": (
        {"outputs": ["../other/roc-auc-low.mp4"], "sizes": [1]},
        "file names",
    ),
    "a hidden output": ({"outputs": [".roc-auc-low.mp4"], "sizes": [1]}, "file names"),
    "no outputs": ({"outputs": [], "sizes": []}, "non-empty list"),
    "a size too few": ({"sizes": [1, 2, 3]}, "one byte size per output"),
    "a negative size": ({"sizes": [1, 2, 3, 4, 5, -6]}, "whole numbers >= 0"),
    "a fractional size": ({"sizes": [1, 2, 3, 4, 5, 6.5]}, "whole numbers >= 0"),
    "a title that is not text": ({"title": None}, "title must be a string"),
    "formats that are not a list": ({"formats": "mp4"}, "formats must be a list"),
    "a note that is not text": ({"notes": [1]}, "notes must be a string"),
    "a negative duration": ({"duration": -1}, "duration must be finite"),
    "seconds that are not a number": ({"seconds": float("nan")}, "seconds must be finite"),
    "a boolean for seconds": ({"seconds": True}, "seconds must be a number"),
    "a lone surrogate in the summary": ({"summary": "\ud800"}, "not valid Unicode"),
}


def _break(path: Path, change: Change) -> Path:
    """Apply ``change`` (new fields, or a function) to the record in ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if callable(change):
        change(path, data)
    else:
        path.write_text(json.dumps(data | change), encoding="utf-8")
    return next(path.parent.glob(f"*{RECORD_SUFFIX}"))


@pytest.mark.parametrize("breakage", list(BREAKAGES), ids=list(BREAKAGES))
def test_a_broken_record_is_an_error_naming_the_file_and_the_fault(path, breakage):
    change, message = BREAKAGES[breakage]
    broken = _break(path, change)
    with pytest.raises(ValueError, match=message) as error:
        read_record(broken)
    assert str(error.value).startswith(f"{broken}: ")


def test_an_unreadable_record_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_record(tmp_path / f"roc-auc-low{RECORD_SUFFIX}")


# --- Its files -------------------------------------------------------------------


def test_a_missing_output_is_named(record, path):
    (path.parent / "roc-auc-low.gif").unlink()
    (path.parent / "roc-auc-low.vtt").unlink()
    with pytest.raises(ValueError, match=r"missing: roc-auc-low\.gif, roc-auc-low\.vtt") as error:
        record.check_files(path.parent)
    assert str(path) in str(error.value)


def test_an_output_of_another_size_is_named(record, path):
    (path.parent / "roc-auc-low.png").write_bytes(b"longer now")
    with pytest.raises(ValueError, match=r"roc-auc-low\.png has 10 bytes, the record says 3"):
        record.check_files(path.parent)


def test_a_record_stands_for_its_key_while_its_files_are_intact(record, path):
    folder = path.parent
    assert fresh_record(folder, record.stem, KEY) == record
    assert fresh_record(folder, record.stem, "cd" * 32) is None
    assert fresh_record(folder, "roc-auc-medium", KEY) is None


@pytest.mark.parametrize("spoil", ["delete", "resize", "break the record"])
def test_a_record_with_spoilt_files_stands_for_nothing(record, path, spoil):
    if spoil == "delete":
        (path.parent / "roc-auc-low.mp4").unlink()
    elif spoil == "resize":
        (path.parent / "roc-auc-low.mp4").write_bytes(b"")
    else:
        path.write_text("{", encoding="utf-8")
    assert fresh_record(path.parent, record.stem, KEY) is None


def test_a_failed_write_keeps_the_old_record_and_leaves_no_temporary_file(
    record, path, monkeypatch
):
    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        replace(record, title="changed").write(path.parent)
    monkeypatch.undo()
    assert read_record(path) == record
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([*record.outputs, path.name])


# --- Every record of an output folder ----------------------------------------------


def test_records_come_by_slug_best_quality_first_then_light_before_dark(tmp_path):
    made = [
        make_record(tmp_path, "roc-auc", "low", "dark"),
        make_record(tmp_path, "roc-auc", "low"),
        make_record(tmp_path, "roc-auc", "medium"),
        make_record(tmp_path, "bias-variance", "high"),
    ]
    assert [record.stem for record in read_records(tmp_path)] == [
        "bias-variance-high", "roc-auc-medium", "roc-auc-low", "roc-auc-low-dark"
    ]  # fmt: skip
    assert sorted(read_records(tmp_path), key=made.index) == made


def test_each_listed_record_is_in_the_folder_named_by_its_slug(tmp_path):
    make_record(tmp_path, "roc-auc")
    make_record(tmp_path, "bias-variance")
    records = read_records(tmp_path)
    assert [record.slug for record in records] == ["bias-variance", "roc-auc"]
    for record in records:
        assert record.path(tmp_path / record.slug).is_file()
        record.check_files(tmp_path / record.slug)


READ_ALL_BREAKAGES = {
    "a newer version": ({"version": 2}, "version is 2"),
    "another scene's slug": ({"slug": "bias-variance"}, "differs from its folder"),
    "a listed output missing": (
        {"outputs": ["roc-auc-low.mp4", "gone.mp4"], "sizes": [1, 1]},
        "listed outputs are missing: gone.mp4",
    ),
    "an output of another size": ({"sizes": [1, 2, 9, 4, 5, 6]}, "roc-auc-low.png has 3 bytes"),
}


@pytest.mark.parametrize("breakage", list(READ_ALL_BREAKAGES), ids=list(READ_ALL_BREAKAGES))
def test_a_broken_record_is_skipped_with_a_warning(tmp_path, path, breakage):
    other = make_record(tmp_path, "bias-variance")
    change, message = READ_ALL_BREAKAGES[breakage]
    _break(path, change)
    with pytest.warns(SkippedRecordWarning, match=message) as caught:
        assert read_records(tmp_path) == [other]
    assert len(caught) == 1 and str(caught[0].message).startswith(f"skipping {path}: ")


def test_work_folders_and_stray_json_are_not_records(tmp_path, path):
    hidden = tmp_path / ".mlu-work"
    hidden.mkdir()
    shutil.copy(path, hidden)
    (path.parent / "notes.json").write_text("{", encoding="utf-8")
    (tmp_path / f"loose{RECORD_SUFFIX}").write_text("{", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_records(tmp_path)) == 1


def test_an_empty_folder_has_no_records(tmp_path):
    (tmp_path / "roc-auc").mkdir()
    assert read_records(tmp_path) == []


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        read_records(tmp_path / "nowhere")
