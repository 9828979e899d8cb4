"""Interpolating solutions of underdetermined least squares, and how they amplify noise."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_generator,
    check_count,
    check_count_array,
    check_finite_array,
    check_real,
    check_same_length,
)
from mlu_math.double_descent import double_descent_data
from mlu_math.feature_maps import FeatureKind, features

__all__ = [
    "gradient_descent_path",
    "interpolating_solutions",
    "isotropic_min_norm_risk",
    "min_norm_noise_risk",
    "min_norm_solution",
    "noise_amplification",
    "noise_amplification_curve",
    "toy_features",
]


def _as_vector(values: ArrayLike, name: str) -> NDArray[np.float64]:
    return check_finite_array(values, name)


def _as_matrix(values: ArrayLike, name: str) -> NDArray[np.float64]:
    return check_finite_array(values, name, ndim=2)


def _check_rcond(rcond: float | None) -> None:
    if rcond is not None:
        check_real(rcond, "rcond", low=0)


def toy_features(x: ArrayLike) -> NDArray[np.float64]:
    """Return the two features of the toy model, a line ``f(x) = w_1 + w_2 x``.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        Inputs.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        Columns ``1`` (for the intercept ``w_1``) and ``x`` (for the slope ``w_2``).

    Examples
    --------
    >>> toy_features([0.5, 2.0])
    array([[1. , 0.5],
           [1. , 2. ]])
    """
    values = _as_vector(x, "x")
    return np.column_stack([np.ones_like(values), values])


def min_norm_solution(a: ArrayLike, b: float) -> NDArray[np.float64]:
    """Return the smallest-norm ``w`` with ``a @ w == b``: one equation, many unknowns.

    The solutions form a hyperplane (a line when ``a`` has two entries); the
    one closest to the origin is the origin's projection onto it,
    ``w = b a / (a @ a)``, which is also ``pinv(a[None, :]) @ [b]``.

    Parameters
    ----------
    a : array-like of shape (n_features,)
        The equation's coefficients (one training sample's features); not all 0.
    b : float
        Its right-hand side (the sample's target).

    Returns
    -------
    w : ndarray of shape (n_features,)

    Examples
    --------
    >>> min_norm_solution([3.0, 4.0], 5.0)
    array([0.6, 0.8])
    """
    row = _as_vector(a, "a")
    target = check_real(b, "b")
    squared = float(row @ row)
    if squared == 0.0:
        raise ValueError("a must have a non-zero entry; an all-zero equation has no line")
    return target * row / squared


def interpolating_solutions(a: ArrayLike, b: float, t: ArrayLike) -> NDArray[np.float64]:
    """Return points of the line ``a @ w == b`` in a plane of two coefficients.

    The point at ``t`` is ``w* + t u``, where ``w*`` is :func:`min_norm_solution`
    and ``u`` the unit vector along the line (``a`` turned a quarter anticlockwise),
    so ``t`` is the signed distance from ``w*`` and ``|w|^2 = |w*|^2 + t^2``.

    Parameters
    ----------
    a : array-like of shape (2,)
        The equation's coefficients; not both 0.
    b : float
        Its right-hand side.
    t : array-like of shape (n_points,)
        Signed distances along the line from the minimum-norm point.

    Returns
    -------
    w : ndarray of shape (n_points, 2)
        Each row solves the equation exactly.
    """
    row = _as_vector(a, "a")
    if row.size != 2:
        raise ValueError(f"a must have 2 entries (two coefficients), got {row.size}")
    steps = _as_vector(t, "t")
    point = min_norm_solution(row, b)
    direction = np.array([-row[1], row[0]]) / np.hypot(*row)
    return point + steps[:, None] * direction


def _inverse_squares(X: NDArray[np.float64], rcond: float | None) -> NDArray[np.float64]:
    """Return ``1 / s**2`` for the singular values ``s`` of ``X`` counted as non-zero."""
    singular = np.linalg.svd(X, compute_uv=False)
    cutoff = (max(X.shape) * np.finfo(float).eps if rcond is None else rcond) * singular[0]
    kept = singular[singular > cutoff]
    return 1.0 / kept**2


def noise_amplification(X: ArrayLike, *, rcond: float | None = None) -> float:
    """Return how much the minimum-norm fit blows up pure noise: ``sum 1 / s_i^2``.

    For labels that are pure noise, ``y ~ N(0, sigma^2 I)``, the minimum-norm
    coefficients ``pinv(X) @ y`` have ``E |w|^2 = sigma^2 sum_i 1 / s_i^2``
    over the non-zero singular values ``s_i`` of ``X``: one small singular
    value is enough to make it huge.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The training feature matrix.
    rcond : float, optional
        Singular values below ``rcond * s_max`` count as zero; by default
        ``max(n_samples, n_features) * eps``, as in :func:`numpy.linalg.pinv`.

    Returns
    -------
    float
        ``E |pinv(X) @ noise|^2 / sigma^2``, i.e. ``trace(pinv(X.T @ X))``.

    Examples
    --------
    >>> noise_amplification([[2.0, 0.0], [0.0, 0.5]])
    4.25
    """
    matrix = _as_matrix(X, "X")
    _check_rcond(rcond)
    return float(_inverse_squares(matrix, rcond).sum())


def min_norm_noise_risk(
    X_train: ArrayLike, X_test: ArrayLike, *, noise: float = 1.0, rcond: float | None = None
) -> float:
    """Return the expected test MSE of the minimum-norm fit to labels that are pure noise.

    With ``y ~ N(0, noise^2 I)`` the fit predicts ``X_test @ pinv(X_train) @ y``
    on the test inputs, whose mean square is, on average,
    ``noise^2 |X_test pinv(X_train)|_F^2 / n_test``. It is the variance part of
    the test error: what the fit adds to the error by fitting the noise.

    Parameters
    ----------
    X_train : array-like of shape (n_samples, n_features)
    X_test : array-like of shape (n_test, n_features)
    noise : float, default=1.0
        Standard deviation of the label noise; non-negative.
    rcond : float, optional
        Cut-off for small singular values, as in :func:`numpy.linalg.pinv`.

    Returns
    -------
    float
    """
    train = _as_matrix(X_train, "X_train")
    test = _as_matrix(X_test, "X_test")
    if test.shape[1] != train.shape[1]:
        raise ValueError(
            f"X_test must have as many columns as X_train ({train.shape[1]}), got {test.shape[1]}"
        )
    sigma = check_real(noise, "noise", low=0)
    _check_rcond(rcond)
    if rcond is None:
        rcond = max(train.shape) * np.finfo(float).eps
    smoother = test @ np.linalg.pinv(train, rcond=rcond)
    return float(sigma**2 * np.sum(smoother**2) / test.shape[0])


def gradient_descent_path(
    X: ArrayLike, y: ArrayLike, *, learning_rate: float, n_steps: int
) -> NDArray[np.float64]:
    """Return the coefficients of gradient descent on squared error, started at zero.

    Each step is ``w <- w - learning_rate * X.T @ (X @ w - y)``, the gradient
    of ``|X w - y|^2 / 2``. Every step adds a multiple of a row of ``X``, so
    started at zero the path never leaves the rows' span: when ``X`` has more
    columns than rows it converges to the minimum-norm solution
    ``pinv(X) @ y`` though nobody asked for the smallest norm.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    learning_rate : float
        Step size; positive. The path converges when it is below
        ``2 / s_max^2`` for the largest singular value ``s_max`` of ``X``.
    n_steps : int
        Number of steps; non-negative.

    Returns
    -------
    path : ndarray of shape (n_steps + 1, n_features)
        ``path[0]`` is zero; ``path[k]`` the coefficients after ``k`` steps.
    """
    matrix = _as_matrix(X, "X")
    target = _as_vector(y, "y")
    check_same_length("y", target, "X", matrix)
    rate = check_real(learning_rate, "learning_rate", low=0, low_open=True)
    steps = check_count(n_steps, "n_steps", 0)
    path = np.zeros((steps + 1, matrix.shape[1]))
    for step in range(steps):
        coef = path[step]
        path[step + 1] = coef - rate * matrix.T @ (matrix @ coef - target)
    return path


def noise_amplification_curve(
    n_features_values: ArrayLike,
    *,
    n_train: int = 20,
    rng: int | np.random.Generator = 0,
    kind: FeatureKind = "fourier",
) -> NDArray[np.float64]:
    """Return :func:`noise_amplification` of the training features at each p.

    The draw is the one :func:`~mlu_math.double_descent.smallest_singular_value_curve`
    makes from the same ``rng``: ``n_train`` inputs from
    :func:`~mlu_math.double_descent.double_descent_data` (without noise), then a
    feature seed; at each p, the first p columns of
    :func:`~mlu_math.feature_maps.features`. So the two curves describe the
    same matrices, and this one is at least ``1 / s_min^2``.

    Parameters
    ----------
    n_features_values : array-like of int, shape (n_points,)
        The values of p, each at least 1.
    n_train : int, default=20
        Rows of the feature matrix.
    rng : numpy.random.Generator or int, default=0
        Source of the draw (an int seeds a new generator).
    kind : {"fourier", "abs"}, default="fourier"
        Which feature family.

    Returns
    -------
    amplification : ndarray of shape (n_points,)
    """
    ps = check_count_array(n_features_values, "n_features_values")
    n = check_count(n_train, "n_train", 1)
    generator = as_generator(rng)
    x, _ = double_descent_data(n, noise=0.0, rng=generator)
    seed = int(generator.integers(2**31))
    phi = features(x, int(ps.max()), seed=seed, kind=kind)
    return np.array([noise_amplification(phi[:, :p]) for p in ps])


def isotropic_min_norm_risk(
    n_train: ArrayLike, n_features: int, *, signal_norm: float = 1.0, noise: float = 1.0
) -> NDArray[np.float64]:
    """Return the expected test MSE of the min-norm fit with isotropic Gaussian features.

    The model of Belkin, Hsu & Xu (2020, "Two models of double descent for weak
    features") and Hastie, Montanari, Rosset & Tibshirani (2022, "Surprises in
    high-dimensional ridgeless least squares interpolation"): inputs
    ``x ~ N(0, I_p)``, targets ``y = x @ beta + e`` with ``|beta| = signal_norm``
    and ``e ~ N(0, noise^2)``, fitted by ``pinv(X) @ y`` on ``n`` samples, scored
    on a fresh sample. Its expected test MSE is ``noise^2`` plus

    - ``noise^2 p / (n - p - 1)`` when ``n >= p + 2`` (ordinary least squares),
    - ``signal_norm^2 (1 - n / p) + noise^2 n / (p - n - 1)`` when ``n <= p - 2``,
    - infinite when ``|n - p| <= 1``: the peak of sample-wise double descent.

    Parameters
    ----------
    n_train : array-like of int, shape (n_points,)
        Training-set sizes, each at least 1.
    n_features : int
        p, at least 1.
    signal_norm : float, default=1.0
        ``|beta|``, non-negative.
    noise : float, default=1.0
        Standard deviation of the label noise, non-negative.

    Returns
    -------
    risk : ndarray of shape (n_points,)
        ``inf`` where the expectation diverges.

    Examples
    --------
    >>> isotropic_min_norm_risk([5, 10, 20], 10, noise=0.5).round(4).tolist()
    [1.0625, inf, 0.5278]
    """
    ns = check_count_array(n_train, "n_train")
    p = float(check_count(n_features, "n_features", 1))
    beta = check_real(signal_norm, "signal_norm", low=0)
    sigma = check_real(noise, "noise", low=0)
    n = ns.astype(float)
    risk = np.full(n.shape, np.inf)
    under = n >= p + 2
    over = n <= p - 2
    risk[under] = sigma**2 * p / (n[under] - p - 1)
    risk[over] = beta**2 * (1 - n[over] / p) + sigma**2 * n[over] / (p - n[over] - 1)
    return risk + sigma**2
