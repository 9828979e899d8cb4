"""Minimum-norm least squares and ridge against numpy and scikit-learn; singular values."""

from itertools import pairwise

import numpy as np
import pytest
from sklearn.linear_model import Ridge

from mlu_math.least_squares import min_norm_least_squares, ridge_regression, singular_values


def problem(n_samples, n_features, seed, rank=None):
    """A random design (of the given rank, if any) and target."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    if rank is not None:
        X = X[:, :rank] @ rng.normal(size=(rank, n_features))
    return X, rng.normal(size=n_samples)


SHAPES = {
    "tall 30x5": (30, 5, None),
    "square 8x8": (8, 8, None),
    "wide 6x40": (6, 40, None),
    "one row": (1, 7, None),
    "one column": (9, 1, None),
    "tall, rank 3": (20, 6, 3),
    "wide, rank 4": (10, 25, 4),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_min_norm_matches_numpy_pinv(name):
    X, y = problem(*SHAPES[name][:2], seed=1, rank=SHAPES[name][2])
    np.testing.assert_allclose(min_norm_least_squares(X, y), np.linalg.pinv(X) @ y, atol=1e-10)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_min_norm_matches_numpy_lstsq(name):
    X, y = problem(*SHAPES[name][:2], seed=2, rank=SHAPES[name][2])
    expected = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(min_norm_least_squares(X, y), expected, atol=1e-10)


@pytest.mark.parametrize(("n_samples", "n_features"), [(5, 12), (10, 10), (15, 60)])
def test_min_norm_is_the_limit_of_scikit_learn_ridge(n_samples, n_features):
    X, y = problem(n_samples, n_features, seed=3)
    theirs = Ridge(alpha=1e-9, fit_intercept=False).fit(X, y).coef_
    np.testing.assert_allclose(min_norm_least_squares(X, y), theirs, atol=1e-5)


@pytest.mark.parametrize(("n_samples", "n_features"), [(4, 9), (12, 12), (20, 300)])
def test_min_norm_interpolates_when_there_are_at_least_as_many_features(n_samples, n_features):
    X, y = problem(n_samples, n_features, seed=4)
    np.testing.assert_allclose(X @ min_norm_least_squares(X, y), y, atol=1e-9)


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_min_norm_is_shorter_than_every_other_interpolating_solution(seed):
    X, y = problem(5, 12, seed=seed)
    coef = min_norm_least_squares(X, y)
    # any other solution adds a vector of the null space of X
    null_space = np.linalg.svd(X)[2][5:].T
    other = coef + null_space @ np.random.default_rng(seed).normal(size=7)
    np.testing.assert_allclose(X @ other, y, atol=1e-9)
    assert np.linalg.norm(coef) < np.linalg.norm(other)
    np.testing.assert_allclose(null_space.T @ coef, 0.0, atol=1e-10)  # in the row space


def test_rcond_drops_small_singular_values():
    X = np.diag([1.0, 1e-8])
    y = np.array([1.0, 1.0])
    assert min_norm_least_squares(X, y).tolist() == pytest.approx([1.0, 1e8])
    assert min_norm_least_squares(X, y, rcond=1e-6).tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("n_samples", "n_features", "alpha"),
    [(30, 5, 0.1), (30, 5, 10.0), (8, 8, 1.0), (6, 40, 0.01), (6, 40, 5.0), (15, 200, 1e-3)],
)
def test_ridge_matches_scikit_learn_without_intercept(n_samples, n_features, alpha):
    X, y = problem(n_samples, n_features, seed=8)
    theirs = Ridge(alpha=alpha, fit_intercept=False, solver="svd").fit(X, y).coef_
    np.testing.assert_allclose(ridge_regression(X, y, alpha), theirs, atol=1e-10, rtol=1e-8)


@pytest.mark.parametrize(("n_samples", "n_features"), [(6, 40), (10, 10), (25, 5)])
def test_ridge_tends_to_min_norm_as_alpha_shrinks(n_samples, n_features):
    X, y = problem(n_samples, n_features, seed=9)
    target = min_norm_least_squares(X, y)
    gaps = [np.linalg.norm(ridge_regression(X, y, a) - target) for a in (1.0, 1e-2, 1e-4, 1e-8)]
    assert all(later < earlier for earlier, later in pairwise(gaps))
    assert gaps[-1] < 1e-5 * np.linalg.norm(target)


def test_ridge_with_zero_penalty_is_min_norm():
    X, y = problem(4, 10, seed=10)
    np.testing.assert_array_equal(ridge_regression(X, y, 0.0), min_norm_least_squares(X, y))


def test_ridge_shrinks_the_coefficients_as_alpha_grows():
    X, y = problem(10, 30, seed=11)
    norms = [np.linalg.norm(ridge_regression(X, y, a)) for a in (0.0, 0.1, 1.0, 10.0)]
    assert norms == sorted(norms, reverse=True)


@pytest.mark.parametrize(("n_samples", "n_features"), [(7, 3), (4, 4), (3, 9)])
def test_singular_values_are_the_roots_of_the_gram_eigenvalues(n_samples, n_features):
    X, _ = problem(n_samples, n_features, seed=12)
    k = min(n_samples, n_features)
    gram = X @ X.T if n_samples <= n_features else X.T @ X
    expected = np.sqrt(np.sort(np.linalg.eigvalsh(gram))[::-1][:k])
    np.testing.assert_allclose(singular_values(X), expected, rtol=1e-10)


def test_singular_values_of_a_diagonal_matrix_are_its_sorted_absolute_entries():
    assert singular_values(np.diag([2.0, -5.0, 1.0])).tolist() == [5.0, 2.0, 1.0]


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        ([1.0, 2.0], [1.0, 2.0], "X must be 2-D"),
        (np.zeros((0, 3)), np.zeros(0), "at least one row"),
        ([[1.0], [np.nan]], [1.0, 2.0], "X must be finite"),
        ([[1.0], [2.0]], [[1.0], [2.0]], "y must be 1-D"),
        ([[1.0], [2.0]], [1.0, 2.0, 3.0], "X has 2 rows but y has 3"),
        ([[1.0], [2.0]], [1.0, np.inf], "y must be finite"),
    ],
)
def test_bad_input_is_refused_by_name(X, y, message):
    with pytest.raises(ValueError, match=message):
        min_norm_least_squares(X, y)
    with pytest.raises(ValueError, match=message):
        ridge_regression(X, y, 1.0)


@pytest.mark.parametrize("alpha", [-1.0, np.nan, np.inf])
def test_a_bad_penalty_is_refused(alpha):
    with pytest.raises(ValueError, match="alpha must be a finite number >= 0"):
        ridge_regression([[1.0]], [1.0], alpha)


@pytest.mark.parametrize("rcond", [-0.1, np.nan])
def test_a_bad_cutoff_is_refused(rcond):
    with pytest.raises(ValueError, match="rcond must be"):
        min_norm_least_squares([[1.0]], [1.0], rcond=rcond)


def test_singular_values_refuse_a_vector():
    with pytest.raises(ValueError, match="X must be 2-D"):
        singular_values([1.0, 2.0])
