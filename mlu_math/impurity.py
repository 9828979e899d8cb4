"""Node impurity from class counts: entropy (bits), Gini, and the information gain of a split."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import as_float_array, check_choice, check_finite

__all__ = ["CRITERIA", "Criterion", "entropy", "gini", "impurity", "information_gain"]

Criterion = Literal["entropy", "log_loss", "gini"]
CRITERIA: tuple[str, ...] = ("entropy", "log_loss", "gini")
"""Accepted criterion names; ``"log_loss"`` is scikit-learn's other name for entropy."""


def _check_counts(counts: ArrayLike, name: str = "counts") -> NDArray[np.float64]:
    """Return class counts as a 1-D or 2-D float array, or raise naming ``name``."""
    array = as_float_array(counts, name)
    if array.ndim not in (1, 2) or array.shape[-1] == 0:
        raise ValueError(
            f"{name} must have shape (n_classes,) or (n_nodes, n_classes) with n_classes >= 1, "
            f"got shape {array.shape}"
        )
    check_finite(array, name)
    if np.any(array < 0):
        raise ValueError(f"{name} must be non-negative, got {array[array < 0][:5].tolist()}")
    if np.any(array.sum(axis=-1) <= 0):
        raise ValueError(f"{name} must have a positive total in every node")
    return array


def _proportions(counts: NDArray[np.float64]) -> NDArray[np.float64]:
    return counts / counts.sum(axis=-1, keepdims=True)


def _as_result(values: NDArray[np.float64], ndim: int) -> float | NDArray[np.float64]:
    return float(values) if ndim == 1 else values


def entropy(counts: ArrayLike) -> float | NDArray[np.float64]:
    """Return the Shannon entropy, in bits, of the class mix given by ``counts``.

    ``H = -sum_k p_k log2 p_k`` with ``p_k`` the share of class ``k`` (and
    ``0 log 0 = 0``): 0 for a pure node, 1 for an even two-class node,
    ``log2(n_classes)`` at most.

    Parameters
    ----------
    counts : array-like of shape (n_classes,) or (n_nodes, n_classes)
        Non-negative class counts (or weights) of one node, or one row per node.

    Returns
    -------
    float, or ndarray of shape (n_nodes,)

    Examples
    --------
    >>> entropy([5, 5]), entropy([4, 0]), entropy([[1, 3], [2, 2]]).tolist()
    (1.0, 0.0, [0.8112781244591328, 1.0])
    """
    array = _check_counts(counts)
    p = _proportions(array)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    return _as_result(np.maximum(-terms.sum(axis=-1), 0.0), array.ndim)


def gini(counts: ArrayLike) -> float | NDArray[np.float64]:
    """Return the Gini impurity ``1 - sum_k p_k**2`` of the class mix given by ``counts``.

    The chance that two samples drawn with replacement from the node have
    different classes: 0 for a pure node, 0.5 for an even two-class node.

    Parameters
    ----------
    counts : array-like of shape (n_classes,) or (n_nodes, n_classes)
        Non-negative class counts (or weights) of one node, or one row per node.

    Returns
    -------
    float, or ndarray of shape (n_nodes,)

    Examples
    --------
    >>> gini([5, 5]), gini([3, 1])
    (0.5, 0.375)
    """
    array = _check_counts(counts)
    p = _proportions(array)
    return _as_result(np.maximum(1.0 - np.sum(p * p, axis=-1), 0.0), array.ndim)


def _check_criterion(criterion: str) -> str:
    return check_choice(criterion, "criterion", CRITERIA)


def impurity(counts: ArrayLike, criterion: Criterion = "entropy") -> float | NDArray[np.float64]:
    """Return :func:`entropy` or :func:`gini` of ``counts``, chosen by ``criterion``.

    Parameters
    ----------
    counts : array-like of shape (n_classes,) or (n_nodes, n_classes)
    criterion : {"entropy", "log_loss", "gini"}, default="entropy"

    Returns
    -------
    float, or ndarray of shape (n_nodes,)
    """
    return gini(counts) if _check_criterion(criterion) == "gini" else entropy(counts)


def information_gain(
    parent_counts: ArrayLike,
    left_counts: ArrayLike,
    right_counts: ArrayLike,
    criterion: Criterion = "entropy",
) -> float | NDArray[np.float64]:
    """Return how much a split lowers impurity: the parent's minus the children's, weighted.

    ``gain = I(parent) - n_left / n * I(left) - n_right / n * I(right)``, with
    ``n`` the parent's total. With ``criterion="gini"`` this is scikit-learn's
    impurity decrease of a node (before it is weighted by the node's share
    of the training set).

    Parameters
    ----------
    parent_counts : array-like of shape (n_classes,)
        Class counts of the node being split.
    left_counts, right_counts : array-like of shape (n_classes,) or (n_splits, n_classes)
        Class counts of the two children of one split, or of several
        candidate splits (one row each); each row of the two must add up to
        ``parent_counts``, and neither child may be empty.
    criterion : {"entropy", "log_loss", "gini"}, default="entropy"

    Returns
    -------
    float, or ndarray of shape (n_splits,)

    Examples
    --------
    >>> information_gain([4, 4], [4, 0], [0, 4])
    1.0
    >>> round(information_gain([4, 4], [3, 1], [1, 3], criterion="gini"), 4)
    0.125
    """
    _check_criterion(criterion)
    parent = _check_counts(parent_counts, "parent_counts")
    if parent.ndim != 1:
        raise ValueError(f"parent_counts must have shape (n_classes,), got {parent.shape}")
    left = _check_counts(left_counts, "left_counts")
    right = _check_counts(right_counts, "right_counts")
    if left.shape != right.shape or left.shape[-1] != parent.size:
        raise ValueError(
            "left_counts and right_counts must have the same shape, with parent_counts' "
            f"{parent.size} classes; got {left.shape} and {right.shape}"
        )
    if not np.allclose(left + right, parent, rtol=1e-12, atol=1e-9):
        raise ValueError("left_counts + right_counts must equal parent_counts in every class")
    total = parent.sum()
    weighted = left.sum(axis=-1) / total * impurity(left, criterion) + right.sum(
        axis=-1
    ) / total * impurity(right, criterion)
    return _as_result(impurity(parent, criterion) - weighted, left.ndim)
