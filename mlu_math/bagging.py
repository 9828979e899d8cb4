"""Bagging: bootstrap samples drawn with replacement, and the points each one leaves out."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_count, check_generator, check_indices

__all__ = [
    "bootstrap_indices",
    "bootstrap_samples",
    "expected_out_of_bag_share",
    "out_of_bag_mask",
]


def bootstrap_indices(n_samples: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """Draw one bootstrap sample: ``n_samples`` indices with replacement.

    Exactly ``rng.integers(0, n_samples, size=n_samples)``: every index is
    equally likely at every draw, so some samples come up twice or more and
    others not at all (scikit-learn's forests draw the same way from the
    legacy ``RandomState``).

    Parameters
    ----------
    n_samples : int
        Size of the training set, and of the sample drawn; at least 1.
    rng : numpy.random.Generator
        Source of the draws; advanced by the call.

    Returns
    -------
    indices : ndarray of shape (n_samples,), dtype int64
        Indices into the training set, in the order drawn.

    Examples
    --------
    >>> bootstrap_indices(6, np.random.default_rng(0)).tolist()
    [5, 3, 3, 1, 1, 0]
    """
    n = check_count(n_samples, "n_samples", minimum=1)
    return check_generator(rng).integers(0, n, size=n).astype(np.int64, copy=False)


def bootstrap_samples(
    n_samples: int, n_estimators: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    """Draw one bootstrap sample per estimator, one after another from ``rng``.

    Row ``i`` is what the ``i``-th call of :func:`bootstrap_indices` on
    ``rng`` would give.

    Parameters
    ----------
    n_samples : int
        Size of the training set, at least 1.
    n_estimators : int
        Number of samples to draw, at least 1.
    rng : numpy.random.Generator
        Source of the draws; advanced by the call.

    Returns
    -------
    indices : ndarray of shape (n_estimators, n_samples), dtype int64
        One bootstrap sample per row.
    """
    n = check_count(n_samples, "n_samples", minimum=1)
    k = check_count(n_estimators, "n_estimators", minimum=1)
    generator = check_generator(rng)
    return np.stack([bootstrap_indices(n, generator) for _ in range(k)])


def out_of_bag_mask(n_samples: int, indices: ArrayLike) -> NDArray[np.bool_]:
    """Return which samples a bootstrap sample left out (its *out-of-bag* samples).

    Parameters
    ----------
    n_samples : int
        Size of the training set, at least 1.
    indices : array-like of int, shape (n_drawn,)
        The bootstrap sample, each in ``[0, n_samples)``; empty means nothing was drawn.

    Returns
    -------
    mask : ndarray of shape (n_samples,), dtype bool
        True for every sample that was never drawn.

    Examples
    --------
    >>> out_of_bag_mask(6, [5, 3, 3, 1, 1, 0]).tolist()
    [False, False, True, False, True, False]
    """
    n = check_count(n_samples, "n_samples", minimum=1)
    drawn = check_indices(indices, "indices", n, "n_samples", allow_empty=True)
    return np.bincount(drawn, minlength=n) == 0


def expected_out_of_bag_share(n_samples: int) -> float:
    """Return the expected share of samples a bootstrap sample leaves out.

    Each sample is missed by each of the ``n`` draws with chance ``1 - 1/n``,
    so it is out of bag with chance ``(1 - 1/n) ** n``, which falls towards
    ``1/e`` (about 0.368) as ``n`` grows.

    Parameters
    ----------
    n_samples : int
        Size of the training set, at least 1.

    Returns
    -------
    share : float

    Examples
    --------
    >>> round(expected_out_of_bag_share(10), 4)
    0.3487
    """
    n = check_count(n_samples, "n_samples", minimum=1)
    return float((1.0 - 1.0 / n) ** n)
