"""Logistic regression by gradient descent against scikit-learn's unpenalised fit."""

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss as sk_log_loss

from mlu_math.logistic import fit_logistic_regression, log_loss, sigmoid

CANCER_X, CANCER_Y = load_breast_cancer(return_X_y=True)


def sklearn_fit(X, y):
    # C=inf is scikit-learn's spelling of "no penalty" from 1.8 on.
    return LogisticRegression(C=np.inf, tol=1e-12, max_iter=100_000).fit(X, y)


def synthetic(seed, n=200, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 20, size=d) + rng.uniform(-5, 5, size=d)
    logits = (X - X.mean(axis=0)) / X.std(axis=0) @ rng.normal(size=d)
    y = (rng.random(n) < 1 / (1 + np.exp(-logits))).astype(int)
    return X, y


CASES = {
    "cancer texture+symmetry": (CANCER_X[:, [1, 8]], CANCER_Y),
    "cancer radius+texture+perimeter": (CANCER_X[:, [0, 1, 2]], CANCER_Y),
    "cancer worst features": (CANCER_X[:, [21, 24, 27]], CANCER_Y),
    "synthetic seed 0": synthetic(0),
    "synthetic seed 1, one feature": synthetic(1, d=1),
    "synthetic seed 2, five features": synthetic(2, d=5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_coefficients_match_scikit_learn(name):
    X, y = CASES[name]
    ours = fit_logistic_regression(X, y)
    theirs = sklearn_fit(X, y)
    assert ours.converged
    np.testing.assert_allclose(ours.coef, theirs.coef_[0], atol=1e-4, rtol=1e-4)
    assert ours.intercept == pytest.approx(theirs.intercept_[0], abs=1e-4, rel=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X)[:, 1], atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1])
def test_intercept_only_model_predicts_the_base_rate(seed):
    _, y = synthetic(seed)
    model = fit_logistic_regression(np.empty((y.size, 0)), y)
    assert model.coef.shape == (0,)
    assert model.predict_proba(np.empty((3, 0))) == pytest.approx(np.full(3, y.mean()), abs=1e-8)


def test_predict_uses_the_threshold_on_the_probability():
    X, y = CASES["synthetic seed 0"]
    model = fit_logistic_regression(X, y)
    p = model.predict_proba(X)
    assert np.array_equal(model.predict(X), (p >= 0.5).astype(int))
    assert np.array_equal(model.predict(X, threshold=0.8), (p >= 0.8).astype(int))


@pytest.mark.parametrize("z", [-800.0, -30.0, -1.0, 0.0, 2.5, 40.0, 800.0])
def test_sigmoid_is_the_closed_form_without_overflow(z):
    expected = 0.5 * (1 + np.tanh(z / 2))  # an identity with no overflow
    assert sigmoid([z])[0] == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_log_loss_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 50)
    p = rng.uniform(0.01, 0.99, 50)
    assert log_loss(y, p) == pytest.approx(sk_log_loss(y, p), rel=1e-12)


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        ([[0.0], [1.0]], [1, 1], "both classes"),
        ([[0.0], [1.0]], [0, 2], "y must hold only the labels 0 and 1"),
        ([0.0, 1.0], [0, 1], "X must be 2-D"),
        ([[0.0], [np.nan]], [0, 1], "NaN"),
        ([[0.0], [1.0], [2.0]], [0, 1], "X has 3 rows but y has 2"),
    ],
)
def test_bad_input_is_refused_by_name(X, y, message):
    with pytest.raises(ValueError, match=message):
        fit_logistic_regression(X, y)


def test_predicting_with_the_wrong_number_of_features_is_refused():
    model = fit_logistic_regression(*CASES["synthetic seed 0"])
    with pytest.raises(ValueError, match="X has 2 features but the model has 3"):
        model.predict(np.zeros((4, 2)))
