"""One input contract for every public function of mlu_math.

Every callable in ``mlu_math.__all__`` has a row in ``CONTRACTS``: one valid
call, which must succeed, and bad variants of it, each replacing one argument
by a bad value (NaN, infinity, empty, wrong length, wrong shape, a label or key
outside the allowed set, a non-positive count, ...). Each bad variant must
raise ``ValueError`` whose message names the argument it replaced.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

import mlu_math
from mlu_math.bias_variance import polynomial_fit_predict

NAN, INF = float("nan"), float("inf")


@dataclass(frozen=True)
class Fresh:
    """An argument built anew for every call (a generator is advanced by each use)."""

    make: Callable[[], Any]


RNG = Fresh(lambda: np.random.default_rng(0))


@dataclass(frozen=True)
class Bad:
    """One bad variant: ``argument`` replaced by ``value``; ``label`` says what is wrong."""

    argument: str
    label: str
    value: Any


@dataclass(frozen=True)
class Contract:
    """A valid call (keyword arguments) and its bad variants."""

    call: dict[str, Any]
    bad: list[Bad] = field(default_factory=list)


def bad(argument: str, label: str, value: Any) -> Bad:
    return Bad(argument, label, value)


def contract(call: dict[str, Any], *groups: list[Bad]) -> Contract:
    """A valid call and its bad variants, given in groups (shared ones and specific ones)."""
    return Contract(call, [variant for group in groups for variant in group])


# --- shared data ----------------------------------------------------------------------

Y = [0, 0, 1, 1]
S = [0.1, 0.4, 0.35, 0.8]
X1 = [[1.0], [2.0], [3.0], [4.0]]
HAND_Y = [1, 1, 0, 0, 1, 1, 0, 0]
HAND_SCORE = [0.8, 0.6, 0.5, 0.1, 0.7, 0.3, 0.4, 0.2]
HAND_GROUP = ["a"] * 4 + ["b"] * 4
BOX = ((0.0, 10.0), (0.0, 5.0))
PET_X = [[3.0, 7.0], [4.0, 6.0], [9.0, 3.0], [12.0, 5.0], [5.0, 2.0], [4.5, 6.5]]
PET_Y = [0, 0, 1, 1, 1, 0]

TREE = mlu_math.fit_tree(X1, Y)
FOREST = mlu_math.fit_forest(X1, Y, n_estimators=3, rng=np.random.default_rng(0))
PETS = mlu_math.make_pets(30, seed=0)
SCORES = (
    mlu_math.FeatureSetScore(None, 0.9, 0.8, 0.7),  # type: ignore[arg-type]
    mlu_math.FeatureSetScore(None, 0.95, 0.8, 0.9),  # type: ignore[arg-type]
)
NAN_SCORES = (mlu_math.FeatureSetScore(None, 0.9, NAN, 0.7),)  # type: ignore[arg-type]
CONFUSION = mlu_math.Confusion(tn=8, fp=2, fn=1, tp=9)
NAN_CONFUSION = mlu_math.Confusion(tn=8, fp=NAN, fn=1, tp=9)
NEGATIVE_CONFUSION = mlu_math.Confusion(tn=8, fp=-2, fn=1, tp=9)
BREAST_X, BREAST_Y = mlu_math.breast_cancer_sample(40, seed=0)
FOLDS = mlu_math.kfold_indices(40, 2)


def labels_bads(argument: str = "y_true", *, paired: bool = True) -> list[Bad]:
    """Bad binary labels: outside {0, 1}, NaN, empty, 2-D; too short when ``paired``."""
    bads = [
        bad(argument, "label-2", [0, 2, 1, 1]),
        bad(argument, "nan", [0, NAN, 1, 1]),
        bad(argument, "empty", []),
        bad(argument, "2-d", [[0, 0, 1, 1]]),
    ]
    return [*bads, bad(argument, "short", [0, 1, 1])] if paired else bads


def scores_bads(argument: str = "y_score") -> list[Bad]:
    """Bad scores: NaN, infinity, strings, 2-D, wrong length."""
    return [
        bad(argument, "nan", [0.1, NAN, 0.35, 0.8]),
        bad(argument, "inf", [0.1, INF, 0.35, 0.8]),
        bad(argument, "strings", ["a", "b", "c", "d"]),
        bad(argument, "2-d", [[0.1, 0.4, 0.35, 0.8]]),
        bad(argument, "short", [0.1, 0.4, 0.35]),
    ]


def weight_bads() -> list[Bad]:
    return [
        bad("sample_weight", "nan", [1.0, NAN, 1.0, 1.0]),
        bad("sample_weight", "negative", [1.0, -1.0, 1.0, 1.0]),
        bad("sample_weight", "short", [1.0, 1.0]),
    ]


def binary_contract(**extra: Any) -> Contract:
    """A (y_true, y_score) metric: labels, scores and weights checked alike."""
    bads = labels_bads() + scores_bads()
    if "sample_weight" in extra:
        bads += weight_bads()
    return Contract({"y_true": Y, "y_score": S, **extra}, bads)


def count_bads(argument: str, low: int = 1) -> list[Bad]:
    """Bad counts: below the minimum, fractional, NaN, a string, a bool."""
    return [
        bad(argument, f"below-{low}", low - 1),
        bad(argument, "fraction", low + 0.5),
        bad(argument, "nan", NAN),
        bad(argument, "string", "3"),
        bad(argument, "bool", True),
    ]


def rng_bads(argument: str = "rng") -> list[Bad]:
    return [bad(argument, "int", 0), bad(argument, "none", None)]


def seed_bads(argument: str = "seed") -> list[Bad]:
    return [
        bad(argument, "negative", -1),
        bad(argument, "float", 1.5),
        bad(argument, "string", "0"),
        bad(argument, "none", None),
    ]


def real_bads(argument: str, *outside: float) -> list[Bad]:
    """Bad real numbers: NaN, infinity, a string, and any values outside the range."""
    bads = [bad(argument, "nan", NAN), bad(argument, "inf", INF), bad(argument, "string", "a")]
    return bads + [bad(argument, f"outside-{value}", value) for value in outside]


def counts_array_bads(argument: str) -> list[Bad]:
    """Bad arrays of counts (values of p or n): zero, fractional, NaN, empty, 2-D."""
    return [
        bad(argument, "zero", [0, 3]),
        bad(argument, "fraction", [1.5, 2.0]),
        bad(argument, "nan", [NAN, 2.0]),
        bad(argument, "empty", []),
        bad(argument, "2-d", [[1, 2]]),
    ]


def matrix_bads(argument: str = "X", rows: int = 4, columns: int = 1) -> list[Bad]:
    """Bad feature matrices: NaN, infinity, 1-D, no rows, wrong number of rows, strings."""
    good = np.arange(1.0, rows * columns + 1).reshape(rows, columns)
    with_nan, with_inf = good.copy(), good.copy()
    with_nan[0, 0], with_inf[-1, -1] = NAN, INF
    return [
        bad(argument, "nan", with_nan),
        bad(argument, "inf", with_inf),
        bad(argument, "1-d", good[:, 0]),
        bad(argument, "no-rows", np.empty((0, columns))),
        bad(argument, "strings", np.full((rows, columns), "a")),
    ]


def tree_bads(argument: str) -> list[Bad]:
    return [bad(argument, "string", "tree"), bad(argument, "none", None)]


# --- the table ------------------------------------------------------------------------

CONTRACTS: dict[str, Contract] = {
    # bagging
    "bootstrap_indices": contract(
        {"n_samples": 6, "rng": RNG}, count_bads("n_samples"), rng_bads()
    ),
    "bootstrap_samples": contract(
        {"n_samples": 6, "n_estimators": 3, "rng": RNG},
        count_bads("n_samples"),
        count_bads("n_estimators"),
        rng_bads(),
    ),
    "out_of_bag_mask": contract(
        {"n_samples": 6, "indices": [5, 3, 3, 1, 1, 0]},
        count_bads("n_samples"),
        [
            bad("indices", "too-high", [0, 6]),
            bad("indices", "negative", [-1, 0]),
            bad("indices", "fraction", [0.5, 1.0]),
            bad("indices", "nan", [NAN, 1.0]),
            bad("indices", "2-d", [[0, 1]]),
        ],
    ),
    "expected_out_of_bag_share": contract({"n_samples": 10}, count_bads("n_samples")),
    # bias and variance
    "bias_variance": contract(
        {
            "fit": polynomial_fit_predict,
            "flexibilities": [0, 1, 2],
            "n_train": 8,
            "n_sets": 3,
            "noise": 0.1,
            "x_test": [0.2, 0.5],
            "rng": RNG,
        },
        [
            bad("fit", "not-callable", "polynomial"),
            bad("flexibilities", "fraction", [1.5]),
            bad("flexibilities", "nan", [NAN]),
            bad("flexibilities", "negative", [-1, 1]),
            bad("flexibilities", "empty", []),
            bad("x_test", "nan", [0.2, NAN]),
            bad("x_test", "empty", []),
            bad("x_train", "short", [0.1, 0.2]),
            bad("x_train", "inf", [INF] * 8),
        ],
        count_bads("n_train"),
        count_bads("n_sets", low=2),
        real_bads("noise", -0.1),
        rng_bads(),
    ),
    "polynomial_bias_variance": contract(
        {
            "degrees": [0, 1, 2],
            "n_train": 8,
            "n_sets": 3,
            "noise": 0.1,
            "x_test": [0.2, 0.5],
            "rng": RNG,
        },
        [
            bad("degrees", "negative", [-1, 1]),
            bad("degrees", "fraction", [1.5]),
            bad("degrees", "nan", [NAN]),
            bad("degrees", "empty", []),
            bad("noise", "nan", NAN),
            bad("n_sets", "one", 1),
        ],
    ),
    "knn_bias_variance": contract(
        {"ks": [1, 3], "n_train": 8, "n_sets": 3, "noise": 0.1, "x_test": [0.2], "rng": RNG},
        [
            bad("ks", "zero", [0, 1]),
            bad("ks", "fraction", [1.5]),
            bad("ks", "empty", []),
            bad("x_test", "inf", [INF]),
            bad("rng", "int", 0),
        ],
    ),
    # condorcet
    "majority_vote_probability": contract(
        {"n_voters": 3, "p": 0.6},
        count_bads("n_voters"),
        [
            bad("p", "above-1", 1.2),
            bad("p", "negative", -0.1),
            bad("p", "nan", NAN),
            bad("p", "nan-in-array", [0.5, NAN]),
            bad("p", "string", "high"),
        ],
    ),
    # confusion
    "confusion_at_thresholds": contract(
        {"y_true": Y, "y_score": S, "thresholds": [0.3, 0.5], "sample_weight": None},
        labels_bads(),
        scores_bads(),
        weight_bads(),
        [
            bad("thresholds", "nan", [0.5, NAN]),
            bad("thresholds", "empty", []),
            bad("thresholds", "2-d", [[0.5]]),
            bad("thresholds", "strings", ["a"]),
        ],
    ),
    "confusion_at_threshold": contract(
        {"y_true": Y, "y_score": S, "threshold": 0.3, "sample_weight": None},
        labels_bads(),
        scores_bads(),
        weight_bads(),
        [
            bad("threshold", "nan", NAN),
            bad("threshold", "string", "0.5"),
            bad("threshold", "list", [0.2, 0.5]),
            bad("threshold", "none", None),
        ],
    ),
    "predict_at_threshold": contract(
        {"y_score": S, "threshold": 0.3},
        [
            bad("y_score", "nan", [0.1, NAN]),
            bad("y_score", "inf", [INF, 0.1]),
            bad("y_score", "empty", []),
            bad("y_score", "2-d", [[0.1, 0.2]]),
            bad("threshold", "nan", NAN),
            bad("threshold", "string", "0.5"),
            bad("threshold", "list", [0.2, 0.5]),
        ],
    ),
    # cross-validation
    "accuracy_score": contract(
        {"y_true": [0, 1, 1, 0], "y_pred": [0, 1, 0, 0]},
        [
            bad("y_true", "empty", []),
            bad("y_true", "2-d", [[0, 1, 1, 0]]),
            bad("y_true", "nan", [0, NAN, 1, 0]),
            bad("y_true", "fraction", [0, 0.5, 1, 0]),
            bad("y_pred", "short", [0, 1]),
            bad("y_pred", "nan", [0, 1, NAN, 0]),
            bad("y_pred", "inf", [0, 1, INF, 0]),
        ],
    ),
    "cross_val_scores": contract(
        {"X": BREAST_X, "y": BREAST_Y, "folds": FOLDS},
        [
            bad("X", "nan", np.where(np.arange(80).reshape(40, 2) == 3, NAN, BREAST_X)),
            bad("X", "1-d", BREAST_X[:, 0]),
            bad("X", "short", BREAST_X[:-1]),
            bad("y", "nan", np.where(np.arange(40) == 0, NAN, BREAST_Y)),
            bad("y", "2-d", BREAST_Y[None, :]),
            bad("folds", "empty", []),
            bad("folds", "out-of-range", [(np.arange(30), np.arange(30, 41))]),
            bad("folds", "not-a-pair", [np.arange(3)]),
            bad("folds", "float-indices", [(np.arange(30) + 0.5, np.arange(30, 40))]),
            bad("fit", "not-callable", "logistic"),
            bad("score", "not-callable", None),
        ],
    ),
    "random_split_scores": contract(
        {"X": BREAST_X, "y": BREAST_Y, "n_splits": 3, "seed": 0},
        [
            bad("X", "nan", np.where(np.arange(80).reshape(40, 2) == 3, NAN, BREAST_X)),
            bad("X", "short", BREAST_X[:-1]),
            bad("y", "empty", []),
            bad("fit", "not-callable", 3),
        ],
        count_bads("n_splits"),
        real_bads("test_size", 0.0, 1.0),
        seed_bads(),
    ),
    "breast_cancer_sample": contract(
        {"n_samples": 20, "features": mlu_math.CV_FEATURES, "seed": 0},
        [
            bad("n_samples", "below-4", 3),
            bad("n_samples", "above-569", 570),
            bad("n_samples", "fraction", 10.5),
            bad("n_samples", "nan", NAN),
            bad("features", "unknown", ("mean size",)),
            bad("features", "bare-string", "mean radius"),
            bad("features", "empty", ()),
        ],
        seed_bads(),
    ),
    # double descent
    "error_curve": contract(
        {"n_features_values": [2, 5], "n_train": 5, "n_repeats": 2, "n_test": 20, "rng": 0},
        counts_array_bads("n_features_values"),
        count_bads("n_train"),
        count_bads("n_repeats"),
        count_bads("n_test"),
        real_bads("noise", -0.1),
        real_bads("alpha", -0.1),
        [bad("rng", "string", "seed"), bad("kind", "unknown", "spline")],
    ),
    "sample_wise_curve": contract(
        {"n_train_values": [2, 5], "n_features": 4, "n_repeats": 2, "n_test": 20, "rng": 0},
        counts_array_bads("n_train_values"),
        count_bads("n_features"),
        real_bads("noise", -0.1),
        real_bads("alpha", -0.1),
        [bad("rng", "string", "seed"), bad("kind", "unknown", "spline")],
    ),
    "smallest_singular_value_curve": contract(
        {"n_features_values": [2, 5], "n_train": 5, "rng": 0},
        counts_array_bads("n_features_values"),
        count_bads("n_train"),
        [bad("rng", "string", "seed"), bad("kind", "unknown", "spline")],
    ),
    "coefficient_norm_curve": contract(
        {"n_features_values": [2, 5], "n_train": 5, "rng": 0},
        counts_array_bads("n_features_values"),
        count_bads("n_train"),
        real_bads("noise", -0.1),
        real_bads("alpha", -0.1),
        [bad("rng", "string", "seed"), bad("kind", "unknown", "spline")],
    ),
    # fairness
    "group_names": contract(
        {"group": ["b", "a", "b"]},
        [
            bad("group", "one-group", ["a", "a"]),
            bad("group", "three-groups", ["a", "b", "c"]),
            bad("group", "empty", []),
            bad("group", "2-d", [["a", "b"]]),
        ],
    ),
    "group_confusions": contract(
        {
            "y_true": [1, 0, 1, 0],
            "y_score": [0.9, 0.4, 0.6, 0.7],
            "group": ["a", "a", "b", "b"],
            "thresholds": {"a": 0.5, "b": 0.65},
        },
        [
            bad("y_true", "label-2", [1, 0, 2, 0]),
            bad("y_score", "nan", [0.9, NAN, 0.6, 0.7]),
            bad("group", "short", ["a", "b", "b"]),
            bad("group", "one-group", ["a", "a", "a", "a"]),
            bad("thresholds", "missing-key", {"a": 0.5}),
            bad("thresholds", "unknown-key", {"a": 0.5, "c": 0.5}),
            bad("thresholds", "int-keys", {1: 0.5, 2: 0.5}),
            bad("thresholds", "nan", NAN),
            bad("thresholds", "nan-value", {"a": 0.5, "b": NAN}),
            bad("thresholds", "string-value", {"a": 0.5, "b": "high"}),
            bad("thresholds", "string", "0.5"),
        ],
    ),
    "group_roc_curves": contract(
        {"y_true": HAND_Y, "y_score": HAND_SCORE, "group": HAND_GROUP},
        [
            bad("y_true", "one-class-group", [1, 1, 0, 0, 1, 1, 1, 1]),
            bad("y_true", "nan", [1, NAN, 0, 0, 1, 1, 0, 0]),
            bad("y_score", "inf", [INF, 0.6, 0.5, 0.1, 0.7, 0.3, 0.4, 0.2]),
            bad("group", "three-groups", ["a"] * 4 + ["b"] * 2 + ["c"] * 2),
            bad("drop_intermediate", "string", "yes"),
        ],
    ),
    "most_accurate_threshold": binary_contract(),
    "equalized_odds_thresholds": contract(
        {"y_true": HAND_Y, "y_score": HAND_SCORE, "group": HAND_GROUP, "tolerance": 0.0},
        [
            bad("y_true", "label-2", [2, 1, 0, 0, 1, 1, 0, 0]),
            bad("y_score", "nan", [NAN, 0.6, 0.5, 0.1, 0.7, 0.3, 0.4, 0.2]),
            bad("group", "short", HAND_GROUP[:-1]),
        ],
        real_bads("tolerance", -0.1, 1.5),
    ),
    "odds_gap": contract(
        {"first": CONFUSION, "second": mlu_math.Confusion(tn=6, fp=4, fn=1, tp=4)},
        [
            bad("first", "tuple", (8, 2, 1, 9)),
            bad("first", "nan-count", NAN_CONFUSION),
            bad("second", "negative-count", NEGATIVE_CONFUSION),
            bad("second", "none", None),
        ],
    ),
    "pooled_accuracy": contract(
        {"confusions": [CONFUSION, mlu_math.Confusion(tn=1, fp=1, fn=0, tp=0)]},
        [
            bad("confusions", "empty", []),
            bad("confusions", "not-confusions", [(1, 2, 3, 4)]),
            bad("confusions", "nan-count", [CONFUSION, NAN_CONFUSION]),
            bad("confusions", "not-iterable", 3),
        ],
    ),
    "lending_scores": contract(
        {"seed": 0, "n_per_group": 10}, count_bads("n_per_group", low=2), seed_bads()
    ),
    # feature maps
    "features": contract(
        {"x": [0.0, 0.5], "n_features": 3},
        [
            bad("x", "nan", [0.0, NAN]),
            bad("x", "inf", [INF]),
            bad("x", "2-d", [[0.0]]),
            bad("x", "empty", []),
            bad("x", "strings", ["a"]),
            bad("seed", "negative", -1),
            bad("seed", "float", 1.5),
            bad("kind", "unknown", "spline"),
        ],
        count_bads("n_features"),
        real_bads("length_scale", 0.0, -1.0),
    ),
    # folds
    "kfold_indices": contract(
        {"n_samples": 10, "n_splits": 2},
        count_bads("n_samples"),
        count_bads("n_splits", low=2),
        [
            bad("n_splits", "above-n", 11),
            bad("shuffle", "string", "yes"),
            bad("seed", "without-shuffle", 0),
        ],
    ),
    "stratified_kfold_indices": contract(
        {"y": [0, 0, 1, 1, 0, 1], "n_splits": 3},
        [
            bad("y", "2-d", [[0, 1], [1, 0]]),
            bad("y", "empty", []),
            bad("y", "fraction", [0.5, 1.0, 0.0, 1.0, 0.0, 1.0]),
            bad("y", "nan", [NAN, 1.0, 0.0, 1.0, 0.0, 1.0]),
            bad("shuffle", "int", 1),
        ],
        count_bads("n_splits", low=2),
    ),
    "leave_one_out_indices": contract({"n_samples": 3}, count_bads("n_samples", low=2)),
    "shuffle_split_indices": contract(
        {"n_samples": 10, "n_splits": 2, "seed": 0},
        count_bads("n_samples", low=2),
        count_bads("n_splits"),
        real_bads("test_size", 0.0, 1.0),
        seed_bads(),
    ),
    # forest
    "fit_forest": contract(
        {"X": X1, "y": Y, "n_estimators": 3, "rng": RNG},
        matrix_bads(),
        [
            bad("y", "short", [0, 1, 1]),
            bad("y", "fraction", [0.5, 1, 0, 1]),
            bad("y", "negative", [0, -1, 0, 1]),
            bad("y", "nan", [0, NAN, 0, 1]),
            bad("y", "strings", ["a", "b", "a", "b"]),
            bad("max_features", "above-n", 2),
            bad("max_depth", "negative", -1),
            bad("criterion", "unknown", "mse"),
            bad("bootstrap", "int", 1),
        ],
        count_bads("n_estimators"),
        rng_bads(),
    ),
    "forest_votes": contract(
        {"forest": FOREST, "X": [[0.2], [2.8]]},
        [
            bad("forest", "tree", TREE),
            bad("forest", "none", None),
            bad("X", "nan", [[NAN]]),
            bad("X", "1-d", [0.2, 2.8]),
            bad("X", "empty", np.empty((0, 1))),
        ],
    ),
    "predict_forest": contract(
        {"forest": FOREST, "X": [[0.2], [2.8]]},
        [
            bad("forest", "string", "forest"),
            bad("X", "inf", [[INF]]),
            bad("X", "1-d", [0.2, 2.8]),
        ],
    ),
    "majority_vote": contract(
        {"votes": [[0, 1, 1], [1, 1, 0], [1, 0, 0]], "n_classes": None},
        [
            bad("votes", "1-d", [1, 0, 1]),
            bad("votes", "empty", [[]]),
            bad("votes", "fraction", [[0.5, 1.0]]),
            bad("votes", "nan", [[NAN, 1.0]]),
            bad("votes", "negative", [[-1, 0]]),
            bad("n_classes", "too-few", 1),
        ],
        count_bads("n_classes"),
    ),
    # impurity
    "entropy": contract(
        {"counts": [5, 5]},
        [
            bad("counts", "negative", [1, -1]),
            bad("counts", "all-zero", [0, 0]),
            bad("counts", "nan", [NAN, 1]),
            bad("counts", "inf", [INF, 1]),
            bad("counts", "empty", []),
            bad("counts", "3-d", np.ones((2, 2, 2))),
            bad("counts", "strings", ["a", "b"]),
        ],
    ),
    "gini": contract(
        {"counts": [3, 1]},
        [
            bad("counts", "negative", [1, -1]),
            bad("counts", "nan", [NAN, 1]),
            bad("counts", "empty", []),
        ],
    ),
    "information_gain": contract(
        {"parent_counts": [4, 4], "left_counts": [3, 1], "right_counts": [1, 3]},
        [
            bad("parent_counts", "2-d", [[4, 4]]),
            bad("parent_counts", "nan", [NAN, 4]),
            bad("left_counts", "not-adding-up", [4, 0]),
            bad("left_counts", "wrong-classes", [3, 1, 0]),
            bad("left_counts", "empty-child", [0, 0]),
            bad("right_counts", "inf", [INF, 3]),
            bad("criterion", "unknown", "misclassification"),
        ],
    ),
    # interpolation
    "min_norm_solution": contract(
        {"a": [3.0, 4.0], "b": 5.0},
        [
            bad("a", "all-zero", [0.0, 0.0]),
            bad("a", "nan", [NAN, 1.0]),
            bad("a", "empty", []),
            bad("a", "2-d", [[3.0, 4.0]]),
        ],
        real_bads("b"),
    ),
    "noise_amplification": contract(
        {"X": [[2.0, 0.0], [0.0, 0.5]]},
        matrix_bads(rows=2, columns=2),
        [bad("rcond", "nan", NAN), bad("rcond", "negative", -0.1), bad("rcond", "string", "a")],
    ),
    # least squares
    "singular_values": contract({"X": [[3.0, 0.0], [0.0, -4.0]]}, matrix_bads(rows=2, columns=2)),
    "min_norm_least_squares": contract(
        {"X": [[1.0, 1.0]], "y": [2.0]},
        matrix_bads(rows=1, columns=2),
        [
            bad("y", "nan", [NAN]),
            bad("y", "long", [1.0, 2.0]),
            bad("y", "2-d", [[2.0]]),
            bad("rcond", "nan", NAN),
            bad("rcond", "negative", -0.1),
        ],
    ),
    "ridge_regression": contract(
        {"X": [[1.0], [1.0]], "y": [1.0, 1.0], "alpha": 2.0},
        matrix_bads(rows=2, columns=1),
        [bad("y", "inf", [1.0, INF]), bad("y", "short", [1.0])],
        real_bads("alpha", -1.0),
    ),
    # logistic regression
    "sigmoid": contract(
        {"z": [0.0, 1000.0, -1000.0]},
        [bad("z", "nan", [0.0, NAN]), bad("z", "strings", ["a"]), bad("z", "nan-scalar", NAN)],
    ),
    "log_loss": contract(
        {"y_true": [0, 1, 1], "probability": [0.2, 0.7, 0.9]},
        [
            bad("y_true", "label-2", [0, 2, 1]),
            bad("y_true", "empty", []),
            bad("probability", "nan", [0.2, NAN, 0.9]),
            bad("probability", "above-1", [0.2, 1.5, 0.9]),
            bad("probability", "negative", [-0.2, 0.5, 0.9]),
            bad("probability", "short", [0.2, 0.7]),
            bad("probability", "strings", ["a", "b", "c"]),
        ],
    ),
    "fit_logistic_regression": contract(
        {"X": X1, "y": [0, 1, 0, 1]},
        matrix_bads(),
        [
            bad("X", "short", X1[:3]),
            bad("y", "label-2", [0, 2, 0, 1]),
            bad("y", "one-class", [1, 1, 1, 1]),
            bad("y", "nan", [0, NAN, 0, 1]),
        ],
        count_bads("max_iter"),
        real_bads("tol", -1e-9),
    ),
    # pairs
    "random_pairs": contract(
        {"y_true": [0, 1, 0, 1], "n_pairs": 3, "seed": 0},
        labels_bads(paired=False),
        [bad("y_true", "one-class", [1, 1, 1, 1])],
        count_bads("n_pairs"),
        seed_bads(),
    ),
    "pair_outcomes": contract(
        {"y_score": [0.9, 0.4, 0.4], "positive": [0, 1], "negative": [2, 2]},
        [
            bad("y_score", "nan", [NAN, 0.4, 0.4]),
            bad("y_score", "empty", []),
            bad("positive", "too-high", [5, 0]),
            bad("positive", "fraction", [0.5, 1.0]),
            bad("positive", "short", [0]),
            bad("negative", "negative", [-1, 2]),
            bad("negative", "empty", []),
        ],
    ),
    "all_pairs": contract({"y_true": [1, 0, 1]}, labels_bads(paired=False)),
    # pets
    "make_pets": contract(
        {"n_samples": 10, "dog_share": 0.45, "seed": 0},
        count_bads("n_samples", low=2),
        real_bads("dog_share", 0.0, 1.0),
        [bad("dog_share", "empties-a-species", 0.01)],
        seed_bads(),
    ),
    "fit_plane_model": contract(
        {"X": PET_X, "y": PET_Y, "features": "both", "max_iter": 2000},
        matrix_bads(rows=6, columns=2),
        [
            bad("X", "three-columns", np.ones((6, 3))),
            bad("y", "label-2", [0, 0, 1, 2, 1, 0]),
            bad("y", "short", PET_Y[:-1]),
            bad("features", "unknown", "colour"),
            bad("features", "list", ["weight"]),
        ],
        count_bads("max_iter"),
    ),
    "compare_feature_sets": contract(
        {
            "pets": PETS,
            "train": np.arange(20),
            "validation": np.arange(20, 25),
            "test": np.arange(25, 30),
            "max_iter": 500,
        },
        [
            bad("pets", "tuple", (PETS.X, PETS.y)),
            bad("train", "empty", []),
            bad("train", "out-of-range", [0, 30]),
            bad("validation", "fraction", [20.5, 21.0]),
            bad("test", "2-d", [[25, 26]]),
            bad("new_pets", "string", "pets"),
        ],
    ),
    "best_feature_set": contract(
        {"scores": SCORES, "by": "validation"},
        [
            bad("scores", "empty", ()),
            bad("scores", "not-scores", ("a",)),
            bad("scores", "nan", NAN_SCORES),
            bad("by", "unknown", "holdout"),
        ],
    ),
    "decision_region": contract(
        {"coef": [1.0, 0.0], "intercept": -1.0, "box": ((0, 2), (0, 1))},
        [
            bad("coef", "short", [1.0]),
            bad("coef", "nan", [1.0, NAN]),
            bad("box", "inverted", ((1.0, 0.0), (0.0, 1.0))),
            bad("box", "nan", ((0.0, NAN), (0.0, 1.0))),
            bad("box", "flat", (0.0, 1.0)),
            bad("box", "string", "box"),
        ],
        real_bads("intercept"),
    ),
    "decision_boundary": contract(
        {"coef": [1.0, 0.0], "intercept": -4.0, "box": BOX},
        [
            bad("coef", "inf", [INF, 0.0]),
            bad("coef", "strings", ["a", "b"]),
            bad("box", "inf", ((0.0, INF), (0.0, 1.0))),
            bad("box", "three-rows", ((0, 1), (0, 1), (0, 1))),
        ],
        real_bads("intercept"),
    ),
    # ranking
    "roc_curve": binary_contract(sample_weight=None),
    "precision_recall_curve": binary_contract(sample_weight=None),
    "roc_auc_score": contract(
        {"y_true": Y, "y_score": S, "sample_weight": None},
        labels_bads() + scores_bads() + weight_bads() + [bad("y_true", "one-class", [1, 1, 1, 1])],
    ),
    "auc": contract(
        {"x": [0.0, 0.5, 1.0], "y": [0.0, 1.0, 1.0]},
        [
            bad("x", "not-monotonic", [0.0, 1.0, 0.5]),
            bad("x", "one-point", [0.5]),
            bad("x", "nan", [0.0, NAN, 1.0]),
            bad("x", "2-d", [[0.0, 0.5, 1.0]]),
            bad("x", "empty", []),
            bad("y", "inf", [0.0, INF, 1.0]),
            bad("y", "short", [0.0, 1.0]),
            bad("y", "strings", ["a", "b", "c"]),
        ],
    ),
    # regression
    "polynomial_fit": contract(
        {"x": [0.0, 1.0, 2.0], "y": [1.0, 3.0, 5.0], "degree": 1},
        [
            bad("x", "nan", [0.0, NAN, 2.0]),
            bad("x", "2-d", [[0.0, 1.0, 2.0]]),
            bad("y", "short", [1.0, 3.0]),
            bad("y", "inf", [1.0, INF, 5.0]),
            bad("degree", "too-high", 3),
            bad("degree", "negative", -1),
            bad("degree", "float", 1.0),
            bad("degree", "nan", NAN),
        ],
    ),
    "polynomial_predict": contract(
        {"coef": [1.0, 2.0], "x": [0.0, 0.5]},
        [
            bad("coef", "empty", []),
            bad("coef", "nan", [NAN, 2.0]),
            bad("x", "inf", [INF]),
            bad("x", "empty", []),
        ],
    ),
    "knn_regression": contract(
        {"x_train": [0.0, 1.0, 2.0], "y_train": [0.0, 3.0, 9.0], "x_query": [0.1, 1.9], "k": 2},
        [
            bad("x_train", "nan", [0.0, NAN, 2.0]),
            bad("y_train", "short", [0.0, 3.0]),
            bad("x_query", "empty", []),
            bad("x_query", "inf", [INF]),
            bad("k", "too-high", 4),
        ],
        count_bads("k"),
    ),
    "mean_squared_error": contract(
        {"y_true": [1.0, 2.0], "y_pred": [1.0, 4.0]},
        [
            bad("y_true", "nan", [NAN, 2.0]),
            bad("y_true", "empty", []),
            bad("y_pred", "short", [1.0]),
            bad("y_pred", "inf", [1.0, INF]),
        ],
    ),
    # scores
    "breast_cancer_scores": contract(
        {"seed": 0, "features": mlu_math.WEAK_FEATURES, "test_size": 0.4},
        [
            bad("features", "unknown", ("mean radius", "mean colour")),
            bad("features", "empty", ()),
            bad("features", "bare-string", "mean radius"),
        ],
        real_bads("test_size", 0.0, 1.0),
        seed_bads(),
    ),
    "random_scores": contract(
        {"y_true": [0, 1, 1, 0], "seed": 0}, labels_bads(paired=False), seed_bads()
    ),
    "perfect_scores": contract(
        {"y_true": [0, 1, 1, 0], "seed": 0}, labels_bads(paired=False), seed_bads()
    ),
    # split
    "split_sizes": contract(
        {"n_samples": 100, "fractions": (0.6, 0.2, 0.2)},
        count_bads("n_samples", low=2),
        [
            bad("fractions", "two", (0.5, 0.5)),
            bad("fractions", "negative", (0.6, 0.5, -0.1)),
            bad("fractions", "nan", (0.6, NAN, 0.2)),
            bad("fractions", "strings", ("a", "b", "c")),
            bad("fractions", "not-adding-up", (0.6, 0.2, 0.1)),
            bad("fractions", "no-train", (0.0, 0.5, 0.5)),
        ],
    ),
    "train_validation_test_split": contract(
        {"n_samples": 10, "seed": 0, "stratify": [0, 1] * 5},
        count_bads("n_samples", low=2),
        [
            bad("fractions", "not-adding-up", (0.6, 0.2, 0.1)),
            bad("stratify", "short", [0, 1, 0]),
            bad("stratify", "nan", [NAN, 1.0] * 5),
        ],
        seed_bads(),
    ),
    # threshold metrics
    "metrics_at_thresholds": contract(
        {"y_true": Y, "y_score": S, "thresholds": [0.3, 0.5, 0.9], "sample_weight": None},
        labels_bads(),
        scores_bads(),
        weight_bads(),
        [bad("thresholds", "nan", [NAN]), bad("thresholds", "empty", [])],
    ),
    "harmonic_mean": contract(
        {"precision": [0.5, 0.8, 1.0], "recall": [0.5, 0.2, 0.0]},
        [
            bad("precision", "above-1", [1.2, 0.5, 0.5]),
            bad("precision", "inf", [INF, 0.5, 0.5]),
            bad("precision", "strings", ["a", "b", "c"]),
            bad("recall", "negative", [0.5, -0.1, 0.5]),
            bad("recall", "mismatched", [0.5, 0.5]),
        ],
    ),
    "f1_isoline": contract(
        {"f1": 0.5, "precision": [0.25, 0.5, 1.0]},
        real_bads("f1", 0.0, 1.0),
        [
            bad("precision", "nan", [NAN, 0.5]),
            bad("precision", "above-1", [1.5]),
            bad("precision", "empty", []),
            bad("precision", "2-d", [[0.5]]),
        ],
    ),
    "best_f1": contract(
        {"y_true": Y, "y_score": S},
        labels_bads() + scores_bads() + [bad("y_true", "no-positives", [0, 0, 0, 0])],
    ),
    "subsample_positives": contract(
        {"y_true": [1, 0, 1, 0, 0, 1, 0], "positive_share": 0.2, "seed": 0},
        labels_bads(paired=False),
        [bad("y_true", "one-class", [0, 0, 0])],
        real_bads("positive_share", 0.0, 1.0),
        seed_bads(),
    ),
    "to_unit_interval": contract(
        {"y_score": [-2.0, 0.0, 2.0]},
        [
            bad("y_score", "nan", [0.0, NAN]),
            bad("y_score", "inf", [0.0, INF]),
            bad("y_score", "empty", []),
            bad("y_score", "2-d", [[0.0, 1.0]]),
        ],
    ),
    # tree
    "best_split": contract(
        {"X": [[1.0, 5.0], [2.0, 1.0], [3.0, 6.0]], "y": [0, 1, 0]},
        matrix_bads(rows=3, columns=2),
        [
            bad("y", "short", [0, 1]),
            bad("y", "negative", [0, -1, 0]),
            bad("y", "fraction", [0.5, 1.0, 0.0]),
            bad("y", "nan", [NAN, 1.0, 0.0]),
            bad("criterion", "unknown", "mse"),
            bad("features", "out-of-range", [2]),
            bad("features", "negative", [-1]),
            bad("features", "fraction", [0.5]),
            bad("n_classes", "too-few", 1),
        ],
    ),
    "fit_tree": contract(
        {"X": X1, "y": Y},
        matrix_bads(),
        [
            bad("y", "short", [0, 1, 1]),
            bad("y", "negative", [0, -1, 0, 1]),
            bad("y", "nan", [0, NAN, 0, 1]),
            bad("max_depth", "negative", -1),
            bad("max_depth", "fraction", 1.5),
            bad("min_samples_split", "one", 1),
            bad("max_features", "above-n", 2),
            bad("criterion", "unknown", "mse"),
            bad("n_classes", "too-few", 1),
            bad("rng", "int-with-max-features", 0),
        ],
    ),
    "tree_nodes": contract({"tree": TREE}, tree_bads("tree")),
    "predict_tree": contract(
        {"tree": TREE, "X": [[0.0], [2.6]]},
        tree_bads("tree"),
        [
            bad("X", "nan", [[NAN]]),
            bad("X", "1-d", [0.0, 2.6]),
            bad("X", "no-features", np.empty((2, 0))),
        ],
    ),
    "decision_path": contract(
        {"tree": TREE, "x": [2.6]},
        tree_bads("tree"),
        [
            bad("x", "nan", [NAN]),
            bad("x", "inf", [INF]),
            bad("x", "2-d", [[2.6]]),
            bad("x", "empty", []),
        ],
    ),
}

# Exported names that are not functions, so have no call to check: classes whose
# instances the functions above return, and constants.
EXEMPT = {
    # classes and dataclasses (constructed by the functions; they do not validate)
    "ClassifierScores",
    "Confusion",
    "EqualizedOdds",
    "ErrorCurve",
    "ErrorDecomposition",
    "FeatureSetScore",
    "Forest",
    "LogisticModel",
    "Pets",
    "PlaneModel",
    "Species",
    "Split",
    "ThresholdMetrics",
    "TreeNode",
    "UndefinedMetricWarning",
    # constants
    "CAT",
    "CV_FEATURES",
    "DOG",
    "FEATURE_NAMES",
    "FEATURE_SETS",
    "LENDING_GROUPS",
    "WEAK_FEATURES",
}


# --- running the table ----------------------------------------------------------------


def _resolve(value: Any) -> Any:
    return value.make() if isinstance(value, Fresh) else value


def _call(name: str, arguments: dict[str, Any]) -> Any:
    return getattr(mlu_math, name)(**{key: _resolve(value) for key, value in arguments.items()})


def _names_argument(argument: str) -> re.Pattern[str]:
    """The argument's name as a whole word (``x`` does not match inside ``x_test``)."""
    return re.compile(rf"(?<![\w]){re.escape(argument)}(?![a-zA-Z0-9_])")


VALID_CASES = [pytest.param(name, id=name) for name in CONTRACTS]
BAD_CASES = [
    pytest.param(name, variant, id=f"{name}-{variant.argument}-{variant.label}")
    for name, entry in CONTRACTS.items()
    for variant in entry.bad
]


def test_every_exported_function_has_a_contract():
    exported = set(mlu_math.__all__)
    missing = sorted(exported - set(CONTRACTS) - EXEMPT)
    assert not missing, f"add these to CONTRACTS: {missing}"
    assert not sorted(set(CONTRACTS) - exported), "CONTRACTS names functions not exported"
    assert not sorted(EXEMPT - exported), "EXEMPT names things not exported"


@pytest.mark.parametrize("name", sorted(EXEMPT))
def test_only_classes_and_constants_are_exempt(name):
    obj = getattr(mlu_math, name)
    assert isinstance(obj, type) or not callable(obj), f"{name} is a function: give it a contract"


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_contract_rows_name_real_arguments(name):
    parameters = inspect.signature(getattr(mlu_math, name)).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    entry = CONTRACTS[name]
    used = set(entry.call) | {variant.argument for variant in entry.bad}
    unknown = used - set(parameters)
    assert takes_any or not unknown, f"{name} has no argument(s) {sorted(unknown)}"
    assert entry.bad, f"{name} has no bad variants"


@pytest.mark.parametrize("name", VALID_CASES)
def test_the_valid_call_succeeds(name):
    assert _call(name, CONTRACTS[name].call) is not None


@pytest.mark.parametrize(("name", "variant"), BAD_CASES)
def test_bad_input_raises_value_error_naming_the_argument(name, variant):
    arguments = {**CONTRACTS[name].call, variant.argument: variant.value}
    with pytest.raises(ValueError, match=_names_argument(variant.argument)):
        _call(name, arguments)
