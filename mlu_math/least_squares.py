"""Least squares through the SVD: the minimum-norm solution, ridge, singular values."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_finite_array, check_real, check_same_length

__all__ = ["min_norm_least_squares", "ridge_regression", "singular_values"]


def _check_matrix(X: ArrayLike) -> NDArray[np.float64]:
    """Return ``X`` as a finite 2-D float array with at least one row and column."""
    return check_finite_array(X, "X", ndim=2)


def _check_problem(X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return a valid design matrix and a matching 1-D target."""
    matrix = _check_matrix(X)
    target = check_finite_array(y, "y")
    check_same_length("X", matrix, "y", target)
    return matrix, target


def singular_values(X: ArrayLike) -> NDArray[np.float64]:
    """Return the singular values of ``X``, largest first.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        A finite matrix.

    Returns
    -------
    s : ndarray of shape (min(n_samples, n_features),)
        Non-negative, in descending order.

    Examples
    --------
    >>> singular_values([[3.0, 0.0], [0.0, -4.0]]).tolist()
    [4.0, 3.0]
    """
    return np.linalg.svd(_check_matrix(X), compute_uv=False)


def min_norm_least_squares(
    X: ArrayLike, y: ArrayLike, *, rcond: float | None = None
) -> NDArray[np.float64]:
    """Return the least-squares coefficients of smallest Euclidean norm.

    Among all ``coef`` minimising ``||X @ coef - y||``, the one with the
    smallest ``||coef||``: ``V diag(1 / s) U.T @ y`` over the singular values
    ``s`` above the cut-off. When ``X`` has at least as many columns as rows
    and full row rank, it fits ``y`` exactly: of all interpolating
    coefficients, the shortest. It equals ``numpy.linalg.pinv(X) @ y`` and
    ``numpy.linalg.lstsq(X, y)``, and is the limit of ridge regression as the
    penalty goes to 0.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The design matrix (no intercept column is added).
    y : array-like of shape (n_samples,)
        Targets.
    rcond : float, default=None
        Singular values at or below ``rcond * s.max()`` count as zero. None
        means ``max(n_samples, n_features) * eps``, numpy's ``lstsq`` default.

    Returns
    -------
    coef : ndarray of shape (n_features,)

    Examples
    --------
    >>> min_norm_least_squares([[1.0, 1.0]], [2.0]).round(12).tolist()
    [1.0, 1.0]
    """
    matrix, target = _check_problem(X, y)
    if rcond is None:
        rcond = max(matrix.shape) * np.finfo(float).eps
    else:
        check_real(rcond, "rcond", low=0)
    u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    kept = s > rcond * s[0]
    inverse = np.zeros_like(s)
    inverse[kept] = 1.0 / s[kept]
    return vt.T @ (inverse * (u.T @ target))


def ridge_regression(X: ArrayLike, y: ArrayLike, alpha: float) -> NDArray[np.float64]:
    """Return the ridge coefficients: minimise ``||X @ coef - y||^2 + alpha ||coef||^2``.

    Computed through the SVD as ``V diag(s / (s^2 + alpha)) U.T @ y``, so it
    works for any shape, including more features than samples. No intercept
    is fitted: the same coefficients as scikit-learn's
    ``Ridge(alpha=alpha, fit_intercept=False)``. ``alpha=0`` gives
    :func:`min_norm_least_squares`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The design matrix.
    y : array-like of shape (n_samples,)
        Targets.
    alpha : float
        The penalty, at least 0.

    Returns
    -------
    coef : ndarray of shape (n_features,)

    Examples
    --------
    >>> ridge_regression([[1.0], [1.0]], [1.0, 1.0], alpha=2.0).round(12).tolist()
    [0.5]
    """
    matrix, target = _check_problem(X, y)
    check_real(alpha, "alpha", low=0)
    if alpha == 0:
        return min_norm_least_squares(matrix, target)
    u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    return vt.T @ (s / (s**2 + alpha) * (u.T @ target))
