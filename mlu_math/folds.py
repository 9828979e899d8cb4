"""Train/validation index splits: k-fold, stratified k-fold, leave-one-out, random."""

from __future__ import annotations

import math
import warnings

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_generator,
    check_class_labels,
    check_count,
    check_flag,
    check_real,
)

__all__ = [
    "Split",
    "kfold_indices",
    "leave_one_out_indices",
    "shuffle_split_indices",
    "stratified_kfold_indices",
]

IndexArray = NDArray[np.intp]
Split = tuple[IndexArray, IndexArray]
"""One split: (train indices, validation indices), each sorted ascending."""

Seed = int | np.random.Generator | None


def _check_n_splits(n_splits: object, n_samples: int) -> int:
    """Return a valid number of folds for ``n_samples`` samples."""
    k = check_count(n_splits, "n_splits", minimum=2)
    if k > n_samples:
        raise ValueError(
            f"n_splits must not exceed the number of samples, got n_splits={k} "
            f"for n_samples={n_samples}"
        )
    return k


def _generator(shuffle: bool, seed: Seed) -> np.random.Generator | None:
    """Return the generator that shuffles, or None when nothing is shuffled."""
    if not check_flag(shuffle, "shuffle"):
        if seed is not None:
            raise ValueError("seed has no effect unless shuffle=True; leave it as None")
        return None
    if seed is None:
        raise ValueError("seed is required when shuffle=True, so that the folds repeat")
    return as_generator(seed, "seed")


def _splits_from_folds(fold_of_sample: NDArray[np.intp], n_splits: int) -> list[Split]:
    """Turn each sample's fold number into (train, validation) index pairs.

    The shared core of every k-fold splitter: fold ``i``'s samples validate,
    all others train.
    """
    indices = np.arange(fold_of_sample.size)
    return [(indices[fold_of_sample != i], indices[fold_of_sample == i]) for i in range(n_splits)]


def _contiguous_folds(n_samples: int, n_splits: int) -> NDArray[np.intp]:
    """Fold numbers in consecutive blocks; the first ``n % k`` blocks one larger."""
    sizes = np.full(n_splits, n_samples // n_splits, dtype=np.intp)
    sizes[: n_samples % n_splits] += 1
    return np.repeat(np.arange(n_splits, dtype=np.intp), sizes)


def _permuted(
    folds_in_order: NDArray[np.intp], permutation: NDArray[np.intp] | None
) -> NDArray[np.intp]:
    """Give sample ``permutation[j]`` the fold that position ``j`` has."""
    if permutation is None:
        return folds_in_order
    fold_of_sample = np.empty_like(folds_in_order)
    fold_of_sample[permutation] = folds_in_order
    return fold_of_sample


def kfold_indices(
    n_samples: int, n_splits: int, *, shuffle: bool = False, seed: Seed = None
) -> list[Split]:
    """Split ``range(n_samples)`` into ``n_splits`` folds of near-equal size.

    Without shuffling the folds are consecutive blocks, the first
    ``n_samples % n_splits`` of them one sample larger: the same folds as
    scikit-learn's ``KFold(n_splits)``. With shuffling the samples are first
    put in a random order drawn from ``seed``, then cut into blocks.

    Parameters
    ----------
    n_samples : int
        Number of samples, at least ``n_splits``.
    n_splits : int
        Number of folds, at least 2.
    shuffle : bool, default=False
        Whether to shuffle the samples before cutting them into folds.
    seed : int or numpy.random.Generator, default=None
        Source of the shuffle; required when ``shuffle=True`` and refused
        otherwise.

    Returns
    -------
    splits : list of (train, validation) of length n_splits
        Sorted index arrays; every sample validates exactly once.

    Examples
    --------
    >>> [test.tolist() for _, test in kfold_indices(5, 2)]
    [[0, 1, 2], [3, 4]]
    """
    n = check_count(n_samples, "n_samples", minimum=1)
    k = _check_n_splits(n_splits, n)
    rng = _generator(shuffle, seed)
    permutation = None if rng is None else rng.permutation(n)
    return _splits_from_folds(_permuted(_contiguous_folds(n, k), permutation), k)


def _encode_classes(y: NDArray) -> NDArray[np.intp]:
    """Return class codes 0, 1, ... numbered by order of first appearance in ``y``."""
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    rank_of_class = np.empty(first.size, dtype=np.intp)
    rank_of_class[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank_of_class[inverse.ravel()]


def _stratified_folds(codes: NDArray[np.intp], n_splits: int) -> NDArray[np.intp]:
    """Fold numbers that share each class out evenly, in blocks within a class.

    How many of each class a fold gets: deal the samples, sorted by class,
    round-robin to the folds. Each class's samples then take their folds in
    order of appearance, fold 0 first.
    """
    n_classes = int(codes.max()) + 1
    dealt = np.sort(codes)
    counts = np.array(
        [np.bincount(dealt[i::n_splits], minlength=n_classes) for i in range(n_splits)]
    )
    fold_of_sample = np.empty(codes.size, dtype=np.intp)
    for c in range(n_classes):
        fold_of_sample[codes == c] = np.repeat(np.arange(n_splits, dtype=np.intp), counts[:, c])
    return fold_of_sample


def stratified_kfold_indices(
    y: ArrayLike, n_splits: int, *, shuffle: bool = False, seed: Seed = None
) -> list[Split]:
    """Split the samples into folds that keep the class proportions of ``y``.

    Each fold gets, of every class, its share rounded up or down, so fold
    sizes differ by at most one and so do a class's counts across folds.
    Without shuffling these are exactly scikit-learn's
    ``StratifiedKFold(n_splits)`` folds: within a class the samples fill the
    folds in order. With shuffling, the same rule is applied to the samples
    in a random order drawn from ``seed``.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels (ints, bools, strings, or integral floats).
    n_splits : int
        Number of folds, at least 2, at most ``n_samples`` and at most the
        size of the largest class.
    shuffle : bool, default=False
        Whether to shuffle the samples before dealing them out.
    seed : int or numpy.random.Generator, default=None
        Source of the shuffle; required when ``shuffle=True`` and refused
        otherwise.

    Returns
    -------
    splits : list of (train, validation) of length n_splits
        Sorted index arrays; every sample validates exactly once.

    Warns
    -----
    UserWarning
        When a class has fewer than ``n_splits`` members, so some folds lack it.

    Examples
    --------
    >>> [test.tolist() for _, test in stratified_kfold_indices([0, 0, 1, 1, 0, 1], 3)]
    [[0, 2], [1, 3], [4, 5]]
    """
    labels = check_class_labels(y, "y")
    k = _check_n_splits(n_splits, labels.size)
    rng = _generator(shuffle, seed)
    permutation = None if rng is None else rng.permutation(labels.size)
    ordered = labels if permutation is None else labels[permutation]
    codes = _encode_classes(ordered)
    class_sizes = np.bincount(codes)
    if k > class_sizes.max():
        raise ValueError(
            f"n_splits={k} is greater than the size of every class (largest {class_sizes.max()})"
        )
    if k > class_sizes.min():
        warnings.warn(
            f"the smallest class in y has only {class_sizes.min()} members, fewer than "
            f"n_splits={k}; some folds will have none of it",
            UserWarning,
            stacklevel=2,
        )
    return _splits_from_folds(_permuted(_stratified_folds(codes, k), permutation), k)


def leave_one_out_indices(n_samples: int) -> list[Split]:
    """Split off each sample in turn: k-fold with ``k = n_samples``.

    Parameters
    ----------
    n_samples : int
        Number of samples, at least 2.

    Returns
    -------
    splits : list of (train, validation) of length n_samples
        Split ``i`` validates on sample ``i`` alone, as scikit-learn's
        ``LeaveOneOut`` does.

    Examples
    --------
    >>> [(train.tolist(), test.tolist()) for train, test in leave_one_out_indices(3)]
    [([1, 2], [0]), ([0, 2], [1]), ([0, 1], [2])]
    """
    n = check_count(n_samples, "n_samples", minimum=2)
    return kfold_indices(n, n)


def shuffle_split_indices(
    n_samples: int, n_splits: int, *, test_size: float = 0.3, seed: int | np.random.Generator
) -> list[Split]:
    """Draw ``n_splits`` independent random train/validation splits.

    Each split holds out ``ceil(test_size * n_samples)`` samples at random and
    trains on the rest, the sizes scikit-learn's ``ShuffleSplit`` uses; the
    validation-set approach is one such split.

    Parameters
    ----------
    n_samples : int
        Number of samples, at least 2.
    n_splits : int
        Number of splits to draw, at least 1.
    test_size : float, default=0.3
        Share of the samples held out, strictly between 0 and 1; both parts
        must be non-empty.
    seed : int or numpy.random.Generator
        Source of the random splits.

    Returns
    -------
    splits : list of (train, validation) of length n_splits
        Sorted index arrays.

    Examples
    --------
    >>> [(t.size, v.size) for t, v in shuffle_split_indices(10, 2, seed=0)]
    [(7, 3), (7, 3)]
    """
    n = check_count(n_samples, "n_samples", minimum=2)
    repeats = check_count(n_splits, "n_splits", minimum=1)
    check_real(test_size, "test_size", low=0, high=1, low_open=True, high_open=True)
    n_test = math.ceil(test_size * n)
    if n_test >= n:
        raise ValueError(f"test_size={test_size} leaves no training samples out of n_samples={n}")
    rng = as_generator(seed, "seed")
    splits = []
    for _ in range(repeats):
        order = rng.permutation(n)
        splits.append((np.sort(order[n_test:]), np.sort(order[:n_test])))
    return splits
