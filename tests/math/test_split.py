"""Train/validation/test splits: partition, sizes, strata, seeds, scikit-learn's rounding."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.model_selection import train_test_split

from mlu_math.split import split_sizes, train_validation_test_split


def labels(n: int, shares: tuple[float, ...], seed: int = 0) -> np.ndarray:
    """Shuffled class labels 0, 1, ... in about the given shares."""
    counts = np.floor(np.array(shares) * n).astype(int)
    counts[0] += n - counts.sum()
    return np.random.default_rng(seed).permutation(np.repeat(np.arange(len(shares)), counts))


# --- a partition of the indices -------------------------------------------------------


@pytest.mark.parametrize("stratified", [False, True])
@pytest.mark.parametrize("n", [3, 4, 10, 57, 100, 1000])
def test_every_index_lands_in_exactly_one_set(n, stratified):
    stratify = labels(n, (0.5, 0.5)) if stratified else None
    parts = train_validation_test_split(n, fractions=(0.5, 0.25, 0.25), seed=1, stratify=stratify)
    assert_array_equal(np.sort(np.concatenate(parts)), np.arange(n))
    for part in parts:
        assert part.dtype == np.intp
        assert_array_equal(part, np.sort(part))


@pytest.mark.parametrize(
    ("n", "fractions", "sizes"),
    [
        (100, (0.6, 0.2, 0.2), (60, 20, 20)),
        (10, (0.6, 0.2, 0.2), (6, 2, 2)),
        (11, (0.6, 0.2, 0.2), (5, 3, 3)),
        (7, (0.5, 0.25, 0.25), (3, 2, 2)),
        (120, (0.7, 0.15, 0.15), (84, 18, 18)),
        (10, (0.8, 0.0, 0.2), (8, 0, 2)),
        (3, (0.34, 0.33, 0.33), (1, 1, 1)),
    ],
)
def test_held_out_sets_round_up_and_training_takes_the_rest(n, fractions, sizes):
    assert split_sizes(n, fractions) == sizes
    parts = train_validation_test_split(n, fractions=fractions, seed=0)
    assert tuple(part.size for part in parts) == sizes


@pytest.mark.parametrize("test_size", [0.1, 0.2, 0.25, 0.3, 1 / 3, 0.5, 0.7])
@pytest.mark.parametrize("n", [2, 5, 10, 11, 33, 100, 569])
def test_two_way_sizes_match_scikit_learn_train_test_split(n, test_size):
    try:
        sk_train, sk_test = train_test_split(np.arange(n), test_size=test_size, random_state=0)
    except ValueError:  # scikit-learn refuses an empty training set, and so do we
        with pytest.raises(ValueError, match="no training sample"):
            split_sizes(n, (1 - test_size, 0.0, test_size))
        return
    n_train, n_validation, n_test = split_sizes(n, (1 - test_size, 0.0, test_size))
    assert (n_train, n_validation, n_test) == (sk_train.size, 0, sk_test.size)


# --- stratification -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "shares", "seed"),
    [
        (100, (0.55, 0.45), 0),
        (100, (0.9, 0.1), 1),
        (57, (0.5, 0.5), 2),
        (200, (0.5, 0.3, 0.2), 3),
        (31, (0.6, 0.25, 0.15), 4),
        (1000, (0.97, 0.03), 5),
    ],
)
def test_stratified_sets_keep_the_class_proportions(n, shares, seed):
    y = labels(n, shares, seed)
    counts = np.bincount(y)
    train, validation, test = train_validation_test_split(
        n, fractions=(0.6, 0.2, 0.2), seed=seed, stratify=y
    )
    # The test set gets each class's share of its size, to within one sample;
    # the validation set its share of what the test set left.
    test_counts = np.bincount(y[test], minlength=counts.size)
    assert np.all(np.abs(test_counts - test.size * counts / n) < 1)
    left = counts - test_counts
    validation_counts = np.bincount(y[validation], minlength=counts.size)
    assert np.all(np.abs(validation_counts - validation.size * left / left.sum()) < 1)
    # Whence every set is within two samples of the whole's proportions.
    for part in (train, validation, test):
        part_counts = np.bincount(y[part], minlength=counts.size)
        assert np.all(np.abs(part_counts - part.size * counts / n) < 2)


def test_stratified_sizes_equal_the_unstratified_ones():
    y = labels(101, (0.7, 0.3))
    plain = train_validation_test_split(101, seed=0)
    strata = train_validation_test_split(101, seed=0, stratify=y)
    assert [p.size for p in plain] == [p.size for p in strata]


def test_stratify_accepts_any_class_names():
    y = np.array(["cat", "dog"] * 10)
    train, validation, test = train_validation_test_split(20, seed=0, stratify=y)
    for part in (train, validation, test):
        assert (y[part] == "cat").sum() == (y[part] == "dog").sum()


def test_a_rare_class_still_gets_into_every_set_it_can():
    y = labels(100, (0.95, 0.05))
    _, validation, test = train_validation_test_split(100, seed=0, stratify=y)
    assert y[test].sum() == 1 and y[validation].sum() == 1


# --- seeds ----------------------------------------------------------------------------


@pytest.mark.parametrize("stratified", [False, True])
def test_same_seed_gives_the_same_split(stratified):
    y = labels(80, (0.5, 0.5)) if stratified else None
    first = train_validation_test_split(80, seed=7, stratify=y)
    second = train_validation_test_split(80, seed=7, stratify=y)
    for a, b in zip(first, second, strict=True):
        assert_array_equal(a, b)


@pytest.mark.parametrize("stratified", [False, True])
def test_another_seed_gives_another_split(stratified):
    y = labels(80, (0.5, 0.5)) if stratified else None
    first = train_validation_test_split(80, seed=7, stratify=y)
    second = train_validation_test_split(80, seed=8, stratify=y)
    assert not np.array_equal(first[2], second[2])


def test_a_generator_is_drawn_from_and_advanced():
    rng = np.random.default_rng(3)
    first = train_validation_test_split(50, seed=rng)
    second = train_validation_test_split(50, seed=rng)
    again = train_validation_test_split(50, seed=np.random.default_rng(3))
    assert_array_equal(first[0], again[0])
    assert not np.array_equal(first[0], second[0])


def test_unstratified_split_looks_uniform():
    # Each index is in the test set about 20 % of the time over many seeds.
    hits = np.zeros(10)
    for seed in range(2000):
        hits[train_validation_test_split(10, seed=seed)[2]] += 1
    assert np.allclose(hits / 2000, 0.2, atol=0.04)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 1}, "n_samples must be at least 2"),
        ({"n_samples": 10.0}, "n_samples must be an integer"),
        ({"n_samples": True}, "n_samples must be an integer"),
        ({"fractions": (0.5, 0.5)}, "fractions must be 3 numbers"),
        ({"fractions": (0.6, 0.5, -0.1)}, "fractions: the test share must be in"),
        ({"fractions": (1.2, -0.1, -0.1)}, "fractions: the train share must be in"),
        ({"fractions": (0.0, 0.5, 0.5)}, "fractions: the train share must be positive"),
        ({"fractions": (0.6, 0.2, 0.1)}, "fractions must add up to 1"),
        ({"n_samples": 3, "fractions": (0.2, 0.4, 0.4)}, "leave no training sample"),
        ({"stratify": [0, 1, 0]}, "stratify has 3 values but n_samples is 10"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_input_is_refused_naming_the_argument(kwargs, message):
    arguments = {"n_samples": 10, "seed": 0, **kwargs}
    n_samples = arguments.pop("n_samples")
    with pytest.raises(ValueError, match=message):
        train_validation_test_split(n_samples, **arguments)
