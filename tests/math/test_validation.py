"""The shared input checks: what they accept, and how they refuse the rest."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlu_math._validation import check_binary_scores, check_thresholds

# --- accepted input -------------------------------------------------------------------


@pytest.mark.parametrize(
    "y_true",
    [
        [0, 1, 1, 0],
        [False, True, True, False],
        [0.0, 1.0, 1.0, 0.0],
        np.array([0, 1, 1, 0], dtype=np.uint8),
        np.array([0, 1, 1, 0], dtype=np.float32),
    ],
    ids=["ints", "bools", "floats", "uint8", "float32"],
)
def test_labels_become_int8_zeros_and_ones(y_true):
    labels, _, _ = check_binary_scores(y_true, [0.1, 0.2, 0.3, 0.4])
    assert labels.dtype == np.int8
    assert_array_equal(labels, [0, 1, 1, 0])


@pytest.mark.parametrize(
    "y_score",
    [[1, 2, 3], [0.5, 0.25, 1.0], [True, False, True], np.arange(3, dtype=np.float32)],
    ids=["ints", "floats", "bools", "float32"],
)
def test_scores_become_float64(y_score):
    _, scores, _ = check_binary_scores([0, 1, 1], y_score)
    assert scores.dtype == np.float64
    assert_array_equal(scores, np.asarray(y_score, dtype=np.float64))


@pytest.mark.parametrize(
    ("sample_weight", "expected"),
    [(None, None), ([1, 0, 2], [1.0, 0.0, 2.0])],
    ids=["none", "ints-with-a-zero"],
)
def test_sample_weight_is_passed_through_as_float64(sample_weight, expected):
    _, _, weights = check_binary_scores([0, 1, 1], [0.1, 0.2, 0.3], sample_weight)
    if expected is None:
        assert weights is None
    else:
        assert weights.dtype == np.float64
        assert_array_equal(weights, expected)


def test_single_sample_is_accepted():
    labels, scores, _ = check_binary_scores([1], [0.5])
    assert (labels.tolist(), scores.tolist()) == ([1], [0.5])


@pytest.mark.parametrize(
    "thresholds",
    [[np.inf, 0.5, -np.inf], [1, 2, 3]],
    ids=["infinities", "ints"],
)
def test_thresholds_accept_infinities_and_ints(thresholds):
    assert_array_equal(check_thresholds(thresholds), np.asarray(thresholds, float))


# --- refused input --------------------------------------------------------------------

N10 = [0, 1] * 5
S10 = np.linspace(0, 1, 10)


@pytest.mark.parametrize(
    ("y_true", "y_score", "sample_weight", "match"),
    [
        (N10, S10[:9], None, "y_true has 10 samples but y_score has 9"),
        ([], [], None, "y_true is empty"),
        ([0, 1], [], None, "y_score is empty"),
        ([[0, 1]], [0.1, 0.2], None, r"y_true must be 1-D .* shape \(1, 2\)"),
        ([0, 1], [[0.1], [0.2]], None, r"y_score must be 1-D .* shape \(2, 1\)"),
        (1, 0.5, None, r"y_true must be 1-D .* shape \(\)"),
        ([0, 1, 2, -1, 2], S10[:5], None, r"labels 0 and 1 .* got \[-1, 2\]"),
        ([0, 0.5, 1], S10[:3], None, r"labels 0 and 1 .* got \[0.5\]"),
        ([0, np.nan, 1], S10[:3], None, r"labels 0 and 1 .* got \[nan\]"),
        (["no", "yes"], S10[:2], None, "y_true must hold the labels 0 and 1"),
        ([0, 1, 1], [0.1, np.nan, 0.3], None, r"y_score must be finite.*\[nan\]"),
        ([0, 1, 1], [0.1, np.inf, -np.inf], None, r"y_score must be finite.*2 NaN"),
        ([0, 1], ["a", "b"], None, "y_score must hold real numbers"),
        ([0, 1], [1 + 1j, 2], None, "y_score must hold real numbers"),
        ([0, 1], [0.1, 0.2], [1.0, -0.5], r"sample_weight must be non-negative.*-0.5"),
        ([0, 1], [0.1, 0.2], [1.0], "sample_weight has 1 samples but y_true has 2"),
        ([0, 1], [0.1, 0.2], [1.0, np.nan], "sample_weight must be finite"),
        ([0, 1], [0.1, 0.2], [0.0, 0.0], "sample_weight must have a positive sum"),
        ([0, 1], [0.1, 0.2], [[1.0, 1.0]], "sample_weight must be 1-D"),
    ],
    ids=[
        "length-mismatch",
        "empty",
        "empty-scores",
        "2-d-labels",
        "2-d-scores",
        "scalar",
        "labels-outside-0-1",
        "fractional-label",
        "nan-label",
        "string-labels",
        "nan-score",
        "inf-scores",
        "string-scores",
        "complex-scores",
        "negative-weight",
        "weight-length",
        "nan-weight",
        "all-zero-weights",
        "2-d-weights",
    ],
)
def test_bad_input_raises_naming_the_argument(y_true, y_score, sample_weight, match):
    with pytest.raises(ValueError, match=match):
        check_binary_scores(y_true, y_score, sample_weight)


def test_long_lists_of_bad_labels_are_shortened():
    with pytest.raises(ValueError, match=r"got \[2, 3, 4, 5, 6, \.\.\.\]"):
        check_binary_scores(np.arange(2, 12), np.zeros(10))


@pytest.mark.parametrize(
    ("thresholds", "match"),
    [
        ([0.5, np.nan], "thresholds must not be NaN"),
        (["a"], "thresholds must hold real numbers"),
        (0.5, "thresholds must be 1-D"),
    ],
    ids=["nan", "string", "scalar"],
)
def test_bad_thresholds_raise(thresholds, match):
    with pytest.raises(ValueError, match=match):
        check_thresholds(thresholds)
