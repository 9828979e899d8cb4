"""Cats and dogs: the seeded population, accuracy, plane models and their boundaries."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.metrics import accuracy_score as sk_accuracy_score

from mlu_math.logistic import fit_logistic_regression
from mlu_math.pets import (
    CAT,
    DOG,
    FEATURE_SETS,
    FeatureSetScore,
    best_feature_set,
    compare_feature_sets,
    decision_boundary,
    decision_region,
    fit_plane_model,
    make_pets,
)
from mlu_math.split import train_validation_test_split

BOX = ((0.0, 20.0), (0.0, 10.0))


@pytest.fixture(scope="module")
def many_pets():
    return make_pets(20_000, seed=0)


@pytest.fixture(scope="module")
def split_pets():
    rng = np.random.default_rng(8)
    pets = make_pets(100, seed=rng)
    parts = train_validation_test_split(100, seed=rng, stratify=pets.y)
    return pets, parts


# --- the population -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "dog_share", "n_dogs"),
    [(100, 0.45, 45), (10, 0.45, 4), (7, 0.5, 4), (2, 0.5, 1), (1000, 0.1, 100)],
)
def test_exactly_the_requested_share_are_dogs(n, dog_share, n_dogs):
    pets = make_pets(n, dog_share=dog_share, seed=0)
    assert pets.X.shape == (n, 2) and pets.y.shape == (n,)
    assert pets.y.dtype == np.int8
    assert pets.n_dogs == n_dogs == round(dog_share * n)
    assert pets.n_cats == n - n_dogs


@pytest.mark.parametrize(("species", "label"), [(CAT, 0), (DOG, 1)], ids=["cat", "dog"])
def test_features_stay_in_their_ranges(many_pets, species, label):
    weight, fluffiness = many_pets.X[many_pets.y == label].T
    assert weight.min() >= species.weight_range[0]
    assert weight.max() <= species.weight_range[1]
    assert fluffiness.min() >= 0 and fluffiness.max() <= 10


@pytest.mark.parametrize(
    ("label", "column", "mean"),
    [(0, 0, CAT.weight_mean), (1, 0, DOG.weight_mean), (0, 1, CAT.fluffiness_mean)],
    ids=["cat weight", "dog weight", "cat fluffiness"],
)
def test_feature_means_are_close_to_the_documented_ones(many_pets, label, column, mean):
    # Truncation shifts a mean a little; these ranges keep it within 0.3.
    assert many_pets.X[many_pets.y == label, column].mean() == pytest.approx(mean, abs=0.3)


def test_dogs_are_heavier_and_cats_fluffier_on_average(many_pets):
    cats, dogs = many_pets.X[many_pets.y == 0], many_pets.X[many_pets.y == 1]
    assert dogs[:, 0].mean() > cats[:, 0].mean() + 3
    assert cats[:, 1].mean() > dogs[:, 1].mean() + 1


@pytest.mark.parametrize("column", [0, 1], ids=["weight", "fluffiness"])
def test_no_threshold_on_one_feature_separates_the_species(many_pets, column):
    # Brute force over every cut: the clusters overlap, as real pets do.
    values, y = many_pets.X[:, column], many_pets.y
    cuts = np.quantile(values, np.linspace(0, 1, 401))
    best = max(max(np.mean((values >= c) == y), np.mean((values < c) == y)) for c in cuts)
    assert 0.65 < best < 0.95


def test_the_same_seed_gives_the_same_pets():
    first, second = make_pets(50, seed=3), make_pets(50, seed=3)
    assert_array_equal(first.X, second.X)
    assert_array_equal(first.y, second.y)


def test_another_seed_gives_other_pets():
    assert not np.array_equal(make_pets(50, seed=3).X, make_pets(50, seed=4).X)


def test_pets_are_read_only():
    pets = make_pets(10, seed=0)
    with pytest.raises(ValueError, match="read-only"):
        pets.X[0, 0] = 1.0


def test_species_come_in_random_order():
    y = make_pets(200, seed=0).y
    assert 0 < y[:100].sum() < 100


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 1}, "n_samples must be at least 2"),
        ({"n_samples": 5.0}, "n_samples must be an integer"),
        ({"dog_share": 0.0}, "dog_share must be strictly between 0 and 1"),
        ({"dog_share": 1.5}, "dog_share must be strictly between 0 and 1"),
        ({"n_samples": 3, "dog_share": 0.1}, "dog_share=0.1 of n_samples=3 leaves one species"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_make_pets_refuses_bad_input_naming_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_pets(**{"n_samples": 10, "seed": 0, **kwargs})


# --- plane models ---------------------------------------------------------------------


def test_intercept_only_model_predicts_the_majority_everywhere(split_pets):
    pets, (train, _, _) = split_pets
    model = fit_plane_model(pets.X[train], pets.y[train], "none")
    majority = int(pets.y[train].mean() > 0.5)
    assert_array_equal(model.coef, [0.0, 0.0])
    assert_array_equal(model.predict(pets.X), np.full(pets.y.size, majority))
    assert decision_boundary(model.coef, model.intercept, BOX) is None


@pytest.mark.parametrize(("features", "unused"), [("weight", 1), ("fluffiness", 0)])
def test_one_feature_model_has_an_axis_parallel_boundary(split_pets, features, unused):
    pets, (train, _, _) = split_pets
    model = fit_plane_model(pets.X[train], pets.y[train], features)
    assert model.coef[unused] == 0.0 and model.coef[1 - unused] != 0.0
    segment = decision_boundary(model.coef, model.intercept, BOX)
    assert segment is not None
    assert segment[0, 1 - unused] == pytest.approx(segment[1, 1 - unused])


@pytest.mark.parametrize("features", list(FEATURE_SETS))
def test_plane_model_is_the_logistic_model_on_its_columns(split_pets, features):
    pets, (train, _, _) = split_pets
    plane = fit_plane_model(pets.X[train], pets.y[train], features)
    columns = list(FEATURE_SETS[features])
    direct = fit_logistic_regression(pets.X[train][:, columns], pets.y[train])
    assert_allclose(plane.coef[columns], direct.coef)
    assert plane.intercept == pytest.approx(direct.intercept)
    assert_allclose(plane.decision_function(pets.X), direct.decision_function(pets.X[:, columns]))
    assert_array_equal(plane.predict(pets.X), direct.predict(pets.X[:, columns]))


def test_plane_model_refuses_an_unknown_feature_set(split_pets):
    pets, _ = split_pets
    with pytest.raises(ValueError, match="features must be one of none, weight"):
        fit_plane_model(pets.X, pets.y, "colour")


def test_compare_scores_every_feature_set_on_every_part(split_pets):
    pets, (train, validation, test) = split_pets
    new = make_pets(2000, seed=99)
    scores = compare_feature_sets(pets, train, validation, test, new_pets=new)
    assert [s.features for s in scores] == list(FEATURE_SETS)
    for score in scores:
        for name, index in (("train", train), ("validation", validation), ("test", test)):
            expected = sk_accuracy_score(pets.y[index], score.model.predict(pets.X[index]))
            assert getattr(score, name) == pytest.approx(expected)
        assert score.new == pytest.approx(sk_accuracy_score(new.y, score.model.predict(new.X)))
    # Weight alone beats a guess and fluffiness alone on fresh pets.
    none, weight, fluffiness, _ = (s.new for s in scores)
    assert weight > fluffiness > none


def test_compare_without_new_pets_leaves_their_accuracy_nan(split_pets):
    pets, parts = split_pets
    assert all(math.isnan(s.new) for s in compare_feature_sets(pets, *parts))


@pytest.mark.parametrize(
    ("by", "expected"),
    [("train", 2), ("validation", 0), ("test", 1), ("new", 1)],
)
def test_best_feature_set_takes_the_first_of_equal_scores(by, expected):
    scores = (
        FeatureSetScore(None, 0.8, 0.9, 0.7, 0.80),  # type: ignore[arg-type]
        FeatureSetScore(None, 0.8, 0.9, 0.9, 0.85),  # type: ignore[arg-type]
        FeatureSetScore(None, 0.9, 0.7, 0.9, 0.85),  # type: ignore[arg-type]
    )
    assert best_feature_set(scores, by) == expected


def test_best_feature_set_refuses_an_unknown_part():
    with pytest.raises(ValueError, match="by must be"):
        best_feature_set((), "holdout")  # type: ignore[arg-type]


# --- boundary and region against brute force ------------------------------------------

LINES = {
    "slanted": ([0.4, -1.0], 1.0),
    "steep": ([3.0, 0.2], -30.0),
    "vertical": ([1.0, 0.0], -7.5),
    "horizontal": ([0.0, -2.0], 9.0),
    "through a corner": ([1.0, 1.0], -30.0),
    "on an edge": ([0.0, 1.0], -10.0),
    "misses the box": ([1.0, 1.0], 5.0),
    "random seed 0": tuple(np.random.default_rng(0).normal(size=3) * [1, 1, 5]),
    "random seed 1": tuple(np.random.default_rng(1).normal(size=3) * [1, 1, 5]),
}


def _line(name: str) -> tuple[np.ndarray, float]:
    values = LINES[name]
    if len(values) == 3:
        return np.array(values[:2]), float(values[2])
    return np.array(values[0]), float(values[1])


def _grid(step: float) -> np.ndarray:
    (x0, x1), (y0, y1) = BOX
    xs, ys = np.meshgrid(np.arange(x0, x1 + step / 2, step), np.arange(y0, y1 + step / 2, step))
    return np.stack([xs, ys], axis=-1)


def _distance_to_segment(points: np.ndarray, segment: np.ndarray) -> np.ndarray:
    start, end = segment
    direction = end - start
    t = np.clip((points - start) @ direction / (direction @ direction), 0, 1)
    return np.linalg.norm(points - (start + t[:, None] * direction), axis=1)


@pytest.mark.parametrize("name", list(LINES))
def test_boundary_passes_through_every_sign_change_on_a_grid(name):
    coef, intercept = _line(name)
    step = 0.05
    grid = _grid(step)
    sign = grid @ coef + intercept >= 0
    changes = [
        (grid[:, :-1][sign[:, :-1] != sign[:, 1:]] + grid[:, 1:][sign[:, :-1] != sign[:, 1:]]) / 2,
        (grid[:-1][sign[:-1] != sign[1:]] + grid[1:][sign[:-1] != sign[1:]]) / 2,
    ]
    midpoints = np.concatenate(changes)
    segment = decision_boundary(coef, intercept, BOX)
    if segment is None:
        # No line, or one that only touches a corner: no sign changes but there.
        corners = np.array([[x, y] for x in BOX[0] for y in BOX[1]])
        nearest = np.linalg.norm(midpoints[:, None] - corners[None], axis=2).min(axis=1)
        assert np.all(nearest <= step)
        return
    assert np.all(_distance_to_segment(midpoints, segment) <= step)


@pytest.mark.parametrize("name", list(LINES))
def test_boundary_lies_on_the_line_and_inside_the_box(name):
    coef, intercept = _line(name)
    segment = decision_boundary(coef, intercept, BOX)
    if segment is None:
        return
    assert_allclose(segment @ coef + intercept, 0.0, atol=1e-9)
    (x0, x1), (y0, y1) = BOX
    assert np.all((segment[:, 0] >= x0 - 1e-9) & (segment[:, 0] <= x1 + 1e-9))
    assert np.all((segment[:, 1] >= y0 - 1e-9) & (segment[:, 1] <= y1 + 1e-9))
    # Its ends are on the box's edges, so it spans the box.
    on_edge = np.isclose(segment, [[x0, y0]]) | np.isclose(segment, [[x1, y1]])
    assert np.all(on_edge.any(axis=1))


def _inside_convex(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    edges = np.roll(polygon, -1, axis=0) - polygon
    relative = points[:, None, :] - polygon[None, :, :]
    cross = edges[None, :, 0] * relative[..., 1] - edges[None, :, 1] * relative[..., 0]
    return np.all(cross >= -1e-9, axis=1)


@pytest.mark.parametrize("name", list(LINES))
def test_region_holds_exactly_the_grid_points_on_the_positive_side(name):
    coef, intercept = _line(name)
    points = _grid(0.25).reshape(-1, 2)
    value = points @ coef + intercept
    region = decision_region(coef, intercept, BOX)
    clear = np.abs(value) > 1e-6 * (1 + np.abs(coef).sum())
    if region.shape[0] < 3:
        assert not np.any(value[clear] > 0)
        return
    inside = _inside_convex(points, region)
    assert_array_equal(inside[clear], value[clear] > 0)


@pytest.mark.parametrize("intercept", [1.0, -1.0])
def test_flat_model_region_is_the_whole_box_or_nothing(intercept):
    region = decision_region([0.0, 0.0], intercept, BOX)
    assert region.shape == ((4, 2) if intercept > 0 else (0, 2))


@pytest.mark.parametrize(
    ("coef", "intercept", "box", "message"),
    [
        ([1.0], 0.0, BOX, "coef must hold 2 finite numbers"),
        ([1.0, np.nan], 0.0, BOX, "coef must be finite"),
        ([1.0, 0.0], np.inf, BOX, "intercept must be finite"),
        ([1.0, 0.0], 0.0, ((1.0, 0.0), (0.0, 1.0)), r"box must have shape \(2, 2\)"),
    ],
    ids=["short coef", "nan coef", "infinite intercept", "empty box"],
)
@pytest.mark.parametrize("function", [decision_boundary, decision_region])
def test_geometry_refuses_bad_input(function, coef, intercept, box, message):
    with pytest.raises(ValueError, match=message):
        function(coef, intercept, box)


def test_fit_stops_at_max_iter_when_the_pets_split_perfectly():
    # No best fit exists for separable classes: gradient descent runs to its bound.
    X = np.array([[3.0, 7.0], [4.0, 6.0], [5.0, 8.0], [9.0, 3.0], [12.0, 5.0], [10.0, 2.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = fit_plane_model(X, y, "both", max_iter=300)
    assert not model.model.converged and model.model.n_iter == 300
    assert_array_equal(model.predict(X), y)


def test_compare_passes_max_iter_to_every_fit(split_pets):
    pets, parts = split_pets
    scores = compare_feature_sets(pets, *parts, max_iter=3)
    assert all(score.model.model.n_iter <= 3 for score in scores)
