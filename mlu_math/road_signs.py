"""Seeded synthetic road signs: is a sign a pedestrian crossing? Four features, or two."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import as_generator, check_count, check_finite_array, check_real

__all__ = [
    "CLASS_NAMES",
    "FEATURE_NAMES",
    "SHAPE_FEATURE_NAMES",
    "SIDES",
    "RoadSigns",
    "describe_sign",
    "describe_split",
    "make_road_signs",
    "make_sign_shapes",
]

CLASS_NAMES: tuple[str, str] = ("other", "crossing")
"""Label 0 is any other sign; label 1 a pedestrian-crossing sign."""

FEATURE_NAMES: tuple[str, ...] = ("size", "sides", "colours", "text")
"""Columns of :func:`make_road_signs`: width in cm, number of sides (0 for a
circle), number of colours (1-4), and 1 for text or 0 for a symbol."""

SHAPE_FEATURE_NAMES: tuple[str, str] = ("width", "height")
"""Columns of :func:`make_sign_shapes`: the sign's width and height in cm."""

SIDES: tuple[int, ...] = (0, 3, 4, 8)
"""Circle, triangle, square or diamond, octagon."""

SHAPE_NAMES: dict[int, str] = {0: "circle", 3: "triangle", 4: "square", 8: "octagon"}

# How often each value of a discrete feature comes up in each class (rows:
# other, crossing). Made up to look plausible, not measured: crossing signs
# are mostly square or triangular, in three colours, with a symbol.
_SIDE_SHARES = np.array([[0.35, 0.20, 0.30, 0.15], [0.10, 0.25, 0.60, 0.05]])
_COLOUR_SHARES = np.array([[0.10, 0.45, 0.35, 0.10], [0.00, 0.25, 0.55, 0.20]])
_TEXT_SHARE = np.array([0.55, 0.20])
_SIZE_CM = np.array([[75.0, 20.0], [62.0, 12.0]])
"""Mean and standard deviation of a sign's width, per class."""


@dataclass(frozen=True, eq=False)
class RoadSigns:
    """A table of signs: features and labels (both read-only).

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,), dtype int64
        1 for a crossing sign, 0 for any other.
    feature_names : tuple of str
    """

    X: NDArray[np.float64]
    y: NDArray[np.int64]
    feature_names: tuple[str, ...]

    @property
    def n_crossings(self) -> int:
        """How many of the signs are crossing signs."""
        return int(self.y.sum())


def _check_args(n_samples: object, crossing_share: float) -> tuple[int, int]:
    check_count(n_samples, "n_samples", 2)
    check_real(crossing_share, "crossing_share", low=0, high=1, low_open=True, high_open=True)
    n_crossings = round(crossing_share * int(n_samples))
    if not 0 < n_crossings < n_samples:
        raise ValueError(
            f"crossing_share={crossing_share} of n_samples={n_samples} leaves a class empty"
        )
    return int(n_samples), n_crossings


def _shuffled(
    rng: np.random.Generator, parts: list[NDArray[np.float64]], names: tuple[str, ...]
) -> RoadSigns:
    """Stack class 0's rows over class 1's, shuffle them, freeze and label them."""
    labels = np.repeat(np.array([0, 1], dtype=np.int64), [parts[0].shape[0], parts[1].shape[0]])
    order = rng.permutation(labels.size)
    X, y = np.concatenate(parts)[order], labels[order]
    X.setflags(write=False)
    y.setflags(write=False)
    return RoadSigns(X, y, names)


def _draw_table(rng: np.random.Generator, label: int, size: int) -> NDArray[np.float64]:
    mean, sd = _SIZE_CM[label]
    width = np.clip(np.round(rng.normal(mean, sd, size)), 30.0, 120.0)
    sides = rng.choice(np.array(SIDES, dtype=np.float64), size=size, p=_SIDE_SHARES[label])
    colours = rng.choice(np.arange(1.0, 5.0), size=size, p=_COLOUR_SHARES[label])
    text = (rng.random(size) < _TEXT_SHARE[label]).astype(np.float64)
    return np.column_stack([width, sides, colours, text])


def make_road_signs(
    n_samples: int = 200, *, crossing_share: float = 0.5, seed: int | np.random.Generator
) -> RoadSigns:
    """Draw a seeded table of road signs described by four features.

    Synthetic, after the essay's example: each sign's width (cm, rounded,
    30-120), number of sides (:data:`SIDES`), number of colours and
    text-or-symbol are drawn independently given its class, from made-up
    shares in which the classes overlap, so no rule gets every sign right.
    Exactly ``round(crossing_share * n_samples)`` signs are crossings; rows
    come in random order.

    Parameters
    ----------
    n_samples : int, default=200
        Number of signs, at least 2.
    crossing_share : float, default=0.5
        Share of crossing signs, strictly between 0 and 1.
    seed : int or numpy.random.Generator
        Seed of ``numpy.random.default_rng``, or a generator to draw from.

    Returns
    -------
    RoadSigns
        ``X`` of shape (n_samples, 4), columns :data:`FEATURE_NAMES`.

    Examples
    --------
    >>> signs = make_road_signs(10, seed=0)
    >>> signs.X.shape, signs.n_crossings
    ((10, 4), 5)
    """
    n, n_crossings = _check_args(n_samples, crossing_share)
    rng = as_generator(seed, "seed")
    parts = [_draw_table(rng, 0, n - n_crossings), _draw_table(rng, 1, n_crossings)]
    return _shuffled(rng, parts, FEATURE_NAMES)


def _draw_other_shapes(rng: np.random.Generator, size: int) -> NDArray[np.float64]:
    """Other signs: 45% wide plates, 35% tall ones, and 20% squares of any size."""
    kind = rng.choice(3, size=size, p=[0.45, 0.35, 0.2])
    side = rng.uniform(30.0, 110.0, size)
    stretch = rng.uniform(1.25, 2.2, size)
    root = np.sqrt(stretch)
    width = np.where(kind == 0, side * root, np.where(kind == 1, side / root, side))
    height = np.where(kind == 0, side / root, np.where(kind == 1, side * root, side))
    wobble = np.exp(rng.normal(0.0, 0.06, (2, size)))
    return np.column_stack([width * wobble[0], height * wobble[1]])


def _draw_crossing_shapes(rng: np.random.Generator, size: int) -> NDArray[np.float64]:
    """Crossing signs: near-square, 35 to 110 cm across."""
    side = rng.uniform(35.0, 110.0, size)
    wobble = np.exp(rng.normal(0.0, 0.06, (2, size)))
    return np.column_stack([side * wobble[0], side * wobble[1]])


def make_sign_shapes(
    n_samples: int = 150, *, crossing_share: float = 0.4, seed: int | np.random.Generator
) -> RoadSigns:
    """Draw seeded road signs described by two features: width and height in cm.

    Synthetic, for pictures in the plane: crossing signs are near-square,
    35 to 110 cm across; other signs are mostly wide or tall plates, a fifth
    of them squares of any size. So the crossings lie along the diagonal ``width == height``, a
    slanted band that axis-aligned tree splits can only approximate by
    steps. Values are clipped to 20-140 cm.

    Parameters
    ----------
    n_samples : int, default=150
        Number of signs, at least 2.
    crossing_share : float, default=0.4
        Share of crossing signs, strictly between 0 and 1.
    seed : int or numpy.random.Generator
        Seed of ``numpy.random.default_rng``, or a generator to draw from.

    Returns
    -------
    RoadSigns
        ``X`` of shape (n_samples, 2), columns :data:`SHAPE_FEATURE_NAMES`.

    Examples
    --------
    >>> signs = make_sign_shapes(10, seed=0)
    >>> signs.X.shape, signs.n_crossings
    ((10, 2), 4)
    """
    n, n_crossings = _check_args(n_samples, crossing_share)
    rng = as_generator(seed, "seed")
    parts = [_draw_other_shapes(rng, n - n_crossings), _draw_crossing_shapes(rng, n_crossings)]
    parts = [np.clip(part, 20.0, 140.0) for part in parts]
    return _shuffled(rng, parts, SHAPE_FEATURE_NAMES)


def describe_sign(row: ArrayLike) -> str:
    """Return one row of :func:`make_road_signs` in words.

    Examples
    --------
    >>> describe_sign([45.0, 0.0, 3.0, 0.0])
    '45 cm circle, 3 colours, symbol'
    """
    values = check_finite_array(row, "row")
    if values.size != len(FEATURE_NAMES):
        raise ValueError(f"row must hold the {len(FEATURE_NAMES)} features {FEATURE_NAMES}")
    size, sides, colours, text = (float(v) for v in values)
    shape = SHAPE_NAMES.get(round(sides), f"{sides:g}-sided")
    plural = "" if colours == 1 else "s"
    return f"{size:g} cm {shape}, {colours:g} colour{plural}, {'text' if text else 'symbol'}"


def describe_split(feature: int, threshold: float) -> str:
    """Return the question a split of :func:`make_road_signs` asks (yes goes left).

    Examples
    --------
    >>> describe_split(0, 57.5), describe_split(3, 0.5)
    ('size \u2264 57.5 cm?', 'symbol, not text?')
    """
    check_count(feature, "feature", 0, len(FEATURE_NAMES) - 1)
    check_real(threshold, "threshold")
    if feature == 3:
        return "symbol, not text?"
    name = FEATURE_NAMES[feature]
    unit = " cm" if feature == 0 else ""
    return f"{name} \N{LESS-THAN OR EQUAL TO} {threshold:g}{unit}?"
