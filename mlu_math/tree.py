"""A decision tree grown greedily (ID3/CART style) with axis-aligned threshold splits."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    check_bounds,
    check_class_codes,
    check_count,
    check_finite_array,
    check_generator,
    check_instance,
    check_same_length,
    check_scores,
)
from mlu_math.impurity import Criterion, impurity, information_gain

__all__ = [
    "TIE_TOLERANCE",
    "Split",
    "TreeNode",
    "best_split",
    "decision_path",
    "fit_tree",
    "node_regions",
    "predict_tree",
    "split_candidates",
    "tree_depth",
    "tree_nodes",
    "truncate_tree",
]

TIE_TOLERANCE = 1e-12
"""Gains closer than this to the best count as ties (rounding would otherwise decide)."""


@dataclass(frozen=True, eq=False)
class Split:
    """The best split of a node: go left when ``x[feature] <= threshold``.

    Attributes
    ----------
    feature : int
        Column index of the feature split on.
    threshold : float
        The midpoint between two adjacent distinct values of the feature in
        the node, as scikit-learn places it.
    gain : float
        Impurity decrease: the parent's impurity minus the children's,
        weighted by their sizes (bits for entropy).
    left_counts, right_counts : ndarray of shape (n_classes,), dtype int64
        Class counts of the two children.
    """

    feature: int
    threshold: float
    gain: float
    left_counts: NDArray[np.int64]
    right_counts: NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class TreeNode:
    """One node of a fitted tree; the root stands for the whole tree.

    Attributes
    ----------
    counts : ndarray of shape (n_classes,), dtype int64
        Class counts of the training samples that reach the node.
    impurity : float
        Impurity of those counts under the tree's criterion.
    depth : int
        0 at the root.
    split : Split or None
        The node's split; None for a leaf.
    left, right : TreeNode or None
        Children (``x[feature] <= threshold`` goes left); None for a leaf.
    """

    counts: NDArray[np.int64]
    impurity: float
    depth: int
    split: Split | None
    left: TreeNode | None
    right: TreeNode | None

    @property
    def is_leaf(self) -> bool:
        """Whether the node has no split."""
        return self.split is None

    @property
    def prediction(self) -> int:
        """The majority class of the node; ties go to the lowest class."""
        return int(np.argmax(self.counts))

    @property
    def n_samples(self) -> int:
        """The number of training samples that reach the node."""
        return int(self.counts.sum())

    def children(self) -> tuple[TreeNode, TreeNode]:
        """Return (left, right); raise ``ValueError`` on a leaf."""
        if self.left is None or self.right is None:
            raise ValueError("a leaf has no children")
        return self.left, self.right


# --- input checks ----------------------------------------------------------------------


def _check_X(X: ArrayLike, name: str = "X") -> NDArray[np.float64]:
    return check_finite_array(X, name, ndim=2)


def _check_y(
    y: ArrayLike, values: NDArray[np.float64], n_classes: int | None, x_name: str = "X"
) -> tuple[NDArray[np.intp], int]:
    labels = check_class_codes(y, "y")
    check_same_length(x_name, values, "y", labels)
    needed = int(labels.max()) + 1
    if n_classes is None:
        return labels, needed
    k = check_count(n_classes, "n_classes", 1)
    if k < needed:
        raise ValueError(
            f"n_classes must exceed every label in y, got n_classes={k} and label {needed - 1}"
        )
    return labels, k


def _check_tree(tree: object) -> TreeNode:
    return check_instance(tree, "tree", TreeNode)


def _check_criterion(criterion: str) -> Criterion:
    impurity([1], criterion)  # type: ignore[arg-type]
    return criterion  # type: ignore[return-value]


# --- splits ----------------------------------------------------------------------------


def _candidates(
    x: NDArray[np.float64], y: NDArray[np.intp], n_classes: int, criterion: Criterion
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64], NDArray[np.int64]]:
    """Return thresholds, gains and left-child counts of every split along ``x``, and the total.

    The shared core of :func:`split_candidates` and :func:`best_split`: the
    samples are sorted by ``x``; a cut between two adjacent distinct values
    puts the ``i + 1`` smallest on the left, whose class counts are a running
    sum of the labels.
    """
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    running = np.cumsum(np.eye(n_classes, dtype=np.int64)[ys], axis=0)
    total = running[-1]
    cuts = np.flatnonzero(xs[:-1] < xs[1:])
    if cuts.size == 0:
        empty = np.empty(0)
        return empty, empty, np.empty((0, n_classes), dtype=np.int64), total
    low, high = xs[cuts], xs[cuts + 1]
    thresholds = low / 2.0 + high / 2.0
    rounded = (thresholds == high) | ~np.isfinite(thresholds)
    thresholds[rounded] = low[rounded]
    left = running[cuts]
    gains = np.atleast_1d(information_gain(total, left, total - left, criterion))
    return thresholds, gains, left, total


def split_candidates(
    x: ArrayLike, y: ArrayLike, n_classes: int | None = None, criterion: Criterion = "entropy"
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return every threshold along one feature and the information gain of splitting there.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        One feature's values.
    y : array-like of shape (n_samples,)
        Class labels 0, 1, ..., ``n_classes - 1``.
    n_classes : int, default=None
        Number of classes; ``max(y) + 1`` by default.
    criterion : {"entropy", "log_loss", "gini"}, default="entropy"

    Returns
    -------
    thresholds : ndarray of shape (n_distinct - 1,)
        Ascending midpoints between adjacent distinct values of ``x``.
    gains : ndarray of shape (n_distinct - 1,)
        Impurity decrease of the split ``x <= threshold`` at each.

    Examples
    --------
    >>> t, g = split_candidates([1.0, 2.0, 3.0, 4.0], [0, 0, 1, 1])
    >>> t.tolist(), g.round(3).tolist()
    ([1.5, 2.5, 3.5], [0.311, 1.0, 0.311])
    """
    if np.ndim(x) == 2:
        values = check_finite_array(x, "x", ndim=2, n_columns=1)[:, 0]
    else:
        values = check_scores(x, "x")
    labels, k = _check_y(y, values, n_classes, "x")
    thresholds, gains, _, _ = _candidates(values, labels, k, _check_criterion(criterion))
    return thresholds, gains


def _best_along(
    X: NDArray[np.float64],
    y: NDArray[np.intp],
    features: Sequence[int],
    n_classes: int,
    criterion: Criterion,
) -> Split | None:
    """Return the best split over ``features`` (ties: lowest feature, then lowest threshold)."""
    best: Split | None = None
    for feature in sorted(features):
        thresholds, gains, left, total = _candidates(X[:, feature], y, n_classes, criterion)
        if gains.size == 0:
            continue
        i = int(np.argmax(gains >= gains.max() - TIE_TOLERANCE))
        if best is None or gains[i] > best.gain + TIE_TOLERANCE:
            gain = float(gains[i])
            best = Split(feature, float(thresholds[i]), gain, left[i], total - left[i])
    return best


def best_split(
    X: ArrayLike,
    y: ArrayLike,
    *,
    criterion: Criterion = "entropy",
    features: Sequence[int] | None = None,
    n_classes: int | None = None,
) -> Split | None:
    """Return the split of the samples ``X`` that lowers impurity most.

    Every feature (or those in ``features``) is cut between each pair of
    adjacent distinct values. Gains within :data:`TIE_TOLERANCE` of each
    other tie, and the tie goes to the lowest feature index, then the lowest
    threshold (scikit-learn breaks ties between features at random instead).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Class labels 0, 1, ..., ``n_classes - 1``.
    criterion : {"entropy", "log_loss", "gini"}, default="entropy"
    features : sequence of int, default=None
        Columns to consider; all by default.
    n_classes : int, default=None
        Number of classes; ``max(y) + 1`` by default.

    Returns
    -------
    Split or None
        None when no considered feature takes two distinct values.

    Examples
    --------
    >>> split = best_split([[1.0, 5.0], [2.0, 1.0], [3.0, 6.0]], [0, 1, 0])
    >>> split.feature, split.threshold, split.right_counts.tolist()
    (1, 3.0, [2, 0])
    """
    values = _check_X(X)
    labels, k = _check_y(y, values, n_classes)
    columns = _check_features(features, values.shape[1])
    return _best_along(values, labels, columns, k, _check_criterion(criterion))


def _check_features(features: Sequence[int] | None, n_features: int) -> list[int]:
    if features is None:
        return list(range(n_features))
    columns = [check_count(f, "features", 0) for f in features]
    if not columns or max(columns) >= n_features or len(set(columns)) != len(columns):
        raise ValueError(
            f"features must be distinct column indices below {n_features}, got {list(features)}"
        )
    return columns


# --- growing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Settings:
    max_depth: int | None
    criterion: Criterion
    min_samples_split: int
    max_features: int | None
    rng: np.random.Generator | None
    n_classes: int


def _choose_split(X: NDArray[np.float64], y: NDArray[np.intp], s: _Settings) -> Split | None:
    """Return the node's split, over all features or a random subset of them."""
    n_features = X.shape[1]
    if s.max_features is None or s.rng is None:
        return _best_along(X, y, range(n_features), s.n_classes, s.criterion)
    order = s.rng.permutation(n_features)
    split = _best_along(X, y, order[: s.max_features].tolist(), s.n_classes, s.criterion)
    for extra in order[s.max_features :]:
        if split is not None:
            break
        split = _best_along(X, y, [int(extra)], s.n_classes, s.criterion)
    return split


def _grow(X: NDArray[np.float64], y: NDArray[np.intp], depth: int, s: _Settings) -> TreeNode:
    counts = np.bincount(y, minlength=s.n_classes).astype(np.int64)
    leaf = TreeNode(counts, float(impurity(counts, s.criterion)), depth, None, None, None)
    too_deep = s.max_depth is not None and depth >= s.max_depth
    if too_deep or y.size < s.min_samples_split or counts.max() == y.size:
        return leaf
    split = _choose_split(X, y, s)
    if split is None:
        return leaf
    goes_left = X[:, split.feature] <= split.threshold
    left = _grow(X[goes_left], y[goes_left], depth + 1, s)
    right = _grow(X[~goes_left], y[~goes_left], depth + 1, s)
    return replace(leaf, split=split, left=left, right=right)


def fit_tree(
    X: ArrayLike,
    y: ArrayLike,
    *,
    max_depth: int | None = None,
    criterion: Criterion = "entropy",
    min_samples_split: int = 2,
    max_features: int | None = None,
    rng: np.random.Generator | None = None,
    n_classes: int | None = None,
) -> TreeNode:
    """Grow a classification tree greedily, each node taking its :func:`best_split`.

    A node becomes a leaf when it is pure, is ``max_depth`` deep, holds fewer
    than ``min_samples_split`` samples, or no feature separates its samples.
    A split is taken even when it gains nothing (as scikit-learn does with
    ``min_impurity_decrease=0``). Without ties between splits, this is the
    tree of scikit-learn's ``DecisionTreeClassifier`` with the same settings.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Class labels 0, 1, ..., ``n_classes - 1``.
    max_depth : int, default=None
        Deepest level allowed (the root is 0; 0 gives a single leaf); None
        grows until the leaves are pure.
    criterion : {"entropy", "log_loss", "gini"}, default="entropy"
    min_samples_split : int, default=2
        Fewest samples a node needs to be split.
    max_features : int, default=None
        When given, each node draws a random ``max_features`` of the
        features from ``rng`` and splits on the best of them; if none of
        them varies in the node, further features are drawn one at a time
        until one does (as scikit-learn does). None considers every feature.
    rng : numpy.random.Generator, default=None
        Source of the feature draws; required with ``max_features`` (and
        unused without it).
    n_classes : int, default=None
        Number of classes; ``max(y) + 1`` by default. Give it when a sample
        (say, a bootstrap) may lack the highest class.

    Returns
    -------
    TreeNode
        The root.

    Examples
    --------
    >>> tree = fit_tree([[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1])
    >>> tree.split.threshold, tree.left.counts.tolist(), tree.right.prediction
    (2.5, [2, 0], 1)
    """
    values = _check_X(X)
    labels, k = _check_y(y, values, n_classes)
    depth = None if max_depth is None else check_count(max_depth, "max_depth", 0)
    features = None
    if max_features is not None:
        features = check_count(max_features, "max_features", 1)
        if features > values.shape[1]:
            raise ValueError(
                f"max_features must be at most n_features={values.shape[1]}, got {features}"
            )
        if rng is None:
            raise ValueError("rng must be a numpy.random.Generator when max_features is given")
    if rng is not None:
        check_generator(rng)
    settings = _Settings(
        depth,
        _check_criterion(criterion),
        check_count(min_samples_split, "min_samples_split", 2),
        features,
        rng,
        k,
    )
    return _grow(values, labels, 0, settings)


# --- using a tree ----------------------------------------------------------------------


def tree_nodes(tree: TreeNode) -> list[TreeNode]:
    """Return every node, breadth-first: the root, then depth 1 left to right, ...

    Examples
    --------
    >>> tree = fit_tree([[1.0], [2.0], [3.0]], [0, 1, 1])
    >>> [node.depth for node in tree_nodes(tree)]
    [0, 1, 1]
    """
    return [node for node, _ in _breadth_first(_check_tree(tree), None)]


def _breadth_first(
    tree: TreeNode, bounds: NDArray[np.float64] | None
) -> Iterator[tuple[TreeNode, NDArray[np.float64] | None]]:
    queue: deque[tuple[TreeNode, NDArray[np.float64] | None]] = deque([(tree, bounds)])
    while queue:
        node, box = queue.popleft()
        yield node, box
        if node.split is None:
            continue
        left, right = node.children()
        if box is None:
            queue.extend([(left, None), (right, None)])
            continue
        f, t = node.split.feature, node.split.threshold
        left_box, right_box = box.copy(), box.copy()
        left_box[f, 1] = min(box[f, 1], t)
        right_box[f, 0] = max(box[f, 0], t)
        queue.extend([(left, left_box), (right, right_box)])


def node_regions(tree: TreeNode, bounds: ArrayLike) -> list[tuple[TreeNode, NDArray[np.float64]]]:
    """Return each node with the box of feature space it covers, breadth-first.

    The leaves' boxes tile ``bounds``: the partition a tree draws on a scatter.

    Parameters
    ----------
    tree : TreeNode
    bounds : array-like of shape (n_features, 2)
        ``(low, high)`` of each feature: the box the root covers.

    Returns
    -------
    list of (TreeNode, ndarray of shape (n_features, 2))
        In the order of :func:`tree_nodes`. A split outside a box leaves
        one child's box empty (``low == high`` in that feature).

    Examples
    --------
    >>> tree = fit_tree([[1.0, 0.0], [3.0, 0.0]], [0, 1])
    >>> [box.tolist() for _, box in node_regions(tree, [[0, 4], [0, 1]])]
    [[[0.0, 4.0], [0.0, 1.0]], [[0.0, 2.0], [0.0, 1.0]], [[2.0, 4.0], [0.0, 1.0]]]
    """
    box = check_bounds(bounds, "bounds")
    used = [node.split.feature for node in tree_nodes(tree) if node.split is not None]
    if used and max(used) >= box.shape[0]:
        raise ValueError(f"bounds has {box.shape[0]} features but the tree splits on {max(used)}")
    return [(node, region) for node, region in _breadth_first(tree, box) if region is not None]


def tree_depth(tree: TreeNode) -> int:
    """Return the depth of the deepest leaf (0 for a single leaf)."""
    return max(node.depth for node in tree_nodes(tree))


def truncate_tree(tree: TreeNode, max_depth: int) -> TreeNode:
    """Return the tree cut at ``max_depth``: deeper nodes dropped, their parents made leaves.

    Greedy growth decides each node on its own samples, so this equals
    ``fit_tree(..., max_depth=max_depth)`` on the same data: the stages of
    a tree growing level by level.
    """
    depth = check_count(max_depth, "max_depth", 0)
    if _check_tree(tree).split is None:
        return tree
    if tree.depth >= depth:
        return replace(tree, split=None, left=None, right=None)
    left, right = tree.children()
    return replace(tree, left=truncate_tree(left, depth), right=truncate_tree(right, depth))


def _max_feature(tree: TreeNode) -> int:
    return max((n.split.feature for n in tree_nodes(tree) if n.split is not None), default=-1)


def predict_tree(tree: TreeNode, X: ArrayLike) -> NDArray[np.int64]:
    """Return the class of the leaf each row of ``X`` falls into.

    Parameters
    ----------
    tree : TreeNode
    X : array-like of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples,), dtype int64

    Examples
    --------
    >>> tree = fit_tree([[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1])
    >>> predict_tree(tree, [[0.0], [2.6]]).tolist()
    [0, 1]
    """
    values = _check_X(X)
    if values.shape[1] <= _max_feature(_check_tree(tree)):
        raise ValueError(
            f"X has {values.shape[1]} features but the tree splits on feature {_max_feature(tree)}"
        )
    out = np.empty(values.shape[0], dtype=np.int64)
    _fill_predictions(tree, values, np.arange(values.shape[0]), out)
    return out


def _fill_predictions(
    node: TreeNode, X: NDArray[np.float64], rows: NDArray[np.intp], out: NDArray[np.int64]
) -> None:
    if node.split is None:
        out[rows] = node.prediction
        return
    left, right = node.children()
    goes_left = X[rows, node.split.feature] <= node.split.threshold
    _fill_predictions(left, X, rows[goes_left], out)
    _fill_predictions(right, X, rows[~goes_left], out)


def decision_path(tree: TreeNode, x: ArrayLike) -> list[TreeNode]:
    """Return the nodes one sample passes through, from the root to its leaf.

    Parameters
    ----------
    tree : TreeNode
    x : array-like of shape (n_features,)

    Returns
    -------
    list of TreeNode
        The last one is the leaf whose ``prediction`` is the tree's answer.
    """
    values = check_finite_array(x, "x")
    if values.size <= _max_feature(_check_tree(tree)):
        raise ValueError(
            f"x has {values.size} features but the tree splits on feature {_max_feature(tree)}"
        )
    path = [tree]
    node = tree
    while node.split is not None:
        left, right = node.children()
        node = left if values[node.split.feature] <= node.split.threshold else right
        path.append(node)
    return path
