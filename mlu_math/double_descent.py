"""Double descent: minimum-norm fits of noisy 1-D data with a growing number of features."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_generator,
    check_count,
    check_count_array,
    check_real,
    check_same_length,
    check_scores,
)
from mlu_math.feature_maps import DOMAIN, FeatureKind, features
from mlu_math.least_squares import min_norm_least_squares, ridge_regression

__all__ = [
    "JITTER",
    "NOISE",
    "N_TEST",
    "ErrorCurve",
    "coefficient_norm_curve",
    "double_descent_data",
    "error_curve",
    "fit_coefficients",
    "fit_curve",
    "sample_wise_curve",
    "smallest_singular_value_curve",
    "train_test_errors",
    "true_function",
]

NOISE = 0.2
"""Default standard deviation of the noise added to the targets."""
N_TEST = 1000
"""Size of the fresh test set each repeat of a curve is scored on."""
JITTER = 1.0
"""How far, in bin widths, each input may stray from its bin's centre."""

Rng = int | np.random.Generator


def true_function(x: ArrayLike) -> NDArray[np.float64]:
    """Return ``sin(pi x) + 0.4 cos(3 pi x)``: the curve the data are drawn around.

    Examples
    --------
    >>> true_function([0.0, 0.5]).round(6).tolist()
    [0.4, 1.0]
    """
    values = np.asarray(x, dtype=float)
    return np.sin(np.pi * values) + 0.4 * np.cos(3 * np.pi * values)


def double_descent_data(
    n_samples: int, *, noise: float = NOISE, rng: Rng = 0, jitter: float = JITTER
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Draw noisy samples of :func:`true_function`, spread over the domain.

    :data:`~mlu_math.feature_maps.DOMAIN` is cut into ``n_samples`` equal
    bins and each gets one point, at ``jitter * (u - 1/2)`` bin widths from
    its centre, ``u`` uniform; then ``y = true_function(x) + noise * N(0, 1)``.
    Both are drawn from ``rng``, the ``u`` first. ``jitter=1`` is stratified
    sampling; below 1 it keeps any two points at least ``1 - jitter`` bin
    widths apart, so no two nearly equal inputs carry different noise.

    Parameters
    ----------
    n_samples : int
        At least 1.
    noise : float, default=NOISE
        Standard deviation of the noise, >= 0.
    rng : numpy.random.Generator or int, default=0
        Source of the draws (an int seeds a new generator).
    jitter : float, default=JITTER
        In [0, 1]; 0 gives evenly spaced inputs.

    Returns
    -------
    x : ndarray of shape (n_samples,)
        Increasing.
    y : ndarray of shape (n_samples,)
    """
    n = check_count(n_samples, "n_samples", minimum=1)
    sd = check_real(noise, "noise", low=0)
    check_real(jitter, "jitter", low=0, high=1)
    generator = as_generator(rng)
    low, high = DOMAIN
    offsets = 0.5 + jitter * (generator.random(n) - 0.5)
    x = low + (np.arange(n) + offsets) * (high - low) / n
    return x, true_function(x) + sd * generator.normal(size=n)


def _solve(phi: NDArray[np.float64], y: NDArray[np.float64], alpha: float) -> NDArray[np.float64]:
    return min_norm_least_squares(phi, y) if alpha == 0 else ridge_regression(phi, y, alpha)


def fit_coefficients(
    x_train: ArrayLike,
    y_train: ArrayLike,
    n_features: int,
    *,
    alpha: float = 0.0,
    feature_seed: int = 0,
    kind: FeatureKind = "fourier",
) -> NDArray[np.float64]:
    """Return the coefficients of the model with ``n_features`` features fitted to the data.

    Minimum-norm least squares when ``alpha == 0``, else ridge with penalty
    ``alpha``, on the features of :func:`~mlu_math.feature_maps.features`.

    Returns
    -------
    coef : ndarray of shape (n_features,)
    """
    xs, ys = check_scores(x_train, "x_train"), check_scores(y_train, "y_train")
    check_same_length("x_train", xs, "y_train", ys)
    phi = features(xs, n_features, seed=feature_seed, kind=kind)
    return _solve(phi, ys, check_real(alpha, "alpha", low=0))


def fit_curve(
    x_train: ArrayLike,
    y_train: ArrayLike,
    x_grid: ArrayLike,
    n_features: int,
    *,
    alpha: float = 0.0,
    feature_seed: int = 0,
    kind: FeatureKind = "fourier",
) -> NDArray[np.float64]:
    """Fit the model with ``n_features`` features and return its values on ``x_grid``.

    Parameters
    ----------
    x_train, y_train : array-like of shape (n_samples,)
        Training data.
    x_grid : array-like of shape (n_grid,)
        Where to evaluate the fitted curve.
    n_features : int
        p, the number of features: the first p of the family.
    alpha : float, default=0.0
        0 for minimum-norm least squares, > 0 for ridge.
    feature_seed : int, default=0
        Names the feature family.
    kind : {"fourier", "abs"}, default="fourier"
        Which feature family.

    Returns
    -------
    y_grid : ndarray of shape (n_grid,)

    Examples
    --------
    >>> x, y = double_descent_data(5, rng=0)
    >>> bool(np.allclose(fit_curve(x, y, x, 40), y))
    True
    """
    coef = fit_coefficients(
        x_train, y_train, n_features, alpha=alpha, feature_seed=feature_seed, kind=kind
    )
    return features(x_grid, n_features, seed=feature_seed, kind=kind) @ coef


@dataclass(frozen=True)
class ErrorCurve:
    """Training and test mean squared error against the number of features.

    Attributes
    ----------
    n_features : ndarray of shape (n_points,)
        The values of p.
    train_mse, test_mse : ndarray of shape (n_points,)
        Mean over the repeats.
    train_mse_median, test_mse_median : ndarray of shape (n_points,)
        Median over the repeats (robust to the rare huge error near p = n).
    train_mse_repeats, test_mse_repeats : ndarray of shape (n_repeats, n_points)
        Each repeat's errors.
    """

    n_features: NDArray[np.intp]
    train_mse: NDArray[np.float64]
    test_mse: NDArray[np.float64]
    train_mse_median: NDArray[np.float64]
    test_mse_median: NDArray[np.float64]
    train_mse_repeats: NDArray[np.float64]
    test_mse_repeats: NDArray[np.float64]


@dataclass(frozen=True)
class _Draw:
    """One repeat's data: a training set, a fresh test set, a feature family."""

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    x_test: NDArray[np.float64]
    y_test: NDArray[np.float64]
    feature_seed: int


def _draw(generator: np.random.Generator, n_train: int, noise: float, n_test: int) -> _Draw:
    """Draw, in this order: the training set, the test set (none if ``n_test == 0``), the seed."""
    x, y = double_descent_data(n_train, noise=noise, rng=generator)
    x_test, y_test = (
        double_descent_data(n_test, noise=noise, rng=generator) if n_test else (x[:0], y[:0])
    )
    return _Draw(x, y, x_test, y_test, int(generator.integers(2**31)))


def _errors(
    draw: _Draw, ps: NDArray[np.intp], alpha: float, kind: FeatureKind
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the train and test MSE of one draw at each p (nested features, built once)."""
    top = int(ps.max())
    phi = features(draw.x, top, seed=draw.feature_seed, kind=kind)
    phi_test = features(draw.x_test, top, seed=draw.feature_seed, kind=kind)
    train, test = np.empty(ps.size), np.empty(ps.size)
    for i, p in enumerate(ps):
        coef = _solve(phi[:, :p], draw.y, alpha)
        train[i] = np.mean((phi[:, :p] @ coef - draw.y) ** 2)
        test[i] = np.mean((phi_test[:, :p] @ coef - draw.y_test) ** 2)
    return train, test


def train_test_errors(
    x_train: ArrayLike,
    y_train: ArrayLike,
    x_test: ArrayLike,
    y_test: ArrayLike,
    n_features_values: ArrayLike,
    *,
    alpha: float = 0.0,
    feature_seed: int = 0,
    kind: FeatureKind = "fourier",
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the training and test MSE of one data set's fits, at each p.

    The same fits as :func:`fit_curve`, scored on the training points and on
    the test points.

    Returns
    -------
    train_mse, test_mse : ndarray of shape (n_points,)
    """
    ps = check_count_array(n_features_values, "n_features_values")
    names = ("x_train", "y_train", "x_test", "y_test")
    values = (x_train, y_train, x_test, y_test)
    arrays = [check_scores(a, name) for a, name in zip(values, names, strict=True)]
    check_same_length("x_train", arrays[0], "y_train", arrays[1])
    check_same_length("x_test", arrays[2], "y_test", arrays[3])
    draw = _Draw(*arrays, feature_seed)
    return _errors(draw, ps, check_real(alpha, "alpha", low=0), kind)


def error_curve(
    n_features_values: ArrayLike,
    *,
    n_train: int = 20,
    noise: float = NOISE,
    alpha: float = 0.0,
    n_repeats: int = 20,
    rng: Rng = 0,
    n_test: int = N_TEST,
    kind: FeatureKind = "fourier",
) -> ErrorCurve:
    """Return training and test MSE against p, the number of features.

    Each repeat draws ``n_train`` training points, ``n_test`` fresh test
    points (both from :func:`double_descent_data`) and a feature seed, in
    that order, then fits the model with each p in ``n_features_values``
    (minimum-norm least squares, or ridge when ``alpha > 0``). Test error is
    measured against noisy targets, so it cannot fall below ``noise**2``.

    Parameters
    ----------
    n_features_values : array-like of int, shape (n_points,)
        The values of p, each at least 1.
    n_train : int, default=20
        Training points per repeat, at least 1; the interpolation threshold.
    noise : float, default=NOISE
    alpha : float, default=0.0
    n_repeats : int, default=20
        At least 1.
    rng : numpy.random.Generator or int, default=0
    n_test : int, default=N_TEST
    kind : {"fourier", "abs"}, default="fourier"

    Returns
    -------
    ErrorCurve
    """
    ps = check_count_array(n_features_values, "n_features_values")
    n = check_count(n_train, "n_train", minimum=1)
    repeats = check_count(n_repeats, "n_repeats", minimum=1)
    n_test = check_count(n_test, "n_test", minimum=1)
    sd, penalty = check_real(noise, "noise", low=0), check_real(alpha, "alpha", low=0)
    generator = as_generator(rng)
    train = np.empty((repeats, ps.size))
    test = np.empty((repeats, ps.size))
    for r in range(repeats):
        train[r], test[r] = _errors(_draw(generator, n, sd, n_test), ps, penalty, kind)
    return ErrorCurve(
        ps,
        train.mean(axis=0),
        test.mean(axis=0),
        np.median(train, axis=0),
        np.median(test, axis=0),
        train,
        test,
    )


def sample_wise_curve(
    n_train_values: ArrayLike,
    *,
    n_features: int = 20,
    noise: float = NOISE,
    alpha: float = 0.0,
    n_repeats: int = 20,
    rng: Rng = 0,
    n_test: int = N_TEST,
    kind: FeatureKind = "fourier",
) -> NDArray[np.float64]:
    """Return the mean test MSE against n, the number of training points, at fixed p.

    Each repeat draws a pool of ``max(n_train_values)`` training points, a
    fresh test set and a feature seed (in that order, as
    :func:`error_curve` does) and fits on the first n points of the pool
    for each n, so the training sets of one repeat are nested. The peak sits
    near ``n = n_features``: adding data can make the model worse.

    Returns
    -------
    test_mse : ndarray of shape (n_points,)
        Mean over the repeats, one value per n in ``n_train_values``.
    """
    ns = check_count_array(n_train_values, "n_train_values")
    p = check_count(n_features, "n_features", minimum=1)
    repeats = check_count(n_repeats, "n_repeats", minimum=1)
    n_test = check_count(n_test, "n_test", minimum=1)
    sd, penalty = check_real(noise, "noise", low=0), check_real(alpha, "alpha", low=0)
    generator = as_generator(rng)
    test = np.empty((repeats, ns.size))
    for r in range(repeats):
        draw = _draw(generator, int(ns.max()), sd, n_test)
        phi = features(draw.x, p, seed=draw.feature_seed, kind=kind)
        phi_test = features(draw.x_test, p, seed=draw.feature_seed, kind=kind)
        for i, n in enumerate(ns):
            coef = _solve(phi[:n], draw.y[:n], penalty)
            test[r, i] = np.mean((phi_test @ coef - draw.y_test) ** 2)
    return test.mean(axis=0)


def smallest_singular_value_curve(
    n_features_values: ArrayLike,
    *,
    n_train: int = 20,
    rng: Rng = 0,
    kind: FeatureKind = "fourier",
) -> NDArray[np.float64]:
    """Return the smallest non-zero singular value of the training features at each p.

    One draw of ``n_train`` inputs (from :func:`double_descent_data`, without
    noise) and then a feature seed; at each p, the ``min(n_train, p)``-th largest
    singular value of the ``n_train x p`` feature matrix. It collapses near
    ``p = n_train``, where the matrix is square.

    Returns
    -------
    s_min : ndarray of shape (n_points,)
    """
    ps = check_count_array(n_features_values, "n_features_values")
    n = check_count(n_train, "n_train", minimum=1)
    draw = _draw(as_generator(rng), n, 0.0, 0)
    phi = features(draw.x, int(ps.max()), seed=draw.feature_seed, kind=kind)
    return np.array([np.linalg.svd(phi[:, :p], compute_uv=False)[min(n, p) - 1] for p in ps])


def coefficient_norm_curve(
    n_features_values: ArrayLike,
    *,
    n_train: int = 20,
    noise: float = NOISE,
    alpha: float = 0.0,
    rng: Rng = 0,
    kind: FeatureKind = "fourier",
) -> NDArray[np.float64]:
    """Return the Euclidean norm of the fitted coefficients at each p.

    One draw of training data (from :func:`double_descent_data`) and then a
    feature seed; the norm peaks at ``p = n_train`` and falls beyond it, as
    more features give more room to fit the data with small coefficients.

    Returns
    -------
    norm : ndarray of shape (n_points,)
    """
    ps = check_count_array(n_features_values, "n_features_values")
    n = check_count(n_train, "n_train", minimum=1)
    sd, penalty = check_real(noise, "noise", low=0), check_real(alpha, "alpha", low=0)
    draw = _draw(as_generator(rng), n, sd, 0)
    phi = features(draw.x, int(ps.max()), seed=draw.feature_seed, kind=kind)
    return np.array([np.linalg.norm(_solve(phi[:, :p], draw.y, penalty)) for p in ps])
