"""Bias and variance of a regression by simulation: many training sets, one truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    check_callable,
    check_count,
    check_count_array,
    check_generator,
    check_length,
    check_real,
    check_same_length,
    check_scores,
)
from mlu_math.regression import (
    knn_regression,
    mean_squared_error,
    polynomial_fit,
    polynomial_predict,
)

__all__ = [
    "TRUE_FUNCTION_MEAN",
    "TRUE_FUNCTION_VARIANCE",
    "ErrorDecomposition",
    "FitPredict",
    "bias_variance",
    "error_by_flexibility",
    "fixed_design",
    "knn_bias_variance",
    "knn_fit_predict",
    "make_samples",
    "polynomial_bias_variance",
    "polynomial_fit_predict",
    "true_function",
]

FitPredict = Callable[[NDArray[np.float64], NDArray[np.float64], int, NDArray[np.float64]], NDArray]
"""``fit(x_train, y_train, flexibility, x_query) -> y_pred``: fit, then predict."""

_FREQUENCY = 2.5 * np.pi
_SLOPE = 1.0
TRUE_FUNCTION_MEAN = float(_SLOPE / 2 + (1 - np.cos(_FREQUENCY)) / _FREQUENCY)
"""The mean of :func:`true_function` over [0, 1] (its integral), in closed form."""
TRUE_FUNCTION_VARIANCE = float(
    _SLOPE**2 / 3
    + 0.5 * (1 - np.sin(2 * _FREQUENCY) / (2 * _FREQUENCY))
    + 2 * _SLOPE * (np.sin(_FREQUENCY) - _FREQUENCY * np.cos(_FREQUENCY)) / _FREQUENCY**2
    - TRUE_FUNCTION_MEAN**2
)
"""The variance of :func:`true_function` over x uniform on [0, 1], in closed form."""


def true_function(x: ArrayLike) -> NDArray[np.float64]:
    """Return the smooth truth the samples are drawn around: ``x + sin(2.5 pi x)``.

    Examples
    --------
    >>> true_function([0.0, 1.0]).round(12).tolist()
    [0.0, 2.0]
    """
    xs = check_scores(x, "x")
    return _SLOPE * xs + np.sin(_FREQUENCY * xs)


def fixed_design(n_samples: int) -> NDArray[np.float64]:
    """Return evenly spaced inputs on [0, 1]: the midpoints of ``n_samples`` equal bins.

    Examples
    --------
    >>> fixed_design(4).tolist()
    [0.125, 0.375, 0.625, 0.875]
    """
    n_samples = check_count(n_samples, "n_samples", 1)
    return (np.arange(n_samples) + 0.5) / n_samples


def make_samples(
    n_samples: int,
    *,
    noise: float,
    rng: np.random.Generator,
    x: ArrayLike | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Draw noisy samples ``y = true_function(x) + N(0, noise**2)``.

    Parameters
    ----------
    n_samples : int
        How many samples; at least 1.
    noise : float
        Standard deviation of the noise; at least 0.
    rng : numpy.random.Generator
        The source of randomness.
    x : array-like of shape (n_samples,), optional
        Where to sample; by default ``x`` is drawn uniformly on [0, 1] (first,
        then the noise).

    Returns
    -------
    x : ndarray of shape (n_samples,)
    y : ndarray of shape (n_samples,)
    """
    n_samples = check_count(n_samples, "n_samples", 1)
    check_real(noise, "noise", low=0)
    check_generator(rng)
    xs = rng.uniform(0.0, 1.0, n_samples) if x is None else check_scores(x, "x")
    check_length(xs, "x", n_samples, "n_samples")
    return xs, true_function(xs) + rng.normal(0.0, noise, n_samples)


@dataclass(frozen=True)
class ErrorDecomposition:
    """Expected squared test error split into bias squared, variance and noise.

    Every field is an average over the test inputs ``x_test``; the
    expectation is over the simulated training sets (and, for the noise, over
    a fresh test target's noise, whose variance is known). The identity
    ``bias_squared + variance + noise == expected_error`` holds exactly.

    Attributes
    ----------
    flexibilities : ndarray of shape (n_flex,)
        The polynomial degrees, neighbour counts, ... simulated.
    x_test : ndarray of shape (n_grid,)
    truth : ndarray of shape (n_grid,)
        ``true_function(x_test)``.
    fits : ndarray of shape (n_flex, n_sets, n_grid)
        Each training set's predictions at ``x_test``, per flexibility.
    bias_squared : ndarray of shape (n_flex,)
        Mean over ``x_test`` of (mean fit - truth) squared.
    variance : ndarray of shape (n_flex,)
        Mean over ``x_test`` of the fits' variance across sets (``ddof=0``).
    noise : ndarray of shape (n_flex,)
        ``noise ** 2``, the error no model can remove.
    expected_error : ndarray of shape (n_flex,)
        Mean squared error on fresh noisy test targets: the mean over sets
        and ``x_test`` of (fit - truth) squared, plus ``noise ** 2``.
    train_error : ndarray of shape (n_flex,)
        Mean over sets of each set's squared error on its own training data.
    """

    flexibilities: NDArray[np.int64]
    x_test: NDArray[np.float64]
    truth: NDArray[np.float64]
    fits: NDArray[np.float64]
    bias_squared: NDArray[np.float64]
    variance: NDArray[np.float64]
    noise: NDArray[np.float64]
    expected_error: NDArray[np.float64]
    train_error: NDArray[np.float64]

    @property
    def mean_fit(self) -> NDArray[np.float64]:
        """The average prediction over training sets, shape (n_flex, n_grid)."""
        return self.fits.mean(axis=1)

    @property
    def best(self) -> int:
        """The index of the flexibility with the least expected error."""
        return int(np.argmin(self.expected_error))


def bias_variance(
    fit: FitPredict,
    flexibilities: Sequence[int],
    *,
    n_train: int,
    n_sets: int,
    noise: float,
    x_test: ArrayLike,
    rng: np.random.Generator,
    x_train: ArrayLike | None = None,
) -> ErrorDecomposition:
    """Simulate many training sets and decompose each flexibility's test error.

    ``n_sets`` training sets of ``n_train`` samples are drawn with
    :func:`make_samples` (the same sets for every flexibility); each is fitted
    at each flexibility and predicted at ``x_test``.

    Parameters
    ----------
    fit : callable
        ``fit(x_train, y_train, flexibility, x_query) -> y_pred``, e.g.
        :func:`polynomial_fit_predict` or :func:`knn_fit_predict`.
    flexibilities : sequence of int
        The values of the model's flexibility knob to simulate.
    n_train : int
        Samples per training set; at least 1.
    n_sets : int
        Training sets drawn; at least 2.
    noise : float
        Standard deviation of the target noise; at least 0.
    x_test : array-like of shape (n_grid,)
        Where the fits are compared with the truth.
    rng : numpy.random.Generator
        The source of randomness.
    x_train : array-like of shape (n_train,), optional
        Keep these training inputs in every set (a fixed design: only the
        noise is redrawn); by default each set draws its own uniformly.

    Returns
    -------
    ErrorDecomposition
    """
    check_callable(fit, "fit")
    n_train = check_count(n_train, "n_train", 1)
    n_sets = check_count(n_sets, "n_sets", 2)
    check_real(noise, "noise", low=0)
    grid = check_scores(x_test, "x_test")
    flex = check_count_array(flexibilities, "flexibilities", minimum=0)
    check_generator(rng)
    if x_train is not None:
        check_length(check_scores(x_train, "x_train"), "x_train", n_train, "n_train")
    sets = [make_samples(n_train, noise=noise, rng=rng, x=x_train) for _ in range(n_sets)]
    fits = np.empty((flex.size, n_sets, grid.size))
    train_error = np.zeros(flex.size)
    for i, value in enumerate(flex.tolist()):
        for s, (xs, ys) in enumerate(sets):
            predicted = fit(xs, ys, value, np.concatenate([grid, xs]))
            fits[i, s] = predicted[: grid.size]
            train_error[i] += np.mean((predicted[grid.size :] - ys) ** 2) / n_sets
    truth = true_function(grid)
    mean_fit = fits.mean(axis=1)
    bias_squared = np.mean((mean_fit - truth) ** 2, axis=1)
    variance = np.mean(fits.var(axis=1), axis=1)
    noise_term = np.full(flex.size, float(noise) ** 2)
    expected = np.mean((fits - truth) ** 2, axis=(1, 2)) + noise_term
    return ErrorDecomposition(
        flexibilities=flex.astype(np.int64),
        x_test=grid,
        truth=truth,
        fits=fits,
        bias_squared=bias_squared,
        variance=variance,
        noise=noise_term,
        expected_error=expected,
        train_error=train_error,
    )


def error_by_flexibility(
    fit: FitPredict,
    flexibilities: Sequence[int],
    x_train: ArrayLike,
    y_train: ArrayLike,
    x_test: ArrayLike,
    y_test: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Fit one training set at each flexibility; return its train and test squared errors.

    Parameters
    ----------
    fit : callable
        ``fit(x_train, y_train, flexibility, x_query) -> y_pred``.
    flexibilities : sequence of int
    x_train, y_train : array-like of shape (n_train,)
    x_test, y_test : array-like of shape (n_test,)

    Returns
    -------
    train_error : ndarray of shape (n_flex,)
        Mean squared error on the training set itself.
    test_error : ndarray of shape (n_flex,)
        Mean squared error on the test set.
    """
    check_callable(fit, "fit")
    flex = check_count_array(flexibilities, "flexibilities", minimum=0)
    xs, ys = check_scores(x_train, "x_train"), check_scores(y_train, "y_train")
    xt, yt = check_scores(x_test, "x_test"), check_scores(y_test, "y_test")
    check_same_length("x_train", xs, "y_train", ys)
    check_same_length("x_test", xt, "y_test", yt)
    train, test = [], []
    for value in flex.tolist():
        predicted = fit(xs, ys, value, np.concatenate([xs, xt]))
        train.append(mean_squared_error(ys, predicted[: xs.size]))
        test.append(mean_squared_error(yt, predicted[xs.size :]))
    return np.array(train), np.array(test)


def polynomial_fit_predict(
    x_train: NDArray[np.float64], y_train: NDArray[np.float64], degree: int, x_query: NDArray
) -> NDArray[np.float64]:
    """Fit a polynomial of ``degree`` to the training data and predict at ``x_query``."""
    return polynomial_predict(polynomial_fit(x_train, y_train, degree), x_query)


def knn_fit_predict(
    x_train: NDArray[np.float64], y_train: NDArray[np.float64], k: int, x_query: NDArray
) -> NDArray[np.float64]:
    """Predict at ``x_query`` by the mean of the ``k`` nearest training targets."""
    return knn_regression(x_train, y_train, x_query, k)


def polynomial_bias_variance(degrees: Sequence[int], **kwargs) -> ErrorDecomposition:
    """Run :func:`bias_variance` for polynomials of the given ``degrees`` (each >= 0)."""
    check_count_array(degrees, "degrees", minimum=0)
    return bias_variance(polynomial_fit_predict, degrees, **kwargs)


def knn_bias_variance(ks: Sequence[int], **kwargs) -> ErrorDecomposition:
    """Run :func:`bias_variance` for k-nearest-neighbour regression with the given ``ks`` (>= 1)."""
    check_count_array(ks, "ks", minimum=1)
    return bias_variance(knn_fit_predict, ks, **kwargs)
