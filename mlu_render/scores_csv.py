"""Read a user's own labels and scores from CSV, refusing bad data precisely."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import numpy as np

from mlu_math.scores import ClassifierScores
from mlu_render.errors import JobError

__all__ = ["DELIMITERS", "KNOWN_LABELS", "DataError", "read_scores_csv"]

KNOWN_LABELS: dict[str, int] = {
    "1": 1, "0": 0, "1.0": 1, "0.0": 0,
    "true": 1, "false": 0, "yes": 1, "no": 0,
    "positive": 1, "negative": 0, "pos": 1, "neg": 0,
}  # fmt: skip
"""Labels understood without ``--positive`` (compared case-insensitively)."""

DELIMITERS: dict[str, str] = {",": "commas", ";": "semicolons", "\t": "tabs"}
"""Column separators tried, in order, against the header row."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

LineOf = Callable[[int], int]
"""Maps a data row's index to its line number in the file."""


class DataError(JobError):
    """A data file that cannot be drawn; the message names file, line and column."""


@dataclass(frozen=True)
class _Table:
    """The text of the columns wanted, by name, and each data row's line number."""

    columns: dict[str, list[str]]
    line_of: LineOf


def read_scores_csv(
    path: Path, *, positive: str | None = None, need_group: bool = False
) -> ClassifierScores:
    """Return the labels, scores (and groups) in the CSV file at ``path``.

    The file has a header row naming the columns ``label`` and ``score``
    (and ``group`` where ``need_group``), in any order and any case; other
    columns are ignored. Columns are separated by commas, semicolons or tabs,
    whichever splits the header into those names (or as a first line
    ``sep=;``, which Excel writes, says). The text is UTF-8 (a
    byte-order mark is allowed, as spreadsheets write one) or UTF-16 with its
    byte-order mark; lines may end in LF, CRLF or CR; blank lines are skipped.

    Scores are any finite numbers: probabilities, margins, logits. A score
    column writes decimals with points (``0.75``) or, as spreadsheets in many
    European locales save them, with commas (``0,75``; quoted in a
    comma-separated file); one file may not mix the two, and thousands
    separators are refused. Labels are 0/1 or one of the pairs in
    :data:`KNOWN_LABELS`; any other two labels need ``positive`` to say which
    one is the positive class.

    Raises
    ------
    DataError
        Naming the file, and the line and column where the fault is.
    """
    table = _read_table(path, _read_text(path), need_group)
    y_true = _labels(path, table, positive)
    y_score = _scores(path, table)
    group = _groups(path, table) if "group" in table.columns else None
    return ClassifierScores(
        y_true=y_true,
        y_score=y_score,
        name=path.stem,
        description=f"labels and scores read from {path.name}",
        group=group,
    )


def _read_text(path: Path) -> str:
    """Return the file's text, decoded from UTF-8 (or UTF-16 with a byte-order mark)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    utf16 = raw.startswith(_UTF16_BOMS)
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].decode(encoding, errors="replace").count("\n") + 1
        raise DataError(
            f"{path}, line {line}: byte 0x{raw[error.start]:02x} is not "
            f"{'UTF-16' if utf16 else 'UTF-8'} text; save the file as UTF-8 (in a "
            "spreadsheet: CSV UTF-8)"
        ) from None


def _read_table(path: Path, text: str, need_group: bool) -> _Table:
    """Split ``text`` into the header and the columns wanted."""
    lines = text.splitlines()
    start, delimiter, header = _find_header(path, lines, need_group)
    names = [name.strip().lower() for name in header]
    where = {name: names.index(name) for name in ("label", "score", "group") if name in names}
    body = lines[start + 1 :]
    while body and not body[-1].strip():
        body.pop()
    if not body:
        raise DataError(f"{path} has a header but no data rows")
    first_line = start + 2
    columns = _quick_columns(body, delimiter, len(header), where)
    if columns is not None:
        return _Table(columns, lambda i: first_line + i)
    rows, line_of = _drop_blank_rows(list(csv.reader(body, delimiter=delimiter)), first_line)
    if not rows:
        raise DataError(f"{path} has a header but no data rows")
    _check_widths(path, rows, line_of, len(header), max(where.values()) + 1, delimiter)
    return _Table({name: [row[i] for row in rows] for name, i in where.items()}, line_of)


def _find_header(path: Path, lines: list[str], need_group: bool) -> tuple[int, str, list[str]]:
    """Return the header's index in ``lines``, its delimiter and its fields."""
    start = next((n for n, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise DataError(f"{path} is empty; expected a header row 'label,score' and data rows")
    wanted = ("label", "score", "group") if need_group else ("label", "score")
    choices = tuple(DELIMITERS)
    hint = lines[start].strip()
    if len(hint) == 5 and hint.lower().startswith("sep="):  # Excel's line naming the separator
        choices = (hint[4],)
        start = next((n for n in range(start + 1, len(lines)) if lines[n].strip()), len(lines))
        if start == len(lines):
            raise DataError(f"{path} has no header row after its {hint!r} line")
    return start, *_sniff(path, lines[start], start + 1, wanted, choices)


def _quick_columns(
    body: list[str], delimiter: str, width: int, where: dict[str, int]
) -> dict[str, list[str]] | None:
    """Return the columns wanted of a plain file, or None if it needs the csv module.

    A plain file has no quotes, every line has ``width`` fields, and no
    label (or group) is blank, as it is on a blank row: then splitting the
    text at every delimiter and line end gives the fields in order, far
    faster than parsing row by row.
    """
    joined = "\n".join(body)
    if '"' in joined:
        return None
    raw = np.frombuffer(joined.encode(), dtype=np.uint8)
    ends = np.flatnonzero(raw == ord("\n"))
    line = np.searchsorted(ends, np.flatnonzero(raw == ord(delimiter)))
    if not (np.bincount(line, minlength=len(body)) == width - 1).all():
        return None
    fields = joined.replace("\n", delimiter).split(delimiter)
    columns = {name: fields[i::width] for name, i in where.items()}
    names = [name for name in columns if name != "score"]
    if any(not value.strip() for name in names for value in set(columns[name])):
        return None  # a blank row to skip, or a missing value to refuse by line
    return columns


def _sniff(
    path: Path, line: str, number: int, wanted: tuple[str, ...], choices: tuple[str, ...]
) -> tuple[str, list[str]]:
    """Return the delimiter of ``choices`` that splits the header ``line`` into ``wanted``."""
    splits = {d: next(csv.reader([line], delimiter=d)) for d in choices}
    for delimiter, header in splits.items():
        names = {name.strip().lower() for name in header}
        if {"label", "score"} <= names:
            missing = [name for name in wanted if name not in names]
            if missing:
                _no_column(path, line, number, missing, wanted)
            return delimiter, header
    names = {name.strip().lower() for header in splits.values() for name in header}
    _no_column(path, line, number, [name for name in wanted if name not in names], wanted)


def _no_column(
    path: Path, line: str, number: int, missing: list[str], wanted: tuple[str, ...]
) -> NoReturn:
    missing = missing or ["label", "score"]  # each named, but in different splits
    raise DataError(
        f"{path}, line {number}: no {' or '.join(repr(m) for m in missing)} column "
        f"(the header reads {line!r}; needed: {', '.join(wanted)}, separated by "
        f"{', '.join(DELIMITERS.values())})"
    )


def _drop_blank_rows(rows: list[list[str]], first_line: int) -> tuple[list[list[str]], LineOf]:
    """Return the rows with a non-blank field, and each one's line number."""
    blank = [
        i
        for i, row in enumerate(rows)
        if not row or (not row[0].strip() and not any(field.strip() for field in row))
    ]
    if not blank:
        return rows, lambda i: first_line + i
    numbers = np.delete(np.arange(first_line, first_line + len(rows)), blank)
    dropped = set(blank)
    kept = [row for i, row in enumerate(rows) if i not in dropped]
    return kept, lambda i: int(numbers[i])


def _check_widths(
    path: Path,
    rows: list[list[str]],
    line_of: LineOf,
    width: int,
    needed: int,
    delimiter: str,
) -> None:
    """Refuse rows too short to hold the columns wanted, or longer than the header."""
    wrong = next((i for i, row in enumerate(rows) if not needed <= len(row) <= width), None)
    if wrong is None:
        return
    fields = len(rows[wrong])
    hint = ""
    if fields > width and delimiter == ",":
        hint = '; a decimal comma in a comma-separated file must be quoted ("0,75")'
    raise DataError(f"{path}, line {line_of(wrong)}: {fields} fields, expected {width}{hint}")


def _scores(path: Path, table: _Table) -> np.ndarray:
    """Return the score column as finite floats, or refuse the first bad value."""
    texts = table.columns["score"]
    joined = "".join(texts)
    if "," in joined:
        if "." in joined:
            _refuse_mixed_decimals(path, table, texts)
        texts = [text.replace(",", ".") for text in texts]
    try:
        scores = np.array(texts, dtype=np.float64)
    except ValueError:
        _refuse_first_non_number(path, table, texts)
        raise
    infinite = np.flatnonzero(~np.isfinite(scores))
    if infinite.size:
        i = int(infinite[0])
        raise DataError(
            f"{path}, line {table.line_of(i)}, column 'score': {texts[i].strip()} is not "
            "allowed; scores must be finite"
        )
    return scores


def _refuse_mixed_decimals(path: Path, table: _Table, texts: list[str]) -> NoReturn:
    comma = next(i for i, text in enumerate(texts) if "," in text)
    point = next(i for i, text in enumerate(texts) if "." in text)
    i = max(comma, point)
    raise DataError(
        f"{path}, line {table.line_of(i)}, column 'score': {texts[i].strip()!r} mixes decimal "
        f"commas (line {table.line_of(comma)}) and points (line {table.line_of(point)}); "
        "write every score one way, without thousands separators"
    )


def _refuse_first_non_number(path: Path, table: _Table, texts: list[str]) -> None:
    for i, text in enumerate(texts):
        where = f"{path}, line {table.line_of(i)}, column 'score'"
        if not text.strip():
            raise DataError(f"{where}: missing value")
        try:
            float(text)
        except ValueError:
            shown = table.columns["score"][i].strip()
            raise DataError(f"{where}: {shown!r} is not a number") from None


def _labels(path: Path, table: _Table, positive: str | None) -> np.ndarray:
    """Return the label column as 0 and 1, or refuse the first bad label."""
    texts = table.columns["label"]
    stripped = {text: text.strip() for text in set(texts)}
    _refuse_blank(path, table, "label", texts, stripped)
    if positive is not None:
        codes = _codes_from_positive(path, sorted(set(stripped.values())), positive)
    else:
        codes = _known_codes(path, table, texts, stripped)
    code_of = {text: codes[clean] for text, clean in stripped.items()}
    values = np.array([code_of[text] for text in texts], dtype=np.int8)
    if values.min() == values.max():
        only = "positive" if values[0] == 1 else "negative"
        raise DataError(f"{path}, column 'label': every row is {only}; both classes are needed")
    return values


def _refuse_blank(
    path: Path, table: _Table, name: str, texts: list[str], stripped: dict[str, str]
) -> None:
    blanks = {text for text, clean in stripped.items() if not clean}
    if blanks:
        i = next(i for i, text in enumerate(texts) if text in blanks)
        raise DataError(f"{path}, line {table.line_of(i)}, column {name!r}: missing value")


def _known_codes(
    path: Path, table: _Table, texts: list[str], stripped: dict[str, str]
) -> dict[str, int]:
    unknown = {text for text, clean in stripped.items() if clean.lower() not in KNOWN_LABELS}
    if unknown:
        i = next(i for i, text in enumerate(texts) if text in unknown)
        raise DataError(
            f"{path}, line {table.line_of(i)}, column 'label': {stripped[texts[i]]!r} is not a "
            "known label; use 0/1, true/false, yes/no or positive/negative, or name the "
            "positive label with --positive"
        )
    return {clean: KNOWN_LABELS[clean.lower()] for clean in stripped.values()}


def _codes_from_positive(path: Path, distinct: list[str], positive: str) -> dict[str, int]:
    if positive not in distinct:
        raise DataError(
            f"{path}, column 'label': --positive {positive!r} is not among the labels "
            f"({', '.join(distinct)})"
        )
    if len(distinct) > 2:
        raise DataError(
            f"{path}, column 'label': {len(distinct)} distinct labels "
            f"({', '.join(distinct[:5])}); exactly two are allowed"
        )
    return {label: int(label == positive) for label in distinct}


def _groups(path: Path, table: _Table) -> np.ndarray:
    """Return the group column as stripped strings; exactly two groups."""
    texts = table.columns["group"]
    stripped = {text: text.strip() for text in set(texts)}
    _refuse_blank(path, table, "group", texts, stripped)
    names = sorted(set(stripped.values()))
    if len(names) != 2:
        raise DataError(
            f"{path}, column 'group': {len(names)} distinct groups "
            f"({', '.join(names[:5])}); exactly two are needed"
        )
    return np.array([stripped[text] for text in texts])
