"""A random forest: trees grown on bootstrap samples with random feature subsets, then a vote."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    check_class_codes,
    check_count,
    check_finite_array,
    check_flag,
    check_generator,
    check_instance,
    check_same_length,
)
from mlu_math.bagging import bootstrap_indices
from mlu_math.impurity import Criterion
from mlu_math.tree import TreeNode, fit_tree, predict_tree

__all__ = [
    "Forest",
    "cumulative_majority",
    "draw_features",
    "fit_forest",
    "forest_votes",
    "majority_vote",
    "predict_forest",
    "vote_counts",
]


@dataclass(frozen=True, eq=False)
class Forest:
    """A fitted random forest.

    Attributes
    ----------
    trees : tuple of TreeNode
        One root per tree, in the order grown.
    samples : ndarray of shape (n_estimators, n_samples), dtype int64
        The training rows each tree was grown on (its bootstrap sample, or
        every row in order without bootstrapping).
    n_classes : int
    """

    trees: tuple[TreeNode, ...]
    samples: NDArray[np.int64]
    n_classes: int

    @property
    def n_estimators(self) -> int:
        """The number of trees."""
        return len(self.trees)


def fit_forest(
    X: ArrayLike,
    y: ArrayLike,
    *,
    n_estimators: int = 25,
    max_features: int | None = None,
    max_depth: int | None = None,
    criterion: Criterion = "entropy",
    bootstrap: bool = True,
    rng: np.random.Generator,
) -> Forest:
    """Grow a random forest: each tree on its own bootstrap sample and feature draws.

    Tree ``i`` is grown by two calls on ``rng``, in this order:
    ``idx = bootstrap_indices(n_samples, rng)``, then
    ``fit_tree(X[idx], y[idx], max_features=max_features, rng=rng, ...)``.
    Trees differ because their samples differ (bagging) and because each
    split considers only a random subset of ``max_features`` features.

    Unlike scikit-learn's ``RandomForestClassifier``, which averages the
    trees' class probabilities, this forest predicts by a plain majority
    vote (:func:`majority_vote`), as the essay tells it.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Class labels 0, 1, ..., ``n_classes - 1``.
    n_estimators : int, default=25
        Number of trees, at least 1.
    max_features : int, default=None
        Features drawn at each split; None considers all of them (bagged trees).
    max_depth : int, default=None
        Depth limit of every tree; None grows them until their leaves are pure.
    criterion : {"entropy", "log_loss", "gini"}, default="entropy"
    bootstrap : bool, default=True
        Whether each tree gets a bootstrap sample; False grows every tree on
        all rows (and draws nothing for them from ``rng``).
    rng : numpy.random.Generator
        Source of the bootstrap samples and feature draws; advanced.

    Returns
    -------
    Forest

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> forest = fit_forest(X, [0, 0, 1, 1], n_estimators=3, rng=np.random.default_rng(0))
    >>> forest.n_estimators, predict_forest(forest, [[0.2], [2.8]]).tolist()
    (3, [0, 1])
    """
    values = check_finite_array(X, "X", ndim=2)
    labels = check_class_codes(y, "y").astype(np.int64)
    check_same_length("X", values, "y", labels)
    n_classes = int(labels.max()) + 1
    n_trees = check_count(n_estimators, "n_estimators", 1)
    check_flag(bootstrap, "bootstrap")
    check_generator(rng)
    n = values.shape[0]
    trees, samples = [], []
    for _ in range(n_trees):
        rows = bootstrap_indices(n, rng) if bootstrap else np.arange(n, dtype=np.int64)
        tree = fit_tree(
            values[rows],
            labels[rows],
            max_depth=max_depth,
            criterion=criterion,
            max_features=max_features,
            rng=rng if max_features is not None else None,
            n_classes=n_classes,
        )
        trees.append(tree)
        samples.append(rows)
    return Forest(tuple(trees), np.stack(samples), n_classes)


def draw_features(
    n_features: int, max_features: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    """Draw the features one split may use: ``rng.permutation(n_features)[:max_features]``.

    The draw :func:`mlu_math.tree.fit_tree` makes at each node when given
    ``max_features`` (so, right after its bootstrap draw, the features a
    forest's tree considers at its root).

    Returns
    -------
    ndarray of shape (max_features,), dtype int64
        The drawn feature indices, ascending.

    Examples
    --------
    >>> draw_features(4, 2, np.random.default_rng(0)).tolist()
    [0, 2]
    """
    n = check_count(n_features, "n_features", 1)
    k = check_count(max_features, "max_features", 1)
    if k > n:
        raise ValueError(f"max_features must be at most n_features={n}, got {k}")
    check_generator(rng)
    return np.sort(rng.permutation(n)[:k]).astype(np.int64)


def forest_votes(forest: Forest, X: ArrayLike) -> NDArray[np.int64]:
    """Return every tree's prediction for every row of ``X``.

    Returns
    -------
    votes : ndarray of shape (n_estimators, n_samples), dtype int64
        ``votes[i, j]`` is tree ``i``'s class for row ``j``.
    """
    check_instance(forest, "forest", Forest)
    return np.stack([predict_tree(tree, X) for tree in forest.trees])


def vote_counts(votes: ArrayLike, n_classes: int | None = None) -> NDArray[np.int64]:
    """Count the votes for each class, per sample.

    Parameters
    ----------
    votes : array-like of int, shape (n_voters, n_samples)
        Class votes; each column is one sample.
    n_classes : int, default=None
        Number of classes; ``max(votes) + 1`` by default.

    Returns
    -------
    counts : ndarray of shape (n_samples, n_classes), dtype int64

    Examples
    --------
    >>> vote_counts([[0, 1], [1, 1], [1, 0]]).tolist()
    [[1, 2], [1, 2]]
    """
    array = check_class_codes(votes, "votes", ndim=2)
    k = int(array.max()) + 1 if n_classes is None else check_count(n_classes, "n_classes", 1)
    if array.max() >= k:
        raise ValueError(f"votes must be below n_classes={k}, got {array.max()}")
    counts = np.zeros((array.shape[1], k), dtype=np.int64)
    for label in range(k):
        counts[:, label] = np.count_nonzero(array == label, axis=0)
    return counts


def majority_vote(votes: ArrayLike, n_classes: int | None = None) -> NDArray[np.int64]:
    """Return the class with the most votes for each sample; a tie goes to the lowest class.

    Parameters
    ----------
    votes : array-like of int, shape (n_voters, n_samples)
    n_classes : int, default=None
        Number of classes; ``max(votes) + 1`` by default.

    Returns
    -------
    ndarray of shape (n_samples,), dtype int64

    Examples
    --------
    >>> majority_vote([[0, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 1]]).tolist()
    [0, 0, 0]
    """
    return np.argmax(vote_counts(votes, n_classes), axis=1).astype(np.int64)


def cumulative_majority(votes: ArrayLike, n_classes: int | None = None) -> NDArray[np.int64]:
    """Return the majority vote of the first 1, 2, ..., n voters, for every sample.

    What a forest of the first ``k`` trees predicts, for every ``k`` at once
    (ties go to the lowest class, as in :func:`majority_vote`).

    Parameters
    ----------
    votes : array-like of int, shape (n_voters, n_samples)
    n_classes : int, default=None
        Number of classes; ``max(votes) + 1`` by default.

    Returns
    -------
    ndarray of shape (n_voters, n_samples), dtype int64
        Row ``k - 1`` is ``majority_vote(votes[:k])``.

    Examples
    --------
    >>> cumulative_majority([[1, 0], [0, 0], [0, 1]]).tolist()
    [[1, 0], [0, 0], [0, 0]]
    """
    array = check_class_codes(votes, "votes", ndim=2)
    counts = vote_counts(array, n_classes)
    k = counts.shape[1]
    running = np.cumsum(array[:, :, None] == np.arange(k), axis=0)
    return np.argmax(running, axis=2).astype(np.int64)


def predict_forest(forest: Forest, X: ArrayLike) -> NDArray[np.int64]:
    """Return the forest's majority vote for every row of ``X``, shape (n_samples,)."""
    check_instance(forest, "forest", Forest)
    return majority_vote(forest_votes(forest, X), forest.n_classes)
