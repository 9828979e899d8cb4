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
    "infinite score": (
        "label,score\n1,0.5\n0,-inf\n",
        None,
        False,
        "line 3, column 'score': -inf is not allowed; scores must be finite",
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


# --- any real scores --------------------------------------------------------------------


def logit_file(tmp_path, n: int = 2000, seed: int = 0):
    """A CSV of labels and logit scores, and the values written to it."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, n)
    y_score = np.round(rng.normal(np.where(y_true == 1, 1.0, -1.0), 2.0), 4)
    path = tmp_path / "logits.csv"
    path.write_text(
        "label,score\n" + "".join(f"{y},{s}\n" for y, s in zip(y_true, y_score, strict=True))
    )
    return path, y_true, y_score


def test_logits_load_as_they_are(tmp_path):
    path, y_true, y_score = logit_file(tmp_path)
    scores = read_scores_csv(path)
    assert scores.y_true.tolist() == y_true.tolist()
    assert scores.y_score.tolist() == y_score.tolist()
    assert scores.y_score.min() < -3 and scores.y_score.max() > 3


def test_roc_and_precision_recall_of_logits_match_sklearn(tmp_path):
    from sklearn import metrics as skm

    from mlu_math.ranking import precision_recall_curve, roc_auc_score, roc_curve

    path, y_true, y_score = logit_file(tmp_path, seed=1)
    scores = read_scores_csv(path)
    for ours, theirs in zip(
        roc_curve(scores.y_true, scores.y_score), skm.roc_curve(y_true, y_score), strict=True
    ):
        np.testing.assert_allclose(ours, theirs)
    assert roc_auc_score(scores.y_true, scores.y_score) == pytest.approx(
        skm.roc_auc_score(y_true, y_score), abs=1e-12
    )
    for ours, theirs in zip(
        precision_recall_curve(scores.y_true, scores.y_score),
        skm.precision_recall_curve(y_true, y_score),
        strict=True,
    ):
        np.testing.assert_allclose(ours, theirs)


# --- dialects ---------------------------------------------------------------------------

SCORES = [0.75, -1.5, 2.0, 0.125]
LABELS = [1, 0, 1, 0]

DIALECTS = {
    "semicolons, decimal points": "label;score\n1;0.75\n0;-1.5\n1;2\n0;0.125\n",
    "semicolons, decimal commas": "label;score\n1;0,75\n0;-1,5\n1;2\n0;0,125\n",
    "spreadsheet export: BOM, CRLF, semicolons, decimal commas, yes/no": (
        "\ufeffid;Label;Score;note\r\n7;yes;0,75;a\r\n8;no;-1,5;b\r\n9;yes;2;c\r\n10;no;0,125;d\r\n"
    ),
    "tabs": "label\tscore\n1\t0.75\n0\t-1.5\n1\t2\n0\t0.125\n",
    "tabs, decimal commas": "score\tlabel\n0,75\t1\n-1,5\t0\n2\t1\n0,125\t0\n",
    "CRLF line ends": "label,score\r\n1,0.75\r\n0,-1.5\r\n1,2\r\n0,0.125\r\n",
    "CR line ends": "label,score\r1,0.75\r0,-1.5\r1,2\r0,0.125\r",
    "extra columns on both sides": "a,score,b,label,c\nx,0.75,y,1,z\nx,-1.5,y,0,z\n"
    "x,2,y,1,z\nx,0.125,y,0,z\n",
    "spaces and capitals in the header": " Label , SCORE \n1, 0.75\n0 ,-1.5\n1,2 \n0,0.125\n",
    "quoted fields": 'label,score\n"1","0.75"\n"0",-1.5\n1,"2"\n0,0.125\n',
    "quoted decimal commas in a comma file": 'label,score\n1,"0,75"\n0,"-1,5"\n1,2\n0,"0,125"\n',
    "blank lines and empty rows": "\nlabel;score\n\n1;0,75\n;\n0;-1,5\n \n1;2\n0;0,125\n\n\n",
    "exponents": "label,score\n1,7.5e-1\n0,-1.5E0\n1,2e0\n0,1.25e-1\n",
    "Excel's separator line": "sep=;\nlabel;score\n1;0,75\n0;-1,5\n1;2\n0;0,125\n",
}


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_dialects_load(tmp_path, dialect):
    path = tmp_path / "scores.csv"
    path.write_bytes(DIALECTS[dialect].encode("utf-8"))
    scores = read_scores_csv(path)
    assert scores.y_true.tolist() == LABELS
    assert scores.y_score.tolist() == SCORES


def test_utf16_with_a_byte_order_mark_loads(tmp_path):
    """Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated."""
    path = tmp_path / "scores.txt"
    path.write_bytes(DIALECTS["tabs"].encode("utf-16"))
    assert read_scores_csv(path).y_score.tolist() == SCORES


def test_groups_load_from_a_semicolon_file(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("group;label;score\nA ;1;0,9\nB;0;-0,2\nA;0;0,4\n", encoding="utf-8-sig")
    scores = read_scores_csv(path, need_group=True)
    assert scores.group.tolist() == ["A", "B", "A"]
    assert scores.y_score.tolist() == [0.9, -0.2, 0.4]


@pytest.mark.parametrize("quoted", [False, True])
def test_plain_and_quoted_files_read_alike(tmp_path, quoted):
    """Plain files are split in one go; quoted ones row by row: the two must agree."""
    rng = np.random.default_rng(3)
    n = 5000
    labels = rng.choice(["spam", "ham"], n)
    values = np.round(rng.normal(size=n), 3)
    quote = '"' if quoted else ""
    rows = "".join(f"{quote}{a}{quote};{b};x\n" for a, b in zip(labels, values, strict=True))
    path = tmp_path / "mail.csv"
    path.write_text("label;score;other\n" + rows)
    scores = read_scores_csv(path, positive="spam")
    assert scores.y_true.tolist() == (labels == "spam").astype(int).tolist()
    assert scores.y_score.tolist() == values.tolist()


DIALECT_ERRORS = {
    "mixed decimal marks": (
        "label;score\n1;0,5\n0;0.25\n",
        "line 3, column 'score': '0.25' mixes decimal commas (line 2) and points (line 3)",
    ),
    "thousands separators": (
        "label;score\n1;1.234,5\n0;0,25\n",
        "line 2, column 'score': '1.234,5' mixes decimal commas",
    ),
    "unquoted decimal comma in a comma file": (
        "label,score\n1,0,75\n0,0.25\n",
        "line 2: 3 fields, expected 2; a decimal comma in a comma-separated file must be quoted",
    ),
    "not a number in a semicolon file": (
        "label;score\n1;0,5\n0;abc\n",
        "line 3, column 'score': 'abc' is not a number",
    ),
    "line numbers count blank lines": (
        "label;score\n\n1;0,5\n\n0;\n",
        "line 5, column 'score': missing value",
    ),
    "missing label after blank lines": (
        "label\tscore\n\n1\t0.5\n\n\t0.2\n",
        "line 5, column 'label': missing value",
    ),
    "NaN in a tab file": ("label\tscore\n1\t0.5\n0\tNaN\n", "line 3, column 'score': NaN"),
    "header not split by any separator": (
        "label|score\n1|0.5\n",
        "line 1: no 'label' or 'score' column (the header reads 'label|score'; needed: label, "
        "score, separated by commas, semicolons, tabs)",
    ),
}


@pytest.mark.parametrize("case", sorted(DIALECT_ERRORS))
def test_dialect_errors_name_file_line_and_column(tmp_path, case):
    text, message = DIALECT_ERRORS[case]
    path = tmp_path / "scores.csv"
    path.write_text(text)
    with pytest.raises(DataError) as caught:
        read_scores_csv(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_text_that_is_not_utf8_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("label,score,group\n1,0.5,Zürich\n0,0.1,Genève\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"line 2: byte 0xfc is not UTF-8 text; save the file"):
        read_scores_csv(path)
