"""ROC and precision-recall curves, and the areas under them, as in scikit-learn."""

from __future__ import annotations

import warnings

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    check_binary_scores,
    check_finite_array,
    check_flag,
    check_same_length,
)

__all__ = [
    "UndefinedMetricWarning",
    "auc",
    "precision_recall_curve",
    "roc_auc_score",
    "roc_curve",
]

FloatArray = NDArray[np.float64]


class UndefinedMetricWarning(UserWarning):
    """Warn that a metric is undefined for the input (it is returned as NaN)."""


def _binary_clf_curve(
    y_true: NDArray[np.int8],
    y_score: FloatArray,
    sample_weight: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Count false and true positives at each distinct score, highest first.

    Samples of zero weight are dropped first, so that they add no threshold.

    Parameters
    ----------
    y_true : ndarray of shape (n_samples,)
        Validated labels, 0 or 1.
    y_score : ndarray of shape (n_samples,)
        Validated, finite scores.
    sample_weight : ndarray of shape (n_samples,) or None
        Validated weights, or None for unit weights.

    Returns
    -------
    fps : ndarray of shape (n_thresholds,)
        Weighted count of negatives with ``score >= thresholds[i]``.
    tps : ndarray of shape (n_thresholds,)
        Weighted count of positives with ``score >= thresholds[i]``.
    thresholds : ndarray of shape (n_thresholds,)
        The distinct scores, decreasing.

    """
    if sample_weight is not None:
        kept = sample_weight != 0
        y_true, y_score, sample_weight = (
            y_true[kept],
            y_score[kept],
            sample_weight[kept],
        )
    order = np.argsort(-y_score, kind="mergesort")
    y_score = y_score[order]
    positive = y_true[order].astype(np.float64)
    # The last sample of each run of equal scores closes a threshold.
    last = np.append(np.flatnonzero(np.diff(y_score)), y_score.size - 1)
    if sample_weight is None:
        tps = np.cumsum(positive)[last]
        fps = (last + 1) - tps
    else:
        weight = sample_weight[order]
        tps = np.cumsum(positive * weight)[last]
        fps = np.cumsum((1.0 - positive) * weight)[last]
    return fps, tps, y_score[last]


def _keep_ends(inner: NDArray[np.bool_]) -> NDArray[np.intp]:
    """Return the indices of the kept inner points, and of both ends."""
    return np.flatnonzero(np.concatenate(([True], inner, [True])))


def _corners(fps: FloatArray, tps: FloatArray) -> NDArray[np.intp]:
    """Return the indices where the (fps, tps) polyline bends, and both ends."""
    return _keep_ends((np.diff(fps, 2) != 0) | (np.diff(tps, 2) != 0))


def _run_ends(tps: FloatArray) -> NDArray[np.intp]:
    """Return the indices where ``tps`` differs from a neighbour, and both ends."""
    step = np.diff(tps) != 0
    return _keep_ends(step[:-1] | step[1:])


def _rate(counts: FloatArray, total: float, message: str) -> FloatArray:
    """Return ``counts / total``, or NaN with a warning when ``total`` is 0."""
    if total <= 0:
        warnings.warn(message, UndefinedMetricWarning, stacklevel=3)
        return np.full(counts.shape, np.nan)
    return counts / total


def roc_curve(
    y_true: ArrayLike,
    y_score: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    drop_intermediate: bool = True,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Compute the receiver operating characteristic (ROC) curve.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative sample weights.
    drop_intermediate : bool, default=True
        Drop thresholds whose point lies on a straight segment between its
        neighbours; the plotted curve and its area do not change.

    Returns
    -------
    fpr : ndarray of shape (n_thresholds + 1,)
        False positive rate of the predictions ``score >= thresholds[i]``;
        starts at 0 and ends at 1. All NaN (with a warning) without negatives.
    tpr : ndarray of shape (n_thresholds + 1,)
        True positive rate of the same predictions; starts at 0 and ends at 1.
        All NaN (with a warning) without positives.
    thresholds : ndarray of shape (n_thresholds + 1,)
        Decreasing thresholds; ``thresholds[0]`` is ``np.inf`` (nothing
        predicted positive), the others are distinct scores.

    Warns
    -----
    UndefinedMetricWarning
        When ``y_true`` holds only one class.

    Examples
    --------
    >>> fpr, tpr, thresholds = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.5, 0.5, 1.0, 1.0])
    >>> thresholds.tolist()
    [inf, 0.8, 0.4, 0.35, 0.1]

    """
    fps, tps, thresholds = _binary_clf_curve(*check_binary_scores(y_true, y_score, sample_weight))
    if check_flag(drop_intermediate, "drop_intermediate") and fps.size > 2:
        kept = _corners(fps, tps)
        fps, tps, thresholds = fps[kept], tps[kept], thresholds[kept]
    fps = np.concatenate(([0.0], fps))
    tps = np.concatenate(([0.0], tps))
    thresholds = np.concatenate(([np.inf], thresholds))
    fpr = _rate(fps, fps[-1], "y_true has no negative samples; fpr is undefined")
    tpr = _rate(tps, tps[-1], "y_true has no positive samples; tpr is undefined")
    return fpr, tpr, thresholds


def precision_recall_curve(
    y_true: ArrayLike,
    y_score: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    drop_intermediate: bool = False,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Compute precision-recall pairs for every distinct threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative sample weights.
    drop_intermediate : bool, default=False
        Drop thresholds whose recall equals both neighbours' (inner points of a
        vertical run of the curve).

    Returns
    -------
    precision : ndarray of shape (n_thresholds + 1,)
        Precision of the predictions ``score >= thresholds[i]``; the last
        element is 1 (nothing predicted positive).
    recall : ndarray of shape (n_thresholds + 1,)
        Decreasing recall of the same predictions; the last element is 0.
        All 1 (with a warning) when ``y_true`` has no positives.
    thresholds : ndarray of shape (n_thresholds,)
        Increasing distinct scores.

    Warns
    -----
    UndefinedMetricWarning
        When ``y_true`` has no positive samples.

    Examples
    --------
    >>> precision, recall, thresholds = precision_recall_curve(
    ...     [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]
    ... )
    >>> precision.round(3).tolist()
    [0.5, 0.667, 0.5, 1.0, 1.0]
    >>> recall.tolist()
    [1.0, 1.0, 0.5, 0.5, 0.0]
    >>> thresholds.tolist()
    [0.1, 0.35, 0.4, 0.8]

    """
    fps, tps, thresholds = _binary_clf_curve(*check_binary_scores(y_true, y_score, sample_weight))
    if check_flag(drop_intermediate, "drop_intermediate") and fps.size > 2:
        kept = _run_ends(tps)
        fps, tps, thresholds = fps[kept], tps[kept], thresholds[kept]
    # Zero-weight samples are dropped, so every threshold predicts some weight.
    precision = tps / (tps + fps)
    if tps[-1] <= 0:
        warnings.warn(
            "y_true has no positive samples; recall is set to 1 at every threshold",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        recall = np.ones_like(tps)
    else:
        recall = tps / tps[-1]
    return (
        np.append(precision[::-1], 1.0),
        np.append(recall[::-1], 0.0),
        thresholds[::-1],
    )


def auc(x: ArrayLike, y: ArrayLike) -> float:
    """Compute the area under a curve with the trapezoidal rule.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Finite x coordinates, monotonic increasing or monotonic decreasing;
        at least 2 points.
    y : array-like of shape (n_points,)
        Finite y coordinates.

    Returns
    -------
    area : float
        The area, positive for a non-negative ``y`` whichever way ``x`` runs.

    Examples
    --------
    >>> auc([0.0, 0.5, 1.0], [0.0, 1.0, 1.0])
    0.75

    """
    xs = check_finite_array(x, "x")
    ys = check_finite_array(y, "y")
    check_same_length("x", xs, "y", ys, unit="points")
    if xs.size < 2:
        raise ValueError(f"x and y need at least 2 points for an area, got {xs.size}")
    steps = np.diff(xs)
    if (steps >= 0).all():
        direction = 1.0
    elif (steps <= 0).all():
        direction = -1.0
    else:
        raise ValueError(
            "x must be monotonic increasing or monotonic decreasing, but it goes both ways"
        )
    return float(direction * np.trapezoid(ys, xs))


def roc_auc_score(
    y_true: ArrayLike,
    y_score: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
) -> float:
    """Compute the area under the ROC curve.

    It equals the probability that a random positive scores higher than a
    random negative, ties counting one half (the Mann-Whitney statistic).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); both classes must be present.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    sample_weight : array-like of shape (n_samples,), default=None
        Non-negative sample weights.

    Returns
    -------
    auc : float
        The area, between 0 and 1.

    Raises
    ------
    ValueError
        When ``y_true`` (counting only samples of non-zero weight) holds only
        one class, for which the area is undefined.

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75

    """
    labels, scores, weights = check_binary_scores(y_true, y_score, sample_weight)
    present = labels if weights is None else labels[weights > 0]
    if np.unique(present).size < 2:
        raise ValueError(
            f"y_true holds only the class {present[0]}; ROC AUC needs both "
            "positive (1) and negative (0) samples"
        )
    fpr, tpr, _ = roc_curve(labels, scores, sample_weight=weights)
    return auc(fpr, tpr)
