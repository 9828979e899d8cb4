"""Regression on one feature: least-squares polynomials, k-nearest neighbours, squared error."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_count, check_same_length, check_scores

__all__ = ["knn_regression", "mean_squared_error", "polynomial_fit", "polynomial_predict"]


def _check_pair(x: ArrayLike, y: ArrayLike, x_name: str, y_name: str) -> tuple[NDArray, NDArray]:
    """Return two finite 1-D float arrays of one length, or raise naming them."""
    xs, ys = check_scores(x, x_name), check_scores(y, y_name)
    check_same_length(x_name, xs, y_name, ys)
    return xs, ys


def polynomial_fit(x: ArrayLike, y: ArrayLike, degree: int) -> NDArray[np.float64]:
    """Fit a least-squares polynomial of ``degree`` to the points (``x``, ``y``).

    The fit is well conditioned: ``x`` is first mapped linearly onto [-1, 1]
    (the data's range), the Vandermonde matrix of the mapped values has its
    columns scaled to unit norm and is solved by ``numpy.linalg.lstsq`` (an
    SVD); the coefficients are then mapped back to powers of ``x``. This is
    the method of ``numpy.polynomial.Polynomial.fit(x, y, degree).convert()``
    and gives the same polynomial as ``numpy.polyfit(x, y, degree)``.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        The feature; finite.
    y : array-like of shape (n_samples,)
        The targets; finite.
    degree : int
        From 0 (the mean of ``y``) to one less than the number of distinct
        ``x`` values (a polynomial through every point).

    Returns
    -------
    coef : ndarray of shape (degree + 1,)
        Coefficients of ``1, x, x**2, ...`` (increasing powers, the order of
        ``numpy.polynomial``; ``numpy.polyfit`` gives them reversed).

    Examples
    --------
    >>> polynomial_fit([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], 1).round(12).tolist()
    [1.0, 2.0]
    """
    xs, ys = _check_pair(x, y, "x", "y")
    n_distinct = np.unique(xs).size
    degree = check_count(
        degree, "degree", 0, n_distinct - 1, reason=f"x has {n_distinct} distinct value(s)"
    )
    low, high = float(xs.min()), float(xs.max())
    scale = 2.0 / (high - low) if high > low else 1.0
    shift = -(high + low) / 2.0 * scale
    design = np.vander(scale * xs + shift, degree + 1, increasing=True)
    norms = np.linalg.norm(design, axis=0)
    scaled_coef, *_ = np.linalg.lstsq(design / norms, ys, rcond=None)
    return _unmap(scaled_coef / norms, scale, shift)


def _unmap(coef: NDArray[np.float64], scale: float, shift: float) -> NDArray[np.float64]:
    """Turn coefficients of powers of ``t = scale * x + shift`` into powers of ``x``."""
    out = np.zeros_like(coef)
    power = np.array([1.0])  # coefficients of t**j in powers of x
    for c in coef:
        out[: power.size] += c * power
        power = np.convolve(power, [shift, scale])
    return out


def polynomial_predict(coef: ArrayLike, x: ArrayLike) -> NDArray[np.float64]:
    """Evaluate the polynomial with coefficients ``coef`` at ``x``.

    Parameters
    ----------
    coef : array-like of shape (degree + 1,)
        Coefficients of increasing powers, as :func:`polynomial_fit` returns.
    x : array-like of shape (n_samples,)
        Where to evaluate; finite.

    Returns
    -------
    y_pred : ndarray of shape (n_samples,)

    Examples
    --------
    >>> polynomial_predict([1.0, 2.0], [0.0, 0.5]).tolist()
    [1.0, 2.0]
    """
    coefs = check_scores(coef, "coef")
    xs = check_scores(x, "x")
    out = np.zeros_like(xs)
    for c in coefs[::-1]:  # Horner's rule
        out = out * xs + c
    return out


def knn_regression(
    x_train: ArrayLike, y_train: ArrayLike, x_query: ArrayLike, k: int
) -> NDArray[np.float64]:
    """Predict each query as the mean target of its ``k`` nearest training points.

    The same as scikit-learn's ``KNeighborsRegressor(n_neighbors=k)`` (uniform
    weights, distance ``|x - x'|``) fitted on ``x_train`` and asked about
    ``x_query``. Ties: training points at equal distance are taken in the
    order of ``x_train`` (lower index first), so a query halfway between two
    points with ``k=1`` gets the earlier one's target. scikit-learn leaves
    that order to its search algorithm and warns that the result may depend
    on it; without ties the two agree.

    Parameters
    ----------
    x_train : array-like of shape (n_train,)
        The training feature; finite.
    y_train : array-like of shape (n_train,)
        The training targets; finite.
    x_query : array-like of shape (n_query,)
        Where to predict; finite.
    k : int
        Neighbours averaged, from 1 (most flexible) to ``n_train`` (the
        training mean everywhere).

    Returns
    -------
    y_pred : ndarray of shape (n_query,)

    Examples
    --------
    >>> knn_regression([0.0, 1.0, 2.0], [0.0, 3.0, 9.0], [0.1, 1.9], k=2).tolist()
    [1.5, 6.0]
    """
    xs, ys = _check_pair(x_train, y_train, "x_train", "y_train")
    queries = check_scores(x_query, "x_query")
    k = check_count(k, "k", 1, xs.size, reason=f"x_train has {xs.size} sample(s)")
    distance = np.abs(queries[:, None] - xs[None, :])
    nearest = np.argsort(distance, axis=1, kind="stable")[:, :k]
    return ys[nearest].mean(axis=1)


def mean_squared_error(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Return the mean of ``(y_true - y_pred) ** 2``, as scikit-learn's function of that name.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Targets and predictions; finite.

    Examples
    --------
    >>> mean_squared_error([1.0, 2.0], [1.0, 4.0])
    2.0
    """
    truth, pred = _check_pair(y_true, y_pred, "y_true", "y_pred")
    return float(np.mean((truth - pred) ** 2))
