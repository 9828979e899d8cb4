"""Cross-validation scores: fit on each split's training part, score its validation part."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.datasets import load_breast_cancer

from mlu_math._validation import as_1d
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
        True and predicted labels.

    Returns
    -------
    accuracy : float
        Between 0 and 1.

    Examples
    --------
    >>> accuracy_score([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    truth = as_1d(y_true, "y_true")
    predicted = as_1d(y_pred, "y_pred")
    if truth.size != predicted.size:
        raise ValueError(f"y_true has {truth.size} samples but y_pred has {predicted.size}")
    return float(np.mean(truth == predicted))


def _check_data(X: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray]:
    features = np.asarray(X, dtype=float)
    if features.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {features.shape}")
    labels = as_1d(y, "y")
    if features.shape[0] != labels.size:
        raise ValueError(f"X has {features.shape[0]} rows but y has {labels.size} labels")
    return features, labels


def _check_split(split: Split, i: int, n_samples: int) -> tuple[NDArray, NDArray]:
    try:
        train, test = (np.asarray(part) for part in split)
    except (TypeError, ValueError):
        raise ValueError(f"folds[{i}] must be a (train, validation) pair of index arrays") from None
    for name, part in (("train", train), ("validation", test)):
        if part.ndim != 1 or part.size == 0 or part.dtype.kind not in "iu":
            raise ValueError(f"folds[{i}] has a {name} part that is not a non-empty index array")
        if part.min() < 0 or part.max() >= n_samples:
            raise ValueError(f"folds[{i}] has {name} indices outside 0..{n_samples - 1}")
    return train, test


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
        Features.
    y : array-like of shape (n_samples,)
        Labels.
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
    splits = shuffle_split_indices(labels.size, n_splits, test_size=test_size, seed=seed)
    return cross_val_scores(features, labels, splits, fit=fit, score=score)


def _feature_columns(features: tuple[str, ...], names: list[str]) -> list[int]:
    if isinstance(features, str) or not features:
        raise ValueError(f"features must be a non-empty tuple of names, got {features!r}")
    unknown = [name for name in features if name not in names]
    if unknown or len(set(features)) != len(features):
        raise ValueError(
            f"features must be distinct breast-cancer feature names, got {features!r} "
            f"(unknown: {unknown!r}); valid names: {', '.join(names)}"
        )
    return [names.index(name) for name in features]


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
    if isinstance(n_samples, bool) or not 4 <= n_samples <= data.target.size:
        raise ValueError(f"n_samples must be in [4, {data.target.size}], got {n_samples}")
    columns = _feature_columns(features, [str(name) for name in data.feature_names])
    malignant = (1 - data.target).astype(np.int8)  # scikit-learn codes malignant as 0
    rng = np.random.default_rng(seed)
    n_malignant = round(n_samples * malignant.mean())
    chosen = np.concatenate(
        [
            rng.choice(np.flatnonzero(malignant == 1), n_malignant, replace=False),
            rng.choice(np.flatnonzero(malignant == 0), n_samples - n_malignant, replace=False),
        ]
    )
    chosen = rng.permutation(chosen)
    return data.data[np.ix_(chosen, columns)], malignant[chosen]
