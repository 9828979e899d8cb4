"""The stratified sample of dots and the thinned curve, against brute force and invariants."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn import metrics as skm

from mlu_math.sampling import class_quotas, stratified_sample, thin_curve

SEEDS = [0, 1, 2]


def make_scores(seed: int, n: int, positive_share: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Labels and logit-like scores, rounded so that some tie."""
    rng = np.random.default_rng(seed)
    y_true = (rng.random(n) < positive_share).astype(np.int8)
    y_score = np.round(rng.normal(np.where(y_true == 1, 1.0, -1.0), 1.5), 2)
    return y_true, y_score


# --- class quotas -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "size", "expected"),
    [
        ([700, 300], 10, [7, 3]),
        ([650, 350], 10, [7, 3]),  # remainders .5 and .5: the first class wins the tie
        ([998, 2], 10, [9, 1]),  # a rare class still gets one
        ([5, 0, 5], 4, [2, 0, 2]),
        ([3, 3], 6, [3, 3]),
    ],
)
def test_class_quotas_by_hand(counts, size, expected):
    assert class_quotas(counts, size).tolist() == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_class_quotas_are_proportional_to_one_draw(seed):
    rng = np.random.default_rng(seed)
    for _ in range(200):
        counts = rng.integers(1, 10_000, rng.integers(2, 5))
        size = int(rng.integers(counts.size, min(counts.sum(), 1000) + 1))
        quotas = class_quotas(counts, size)
        exact = size * counts / counts.sum()
        assert quotas.sum() == size
        assert (quotas >= 1).all() and (quotas <= counts).all()
        if (exact >= 1).all():  # no class needs lifting to one draw
            assert np.abs(quotas - exact).max() < 1


@pytest.mark.parametrize(
    ("counts", "size", "message"),
    [
        ([5, 5], 1, "size must be between the 2 classes present and the 10 members"),
        ([5, 5], 11, "size must be between"),
        ([5, -1], 2, "counts must be a 1-D array of counts >= 0"),
        ([5, 5], 2.5, "size must be an integer"),
    ],
)
def test_class_quotas_refuse_bad_input(counts, size, message):
    with pytest.raises(ValueError, match=message):
        class_quotas(counts, size)


# --- stratified sample ------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 10, 400])
def test_small_data_is_shown_whole(n):
    y_true, y_score = make_scores(0, n)
    y_true[:2] = [0, 1]
    assert_array_equal(stratified_sample(y_true, y_score, 400), np.arange(n))


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_is_deterministic(seed):
    y_true, y_score = make_scores(seed, 5000)
    first = stratified_sample(y_true, y_score, 300)
    again = stratified_sample(y_true.copy(), y_score.copy(), 300)
    assert_array_equal(first, again)


@pytest.mark.parametrize("positive_share", [0.5, 0.3, 0.05, 0.001])
@pytest.mark.parametrize("seed", SEEDS)
def test_sample_keeps_the_class_proportions(seed, positive_share):
    y_true, y_score = make_scores(seed, 20_000, positive_share)
    y_true[:2] = [0, 1]
    picked = stratified_sample(y_true, y_score, 400)
    assert picked.size == 400
    assert np.unique(picked).size == 400 and (np.diff(picked) > 0).all()
    positives = int(y_true[picked].sum())
    expected = 400 * y_true.mean()
    assert abs(positives - expected) < 1 or (positives == 1 and expected < 1)


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_includes_each_class_extremes(seed):
    y_true, y_score = make_scores(seed, 10_000)
    picked = stratified_sample(y_true, y_score, 200)
    for value in (0, 1):
        mine = y_score[picked][y_true[picked] == value]
        every = y_score[y_true == value]
        assert mine.min() == every.min() and mine.max() == every.max()


@pytest.mark.parametrize("include_extremes", [True, False])
@pytest.mark.parametrize("seed", SEEDS)
def test_sample_takes_evenly_spaced_ranks_of_each_class(seed, include_extremes):
    y_true, y_score = make_scores(seed, 3000)
    picked = stratified_sample(y_true, y_score, 120, include_extremes=include_extremes)
    for value in (0, 1):
        ranked = np.sort(y_score[y_true == value])
        n, m = ranked.size, int((y_true[picked] == value).sum())
        if include_extremes:
            ranks = [int(np.floor(k * (n - 1) / (m - 1) + 0.5)) for k in range(m)]
        else:
            ranks = [int(np.floor((k + 0.5) * n / m)) for k in range(m)]
        assert_array_equal(np.sort(y_score[picked][y_true[picked] == value]), ranked[ranks])


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_follows_each_class_distribution(seed):
    """Kolmogorov-Smirnov distance of a quantile sample: at most one step of 1/m."""
    y_true, y_score = make_scores(seed, 50_000)
    picked = stratified_sample(y_true, y_score, 400, include_extremes=False)
    for value in (0, 1):
        every = np.sort(y_score[y_true == value])
        mine = np.sort(y_score[picked][y_true[picked] == value])
        grid = np.unique(every)
        full = np.searchsorted(every, grid, side="right") / every.size
        sampled = np.searchsorted(mine, grid, side="right") / mine.size
        assert np.abs(full - sampled).max() <= 1 / mine.size + 1e-9


def test_sample_auc_is_close_to_the_full_auc():
    y_true, y_score = make_scores(4, 100_000)
    picked = stratified_sample(y_true, y_score, 400)
    full = skm.roc_auc_score(y_true, y_score)
    assert skm.roc_auc_score(y_true[picked], y_score[picked]) == pytest.approx(full, abs=0.02)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0, 1, 0], [0.1, 0.2]), "y_true has 3 samples but y_score has 2"),
        (([0, 1], [0.1, np.nan]), "y_score must be finite"),
        (([0, 2], [0.1, 0.2]), "y_true must hold only the labels 0 and 1"),
    ],
)
def test_sample_refuses_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        stratified_sample(*args, 2)


def test_sample_refuses_a_size_below_two():
    with pytest.raises(ValueError, match="size must be at least 2"):
        stratified_sample([0, 1, 0], [0.1, 0.2, 0.3], 1)


# --- thinned curve ----------------------------------------------------------------------


def test_a_short_curve_is_kept_whole():
    x = np.linspace(0, 1, 4000)
    assert_array_equal(thin_curve(x, x**2, resolution=1000), np.arange(4000))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_thinned_roc_curve_keeps_each_columns_ends_and_extremes(seed):
    y_true, y_score = make_scores(seed, 200_000)
    fpr, tpr, _ = skm.roc_curve(y_true, y_score, drop_intermediate=False)
    kept = thin_curve(fpr, tpr, resolution=500)
    assert kept[0] == 0 and kept[-1] == fpr.size - 1
    assert (np.diff(kept) > 0).all() and kept.size <= 4 * 500
    column = np.minimum((fpr * 500).astype(int), 499)
    for c in np.unique(column)[:: max(1, np.unique(column).size // 50)]:
        mine = np.flatnonzero(column == c)
        shown = np.intersect1d(mine, kept)
        assert shown[0] == mine[0] and shown[-1] == mine[-1]
        assert tpr[shown].min() == tpr[mine].min() and tpr[shown].max() == tpr[mine].max()


def test_a_thinned_curve_runs_either_way_and_skips_nan():
    x = np.linspace(1, 0, 10_001)
    y = np.sin(40 * x)
    y[5000] = np.nan
    kept = thin_curve(x, y, resolution=100)
    assert kept.size <= 400 and kept[0] == 0 and kept[-1] == 10_000
    assert np.nanmax(y[kept]) == np.nanmax(y) and np.nanmin(y[kept]) == np.nanmin(y)


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([0.0, 1.0, 0.5], [0, 1, 2], "x must be monotonic"),
        ([0.0, np.nan], [0, 1], "x must be finite"),
        ([0.0, 1.0], [0, 1, 2], "x and y must have one shape"),
    ],
)
def test_thin_curve_refuses_bad_input(x, y, message):
    with pytest.raises(ValueError, match=message):
        thin_curve(x, y)
