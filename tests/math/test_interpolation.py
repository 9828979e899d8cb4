"""Interpolating solutions and noise amplification against pinv, closed forms and Monte Carlo."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlu_math.double_descent import double_descent_data, smallest_singular_value_curve
from mlu_math.feature_maps import features
from mlu_math.interpolation import (
    gradient_descent_path,
    interpolating_solutions,
    isotropic_min_norm_risk,
    min_norm_noise_risk,
    min_norm_solution,
    noise_amplification,
    noise_amplification_curve,
    toy_features,
)

EQUATIONS = [
    ([0.5, 0.25], 0.5),
    ([3.0, 4.0], 5.0),
    ([1.0, 0.0], -2.0),
    ([0.0, -2.0], 1.0),
    ([1.0, 1.0], 0.0),
    ([0.3, -1.2, 2.0, 0.1], 1.5),
]


def random_matrix(seed, n, p):
    return np.random.default_rng(seed).normal(size=(n, p))


# --- the toy model ------------------------------------------------------------------


@pytest.mark.parametrize("x", [[0.0], [0.5], [-1.0, 0.2, 3.0]])
def test_toy_features_are_a_constant_and_x(x):
    values = np.array(x)
    assert_allclose(toy_features(x), np.stack([np.ones_like(values), values], axis=1))


# --- the minimum-norm solution of one equation ---------------------------------------


@pytest.mark.parametrize(("a", "b"), EQUATIONS)
def test_min_norm_solution_matches_pinv(a, b):
    expected = np.linalg.pinv(np.array([a])) @ np.array([b])
    assert_allclose(min_norm_solution(a, b), expected, atol=1e-12)


@pytest.mark.parametrize(("a", "b"), EQUATIONS)
def test_min_norm_solution_solves_the_equation(a, b):
    assert np.dot(a, min_norm_solution(a, b)) == pytest.approx(b, abs=1e-12)


@pytest.mark.parametrize(("a", "b"), EQUATIONS)
def test_min_norm_solution_matches_lstsq(a, b):
    expected, *_ = np.linalg.lstsq(np.array([a]), np.array([b]), rcond=None)
    assert_allclose(min_norm_solution(a, b), expected, atol=1e-12)


# --- the line of all solutions --------------------------------------------------------

TWO_COEFFICIENTS = [(a, b) for a, b in EQUATIONS if len(a) == 2]
STEPS = np.linspace(-3.0, 3.0, 13)


@pytest.mark.parametrize(("a", "b"), TWO_COEFFICIENTS)
def test_every_point_of_the_line_solves_the_equation(a, b):
    points = interpolating_solutions(a, b, STEPS)
    assert points.shape == (STEPS.size, 2)
    assert_allclose(points @ np.array(a), np.full(STEPS.size, b), atol=1e-12)


@pytest.mark.parametrize(("a", "b"), TWO_COEFFICIENTS)
def test_t_is_the_distance_from_the_min_norm_point(a, b):
    points = interpolating_solutions(a, b, STEPS)
    distances = np.linalg.norm(points - min_norm_solution(a, b), axis=1)
    assert_allclose(distances, np.abs(STEPS), atol=1e-12)


@pytest.mark.parametrize(("a", "b"), TWO_COEFFICIENTS)
def test_norm_is_smallest_at_t_zero_brute_force(a, b):
    steps = np.linspace(-5.0, 5.0, 2001)
    norms = np.linalg.norm(interpolating_solutions(a, b, steps), axis=1)
    assert steps[np.argmin(norms)] == pytest.approx(0.0, abs=1e-12)
    # Pythagoras: the line meets the radius to its nearest point at a right angle.
    nearest = np.linalg.norm(min_norm_solution(a, b))
    assert_allclose(norms**2, nearest**2 + steps**2, atol=1e-9)


def test_the_line_is_traced_in_a_fixed_direction():
    points = interpolating_solutions([3.0, 4.0], 5.0, [0.0, 1.0])
    assert_allclose(points[1] - points[0], [-0.8, 0.6])


# --- noise amplification ---------------------------------------------------------------

SHAPES = [(5, 2), (5, 5), (5, 8), (20, 20), (20, 35), (30, 10)]


@pytest.mark.parametrize(("n", "p"), SHAPES)
def test_noise_amplification_is_the_trace_of_the_pseudo_inverse_gram(n, p):
    X = random_matrix(n * 100 + p, n, p)
    expected = np.trace(np.linalg.pinv(X.T @ X, hermitian=True))
    assert noise_amplification(X) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize(("n", "p"), [(5, 2), (5, 5), (5, 8), (8, 12)])
def test_noise_amplification_matches_monte_carlo(n, p):
    rng = np.random.default_rng(7)
    X = random_matrix(n + p, n, p)
    sigma = 0.5
    noise = sigma * rng.normal(size=(n, 40_000))
    coef = np.linalg.pinv(X) @ noise
    simulated = np.mean(np.sum(coef**2, axis=0)) / sigma**2
    assert noise_amplification(X) == pytest.approx(simulated, rel=0.03)


def test_noise_amplification_of_orthonormal_columns_is_their_number():
    Q, _ = np.linalg.qr(random_matrix(3, 10, 4))
    assert noise_amplification(Q) == pytest.approx(4.0)


def test_noise_amplification_skips_zero_singular_values():
    X = np.array([[1.0, 1.0], [1.0, 1.0]])  # rank 1, singular value 2
    assert noise_amplification(X) == pytest.approx(0.25)


def test_noise_amplification_peaks_when_the_matrix_is_square():
    """The classic shape: random n x p matrices are worst conditioned at p = n."""
    n = 20
    rng = np.random.default_rng(0)
    base = rng.normal(size=(n, 60))
    values = [noise_amplification(base[:, :p]) for p in range(1, 61)]
    assert int(np.argmax(values)) + 1 == n


# --- noise amplification against p, on the double-descent features ----------------------

P_VALUES = np.arange(1, 41)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_noise_amplification_curve_matches_a_brute_force_loop(seed):
    generator = np.random.default_rng(seed)
    x, _ = double_descent_data(12, noise=0.0, rng=generator)
    feature_seed = int(generator.integers(2**31))
    expected = [
        np.trace(np.linalg.pinv(phi.T @ phi, hermitian=True))
        for phi in (features(x, int(p), seed=feature_seed) for p in P_VALUES)
    ]
    curve = noise_amplification_curve(P_VALUES, n_train=12, rng=seed)
    assert_allclose(curve, expected, rtol=1e-4)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_noise_amplification_curve_is_bounded_by_the_smallest_singular_value(seed):
    """1 / s_min^2 <= sum 1 / s_i^2 <= rank / s_min^2, on the very same matrices."""
    curve = noise_amplification_curve(P_VALUES, n_train=12, rng=seed)
    s_min = smallest_singular_value_curve(P_VALUES, n_train=12, rng=seed)
    rank = np.minimum(P_VALUES, 12)
    assert np.all(curve >= (1 - 1e-6) / s_min**2)
    assert np.all(curve <= (1 + 1e-6) * rank / s_min**2)


def test_noise_amplification_curve_peaks_at_p_equal_to_n():
    curve = noise_amplification_curve(np.arange(1, 61), n_train=20, rng=0)
    assert int(np.argmax(curve)) + 1 == 20


# --- the variance of the min-norm fit on test points ----------------------------------


@pytest.mark.parametrize(("n", "p"), [(5, 2), (5, 5), (5, 9), (10, 7)])
def test_min_norm_noise_risk_matches_monte_carlo(n, p):
    rng = np.random.default_rng(11)
    X_train = random_matrix(n * 10 + p, n, p)
    X_test = random_matrix(n * 10 + p + 1, 50, p)
    sigma = 0.3
    noise = sigma * rng.normal(size=(n, 40_000))
    predictions = X_test @ np.linalg.pinv(X_train) @ noise
    simulated = np.mean(predictions**2)
    risk = min_norm_noise_risk(X_train, X_test, noise=sigma)
    assert risk == pytest.approx(simulated, rel=0.03)


def test_min_norm_noise_risk_on_the_training_inputs_interpolated():
    """On its own inputs an interpolating fit reproduces the noise: risk = sigma^2."""
    X = random_matrix(1, 6, 10)
    assert min_norm_noise_risk(X, X, noise=2.0) == pytest.approx(4.0)


def test_min_norm_noise_risk_without_noise_is_zero():
    X = random_matrix(2, 4, 6)
    assert min_norm_noise_risk(X, X, noise=0.0) == 0.0


# --- gradient descent from zero ----------------------------------------------------------

GD_CASES = [(1, 2), (2, 5), (3, 3), (4, 10), (6, 4)]


def closed_form_path(X, y, rate, n_steps):
    """w_k = sum_{j<k} (I - rate X'X)^j rate X'y, by matrix powers."""
    step = np.eye(X.shape[1]) - rate * X.T @ X
    return np.array(
        [
            sum(
                (np.linalg.matrix_power(step, j) @ (rate * X.T @ y) for j in range(k)),
                np.zeros(X.shape[1]),
            )
            for k in range(n_steps + 1)
        ]
    )


def stable_rate(X):
    return 1.0 / np.linalg.norm(X, 2) ** 2


@pytest.mark.parametrize(("n", "p"), GD_CASES)
def test_gradient_descent_matches_the_closed_form(n, p):
    X, y = random_matrix(n, n, p), np.random.default_rng(n + 50).normal(size=n)
    rate = stable_rate(X)
    path = gradient_descent_path(X, y, learning_rate=rate, n_steps=12)
    assert_allclose(path, closed_form_path(X, y, rate, 12), atol=1e-10)


@pytest.mark.parametrize(("n", "p"), [(1, 2), (2, 5), (4, 10)])
def test_gradient_descent_from_zero_converges_to_the_min_norm_solution(n, p):
    X, y = random_matrix(n, n, p), np.random.default_rng(n + 50).normal(size=n)
    path = gradient_descent_path(X, y, learning_rate=stable_rate(X), n_steps=3000)
    assert_allclose(path[-1], np.linalg.pinv(X) @ y, atol=1e-8)


@pytest.mark.parametrize(("n", "p"), [(1, 2), (2, 5), (4, 10)])
def test_gradient_descent_never_leaves_the_row_space(n, p):
    X, y = random_matrix(n, n, p), np.random.default_rng(n + 50).normal(size=n)
    path = gradient_descent_path(X, y, learning_rate=stable_rate(X), n_steps=30)
    _, _, vt = np.linalg.svd(X)
    null_space = vt[n:]
    assert_allclose(path @ null_space.T, 0.0, atol=1e-12)


def test_gradient_descent_with_no_steps_stays_at_zero():
    path = gradient_descent_path(np.eye(2), [1.0, 2.0], learning_rate=0.5, n_steps=0)
    assert_allclose(path, [[0.0, 0.0]])


# --- the isotropic model: a published closed form against simulation ----------------------


def simulated_risk(n, p, *, signal_norm, noise, n_repeats=4000, seed=0):
    """Mean test MSE of pinv(X) @ y over fresh draws of X, noise and (unit-direction) beta."""
    rng = np.random.default_rng(seed)
    total = 0.0
    for _ in range(n_repeats):
        beta = rng.normal(size=p)
        beta *= signal_norm / np.linalg.norm(beta)
        X = rng.normal(size=(n, p))
        coef = np.linalg.pinv(X) @ (X @ beta + noise * rng.normal(size=n))
        total += np.sum((coef - beta) ** 2) + noise**2  # E over a fresh x of the squared error
    return total / n_repeats


@pytest.mark.parametrize(
    ("n", "p", "signal_norm", "noise"),
    [
        (3, 20, 1.0, 0.5),
        (10, 20, 1.0, 0.5),
        (14, 20, 2.0, 0.3),
        (30, 20, 1.0, 0.5),
        (60, 20, 1.0, 1.0),
        (20, 8, 0.0, 1.0),
    ],
)
def test_isotropic_risk_matches_simulation(n, p, signal_norm, noise):
    expected = simulated_risk(n, p, signal_norm=signal_norm, noise=noise)
    risk = isotropic_min_norm_risk([n], p, signal_norm=signal_norm, noise=noise)[0]
    assert risk == pytest.approx(expected, rel=0.06)


@pytest.mark.parametrize("n", [19, 20, 21])
def test_isotropic_risk_diverges_next_to_n_equal_p(n):
    assert isotropic_min_norm_risk([n], 20, noise=0.1)[0] == np.inf


def test_isotropic_risk_without_noise_is_the_bias_alone():
    risk = isotropic_min_norm_risk([5, 10, 15, 25], 20, signal_norm=2.0, noise=0.0)
    assert_allclose(risk, [3.0, 2.0, 1.0, 0.0])


def test_isotropic_risk_rises_with_more_data_below_the_threshold():
    """Sample-wise double descent: from n = 12 on, each extra sample makes things worse."""
    risk = isotropic_min_norm_risk(np.arange(12, 19), 20, noise=0.5)
    assert np.all(np.diff(risk) > 0)


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: min_norm_solution([0.0, 0.0], 1.0), "a must have a non-zero entry"),
        (lambda: min_norm_solution([[1.0, 2.0]], 1.0), "a must be 1-D"),
        (lambda: min_norm_solution([1.0, np.nan], 1.0), "a must be finite"),
        (lambda: min_norm_solution([1.0, 2.0], np.inf), "b must be finite"),
        (lambda: interpolating_solutions([1.0, 2.0, 3.0], 1.0, [0.0]), "a must have 2 entries"),
        (lambda: interpolating_solutions([1.0, 2.0], 1.0, []), "t is empty"),
        (lambda: toy_features([[0.5]]), "x must be 1-D"),
        (lambda: noise_amplification([1.0, 2.0]), "X must be 2-D"),
        (lambda: noise_amplification([[1.0, np.inf]]), "X must be finite"),
        (lambda: min_norm_noise_risk(np.eye(2), np.eye(3)), "X_test must have as many columns"),
        (lambda: noise_amplification_curve([0, 1]), "n_features_values must all be at least 1"),
        (lambda: noise_amplification_curve([1.5]), "n_features_values must hold integers"),
        (lambda: noise_amplification_curve([1, 2], n_train=0), "n_train must be at least 1"),
        (lambda: isotropic_min_norm_risk([0, 3], 5), "n_train must all be at least 1"),
        (lambda: isotropic_min_norm_risk([3], 0), "n_features must be at least 1"),
        (lambda: isotropic_min_norm_risk([3], 5, noise=-1.0), "noise must be a finite number >= 0"),
        (lambda: min_norm_noise_risk(np.eye(2), np.eye(2), noise=-1.0), "noise must be a finite"),
        (lambda: gradient_descent_path(np.eye(2), [1.0], learning_rate=0.1, n_steps=1), "y has 1"),
        (
            lambda: gradient_descent_path(np.eye(2), [1.0, 2.0], learning_rate=0.0, n_steps=1),
            "learning_rate must be a finite number > 0",
        ),
        (
            lambda: gradient_descent_path(np.eye(2), [1.0, 2.0], learning_rate=0.1, n_steps=-1),
            "n_steps must be at least 0",
        ),
    ],
)
def test_bad_input_raises_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
