"""Random forest: the vote against brute force and scipy, the trees against fit_tree and sklearn."""

from collections import Counter

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from scipy.stats import mode
from sklearn.tree import DecisionTreeClassifier

from mlu_math.bagging import bootstrap_indices
from mlu_math.forest import (
    cumulative_majority,
    draw_features,
    fit_forest,
    forest_votes,
    majority_vote,
    predict_forest,
    vote_counts,
)
from mlu_math.road_signs import make_road_signs, make_sign_shapes
from mlu_math.tree import TreeNode, best_split, fit_tree, predict_tree, tree_nodes


def same_tree(a: TreeNode, b: TreeNode) -> bool:
    """Same shape, splits and class counts at every node, breadth-first."""
    nodes_a, nodes_b = tree_nodes(a), tree_nodes(b)
    if len(nodes_a) != len(nodes_b):
        return False
    for x, y in zip(nodes_a, nodes_b, strict=True):
        if not np.array_equal(x.counts, y.counts) or (x.split is None) != (y.split is None):
            return False
        if x.split is not None and (x.split.feature, x.split.threshold) != (
            y.split.feature,
            y.split.threshold,
        ):
            return False
    return True


def brute_force_vote(votes: np.ndarray) -> list[int]:
    """Count each column's votes by hand; the most common, lowest on a tie."""
    winners = []
    for column in votes.T:
        counts = Counter(column.tolist())
        top = max(counts.values())
        winners.append(min(label for label, n in counts.items() if n == top))
    return winners


def random_votes(n_voters: int, n_samples: int, n_classes: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n_classes, size=(n_voters, n_samples))


# --- the vote -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n_voters", "n_samples", "n_classes", "seed"),
    [(1, 10, 2, 0), (2, 50, 2, 1), (3, 40, 2, 2), (4, 60, 3, 3), (25, 30, 2, 4), (6, 80, 4, 5)],
)
def test_majority_vote_matches_a_brute_force_count(n_voters, n_samples, n_classes, seed):
    votes = random_votes(n_voters, n_samples, n_classes, seed)
    assert majority_vote(votes).tolist() == brute_force_vote(votes)


@pytest.mark.parametrize(
    ("n_voters", "n_samples", "n_classes", "seed"),
    [(2, 50, 2, 6), (4, 60, 3, 7), (10, 30, 5, 8)],
)
def test_majority_vote_matches_scipy_mode_which_also_takes_the_lowest_tie(
    n_voters, n_samples, n_classes, seed
):
    votes = random_votes(n_voters, n_samples, n_classes, seed)
    assert_array_equal(majority_vote(votes), mode(votes, axis=0).mode)


def test_majority_vote_hand_worked_with_ties():
    votes = [[0, 1, 1, 2], [1, 1, 0, 2], [1, 0, 0, 1], [0, 0, 1, 1]]
    assert majority_vote(votes).tolist() == [0, 0, 0, 1]


@pytest.mark.parametrize(
    ("n_voters", "n_samples", "n_classes", "seed"), [(1, 5, 2, 10), (9, 40, 2, 11), (12, 30, 3, 12)]
)
def test_cumulative_majority_is_the_vote_of_each_prefix(n_voters, n_samples, n_classes, seed):
    votes = random_votes(n_voters, n_samples, n_classes, seed)
    staged = cumulative_majority(votes, n_classes)
    assert staged.shape == votes.shape
    for k in range(1, n_voters + 1):
        assert staged[k - 1].tolist() == brute_force_vote(votes[:k])


def test_vote_counts_sum_to_the_number_of_voters():
    votes = random_votes(7, 20, 3, 9)
    counts = vote_counts(votes, n_classes=4)
    assert counts.shape == (20, 4)
    assert_array_equal(counts.sum(axis=1), np.full(20, 7))
    assert_array_equal(counts[:, 3], 0)


# --- the trees ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signs():
    return make_road_signs(120, seed=11)


@pytest.mark.parametrize(
    ("max_features", "max_depth", "seed"), [(2, None, 0), (3, 3, 1), (1, 2, 2)]
)
def test_each_tree_is_fit_tree_on_its_bootstrap_sample(signs, max_features, max_depth, seed):
    forest = fit_forest(
        signs.X, signs.y, n_estimators=5, max_features=max_features, max_depth=max_depth,
        rng=np.random.default_rng(seed),
    )  # fmt: skip
    rng = np.random.default_rng(seed)
    for tree, rows in zip(forest.trees, forest.samples, strict=True):
        expected_rows = bootstrap_indices(signs.y.size, rng)
        assert_array_equal(rows, expected_rows)
        expected = fit_tree(
            signs.X[rows], signs.y[rows], max_depth=max_depth, max_features=max_features,
            rng=rng, n_classes=2,
        )  # fmt: skip
        assert same_tree(tree, expected)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_a_trees_root_splits_on_the_best_of_the_features_drawn_after_its_bootstrap(signs, seed):
    forest = fit_forest(
        signs.X, signs.y, n_estimators=1, max_features=2, rng=np.random.default_rng(seed)
    )
    rng = np.random.default_rng(seed)
    rows = bootstrap_indices(signs.y.size, rng)
    drawn = draw_features(4, 2, rng)
    expected = best_split(signs.X[rows], signs.y[rows], features=drawn.tolist(), n_classes=2)
    root = forest.trees[0].split
    assert (root.feature, root.threshold) == (expected.feature, expected.threshold)
    assert root.feature in drawn


@pytest.mark.parametrize(("n_features", "max_features", "seed"), [(4, 2, 0), (10, 3, 1), (3, 3, 2)])
def test_draw_features_is_the_documented_permutation(n_features, max_features, seed):
    expected = np.sort(np.random.default_rng(seed).permutation(n_features)[:max_features])
    drawn = draw_features(n_features, max_features, np.random.default_rng(seed))
    assert_array_equal(drawn, expected)
    assert len(set(drawn.tolist())) == max_features


@pytest.mark.parametrize("criterion", ["entropy", "gini"])
def test_one_tree_without_bootstrap_or_feature_draws_is_fit_tree(criterion):
    data = make_sign_shapes(80, seed=3)
    forest = fit_forest(
        data.X, data.y, n_estimators=1, max_features=2, criterion=criterion, bootstrap=False,
        rng=np.random.default_rng(0),
    )  # fmt: skip
    assert same_tree(forest.trees[0], fit_tree(data.X, data.y, criterion=criterion))
    assert_array_equal(forest.samples[0], np.arange(80))


# Deeper trees reach small nodes where splits on different features tie; scikit-learn
# breaks those ties at random, fit_tree by feature order, so parity is checked shallow.
@pytest.mark.parametrize(("seed", "max_depth"), [(0, 1), (1, 2), (2, 3), (3, 3)])
def test_bagged_trees_predict_as_sklearn_trees_on_the_same_rows(seed, max_depth):
    X = np.random.default_rng(100 + seed).normal(size=(60, 3))
    y = (X[:, 0] + 0.7 * X[:, 1] + np.random.default_rng(seed).normal(0, 0.5, 60) > 0).astype(int)
    forest = fit_forest(X, y, n_estimators=4, max_depth=max_depth, rng=np.random.default_rng(seed))
    grid = np.random.default_rng(200 + seed).normal(size=(300, 3))
    for tree, rows in zip(forest.trees, forest.samples, strict=True):
        reference = DecisionTreeClassifier(criterion="entropy", max_depth=max_depth, random_state=0)
        reference.fit(X[rows], y[rows])
        assert_array_equal(predict_tree(tree, grid), reference.predict(grid))


def test_votes_are_the_trees_predictions_and_the_forest_their_majority(signs):
    forest = fit_forest(
        signs.X, signs.y, n_estimators=7, max_features=2, rng=np.random.default_rng(4)
    )
    votes = forest_votes(forest, signs.X)
    assert votes.shape == (7, signs.y.size)
    for tree, row in zip(forest.trees, votes, strict=True):
        assert_array_equal(row, predict_tree(tree, signs.X))
    assert predict_forest(forest, signs.X).tolist() == brute_force_vote(votes)


def test_a_bootstrap_sample_missing_a_class_still_counts_every_class():
    X = np.arange(12, dtype=float).reshape(-1, 1)
    y = np.array([0] * 11 + [1])
    forest = fit_forest(X, y, n_estimators=6, rng=np.random.default_rng(0))
    assert all(tree.counts.size == 2 for tree in forest.trees)
    assert any(tree.counts[1] == 0 for tree in forest.trees)


def test_the_same_seed_grows_the_same_forest_and_another_seed_another(signs):
    first = fit_forest(
        signs.X, signs.y, n_estimators=3, max_features=2, rng=np.random.default_rng(5)
    )
    again = fit_forest(
        signs.X, signs.y, n_estimators=3, max_features=2, rng=np.random.default_rng(5)
    )
    other = fit_forest(
        signs.X, signs.y, n_estimators=3, max_features=2, rng=np.random.default_rng(6)
    )
    assert all(same_tree(a, b) for a, b in zip(first.trees, again.trees, strict=True))
    assert not all(same_tree(a, b) for a, b in zip(first.trees, other.trees, strict=True))


# --- the measured fact the scene shows ------------------------------------------------


@pytest.mark.parametrize(
    ("maker", "n_train", "max_features"),
    [(make_road_signs, 200, 2), (make_sign_shapes, 150, 1)],
)
def test_the_forest_beats_one_tree_on_held_out_signs(maker, n_train, max_features):
    gains = []
    for seed in range(8):
        rng = np.random.default_rng(seed)
        train, test = maker(n_train, seed=rng), maker(1000, seed=rng)
        tree = fit_tree(train.X, train.y)
        forest = fit_forest(train.X, train.y, n_estimators=25, max_features=max_features, rng=rng)
        tree_accuracy = np.mean(predict_tree(tree, test.X) == test.y)
        forest_accuracy = np.mean(predict_forest(forest, test.X) == test.y)
        gains.append(forest_accuracy - tree_accuracy)
    assert np.mean(gains) > 0.015
    assert np.mean(np.array(gains) > 0) >= 0.75


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: majority_vote([1, 0, 1]), "votes must be a non-empty 2-D array"),
        (lambda: majority_vote([[0.5, 1.0]]), "votes must hold class labels"),
        (lambda: majority_vote([[-1, 0]]), "votes must hold class labels"),
        (lambda: majority_vote([[0, 2]], n_classes=2), "votes must be below n_classes=2"),
        (lambda: majority_vote([[0, 1]], n_classes=0), "n_classes must be at least 1"),
        (lambda: draw_features(4, 5, np.random.default_rng()), "max_features must be at most"),
        (lambda: draw_features(4, 0, np.random.default_rng()), "max_features must be at least 1"),
        (lambda: draw_features(4, 2, 7), "rng must be a numpy.random.Generator"),
        (
            lambda: fit_forest([[0.0], [1.0]], [0, 1], n_estimators=0, rng=np.random.default_rng()),
            "n_estimators must be at least 1",
        ),
        (
            lambda: fit_forest([[0.0], [1.0]], [0, 1], rng=0),
            "rng must be a numpy.random.Generator",
        ),
        (
            lambda: fit_forest([[0.0], [1.0]], [0, 1], bootstrap=1, rng=np.random.default_rng()),
            "bootstrap must be True or False",
        ),
        (
            lambda: fit_forest([0.0, 1.0], [0, 1], rng=np.random.default_rng()),
            "X must be 2-D",
        ),
        (
            lambda: fit_forest([[0.0], [1.0]], [0, 1, 1], rng=np.random.default_rng()),
            "X has 2 rows but y has 3",
        ),
        (
            lambda: fit_forest([[0.0], [1.0]], [0.5, 1], rng=np.random.default_rng()),
            "y must hold class labels",
        ),
        (
            lambda: fit_forest([[0.0], [1.0]], [0, 1], max_features=2, rng=np.random.default_rng()),
            "max_features must be at most",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
