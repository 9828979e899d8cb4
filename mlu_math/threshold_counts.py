"""Confusion counts at any threshold, from one sort of the scores done ahead of time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_binary_scores, check_thresholds
from mlu_math.confusion import Confusion

__all__ = ["ThresholdCounts", "threshold_counts"]


@dataclass(frozen=True, eq=False)
class ThresholdCounts:
    """Sorted scores with running class counts: a threshold costs one binary search.

    Build it with :func:`threshold_counts`. A sample is predicted positive
    when ``score >= threshold``, as in :func:`mlu_math.confusion_at_threshold`.

    Attributes
    ----------
    sorted_scores : ndarray of shape (n_samples,)
        The scores, increasing (read-only).
    positives_below, negatives_below : ndarray of shape (n_samples + 1,)
        Element ``k`` counts the positives (negatives) among the ``k`` lowest
        scores (read-only).
    """

    sorted_scores: NDArray[np.float64]
    positives_below: NDArray[np.int64]
    negatives_below: NDArray[np.int64]

    def counts(self, thresholds: ArrayLike) -> tuple[NDArray, NDArray, NDArray, NDArray]:
        """Return the counts (tn, fp, fn, tp) at each of ``thresholds``.

        Parameters
        ----------
        thresholds : array-like of shape (n_thresholds,)
            Thresholds in any order; ``np.inf`` and ``-np.inf`` allowed, NaN not.

        Returns
        -------
        tn, fp, fn, tp : ndarray of shape (n_thresholds,), dtype int64
        """
        cuts = check_thresholds(thresholds)
        below = np.searchsorted(self.sorted_scores, cuts, side="left")
        fn, tn = self.positives_below[below], self.negatives_below[below]
        return tn, self.negatives_below[-1] - tn, fn, self.positives_below[-1] - fn

    def at(self, threshold: float) -> Confusion:
        """Return the confusion counts at one ``threshold`` (NaN refused).

        Examples
        --------
        >>> threshold_counts([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).at(0.3)
        Confusion(tn=1, fp=1, fn=0, tp=2)
        """
        if np.ndim(threshold) != 0:
            raise ValueError(f"threshold must be a single number, got shape {np.shape(threshold)}")
        counts = self.counts(np.reshape(threshold, 1))
        return Confusion(*(count[0].item() for count in counts))


def threshold_counts(y_true: ArrayLike, y_score: ArrayLike) -> ThresholdCounts:
    """Sort the scores once, so that counts at any threshold come quickly.

    :func:`mlu_math.confusion_at_threshold` sorts the scores on every call; a
    scene that asks for the counts at every frame of a sweep over a million
    samples asks this instead: one O(n log n) sort here, then O(log n) a
    threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.

    Returns
    -------
    counts : ThresholdCounts

    Examples
    --------
    >>> counts = threshold_counts([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> [c.tolist() for c in counts.counts([0.3, 0.5])]
    [[1, 2], [1, 0], [0, 1], [2, 1]]
    """
    labels, scores, _ = check_binary_scores(y_true, y_score)
    order = np.argsort(scores, kind="stable")
    positive = labels[order].astype(np.int64)
    positives_below = np.concatenate(([0], np.cumsum(positive)))
    negatives_below = np.arange(labels.size + 1) - positives_below
    arrays = (scores[order], positives_below, negatives_below)
    for array in arrays:
        array.setflags(write=False)
    return ThresholdCounts(*arrays)
