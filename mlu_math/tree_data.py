"""The decision-tree scene's data: apple and oak trees by trunk diameter and height."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_float_array,
    as_generator,
    check_bounds,
    check_count,
    check_finite,
    check_finite_array,
    check_generator,
    check_real,
)

__all__ = ["BOUNDS", "CLASS_NAMES", "FEATURE_NAMES", "TreeData", "jitter_subset", "make_tree_data"]

FEATURE_NAMES = ("diameter (cm)", "height (m)")
CLASS_NAMES = ("apple", "oak")
BOUNDS = ((0.0, 60.0), (0.0, 20.0))
"""``(low, high)`` of each feature: every sample lies inside."""


@dataclass(frozen=True, eq=False)
class TreeData:
    """Labelled samples in a 2-D box.

    Attributes
    ----------
    X : ndarray of shape (n_samples, 2)
        Trunk diameter (cm) and height (m); float32-exact, so scikit-learn
        (which works in float32) sees the very same numbers.
    y : ndarray of shape (n_samples,), dtype int64
        0 for an apple tree, 1 for an oak.
    """

    X: NDArray[np.float64]
    y: NDArray[np.int64]

    @property
    def bounds(self) -> NDArray[np.float64]:
        """The box the samples lie in, shape (2, 2): ``(low, high)`` per feature."""
        return np.array(BOUNDS)


def _float32_exact(values: NDArray[np.float64]) -> NDArray[np.float64]:
    return values.astype(np.float32).astype(np.float64)


def make_tree_data(n_samples: int = 70, *, seed: int = 0, label_noise: float = 0.06) -> TreeData:
    """Draw apple and oak trees whose classes a tree of depth 2-3 separates well.

    Apple trees stay short (up to about 9.5 m) with trunks up to 36 cm;
    most oaks are taller, and the short ones have thick trunks, so the
    classes part along a staircase: height first, then diameter. A share ``label_noise`` of
    the labels is flipped, so a tree grown to purity over-fits.

    Parameters
    ----------
    n_samples : int, default=70
        Number of trees, at least 10; about half are oaks.
    seed : int, default=0
        Seeds the draw.
    label_noise : float, default=0.06
        Share of labels flipped, in [0, 0.5).

    Returns
    -------
    TreeData

    Examples
    --------
    >>> data = make_tree_data(40, seed=1)
    >>> data.X.shape, sorted(set(data.y.tolist()))
    ((40, 2), [0, 1])
    """
    n = check_count(n_samples, "n_samples", 10)
    check_real(label_noise, "label_noise", low=0, high=0.5, high_open=True)
    rng = as_generator(seed, "seed")
    y = (np.arange(n) % 2).astype(np.int64)
    rng.shuffle(y)
    oak = y == 1
    short_oak = oak & (rng.random(n) < 0.35)
    diameter = np.where(oak, rng.uniform(14, 57, n), rng.uniform(4, 36, n))
    height = np.where(oak, rng.uniform(9, 19, n), rng.uniform(1.5, 9.5, n))
    diameter = np.where(short_oak, rng.uniform(34, 57, n), diameter)
    height = np.where(short_oak, rng.uniform(2.5, 10, n), height)
    flipped = rng.random(n) < label_noise
    y = np.where(flipped, 1 - y, y)
    X = np.column_stack([diameter, height])
    return TreeData(_float32_exact(np.round(X, 3)), y)


def _broadcast_scale(scale: float | ArrayLike, n_features: int) -> NDArray[np.float64]:
    """Return ``scale`` as one finite, non-negative standard deviation per feature."""
    sigma = check_finite(as_float_array(scale, "scale"), "scale")
    if sigma.ndim > 1 or sigma.size not in (1, n_features) or np.any(sigma < 0):
        raise ValueError(
            f"scale must be finite and non-negative, one number or one per feature "
            f"({n_features}), got {scale!r}"
        )
    return np.broadcast_to(sigma, (n_features,))


def jitter_subset(
    X: ArrayLike,
    fraction: float = 0.05,
    *,
    scale: float | ArrayLike,
    rng: np.random.Generator,
    bounds: ArrayLike | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Move a random ``fraction`` of the samples by Gaussian noise; leave the rest.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    fraction : float, default=0.05
        Share of the samples moved, in (0, 1]; at least one is moved.
    scale : float or array-like of shape (n_features,)
        Standard deviation of the noise, per feature or for all.
    rng : numpy.random.Generator
        Source of the choice and the noise.
    bounds : array-like of shape (n_features, 2), default=None
        ``(low, high)`` per feature; moved samples are clipped into it.

    Returns
    -------
    X_jittered : ndarray of shape (n_samples, n_features)
        A copy of ``X``, float32-exact, with the chosen rows moved.
    moved : ndarray of shape (n_moved,)
        Sorted indices of the moved rows.

    Examples
    --------
    >>> X = np.zeros((40, 2))
    >>> X2, moved = jitter_subset(X, scale=1.0, rng=np.random.default_rng(0))
    >>> moved.size, bool(np.all(X2[np.setdiff1d(np.arange(40), moved)] == 0))
    (2, True)
    """
    points = check_finite_array(X, "X", ndim=2).copy()
    check_real(fraction, "fraction", low=0, high=1, low_open=True)
    sigma = _broadcast_scale(scale, points.shape[1])
    check_generator(rng)
    n_moved = max(1, round(fraction * points.shape[0]))
    moved = np.sort(rng.choice(points.shape[0], size=n_moved, replace=False))
    points[moved] += rng.normal(size=(n_moved, points.shape[1])) * sigma
    if bounds is not None:
        box = check_bounds(bounds, "bounds", n_rows=points.shape[1])
        points = np.clip(points, box[:, 0], box[:, 1])
    return _float32_exact(points), moved
