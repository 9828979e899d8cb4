"""ROC and precision-recall curves against scikit-learn, brute force and hand work."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import metrics as skm

from mlu_math import (
    UndefinedMetricWarning,
    auc,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

KINDS = ["continuous", "ties", "integer", "all_tied", "separable", "tiny"]
SEEDS = [0, 1, 2]


def make_case(kind: str, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels with both classes, scores of the given kind, and sample weights."""
    rng = np.random.default_rng(seed)
    n = 7 if kind == "tiny" else 300
    y_true = rng.integers(0, 2, n)
    y_true[:2] = [0, 1]
    scores = {
        "continuous": lambda: y_true + rng.normal(size=n),
        "ties": lambda: np.round(0.3 * y_true + 0.7 * rng.random(n), 1),
        "integer": lambda: rng.integers(0, 4, n) + y_true,
        "all_tied": lambda: np.full(n, 0.5),
        "separable": lambda: y_true + 0.9 * rng.random(n),
        "tiny": lambda: np.round(rng.random(n), 1),
    }
    weights = rng.random(n) * (rng.random(n) > 0.2)  # about 20% zero weights
    weights[:2] = 1.0
    return y_true, scores[kind](), weights


def assert_curves_equal(ours, theirs, weighted: bool) -> None:
    """Compare curve tuples: exact without weights, to rounding with them."""
    assert len(ours) == len(theirs)
    for mine, truth in zip(ours, theirs, strict=True):
        if weighted:
            assert_allclose(mine, truth, rtol=1e-12, atol=1e-12)
        else:
            assert_array_equal(mine, truth)


def mann_whitney(y_true, y_score, sample_weight) -> float:
    """P(score_pos > score_neg) + P(tie) / 2, by brute force over all pairs."""
    pos, neg = y_true == 1, y_true == 0
    diff = y_score[pos][:, None] - y_score[neg][None, :]
    pair_weight = sample_weight[pos][:, None] * sample_weight[neg][None, :]
    wins = (diff > 0) + 0.5 * (diff == 0)
    return float((wins * pair_weight).sum() / pair_weight.sum())


# --- parity with scikit-learn ---------------------------------------------------------


@pytest.mark.parametrize("drop_intermediate", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_roc_curve_matches_sklearn(kind, seed, weighted, drop_intermediate):
    y_true, y_score, weights = make_case(kind, seed)
    sample_weight = weights if weighted else None
    ours = roc_curve(
        y_true,
        y_score,
        sample_weight=sample_weight,
        drop_intermediate=drop_intermediate,
    )
    theirs = skm.roc_curve(
        y_true,
        y_score,
        sample_weight=sample_weight,
        drop_intermediate=drop_intermediate,
    )
    assert_curves_equal(ours, theirs, weighted)


@pytest.mark.parametrize("drop_intermediate", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_precision_recall_curve_matches_sklearn(kind, seed, weighted, drop_intermediate):
    y_true, y_score, weights = make_case(kind, seed)
    sample_weight = weights if weighted else None
    ours = precision_recall_curve(
        y_true,
        y_score,
        sample_weight=sample_weight,
        drop_intermediate=drop_intermediate,
    )
    theirs = skm.precision_recall_curve(
        y_true,
        y_score,
        sample_weight=sample_weight,
        drop_intermediate=drop_intermediate,
    )
    assert_curves_equal(ours, theirs, weighted)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_roc_auc_score_matches_sklearn(kind, seed, weighted):
    y_true, y_score, weights = make_case(kind, seed)
    sample_weight = weights if weighted else None
    ours = roc_auc_score(y_true, y_score, sample_weight=sample_weight)
    theirs = skm.roc_auc_score(y_true, y_score, sample_weight=sample_weight)
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_roc_auc_score_is_mann_whitney_probability(kind, seed, weighted):
    y_true, y_score, weights = make_case(kind, seed)
    if not weighted:
        weights = np.ones_like(weights)
    expected = mann_whitney(y_true, y_score, weights)
    got = roc_auc_score(y_true, y_score, sample_weight=weights)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("direction", ["increasing", "decreasing"])
@pytest.mark.parametrize("seed", SEEDS)
def test_auc_matches_sklearn(seed, direction):
    rng = np.random.default_rng(seed)
    x = np.sort(np.round(rng.random(50), 1))  # sorted, with repeated x values
    y = rng.normal(size=50)
    if direction == "decreasing":
        x = x[::-1]
    assert auc(x, y) == pytest.approx(skm.auc(x, y), rel=1e-12, abs=1e-12)


# --- hand-worked values ---------------------------------------------------------------


@pytest.mark.parametrize("drop_intermediate", [True, False])
def test_roc_curve_hand_worked(drop_intermediate):
    fpr, tpr, thresholds = roc_curve(
        [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], drop_intermediate=drop_intermediate
    )
    assert_array_equal(fpr, [0.0, 0.0, 0.5, 0.5, 1.0])
    assert_array_equal(tpr, [0.0, 0.5, 0.5, 1.0, 1.0])
    assert_array_equal(thresholds, [np.inf, 0.8, 0.4, 0.35, 0.1])


def test_roc_curve_hand_worked_with_tie():
    # 0.9 is a positive; 0.5 is shared by a positive and a negative.
    fpr, tpr, thresholds = roc_curve([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])
    assert_array_equal(fpr, [0.0, 0.0, 0.5, 1.0])
    assert_array_equal(tpr, [0.0, 0.5, 1.0, 1.0])
    assert_array_equal(thresholds, [np.inf, 0.9, 0.5, 0.2])


def test_roc_curve_drops_collinear_points():
    # A perfect ranking: up the left edge, then along the top.
    fpr, tpr, thresholds = roc_curve([1, 1, 1, 0, 0, 0], [6, 5, 4, 3, 2, 1])
    assert_allclose(fpr, [0.0, 0.0, 0.0, 1.0])
    assert_allclose(tpr, [0.0, 1 / 3, 1.0, 1.0])
    assert_array_equal(thresholds, [np.inf, 6, 4, 1])


def test_roc_curve_all_scores_tied_is_the_diagonal():
    fpr, tpr, thresholds = roc_curve([0, 1, 1, 0, 1], [0.3] * 5)
    assert_array_equal(fpr, [0.0, 1.0])
    assert_array_equal(tpr, [0.0, 1.0])
    assert_array_equal(thresholds, [np.inf, 0.3])


def test_precision_recall_curve_hand_worked():
    precision, recall, thresholds = precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    assert_allclose(precision, [0.5, 2 / 3, 0.5, 1.0, 1.0])
    assert_array_equal(recall, [1.0, 1.0, 0.5, 0.5, 0.0])
    assert_array_equal(thresholds, [0.1, 0.35, 0.4, 0.8])


@pytest.mark.parametrize(
    ("y_true", "y_score", "expected"),
    [
        ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75),
        ([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9], 0.875),
        ([0, 0, 1, 1], [1, 2, 3, 4], 1.0),
        ([1, 1, 0, 0], [1, 2, 3, 4], 0.0),
        ([0, 1, 0, 1], [7, 7, 7, 7], 0.5),
        ([False, True], [0.2, 0.8], 1.0),
    ],
    ids=["sklearn-doc", "one-tie", "perfect", "reversed", "all-tied", "bools"],
)
def test_roc_auc_score_hand_worked(y_true, y_score, expected):
    assert roc_auc_score(y_true, y_score) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ([0, 1], [0, 1], 0.5),
        ([0, 0, 1], [0, 1, 1], 1.0),
        ([1, 0.5, 0], [1, 1, 0], 0.75),
        ([0, 1, 2], [1, 1, 1], 2.0),
        ([0, 1, 1, 2], [0, 0, 1, 1], 1.0),
    ],
    ids=["diagonal", "step", "decreasing-x", "wider-than-1", "repeated-x"],
)
def test_auc_hand_worked(x, y, expected):
    assert auc(x, y) == pytest.approx(expected)


# --- invariants -----------------------------------------------------------------------


@pytest.mark.parametrize("drop_intermediate", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_roc_curve_invariants(kind, weighted, drop_intermediate):
    y_true, y_score, weights = make_case(kind, seed=0)
    fpr, tpr, thresholds = roc_curve(
        y_true,
        y_score,
        sample_weight=weights if weighted else None,
        drop_intermediate=drop_intermediate,
    )
    assert fpr.shape == tpr.shape == thresholds.shape
    assert (np.diff(fpr) >= 0).all() and (np.diff(tpr) >= 0).all()
    assert (fpr[0], tpr[0]) == (0.0, 0.0)
    assert (fpr[-1], tpr[-1]) == pytest.approx((1.0, 1.0))
    assert thresholds[0] == np.inf and (np.diff(thresholds) < 0).all()


@pytest.mark.parametrize("drop_intermediate", [True, False])
@pytest.mark.parametrize("kind", KINDS)
def test_precision_recall_curve_invariants(kind, drop_intermediate):
    y_true, y_score, _ = make_case(kind, seed=0)
    precision, recall, thresholds = precision_recall_curve(
        y_true, y_score, drop_intermediate=drop_intermediate
    )
    assert precision.shape == recall.shape == (thresholds.size + 1,)
    assert (np.diff(recall) <= 0).all() and (recall[-1], recall[0]) == (0.0, 1.0)
    assert precision[-1] == 1.0 and ((precision >= 0) & (precision <= 1)).all()
    assert (np.diff(thresholds) > 0).all()


@pytest.mark.parametrize("kind", KINDS)
def test_drop_intermediate_keeps_the_area(kind):
    y_true, y_score, _ = make_case(kind, seed=1)
    full = roc_curve(y_true, y_score, drop_intermediate=False)
    kept = roc_curve(y_true, y_score, drop_intermediate=True)
    assert np.isin(kept[2], full[2]).all()
    assert auc(kept[0], kept[1]) == pytest.approx(auc(full[0], full[1]))


@pytest.mark.parametrize("curve", [roc_curve, precision_recall_curve])
def test_zero_weight_samples_are_ignored(curve):
    y_true, y_score, weights = make_case("ties", seed=2)
    kept = weights > 0
    weighted = curve(y_true, y_score, sample_weight=weights)
    dropped = curve(y_true[kept], y_score[kept], sample_weight=weights[kept])
    assert_curves_equal(weighted, dropped, weighted=False)


@pytest.mark.parametrize("curve", [roc_curve, precision_recall_curve])
def test_integer_weights_equal_repeated_samples(curve):
    rng = np.random.default_rng(3)
    y_true, y_score, _ = make_case("ties", seed=3)
    counts = rng.integers(1, 4, y_true.size)
    weighted = curve(y_true, y_score, sample_weight=counts)
    repeated = curve(np.repeat(y_true, counts), np.repeat(y_score, counts))
    assert_curves_equal(weighted, repeated, weighted=True)


@pytest.mark.parametrize("curve", [roc_curve, precision_recall_curve, roc_auc_score])
def test_bool_labels_and_int_scores_equal_float_inputs(curve):
    y_true, y_score, _ = make_case("integer", seed=0)
    from_bools = curve(y_true.astype(bool), y_score)
    from_floats = curve(y_true.astype(float), y_score.astype(float))
    if curve is roc_auc_score:
        from_bools, from_floats = (from_bools,), (from_floats,)
    assert_curves_equal(from_bools, from_floats, weighted=False)


# --- a single class -------------------------------------------------------------------


def test_undefined_metric_warning_is_a_user_warning():
    assert issubclass(UndefinedMetricWarning, UserWarning)


@pytest.mark.parametrize(
    ("y_true", "nan_output", "match"),
    [
        ([0, 0, 0], 1, "no positive samples; tpr"),
        ([1, 1, 1], 0, "no negative samples; fpr"),
    ],
    ids=["no-positives", "no-negatives"],
)
def test_roc_curve_single_class_warns_and_gives_nan(y_true, nan_output, match):
    with pytest.warns(UndefinedMetricWarning, match=match):
        curve = roc_curve(y_true, [0.2, 0.5, 0.9])
    assert np.isnan(curve[nan_output]).all()
    assert not np.isnan(curve[1 - nan_output]).any()


def test_precision_recall_curve_without_positives_warns_and_sets_recall_to_1():
    with pytest.warns(UndefinedMetricWarning, match="no positive samples; recall"):
        precision, recall, _ = precision_recall_curve([0, 0, 0], [0.2, 0.5, 0.9])
    assert_array_equal(recall, [1.0, 1.0, 1.0, 0.0])
    assert_array_equal(precision, [0.0, 0.0, 0.0, 1.0])


def test_precision_recall_curve_without_negatives_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        precision, _, _ = precision_recall_curve([1, 1, 1], [0.2, 0.5, 0.9])
    assert_array_equal(precision, [1.0, 1.0, 1.0, 1.0])


@pytest.mark.parametrize(
    ("y_true", "sample_weight", "match"),
    [
        ([0, 0, 0], None, "only the class 0"),
        ([1, 1, 1], None, "only the class 1"),
        ([0, 1, 1], [0.0, 1.0, 2.0], "only the class 1"),
    ],
    ids=["no-positives", "no-negatives", "negative-has-zero-weight"],
)
def test_roc_auc_score_single_class_raises(y_true, sample_weight, match):
    with pytest.raises(ValueError, match=match):
        roc_auc_score(y_true, [0.2, 0.5, 0.9], sample_weight=sample_weight)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("function", [roc_curve, precision_recall_curve, roc_auc_score])
@pytest.mark.parametrize(
    ("y_true", "y_score", "match"),
    [
        ([0, 1, 1], [0.1, 0.2], "y_true has 3 samples but y_score has 2"),
        ([0, 2, 1], [0.1, 0.2, 0.3], r"y_true .* got \[2\]"),
        ([0, 1, 1], [0.1, np.nan, 0.3], "y_score must be finite"),
    ],
    ids=["length", "label", "nan-score"],
)
def test_public_functions_validate_input(function, y_true, y_score, match):
    with pytest.raises(ValueError, match=match):
        function(y_true, y_score)


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([0, 1, 0.5], [0, 1, 1], "x must be monotonic increasing or .* decreasing"),
        ([0.5], [1], "at least 2 points"),
        ([0, 1, 2], [0, 1], "x has 3 points but y has 2"),
        ([0, np.nan, 1], [0, 1, 1], "x must be finite"),
        ([0, 0.5, 1], [0, np.inf, 1], "y must be finite"),
        ([[0, 1], [1, 2]], [0, 1], "x must be 1-D"),
        ([], [], "x is empty"),
    ],
    ids=["not-monotonic", "one-point", "length", "nan-x", "inf-y", "2-d", "empty"],
)
def test_auc_bad_input_raises(x, y, match):
    with pytest.raises(ValueError, match=match):
        auc(x, y)
