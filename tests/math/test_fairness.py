"""Equality of odds against scikit-learn per group, brute force and hand work."""

import itertools

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn import metrics as skm

from mlu_math import Confusion
from mlu_math.fairness import (
    LENDING_GROUPS,
    equalized_odds_thresholds,
    group_confusions,
    group_names,
    group_roc_curves,
    lending_scores,
    most_accurate_threshold,
    odds_gap,
    pooled_accuracy,
)

SEEDS = [0, 1, 2, 3]
TOLERANCES = [0.0, 0.02, 0.05, 0.2, 1.0]
NAMES = ("group A", "group B")

# A hand-worked case. Group a: positives 0.8, 0.6; negatives 0.5, 0.1. Group b:
# positives 0.7, 0.3; negatives 0.4, 0.2. (FPR, FNR) at each threshold:
#   a: inf (0, 1), 0.8 (0, .5), 0.6 (0, 0), 0.5 (.5, 0), 0.1 (1, 0)
#   b: inf (0, 1), 0.7 (0, .5), 0.4 (.5, .5), 0.3 (.5, 0), 0.2 (1, 0)
HAND_Y = [1, 1, 0, 0, 1, 1, 0, 0]
HAND_SCORE = [0.8, 0.6, 0.5, 0.1, 0.7, 0.3, 0.4, 0.2]
HAND_GROUP = ["a"] * 4 + ["b"] * 4


def make_case(seed: int, n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two groups of different sizes and score distributions, with ties."""
    rng = np.random.default_rng(seed)
    group = np.where(rng.random(n) < 0.55, "first", "second")
    y_true = rng.integers(0, 2, n)
    y_true[:4] = [0, 1, 0, 1]
    group[:4] = ["first", "first", "second", "second"]
    shift = np.where(group == "first", 0.25, 0.1)
    y_score = np.round(shift * y_true + 0.7 * rng.random(n), 2)
    return y_true, y_score, group


def brute_force_equalized_odds(y_true, y_score, group, tolerance):
    """(correct, gap) of the best admissible pair, one pair at a time."""
    names = sorted(set(group.tolist()))
    options = []
    for name in names:
        mine = group == name
        cuts = [np.inf, *np.unique(y_score[mine])]
        rows = []
        for cut in cuts:
            predicted = y_score[mine] >= cut
            tn, fp, fn, tp = skm.confusion_matrix(y_true[mine], predicted, labels=[0, 1]).ravel()
            rows.append((fp / (fp + tn), fn / (fn + tp), tn + tp))
        options.append(rows)
    best = None
    for (fpr_1, fnr_1, ok_1), (fpr_2, fnr_2, ok_2) in itertools.product(*options):
        gap = max(abs(fpr_1 - fpr_2), abs(fnr_1 - fnr_2))
        if gap <= tolerance + 1e-12 and (best is None or (ok_1 + ok_2, -gap) > best):
            best = (ok_1 + ok_2, -gap)
    return best[0], -best[1]


# --- per-group counts and curves against scikit-learn ---------------------------------


@pytest.mark.parametrize("threshold", [-np.inf, 0.0, 0.3, 0.5, 0.71, np.inf])
@pytest.mark.parametrize("seed", SEEDS)
def test_shared_threshold_counts_match_sklearn_per_group(seed, threshold):
    y_true, y_score, group = make_case(seed)
    confusions = group_confusions(y_true, y_score, group, threshold)
    for name in ("first", "second"):
        mine = group == name
        expected = skm.confusion_matrix(
            y_true[mine], y_score[mine] >= threshold, labels=[0, 1]
        ).ravel()
        assert_array_equal(confusions[name], expected)


@pytest.mark.parametrize(("first", "second"), [(0.2, 0.6), (0.6, 0.2), (np.inf, 0.0)])
@pytest.mark.parametrize("seed", SEEDS)
def test_per_group_thresholds_count_each_group_at_its_own(seed, first, second):
    y_true, y_score, group = make_case(seed)
    cuts = {"first": first, "second": second}
    confusions = group_confusions(y_true, y_score, group, cuts)
    for name, cut in cuts.items():
        mine = group == name
        expected = skm.confusion_matrix(y_true[mine], y_score[mine] >= cut, labels=[0, 1]).ravel()
        assert_array_equal(confusions[name], expected)


@pytest.mark.parametrize("drop_intermediate", [True, False])
@pytest.mark.parametrize("seed", SEEDS)
def test_group_roc_curves_match_sklearn_per_group(seed, drop_intermediate):
    y_true, y_score, group = make_case(seed)
    curves = group_roc_curves(y_true, y_score, group, drop_intermediate=drop_intermediate)
    assert list(curves) == ["first", "second"]
    for name, ours in curves.items():
        mine = group == name
        theirs = skm.roc_curve(y_true[mine], y_score[mine], drop_intermediate=drop_intermediate)
        for got, expected in zip(ours, theirs, strict=True):
            assert_array_equal(got, expected)


# --- the equalising search against brute force ----------------------------------------


@pytest.mark.parametrize("tolerance", TOLERANCES)
@pytest.mark.parametrize("seed", SEEDS)
def test_search_finds_the_brute_force_optimum(seed, tolerance):
    y_true, y_score, group = make_case(seed)
    result = equalized_odds_thresholds(y_true, y_score, group, tolerance=tolerance)
    correct, gap = brute_force_equalized_odds(y_true, y_score, group, tolerance)
    assert result.accuracy == pytest.approx(correct / y_true.size, abs=1e-12)
    assert result.gap == pytest.approx(gap, abs=1e-12)


@pytest.mark.parametrize("tolerance", TOLERANCES)
@pytest.mark.parametrize("seed", SEEDS)
def test_search_result_agrees_with_its_own_thresholds(seed, tolerance):
    y_true, y_score, group = make_case(seed)
    result = equalized_odds_thresholds(y_true, y_score, group, tolerance=tolerance)
    recounted = group_confusions(y_true, y_score, group, result.thresholds)
    assert recounted == result.confusions
    assert result.gap == odds_gap(*recounted.values()) <= tolerance + 1e-12
    predicted = y_score >= np.array([result.thresholds[g] for g in group])
    assert result.accuracy == pytest.approx(skm.accuracy_score(y_true, predicted), abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_no_tolerance_limit_gives_each_group_its_best_accuracy(seed):
    y_true, y_score, group = make_case(seed)
    result = equalized_odds_thresholds(y_true, y_score, group, tolerance=1.0)
    best = {}
    for name in ("first", "second"):
        mine = group == name
        best[name] = most_accurate_threshold(y_true[mine], y_score[mine])
    expected = pooled_accuracy(group_confusions(y_true, y_score, group, best).values())
    assert result.accuracy == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_tighter_tolerance_never_gains_accuracy(seed):
    y_true, y_score, group = make_case(seed)
    accuracies = [
        equalized_odds_thresholds(y_true, y_score, group, tolerance=t).accuracy
        for t in sorted(TOLERANCES)
    ]
    assert accuracies == sorted(accuracies)


@pytest.mark.parametrize(
    ("tolerance", "thresholds", "accuracy", "gap"),
    [
        # Exact equality: (0, .5) and (.5, 0) tie at 6 of 8; the higher pair wins.
        (0.0, {"a": 0.8, "b": 0.7}, 0.75, 0.0),
        # Group a may then sit at its perfect 0.6; b's 0.7 and 0.3 tie; higher wins.
        (0.5, {"a": 0.6, "b": 0.7}, 0.875, 0.5),
        (0.49, {"a": 0.8, "b": 0.7}, 0.75, 0.0),
    ],
)
def test_search_on_a_hand_worked_case(tolerance, thresholds, accuracy, gap):
    result = equalized_odds_thresholds(HAND_Y, HAND_SCORE, HAND_GROUP, tolerance=tolerance)
    assert result.thresholds == thresholds
    assert result.accuracy == accuracy
    assert result.gap == gap


# --- one threshold, gap and pooled accuracy -------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_most_accurate_threshold_matches_brute_force(seed):
    y_true, y_score, _ = make_case(seed)
    cuts = [np.inf, *np.unique(y_score)]
    accuracy = [skm.accuracy_score(y_true, y_score >= cut) for cut in cuts]
    best = max(accuracy)
    expected = max(cut for cut, acc in zip(cuts, accuracy, strict=True) if acc == best)
    assert most_accurate_threshold(y_true, y_score) == expected


@pytest.mark.parametrize(
    ("y_true", "y_score", "expected"),
    [
        ([0, 1, 0, 1, 1], [0.1, 0.3, 0.4, 0.6, 0.8], 0.6),
        ([0, 0, 1], [0.2, 0.5, 0.9], 0.9),
        ([0, 0, 0], [0.2, 0.5, 0.9], np.inf),
        ([1, 1], [0.2, 0.5], 0.2),
    ],
)
def test_most_accurate_threshold_by_hand(y_true, y_score, expected):
    assert most_accurate_threshold(y_true, y_score) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (Confusion(tn=8, fp=2, fn=1, tp=9), Confusion(tn=6, fp=4, fn=1, tp=4), 0.2),
        (Confusion(tn=3, fp=1, fn=1, tp=3), Confusion(tn=6, fp=2, fn=2, tp=6), 0.0),
        (Confusion(tn=5, fp=0, fn=4, tp=1), Confusion(tn=5, fp=0, fn=0, tp=5), 0.8),
    ],
)
def test_odds_gap_by_hand(first, second, expected):
    assert odds_gap(first, second) == pytest.approx(expected, abs=1e-12)
    assert odds_gap(second, first) == odds_gap(first, second)


def test_odds_gap_is_nan_when_a_rate_is_undefined():
    assert np.isnan(odds_gap(Confusion(tn=0, fp=0, fn=1, tp=1), Confusion(1, 1, 1, 1)))


@pytest.mark.parametrize(
    ("confusions", "expected"),
    [
        ([Confusion(tn=3, fp=1, fn=0, tp=4), Confusion(tn=1, fp=1, fn=0, tp=0)], 0.8),
        ([Confusion(tn=0, fp=2, fn=2, tp=0)], 0.0),
    ],
)
def test_pooled_accuracy_by_hand(confusions, expected):
    assert pooled_accuracy(confusions) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_pooled_accuracy_matches_sklearn(seed):
    y_true, y_score, group = make_case(seed)
    cuts = {"first": 0.3, "second": 0.45}
    confusions = group_confusions(y_true, y_score, group, cuts)
    predicted = y_score >= np.array([cuts[g] for g in group])
    assert pooled_accuracy(confusions.values()) == pytest.approx(
        skm.accuracy_score(y_true, predicted), abs=1e-12
    )


# --- the synthetic lending population -------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_lending_scores_repeat_for_a_seed(seed):
    first, second = lending_scores(seed=seed), lending_scores(seed=seed)
    assert_array_equal(first.y_true, second.y_true)
    assert_array_equal(first.y_score, second.y_score)
    assert_array_equal(first.group, second.group)


def test_lending_scores_differ_between_seeds():
    assert not np.array_equal(lending_scores(seed=0).y_score, lending_scores(seed=1).y_score)


@pytest.mark.parametrize("n_per_group", [2, 100, 257])
def test_lending_scores_have_two_equal_groups(n_per_group):
    scores = lending_scores(n_per_group=n_per_group)
    assert scores.y_true.shape == scores.y_score.shape == scores.group.shape
    assert group_names(scores.group) == NAMES
    assert [int((scores.group == name).sum()) for name in NAMES] == [n_per_group] * 2
    assert ((scores.y_score > 0) & (scores.y_score < 1)).all()
    assert not scores.y_score.flags.writeable


@pytest.fixture(scope="module")
def large_population():
    return lending_scores(seed=0, n_per_group=40_000)


@pytest.mark.parametrize("name", NAMES)
def test_lending_scores_are_calibrated_within_each_group(name, large_population):
    mine = large_population.group == name
    y_true, y_score = large_population.y_true[mine], large_population.y_score[mine]
    bins = np.digitize(y_score, np.linspace(0.1, 0.9, 9))
    for b in np.unique(bins):
        inside = bins == b
        assert y_true[inside].mean() == pytest.approx(y_score[inside].mean(), abs=0.03)


def expected_base_rate(mean: float, spread: float) -> float:
    """E[sigmoid(Z)] for Z ~ Normal(mean, spread), by numerical integration."""
    z = np.linspace(mean - 10 * spread, mean + 10 * spread, 200_001)
    density = np.exp(-0.5 * ((z - mean) / spread) ** 2) / (spread * np.sqrt(2 * np.pi))
    return float(np.trapezoid(density / (1 + np.exp(-z)), z))


@pytest.mark.parametrize(("name", "documented"), [("group A", 0.67), ("group B", 0.33)])
def test_lending_base_rates_differ_as_documented(name, documented, large_population):
    expected = expected_base_rate(*LENDING_GROUPS[name])
    assert expected == pytest.approx(documented, abs=0.005)
    mine = large_population.group == name
    assert large_population.y_true[mine].mean() == pytest.approx(expected, abs=0.01)


def test_lending_groups_mirror_each_other():
    (mean_a, spread_a), (mean_b, spread_b) = LENDING_GROUPS.values()
    assert (mean_a, spread_a) == (-mean_b, spread_b)


@pytest.mark.parametrize("seed", range(10))
def test_one_threshold_gives_the_lending_groups_unequal_odds(seed):
    scores = lending_scores(seed=seed)
    cut = most_accurate_threshold(scores.y_true, scores.y_score)
    a, b = group_confusions(scores.y_true, scores.y_score, scores.group, cut).values()
    assert a.fpr > 2 * b.fpr and b.fnr > 2 * a.fnr


@pytest.mark.parametrize("seed", range(10))
def test_equalising_the_lending_groups_costs_accuracy(seed):
    scores = lending_scores(seed=seed)
    cut = most_accurate_threshold(scores.y_true, scores.y_score)
    shared = group_confusions(scores.y_true, scores.y_score, scores.group, cut)
    result = equalized_odds_thresholds(scores.y_true, scores.y_score, scores.group)
    assert result.accuracy < pooled_accuracy(shared.values())
    assert_allclose(result.gap, 0.0, atol=0.03)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: group_names(["a", "a"]), "group must hold exactly two distinct groups, got 1"),
        (lambda: group_names(["a", "b", "c"]), "group must hold exactly two .* got 3"),
        (lambda: group_names([]), "group is empty"),
        (lambda: group_names([["a", "b"]]), "group must be 1-D"),
        (
            lambda: group_confusions([0, 1], [0.1, 0.2], ["a", "b", "b"], 0.5),
            "group has 3 samples but y_true has 2",
        ),
        (
            lambda: group_confusions([0, 1], [0.1, 0.2], ["a", "b"], {"a": 0.5}),
            "thresholds must give a threshold for each of",
        ),
        (
            lambda: group_confusions([0, 1], [0.1, 0.2], ["a", "b"], {"a": 0.5, "c": 0.5}),
            "thresholds must give a threshold for each of",
        ),
        (lambda: group_confusions([0, 1], [0.1, 0.2], ["a", "b"], np.nan), "thresholds must not"),
        (lambda: group_confusions([0, 2], [0.1, 0.2], ["a", "b"], 0.5), "y_true must hold only"),
        (
            lambda: group_roc_curves([0, 1, 1, 1], [0.1, 0.2, 0.3, 0.4], ["a", "a", "b", "b"]),
            "group 'b' has no negative samples",
        ),
        (
            lambda: equalized_odds_thresholds(HAND_Y, HAND_SCORE, HAND_GROUP, tolerance=-0.1),
            r"tolerance must be in \[0, 1\], got -0.1",
        ),
        (
            lambda: equalized_odds_thresholds(HAND_Y, HAND_SCORE, HAND_GROUP, tolerance=1.5),
            r"tolerance must be in \[0, 1\], got 1.5",
        ),
        (
            lambda: equalized_odds_thresholds(
                [0, 1, 0, 0], [0.1, 0.2, 0.3, 0.4], ["a", "a", "b", "b"]
            ),
            "group 'b' has no positive samples",
        ),
        (lambda: lending_scores(n_per_group=1), "n_per_group must be at least 2"),
        (lambda: lending_scores(n_per_group=2.5), "n_per_group must be an integer"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
