"""Cats and dogs by weight and fluffiness, and the linear models that tell them apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_generator,
    check_bounds,
    check_choice,
    check_count,
    check_finite_array,
    check_indices,
    check_instance,
    check_real,
)
from mlu_math.cross_validation import accuracy_score
from mlu_math.logistic import LogisticModel, fit_logistic_regression

__all__ = [
    "CAT",
    "DOG",
    "FEATURE_NAMES",
    "FEATURE_SETS",
    "FeatureSetScore",
    "Pets",
    "PlaneModel",
    "Species",
    "best_feature_set",
    "compare_feature_sets",
    "decision_boundary",
    "decision_region",
    "fit_plane_model",
    "make_pets",
]

FEATURE_NAMES: tuple[str, str] = ("weight", "fluffiness")
"""The two columns of a pet's features: weight in kg, fluffiness on a 0-10 scale."""

FEATURE_SETS: dict[str, tuple[int, ...]] = {
    "none": (),
    "weight": (0,),
    "fluffiness": (1,),
    "both": (0, 1),
}
"""The feature sets a model may use, by name, as columns of ``Pets.X``; simplest first."""

Box = tuple[tuple[float, float], tuple[float, float]]
"""An axis-aligned box ``((x_min, x_max), (y_min, y_max))``."""

Part = Literal["train", "validation", "test", "new"]


@dataclass(frozen=True)
class Species:
    """How one species' weight and fluffiness are spread.

    Each feature is a normal distribution truncated to a range (values drawn
    outside it are drawn again), so the tails stay plausible.

    Attributes
    ----------
    weight_mean, weight_sd : float
        Weight in kg.
    weight_range : tuple of 2 floats
        Lightest and heaviest weight, in kg.
    fluffiness_mean, fluffiness_sd : float
        Fluffiness on a 0 (short, smooth coat) to 10 (a ball of fur) scale.
    """

    weight_mean: float
    weight_sd: float
    weight_range: tuple[float, float]
    fluffiness_mean: float
    fluffiness_sd: float


CAT = Species(4.5, 1.2, (2.0, 10.0), 6.0, 1.8)
"""Adult house cats: mostly 3-6 kg, fluffier on average than dogs."""

DOG = Species(9.5, 3.5, (2.5, 20.0), 4.0, 2.0)
"""Small to medium dogs: light toy breeds overlap the cats' weights."""

FLUFFINESS_RANGE = (0.0, 10.0)


@dataclass(frozen=True, eq=False)
class Pets:
    """A sample of pets: features and species.

    Attributes
    ----------
    X : ndarray of shape (n_samples, 2)
        Weight in kg and fluffiness (0-10) of each pet (read-only).
    y : ndarray of shape (n_samples,), dtype int8
        1 for a dog, 0 for a cat (read-only).
    """

    X: NDArray[np.float64]
    y: NDArray[np.int8]

    @property
    def n_dogs(self) -> int:
        """How many of the pets are dogs."""
        return int(self.y.sum())

    @property
    def n_cats(self) -> int:
        """How many of the pets are cats."""
        return int(self.y.size - self.y.sum())


def _truncated_normal(
    rng: np.random.Generator, mean: float, sd: float, bounds: tuple[float, float], size: int
) -> NDArray[np.float64]:
    """Draw from a normal distribution, drawing again whatever falls outside ``bounds``."""
    values = rng.normal(mean, sd, size)
    outside = (values < bounds[0]) | (values > bounds[1])
    while outside.any():
        values[outside] = rng.normal(mean, sd, int(outside.sum()))
        outside = (values < bounds[0]) | (values > bounds[1])
    return values


def _draw_species(rng: np.random.Generator, species: Species, size: int) -> NDArray[np.float64]:
    weight = _truncated_normal(
        rng, species.weight_mean, species.weight_sd, species.weight_range, size
    )
    fluffiness = _truncated_normal(
        rng, species.fluffiness_mean, species.fluffiness_sd, FLUFFINESS_RANGE, size
    )
    return np.column_stack([weight, fluffiness])


def make_pets(
    n_samples: int = 100,
    *,
    dog_share: float = 0.45,
    seed: int | np.random.Generator,
) -> Pets:
    """Draw a seeded population of cats and dogs described by weight and fluffiness.

    Exactly ``round(dog_share * n_samples)`` pets are dogs, drawn from
    :data:`DOG`; the rest are cats, drawn from :data:`CAT`. The two clusters
    overlap (small fluffy dogs, big short-haired cats), so no line separates
    them perfectly. Pets come in random order.

    Parameters
    ----------
    n_samples : int, default=100
        Number of pets, at least 2.
    dog_share : float, default=0.45
        Share of dogs, strictly between 0 and 1; both species must be present.
    seed : int or numpy.random.Generator
        Seed of ``numpy.random.default_rng``, or a generator to draw from.

    Returns
    -------
    Pets
        ``X`` of shape (n_samples, 2) and ``y`` of shape (n_samples,).

    Examples
    --------
    >>> pets = make_pets(10, seed=0)
    >>> pets.X.shape, pets.n_dogs, pets.n_cats
    ((10, 2), 4, 6)
    """
    check_count(n_samples, "n_samples", 2)
    check_real(dog_share, "dog_share", low=0, high=1, low_open=True, high_open=True)
    n_dogs = round(dog_share * n_samples)
    if not 0 < n_dogs < n_samples:
        raise ValueError(
            f"dog_share={dog_share} of n_samples={n_samples} leaves one species with no pet"
        )
    rng = as_generator(seed, "seed")
    features = np.concatenate(
        [_draw_species(rng, CAT, n_samples - n_dogs), _draw_species(rng, DOG, n_dogs)]
    )
    labels = np.repeat(np.array([0, 1], dtype=np.int8), [n_samples - n_dogs, n_dogs])
    order = rng.permutation(n_samples)
    X, y = features[order], labels[order]
    X.setflags(write=False)
    y.setflags(write=False)
    return Pets(X, y)


@dataclass(frozen=True)
class PlaneModel:
    """A logistic regression on some of the pets' features, seen in the whole plane.

    Attributes
    ----------
    features : str
        Name of its feature set, a key of :data:`FEATURE_SETS`.
    model : LogisticModel
        The fitted model, on the columns ``FEATURE_SETS[features]`` only.
    coef : ndarray of shape (2,)
        Its coefficients placed in the (weight, fluffiness) plane; 0 for a
        feature it does not use.
    intercept : float
    """

    features: str
    model: LogisticModel
    coef: NDArray[np.float64]
    intercept: float

    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]:
        """Return the log-odds of being a dog, shape (n_samples,), for ``X`` of shape (n, 2)."""
        return _check_plane_points(X) @ self.coef + self.intercept

    def predict(self, X: ArrayLike) -> NDArray[np.int8]:
        """Return 1 (dog) or 0 (cat) for each row of ``X``, shape (n_samples, 2)."""
        columns = list(FEATURE_SETS[self.features])
        return self.model.predict(_check_plane_points(X)[:, columns])


def _check_plane_points(X: ArrayLike) -> NDArray[np.float64]:
    return check_finite_array(X, "X", ndim=2, n_columns=2)


def fit_plane_model(
    X: ArrayLike, y: ArrayLike, features: str, *, max_iter: int = 50_000
) -> PlaneModel:
    """Fit a logistic regression on one feature set of the pets.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Weight and fluffiness.
    y : array-like of shape (n_samples,)
        1 for a dog, 0 for a cat; both must be present.
    features : str
        A key of :data:`FEATURE_SETS`: ``"none"`` fits the intercept only (it
        predicts the majority species everywhere), ``"weight"`` and
        ``"fluffiness"`` one feature (a vertical or horizontal boundary),
        ``"both"`` the two (a slanted one).
    max_iter : int, default=50_000
        Most gradient steps of the fit. When the training pets can be split
        perfectly, no best fit exists and every step sharpens the boundary;
        a smaller bound keeps such a fit quick.

    Returns
    -------
    PlaneModel

    Examples
    --------
    >>> X = [[3.0, 7.0], [4.0, 6.0], [9.0, 3.0], [12.0, 5.0], [5.0, 2.0]]
    >>> model = fit_plane_model(X, [0, 0, 1, 1, 1], "none")
    >>> model.coef.tolist(), model.predict(X).tolist()
    ([0.0, 0.0], [1, 1, 1, 1, 1])
    """
    check_choice(features, "features", tuple(FEATURE_SETS))
    points = _check_plane_points(X)
    columns = list(FEATURE_SETS[features])
    model = fit_logistic_regression(points[:, columns], y, max_iter=max_iter)
    coef = np.zeros(2)
    coef[columns] = model.coef
    return PlaneModel(features, model, coef, model.intercept)


@dataclass(frozen=True)
class FeatureSetScore:
    """A feature set's model, fitted on the training set, and its accuracy on each set.

    Attributes
    ----------
    model : PlaneModel
    train, validation, test : float
        Accuracy on each part of the split.
    new : float
        Accuracy on a large fresh sample of pets, standing in for the model's
        true accuracy; NaN when none was given.
    """

    model: PlaneModel
    train: float
    validation: float
    test: float
    new: float = float("nan")

    @property
    def features(self) -> str:
        """Name of the feature set."""
        return self.model.features


def compare_feature_sets(
    pets: Pets,
    train: ArrayLike,
    validation: ArrayLike,
    test: ArrayLike,
    *,
    new_pets: Pets | None = None,
    max_iter: int = 50_000,
) -> tuple[FeatureSetScore, ...]:
    """Fit one model per feature set on the training pets and score it on every set.

    Parameters
    ----------
    pets : Pets
        All the pets.
    train, validation, test : array-like of int
        Indices into ``pets`` of each set, e.g. from
        :func:`mlu_math.split.train_validation_test_split`.
    new_pets : Pets, default=None
        A large fresh sample on which to measure each model's true accuracy.
    max_iter : int, default=50_000
        Most gradient steps of each fit (see :func:`fit_plane_model`).

    Returns
    -------
    tuple of FeatureSetScore
        One per feature set, in the order of :data:`FEATURE_SETS`.
    """
    check_instance(pets, "pets", Pets)
    if new_pets is not None:
        check_instance(new_pets, "new_pets", Pets)
    parts = {"train": train, "validation": validation, "test": test}
    n = pets.y.size
    indices = {name: check_indices(part, name, n, "len(pets.y)") for name, part in parts.items()}
    scores = []
    for features in FEATURE_SETS:
        train_X, train_y = pets.X[indices["train"]], pets.y[indices["train"]]
        model = fit_plane_model(train_X, train_y, features, max_iter=max_iter)
        accuracy = {
            name: accuracy_score(pets.y[index], model.predict(pets.X[index]))
            for name, index in indices.items()
        }
        new = float("nan")
        if new_pets is not None:
            new = accuracy_score(new_pets.y, model.predict(new_pets.X))
        scores.append(FeatureSetScore(model, **accuracy, new=new))
    return tuple(scores)


def best_feature_set(scores: tuple[FeatureSetScore, ...], by: Part) -> int:
    """Return the index of the score that is highest on the set ``by``.

    Ties go to the earliest, i.e. the simplest model in :data:`FEATURE_SETS`.

    Examples
    --------
    >>> best = FeatureSetScore(None, 0.9, 0.8, 0.7), FeatureSetScore(None, 0.95, 0.8, 0.9)
    >>> best_feature_set(best, "validation"), best_feature_set(best, "test")
    (0, 1)
    """
    check_choice(by, "by", ("train", "validation", "test", "new"))
    if not scores:
        raise ValueError("scores is empty; at least one FeatureSetScore is needed")
    for i, score in enumerate(scores):
        check_instance(score, f"scores[{i}]", FeatureSetScore)
    values = check_finite_array([getattr(score, by) for score in scores], f"scores' {by} accuracy")
    return int(np.argmax(values))


def _box_corners(box: Box) -> NDArray[np.float64]:
    (x_min, x_max), (y_min, y_max) = check_bounds(box, "box", n_rows=2)
    return np.array([[x_min, y_min], [x_max, y_min], [x_max, y_max], [x_min, y_max]])


def _check_coef(coef: ArrayLike, intercept: float) -> tuple[NDArray[np.float64], float]:
    weights = check_finite_array(coef, "coef")
    if weights.shape != (2,):
        raise ValueError(f"coef must hold 2 finite numbers (one per feature), got {coef!r}")
    return weights, check_real(intercept, "intercept")


def decision_region(coef: ArrayLike, intercept: float, box: Box) -> NDArray[np.float64]:
    """Return the part of ``box`` where ``x @ coef + intercept >= 0``, as a polygon.

    The box is clipped by the half-plane (one step of Sutherland-Hodgman).

    Parameters
    ----------
    coef : array-like of shape (2,)
    intercept : float
    box : ((x_min, x_max), (y_min, y_max))

    Returns
    -------
    vertices : ndarray of shape (n_vertices, 2)
        A convex polygon, counter-clockwise; 0 vertices when the region has no
        area (it is empty, or only an edge or a corner of the box).

    Examples
    --------
    >>> decision_region([1.0, 0.0], -1.0, ((0, 2), (0, 1))).tolist()
    [[1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [1.0, 1.0]]
    """
    weights, bias = _check_coef(coef, intercept)
    corners = _box_corners(box)
    values = corners @ weights + bias
    vertices: list[NDArray[np.float64]] = []
    for i in range(4):
        j = (i + 1) % 4
        if values[i] >= 0:
            vertices.append(corners[i])
        if (values[i] >= 0) != (values[j] >= 0):
            t = values[i] / (values[i] - values[j])
            vertices.append(corners[i] + t * (corners[j] - corners[i]))
    return _without_repeats(np.array(vertices).reshape(-1, 2))


def _without_repeats(polygon: NDArray[np.float64]) -> NDArray[np.float64]:
    """Drop vertices equal to the one before; no polygon at all if under 3 are left."""
    if polygon.shape[0] == 0:
        return polygon
    repeated = np.all(polygon == np.roll(polygon, 1, axis=0), axis=1)
    kept = polygon[~repeated] if not repeated.all() else polygon[:1]
    return kept if kept.shape[0] >= 3 else np.empty((0, 2))


def decision_boundary(coef: ArrayLike, intercept: float, box: Box) -> NDArray[np.float64] | None:
    """Return the segment of the line ``x @ coef + intercept = 0`` inside ``box``.

    Parameters
    ----------
    coef : array-like of shape (2,)
        Weights of the two features; both 0 means there is no line.
    intercept : float
    box : ((x_min, x_max), (y_min, y_max))

    Returns
    -------
    segment : ndarray of shape (2, 2), or None
        The segment's two end points, on the box's edges; None when the line
        misses the box (or only touches a corner) or ``coef`` is 0.

    Examples
    --------
    >>> decision_boundary([1.0, 0.0], -4.0, ((0, 10), (0, 5))).tolist()
    [[4.0, 0.0], [4.0, 5.0]]
    >>> decision_boundary([0.0, 0.0], 1.0, ((0, 10), (0, 5))) is None
    True
    """
    weights, bias = _check_coef(coef, intercept)
    corners = _box_corners(box)
    if not np.any(weights):
        return None
    values = corners @ weights + bias
    points: list[NDArray[np.float64]] = []
    for i in range(4):
        j = (i + 1) % 4
        if values[i] == 0:
            points.append(corners[i])
        elif values[i] * values[j] < 0:
            t = values[i] / (values[i] - values[j])
            points.append(corners[i] + t * (corners[j] - corners[i]))
    if len(points) < 2:
        return None
    distinct = np.unique(np.array(points), axis=0)
    if distinct.shape[0] < 2:
        return None
    first, second = max(
        ((a, b) for a in range(len(distinct)) for b in range(a + 1, len(distinct))),
        key=lambda pair: np.linalg.norm(distinct[pair[0]] - distinct[pair[1]]),
    )
    return np.array([distinct[first], distinct[second]])
