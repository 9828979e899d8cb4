"""Counts from one sort, against scikit-learn's confusion matrix and our per-call counting."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn import metrics as skm

from mlu_math.confusion import Confusion, confusion_at_thresholds
from mlu_math.threshold_counts import threshold_counts

SEEDS = [0, 1, 2]


def make_case(seed: int, n: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Labels and logit scores rounded to one decimal (many ties)."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, n)
    return y_true, np.round(rng.normal(y_true - 0.5, 2.0), 1)


def cuts_for(y_score: np.ndarray, seed: int) -> np.ndarray:
    """Every score, points between and beyond them, and both infinities."""
    rng = np.random.default_rng(seed)
    between = rng.uniform(y_score.min() - 1, y_score.max() + 1, 50)
    return np.concatenate([np.unique(y_score), between, [-np.inf, np.inf]])


@pytest.mark.parametrize("seed", SEEDS)
def test_counts_match_sklearn_at_every_threshold(seed):
    y_true, y_score = make_case(seed)
    counts = threshold_counts(y_true, y_score)
    for cut in cuts_for(y_score, seed):
        expected = skm.confusion_matrix(y_true, y_score >= cut, labels=[0, 1]).ravel()
        assert counts.at(cut) == Confusion(*expected.tolist())


@pytest.mark.parametrize("seed", SEEDS)
def test_many_thresholds_at_once_match_counting_afresh(seed):
    y_true, y_score = make_case(seed)
    cuts = cuts_for(y_score, seed)
    for ours, theirs in zip(
        threshold_counts(y_true, y_score).counts(cuts),
        confusion_at_thresholds(y_true, y_score, cuts),
        strict=True,
    ):
        assert_array_equal(ours, theirs)


def test_counts_are_ints_and_read_only():
    counts = threshold_counts([0, 1, 1], [0.2, 0.9, 0.4])
    assert all(type(value) is int for value in counts.at(0.3))
    with pytest.raises(ValueError, match="read-only"):
        counts.sorted_scores[0] = 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: threshold_counts([0, 1], [0.1, np.nan]), "y_score must be finite"),
        (lambda: threshold_counts([0, 1, 1], [0.1, 0.2]), "y_true has 3 samples"),
        (lambda: threshold_counts([0, 1], [0.1, 0.2]).at(np.nan), "must not be NaN"),
        (lambda: threshold_counts([0, 1], [0.1, 0.2]).at([0.1, 0.2]), "a single number"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
