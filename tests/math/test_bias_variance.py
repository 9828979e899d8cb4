"""Bias-variance simulation: the decomposition identity, closed forms and a brute-force check."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import integrate
from sklearn.metrics import mean_squared_error as sklearn_mse
from sklearn.neighbors import KNeighborsRegressor

from mlu_math.bias_variance import (
    TRUE_FUNCTION_MEAN,
    TRUE_FUNCTION_VARIANCE,
    bias_variance,
    error_by_flexibility,
    fixed_design,
    knn_bias_variance,
    knn_fit_predict,
    make_samples,
    polynomial_bias_variance,
    polynomial_fit_predict,
    true_function,
)

GRID = np.linspace(0, 1, 41)
FIXED_X = (np.arange(20) + 0.5) / 20
NOISE = 0.3


def simulate(kind: str, flexibilities, *, seed=0, n_sets=200, x_train=None, n_train=20):
    run = polynomial_bias_variance if kind == "polynomial" else knn_bias_variance
    return run(
        flexibilities,
        n_train=n_train,
        n_sets=n_sets,
        noise=NOISE,
        x_test=GRID,
        rng=np.random.default_rng(seed),
        x_train=x_train,
    )


# --- the truth and its samples --------------------------------------------------------


def test_true_function_mean_matches_numerical_integral():
    value, _ = integrate.quad(lambda x: float(true_function([x])[0]), 0, 1)
    assert TRUE_FUNCTION_MEAN == pytest.approx(value, abs=1e-10)


def test_true_function_variance_matches_numerical_integral():
    value, _ = integrate.quad(
        lambda x: (float(true_function([x])[0]) - TRUE_FUNCTION_MEAN) ** 2, 0, 1
    )
    assert TRUE_FUNCTION_VARIANCE == pytest.approx(value, abs=1e-10)


def test_make_samples_noise_has_the_asked_spread():
    x, y = make_samples(20_000, noise=NOISE, rng=np.random.default_rng(0))
    residual = y - true_function(x)
    assert residual.mean() == pytest.approx(0.0, abs=0.01)
    assert residual.std() == pytest.approx(NOISE, rel=0.02)
    assert 0 <= x.min() and x.max() <= 1


def test_make_samples_repeats_with_the_same_seed():
    first = make_samples(10, noise=NOISE, rng=np.random.default_rng(3))
    second = make_samples(10, noise=NOISE, rng=np.random.default_rng(3))
    assert_array_equal(first[0], second[0])
    assert_array_equal(first[1], second[1])


def test_fixed_design_is_the_bin_midpoints():
    assert_allclose(fixed_design(5), [0.1, 0.3, 0.5, 0.7, 0.9])


# --- one training set ------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 4, 20])
def test_error_by_flexibility_matches_sklearn_knn(k):
    rng = np.random.default_rng(k)
    x, y = make_samples(20, noise=NOISE, rng=rng)
    x_test, y_test = make_samples(50, noise=NOISE, rng=rng)
    train, test = error_by_flexibility(knn_fit_predict, [k], x, y, x_test, y_test)
    model = KNeighborsRegressor(n_neighbors=k).fit(x[:, None], y)
    assert train[0] == pytest.approx(sklearn_mse(y, model.predict(x[:, None])))
    assert test[0] == pytest.approx(sklearn_mse(y_test, model.predict(x_test[:, None])))


@pytest.mark.parametrize("degree", [0, 3, 8])
def test_error_by_flexibility_matches_numpy_polyfit(degree):
    rng = np.random.default_rng(degree)
    x, y = make_samples(20, noise=NOISE, rng=rng, x=FIXED_X)
    x_test, y_test = make_samples(50, noise=NOISE, rng=rng)
    train, test = error_by_flexibility(polynomial_fit_predict, [degree], x, y, x_test, y_test)
    coef = np.polyfit(x, y, degree)
    assert train[0] == pytest.approx(np.mean((np.polyval(coef, x) - y) ** 2))
    assert test[0] == pytest.approx(np.mean((np.polyval(coef, x_test) - y_test) ** 2))


def test_error_by_flexibility_refuses_mismatched_test_data():
    with pytest.raises(ValueError, match="x_test has 1 samples but y_test has 2"):
        error_by_flexibility(knn_fit_predict, [1], [0.0, 1.0], [0.0, 1.0], [0.5], [0.0, 1.0])


# --- the decomposition identity -------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "flexibilities", "x_train"),
    [
        ("polynomial", [0, 1, 3, 6, 10], None),
        ("polynomial", [0, 2, 5, 12], FIXED_X),
        ("knn", [1, 3, 10, 20], None),
        ("knn", [1, 2, 7, 20], FIXED_X),
    ],
)
def test_bias_squared_plus_variance_plus_noise_is_the_simulated_error(kind, flexibilities, x_train):
    result = simulate(kind, flexibilities, x_train=x_train, n_sets=50)
    in_sample = np.mean((result.fits - true_function(GRID)) ** 2, axis=(1, 2)) + NOISE**2
    assert_allclose(result.bias_squared + result.variance + result.noise, in_sample, rtol=1e-12)
    assert_allclose(result.expected_error, in_sample, rtol=1e-12)


@pytest.mark.parametrize(
    ("degree", "x_train"),
    # random inputs give high degrees heavy-tailed errors (a wild fit near an edge), so
    # those are checked on the fixed design, where Monte-Carlo averages settle quickly
    [(0, None), (2, None), (1, FIXED_X), (4, FIXED_X), (9, FIXED_X), (12, FIXED_X)],
)
def test_expected_error_matches_brute_force_with_fresh_test_noise(degree, x_train):
    result = simulate("polynomial", [degree], n_sets=1000, seed=1, x_train=x_train)
    rng = np.random.default_rng(12345)
    errors = []
    for _ in range(1000):
        x = rng.uniform(0, 1, 20) if x_train is None else x_train
        y = true_function(x) + rng.normal(0, NOISE, 20)
        fitted = np.polyval(np.polyfit(x, y, degree), GRID)
        y_test = true_function(GRID) + rng.normal(0, NOISE, GRID.size)
        errors.append(np.mean((y_test - fitted) ** 2))
    assert result.expected_error[0] == pytest.approx(np.mean(errors), rel=0.05)


# --- closed forms ---------------------------------------------------------------------


def test_degree_zero_on_a_fixed_design_has_the_closed_form_bias_and_variance():
    # Tested where it was trained: the mean fit is the mean of f over the grid.
    result = polynomial_bias_variance(
        [0],
        n_train=20,
        n_sets=4000,
        noise=NOISE,
        x_test=FIXED_X,
        rng=np.random.default_rng(2),
        x_train=FIXED_X,
    )
    assert result.bias_squared[0] == pytest.approx(np.var(true_function(FIXED_X)), rel=0.01)
    assert result.variance[0] == pytest.approx(NOISE**2 / 20, rel=0.05)


def test_degree_zero_on_random_inputs_has_the_closed_form_bias_and_variance():
    # x ~ U[0, 1]: the mean fit is the integral of f; var(mean y) = (var f + sigma^2) / n.
    result = simulate("polynomial", [0], n_sets=4000, seed=3)
    truth = true_function(GRID)
    assert result.bias_squared[0] == pytest.approx(
        np.mean((truth - TRUE_FUNCTION_MEAN) ** 2), rel=0.02
    )
    expected_variance = (TRUE_FUNCTION_VARIANCE + NOISE**2) / 20
    assert result.variance[0] == pytest.approx(expected_variance, rel=0.05)


@pytest.mark.parametrize("degree", [1, 3, 6, 10])
def test_polynomial_on_a_fixed_design_matches_the_hat_matrix(degree):
    # Least squares is linear in y: mean fit = H f, variance = sigma^2 * diag(H H^T).
    basis = np.polynomial.legendre.legvander
    design = basis(2 * FIXED_X - 1, degree)
    hat = basis(2 * GRID - 1, degree) @ np.linalg.pinv(design)
    truth = true_function(GRID)
    bias_squared = np.mean((hat @ true_function(FIXED_X) - truth) ** 2)
    variance = NOISE**2 * np.mean(np.sum(hat**2, axis=1))
    result = simulate("polynomial", [degree], n_sets=3000, seed=4, x_train=FIXED_X)
    assert result.variance[0] == pytest.approx(variance, rel=0.05)
    # the simulated bias carries the mean fit's Monte-Carlo error: variance / n_sets
    assert result.bias_squared[0] == pytest.approx(
        bias_squared + variance / 3000, rel=0.05, abs=1e-4
    )


def test_knn_with_k_equal_n_train_predicts_each_sets_mean_everywhere():
    result = simulate("knn", [20], n_sets=30)
    rng = np.random.default_rng(0)  # the same draws, in the same order, as the simulation
    means = [make_samples(20, noise=NOISE, rng=rng)[1].mean() for _ in range(30)]
    assert_allclose(result.fits[0], np.repeat(np.array(means)[:, None], GRID.size, axis=1))


def test_knn_with_k_one_on_a_fixed_design_has_variance_sigma_squared():
    grid = FIXED_X + 0.01  # no ties: each query's nearest training input is unique
    result = knn_bias_variance(
        [1],
        n_train=20,
        n_sets=3000,
        noise=NOISE,
        x_test=grid,
        rng=np.random.default_rng(5),
        x_train=FIXED_X,
    )
    assert result.variance[0] == pytest.approx(NOISE**2, rel=0.05)


# --- invariants -----------------------------------------------------------------------


def test_training_error_falls_as_the_degree_rises():
    result = simulate("polynomial", list(range(13)), n_sets=50, x_train=FIXED_X)
    assert np.all(np.diff(result.train_error) <= 1e-12)


def test_the_simulation_repeats_with_the_same_seed():
    first, second = (simulate("polynomial", [2, 5], n_sets=10, seed=9) for _ in range(2))
    assert_array_equal(first.fits, second.fits)


def test_shapes_mean_fit_and_best():
    result = simulate("polynomial", [0, 4, 12], n_sets=20, x_train=FIXED_X)
    assert result.fits.shape == (3, 20, GRID.size)
    assert result.mean_fit.shape == (3, GRID.size)
    assert result.best == int(np.argmin(result.expected_error))


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"n_sets": 1}, "n_sets must be at least 2"),
        ({"n_train": 0}, "n_train must be at least 1"),
        ({"noise": -0.1}, "noise must be a finite number >= 0"),
        ({"flexibilities": [1.5]}, "flexibilities must hold integers"),
        ({"flexibilities": [25]}, r"degree must be in \[0, 19\]"),
        ({"x_train": [0.1, 0.2]}, "x_train has 2 values but n_train is 20"),
        ({"x_test": []}, "x_test is empty"),
    ],
)
def test_bias_variance_refuses_bad_input(changes, message):
    arguments = {
        "flexibilities": [1],
        "n_train": 20,
        "n_sets": 5,
        "noise": NOISE,
        "x_test": GRID,
        "rng": np.random.default_rng(0),
        "x_train": None,
    } | changes
    flexibilities = arguments.pop("flexibilities")
    with pytest.raises(ValueError, match=message):
        bias_variance(polynomial_fit_predict, flexibilities, **arguments)
