"""The record a render leaves beside its files: what made them, from which inputs.

A render of scene ``<slug>`` writes its record ``<out>/<slug>/<stem>.render.json``
last, after its outputs. :func:`read_record` reads one and checks everything it
holds; :func:`fresh_record` says whether one still stands for a job (the render
cache); :func:`read_records` lists the usable records of a whole output folder
(the gallery, a batch summary).
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from mlu_render.manim_config import QUALITIES
from mlu_render.publish import write_text_atomically

__all__ = [
    "RECORD_SUFFIX",
    "RECORD_VERSION",
    "RenderRecord",
    "SkippedRecordWarning",
    "fresh_record",
    "read_record",
    "read_records",
]

RECORD_SUFFIX = ".render.json"
"""A job's record is ``<out>/<slug>/<stem>.render.json``."""

RECORD_VERSION = 1
"""The version of the record format that this module reads and writes."""

_TEXTS = ("slug", "stem", "quality", "theme", "title", "summary", "command", "key")
_NUMBERS = ("seconds", "duration")
_OPTIONAL = ("notes",)
_THEME_ORDER = ("light", "dark")


class SkippedRecordWarning(UserWarning):
    """A record that :func:`read_records` passed over; the message says which and why."""


@dataclass(frozen=True)
class RenderRecord:
    """One finished render, as written to ``<stem>.render.json``.

    Attributes
    ----------
    slug, stem, quality, theme
        Which job this was. The record lives in the folder named ``slug``,
        its outputs are named ``<stem>.<ext>``.
    formats
        The formats asked for.
    title, summary
        The scene's, for pages that list renders.
    command
        An ``mlu render`` command line that makes the same files.
    outputs
        File names (not paths) in the record's folder, in the order written.
    sizes
        Byte size of each output, in the same order.
    key
        The job's content hash (:func:`mlu_render.cache.job_key`).
    seconds
        Wall-clock time the render took.
    duration
        Length of the scene in seconds.
    notes
        Choices the render made that the user should know, e.g. the GIF size
        budget's pick.
    version
        Format version of the record, :data:`RECORD_VERSION`.
    """

    slug: str
    stem: str
    quality: str
    theme: str
    formats: tuple[str, ...]
    title: str
    summary: str
    command: str
    outputs: tuple[str, ...]
    sizes: tuple[int, ...]
    key: str
    seconds: float
    duration: float
    notes: tuple[str, ...] = ()
    version: int = RECORD_VERSION

    def path(self, folder: Path) -> Path:
        """Return where this record lives in ``folder``."""
        return Path(folder) / f"{self.stem}{RECORD_SUFFIX}"

    def write(self, folder: Path) -> Path:
        """Write the record into ``folder`` atomically and return its path."""
        target = self.path(folder)
        write_text_atomically(target, json.dumps(asdict(self), indent=2) + "\n")
        return target

    def output(self, suffix: str) -> str | None:
        """Return the output named ``<stem><suffix>``, or None if it was not made.

        Examples
        --------
        >>> record = RenderRecord("roc-auc", "roc-auc-low", "low", "light", ("gif",),
        ...     "ROC", "", "", ("roc-auc-low.gif",), (1024,), "", 1.0, 2.0)
        >>> record.output(".gif"), record.output(".mp4")
        ('roc-auc-low.gif', None)

        """
        name = f"{self.stem}{suffix}"
        return name if name in self.outputs else None

    def check_files(self, folder: Path) -> None:
        """Check that every output is in ``folder`` with the size recorded.

        Raises
        ------
        ValueError
            Naming the record and the outputs that are missing or changed.
        """
        folder = Path(folder)
        missing = [name for name in self.outputs if not (folder / name).is_file()]
        if missing:
            listed = ", ".join(missing)
            raise ValueError(f"{self.path(folder)}: listed outputs are missing: {listed}")
        for name, size in zip(self.outputs, self.sizes, strict=True):
            actual = (folder / name).stat().st_size
            if actual != size:
                raise ValueError(
                    f"{self.path(folder)}: {name} has {actual} bytes, the record says {size}"
                )


def read_record(path: Path) -> RenderRecord:
    """Read a record written by :meth:`RenderRecord.write`, checking all it holds.

    A record is a JSON object of this version with every field of
    :class:`RenderRecord` (``notes`` may be left out): texts that are valid
    Unicode, finite numbers >= 0, outputs that are plain file names in the
    record's folder with one byte size >= 0 each. Its ``slug`` must be the
    name of its folder and ``<stem>.render.json`` its file name. Fields it
    does not know are ignored. Whether the outputs are still there is
    :meth:`RenderRecord.check_files`.

    Raises
    ------
    ValueError
        Naming the file and what is wrong with it.
    OSError
        If it cannot be read.
    """
    path = Path(path)
    try:
        return _checked_record(json.loads(path.read_text(encoding="utf-8")), path)
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not JSON ({error})") from None
    except ValueError as error:  # text that is not UTF-8 included
        raise ValueError(f"{path}: {error}") from None


def fresh_record(folder: Path, stem: str, key: str) -> RenderRecord | None:
    """Return the record of ``stem`` in ``folder`` if it still stands for ``key``.

    It stands when it was made from the same inputs (``key``) and every file
    it lists is still there with the size it had; otherwise (or when there is
    no readable record) the job must render again, and ``None`` is returned.
    """
    try:
        record = _intact_record(Path(folder) / f"{stem}{RECORD_SUFFIX}")
    except (OSError, ValueError):
        return None
    return record if record.key == key else None


def read_records(out_dir: Path) -> list[RenderRecord]:
    """Return the record of every render in ``out_dir``, in gallery order.

    Records are ``<out_dir>/<slug>/<stem>.render.json``; a record's folder is
    therefore always ``out_dir / record.slug`` (:func:`read_record` checks
    that the slug names the folder). Hidden folders (a render's work folder)
    are passed over. A record that cannot be read, does not hold what a
    record must, or lists an output that is not there with its size is
    skipped with a :class:`SkippedRecordWarning`. Order: by slug, then the
    highest quality first, light before dark, then by stem.

    Parameters
    ----------
    out_dir : Path
        The output folder of ``mlu render``.

    Returns
    -------
    records : list of RenderRecord
        May be empty.

    Raises
    ------
    ValueError
        ``out_dir`` is not a folder.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ValueError(f"output folder {out_dir} does not exist")
    records = []
    for path in sorted(out_dir.glob(f"*/*{RECORD_SUFFIX}")):
        if path.parent.name.startswith("."):
            continue
        try:
            records.append(_intact_record(path))
        except (OSError, ValueError) as error:
            warnings.warn(f"skipping {error}", SkippedRecordWarning, stacklevel=2)
    return sorted(records, key=_order)


# --- Checking what a record holds --------------------------------------------------


def _intact_record(path: Path) -> RenderRecord:
    """Read the record in ``path`` and check that its outputs are intact beside it."""
    record = read_record(path)
    record.check_files(path.parent)
    return record


def _checked_record(data: object, path: Path) -> RenderRecord:
    """Return the record that ``data``, read from ``path``, holds; or raise ValueError."""
    if not isinstance(data, dict):
        raise ValueError("a render record must be a JSON object")
    version = data.get("version")
    if version != RECORD_VERSION or isinstance(version, bool):
        raise ValueError(f"version is {version!r}; this mlu reads version {RECORD_VERSION}")
    names = [field.name for field in fields(RenderRecord) if field.name not in _OPTIONAL]
    missing = [name for name in names if name not in data]
    if missing:
        raise ValueError(f"render record lacks {', '.join(missing)}")
    outputs = _names(data["outputs"])
    values: dict[str, Any] = {name: _text(data[name], name) for name in _TEXTS}
    values |= {name: _number(data[name], name) for name in _NUMBERS}
    record = RenderRecord(
        formats=_texts(data["formats"], "formats"),
        outputs=outputs,
        sizes=_sizes(data["sizes"], len(outputs)),
        notes=_texts(data.get("notes", []), "notes"),
        **values,
    )
    _check_place(record, path)
    return record


def _check_place(record: RenderRecord, path: Path) -> None:
    if record.slug != path.parent.name:
        raise ValueError(f"slug {record.slug!r} differs from its folder {path.parent.name!r}")
    if record.path(path.parent).name != path.name:
        raise ValueError(f"stem {record.stem!r} does not match the file name")


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {value!r}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name} is not valid Unicode text: {value!r}") from None
    return value


def _texts(value: object, name: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list of strings, got {value!r}")
    return tuple(_text(item, name) for item in value)


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be finite and >= 0, got {value!r}")
    return float(value)


def _names(names: object) -> tuple[str, ...]:
    """Return the listed outputs: a non-empty list of plain file names."""
    if not isinstance(names, list) or not names:
        raise ValueError(f"outputs must be a non-empty list of file names, got {names!r}")
    for name in names:
        if not _is_plain_name(_text(name, "outputs")):
            raise ValueError(f"outputs must be file names in the record's folder, got {name!r}")
    return tuple(names)


def _sizes(value: object, count: int) -> tuple[int, ...]:
    """Return the outputs' byte sizes: ``count`` whole numbers >= 0."""
    if not isinstance(value, list) or len(value) != count:
        raise ValueError(f"sizes must be a list of one byte size per output, got {value!r}")
    for size in value:
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ValueError(f"sizes must be whole numbers >= 0, got {size!r}")
    return tuple(value)


def _is_plain_name(name: str) -> bool:
    """Whether ``name`` is a visible file name, with no folder part."""
    return bool(name) and not name.startswith(".") and "/" not in name and "\\" not in name


def _order(record: RenderRecord) -> tuple[str, int, int, str]:
    """Sort key: slug; then bigger frames and rates first; light first; stem."""
    width, height, fps = QUALITIES.get(record.quality, (0, 0, 0))
    theme = _THEME_ORDER.index(record.theme) if record.theme in _THEME_ORDER else 99
    return record.slug, -(width * height * fps), theme, record.stem
