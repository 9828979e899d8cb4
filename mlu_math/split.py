"""Seeded train/validation/test splits of sample indices, optionally stratified."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_1d,
    as_generator,
    check_count,
    check_finite,
    check_length,
    check_real,
)

__all__ = ["split_sizes", "train_validation_test_split"]

IndexArray = NDArray[np.intp]
Seed = int | np.random.Generator

_FRACTION_NAMES = ("train", "validation", "test")


def _check_fractions(fractions: tuple[float, float, float]) -> tuple[float, float, float]:
    try:
        count = len(fractions)
    except TypeError:
        raise ValueError(
            f"fractions must be 3 numbers (train, validation, test), got {fractions!r}"
        ) from None
    if count != 3:
        raise ValueError(f"fractions must be 3 numbers (train, validation, test), got {count}")
    values = tuple(
        check_real(value, f"fractions: the {name} share", low=0, high=1)
        for name, value in zip(_FRACTION_NAMES, fractions, strict=True)
    )
    if values[0] == 0.0:
        raise ValueError("fractions: the train share must be positive, got 0")
    if not math.isclose(sum(values), 1.0, abs_tol=1e-9):
        raise ValueError(f"fractions must add up to 1, got {values} (sum {sum(values)})")
    return values  # type: ignore[return-value]


def split_sizes(
    n_samples: int, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2)
) -> tuple[int, int, int]:
    """Return how many samples go to the train, validation and test sets.

    The held-out sets round up, as scikit-learn's ``train_test_split`` rounds
    a float ``test_size`` (``ceil(test_size * n_samples)``), and the training
    set takes the rest; with a validation share of 0 the sizes are exactly
    those of ``train_test_split(..., test_size=fractions[2])``.

    Parameters
    ----------
    n_samples : int
        Number of samples to split, at least 2.
    fractions : tuple of 3 floats, default=(0.6, 0.2, 0.2)
        Shares of the train, validation and test sets, each in [0, 1],
        adding up to 1; the train share must be positive.

    Returns
    -------
    n_train, n_validation, n_test : int
        Sizes adding up to ``n_samples``.

    Raises
    ------
    ValueError
        If an argument is out of range, or the training set would be empty.

    Examples
    --------
    >>> split_sizes(100)
    (60, 20, 20)
    >>> split_sizes(10, (0.7, 0.0, 0.3))
    (7, 0, 3)
    """
    n = check_count(n_samples, "n_samples", 2)
    _, validation_share, test_share = _check_fractions(fractions)
    n_test = math.ceil(test_share * n)
    n_validation = math.ceil(validation_share * n)
    n_train = n - n_validation - n_test
    if n_train < 1:
        raise ValueError(
            f"fractions {fractions} leave no training sample out of n_samples={n} "
            f"(validation {n_validation}, test {n_test})"
        )
    return n_train, n_validation, n_test


def _largest_remainder(capacity: IndexArray, total: int, rng: np.random.Generator) -> IndexArray:
    """Share ``total`` among classes in proportion to ``capacity``, in integers.

    Each class gets the floor of its exact share, and the samples left over go
    to the largest remainders (ties in random order). No class gets more than
    its capacity, and each share is within 1 of the exact one.
    """
    exact = total * capacity / capacity.sum()
    counts = np.floor(exact).astype(np.intp)
    left = total - int(counts.sum())
    tie_break = rng.permutation(capacity.size)
    order = sorted(range(capacity.size), key=lambda k: (-(exact[k] - counts[k]), tie_break[k]))
    counts[order[:left]] += 1
    return counts


def _stratified_split(
    classes: IndexArray, sizes: tuple[int, int, int], rng: np.random.Generator
) -> tuple[IndexArray, IndexArray, IndexArray]:
    """Split class by class: test first, then validation, then the rest trains."""
    capacity = np.bincount(classes)
    n_test = _largest_remainder(capacity, sizes[2], rng)
    n_validation = _largest_remainder(capacity - n_test, sizes[1], rng)
    parts: tuple[list[IndexArray], list[IndexArray], list[IndexArray]] = ([], [], [])
    for k in range(capacity.size):
        members = rng.permutation(np.flatnonzero(classes == k))
        cut_test, cut_validation = n_test[k], n_test[k] + n_validation[k]
        parts[2].append(members[:cut_test])
        parts[1].append(members[cut_test:cut_validation])
        parts[0].append(members[cut_validation:])
    train, validation, test = (np.sort(np.concatenate(part)) for part in parts)
    return train, validation, test


def train_validation_test_split(
    n_samples: int,
    *,
    fractions: tuple[float, float, float] = (0.6, 0.2, 0.2),
    seed: Seed,
    stratify: ArrayLike | None = None,
) -> tuple[IndexArray, IndexArray, IndexArray]:
    """Split the indices ``0 .. n_samples - 1`` at random into three disjoint sets.

    Sizes come from :func:`split_sizes`. Without ``stratify`` the indices
    are shuffled once and cut. With it, each class is shared out on its own:
    the test set first gets, per class, its largest-remainder share of the
    test size, then the validation set gets its share of what is left (as
    scikit-learn's ``StratifiedShuffleSplit`` does for its two parts), so
    each set holds the classes in nearly the proportions of the whole.

    Parameters
    ----------
    n_samples : int
        Number of samples, at least 2.
    fractions : tuple of 3 floats, default=(0.6, 0.2, 0.2)
        Shares of the train, validation and test sets (see :func:`split_sizes`).
    seed : int or numpy.random.Generator
        Seed of ``numpy.random.default_rng``, or a generator to draw from.
    stratify : array-like of shape (n_samples,), default=None
        Class of each sample (any sortable values); None splits without regard
        to class.

    Returns
    -------
    train, validation, test : ndarray of shape (n_train,), (n_validation,), (n_test,)
        Sorted indices; together they hold every index exactly once.

    Raises
    ------
    ValueError
        If ``n_samples`` or ``fractions`` is out of range, or ``stratify``
        does not hold one value per sample.

    Examples
    --------
    >>> train, validation, test = train_validation_test_split(10, seed=0)
    >>> len(train), len(validation), len(test)
    (6, 2, 2)
    >>> sorted([*train, *validation, *test]) == list(range(10))
    True
    """
    sizes = split_sizes(n_samples, fractions)
    rng = as_generator(seed, "seed")
    if stratify is None:
        order = rng.permutation(n_samples)
        test = order[: sizes[2]]
        validation = order[sizes[2] : sizes[2] + sizes[1]]
        train = order[sizes[2] + sizes[1] :]
        return np.sort(train), np.sort(validation), np.sort(test)
    labels = as_1d(stratify, "stratify")
    check_length(labels, "stratify", n_samples, "n_samples")
    if labels.dtype.kind == "f":
        check_finite(labels, "stratify")
    _, classes = np.unique(labels, return_inverse=True)
    return _stratified_split(classes.astype(np.intp), sizes, rng)
