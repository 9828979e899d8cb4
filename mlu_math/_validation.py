"""Private input checks shared by the metric functions of ``mlu_math``."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_1d",
    "check_binary_scores",
    "check_finite",
    "check_labels",
    "check_sample_weight",
    "check_scores",
    "check_thresholds",
]

_MAX_SHOWN = 5


def as_1d(values: ArrayLike, name: str) -> NDArray:
    """Return ``values`` as a non-empty 1-D array, or raise naming ``name``.

    Parameters
    ----------
    values : array-like of shape (n,)
        The input to convert.
    name : str
        The argument name used in error messages.

    Returns
    -------
    array : ndarray of shape (n,)
        ``values`` as an array, not copied when already one.

    """
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D (shape (n_samples,)), got an array of shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{name} is empty; at least 1 sample is needed")
    return array


def _as_float(array: NDArray, name: str) -> NDArray[np.float64]:
    """Convert a real-valued array to float64, or raise naming ``name``."""
    if array.dtype.kind not in "biuf":
        raise ValueError(
            f"{name} must hold real numbers (bool, int or float), got dtype {array.dtype}"
        )
    return array.astype(np.float64, copy=False)


def _shown(values: NDArray) -> str:
    """Format a few of ``values`` for an error message."""
    shown = ", ".join(repr(v.item()) for v in values[:_MAX_SHOWN])
    more = ", ..." if values.size > _MAX_SHOWN else ""
    return f"[{shown}{more}]"


def check_count(value: object, name: str, minimum: int) -> int:
    """Return ``value`` as an int of at least ``minimum``, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def as_generator(rng: object, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a numpy Generator, or a new one seeded with it (an int >= 0)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral) or rng < 0:
        raise ValueError(
            f"{name} must be a numpy.random.Generator or an int seed >= 0, got {rng!r}"
        )
    return np.random.default_rng(int(rng))


def check_finite(array: NDArray[np.float64], name: str) -> NDArray[np.float64]:
    """Raise if ``array`` holds NaN or infinity, naming ``name``.

    Parameters
    ----------
    array : ndarray of shape (n,)
        A float array.
    name : str
        The argument name used in error messages.

    Returns
    -------
    array : ndarray of shape (n,)
        The same array.

    """
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(
            f"{name} must be finite, but it holds {np.count_nonzero(bad)} NaN or "
            f"infinite value(s), e.g. {_shown(array[bad])}"
        )
    return array


def check_labels(y_true: ArrayLike) -> NDArray[np.int8]:
    """Return binary labels as an int8 array of 0s and 1s.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Labels; bools, or ints or floats equal to 0 or 1.

    Returns
    -------
    y_true : ndarray of shape (n_samples,), dtype int8
        The labels, 1 for the positive class.

    """
    array = as_1d(y_true, "y_true")
    if array.dtype.kind not in "biuf":
        raise ValueError(
            f"y_true must hold the labels 0 and 1 (or False and True), got dtype {array.dtype}"
        )
    bad = (array != 0) & (array != 1)
    if bad.any():
        raise ValueError(
            "y_true must hold only the labels 0 and 1 (or False and True), got "
            f"{_shown(np.unique(array[bad]))}"
        )
    return array.astype(np.int8)


def check_scores(y_score: ArrayLike, name: str = "y_score") -> NDArray[np.float64]:
    """Return finite real scores as a float64 array.

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Scores, probabilities or decision values.
    name : str, default="y_score"
        The argument name used in error messages.

    Returns
    -------
    y_score : ndarray of shape (n_samples,), dtype float64
        The scores.

    """
    return check_finite(_as_float(as_1d(y_score, name), name), name)


def check_sample_weight(
    sample_weight: ArrayLike | None, n_samples: int
) -> NDArray[np.float64] | None:
    """Return finite, non-negative sample weights with a positive sum, or None.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,) or None
        Weights of the samples; None means every sample weighs 1.
    n_samples : int
        The number of samples the weights must match.

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,), dtype float64, or None
        The weights.

    """
    if sample_weight is None:
        return None
    weights = check_scores(sample_weight, "sample_weight")
    if weights.size != n_samples:
        raise ValueError(f"sample_weight has {weights.size} samples but y_true has {n_samples}")
    negative = weights < 0
    if negative.any():
        raise ValueError(
            "sample_weight must be non-negative, got "
            f"{np.count_nonzero(negative)} negative value(s), e.g. "
            f"{_shown(weights[negative])}"
        )
    if not weights.sum() > 0:
        raise ValueError("sample_weight must have a positive sum, got all zeros")
    return weights


def check_binary_scores(
    y_true: ArrayLike,
    y_score: ArrayLike,
    sample_weight: ArrayLike | None = None,
) -> tuple[NDArray[np.int8], NDArray[np.float64], NDArray[np.float64] | None]:
    """Validate the inputs of a binary-classification metric.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: bools, or ints or floats equal to 0 or 1 (1 is positive).
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    sample_weight : array-like of shape (n_samples,), default=None
        Finite, non-negative weights with a positive sum.

    Returns
    -------
    y_true : ndarray of shape (n_samples,), dtype int8
        The labels as 0 and 1.
    y_score : ndarray of shape (n_samples,), dtype float64
        The scores.
    sample_weight : ndarray of shape (n_samples,), dtype float64, or None
        The weights, or None when none were given.

    Raises
    ------
    ValueError
        When an input is not 1-D, is empty, the lengths differ, a label is not
        0 or 1, a score is NaN or infinite, or a weight is negative.

    """
    labels = as_1d(y_true, "y_true")
    scores = as_1d(y_score, "y_score")
    if labels.size != scores.size:
        raise ValueError(f"y_true has {labels.size} samples but y_score has {scores.size}")
    labels = check_labels(labels)
    scores = check_scores(scores)
    return labels, scores, check_sample_weight(sample_weight, labels.size)


def check_thresholds(thresholds: ArrayLike, name: str = "thresholds") -> NDArray[np.float64]:
    """Return decision thresholds as a float64 array; infinities allowed, NaN not.

    Parameters
    ----------
    thresholds : array-like of shape (n_thresholds,)
        Thresholds; a sample is predicted positive when ``score >= threshold``.
    name : str, default="thresholds"
        The argument name used in error messages.

    Returns
    -------
    thresholds : ndarray of shape (n_thresholds,), dtype float64
        The thresholds.

    """
    array = _as_float(as_1d(thresholds, name), name)
    if np.isnan(array).any():
        raise ValueError(f"{name} must not be NaN (use np.inf or -np.inf for the extremes)")
    return array
