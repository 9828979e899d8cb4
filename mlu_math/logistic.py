"""Logistic regression without a penalty, fitted by gradient descent."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_1d,
    check_count,
    check_finite_array,
    check_labels,
    check_real,
    check_same_length,
    check_unit_interval,
)

__all__ = ["LogisticModel", "fit_logistic_regression", "log_loss", "sigmoid"]


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """Return ``1 / (1 + exp(-z))``, computed without overflow.

    Parameters
    ----------
    z : array-like of any shape
        Finite real numbers (a scalar too).

    Returns
    -------
    ndarray of the shape of ``z``, dtype float64

    Examples
    --------
    >>> sigmoid([0.0, 1000.0, -1000.0]).tolist()
    [0.5, 1.0, 0.0]
    """
    return _sigmoid(check_finite_array(z, "z", ndim=None))


def _sigmoid(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return :func:`sigmoid` of a float array, unchecked (for the fitting loop)."""
    out = np.empty_like(values)
    positive = values >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-values[positive]))
    grown = np.exp(values[~positive])
    out[~positive] = grown / (1.0 + grown)
    return out


def log_loss(y_true: ArrayLike, probability: ArrayLike) -> float:
    """Return the mean negative log-likelihood of ``y_true`` under ``probability``.

    ``probability`` (of ``y = 1``, one per sample, in [0, 1]) is clipped to
    ``[1e-15, 1 - 1e-15]``.
    """
    labels = check_labels(y_true).astype(float)
    probabilities = check_unit_interval(as_1d(probability, "probability"), "probability")
    check_same_length("y_true", labels, "probability", probabilities)
    p = np.clip(probabilities, 1e-15, 1 - 1e-15)
    return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log1p(-p)))


@dataclass(frozen=True)
class LogisticModel:
    """A fitted logistic regression: ``P(y = 1 | x) = sigmoid(x @ coef + intercept)``.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
    intercept : float
    n_iter : int
        Gradient steps taken.
    converged : bool
        Whether the gradient fell below the tolerance.
    """

    coef: NDArray[np.float64]
    intercept: float
    n_iter: int
    converged: bool

    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]:
        """Return the log-odds ``X @ coef + intercept``, shape (n_samples,)."""
        features = _check_features(X, self.coef.size)
        return features @ self.coef + self.intercept

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """Return ``P(y = 1 | x)`` for each row of ``X``, shape (n_samples,)."""
        return _sigmoid(self.decision_function(X))

    def predict(self, X: ArrayLike, threshold: float = 0.5) -> NDArray[np.int8]:
        """Return 1 where ``P(y = 1 | x) >= threshold``, else 0."""
        return (self.predict_proba(X) >= threshold).astype(np.int8)


def fit_logistic_regression(
    X: ArrayLike,
    y: ArrayLike,
    *,
    max_iter: int = 50_000,
    tol: float = 1e-9,
) -> LogisticModel:
    """Fit an unpenalised logistic regression by accelerated gradient descent.

    The features are standardised, the mean log-loss is minimised by
    Nesterov's accelerated gradient descent with a fixed step of ``1 / L``
    (``L`` bounds the loss's curvature: a quarter of the largest eigenvalue
    of the standardised design's Gram matrix over n), and the coefficients
    are mapped back to the original scale. It finds the same optimum as
    scikit-learn's ``LogisticRegression(penalty=None)``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Features; ``n_features`` may be 0 (an intercept-only model).
    y : array-like of shape (n_samples,)
        Labels in {0, 1}; both must be present.
    max_iter : int
        Most gradient steps; at least 1.
    tol : float
        Stop when the gradient's largest component falls below this; finite, >= 0.

    Returns
    -------
    LogisticModel

    Examples
    --------
    >>> model = fit_logistic_regression([[0.0], [1.0], [2.0], [3.0]], [0, 1, 0, 1])
    >>> round(float(model.predict_proba([[1.5]])[0]), 3)
    0.5
    """
    labels = check_labels(y, "y").astype(float)
    features = _check_features(X, None)
    check_same_length("X", features, "y", labels)
    check_count(max_iter, "max_iter", 1)
    check_real(tol, "tol", low=0)
    if labels.min() == labels.max():
        raise ValueError("y must contain both classes to fit a logistic regression")
    mean, scale = _standardisation(features)
    design = np.column_stack([np.ones(labels.size), (features - mean) / scale])
    weights, n_iter, converged = _accelerated_descent(design, labels, max_iter, tol)
    coef = weights[1:] / scale
    intercept = float(weights[0] - mean @ coef)
    return LogisticModel(coef, intercept, n_iter, converged)


def _accelerated_descent(
    design: NDArray[np.float64], labels: NDArray[np.float64], max_iter: int, tol: float
) -> tuple[NDArray[np.float64], int, bool]:
    n = labels.size
    curvature = 0.25 * np.linalg.eigvalsh(design.T @ design / n).max()
    step = 1.0 / curvature
    weights = np.zeros(design.shape[1])
    previous = weights
    for iteration in range(1, max_iter + 1):
        look_ahead = weights + (iteration - 1) / (iteration + 2) * (weights - previous)
        gradient = design.T @ (_sigmoid(design @ look_ahead) - labels) / n
        previous, weights = weights, look_ahead - step * gradient
        if np.abs(design.T @ (_sigmoid(design @ weights) - labels) / n).max() < tol:
            return weights, iteration, True
    return weights, max_iter, False


def _standardisation(
    features: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def _check_features(X: ArrayLike, n_features: int | None) -> NDArray[np.float64]:
    features = check_finite_array(X, "X", ndim=2, min_columns=0)
    if n_features is not None and features.shape[1] != n_features:
        raise ValueError(f"X has {features.shape[1]} features but the model has {n_features}")
    return features
