"""Cross-validation scores: fit on each split's training part, score its validation part."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.datasets import load_breast_cancer

from mlu_math._validation import (
    as_generator,
    check_callable,
    check_class_labels,
    check_count,
    check_finite_array,
    check_indices,
    check_same_length,
    check_subset,
)
from mlu_math.folds import Split, shuffle_split_indices
from mlu_math.logistic import fit_logistic_regression

__all__ = [
    "CV_FEATURES",
    "Classifier",
    "accuracy_score",
    "breast_cancer_sample",
    "cross_val_scores",
    "random_split_scores",
]

#: Two breast-cancer features on which a logistic regression is good but not
#: perfect (about 0.9 accuracy), so scores vary visibly from split to split.
CV_FEATURES: tuple[str, ...] = ("mean radius", "mean texture")


class Classifier(Protocol):
    """Anything fitted that predicts a label for each row of ``X``."""

    def predict(self, X: ArrayLike) -> NDArray:
        """Return the predicted label of each row, shape (n_samples,)."""
        ...


Fit = Callable[[NDArray, NDArray], Classifier]
Score = Callable[[NDArray, NDArray], float]


def accuracy_score(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Return the share of samples whose predicted label equals the true one.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted class labels (ints, bools, strings or whole floats).

    Returns
    -------
    accuracy : float
        Between 0 and 1.

    Examples
    --------
    >>> accuracy_score([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    truth = check_class_labels(y_true, "y_true")
    predicted = check_class_labels(y_pred, "y_pred")
    check_same_length("y_true", truth, "y_pred", predicted)
    return float(np.mean(truth == predicted))


def _check_data(X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray]:
    features = check_finite_array(X, "X", ndim=2)
    labels = check_class_labels(y, "y")
    check_same_length("X", features, "y", labels)
    return features, labels


def _check_split(split: Split, i: int, n_samples: int) -> tuple[NDArray, NDArray]:
    try:
        train, test = split
    except (TypeError, ValueError):
        raise ValueError(f"folds[{i}] must be a (train, validation) pair of index arrays") from None
    return (
        check_indices(train, f"folds[{i}] train part", n_samples, "n_samples"),
        check_indices(test, f"folds[{i}] validation part", n_samples, "n_samples"),
    )


def cross_val_scores(
    X: ArrayLike,
    y: ArrayLike,
    folds: Sequence[Split],
    *,
    fit: Fit = fit_logistic_regression,
    score: Score = accuracy_score,
) -> NDArray[np.float64]:
    """Fit a fresh model on each split's training part and score its validation part.

    The same numbers as scikit-learn's ``cross_val_score(estimator, X, y,
    cv=folds)`` when ``fit`` fits that estimator and ``score`` is its scorer.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Finite features.
    y : array-like of shape (n_samples,)
        Class labels.
    folds : sequence of (train, validation) index arrays
        The splits, e.g. from :func:`mlu_math.folds.kfold_indices`.
    fit : callable, default=fit_logistic_regression
        ``fit(X_train, y_train)`` returns a model with ``predict(X)``.
    score : callable, default=accuracy_score
        ``score(y_true, y_pred)`` returns a float.

    Returns
    -------
    scores : ndarray of shape (n_folds,)
        One score per split, in the order of ``folds``.

    Examples
    --------
    >>> from mlu_math.folds import kfold_indices
    >>> X = [[0.0], [3.0], [1.0], [4.0], [1.5], [0.5], [3.5], [2.0]]
    >>> y = [0, 1, 0, 1, 1, 0, 1, 0]
    >>> cross_val_scores(X, y, kfold_indices(8, 2)).tolist()
    [1.0, 0.75]
    """
    features, labels = _check_data(X, y)
    check_callable(fit, "fit")
    check_callable(score, "score")
    if len(folds) == 0:
        raise ValueError("folds is empty; at least one (train, validation) split is needed")
    scores = np.empty(len(folds))
    for i, split in enumerate(folds):
        train, test = _check_split(split, i, labels.size)
        model = fit(features[train], labels[train])
        scores[i] = score(labels[test], model.predict(features[test]))
    return scores


def random_split_scores(
    X: ArrayLike,
    y: ArrayLike,
    *,
    n_splits: int = 20,
    test_size: float = 0.3,
    seed: int | np.random.Generator,
    fit: Fit = fit_logistic_regression,
    score: Score = accuracy_score,
) -> NDArray[np.float64]:
    """Score the validation-set approach over ``n_splits`` random splits.

    Each split holds out ``ceil(test_size * n_samples)`` random samples (see
    :func:`mlu_math.folds.shuffle_split_indices`, which draws the same splits
    for the same ``seed``), fits on the rest and scores the held-out part.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Features.
    y : array-like of shape (n_samples,)
        Labels.
    n_splits : int, default=20
        Number of random splits.
    test_size : float, default=0.3
        Share of the samples held out for validation.
    seed : int or numpy.random.Generator
        Source of the random splits.
    fit, score : callable
        As in :func:`cross_val_scores`.

    Returns
    -------
    scores : ndarray of shape (n_splits,)
        The validation score of each split.
    """
    features, labels = _check_data(X, y)
    check_callable(fit, "fit")
    check_callable(score, "score")
    splits = shuffle_split_indices(labels.size, n_splits, test_size=test_size, seed=seed)
    return cross_val_scores(features, labels, splits, fit=fit, score=score)


def breast_cancer_sample(
    n_samples: int = 100, *, features: tuple[str, ...] = CV_FEATURES, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.int8]]:
    """Draw a random, class-stratified sample of the breast-cancer tumours.

    The Wisconsin data (569 tumours, 212 malignant, shipped with
    scikit-learn) is sampled without replacement, malignant and benign in
    the data's proportions, and returned in a random order, so that
    consecutive folds are random groups of tumours.

    Parameters
    ----------
    n_samples : int, default=100
        How many tumours to draw, from 4 to 569.
    features : tuple of str, default=CV_FEATURES
        Names of the feature columns to keep.
    seed : int, default=0
        Seed of ``numpy.random.default_rng`` for the draw and the order.

    Returns
    -------
    X : ndarray of shape (n_samples, len(features))
        The chosen features of the drawn tumours.
    y : ndarray of shape (n_samples,), dtype int8
        1 for malignant, 0 for benign.

    Examples
    --------
    >>> X, y = breast_cancer_sample(60, seed=1)
    >>> X.shape, int(y.sum())
    ((60, 2), 22)
    """
    data = load_breast_cancer()
    check_count(n_samples, "n_samples", 4, data.target.size)
    columns = check_subset(features, "features", [str(name) for name in data.feature_names])
    malignant = (1 - data.target).astype(np.int8)  # scikit-learn codes malignant as 0
    rng = as_generator(seed, "seed")
    n_malignant = round(n_samples * malignant.mean())
    chosen = np.concatenate(
        [
            rng.choice(np.flatnonzero(malignant == 1), n_malignant, replace=False),
            rng.choice(np.flatnonzero(malignant == 0), n_samples - n_malignant, replace=False),
        ]
    )
    chosen = rng.permutation(chosen)
    return data.data[np.ix_(chosen, columns)], malignant[chosen]
