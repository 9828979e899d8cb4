"""Entropy, Gini and information gain against hand-worked, published and scipy values."""

import numpy as np
import pytest
import scipy.stats
from sklearn.tree import DecisionTreeClassifier

from mlu_math.impurity import entropy, gini, impurity, information_gain


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([5, 5], 1.0),
        ([4, 0], 0.0),
        ([7], 0.0),
        ([1, 3], 0.8112781244591328),
        ([1, 1, 1, 1], 2.0),
        ([2, 1, 1], 1.5),
        ([9, 5], 0.9402859586706311),  # Mitchell (1997), PlayTennis: 0.940
    ],
)
def test_entropy_hand_worked(counts, expected):
    assert entropy(counts) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [([5, 5], 0.5), ([4, 0], 0.0), ([3, 1], 0.375), ([1, 1, 1], 2 / 3), ([9, 5], 45 / 98)],
)
def test_gini_hand_worked(counts, expected):
    assert gini(counts) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_entropy_matches_scipy(seed):
    counts = np.random.default_rng(seed).integers(0, 20, size=(8, 4))
    counts[:, 0] += 1
    expected = scipy.stats.entropy(counts, base=2, axis=1)
    np.testing.assert_allclose(entropy(counts), expected, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_gini_matches_two_draws_that_differ(seed):
    counts = np.random.default_rng(seed).integers(1, 20, size=5)
    p = counts / counts.sum()
    brute = sum(p[i] * p[j] for i in range(p.size) for j in range(p.size) if i != j)
    assert gini(counts) == pytest.approx(brute, abs=1e-12)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ([6, 2], [3, 3], 0.048),  # Mitchell (1997): Gain(S, Wind) = 0.048
        ([3, 4], [6, 1], 0.151),  # Mitchell (1997): Gain(S, Humidity) = 0.151
    ],
)
def test_information_gain_published(left, right, expected):
    # Mitchell rounds intermediate entropies to 3 decimals, so agree to 1e-3.
    assert information_gain([9, 5], left, right) == pytest.approx(expected, abs=1e-3)


def test_information_gain_of_a_perfect_split_is_the_parent_entropy():
    assert information_gain([4, 4], [4, 0], [0, 4]) == 1.0


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("seed", range(3))
def test_information_gain_matches_sklearn_root_decrease(criterion, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] + rng.normal(size=60) > 0).astype(int)
    tree = DecisionTreeClassifier(max_depth=1, criterion=criterion).fit(X, y).tree_
    counts = np.rint(tree.value[:, 0] * tree.weighted_n_node_samples[:, None])
    expected = (
        tree.impurity[0]
        - (tree.n_node_samples[1] * tree.impurity[1] + tree.n_node_samples[2] * tree.impurity[2])
        / tree.n_node_samples[0]
    )
    gain = information_gain(counts[0], counts[1], counts[2], criterion=criterion)
    assert gain == pytest.approx(expected, abs=1e-12)


def test_information_gain_of_many_splits_is_row_by_row():
    left = np.array([[1, 0], [2, 1], [3, 3]])
    right = np.array([4, 4]) - left
    expected = [information_gain([4, 4], lo, hi) for lo, hi in zip(left, right, strict=True)]
    np.testing.assert_allclose(information_gain([4, 4], left, right), expected)


# --- invariants ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_impurity_is_bounded_and_scale_free(seed):
    counts = np.random.default_rng(seed).integers(1, 30, size=(6, 3))
    assert np.all(entropy(counts) <= np.log2(3) + 1e-12)
    assert np.all(gini(counts) <= 1 - 1 / 3 + 1e-12)
    np.testing.assert_allclose(entropy(counts * 7), entropy(counts))
    np.testing.assert_allclose(gini(counts * 7), gini(counts))


@pytest.mark.parametrize("criterion", ["entropy", "gini"])
@pytest.mark.parametrize("seed", range(5))
def test_information_gain_is_never_negative(criterion, seed):
    rng = np.random.default_rng(seed)
    parent = rng.integers(2, 30, size=3)
    left = rng.integers(0, parent + 1)
    left[0] = max(left[0], 1)
    right = parent - left
    right[1] = max(right[1], 1)
    parent = left + right
    assert information_gain(parent, left, right, criterion=criterion) >= -1e-12


def test_log_loss_is_entropy():
    assert impurity([3, 1], "log_loss") == entropy([3, 1])


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([1, -1], "counts must be non-negative"),
        ([0, 0], "counts must have a positive total"),
        ([np.nan, 1], "counts must be finite"),
        ([], "counts must have shape"),
        (np.ones((2, 2, 2)), "counts must have shape"),
        (["a", "b"], "counts must hold real numbers"),
    ],
)
def test_bad_counts_are_refused(counts, message):
    with pytest.raises(ValueError, match=message):
        entropy(counts)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([4, 4], [4, 0], [1, 4]), "left_counts \\+ right_counts must equal parent_counts"),
        (([4, 4], [4, 0, 0], [0, 4, 0]), "must have the same shape"),
        (([[4, 4]], [4, 0], [0, 4]), "parent_counts must have shape"),
        (([4, 4], [0, 0], [4, 4]), "left_counts must have a positive total"),
    ],
)
def test_bad_splits_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        information_gain(*args)


def test_unknown_criterion_is_refused():
    with pytest.raises(ValueError, match="criterion must be one of entropy, log_loss, gini"):
        impurity([1, 2], "misclassification")
