"""The greedy tree against scikit-learn's DecisionTreeClassifier, brute force and invariants."""

from collections import deque

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.tree import DecisionTreeClassifier

from mlu_math.impurity import information_gain
from mlu_math.tree import (
    best_split,
    decision_path,
    fit_tree,
    node_regions,
    predict_tree,
    split_candidates,
    tree_depth,
    tree_nodes,
    truncate_tree,
)
from mlu_math.tree_data import make_tree_data


def float32_exact(values):
    """scikit-learn fits trees on float32; give it numbers float32 holds exactly."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def random_case(seed, n=120, d=3, n_classes=2):
    rng = np.random.default_rng(seed)
    X = float32_exact(rng.normal(size=(n, d)) * rng.uniform(1, 10, size=d))
    score = X @ rng.normal(size=d) + rng.normal(scale=3, size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1]))
    return X, y


CANCER = load_breast_cancer()
CASES = {
    "scene data seed 0": (make_tree_data(seed=0).X, make_tree_data(seed=0).y),
    "scene data seed 1": (make_tree_data(seed=1).X, make_tree_data(seed=1).y),
    "random 2 classes": random_case(6),
    "random 3 classes": random_case(6, n_classes=3),
    "random 5 features": random_case(0, d=5),
    "cancer radius+texture": (float32_exact(CANCER.data[:, [0, 1]]), CANCER.target),
}


def sklearn_nodes(model):
    """(feature, threshold, counts) of each node, breadth-first; leaves have (None, None)."""
    tree = model.tree_
    queue, out = deque([0]), []
    while queue:
        i = queue.popleft()
        counts = np.rint(tree.value[i, 0] * tree.weighted_n_node_samples[i]).astype(int).tolist()
        if tree.children_left[i] == -1:
            out.append((None, None, counts))
        else:
            out.append((int(tree.feature[i]), float(tree.threshold[i]), counts))
            queue.extend([tree.children_left[i], tree.children_right[i]])
    return out


def our_nodes(root):
    return [
        (None, None, node.counts.tolist())
        if node.split is None
        else (node.split.feature, node.split.threshold, node.counts.tolist())
        for node in tree_nodes(root)
    ]


def tied_nodes(root, X, y, criterion):
    """Internal nodes where another split gains as much as the best (scikit-learn then picks at
    random among features, so only tie-free trees can be compared)."""
    n_classes = root.counts.size
    tied = 0
    stack = [(root, np.arange(y.size))]
    while stack:
        node, rows = stack.pop()
        if node.split is None:
            continue
        gains = np.concatenate(
            [
                split_candidates(X[rows, f], y[rows], n_classes, criterion)[1]
                for f in range(X.shape[1])
            ]
        )
        tied += int(np.sum(gains >= gains.max() - 1e-9) > 1)
        left = X[rows, node.split.feature] <= node.split.threshold
        stack += [(node.left, rows[left]), (node.right, rows[~left])]
    return tied


# --- parity with scikit-learn ----------------------------------------------------------


@pytest.mark.parametrize("criterion", ["entropy", "gini"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_best_split_matches_sklearn_stump(name, criterion):
    X, y = CASES[name]
    stump = DecisionTreeClassifier(max_depth=1, criterion=criterion, random_state=0).fit(X, y)
    split = best_split(X, y, criterion=criterion)
    assert (split.feature, split.threshold) == (stump.tree_.feature[0], stump.tree_.threshold[0])


TREE_CASES = [
    (name, criterion, depth)
    for name in sorted(CASES)
    for criterion in ("entropy", "gini")
    for depth in (1, 2, 3, 4)
]


@pytest.mark.parametrize(("name", "criterion", "max_depth"), TREE_CASES)
def test_fit_tree_matches_sklearn(name, criterion, max_depth):
    X, y = CASES[name]
    ours = fit_tree(X, y, max_depth=max_depth, criterion=criterion)
    if tied_nodes(ours, X, y, criterion):
        pytest.skip("a node has two equally good splits; scikit-learn picks one at random")
    theirs = DecisionTreeClassifier(max_depth=max_depth, criterion=criterion, random_state=0)
    theirs.fit(X, y)
    assert our_nodes(ours) == sklearn_nodes(theirs)
    np.testing.assert_array_equal(predict_tree(ours, X), theirs.predict(X))


def test_most_compared_trees_are_tie_free():
    """Guard the parity test above against skipping most of its cases."""
    tie_free = []
    for name, criterion, depth in TREE_CASES:
        X, y = CASES[name]
        tree = fit_tree(X, y, max_depth=depth, criterion=criterion)
        tie_free.append(not tied_nodes(tree, X, y, criterion))
    assert np.mean(tie_free) >= 0.8


@pytest.mark.parametrize("min_samples_split", [5, 20])
def test_min_samples_split_matches_sklearn(min_samples_split):
    X, y = CASES["random 2 classes"]
    ours = fit_tree(X, y, max_depth=3, min_samples_split=min_samples_split)
    assert not tied_nodes(ours, X, y, "entropy")
    theirs = DecisionTreeClassifier(
        max_depth=3, criterion="entropy", min_samples_split=min_samples_split, random_state=0
    ).fit(X, y)
    assert our_nodes(ours) == sklearn_nodes(theirs)


# --- split candidates against brute force ----------------------------------------------


@pytest.mark.parametrize("criterion", ["entropy", "gini"])
@pytest.mark.parametrize("seed", range(3))
def test_split_candidates_match_brute_force(criterion, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 12, size=40).astype(float)
    y = rng.integers(0, 3, size=40)
    thresholds, gains = split_candidates(x, y, 3, criterion)
    values = np.unique(x)
    np.testing.assert_array_equal(thresholds, (values[:-1] + values[1:]) / 2)
    parent = np.bincount(y, minlength=3)
    for t, gain in zip(thresholds, gains, strict=True):
        left = np.bincount(y[x <= t], minlength=3)
        assert gain == pytest.approx(information_gain(parent, left, parent - left, criterion))


def test_split_candidates_of_a_constant_feature_are_empty():
    thresholds, gains = split_candidates([2.0, 2.0, 2.0], [0, 1, 0])
    assert thresholds.size == gains.size == 0


def test_best_split_ties_go_to_the_lowest_feature_then_threshold():
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0], [5.0, 5.0]])
    split = best_split(X, [0, 1, 1, 1, 0])  # cuts at 1.5 and 4.5 tie; so do the columns
    assert (split.feature, split.threshold) == (0, 1.5)


def test_best_split_respects_features():
    X, y = CASES["random 5 features"]
    split = best_split(X, y, features=[3, 1])
    expected = max((best_split(X[:, [f]], y) for f in (1, 3)), key=lambda s: s.gain).gain
    assert split.feature in (1, 3) and split.gain == pytest.approx(expected)


def test_best_split_of_identical_samples_is_none():
    assert best_split([[1.0, 2.0], [1.0, 2.0]], [0, 1]) is None


# --- random feature subsets (for the random forest) against brute force -----------------


def brute_force_subset_tree(X, y, max_depth, max_features, rng, depth=0):
    """Each node: draw the features the same way, fit scikit-learn's stump on them."""
    if depth >= max_depth or np.unique(y).size == 1:
        return [None]
    order = rng.permutation(X.shape[1])
    subset = np.sort(order[:max_features])
    stump = DecisionTreeClassifier(max_depth=1, criterion="entropy").fit(X[:, subset], y)
    feature, threshold = int(subset[stump.tree_.feature[0]]), stump.tree_.threshold[0]
    left = X[:, feature] <= threshold
    return [
        (feature, threshold),
        *brute_force_subset_tree(X[left], y[left], max_depth, max_features, rng, depth + 1),
        *brute_force_subset_tree(X[~left], y[~left], max_depth, max_features, rng, depth + 1),
    ]


def preorder_splits(node):
    if node.split is None:
        return [None]
    split = (node.split.feature, node.split.threshold)
    return [split, *preorder_splits(node.left), *preorder_splits(node.right)]


@pytest.mark.parametrize(("seed", "max_features"), [(0, 1), (1, 2), (2, 3)])
def test_max_features_splits_on_the_best_of_a_random_subset(seed, max_features):
    X, y = CASES["random 5 features"]
    ours = fit_tree(X, y, max_depth=2, max_features=max_features, rng=np.random.default_rng(seed))
    expected = brute_force_subset_tree(X, y, 2, max_features, np.random.default_rng(seed))
    assert preorder_splits(ours) == expected


def test_max_features_equal_to_all_is_the_plain_tree():
    X, y = CASES["random 2 classes"]
    full = fit_tree(X, y, max_depth=3, max_features=3, rng=np.random.default_rng(0))
    assert our_nodes(full) == our_nodes(fit_tree(X, y, max_depth=3))


def test_max_features_draws_more_when_the_subset_is_constant():
    X = np.column_stack([np.zeros(6), np.arange(6.0)])
    y = np.array([0, 0, 0, 1, 1, 1])
    for seed in range(5):
        tree = fit_tree(X, y, max_features=1, rng=np.random.default_rng(seed))
        assert (tree.split.feature, tree.split.threshold) == (1, 2.5)


# --- invariants ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_children_share_out_their_parent(name):
    X, y = CASES[name]
    for node in tree_nodes(fit_tree(X, y, max_depth=5)):
        if node.split is not None:
            np.testing.assert_array_equal(node.left.counts + node.right.counts, node.counts)
            np.testing.assert_array_equal(node.left.counts, node.split.left_counts)
            assert node.left.depth == node.right.depth == node.depth + 1


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_full_tree_fits_distinct_points_exactly(name):
    X, y = CASES[name]
    tree = fit_tree(X, y)
    assert all(node.impurity == 0 for node in tree_nodes(tree) if node.is_leaf)
    np.testing.assert_array_equal(predict_tree(tree, X), y)


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_truncating_a_tree_equals_growing_it_to_that_depth(depth):
    X, y = CASES["scene data seed 0"]
    truncated = truncate_tree(fit_tree(X, y), depth)
    assert our_nodes(truncated) == our_nodes(fit_tree(X, y, max_depth=depth))
    assert tree_depth(truncated) == min(depth, tree_depth(fit_tree(X, y)))


def test_decision_path_ends_in_the_predicting_leaf():
    X, y = CASES["scene data seed 0"]
    tree = fit_tree(X, y, max_depth=3)
    predictions = predict_tree(tree, X)
    for x, prediction in zip(X, predictions, strict=True):
        path = decision_path(tree, x)
        assert path[0] is tree and path[-1].is_leaf
        assert [node.depth for node in path] == list(range(len(path)))
        assert path[-1].prediction == prediction


def test_leaf_regions_tile_the_box_and_hold_their_samples():
    data = make_tree_data(seed=0)
    tree = fit_tree(data.X, data.y, max_depth=4)
    regions = node_regions(tree, data.bounds)
    assert [node for node, _ in regions] == tree_nodes(tree)
    leaves = [(node, box) for node, box in regions if node.is_leaf]
    area = sum(np.prod(box[:, 1] - box[:, 0]) for _, box in leaves)
    assert area == pytest.approx(np.prod(data.bounds[:, 1] - data.bounds[:, 0]))
    for x in data.X:
        leaf = decision_path(tree, x)[-1]
        box = next(box for node, box in leaves if node is leaf)
        assert np.all(box[:, 0] <= x) and np.all(x <= box[:, 1])


def test_prediction_ties_go_to_the_lowest_class():
    assert fit_tree([[1.0], [1.0]], [1, 0]).prediction == 0


def test_n_classes_pads_the_counts():
    tree = fit_tree([[1.0], [2.0]], [0, 1], n_classes=3)
    assert tree.counts.tolist() == [1, 1, 0] and tree.n_samples == 2


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"X": [1.0, 2.0]}, "X must be 2-D"),
        ({"X": [[np.nan], [1.0]]}, "X must be finite"),
        ({"y": [0, 1, 1]}, "X has 2 rows but y has 3"),
        ({"y": [0, -1]}, "y must hold class labels 0, 1"),
        ({"y": [0.5, 1.0]}, "y must hold class labels 0, 1, 2"),
        ({"n_classes": 1}, "n_classes must exceed every label in y"),
        ({"max_depth": -1}, "max_depth must be at least 0"),
        ({"min_samples_split": 1}, "min_samples_split must be at least 2"),
        ({"max_features": 2, "rng": np.random.default_rng(0)}, "max_features must be at most"),
        ({"max_features": 1}, "rng must be a numpy.random.Generator"),
        ({"criterion": "mse"}, "criterion must be one of"),
    ],
)
def test_fit_tree_refuses_bad_input(kwargs, message):
    args = {"X": [[1.0], [2.0]], "y": [0, 1], **kwargs}
    with pytest.raises(ValueError, match=message):
        fit_tree(args.pop("X"), args.pop("y"), **args)


def test_best_split_refuses_unknown_features():
    with pytest.raises(ValueError, match="features must be distinct column indices below 2"):
        best_split([[1.0, 2.0], [2.0, 1.0]], [0, 1], features=[2])


def test_predict_refuses_too_few_features():
    tree = fit_tree([[0.0, 1.0], [0.0, 2.0]], [0, 1])
    with pytest.raises(ValueError, match="X has 1 features but the tree splits on feature 1"):
        predict_tree(tree, [[1.0]])


def test_node_regions_refuses_an_empty_box():
    with pytest.raises(ValueError, match="bounds must have shape"):
        node_regions(fit_tree([[1.0], [2.0]], [0, 1]), [[2.0, 2.0]])
