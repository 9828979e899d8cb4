"""The shared input checks: what they accept, and how they refuse the rest."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlu_math._validation import (
    as_generator,
    check_binary_scores,
    check_count,
    check_real,
    check_thresholds,
)

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


# --- seeds and single numbers ----------------------------------------------------------


@pytest.mark.parametrize(
    "seed",
    [3, np.int64(3), [3, 1], (3, 1), np.array([3, 1]), np.random.SeedSequence(3)],
    ids=["int", "numpy-int", "list", "tuple", "array", "seed-sequence"],
)
def test_as_generator_draws_what_numpy_draws_from_the_same_seed(seed):
    expected = np.random.default_rng(seed).random(3)
    assert_array_equal(as_generator(seed, "seed").random(3), expected)


def test_as_generator_returns_a_generator_unchanged():
    rng = np.random.default_rng(0)
    assert as_generator(rng) is rng


@pytest.mark.parametrize(
    "seed",
    [None, -1, 1.5, "0", True, [], [1, -1], [1.5]],
    ids=["none", "negative", "float", "string", "bool", "empty", "negative-entry", "float-entry"],
)
def test_as_generator_refuses_what_is_not_an_explicit_seed(seed):
    with pytest.raises(ValueError, match=r"seed must be a numpy\.random\.Generator or an int seed"):
        as_generator(seed, "seed")


@pytest.mark.parametrize(
    ("value", "bounds", "match"),
    [
        (np.nan, {}, "x must be finite, got nan"),
        ("a", {}, "x must be a real number, got 'a'"),
        (True, {}, "x must be a real number, got True"),
        (-1.0, {"low": 0}, "x must be a finite number >= 0, got -1.0"),
        (0.0, {"low": 0, "low_open": True}, "x must be a finite number > 0, got 0.0"),
        (2.0, {"high": 1}, "x must be a finite number <= 1, got 2.0"),
        (1.0, {"low": 0, "high": 1, "high_open": True}, r"x must be in \[0, 1\), got 1.0"),
        (np.inf, {"low": 0, "high": 0.5}, r"x must be in \[0, 0.5\], got inf"),
        (
            0.0,
            {"low": 0, "high": 1, "low_open": True, "high_open": True},
            "strictly between 0 and 1",
        ),
    ],
    ids=["nan", "string", "bool", "below", "at-open-low", "above", "at-open-high", "inf", "open"],
)
def test_check_real_says_what_range_is_allowed(value, bounds, match):
    with pytest.raises(ValueError, match=match):
        check_real(value, "x", **bounds)


@pytest.mark.parametrize(
    ("value", "bounds"),
    [(0.5, {"low": 0, "high": 1}), (np.float32(2.0), {"low": 0}), (np.array(3.0), {})],
    ids=["in-range", "numpy-float", "0-d-array"],
)
def test_check_real_returns_the_number_as_a_float(value, bounds):
    number = check_real(value, "x", **bounds)
    assert type(number) is float
    assert number == float(value)


def test_check_count_gives_the_range_and_its_reason():
    with pytest.raises(ValueError, match=r"k must be in \[1, 3\] \(x has 3 samples\), got 4"):
        check_count(4, "k", 1, 3, reason="x has 3 samples")
