"""Real and random classifier scores: labels, shapes, measured areas, bad input."""

import dataclasses
import subprocess
import sys

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.datasets import load_breast_cancer

from mlu_math import (
    WEAK_FEATURES,
    ClassifierScores,
    breast_cancer_scores,
    random_scores,
    roc_auc_score,
)

N_MALIGNANT, N_BENIGN = 212, 357  # the Wisconsin data set's class sizes


@pytest.fixture(scope="module")
def all_features() -> ClassifierScores:
    return breast_cancer_scores(seed=0)


@pytest.fixture(scope="module")
def weak_features() -> ClassifierScores:
    return breast_cancer_scores(seed=0, features=WEAK_FEATURES)


def area(scores: ClassifierScores) -> float:
    return roc_auc_score(scores.y_true, scores.y_score)


# --- breast cancer --------------------------------------------------------------------


@pytest.mark.parametrize("which", ["all_features", "weak_features"])
def test_held_out_part_is_stratified_with_malignant_as_1(which, request):
    scores = request.getfixturevalue(which)
    # 40% of 569 tumours, split by class in the data set's proportions.
    assert scores.y_true.shape == scores.y_score.shape == (228,)
    assert int(scores.y_true.sum()) == 85
    assert 85 / 228 == pytest.approx(N_MALIGNANT / (N_MALIGNANT + N_BENIGN), abs=0.01)


@pytest.mark.parametrize("which", ["all_features", "weak_features"])
def test_scores_are_probabilities(which, request):
    scores = request.getfixturevalue(which)
    assert ((scores.y_score >= 0) & (scores.y_score <= 1)).all()


def test_all_features_separate_the_classes_almost_perfectly(all_features):
    assert area(all_features) == pytest.approx(0.99, abs=0.01)


def test_weak_features_give_a_visibly_overlapping_classifier(weak_features):
    assert 0.80 <= area(weak_features) <= 0.90


@pytest.mark.parametrize(
    "features",
    [("mean radius",), ("worst texture", "mean radius")],
    ids=["one", "two"],
)
def test_malignant_scores_higher_with_any_strong_feature(features):
    assert area(breast_cancer_scores(seed=0, features=features)) > 0.85


def test_weak_features_are_real_feature_names():
    names = {str(name) for name in load_breast_cancer().feature_names}
    assert 1 <= len(WEAK_FEATURES) <= 2 and set(WEAK_FEATURES) <= names


def test_same_seed_gives_the_same_scores(all_features):
    again = breast_cancer_scores(seed=0)
    assert_array_equal(again.y_true, all_features.y_true)
    assert_array_equal(again.y_score, all_features.y_score)


def test_another_seed_gives_another_split(all_features):
    other = breast_cancer_scores(seed=1)
    assert not np.array_equal(other.y_score, all_features.y_score)


@pytest.mark.parametrize(
    ("test_size", "n_test"),
    [(0.25, 143), (0.5, 285)],
)
def test_test_size_sets_the_held_out_count(test_size, n_test):
    scores = breast_cancer_scores(seed=0, test_size=test_size)
    assert scores.y_true.size == n_test


@pytest.mark.parametrize(
    ("features", "word"),
    [(None, "all 30 features"), (WEAK_FEATURES, WEAK_FEATURES[0])],
    ids=["all", "weak"],
)
def test_name_and_description_say_which_features(features, word):
    scores = breast_cancer_scores(seed=0, features=features)
    assert word in scores.name and word in scores.description


# --- immutability ---------------------------------------------------------------------


@pytest.mark.parametrize("field", ["y_true", "y_score"])
def test_arrays_are_read_only(all_features, field):
    with pytest.raises(ValueError, match="read-only"):
        getattr(all_features, field)[0] = 0


def test_fields_cannot_be_reassigned(all_features):
    with pytest.raises(dataclasses.FrozenInstanceError):
        all_features.name = "other"  # type: ignore[misc]


# --- random classifier ----------------------------------------------------------------


def test_random_scores_keep_the_labels_and_are_uniform():
    y_true = np.random.default_rng(0).integers(0, 2, 1000)
    scores = random_scores(y_true, seed=0)
    assert_array_equal(scores.y_true, y_true)
    assert ((scores.y_score >= 0) & (scores.y_score < 1)).all()
    assert scores.y_score.mean() == pytest.approx(0.5, abs=0.05)


def test_random_scores_ignore_the_labels():
    rng = np.random.default_rng(1)
    first = random_scores(rng.integers(0, 2, 50), seed=7)
    second = random_scores(rng.integers(0, 2, 50), seed=7)
    assert_array_equal(first.y_score, second.y_score)


def test_random_scores_have_chance_area():
    y_true = np.random.default_rng(2).integers(0, 2, 20_000)
    assert area(random_scores(y_true, seed=0)) == pytest.approx(0.5, abs=0.02)


@pytest.mark.parametrize("seed", [0, 1])
def test_random_scores_repeat_for_a_seed(seed):
    y_true = [0, 1, 0, 1, 1]
    first, second = random_scores(y_true, seed=seed), random_scores(y_true, seed=seed)
    assert_array_equal(first.y_score, second.y_score)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize("test_size", [0.0, 1.0, -0.1, 1.5])
def test_test_size_outside_0_1_raises(test_size):
    with pytest.raises(ValueError, match="test_size must be strictly between 0 and 1"):
        breast_cancer_scores(test_size=test_size)


@pytest.mark.parametrize(
    ("features", "match"),
    [
        (("mean radius", "mean colour"), r"unknown: \['mean colour'\].*mean radius"),
        ((), "features must be distinct names"),
        (("mean radius", "mean radius"), "features must be distinct names"),
        ("mean radius", "features must be a tuple of names"),
    ],
    ids=["unknown", "empty", "duplicate", "bare-string"],
)
def test_bad_features_raise_listing_valid_names(features, match):
    with pytest.raises(ValueError, match=match):
        breast_cancer_scores(features=features)


@pytest.mark.parametrize(
    ("y_true", "match"),
    [([0, 2], r"y_true .* got \[2\]"), ([], "y_true is empty")],
    ids=["bad-label", "empty"],
)
def test_random_scores_bad_labels_raise(y_true, match):
    with pytest.raises(ValueError, match=match):
        random_scores(y_true, seed=0)


# --- package boundary -----------------------------------------------------------------


def test_mlu_math_never_imports_manim():
    code = "import sys, mlu_math; print('manim' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_perfect_scores_rank_every_positive_first(seed):
    from sklearn.metrics import roc_auc_score as sk_auc

    from mlu_math import perfect_scores

    y_true = np.random.default_rng(seed).integers(0, 2, 80)
    scores = perfect_scores(y_true, seed=seed)
    assert sk_auc(y_true, scores.y_score) == 1.0
    assert np.all((scores.y_score >= 0) & (scores.y_score <= 1))
    assert np.array_equal(scores.y_score, perfect_scores(y_true, seed=seed).y_score)
