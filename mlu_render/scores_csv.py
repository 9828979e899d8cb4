"""Read a user's own labels and scores from CSV, refusing bad data precisely."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from mlu_math.scores import ClassifierScores
from mlu_render.errors import JobError

__all__ = ["KNOWN_LABELS", "DataError", "read_scores_csv"]

KNOWN_LABELS: dict[str, int] = {
    "1": 1, "0": 0, "1.0": 1, "0.0": 0,
    "true": 1, "false": 0, "yes": 1, "no": 0,
    "positive": 1, "negative": 0, "pos": 1, "neg": 0,
}  # fmt: skip
"""Labels understood without ``--positive`` (compared case-insensitively)."""


class DataError(JobError):
    """A data file that cannot be drawn; the message names file, line and column."""


def read_scores_csv(
    path: Path, *, positive: str | None = None, need_group: bool = False
) -> ClassifierScores:
    """Return the labels, scores (and groups) in the CSV file at ``path``.

    The file has a header row naming the columns ``label`` and ``score``
    (and ``group`` where ``need_group``), in any order; other columns are
    ignored. Scores are probabilities in [0, 1]. Labels are 0/1 or one of
    the pairs in :data:`KNOWN_LABELS`;
    any other two labels need ``positive`` to say which one is the
    positive class.

    Raises
    ------
    DataError
        Naming the file, and the line and column where the fault is.
    """
    rows, columns = _read_rows(path, need_group)
    labels = [row[columns["label"]].strip() for _, row in rows]
    y_true = _labels(path, rows, columns["label"], labels, positive)
    y_score = np.array([_score(path, n, row[columns["score"]]) for n, row in rows])
    group = None
    if "group" in columns:
        group = np.array([_group(path, n, row[columns["group"]]) for n, row in rows])
        _check_two_groups(path, group)
    return ClassifierScores(
        y_true=y_true,
        y_score=y_score,
        name=path.stem,
        description=f"labels and scores read from {path.name}",
        group=group,
    )


def _read_rows(path: Path, need_group: bool) -> tuple[list[tuple[int, list[str]]], dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not a UTF-8 text file") from None
    lines = list(csv.reader(text.splitlines()))
    numbered = [(n, row) for n, row in enumerate(lines, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise DataError(f"{path} is empty; expected a header row 'label,score' and data rows")
    header_line, header = numbered[0]
    names = [name.strip().lower() for name in header]
    wanted = ("label", "score", "group") if need_group else ("label", "score")
    missing = [name for name in wanted if name not in names]
    if missing:
        found = ",".join(header)
        raise DataError(
            f"{path}, line {header_line}: no {' or '.join(repr(m) for m in missing)} column "
            f"(the header reads {found!r}; needed: {', '.join(wanted)})"
        )
    columns = {name: names.index(name) for name in ("label", "score", "group") if name in names}
    rows = numbered[1:]
    if not rows:
        raise DataError(f"{path} has a header but no data rows")
    for n, row in rows:
        if len(row) <= max(columns.values()):
            raise DataError(f"{path}, line {n}: {len(row)} fields, expected {len(header)}")
    return rows, columns


def _score(path: Path, line: int, text: str) -> float:
    where = f"{path}, line {line}, column 'score'"
    if not text.strip():
        raise DataError(f"{where}: missing value")
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"{where}: {text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise DataError(f"{where}: {text.strip()} is not allowed; scores must be finite")
    if not 0.0 <= value <= 1.0:
        raise DataError(
            f"{where}: {text.strip()} is outside [0, 1]; scores must be probabilities "
            "(for other scores, rescale them first)"
        )
    return value


def _group(path: Path, line: int, text: str) -> str:
    if not text.strip():
        raise DataError(f"{path}, line {line}, column 'group': missing value")
    return text.strip()


def _labels(
    path: Path,
    rows: list[tuple[int, list[str]]],
    column: int,
    labels: list[str],
    positive: str | None,
) -> np.ndarray:
    for (n, _), label in zip(rows, labels, strict=True):
        if not label:
            raise DataError(f"{path}, line {n}, column 'label': missing value")
    distinct = sorted(set(labels))
    if positive is not None:
        mapping = _mapping_from_positive(path, distinct, positive)
    else:
        mapping = _known_mapping(path, rows, labels)
    values = np.array([mapping[label] for label in labels], dtype=np.int8)
    if values.min() == values.max():
        only = "positive" if values[0] == 1 else "negative"
        raise DataError(f"{path}, column 'label': every row is {only}; both classes are needed")
    return values


def _known_mapping(path: Path, rows: list[tuple[int, list[str]]], labels: list[str]) -> dict:
    mapping = {}
    for (n, _), label in zip(rows, labels, strict=True):
        key = label.lower()
        if key not in KNOWN_LABELS:
            raise DataError(
                f"{path}, line {n}, column 'label': {label!r} is not a known label; use 0/1, "
                "true/false, yes/no or positive/negative, or name the positive label "
                "with --positive"
            )
        mapping[label] = KNOWN_LABELS[key]
    return mapping


def _mapping_from_positive(path: Path, distinct: list[str], positive: str) -> dict[str, int]:
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


def _check_two_groups(path: Path, group: np.ndarray) -> None:
    names = sorted(set(group.tolist()))
    if len(names) != 2:
        raise DataError(
            f"{path}, column 'group': {len(names)} distinct groups "
            f"({', '.join(names[:5])}); exactly two are needed"
        )
