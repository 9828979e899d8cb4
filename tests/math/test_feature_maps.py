"""Nested random features: nesting, reproducibility, their kernel, rank, bad input."""

import numpy as np
import pytest

from mlu_math.feature_maps import DOMAIN, LENGTH_SCALE, feature_parameters, features

X = np.linspace(-1.0, 1.0, 13)


@pytest.mark.parametrize("kind", ["fourier", "abs"])
@pytest.mark.parametrize(("p", "more"), [(1, 2), (5, 6), (20, 500), (100, 3000)])
def test_fewer_features_are_the_first_columns_of_more(kind, p, more):
    np.testing.assert_array_equal(
        features(X, p, seed=3, kind=kind), features(X, more, seed=3, kind=kind)[:, :p]
    )


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_a_seed_always_gives_the_same_features(seed):
    np.testing.assert_array_equal(features(X, 30, seed=seed), features(X, 30, seed=seed))


def test_different_seeds_give_different_features():
    assert not np.allclose(features(X, 30, seed=0), features(X, 30, seed=1))


def test_fourier_features_are_the_documented_cosines():
    frequencies, phases, _ = feature_parameters(8, seed=2)
    expected = np.sqrt(2) * np.cos(X[:, None] * frequencies[None, :] + phases[None, :])
    np.testing.assert_allclose(features(X, 8, seed=2), expected, rtol=1e-12)


def test_abs_features_are_distances_to_knots_inside_the_domain():
    _, _, knots = feature_parameters(50, seed=4)
    assert np.all((knots >= DOMAIN[0]) & (knots <= DOMAIN[1]))
    np.testing.assert_allclose(features(X, 50, seed=4, kind="abs"), np.abs(X[:, None] - knots))


def test_phases_are_uniform_on_a_full_turn():
    _, phases, _ = feature_parameters(20_000, seed=5)
    assert phases.min() >= 0 and phases.max() < 2 * np.pi
    assert phases.mean() == pytest.approx(np.pi, abs=0.05)


@pytest.mark.parametrize("distance", [0.0, 0.02, 0.05, 0.1, 0.2])
def test_the_average_feature_product_is_the_matern_kernel(distance):
    # sqrt(2) cos(w x + b) with w ~ t_3 / l averages to the Matern-3/2 kernel
    phi = features(np.array([0.1, 0.1 + distance]), 400_000, seed=6)
    r = np.sqrt(3) * distance / LENGTH_SCALE
    assert np.mean(phi[0] * phi[1]) == pytest.approx((1 + r) * np.exp(-r), abs=0.01)


def test_length_scale_stretches_the_frequencies():
    short, _, _ = feature_parameters(10, seed=7, length_scale=0.05)
    long, _, _ = feature_parameters(10, seed=7, length_scale=0.5)
    np.testing.assert_allclose(short, 10 * long)


@pytest.mark.parametrize("n", [5, 10, 20, 25])
def test_as_many_fourier_features_as_points_have_full_rank(n):
    # numerically so up to about 25 spread points at the default length scale
    x = np.linspace(-0.95, 0.95, n)
    assert np.linalg.matrix_rank(features(x, n, seed=8)) == n


def test_abs_features_with_knots_between_the_same_points_are_dependent():
    # on the points, |x - k| is linear in k while k stays between two of them
    x = np.array([-0.5, 0.0, 0.5])
    knots_phi = np.abs(x[:, None] - np.array([0.1, 0.2, 0.3]))
    assert np.linalg.matrix_rank(knots_phi) == 2


@pytest.mark.parametrize(
    ("x", "n_features", "kwargs", "message"),
    [
        ([[0.0]], 3, {}, "x must be 1-D"),
        ([0.0, np.nan], 3, {}, "x must be finite"),
        ([0.0], 0, {}, "n_features must be at least 1"),
        ([0.0], 2.5, {}, "n_features must be an integer"),
        ([0.0], 3, {"seed": -1}, "seed must be at least 0"),
        ([0.0], 3, {"seed": 1.5}, "seed must be an integer"),
        ([0.0], 3, {"kind": "spline"}, "kind must be one of fourier, abs"),
        ([0.0], 3, {"length_scale": 0.0}, "length_scale must be a finite number > 0"),
    ],
)
def test_bad_input_is_refused_by_name(x, n_features, kwargs, message):
    with pytest.raises(ValueError, match=message):
        features(x, n_features, **kwargs)
