"""Nested random feature maps of a 1-D input: the model with p features uses the first p."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_choice, check_count, check_finite_array, check_real

__all__ = [
    "DEGREES_OF_FREEDOM",
    "DOMAIN",
    "FEATURE_KINDS",
    "LENGTH_SCALE",
    "FeatureKind",
    "feature_parameters",
    "features",
]

DOMAIN = (-1.0, 1.0)
"""The interval the inputs live on (and the knots of ``kind="abs"`` are drawn from)."""
LENGTH_SCALE = 0.08
"""Default length scale of the Fourier features, in input units."""
DEGREES_OF_FREEDOM = 3
"""Of the Student-t law of the frequencies: 3 gives the Matern-3/2 kernel."""

FeatureKind = Literal["fourier", "abs"]
FEATURE_KINDS: tuple[str, ...] = ("fourier", "abs")


def feature_parameters(
    n_features: int, *, seed: int = 0, length_scale: float = LENGTH_SCALE
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Return the random draws behind the first ``n_features`` features.

    Three independent streams are spawned from ``seed``, one for the
    frequencies, one for the phases and one for the knots; each is drawn one
    feature after another, so the first ``p`` draws do not depend on how
    many are asked for.

    Parameters
    ----------
    n_features : int
        How many features, at least 1.
    seed : int, default=0
        Names the family; the same seed always gives the same features.
    length_scale : float, default=LENGTH_SCALE
        The Fourier features' length scale, > 0.

    Returns
    -------
    frequencies : ndarray of shape (n_features,)
        Student-t draws with :data:`DEGREES_OF_FREEDOM` degrees of freedom,
        divided by ``length_scale``.
    phases : ndarray of shape (n_features,)
        Uniform on [0, 2 pi).
    knots : ndarray of shape (n_features,)
        Uniform on :data:`DOMAIN`, for ``kind="abs"``.
    """
    p = check_count(n_features, "n_features", minimum=1)
    check_real(length_scale, "length_scale", low=0, low_open=True)
    frequency, phase, knot = np.random.default_rng(check_count(seed, "seed", 0)).spawn(3)
    low, high = DOMAIN
    return (
        frequency.standard_t(DEGREES_OF_FREEDOM, size=p) / length_scale,
        phase.uniform(0.0, 2 * np.pi, size=p),
        knot.uniform(low, high, size=p),
    )


def features(
    x: ArrayLike,
    n_features: int,
    *,
    seed: int = 0,
    kind: FeatureKind = "fourier",
    length_scale: float = LENGTH_SCALE,
) -> NDArray[np.float64]:
    """Return the first ``n_features`` columns of one fixed family of features of ``x``.

    ``kind="fourier"`` (the default) gives random Fourier features
    ``sqrt(2) cos(w_j x + b_j)`` with frequencies ``w_j = t_j / length_scale``
    (``t_j`` Student-t with 3 degrees of freedom) and uniform phases
    ``b_j``: for any two inputs the average of ``phi_j(x) phi_j(x')`` over
    the family is the Matern-3/2 kernel ``(1 + sqrt(3) d / l) exp(-sqrt(3) d / l)``
    with ``d = |x - x'|`` and ``l = length_scale``; the factor ``sqrt(2)``
    makes it 1 at ``d = 0``. Fits with many features are therefore smooth
    (once differentiable). No column is rescaled with the number of features, so the model
    with ``p`` features uses exactly the first ``p`` columns of the model
    with more: curves over ``p`` change one feature at a time. For distinct
    inputs any ``n`` of these columns are linearly independent, so with
    ``p >= n`` features the model can fit ``n`` points exactly; in floating
    point that holds for up to about 25 inputs spread over :data:`DOMAIN` at
    the default length scale (more points need a shorter one).

    ``kind="abs"`` gives ``|x - k_j|`` with knots ``k_j`` uniform on
    :data:`DOMAIN`: piecewise-linear models that bend only at the knots
    (the model of MLU Explain's essay). Knots between the same two inputs
    give columns that are linearly dependent on those inputs, so this family
    reaches interpolation only once the knots cover the gaps, past ``p = n``.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        Inputs, finite, at least one (meant for :data:`DOMAIN`).
    n_features : int
        How many columns, at least 1.
    seed : int, default=0
        Names the family; see :func:`feature_parameters`.
    kind : {"fourier", "abs"}, default="fourier"
        Which family.
    length_scale : float, default=LENGTH_SCALE
        The Fourier features' length scale.

    Returns
    -------
    phi : ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> features([0.0, 0.5], 3).shape
    (2, 3)
    >>> bool(np.allclose(features([0.3], 2), features([0.3], 5)[:, :2]))
    True
    """
    inputs = check_finite_array(x, "x")
    frequencies, phases, knots = feature_parameters(
        n_features, seed=seed, length_scale=length_scale
    )
    if check_choice(kind, "kind", FEATURE_KINDS) == "fourier":
        return np.sqrt(2.0) * np.cos(np.outer(inputs, frequencies) + phases)
    return np.abs(inputs[:, None] - knots)
