"""Fold splitters against scikit-learn's, their invariants, and bad input."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.model_selection import KFold, LeaveOneOut, ShuffleSplit, StratifiedKFold

from mlu_math.folds import (
    kfold_indices,
    leave_one_out_indices,
    shuffle_split_indices,
    stratified_kfold_indices,
)


def as_lists(splits) -> list[tuple[list[int], list[int]]]:
    return [(list(map(int, train)), list(map(int, test))) for train, test in splits]


def sklearn_splits(splitter, n_samples: int, y=None) -> list[tuple[list[int], list[int]]]:
    return as_lists(splitter.split(np.zeros((n_samples, 1)), y))


def assert_partition(splits, n_samples: int) -> None:
    """Every sample validates exactly once; train is the rest; both sorted."""
    tests = np.concatenate([test for _, test in splits])
    assert_array_equal(np.sort(tests), np.arange(n_samples))
    for train, test in splits:
        assert_array_equal(np.sort(np.concatenate([train, test])), np.arange(n_samples))
        assert np.all(np.diff(train) > 0) and np.all(np.diff(test) > 0)


def mapped_back(splits, permutation) -> list[tuple[list[int], list[int]]]:
    """Splits of a permuted order, as indices of the original order, sorted."""
    return as_lists(
        (np.sort(permutation[train]), np.sort(permutation[test])) for train, test in splits
    )


LABELS = {
    "balanced": np.array([0, 1] * 10),
    "imbalanced": np.array([1] * 4 + [0] * 13),
    "rare-class-first": np.array([2, 0, 0, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 2, 0]),
    "strings": np.array(list("bacbbacbbbacabbcab")),
    "bools": np.array([True, False, False, True, False, True, False, False, True, False]),
    "integral-floats": np.array([1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0]),
}


# --- no shuffling: the same folds as scikit-learn ------------------------------------


@pytest.mark.parametrize(
    ("n_samples", "n_splits"),
    [(2, 2), (5, 2), (7, 3), (10, 10), (17, 4), (100, 7), (101, 10)],
)
def test_kfold_matches_sklearn(n_samples, n_splits):
    expected = sklearn_splits(KFold(n_splits), n_samples)
    assert as_lists(kfold_indices(n_samples, n_splits)) == expected


@pytest.mark.parametrize(
    ("labels", "n_splits"),
    [
        ("balanced", 2),
        ("balanced", 5),
        ("imbalanced", 3),
        ("imbalanced", 4),
        ("rare-class-first", 3),
        ("strings", 4),
        ("bools", 2),
        ("integral-floats", 3),
    ],
)
def test_stratified_kfold_matches_sklearn(labels, n_splits):
    y = LABELS[labels]
    expected = sklearn_splits(StratifiedKFold(n_splits), y.size, y)
    assert as_lists(stratified_kfold_indices(y, n_splits)) == expected


@pytest.mark.parametrize("n_samples", [2, 3, 10])
def test_leave_one_out_matches_sklearn(n_samples):
    expected = sklearn_splits(LeaveOneOut(), n_samples)
    assert as_lists(leave_one_out_indices(n_samples)) == expected


def test_kfold_hand_worked():
    assert as_lists(kfold_indices(5, 2)) == [([3, 4], [0, 1, 2]), ([0, 1, 2], [3, 4])]


# --- shuffling: invariants and equivalence to scikit-learn on the permuted order ------


@pytest.mark.parametrize(("n_samples", "n_splits", "seed"), [(10, 3, 0), (23, 5, 1), (100, 10, 2)])
def test_shuffled_kfold_is_a_partition_with_even_sizes(n_samples, n_splits, seed):
    splits = kfold_indices(n_samples, n_splits, shuffle=True, seed=seed)
    assert_partition(splits, n_samples)
    sizes = [test.size for _, test in splits]
    assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize(("n_samples", "n_splits", "seed"), [(10, 3, 0), (23, 5, 1), (100, 10, 2)])
def test_shuffled_kfold_is_sklearn_kfold_of_the_permuted_order(n_samples, n_splits, seed):
    permutation = np.random.default_rng(seed).permutation(n_samples)
    expected = mapped_back(KFold(n_splits).split(np.zeros((n_samples, 1))), permutation)
    assert as_lists(kfold_indices(n_samples, n_splits, shuffle=True, seed=seed)) == expected


@pytest.mark.parametrize(("labels", "n_splits", "seed"), [("imbalanced", 4, 0), ("strings", 3, 1)])
def test_shuffled_stratified_kfold_keeps_class_proportions(labels, n_splits, seed):
    y = LABELS[labels]
    splits = stratified_kfold_indices(y, n_splits, shuffle=True, seed=seed)
    assert_partition(splits, y.size)
    sizes = [test.size for _, test in splits]
    assert max(sizes) - min(sizes) <= 1
    for label in np.unique(y):
        counts = [int(np.sum(y[test] == label)) for _, test in splits]
        assert max(counts) - min(counts) <= 1


@pytest.mark.parametrize(("labels", "n_splits", "seed"), [("imbalanced", 4, 0), ("strings", 3, 1)])
def test_shuffled_stratified_kfold_is_sklearn_of_the_permuted_order(labels, n_splits, seed):
    y = LABELS[labels]
    permutation = np.random.default_rng(seed).permutation(y.size)
    folds = StratifiedKFold(n_splits).split(np.zeros((y.size, 1)), y[permutation])
    expected = mapped_back(folds, permutation)
    assert as_lists(stratified_kfold_indices(y, n_splits, shuffle=True, seed=seed)) == expected


def test_shuffling_repeats_for_a_seed_and_differs_between_seeds():
    first = as_lists(kfold_indices(30, 4, shuffle=True, seed=7))
    assert as_lists(kfold_indices(30, 4, shuffle=True, seed=7)) == first
    assert as_lists(kfold_indices(30, 4, shuffle=True, seed=8)) != first


def test_a_generator_is_accepted_and_advanced():
    rng = np.random.default_rng(3)
    first = as_lists(kfold_indices(30, 4, shuffle=True, seed=rng))
    second = as_lists(kfold_indices(30, 4, shuffle=True, seed=rng))
    assert first == as_lists(kfold_indices(30, 4, shuffle=True, seed=np.random.default_rng(3)))
    assert second != first


def test_shuffling_leaves_the_global_rng_alone():
    before = np.random.get_state()[1].copy()  # noqa: NPY002 - the legacy RNG is the subject
    kfold_indices(30, 4, shuffle=True, seed=1)
    stratified_kfold_indices(LABELS["balanced"], 4, shuffle=True, seed=1)
    shuffle_split_indices(30, 3, seed=1)
    assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


# --- random splits --------------------------------------------------------------------


@pytest.mark.parametrize(("n_samples", "test_size"), [(10, 0.3), (100, 0.3), (101, 0.25), (7, 0.5)])
def test_shuffle_split_sizes_match_sklearn(n_samples, test_size):
    train, test = next(ShuffleSplit(1, test_size=test_size).split(np.zeros((n_samples, 1))))
    splits = shuffle_split_indices(n_samples, 5, test_size=test_size, seed=0)
    assert all((tr.size, te.size) == (train.size, test.size) for tr, te in splits)
    for tr, te in splits:
        assert_array_equal(np.sort(np.concatenate([tr, te])), np.arange(n_samples))


def test_shuffle_splits_repeat_for_a_seed_and_differ_from_each_other():
    splits = as_lists(shuffle_split_indices(50, 4, seed=5))
    assert as_lists(shuffle_split_indices(50, 4, seed=5)) == splits
    assert len({tuple(test) for _, test in splits}) == 4


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: kfold_indices(10, 1), "n_splits must be at least 2"),
        (lambda: kfold_indices(5, 6), "n_splits must not exceed the number of samples"),
        (lambda: kfold_indices(10, 2.5), "n_splits must be an integer"),
        (lambda: kfold_indices(10, True), "n_splits must be an integer"),
        (lambda: kfold_indices(0, 2), "n_samples must be at least 1"),
        (lambda: kfold_indices(10, 2, seed=0), "seed has no effect unless shuffle=True"),
        (lambda: kfold_indices(10, 2, shuffle=True), "seed is required when shuffle=True"),
        (lambda: kfold_indices(10, 2, shuffle="yes", seed=0), "shuffle must be True or False"),
        (
            lambda: kfold_indices(10, 2, shuffle=True, seed=1.5),
            "seed must be a numpy.random.Generator or an int seed",
        ),
        (lambda: stratified_kfold_indices([0, 0, 1, 1], 3), "greater than the size of every class"),
        (lambda: stratified_kfold_indices([0, 1], 3), "n_splits must not exceed"),
        (lambda: stratified_kfold_indices([[0, 1], [1, 0]], 2), "y must be 1-D"),
        (lambda: stratified_kfold_indices([], 2), "y is empty"),
        (lambda: stratified_kfold_indices([0.5, 1.0, 0.0, 1.0], 2), "y must hold class labels"),
        (lambda: leave_one_out_indices(1), "n_samples must be at least 2"),
        (lambda: shuffle_split_indices(10, 0, seed=0), "n_splits must be at least 1"),
        (lambda: shuffle_split_indices(10, 2, test_size=1.0, seed=0), "test_size must be strictly"),
        (lambda: shuffle_split_indices(10, 2, test_size=0.0, seed=0), "test_size must be strictly"),
        (lambda: shuffle_split_indices(2, 2, test_size=0.6, seed=0), "leaves no training samples"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_class_smaller_than_n_splits_warns_as_sklearn_does():
    y = np.array([0] * 8 + [1] * 2)
    with pytest.warns(UserWarning, match="fewer than n_splits=3"):
        ours = stratified_kfold_indices(y, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = sklearn_splits(StratifiedKFold(3), y.size, y)
    assert as_lists(ours) == expected
