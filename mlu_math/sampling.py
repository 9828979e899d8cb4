"""Subsets small enough to draw: a stratified sample of dots, a curve's visible corners."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import as_1d, check_binary_scores, check_count

__all__ = ["class_quotas", "stratified_sample", "thin_curve"]


def class_quotas(counts: ArrayLike, size: int) -> NDArray[np.intp]:
    """Share ``size`` draws among classes in proportion to their ``counts``.

    Largest remainders round the shares to whole draws, so each quota is
    within one of its exact share; but every class with a member gets at
    least one draw, taken from the class furthest above its share.

    Parameters
    ----------
    counts : array-like of int, shape (n_classes,)
        Members of each class, each at least 0, summing to at least ``size``.
    size : int
        Draws in all, at least the number of classes with members.

    Returns
    -------
    quotas : ndarray of shape (n_classes,)
        Draws from each class; they sum to ``size``.

    Examples
    --------
    >>> class_quotas([700, 300], 10).tolist(), class_quotas([998, 2], 10).tolist()
    ([7, 3], [9, 1])
    """
    members = np.asarray(counts, dtype=np.int64)
    size = check_count(size, "size", 1)
    if members.ndim != 1 or (members < 0).any():
        raise ValueError(f"counts must be a 1-D array of counts >= 0, got {members.tolist()!r}")
    present = np.count_nonzero(members)
    if not present <= size <= members.sum():
        raise ValueError(
            f"size must be between the {present} classes present and the {members.sum()} "
            f"members, got {size}"
        )
    exact = size * members / members.sum()
    quotas = np.floor(exact).astype(np.intp)
    order = np.argsort(-(exact - quotas), kind="stable")
    quotas[order[: size - quotas.sum()]] += 1
    for empty in np.flatnonzero((members > 0) & (quotas == 0)):
        surplus = np.where(quotas > 1, quotas - exact, -np.inf)
        quotas[np.argmax(surplus)] -= 1
        quotas[empty] = 1
    return quotas


def stratified_sample(
    y_true: ArrayLike,
    y_score: ArrayLike,
    size: int,
    *,
    include_extremes: bool = True,
) -> NDArray[np.intp]:
    """Pick about ``size`` samples that show both classes' scores as they are.

    Stratified twice, with no randomness: each class gets a share of ``size``
    in proportion to its count (:func:`class_quotas`), and within a class the
    picks are spread evenly over the ranks of its scores, so the sample's
    scores follow the class's quantiles. When there are at most ``size``
    samples, every one is returned.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed).
    y_score : array-like of shape (n_samples,)
        Finite scores.
    size : int
        Samples wanted, at least 2.
    include_extremes : bool, default=True
        Pick the lowest and highest score of each class (for classes given
        two or more picks): ranks ``round(k (n_c - 1) / (m - 1))``. Otherwise
        the middle rank of each of ``m`` equal slices: ``floor((k + 1/2) n_c / m)``.

    Returns
    -------
    indices : ndarray of shape (min(size, n_samples),)
        Increasing indices into ``y_true``; ``arange(n_samples)`` when
        ``n_samples <= size``. Ties in score are taken in input order.

    Examples
    --------
    >>> y_true = [0, 1, 0, 1, 0, 0, 1, 0]
    >>> y_score = [0.1, 0.9, 0.4, 0.6, 0.3, 0.8, 0.7, 0.2]
    >>> stratified_sample(y_true, y_score, 4).tolist()
    [0, 4, 5, 6]
    """
    labels, scores, _ = check_binary_scores(y_true, y_score)
    size = check_count(size, "size", 2)
    if labels.size <= size:
        return np.arange(labels.size)
    members = [np.flatnonzero(labels == value) for value in (0, 1)]
    quotas = class_quotas([m.size for m in members], size)
    picks = [
        _spread(rows[np.argsort(scores[rows], kind="stable")], quota, include_extremes)
        for rows, quota in zip(members, quotas, strict=True)
    ]
    return np.sort(np.concatenate(picks))


def _spread(ranked: NDArray[np.intp], m: int, include_extremes: bool) -> NDArray[np.intp]:
    """Return ``m`` of ``ranked`` spread evenly over its ranks."""
    n = ranked.size
    if m == 0:
        return ranked[:0]
    if include_extremes and m >= 2:
        ranks = np.floor(np.arange(m) * (n - 1) / (m - 1) + 0.5)
    else:
        ranks = np.floor((np.arange(m) + 0.5) * n / m)
    return ranked[ranks.astype(np.intp)]


def thin_curve(x: ArrayLike, y: ArrayLike, resolution: int = 1000) -> NDArray[np.intp]:
    """Return the points of a curve that a drawing ``resolution`` columns wide shows.

    The x range is cut into ``resolution`` equal columns; in each, only the
    first and last point and those with the lowest and highest y are kept
    (the M4 rule of Jugel et al., 2014, "M4: a visualization-oriented time
    series data aggregation"). Drawn as a polyline, the kept points cover the
    same columns and, in each, the same span of y as the whole curve, so the
    two drawings differ by less than one column. A curve of at most
    ``4 * resolution`` points is kept whole.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Monotonic x coordinates (increasing or decreasing), finite.
    y : array-like of shape (n_points,)
        y coordinates; NaN allowed (never chosen as lowest or highest).
    resolution : int, default=1000
        Columns across the x range, at least 1.

    Returns
    -------
    indices : ndarray of shape (n_kept,)
        Increasing indices of the kept points, the first and last among them.

    Examples
    --------
    >>> x = np.repeat([0.0, 1.0], 5)
    >>> y = np.array([0, 3, 1, 4, 2, 2, 2, 9, 2, 2], dtype=float)
    >>> thin_curve(x, y, resolution=2).tolist()
    [0, 3, 4, 5, 7, 9]
    """
    xs = as_1d(x, "x").astype(np.float64)
    ys = as_1d(y, "y").astype(np.float64)
    resolution = check_count(resolution, "resolution", 1)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have one shape, got {xs.shape} and {ys.shape}")
    if not np.isfinite(xs).all():
        raise ValueError("x must be finite")
    steps = np.diff(xs)
    if (steps < 0).any() and (steps > 0).any():
        raise ValueError("x must be monotonic (increasing or decreasing)")
    if xs.size <= 4 * resolution:
        return np.arange(xs.size)
    return _m4(xs, ys, resolution)


def _m4(xs: NDArray[np.float64], ys: NDArray[np.float64], resolution: int) -> NDArray[np.intp]:
    """Return the first, last, lowest and highest point of each column, sorted."""
    low, high = min(xs[0], xs[-1]), max(xs[0], xs[-1])
    span = high - low if high > low else 1.0
    column = np.minimum(((xs - low) / span * resolution).astype(np.int64), resolution - 1)
    starts = np.flatnonzero(np.concatenate(([True], np.diff(column) != 0)))
    ends = np.append(starts[1:], xs.size) - 1
    run = np.repeat(np.arange(starts.size), ends - starts + 1)
    kept = [starts, ends]
    for pick in (np.fmin, np.fmax):
        extreme = pick.reduceat(ys, starts)
        hits = np.flatnonzero(ys == extreme[run])
        kept.append(hits[np.unique(run[hits], return_index=True)[1]])
    return np.unique(np.concatenate(kept))
