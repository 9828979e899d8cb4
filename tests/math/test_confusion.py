"""Confusion counts and rates against scikit-learn, brute force and hand work."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import metrics as skm

from mlu_math import (
    Confusion,
    confusion_at_threshold,
    confusion_at_thresholds,
    predict_at_threshold,
)


def make_case(seed: int, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, scores rounded to 1 decimal (many ties) and sample weights."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, n)
    y_score = np.round(0.4 * y_true + 0.6 * rng.random(n), 1)
    weights = rng.random(n) * (rng.random(n) > 0.2)
    return y_true, y_score, weights


def nan_metric(metric, **kwargs):
    """A scikit-learn metric of (y_true, y_pred) that gives NaN for 0/0."""
    return lambda y, p, w: metric(y, p, sample_weight=w, zero_division=np.nan, **kwargs)


# Each property, and the scikit-learn function of (y_true, y_pred, weight) it equals.
PROPERTIES = {
    "precision": nan_metric(skm.precision_score),
    "recall": nan_metric(skm.recall_score),
    "tpr": nan_metric(skm.recall_score),
    "tnr": nan_metric(skm.recall_score, pos_label=0),
    "fpr": lambda y, p, w: 1 - nan_metric(skm.recall_score, pos_label=0)(y, p, w),
    "fnr": lambda y, p, w: 1 - nan_metric(skm.recall_score)(y, p, w),
    "f1": nan_metric(skm.f1_score),
    "accuracy": lambda y, p, w: skm.accuracy_score(y, p, sample_weight=w),
    "n": lambda y, p, w: len(y) if w is None else w.sum(),
}
THRESHOLDS = [-np.inf, 0.0, 0.3, 0.5, 0.7, 1.0, np.inf]
LABELS = {
    "both-classes": None,
    "no-positives": 0,
    "no-negatives": 1,
}


def scenario(labels: str, seed: int = 0):
    """A seeded case, with every label set to one class when asked."""
    y_true, y_score, weights = make_case(seed)
    if LABELS[labels] is not None:
        y_true = np.full_like(y_true, LABELS[labels])
    return y_true, y_score, weights


# --- Confusion against scikit-learn ---------------------------------------------------


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("labels", list(LABELS))
@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_counts_match_sklearn_confusion_matrix(threshold, labels, weighted):
    y_true, y_score, weights = scenario(labels)
    sample_weight = weights if weighted else None
    confusion = confusion_at_threshold(y_true, y_score, threshold, sample_weight=sample_weight)
    expected = skm.confusion_matrix(
        y_true, y_score >= threshold, labels=[0, 1], sample_weight=sample_weight
    ).ravel()
    assert_allclose(confusion, expected, rtol=1e-12)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("labels", list(LABELS))
@pytest.mark.parametrize("threshold", THRESHOLDS)
@pytest.mark.parametrize("name", list(PROPERTIES))
def test_property_matches_sklearn(name, threshold, labels, weighted):
    y_true, y_score, weights = scenario(labels)
    sample_weight = weights if weighted else None
    confusion = confusion_at_threshold(y_true, y_score, threshold, sample_weight=sample_weight)
    expected = PROPERTIES[name](y_true, y_score >= threshold, sample_weight)
    assert_allclose(getattr(confusion, name), expected, rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_thresholds_match_sklearn_confusion_matrix_at_thresholds(seed, weighted):
    y_true, y_score, weights = make_case(seed)
    sample_weight = weights if weighted else None
    *expected, thresholds = skm.confusion_matrix_at_thresholds(
        y_true, y_score, sample_weight=sample_weight
    )
    got = confusion_at_thresholds(y_true, y_score, thresholds, sample_weight=sample_weight)
    for mine, truth in zip(got, expected, strict=True):
        assert_allclose(mine, truth, rtol=1e-12, atol=1e-12)


# --- many thresholds against one at a time --------------------------------------------


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_thresholds_equal_one_threshold_at_a_time(seed, weighted):
    y_true, y_score, weights = make_case(seed)
    sample_weight = weights if weighted else None
    rng = np.random.default_rng(seed)
    thresholds = np.concatenate([rng.uniform(-0.2, 1.2, 30), np.unique(y_score), [np.inf, -np.inf]])
    got = np.column_stack(
        confusion_at_thresholds(y_true, y_score, thresholds, sample_weight=sample_weight)
    )
    expected = [
        confusion_at_threshold(y_true, y_score, t, sample_weight=sample_weight) for t in thresholds
    ]
    assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_thresholds_counts_add_up(seed):
    y_true, y_score, _ = make_case(seed)
    thresholds = np.linspace(-0.5, 1.5, 41)
    tn, fp, fn, tp = confusion_at_thresholds(y_true, y_score, thresholds)
    assert_array_equal(tn + fp, np.full(41, np.count_nonzero(y_true == 0)))
    assert_array_equal(fn + tp, np.full(41, np.count_nonzero(y_true == 1)))
    assert (np.diff(tp) <= 0).all() and (np.diff(fp) <= 0).all()


# --- hand-worked values ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (np.inf, (2, 0, 2, 0)),
        (0.8, (2, 0, 1, 1)),
        (0.5, (2, 0, 1, 1)),
        (0.4, (1, 1, 1, 1)),
        (0.35, (1, 1, 0, 2)),
        (0.1, (0, 2, 0, 2)),
        (-np.inf, (0, 2, 0, 2)),
    ],
)
def test_confusion_at_threshold_hand_worked(threshold, expected):
    # A score equal to the threshold is predicted positive.
    confusion = confusion_at_threshold([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], threshold)
    assert confusion == Confusion(*expected)


HAND = Confusion(tn=3, fp=1, fn=2, tp=4)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("n", 10),
        ("precision", 4 / 5),
        ("recall", 4 / 6),
        ("tpr", 4 / 6),
        ("fpr", 1 / 4),
        ("tnr", 3 / 4),
        ("fnr", 2 / 6),
        ("accuracy", 7 / 10),
        ("f1", 8 / 11),
    ],
)
def test_confusion_properties_hand_worked(name, expected):
    assert getattr(HAND, name) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("confusion", "name"),
    [
        (Confusion(tn=5, fp=0, fn=5, tp=0), "precision"),
        (Confusion(tn=5, fp=5, fn=0, tp=0), "recall"),
        (Confusion(tn=5, fp=5, fn=0, tp=0), "fnr"),
        (Confusion(tn=0, fp=0, fn=5, tp=5), "fpr"),
        (Confusion(tn=0, fp=0, fn=5, tp=5), "tnr"),
        (Confusion(tn=5, fp=0, fn=0, tp=0), "f1"),
        (Confusion(tn=0, fp=0, fn=0, tp=0), "accuracy"),
    ],
)
def test_zero_over_zero_is_nan(confusion, name):
    assert math.isnan(getattr(confusion, name))


def test_unweighted_counts_are_python_ints():
    confusion = confusion_at_threshold([0, 1, 1], [0.2, 0.4, 0.6], 0.5)
    assert all(type(count) is int for count in confusion)


def test_weighted_counts_are_python_floats():
    confusion = confusion_at_threshold(
        [0, 1, 1], [0.2, 0.4, 0.6], 0.5, sample_weight=[1.0, 0.5, 2.0]
    )
    assert confusion == Confusion(tn=1.0, fp=0.0, fn=0.5, tp=2.0)
    assert all(type(count) is float for count in confusion)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "match"),
    [
        (np.nan, "threshold must not be NaN"),
        ("0.5", "threshold must hold real numbers"),
        ([0.2, 0.5], "threshold must be a single number"),
    ],
    ids=["nan", "string", "list"],
)
def test_confusion_at_threshold_bad_threshold_raises(threshold, match):
    with pytest.raises(ValueError, match=match):
        confusion_at_threshold([0, 1], [0.2, 0.7], threshold)


@pytest.mark.parametrize(
    ("thresholds", "match"),
    [
        ([0.5, np.nan], "thresholds must not be NaN"),
        ([[0.5]], "thresholds must be 1-D"),
        ([], "thresholds is empty"),
    ],
    ids=["nan", "2-d", "empty"],
)
def test_confusion_at_thresholds_bad_thresholds_raises(thresholds, match):
    with pytest.raises(ValueError, match=match):
        confusion_at_thresholds([0, 1], [0.2, 0.7], thresholds)


@pytest.mark.parametrize(
    "function",
    [
        lambda y, s: confusion_at_threshold(y, s, 0.5),
        lambda y, s: confusion_at_thresholds(y, s, [0.5]),
    ],
    ids=["one", "many"],
)
@pytest.mark.parametrize(
    ("y_true", "y_score", "match"),
    [
        ([0, 1, 1], [0.1, 0.2], "y_true has 3 samples but y_score has 2"),
        ([0, 3, 1], [0.1, 0.2, 0.3], r"y_true .* got \[3\]"),
        ([0, 1, 1], [0.1, np.inf, 0.3], "y_score must be finite"),
    ],
    ids=["length", "label", "inf-score"],
)
def test_confusion_functions_validate_input(function, y_true, y_score, match):
    with pytest.raises(ValueError, match=match):
        function(y_true, y_score)


@pytest.mark.parametrize("threshold", [-np.inf, 0.0, 0.25, 0.5, 0.7, 1.0, np.inf])
def test_predict_at_threshold_is_the_rule_the_counts_use(threshold):
    rng = np.random.default_rng(11)
    y_true = rng.integers(0, 2, size=300)
    y_score = np.round(rng.uniform(size=300), 1)
    predicted = predict_at_threshold(y_score, threshold)
    tn, fp, fn, tp = skm.confusion_matrix(y_true, predicted, labels=[0, 1]).ravel()
    assert confusion_at_threshold(y_true, y_score, threshold) == (tn, fp, fn, tp)


def test_predict_at_threshold_refuses_nan():
    with pytest.raises(ValueError, match="threshold"):
        predict_at_threshold([0.1, 0.2], float("nan"))
