"""Confusion-matrix counts at one decision threshold, or at many at once."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    check_binary_scores,
    check_scores,
    check_threshold,
    check_thresholds,
)

__all__ = [
    "Confusion",
    "confusion_at_threshold",
    "confusion_at_thresholds",
    "predict_at_threshold",
]

Count = int | float


def _ratio(numerator: Count, denominator: Count) -> float:
    """Return ``numerator / denominator``, or NaN when the denominator is 0."""
    return numerator / denominator if denominator != 0 else math.nan


class Confusion(NamedTuple):
    """The four counts of a binary confusion matrix, and the rates built on them.

    The counts are ints, or floats when the samples were weighted. A rate whose
    denominator is 0 (for example precision when nothing is predicted
    positive) is ``float('nan')``, as scikit-learn gives with
    ``zero_division=np.nan``.

    Examples
    --------
    >>> c = Confusion(tn=3, fp=1, fn=2, tp=4)
    >>> c.precision, c.recall, c.accuracy
    (0.8, 0.6666666666666666, 0.7)
    >>> Confusion(tn=5, fp=0, fn=5, tp=0).precision
    nan

    """

    tn: Count
    fp: Count
    fn: Count
    tp: Count

    @property
    def n(self) -> Count:
        """Total count (or weight) of samples."""
        return self.tn + self.fp + self.fn + self.tp

    @property
    def precision(self) -> float:
        """Share of predicted positives that are positive: tp / (tp + fp)."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of positives predicted positive: tp / (tp + fn)."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def tpr(self) -> float:
        """True positive rate, the same as recall."""
        return self.recall

    @property
    def fpr(self) -> float:
        """Share of negatives predicted positive: fp / (fp + tn)."""
        return _ratio(self.fp, self.fp + self.tn)

    @property
    def tnr(self) -> float:
        """True negative rate (specificity): tn / (tn + fp)."""
        return _ratio(self.tn, self.tn + self.fp)

    @property
    def fnr(self) -> float:
        """False negative rate (miss rate): fn / (fn + tp)."""
        return _ratio(self.fn, self.fn + self.tp)

    @property
    def accuracy(self) -> float:
        """Share of samples predicted correctly: (tp + tn) / n."""
        return _ratio(self.tp + self.tn, self.n)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall: 2 tp / (2 tp + fp + fn)."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


def confusion_at_thresholds(
    y_true: ArrayLike,
    y_score: ArrayLike,
    thresholds: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
) -> tuple[NDArray, NDArray, NDArray, NDArray]:
    """Count the confusion matrix at each of many thresholds.

    A sample is predicted positive when ``score >= threshold``. The cost is one
    sort of the scores plus a binary search per threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    thresholds : array-like of shape (n_thresholds,)
        Thresholds in any order; ``np.inf`` and ``-np.inf`` allowed, NaN not.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative sample weights.

    Returns
    -------
    tn, fp, fn, tp : ndarray of shape (n_thresholds,)
        Counts (int64), or weight sums (float64) when ``sample_weight`` is given.

    Examples
    --------
    >>> tn, fp, fn, tp = confusion_at_thresholds(
    ...     [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [0.3, 0.5]
    ... )
    >>> tn.tolist(), fp.tolist(), fn.tolist(), tp.tolist()
    ([1, 2], [1, 0], [0, 1], [2, 1])

    """
    labels, scores, weights = check_binary_scores(y_true, y_score, sample_weight)
    cuts = check_thresholds(thresholds)
    order = np.argsort(scores, kind="mergesort")
    if weights is None:
        positive = labels[order].astype(np.int64)
        negative = 1 - positive
    else:
        positive = labels[order] * weights[order]
        negative = (1 - labels[order]) * weights[order]
    # Counts of the samples below each cut: prefix sums, led by a 0.
    positives_below = np.concatenate(([0], np.cumsum(positive)))
    negatives_below = np.concatenate(([0], np.cumsum(negative)))
    below = np.searchsorted(scores[order], cuts, side="left")
    fn = positives_below[below]
    tn = negatives_below[below]
    return tn, negatives_below[-1] - tn, fn, positives_below[-1] - fn


def confusion_at_threshold(
    y_true: ArrayLike,
    y_score: ArrayLike,
    threshold: float,
    *,
    sample_weight: ArrayLike | None = None,
) -> Confusion:
    """Count the confusion matrix of the predictions ``score >= threshold``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    threshold : float
        The decision threshold; ``np.inf`` predicts nothing positive,
        ``-np.inf`` everything; NaN is refused.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative sample weights.

    Returns
    -------
    confusion : Confusion
        The counts (ints), or weight sums (floats) when weighted.

    Examples
    --------
    >>> confusion_at_threshold([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.3)
    Confusion(tn=1, fp=1, fn=0, tp=2)

    """
    cut = check_threshold(threshold, "threshold")
    counts = confusion_at_thresholds(y_true, y_score, [cut], sample_weight=sample_weight)
    return Confusion(*(count[0].item() for count in counts))


def predict_at_threshold(y_score: ArrayLike, threshold: float) -> NDArray[np.bool_]:
    """Return which samples are predicted positive: ``score >= threshold``.

    The same rule :func:`confusion_at_threshold` counts with.

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Finite scores.
    threshold : float
        The decision threshold; NaN is refused.

    Returns
    -------
    predicted : ndarray of bool, shape (n_samples,)

    Examples
    --------
    >>> predict_at_threshold([0.1, 0.3, 0.7], 0.3).tolist()
    [False, True, True]

    """
    cut = check_threshold(threshold, "threshold")
    return check_scores(y_score) >= cut
