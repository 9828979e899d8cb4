"""Stack dots of equal size along a line so that none overlap."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["beeswarm_levels"]


def beeswarm_levels(x: ArrayLike, diameter: float) -> NDArray[np.int_]:
    """Return the stacking level of each dot in a one-sided beeswarm.

    Dots are taken from left to right; each goes to the lowest level whose
    last dot is at least ``diameter`` to its left, so dots on one level never
    overlap.

    Parameters
    ----------
    x : array-like of shape (n,)
        Positions of the dots along the line.
    diameter : float
        The dots' diameter, in the same units as ``x``; must be positive.

    Returns
    -------
    levels : ndarray of shape (n,)
        Level 0 sits on the line, level 1 above it, and so on.

    Examples
    --------
    >>> beeswarm_levels([0.0, 0.05, 0.2, 0.21], diameter=0.1).tolist()
    [0, 1, 0, 1]
    """
    positions = np.asarray(x, dtype=float)
    if positions.ndim != 1:
        raise ValueError(f"x must be 1-D, got shape {positions.shape}")
    if not diameter > 0:
        raise ValueError(f"diameter must be positive, got {diameter}")
    levels = np.zeros(positions.size, dtype=int)
    last_on_level: list[float] = []
    for i in np.argsort(positions, kind="stable"):
        free = [k for k, last in enumerate(last_on_level) if positions[i] - last >= diameter]
        level = free[0] if free else len(last_on_level)
        if not free:
            last_on_level.append(-np.inf)
        last_on_level[level] = positions[i]
        levels[i] = level
    return levels
