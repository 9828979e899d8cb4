"""Bring your own scores: good CSV files load, bad ones are refused precisely."""

from __future__ import annotations

import numpy as np
import pytest

from mlu_render.scores_csv import DataError, read_scores_csv

GOOD = {
    "0/1 labels": ("label,score\n1,0.9\n0,0.2\n1,0.6\n", None, [1, 0, 1]),
    "columns in another order, extra column": ("id,score,label\na,0.9,1\nb,0.1,0\n", None, [1, 0]),
    "true/false, any case": ("label,score\nTrue,0.8\nfalse,0.3\n", None, [1, 0]),
    "yes/no with blank lines": ("label,score\n\nyes,0.8\n\nno,0.3\n", None, [1, 0]),
    "strings with --positive": ("label,score\nspam,0.8\nham,0.3\nham,0.1\n", "spam", [1, 0, 0]),
    "byte-order mark": ("\ufefflabel,score\n1,1.0\n0,0.0\n", None, [1, 0]),
}


@pytest.mark.parametrize("case", sorted(GOOD))
def test_good_files_load(tmp_path, case):
    text, positive, labels = GOOD[case]
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8")
    scores = read_scores_csv(path, positive=positive)
    assert scores.y_true.tolist() == labels
    assert scores.y_score.dtype == np.float64 and scores.y_score.size == len(labels)
    assert scores.group is None


def test_groups_load_when_needed(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("label,score,group\n1,0.9,A\n0,0.2,B\n0,0.4,A\n")
    scores = read_scores_csv(path, need_group=True)
    assert scores.group.tolist() == ["A", "B", "A"]


BAD = {
    "empty file": ("", None, False, "scores.csv is empty"),
    "header only": ("label,score\n", None, False, "has a header but no data rows"),
    "missing score column": ("label,prob\n1,0.5\n", None, False, "line 1: no 'score' column"),
    "missing group column": ("label,score\n1,0.5\n0,0.1\n", None, True, "no 'group' column"),
    "non-numeric score": (
        "label,score\n1,0.5\n0,abc\n",
        None,
        False,
        "line 3, column 'score': 'abc' is not a number",
    ),
    "missing score": (
        "label,score\n1,0.5\n0,\n",
        None,
        False,
        "line 3, column 'score': missing value",
    ),
    "NaN score": (
        "label,score\n1,nan\n0,0.1\n",
        None,
        False,
        "line 2, column 'score': nan is not allowed",
    ),
    "score above 1": (
        "label,score\n1,3.5\n0,0.1\n",
        None,
        False,
        "line 2, column 'score': 3.5 is outside [0, 1]",
    ),
    "label 2": (
        "label,score\n1,0.5\n2,0.1\n",
        None,
        False,
        "line 3, column 'label': '2' is not a known label",
    ),
    "missing label": (
        "label,score\n1,0.5\n,0.1\n",
        None,
        False,
        "line 3, column 'label': missing value",
    ),
    "single class": (
        "label,score\n1,0.5\n1,0.1\n",
        None,
        False,
        "every row is positive; both classes are needed",
    ),
    "short row": ("label,score\n1,0.5\n0\n", None, False, "line 3: 1 fields, expected 2"),
    "unknown --positive": (
        "label,score\nspam,0.5\nham,0.1\n",
        "eggs",
        False,
        "--positive 'eggs' is not among the labels",
    ),
    "three labels": ("label,score\na,0.5\nb,0.1\nc,0.2\n", "a", False, "3 distinct labels"),
    "three groups": (
        "label,score,group\n1,0.5,A\n0,0.1,B\n0,0.2,C\n",
        None,
        True,
        "3 distinct groups",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_are_refused_naming_file_line_and_column(tmp_path, case):
    text, positive, need_group, message = BAD[case]
    path = tmp_path / "scores.csv"
    path.write_text(text)
    with pytest.raises(DataError) as caught:
        read_scores_csv(path, positive=positive, need_group=need_group)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match=r"cannot read .*nope\.csv"):
        read_scores_csv(tmp_path / "nope.csv")


def test_the_example_file_in_assets_loads():
    from pathlib import Path

    scores = read_scores_csv(Path(__file__).parents[2] / "assets" / "example-scores.csv")
    assert scores.y_true.size > 100 and 0 < scores.y_true.mean() < 1
