"""Double-descent curves against brute-force loops over fits, and their measured shape."""

import numpy as np
import pytest
from sklearn.linear_model import Ridge

from mlu_math.double_descent import (
    JITTER,
    NOISE,
    coefficient_norm_curve,
    double_descent_data,
    error_curve,
    fit_coefficients,
    fit_curve,
    sample_wise_curve,
    smallest_singular_value_curve,
    train_test_errors,
    true_function,
)
from mlu_math.feature_maps import DOMAIN, features
from mlu_math.least_squares import singular_values

N_TRAIN = 20
P_AROUND = np.arange(1, 3 * N_TRAIN + 1)


# --- data ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"), [(0.0, 0.4), (0.5, 1.0), (-0.5, -1.0), (1.0, -0.4), (1 / 6, 0.5)]
)
def test_true_function_is_the_documented_closed_form(x, expected):
    assert true_function([x])[0] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("n", [1, 7, 20, 500])
def test_each_input_falls_in_its_own_bin(n):
    x, _ = double_descent_data(n, rng=1)
    edges = np.linspace(*DOMAIN, n + 1)
    assert np.all((x >= edges[:-1]) & (x <= edges[1:]))


def test_no_jitter_gives_bin_centres():
    x, _ = double_descent_data(4, rng=2, jitter=0.0)
    np.testing.assert_allclose(x, [-0.75, -0.25, 0.25, 0.75])


@pytest.mark.parametrize("jitter", [0.0, 0.5, 0.8])
def test_jitter_below_one_keeps_inputs_apart(jitter):
    x, _ = double_descent_data(50, rng=3, jitter=jitter)
    assert np.diff(x).min() >= (1 - jitter) * 2 / 50 - 1e-12


def test_without_noise_the_targets_are_the_true_function():
    x, y = double_descent_data(30, noise=0.0, rng=4)
    np.testing.assert_allclose(y, true_function(x))


def test_the_noise_has_the_requested_spread():
    x, y = double_descent_data(20_000, noise=0.3, rng=5)
    assert np.std(y - true_function(x)) == pytest.approx(0.3, rel=0.03)


def test_an_int_rng_and_a_generator_seeded_alike_agree():
    first = double_descent_data(10, rng=6)
    second = double_descent_data(10, rng=np.random.default_rng(6))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


# --- fits -----------------------------------------------------------------------------


@pytest.mark.parametrize("p", [1, 5, 19, 20, 21, 100])
def test_fit_curve_is_features_times_the_pseudo_inverse_solution(p):
    x, y = double_descent_data(N_TRAIN, rng=7)
    grid = np.linspace(-1, 1, 50)
    expected = features(grid, p, seed=3) @ (np.linalg.pinv(features(x, p, seed=3)) @ y)
    np.testing.assert_allclose(fit_curve(x, y, grid, p, feature_seed=3), expected, atol=1e-6)


@pytest.mark.parametrize(("p", "alpha"), [(5, 0.1), (20, 0.01), (20, 1.0), (200, 0.001)])
def test_fit_curve_with_a_penalty_is_scikit_learn_ridge(p, alpha):
    x, y = double_descent_data(N_TRAIN, rng=8)
    grid = np.linspace(-1, 1, 50)
    model = Ridge(alpha=alpha, fit_intercept=False, solver="svd").fit(features(x, p, seed=1), y)
    expected = model.predict(features(grid, p, seed=1))
    np.testing.assert_allclose(fit_curve(x, y, grid, p, alpha=alpha, feature_seed=1), expected)


@pytest.mark.parametrize("p", [20, 21, 40, 255, 1000])
def test_min_norm_fits_the_training_points_exactly_from_p_equal_n(p):
    x, y = double_descent_data(N_TRAIN, rng=9)
    np.testing.assert_allclose(fit_curve(x, y, x, p), y, atol=1e-6)


def test_fit_coefficients_have_one_value_per_feature():
    x, y = double_descent_data(N_TRAIN, rng=10)
    assert fit_coefficients(x, y, 33).shape == (33,)


# --- curves against brute-force loops ---------------------------------------------------


def brute_force_draws(rng, n_repeats, n_train, n_test, noise=NOISE):
    """The documented draw order: training set, test set, feature seed."""
    draws = []
    for _ in range(n_repeats):
        x, y = double_descent_data(n_train, noise=noise, rng=rng)
        x_test, y_test = double_descent_data(n_test, noise=noise, rng=rng)
        draws.append((x, y, x_test, y_test, int(rng.integers(2**31))))
    return draws


@pytest.mark.parametrize("alpha", [0.0, 0.05])
def test_error_curve_is_a_loop_over_fits(alpha):
    ps = np.array([1, 4, 19, 20, 21, 60])
    curve = error_curve(ps, n_train=N_TRAIN, alpha=alpha, n_repeats=3, rng=11, n_test=200)
    draws = brute_force_draws(np.random.default_rng(11), 3, N_TRAIN, 200)
    for r, (x, y, x_test, y_test, seed) in enumerate(draws):
        for i, p in enumerate(ps):
            train = np.mean((fit_curve(x, y, x, p, alpha=alpha, feature_seed=seed) - y) ** 2)
            test = np.mean(
                (fit_curve(x, y, x_test, p, alpha=alpha, feature_seed=seed) - y_test) ** 2
            )
            assert curve.train_mse_repeats[r, i] == pytest.approx(train, rel=1e-6, abs=1e-12)
            assert curve.test_mse_repeats[r, i] == pytest.approx(test, rel=1e-6)
    np.testing.assert_allclose(curve.test_mse, curve.test_mse_repeats.mean(axis=0))
    np.testing.assert_allclose(curve.test_mse_median, np.median(curve.test_mse_repeats, axis=0))
    np.testing.assert_allclose(curve.train_mse, curve.train_mse_repeats.mean(axis=0))
    np.testing.assert_array_equal(curve.n_features, ps)


def test_sample_wise_curve_is_a_loop_over_fits():
    ns = np.array([2, 10, 19, 20, 21, 40])
    curve = sample_wise_curve(ns, n_features=N_TRAIN, n_repeats=3, rng=12, n_test=200)
    draws = brute_force_draws(np.random.default_rng(12), 3, int(ns.max()), 200)
    expected = np.zeros(ns.size)
    for x, y, x_test, y_test, seed in draws:
        for i, n in enumerate(ns):
            fitted = fit_curve(x[:n], y[:n], x_test, N_TRAIN, feature_seed=seed)
            expected[i] += np.mean((fitted - y_test) ** 2) / 3
    np.testing.assert_allclose(curve, expected, rtol=1e-6)


def test_smallest_singular_value_curve_is_a_loop_over_matrices():
    ps = np.array([1, 10, 20, 30, 100])
    curve = smallest_singular_value_curve(ps, n_train=N_TRAIN, rng=13)
    rng = np.random.default_rng(13)
    x, _ = double_descent_data(N_TRAIN, noise=0.0, rng=rng)
    seed = int(rng.integers(2**31))
    expected = [singular_values(features(x, p, seed=seed))[min(N_TRAIN, p) - 1] for p in ps]
    np.testing.assert_allclose(curve, expected, rtol=1e-8)


def test_coefficient_norm_curve_is_a_loop_over_fits():
    ps = np.array([1, 10, 20, 30, 100])
    curve = coefficient_norm_curve(ps, n_train=N_TRAIN, rng=14)
    rng = np.random.default_rng(14)
    x, y = double_descent_data(N_TRAIN, rng=rng)
    seed = int(rng.integers(2**31))
    expected = [np.linalg.norm(fit_coefficients(x, y, p, feature_seed=seed)) for p in ps]
    np.testing.assert_allclose(curve, expected, rtol=1e-6)


# --- the measured shape at the default settings ------------------------------------------


def test_training_error_vanishes_from_the_interpolation_threshold_on():
    curve = error_curve(P_AROUND, n_repeats=5, rng=0)
    assert np.all(curve.train_mse[P_AROUND >= N_TRAIN] < 1e-12)
    assert np.all(curve.train_mse[P_AROUND < N_TRAIN] > 1e-4)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_median_test_error_peaks_at_p_equal_n(seed):
    curve = error_curve(P_AROUND, rng=seed)
    assert P_AROUND[curve.test_mse_median.argmax()] == N_TRAIN


def test_mean_test_error_peaks_next_to_p_equal_n():
    curve = error_curve(P_AROUND, rng=0)
    assert abs(P_AROUND[curve.test_mse.argmax()] - N_TRAIN) <= 1
    assert curve.test_mse[N_TRAIN - 1] > 100 * curve.test_mse[N_TRAIN // 2 - 1]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_smallest_singular_value_collapses_at_p_equal_n(seed):
    curve = smallest_singular_value_curve(P_AROUND, rng=seed)
    assert P_AROUND[curve.argmin()] == N_TRAIN


@pytest.mark.parametrize("seed", [0, 1, 3])
def test_coefficient_norm_peaks_at_p_equal_n(seed):
    curve = coefficient_norm_curve(P_AROUND, rng=seed)
    assert P_AROUND[curve.argmax()] == N_TRAIN


def test_sample_wise_test_error_peaks_near_n_equal_p():
    ns = np.arange(1, 3 * N_TRAIN + 1)
    curve = sample_wise_curve(ns, n_features=N_TRAIN, rng=0)
    assert abs(ns[curve.argmax()] - N_TRAIN) <= 2


def test_the_best_model_is_far_past_the_interpolation_threshold():
    ps = np.array([*range(1, N_TRAIN), 20, 1000])
    curve = error_curve(ps, n_repeats=30, rng=0)
    classical_best = curve.test_mse_median[:-2].min()
    assert curve.test_mse_median[-1] < 0.9 * classical_best
    assert curve.test_mse[-1] < 0.9 * curve.test_mse[:-2].min()


def test_ridge_tames_the_peak():
    ps = np.array([N_TRAIN])
    plain = error_curve(ps, rng=0).test_mse[0]
    ridge = error_curve(ps, alpha=0.1, rng=0).test_mse[0]
    assert ridge < plain / 100


def test_default_jitter_is_stratified_sampling():
    assert JITTER == 1.0


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: double_descent_data(0), "n_samples must be at least 1"),
        (lambda: double_descent_data(5, noise=-1.0), "noise must be a finite number >= 0"),
        (lambda: double_descent_data(5, jitter=1.5), r"jitter must be in \[0, 1\]"),
        (lambda: double_descent_data(5, rng="seed"), "rng must be a numpy.random.Generator"),
        (lambda: error_curve([0, 5]), "n_features_values must all be at least 1"),
        (lambda: error_curve([1.5, 2.0]), "n_features_values must hold integers"),
        (lambda: error_curve([[1, 2]]), "n_features_values must be a non-empty 1-D"),
        (lambda: error_curve([1, 2], n_repeats=0), "n_repeats must be at least 1"),
        (lambda: error_curve([1, 2], alpha=-0.1), "alpha must be a finite number >= 0"),
        (lambda: sample_wise_curve([0, 3]), "n_train_values must all be at least 1"),
        (lambda: smallest_singular_value_curve([3], n_train=0), "n_train must be at least 1"),
        (lambda: coefficient_norm_curve([3], noise=np.nan), "noise must be a finite number"),
        (lambda: fit_curve([0.0], [1.0, 2.0], [0.0], 3), "x_train has 1 samples but y_train has 2"),
    ],
)
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("alpha", [0.0, 0.2])
def test_train_test_errors_are_a_loop_over_fits(alpha):
    x, y = double_descent_data(N_TRAIN, rng=15)
    x_test, y_test = double_descent_data(300, rng=16)
    ps = np.array([1, 7, 20, 50, 400])
    train, test = train_test_errors(x, y, x_test, y_test, ps, alpha=alpha, feature_seed=4)
    for i, p in enumerate(ps):
        fit = fit_curve(x, y, np.concatenate([x, x_test]), p, alpha=alpha, feature_seed=4)
        assert train[i] == pytest.approx(np.mean((fit[:N_TRAIN] - y) ** 2), rel=1e-6, abs=1e-12)
        assert test[i] == pytest.approx(np.mean((fit[N_TRAIN:] - y_test) ** 2), rel=1e-6)


def test_train_test_errors_refuse_mismatched_lengths():
    with pytest.raises(ValueError, match="x_train has 2 samples but y_train has 1"):
        train_test_errors([0.0, 0.5], [1.0], [0.0], [1.0], [1])
