"""Bootstrap samples: the documented draws, their invariants, and the 1/e out-of-bag share."""

import math

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlu_math.bagging import (
    bootstrap_indices,
    bootstrap_samples,
    expected_out_of_bag_share,
    out_of_bag_mask,
)


@pytest.mark.parametrize(("n_samples", "seed"), [(1, 0), (6, 0), (50, 3), (1000, 9)])
def test_indices_are_the_documented_generator_call(n_samples, seed):
    expected = np.random.default_rng(seed).integers(0, n_samples, size=n_samples)
    assert_array_equal(bootstrap_indices(n_samples, np.random.default_rng(seed)), expected)


@pytest.mark.parametrize(("n_samples", "seed"), [(1, 0), (20, 1), (300, 2)])
def test_indices_are_in_range_with_the_training_set_size(n_samples, seed):
    indices = bootstrap_indices(n_samples, np.random.default_rng(seed))
    assert indices.shape == (n_samples,)
    assert indices.dtype == np.int64
    assert indices.min() >= 0 and indices.max() < n_samples


def test_a_large_sample_repeats_some_points_and_misses_others():
    indices = bootstrap_indices(100, np.random.default_rng(0))
    counts = np.bincount(indices, minlength=100)
    assert counts.max() >= 2
    assert (counts == 0).any()


@pytest.mark.parametrize(("n_samples", "n_estimators", "seed"), [(10, 3, 0), (40, 25, 5)])
def test_samples_are_successive_calls_on_one_generator(n_samples, n_estimators, seed):
    rng = np.random.default_rng(seed)
    expected = np.stack([bootstrap_indices(n_samples, rng) for _ in range(n_estimators)])
    samples = bootstrap_samples(n_samples, n_estimators, np.random.default_rng(seed))
    assert samples.shape == (n_estimators, n_samples)
    assert_array_equal(samples, expected)


def test_samples_differ_from_each_other():
    samples = bootstrap_samples(30, 5, np.random.default_rng(1))
    assert len({tuple(row) for row in samples}) == 5


@pytest.mark.parametrize(("n_samples", "seed"), [(5, 0), (37, 1), (200, 2)])
def test_out_of_bag_mask_matches_a_set_difference(n_samples, seed):
    indices = bootstrap_indices(n_samples, np.random.default_rng(seed))
    left_out = set(range(n_samples)) - set(indices.tolist())
    mask = out_of_bag_mask(n_samples, indices)
    assert set(np.flatnonzero(mask).tolist()) == left_out


def test_out_of_bag_mask_hand_worked():
    assert out_of_bag_mask(6, [5, 3, 3, 1, 1, 0]).tolist() == [
        False, False, True, False, True, False,
    ]  # fmt: skip


def test_nothing_drawn_leaves_everything_out_of_bag():
    assert out_of_bag_mask(4, np.array([], dtype=int)).all()


@pytest.mark.parametrize(
    ("n_samples", "expected"),
    [(1, 0.0), (2, 0.25), (3, 8 / 27), (10, 0.9**10)],
)
def test_expected_out_of_bag_share_closed_form(n_samples, expected):
    assert expected_out_of_bag_share(n_samples) == pytest.approx(expected)


def test_expected_out_of_bag_share_tends_to_one_over_e():
    shares = [expected_out_of_bag_share(n) for n in (10, 100, 1000, 100_000)]
    assert np.all(np.diff(shares) > 0)
    assert shares[-1] == pytest.approx(math.exp(-1), abs=1e-5)


@pytest.mark.parametrize("n_samples", [5, 20, 150])
def test_simulated_out_of_bag_share_matches_expectation(n_samples):
    samples = bootstrap_samples(n_samples, 4000, np.random.default_rng(n_samples))
    shares = [out_of_bag_mask(n_samples, row).mean() for row in samples]
    # the mean of 4000 shares: its standard error is below 0.004 for these n
    assert np.mean(shares) == pytest.approx(expected_out_of_bag_share(n_samples), abs=0.01)


def test_bootstrap_leaves_the_global_rng_alone():
    before = np.random.get_state()[1].copy()  # noqa: NPY002 - the legacy RNG is the subject
    bootstrap_samples(50, 4, np.random.default_rng(0))
    assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: bootstrap_indices(0, np.random.default_rng(0)), "n_samples must be at least 1"),
        (lambda: bootstrap_indices(2.5, np.random.default_rng(0)), "n_samples must be an integer"),
        (lambda: bootstrap_indices(5, 0), "rng must be a numpy.random.Generator"),
        (
            lambda: bootstrap_samples(5, 0, np.random.default_rng(0)),
            "n_estimators must be at least",
        ),
        (lambda: out_of_bag_mask(3, [0, 3]), r"indices must lie in \[0, n_samples\)"),
        (lambda: out_of_bag_mask(3, [-1, 0]), r"indices must lie in \[0, n_samples\)"),
        (lambda: out_of_bag_mask(3, [[0, 1]]), "indices must be 1-D"),
        (lambda: out_of_bag_mask(3, [0.5, 1.0]), "indices must be integers"),
        (lambda: expected_out_of_bag_share(0), "n_samples must be at least 1"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
