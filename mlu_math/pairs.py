"""AUC as a probability: random (positive, negative) pairs and their order."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_generator,
    check_count,
    check_indices,
    check_labels,
    check_same_length,
    check_scores,
)

__all__ = ["all_pairs", "pair_outcomes", "random_pairs"]


def random_pairs(
    y_true: ArrayLike, n_pairs: int, *, seed: int
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Draw ``n_pairs`` (positive, negative) index pairs, with replacement.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True classes in {0, 1}; both must be present.
    n_pairs : int
        How many pairs to draw; at least 1.
    seed : int
        Seed of the :class:`numpy.random.Generator` that draws them.

    Returns
    -------
    positive : ndarray of shape (n_pairs,)
        Indices into ``y_true`` of positive samples.
    negative : ndarray of shape (n_pairs,)
        Indices of negative samples.

    Examples
    --------
    >>> pos, neg = random_pairs([0, 1, 0, 1], 3, seed=0)
    >>> sorted(set(pos.tolist()) | {1, 3}), sorted(set(neg.tolist()) | {0, 2})
    ([1, 3], [0, 2])
    """
    labels = check_labels(y_true)
    check_count(n_pairs, "n_pairs", 1)
    positives = np.flatnonzero(labels == 1)
    negatives = np.flatnonzero(labels == 0)
    if positives.size == 0 or negatives.size == 0:
        raise ValueError("y_true must contain both classes to draw pairs")
    rng = as_generator(seed, "seed")
    return rng.choice(positives, n_pairs), rng.choice(negatives, n_pairs)


def pair_outcomes(
    y_score: ArrayLike, positive: ArrayLike, negative: ArrayLike
) -> NDArray[np.float64]:
    """Score each pair: 1 if the positive ranks higher, 0.5 on a tie, else 0.

    The mean over all possible pairs is the ROC AUC (the Mann-Whitney U
    statistic divided by the number of pairs).

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Finite scores.
    positive, negative : array-like of int, shape (n_pairs,)
        Indices of the positive and negative member of each pair; at least one pair.

    Returns
    -------
    outcomes : ndarray of shape (n_pairs,)

    Examples
    --------
    >>> pair_outcomes([0.9, 0.4, 0.4], [0, 1], [2, 2]).tolist()
    [1.0, 0.5]
    """
    scores = check_scores(y_score)
    pos = check_indices(positive, "positive", scores.size, "len(y_score)")
    neg = check_indices(negative, "negative", scores.size, "len(y_score)")
    check_same_length("positive", pos, "negative", neg, unit="pairs")
    diff = scores[pos] - scores[neg]
    return np.where(diff > 0, 1.0, np.where(diff == 0, 0.5, 0.0))


def all_pairs(y_true: ArrayLike) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Return every (positive, negative) index pair, positives varying slowest.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True classes in {0, 1}.

    Returns
    -------
    positive, negative : ndarray of shape (n_positive * n_negative,)

    Examples
    --------
    >>> pos, neg = all_pairs([1, 0, 1])
    >>> list(zip(pos.tolist(), neg.tolist()))
    [(0, 1), (2, 1)]
    """
    labels = check_labels(y_true)
    positives = np.flatnonzero(labels == 1)
    negatives = np.flatnonzero(labels == 0)
    return np.repeat(positives, negatives.size), np.tile(negatives, positives.size)
