"""Polynomial fits, k-nearest-neighbour regression and squared error against numpy and sklearn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error as sklearn_mse
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures

from mlu_math.regression import (
    knn_regression,
    mean_squared_error,
    polynomial_fit,
    polynomial_predict,
)


def noisy_data(seed: int, n: int, low: float = 0.0, high: float = 1.0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(low, high, n)
    return x, np.sin(6 * x) + rng.normal(0, 0.3, n)


# --- polynomial_fit -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "n", "degree"),
    [(0, 5, 0), (1, 5, 1), (2, 20, 3), (3, 20, 7), (4, 30, 12), (5, 13, 12)],
)
def test_polynomial_fit_matches_numpy_polyfit(seed, n, degree):
    x, y = noisy_data(seed, n)
    expected = np.polyfit(x, y, degree)[::-1]
    assert_allclose(polynomial_fit(x, y, degree), expected, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("seed", "n", "degree"), [(0, 10, 2), (1, 25, 5), (2, 30, 9), (3, 40, 12)])
def test_polynomial_predictions_match_sklearn_pipeline(seed, n, degree):
    x, y = noisy_data(seed, n)
    grid = np.linspace(0, 1, 50)
    # Powers of x scaled to [-1, 1]: the same model, kept well conditioned for sklearn.
    model = make_pipeline(
        MinMaxScaler((-1, 1)), PolynomialFeatures(degree), LinearRegression()
    ).fit(x[:, None], y)
    ours = polynomial_predict(polynomial_fit(x, y, degree), grid)
    assert_allclose(ours, model.predict(grid[:, None]), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(("low", "high"), [(-50.0, 50.0), (-1.0, 4.0), (0.0, 1e-3)])
def test_polynomial_fit_is_well_conditioned_far_from_the_unit_interval(low, high):
    x, y = noisy_data(7, 30, low, high)
    expected = np.polynomial.Polynomial.fit(x, y, 6)
    ours = polynomial_predict(polynomial_fit(x, y, 6), x)
    assert_allclose(ours, expected(x), rtol=1e-6, atol=1e-6)


def test_polynomial_fit_hand_worked_line():
    assert_allclose(polynomial_fit([0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0], 1), [1.0, 2.0])


def test_polynomial_fit_of_degree_zero_is_the_mean():
    x, y = noisy_data(8, 17)
    assert_allclose(polynomial_fit(x, y, 0), [y.mean()])


@pytest.mark.parametrize("n", [2, 5, 9])
def test_polynomial_of_degree_n_minus_one_passes_through_every_point(n):
    x, y = noisy_data(n, n)
    assert_allclose(polynomial_predict(polynomial_fit(x, y, n - 1), x), y, atol=1e-8)


@pytest.mark.parametrize(
    ("x", "y", "degree", "message"),
    [
        ([0.0, 1.0], [0.0, 1.0], 2, r"degree must be in \[0, 1\] \(x has 2 distinct"),
        ([0.0, 0.0, 1.0], [0.0, 1.0, 1.0], 2, r"degree must be in \[0, 1\]"),
        ([0.0, 1.0], [0.0, 1.0], -1, "degree must be in"),
        ([0.0, 1.0], [0.0, 1.0], 1.0, "degree must be an integer"),
        ([0.0, 1.0], [0.0], 0, "x has 2 samples but y has 1"),
        ([0.0, np.nan], [0.0, 1.0], 0, "x must be finite"),
        ([[0.0, 1.0]], [0.0, 1.0], 0, "x must be 1-D"),
    ],
)
def test_polynomial_fit_refuses_bad_input(x, y, degree, message):
    with pytest.raises(ValueError, match=message):
        polynomial_fit(x, y, degree)


# --- polynomial_predict ---------------------------------------------------------------


@pytest.mark.parametrize("coef", [[3.0], [1.0, -2.0], [0.5, 0.0, -1.0, 2.0]])
def test_polynomial_predict_matches_polyval(coef):
    x = np.linspace(-2, 2, 9)
    assert_allclose(polynomial_predict(coef, x), np.polyval(coef[::-1], x))


def test_polynomial_predict_refuses_empty_coef():
    with pytest.raises(ValueError, match="coef is empty"):
        polynomial_predict([], [1.0])


# --- knn_regression -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "n", "k"), [(0, 10, 1), (1, 10, 3), (2, 25, 5), (3, 40, 10), (4, 15, 15)]
)
def test_knn_regression_matches_sklearn_without_ties(seed, n, k):
    x, y = noisy_data(seed, n)
    queries = np.random.default_rng(seed + 100).uniform(-0.1, 1.1, 60)
    model = KNeighborsRegressor(n_neighbors=k).fit(x[:, None], y)
    assert_allclose(knn_regression(x, y, queries, k), model.predict(queries[:, None]))


def test_knn_regression_breaks_distance_ties_by_training_order():
    # 1.5 is 0.5 from both x=1 (index 0) and x=2 (index 1): the earlier wins.
    x_train, y_train = [1.0, 2.0, 0.0, 3.0], [10.0, 20.0, 0.0, 30.0]
    assert_array_equal(knn_regression(x_train, y_train, [1.5], 1), [10.0])
    assert_array_equal(knn_regression(x_train[::-1], y_train[::-1], [1.5], 1), [20.0])
    # k=3 at 1.5: 1 and 2 (0.5 away), then 0 (index 2) before 3 (index 3), both 1.5 away.
    assert_array_equal(knn_regression(x_train, y_train, [1.5], 3), [10.0])


def test_knn_regression_with_k_equal_n_is_the_training_mean_everywhere():
    x, y = noisy_data(9, 12)
    assert_allclose(knn_regression(x, y, np.linspace(-1, 2, 7), 12), np.full(7, y.mean()))


def test_knn_regression_with_k_one_returns_the_training_targets():
    x, y = noisy_data(10, 12)
    assert_array_equal(knn_regression(x, y, x, 1), y)


@pytest.mark.parametrize(
    ("k", "message"),
    [(0, r"k must be in \[1, 3\]"), (4, r"k must be in \[1, 3\]"), (2.0, "k must be an integer")],
)
def test_knn_regression_refuses_bad_k(k, message):
    with pytest.raises(ValueError, match=message):
        knn_regression([0.0, 1.0, 2.0], [0.0, 1.0, 2.0], [0.5], k)


def test_knn_regression_refuses_mismatched_training_data():
    with pytest.raises(ValueError, match="x_train has 3 samples but y_train has 2"):
        knn_regression([0.0, 1.0, 2.0], [0.0, 1.0], [0.5], 1)


# --- mean_squared_error ---------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mean_squared_error_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    truth, pred = rng.normal(size=20), rng.normal(size=20)
    assert mean_squared_error(truth, pred) == pytest.approx(sklearn_mse(truth, pred))


def test_mean_squared_error_refuses_mismatched_lengths():
    with pytest.raises(ValueError, match="y_true has 2 samples but y_pred has 1"):
        mean_squared_error([0.0, 1.0], [0.0])
