"""Condorcet's jury theorem against scipy's binomial, brute force and closed forms."""

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.stats import binom

from mlu_math.condorcet import majority_vote_probability


def scipy_majority(n: int, p: float) -> float:
    """Strict majority from scipy's survival function; a tie counts one half."""
    strict = binom.sf(n // 2, n, p)
    return float(strict + (0.5 * binom.pmf(n // 2, n, p) if n % 2 == 0 else 0.0))


def brute_force_majority(n: int, p: float) -> float:
    """Enumerate every right/wrong pattern of n voters; a tie counts one half."""
    total = 0.0
    for pattern in itertools.product((0, 1), repeat=n):
        right = sum(pattern)
        chance = p**right * (1 - p) ** (n - right)
        if 2 * right > n:
            total += chance
        elif 2 * right == n:
            total += 0.5 * chance
    return total


@pytest.mark.parametrize(
    ("n", "p"),
    [
        (1, 0.6),
        (2, 0.6),
        (3, 0.6),
        (4, 0.7),
        (11, 0.6),
        (25, 0.55),
        (24, 0.9),
        (101, 0.52),
        (1000, 0.51),
        (7, 0.3),
    ],
)
def test_matches_scipy_binomial(n, p):
    assert_allclose(majority_vote_probability(n, p), scipy_majority(n, p), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("n", "p"), [(1, 0.8), (2, 0.6), (3, 0.6), (5, 0.7), (8, 0.55), (10, 0.4)])
def test_matches_brute_force_enumeration(n, p):
    assert_allclose(majority_vote_probability(n, p), brute_force_majority(n, p), rtol=1e-12)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.5, 0.75, 1.0])
def test_one_voter_is_right_with_p(p):
    assert majority_vote_probability(1, p) == pytest.approx(p)


@pytest.mark.parametrize("n", [1, 2, 3, 10, 25, 400])
def test_coin_flipping_voters_are_right_half_the_time(n):
    assert majority_vote_probability(n, 0.5) == pytest.approx(0.5, abs=1e-12)


@pytest.mark.parametrize("p", [0.55, 0.6, 0.9])
def test_three_voters_closed_form(p):
    assert majority_vote_probability(3, p) == pytest.approx(3 * p**2 - 2 * p**3)


@pytest.mark.parametrize(("n", "expected"), [(3, 0.65), (11, 0.75)])
def test_the_essays_published_values_at_sixty_percent(n, expected):
    # "two more trees ... goes up to 65%"; "with eleven models ... 75%"
    assert round(majority_vote_probability(n, 0.6), 2) == expected


@pytest.mark.parametrize(("n", "p"), [(2, 0.6), (4, 0.7), (10, 0.55), (24, 0.9)])
def test_an_even_jury_equals_the_odd_jury_one_smaller(n, p):
    assert majority_vote_probability(n, p) == pytest.approx(majority_vote_probability(n - 1, p))


@pytest.mark.parametrize("p", [0.51, 0.6, 0.8])
def test_more_voters_help_when_each_beats_a_coin(p):
    curve = np.array([majority_vote_probability(n, p) for n in range(1, 60, 2)])
    assert np.all(np.diff(curve) > 0)
    assert curve[0] == pytest.approx(p)


@pytest.mark.parametrize("p", [0.3, 0.45])
def test_more_voters_hurt_when_each_is_worse_than_a_coin(p):
    curve = np.array([majority_vote_probability(n, p) for n in range(1, 60, 2)])
    assert np.all(np.diff(curve) < 0)


@pytest.mark.parametrize(("n", "p"), [(3, 0.6), (8, 0.7), (25, 0.55)])
def test_wrong_voters_mirror_right_ones(n, p):
    assert majority_vote_probability(n, 1 - p) == pytest.approx(1 - majority_vote_probability(n, p))


def test_large_juries_tend_to_certainty():
    assert majority_vote_probability(5001, 0.55) > 0.999999


def test_an_array_of_p_gives_an_array():
    p = np.array([[0.5, 0.6], [0.7, 0.8]])
    result = majority_vote_probability(5, p)
    assert result.shape == (2, 2)
    assert_allclose(result, [[scipy_majority(5, q) for q in row] for row in p], rtol=1e-12)


@pytest.mark.parametrize(
    ("n", "p", "message"),
    [
        (0, 0.6, "n_voters must be at least 1"),
        (2.5, 0.6, "n_voters must be an integer"),
        (True, 0.6, "n_voters must be an integer"),
        (3, 1.2, r"p must lie in \[0, 1\]"),
        (3, -0.1, r"p must lie in \[0, 1\]"),
        (3, np.nan, r"p must lie in \[0, 1\]"),
        (3, "high", "p must hold real numbers"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(n, p, message):
    with pytest.raises(ValueError, match=message):
        majority_vote_probability(n, p)
