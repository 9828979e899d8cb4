"""Accuracy, precision, recall and F1 at many thresholds; F1 as a harmonic mean."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_1d,
    as_generator,
    check_labels,
    check_real,
    check_scores,
    check_unit_interval,
)
from mlu_math.confusion import confusion_at_thresholds
from mlu_math.ranking import precision_recall_curve

__all__ = [
    "ThresholdMetrics",
    "best_f1",
    "f1_isoline",
    "harmonic_mean",
    "metrics_at_thresholds",
    "subsample_positives",
    "to_unit_interval",
]

FloatArray = NDArray[np.float64]

_ROUNDING = 1e-12
"""How far past 1 a computed recall may fall and still count as 1."""


class ThresholdMetrics(NamedTuple):
    """Four metrics of the predictions ``score >= thresholds[i]``.

    Each array has shape (n_thresholds,). A metric whose denominator is 0 is
    NaN, as scikit-learn gives with ``zero_division=np.nan``: precision when
    nothing is predicted positive, recall when there are no positives, F1
    when there are neither positives nor positive predictions.
    """

    thresholds: FloatArray
    accuracy: FloatArray
    precision: FloatArray
    recall: FloatArray
    f1: FloatArray


def _divide(numerator: NDArray, denominator: NDArray) -> FloatArray:
    """Return ``numerator / denominator`` elementwise, NaN where it is 0 / 0."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def metrics_at_thresholds(
    y_true: ArrayLike,
    y_score: ArrayLike,
    thresholds: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
) -> ThresholdMetrics:
    """Compute accuracy, precision, recall and F1 at each of many thresholds.

    One call of :func:`~mlu_math.confusion_at_thresholds` gives the counts;
    the metrics are ratios of them, with no loop over the thresholds.

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
    metrics : ThresholdMetrics
        The thresholds (as float64) and the four metrics at each, every array
        of shape (n_thresholds,).

    Examples
    --------
    >>> m = metrics_at_thresholds([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [0.3, 0.5, 0.9])
    >>> m.accuracy.tolist(), m.recall.tolist()
    ([0.75, 0.75, 0.5], [1.0, 0.5, 0.0])
    >>> m.precision.round(3).tolist(), m.f1.round(3).tolist()
    ([0.667, 1.0, nan], [0.8, 0.667, 0.0])

    """
    tn, fp, fn, tp = confusion_at_thresholds(
        y_true, y_score, thresholds, sample_weight=sample_weight
    )
    return ThresholdMetrics(
        thresholds=np.asarray(thresholds, dtype=np.float64),
        accuracy=_divide(tp + tn, tn + fp + fn + tp),
        precision=_divide(tp, tp + fp),
        recall=_divide(tp, tp + fn),
        f1=_divide(2 * tp, 2 * tp + fp + fn),
    )


def harmonic_mean(precision: ArrayLike, recall: ArrayLike) -> FloatArray:
    """Return the harmonic mean ``2 p r / (p + r)`` of two rates, elementwise.

    This is F1 written in terms of precision and recall. It is 0 when either
    rate is 0 (including both), and NaN where either input is NaN.

    Parameters
    ----------
    precision, recall : array-like, broadcastable to a common shape
        Rates in [0, 1]; NaN allowed.

    Returns
    -------
    mean : ndarray of the broadcast shape
        The harmonic mean, never above the arithmetic mean ``(p + r) / 2``.

    Examples
    --------
    >>> harmonic_mean([0.5, 0.8, 1.0], [0.5, 0.2, 0.0]).round(3).tolist()
    [0.5, 0.32, 0.0]

    """
    p = check_unit_interval(precision, "precision", allow_nan=True)
    r = check_unit_interval(recall, "recall", allow_nan=True)
    try:
        np.broadcast_shapes(p.shape, r.shape)
    except ValueError:
        raise ValueError(
            f"precision and recall must broadcast to one shape, got shapes {p.shape} and {r.shape}"
        ) from None
    mean = _divide(2 * p * r, p + r)
    both_zero = (p == 0) & (r == 0)
    return np.where(both_zero, 0.0, mean)


def f1_isoline(f1: float, precision: ArrayLike) -> FloatArray:
    """Return the recall that gives F1 = ``f1`` at each precision.

    Solving ``f1 = 2 p r / (p + r)`` for ``r`` gives ``r = f1 p / (2 p - f1)``.
    Where no recall in [0, 1] reaches ``f1`` (precision at or below
    ``f1 / 2``, or the recall would exceed 1) the result is NaN, so the line
    can be drawn over the unit square as it is.

    Parameters
    ----------
    f1 : float
        The level, strictly between 0 and 1.
    precision : array-like of shape (n_points,)
        Precisions in [0, 1] (not NaN); at least one.

    Returns
    -------
    recall : ndarray of shape (n_points,)
        The recall on the level line, or NaN where it leaves the unit square.

    Examples
    --------
    >>> f1_isoline(0.5, [0.25, 0.5, 1.0]).round(3).tolist()
    [nan, 0.5, 0.333]

    """
    check_real(f1, "f1", low=0, high=1, low_open=True, high_open=True)
    p = check_unit_interval(as_1d(precision, "precision"), "precision")
    recall = _divide(f1 * p, 2 * p - f1)
    outside = (2 * p <= f1) | (recall > 1 + _ROUNDING)
    return np.where(outside, np.nan, np.minimum(recall, 1.0))


def best_f1(y_true: ArrayLike, y_score: ArrayLike) -> tuple[float, float]:
    """Return the threshold with the highest F1, and that F1.

    Only the distinct scores are candidates: between two of them the
    predictions, and so F1, do not change. Ties go to the highest threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); at least one positive.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.

    Returns
    -------
    threshold : float
        A score; predicting ``score >= threshold`` positive maximises F1.
    f1 : float
        The F1 of those predictions.

    Examples
    --------
    >>> best_f1([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    (0.35, 0.8)

    """
    labels = check_labels(y_true)
    if not labels.any():
        raise ValueError("y_true has no positive samples; F1 is 0 or undefined everywhere")
    precision, recall, thresholds = precision_recall_curve(labels, y_score)
    f1 = harmonic_mean(precision[:-1], recall[:-1])
    best = np.flatnonzero(f1 == f1.max())[-1]
    return float(thresholds[best]), float(f1[best])


def subsample_positives(
    y_true: ArrayLike,
    positive_share: float,
    *,
    seed: int | np.random.Generator,
) -> NDArray[np.intp]:
    """Keep every negative and draw just enough positives for a given share.

    The number of positives kept is ``round(share * n_neg / (1 - share))``,
    at least 1 and at most all of them; they are drawn without replacement.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); both classes present.
    positive_share : float
        The share of positives wanted in the subsample, strictly between 0
        and 1.
    seed : int or numpy.random.Generator
        Seed of, or the generator that draws the positives.

    Returns
    -------
    indices : ndarray of shape (n_kept,)
        Increasing indices into ``y_true`` of the samples kept.

    Examples
    --------
    >>> y = [1, 0, 1, 0, 0, 1, 0]
    >>> kept = subsample_positives(y, 0.2, seed=0)
    >>> kept.size, int(sum(y[i] for i in kept))
    (5, 1)

    """
    labels = check_labels(y_true)
    check_real(positive_share, "positive_share", low=0, high=1, low_open=True, high_open=True)
    positives = np.flatnonzero(labels == 1)
    negatives = np.flatnonzero(labels == 0)
    if positives.size == 0 or negatives.size == 0:
        raise ValueError("y_true must hold both classes to subsample the positives")
    wanted = round(positive_share * negatives.size / (1 - positive_share))
    n_kept = min(max(wanted, 1), positives.size)
    drawn = as_generator(seed, "seed").choice(positives, size=n_kept, replace=False)
    return np.sort(np.concatenate([negatives, drawn]))


def to_unit_interval(y_score: ArrayLike) -> FloatArray:
    """Return scores mapped into [0, 1], keeping their order.

    Scores already in [0, 1] (such as probabilities) are returned as they
    are; others are rescaled linearly so the lowest becomes 0 and the highest
    1. Every metric of ``score >= threshold`` is unchanged when the threshold
    is mapped the same way. Equal scores (no spread) all map to 0.5.

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Finite scores.

    Returns
    -------
    scores : ndarray of shape (n_samples,)
        Scores in [0, 1], in the same order.

    Examples
    --------
    >>> to_unit_interval([-2.0, 0.0, 2.0]).tolist()
    [0.0, 0.5, 1.0]
    >>> to_unit_interval([0.2, 0.9]).tolist()
    [0.2, 0.9]

    """
    scores = check_scores(y_score)
    low, high = scores.min(), scores.max()
    if low >= 0 and high <= 1:
        return scores.copy()
    if high == low:
        return np.full_like(scores, 0.5)
    return (scores - low) / (high - low)
