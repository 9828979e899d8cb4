"""Metrics over many thresholds against scikit-learn, closed forms and brute force."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import metrics as skm

from mlu_math.threshold_metrics import (
    best_f1,
    f1_isoline,
    harmonic_mean,
    metrics_at_thresholds,
    subsample_positives,
    to_unit_interval,
)


def make_case(seed: int, n: int = 150) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, scores rounded to 2 decimals (some ties) and sample weights."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, n)
    y_score = np.round(0.35 * y_true + 0.65 * rng.random(n), 2)
    weights = rng.random(n) * (rng.random(n) > 0.2)
    return y_true, y_score, weights


def nan_metric(metric):
    """A scikit-learn metric of (y_true, y_pred, weight) that gives NaN for 0/0."""
    return lambda y, p, w: metric(y, p, sample_weight=w, zero_division=np.nan)


SKLEARN = {
    "accuracy": lambda y, p, w: skm.accuracy_score(y, p, sample_weight=w),
    "precision": nan_metric(skm.precision_score),
    "recall": nan_metric(skm.recall_score),
    "f1": nan_metric(skm.f1_score),
}
THRESHOLDS = np.array([-np.inf, 0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0, np.inf])
LABELS = {"both-classes": None, "no-positives": 0, "no-negatives": 1}


def scenario(labels: str, seed: int = 0):
    y_true, y_score, weights = make_case(seed)
    if LABELS[labels] is not None:
        y_true = np.full_like(y_true, LABELS[labels])
    return y_true, y_score, weights


# --- metrics_at_thresholds against scikit-learn -------------------------------------


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("labels", list(LABELS))
@pytest.mark.parametrize("name", list(SKLEARN))
def test_metric_matches_sklearn_at_every_threshold(name, labels, weighted):
    y_true, y_score, weights = scenario(labels)
    sample_weight = weights if weighted else None
    got = getattr(
        metrics_at_thresholds(y_true, y_score, THRESHOLDS, sample_weight=sample_weight), name
    )
    expected = [SKLEARN[name](y_true, y_score >= t, sample_weight) for t in THRESHOLDS]
    assert_allclose(got, expected, rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize("seed", range(3))
def test_metrics_match_sklearn_on_a_fine_grid(seed):
    y_true, y_score, _ = make_case(seed)
    grid = np.linspace(0, 1, 101)
    metrics = metrics_at_thresholds(y_true, y_score, grid)
    for name, metric in SKLEARN.items():
        expected = [metric(y_true, y_score >= t, None) for t in grid]
        assert_allclose(getattr(metrics, name), expected, rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        # hand-worked on labels [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]
        (0.3, (0.75, 2 / 3, 1.0, 0.8)),
        (0.5, (0.75, 1.0, 0.5, 2 / 3)),
        (0.9, (0.5, np.nan, 0.0, 0.0)),
        (0.0, (0.5, 0.5, 1.0, 2 / 3)),
    ],
)
def test_metrics_by_hand(threshold, expected):
    m = metrics_at_thresholds([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [threshold])
    got = (m.accuracy[0], m.precision[0], m.recall[0], m.f1[0])
    assert_allclose(got, expected, equal_nan=True)


def test_thresholds_are_returned_in_the_order_given():
    m = metrics_at_thresholds([0, 1], [0.2, 0.7], [0.9, 0.1, 0.5])
    assert_array_equal(m.thresholds, [0.9, 0.1, 0.5])
    assert_array_equal(m.recall, [0.0, 1.0, 1.0])


@pytest.mark.parametrize("seed", range(3))
def test_recall_falls_and_f1_is_the_harmonic_mean_along_the_thresholds(seed):
    y_true, y_score, _ = make_case(seed)
    m = metrics_at_thresholds(y_true, y_score, np.linspace(0, 1, 201))
    assert np.all(np.diff(m.recall) <= 0)
    assert_allclose(m.f1, harmonic_mean(np.nan_to_num(m.precision), m.recall), atol=1e-12)


# --- harmonic mean --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "recall", "expected"),
    [
        (0.5, 0.5, 0.5),
        (0.8, 0.2, 0.32),
        (0.9, 0.1, 0.18),
        (1.0, 0.0, 0.0),
        (0.0, 0.0, 0.0),
        (1.0, 1.0, 1.0),
        (0.6, 0.3, 0.4),
        (np.nan, 0.5, np.nan),
    ],
)
def test_harmonic_mean_closed_form(precision, recall, expected):
    assert_allclose(harmonic_mean(precision, recall), expected, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("seed", range(3))
def test_harmonic_mean_lies_between_the_minimum_and_the_arithmetic_mean(seed):
    p, r = np.random.default_rng(seed).random((2, 500))
    mean = harmonic_mean(p, r)
    assert np.all(mean >= np.minimum(p, r) - 1e-12)
    assert np.all(mean <= (p + r) / 2 + 1e-12)


@pytest.mark.parametrize("threshold", [0.2, 0.4, 0.6])
def test_harmonic_mean_of_sklearn_precision_and_recall_is_sklearn_f1(threshold):
    y_true, y_score, _ = make_case(1)
    y_pred = y_score >= threshold
    precision = skm.precision_score(y_true, y_pred)
    recall = skm.recall_score(y_true, y_pred)
    assert_allclose(harmonic_mean(precision, recall), skm.f1_score(y_true, y_pred))


def test_harmonic_mean_broadcasts_a_grid():
    grid = np.linspace(0, 1, 5)
    mean = harmonic_mean(grid[None, :], grid[:, None])
    assert mean.shape == (5, 5)
    assert_allclose(mean, mean.T)


@pytest.mark.parametrize(("precision", "recall"), [(1.2, 0.5), (0.5, -0.1)])
def test_harmonic_mean_refuses_rates_outside_the_unit_interval(precision, recall):
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\]"):
        harmonic_mean(precision, recall)


# --- F1 level lines -------------------------------------------------------------------


@pytest.mark.parametrize("level", [0.2, 0.5, 0.8])
def test_isoline_points_have_the_level_as_f1(level):
    precision = np.linspace(0, 1, 101)
    recall = f1_isoline(level, precision)
    inside = ~np.isnan(recall)
    assert inside.any()
    assert_allclose(harmonic_mean(precision[inside], recall[inside]), level)
    assert np.all((recall[inside] >= 0) & (recall[inside] <= 1))


@pytest.mark.parametrize(
    ("level", "precision", "expected"),
    [
        (0.5, 0.25, np.nan),  # at f1 / 2 the recall would be infinite
        (0.5, 0.3, np.nan),  # the recall would be 1.5
        (0.5, 1 / 3, 1.0),
        (0.5, 1.0, 1 / 3),
        (0.8, 0.8, 0.8),
    ],
)
def test_isoline_by_hand(level, precision, expected):
    assert_allclose(f1_isoline(level, [precision]), [expected], equal_nan=True)


@pytest.mark.parametrize("level", [0.0, 1.0, -0.5])
def test_isoline_refuses_a_level_outside_the_open_interval(level):
    with pytest.raises(ValueError, match="f1 must be strictly between 0 and 1"):
        f1_isoline(level, [0.5])


# --- best F1 --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_best_f1_matches_a_brute_force_search_with_sklearn(seed):
    y_true, y_score, _ = make_case(seed)
    candidates = np.unique(y_score)
    scores = [skm.f1_score(y_true, y_score >= t) for t in candidates]
    best = max(range(candidates.size), key=lambda i: (scores[i], candidates[i]))
    threshold, f1 = best_f1(y_true, y_score)
    assert threshold == candidates[best]
    assert_allclose(f1, scores[best])


def test_best_f1_needs_a_positive():
    with pytest.raises(ValueError, match="no positive samples"):
        best_f1([0, 0, 0], [0.1, 0.5, 0.9])


# --- subsampling the positives --------------------------------------------------------


@pytest.mark.parametrize("share", [0.05, 0.1, 0.25, 0.5])
def test_subsample_keeps_every_negative_and_the_share_of_positives(share):
    y_true, _, _ = make_case(0, n=400)
    kept = subsample_positives(y_true, share, seed=0)
    n_neg = int((y_true == 0).sum())
    n_pos = round(share * n_neg / (1 - share))
    assert_array_equal(np.sort(kept), kept)
    assert np.unique(kept).size == kept.size
    assert int((y_true[kept] == 0).sum()) == n_neg
    assert int(y_true[kept].sum()) == n_pos
    assert abs(y_true[kept].mean() - share) < 1 / kept.size


def test_subsample_repeats_with_a_seed_and_accepts_a_generator():
    y_true, _, _ = make_case(0, n=400)
    first = subsample_positives(y_true, 0.05, seed=3)
    assert_array_equal(first, subsample_positives(y_true, 0.05, seed=3))
    assert_array_equal(first, subsample_positives(y_true, 0.05, seed=np.random.default_rng(3)))
    assert not np.array_equal(first, subsample_positives(y_true, 0.05, seed=4))


@pytest.mark.parametrize(
    ("y_true", "share", "n_positives"),
    [
        ([1, 1, 1, 0], 0.01, 1),  # at least one positive
        ([1, 0, 0, 0], 0.9, 1),  # at most all of them
    ],
)
def test_subsample_clips_the_number_of_positives(y_true, share, n_positives):
    kept = subsample_positives(y_true, share, seed=0)
    assert int(np.asarray(y_true)[kept].sum()) == n_positives


@pytest.mark.parametrize(
    ("y_true", "share", "message"),
    [
        ([0, 1, 0], 0.0, "positive_share must be strictly between 0 and 1"),
        ([0, 1, 0], 1.0, "positive_share must be strictly between 0 and 1"),
        ([0, 0, 0], 0.1, "must hold both classes"),
        ([1, 1], 0.1, "must hold both classes"),
        ([0, 2], 0.1, "y_true must hold only the labels 0 and 1"),
    ],
)
def test_subsample_refuses_bad_input(y_true, share, message):
    with pytest.raises(ValueError, match=message):
        subsample_positives(y_true, share, seed=0)


# --- scores into [0, 1] ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([0.2, 0.9, 0.5], [0.2, 0.9, 0.5]),
        ([0.0, 1.0], [0.0, 1.0]),
        ([-2.0, 0.0, 2.0], [0.0, 0.5, 1.0]),
        ([1.0, 3.0, 5.0], [0.0, 0.5, 1.0]),
        ([7.0, 7.0], [0.5, 0.5]),
    ],
)
def test_to_unit_interval_by_hand(scores, expected):
    assert_allclose(to_unit_interval(scores), expected)


@pytest.mark.parametrize("seed", range(3))
def test_to_unit_interval_keeps_every_metric(seed):
    y_true, y_score, _ = make_case(seed)
    raw = 6 * y_score - 2  # decision values, outside [0, 1]
    mapped = to_unit_interval(raw)
    cuts = np.linspace(-2, 4, 25)
    before = metrics_at_thresholds(y_true, raw, cuts)
    after = metrics_at_thresholds(y_true, mapped, (cuts - raw.min()) / np.ptp(raw))
    for name in ("accuracy", "precision", "recall", "f1"):
        assert_allclose(getattr(after, name), getattr(before, name), equal_nan=True)


def test_to_unit_interval_refuses_infinite_scores():
    with pytest.raises(ValueError, match="y_score must be finite"):
        to_unit_interval([0.0, np.inf])
