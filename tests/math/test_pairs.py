"""AUC as a probability: random and exhaustive (positive, negative) pairs."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score as sk_roc_auc_score

from mlu_math import all_pairs, pair_outcomes, random_pairs


def make_case(seed, n=150, ties=False):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, n)
    y_score = 0.5 * y_true + rng.random(n)
    return y_true, np.round(y_score, 1) if ties else y_score


@pytest.mark.parametrize(("seed", "ties"), [(0, False), (1, False), (2, True), (3, True)])
def test_mean_over_all_pairs_is_the_roc_auc(seed, ties):
    y_true, y_score = make_case(seed, ties=ties)
    outcomes = pair_outcomes(y_score, *all_pairs(y_true))
    assert outcomes.mean() == pytest.approx(sk_roc_auc_score(y_true, y_score), abs=1e-12)


def test_all_pairs_lists_each_pair_once():
    y_true = np.array([1, 0, 0, 1, 0])
    positive, negative = all_pairs(y_true)
    pairs = set(zip(positive.tolist(), negative.tolist(), strict=True))
    assert pairs == {(p, n) for p in (0, 3) for n in (1, 2, 4)}
    assert len(positive) == len(pairs)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_pairs_pick_one_of_each_class_and_repeat_for_a_seed(seed):
    y_true, _ = make_case(seed)
    positive, negative = random_pairs(y_true, 500, seed=seed)
    assert np.all(y_true[positive] == 1) and np.all(y_true[negative] == 0)
    again = random_pairs(y_true, 500, seed=seed)
    assert np.array_equal(positive, again[0]) and np.array_equal(negative, again[1])


def test_random_pairs_estimate_converges_to_the_auc():
    y_true, y_score = make_case(7, n=400)
    estimate = pair_outcomes(y_score, *random_pairs(y_true, 20_000, seed=7)).mean()
    # standard error below 0.004 for 20,000 pairs: 5 standard errors
    assert estimate == pytest.approx(sk_roc_auc_score(y_true, y_score), abs=0.02)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: random_pairs([0, 1], 0, seed=0), "n_pairs must be at least 1"),
        (lambda: random_pairs([1, 1], 3, seed=0), "both classes"),
        (lambda: random_pairs([0, 2], 3, seed=0), "y_true"),
        (lambda: pair_outcomes([0.1, 0.2], [0, 1], [1]), "positive has 2 pairs but negative has 1"),
        (lambda: pair_outcomes([0.1, 0.2], [5], [0]), r"positive must lie in \[0, len"),
    ],
)
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_ties_count_half():
    assert pair_outcomes([0.5, 0.5, 0.2], [0, 0], [1, 2]).tolist() == [0.5, 1.0]
