"""Condorcet's jury theorem: how often the majority of independent voters is right."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_count, check_unit_interval

__all__ = ["majority_vote_probability"]


def _binomial_pmf(k: NDArray[np.int64], n: int, p: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return P(K = k) for K ~ Binomial(n, p), shape ``p.shape + k.shape``.

    Computed in log space (``lgamma``) so that large juries neither overflow
    the binomial coefficient nor underflow it; ``0 ** 0`` counts as 1.
    """
    log_comb = np.array(
        [math.lgamma(n + 1) - math.lgamma(j + 1) - math.lgamma(n - j + 1) for j in k]
    )
    p = p[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_right = np.where(k == 0, 0.0, k * np.log(p))
        log_wrong = np.where(k == n, 0.0, (n - k) * np.log1p(-p))
    return np.exp(log_comb + log_right + log_wrong)


def majority_vote_probability(n_voters: int, p: ArrayLike) -> float | NDArray[np.float64]:
    r"""Return the chance that the majority of ``n_voters`` independent voters is right.

    Each voter is right with probability ``p``, independently of the others
    (Condorcet's jury theorem, 1785). The majority is right when more than
    half of the voters are; for an even number of voters a tie is broken by
    a fair coin, so it counts one half:

    .. math::

        P = \sum_{k > n/2} \binom{n}{k} p^k (1 - p)^{n - k}
            + \tfrac{1}{2} [n \text{ even}] \binom{n}{n/2} p^{n/2} (1 - p)^{n/2}

    With that rule an even jury is exactly as good as the odd jury one voter
    smaller, which is why the essay's slider steps through odd numbers.

    Parameters
    ----------
    n_voters : int
        Number of voters (trees), at least 1.
    p : float or array-like
        Each voter's chance of being right, in [0, 1].

    Returns
    -------
    probability : float or ndarray of the shape of ``p``
        The chance that the majority vote is right; a float for a scalar ``p``.

    Examples
    --------
    >>> round(majority_vote_probability(3, 0.6), 3)
    0.648
    >>> round(majority_vote_probability(4, 0.6), 3)
    0.648
    """
    n = check_count(n_voters, "n_voters", 1)
    probabilities = check_unit_interval(p, "p")
    k = np.arange(n // 2 + 1, n + 1)
    total = _binomial_pmf(k, n, probabilities).sum(axis=-1)
    if n % 2 == 0:
        total = total + 0.5 * _binomial_pmf(np.array([n // 2]), n, probabilities)[..., 0]
    total = np.clip(total, 0.0, 1.0)
    return float(total) if total.ndim == 0 else total
