"""Cross-validation scores against scikit-learn's cross_val_score, and bad input."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score as sk_accuracy_score
from sklearn.model_selection import cross_val_score

from mlu_math.cross_validation import (
    CV_FEATURES,
    accuracy_score,
    breast_cancer_sample,
    cross_val_scores,
    random_split_scores,
)
from mlu_math.folds import (
    kfold_indices,
    leave_one_out_indices,
    shuffle_split_indices,
    stratified_kfold_indices,
)

N_MALIGNANT, N_TUMOURS = 212, 569


@pytest.fixture(scope="module")
def sample() -> tuple[np.ndarray, np.ndarray]:
    return breast_cancer_sample(100, seed=0)


def sklearn_scores(X, y, folds) -> np.ndarray:
    # C=inf is scikit-learn's unpenalised fit (penalty=None is deprecated in 1.8).
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000)
    return cross_val_score(model, X, y, cv=folds)


FOLDS = {
    "2-fold": lambda y: kfold_indices(y.size, 2),
    "5-fold": lambda y: kfold_indices(y.size, 5),
    "10-fold": lambda y: kfold_indices(y.size, 10),
    "5-fold-shuffled": lambda y: kfold_indices(y.size, 5, shuffle=True, seed=4),
    "stratified-5-fold": lambda y: stratified_kfold_indices(y, 5),
    "random-70-30": lambda y: shuffle_split_indices(y.size, 20, test_size=0.3, seed=0),
}


# --- parity with scikit-learn ---------------------------------------------------------


@pytest.mark.parametrize("folds", sorted(FOLDS))
def test_scores_match_sklearn_cross_val_score(folds, sample):
    X, y = sample
    splits = FOLDS[folds](y)
    assert_allclose(cross_val_scores(X, y, splits), sklearn_scores(X, y, splits), atol=1e-6)


def test_leave_one_out_scores_match_sklearn():
    X, y = breast_cancer_sample(50, seed=5)
    splits = leave_one_out_indices(y.size)
    assert_allclose(cross_val_scores(X, y, splits), sklearn_scores(X, y, splits), atol=1e-6)


@pytest.mark.parametrize("seed", [1, 2])
def test_scores_match_sklearn_on_other_samples(seed):
    X, y = breast_cancer_sample(80, features=("mean texture", "mean symmetry"), seed=seed)
    splits = kfold_indices(y.size, 4)
    assert_allclose(cross_val_scores(X, y, splits), sklearn_scores(X, y, splits), atol=1e-6)


@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [([0, 1, 1, 0], [0, 1, 0, 0]), ([1, 1, 1], [1, 1, 1]), (["a", "b"], ["b", "a"])],
)
def test_accuracy_matches_sklearn(y_true, y_pred):
    assert accuracy_score(y_true, y_pred) == pytest.approx(sk_accuracy_score(y_true, y_pred))


# --- the functions' own promises ------------------------------------------------------


def test_random_split_scores_score_the_shuffle_splits_of_the_same_seed(sample):
    X, y = sample
    splits = shuffle_split_indices(y.size, 6, test_size=0.25, seed=3)
    expected = cross_val_scores(X, y, splits)
    assert_array_equal(random_split_scores(X, y, n_splits=6, test_size=0.25, seed=3), expected)


def test_fit_and_score_can_be_swapped_for_hand_checked_ones():
    class Majority:
        def __init__(self, label):
            self.label = label

        def predict(self, X):
            return np.full(len(X), self.label)

    def fit(X, y):
        return Majority(np.bincount(y).argmax())

    X = np.zeros((6, 1))
    y = np.array([1, 1, 0, 1, 0, 0])
    # Fold 1 trains on [1, 0, 0] -> predicts 0, validates [1, 1, 0]: 1/3 right.
    # Fold 2 trains on [1, 1, 0] -> predicts 1, validates [1, 0, 0]: 1/3 right.
    scores = cross_val_scores(X, y, kfold_indices(6, 2), fit=fit)
    assert_allclose(scores, [1 / 3, 1 / 3])
    errors = cross_val_scores(X, y, kfold_indices(6, 2), fit=fit, score=lambda t, p: np.sum(t != p))
    assert_allclose(errors, [2, 2])


def test_leave_one_out_scores_are_each_right_or_wrong():
    X, y = breast_cancer_sample(40, seed=0)
    scores = cross_val_scores(X, y, leave_one_out_indices(y.size))
    assert set(np.unique(scores)) <= {0.0, 1.0}


# --- the breast-cancer sample ---------------------------------------------------------


def test_sample_is_stratified_and_labels_malignant_as_1(sample):
    X, y = sample
    assert X.shape == (100, len(CV_FEATURES)) and y.shape == (100,)
    assert int(y.sum()) == round(100 * N_MALIGNANT / N_TUMOURS)
    data = load_breast_cancer()
    columns = [list(data.feature_names).index(name) for name in CV_FEATURES]
    for row, label in zip(X, y, strict=True):
        match = np.flatnonzero(np.all(data.data[:, columns] == row, axis=1))
        assert match.size and np.all(1 - data.target[match] == label)


def test_sample_repeats_for_a_seed_and_differs_between_seeds():
    first = breast_cancer_sample(60, seed=1)
    again = breast_cancer_sample(60, seed=1)
    other = breast_cancer_sample(60, seed=2)
    assert_array_equal(first[0], again[0])
    assert not np.array_equal(first[0], other[0])


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda X, y: cross_val_scores(X[:, 0], y, kfold_indices(100, 2)), "X must be 2-D"),
        (lambda X, y: cross_val_scores(X, y[:-1], kfold_indices(100, 2)), "X has 100 rows"),
        (lambda X, y: cross_val_scores(X, y, []), "folds is empty"),
        (
            lambda X, y: cross_val_scores(X, y, [(np.arange(90), np.arange(90, 101))]),
            r"folds\[0\] validation part must lie in \[0, n_samples\)",
        ),
        (
            lambda X, y: cross_val_scores(X, y, [(np.arange(100), np.array([], dtype=int))]),
            r"folds\[0\] validation part is empty",
        ),
        (lambda X, y: cross_val_scores(X, y, [np.arange(3)]), r"folds\[0\] must be a"),
        (lambda X, y: accuracy_score([0, 1], [0]), "y_true has 2 samples but y_pred has 1"),
        (lambda X, y: breast_cancer_sample(3), r"n_samples must be in \[4, 569\]"),
        (lambda X, y: breast_cancer_sample(10, features=("mean size",)), "unknown"),
        (lambda X, y: breast_cancer_sample(10, features="mean radius"), "non-empty tuple"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, message, sample):
    with pytest.raises(ValueError, match=message):
        call(*sample)
