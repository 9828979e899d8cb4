"""The equalising search at scale: the same pair as trying every pair, and fast on big groups."""

import numpy as np
import pytest

from mlu_math.confusion import confusion_at_thresholds
from mlu_math.fairness import equalized_odds_thresholds

TOLERANCES = [0.0, 0.01, 0.03, 0.1, 1.0]


def every_pair(y_true, y_score, group, tolerance):
    """The best pair of thresholds, trying all n1 x n2 of them (ties: highest thresholds)."""
    tables = []
    for name in sorted(set(group.tolist())):
        mine = group == name
        cuts = np.concatenate(([np.inf], np.unique(y_score[mine])[::-1]))
        tn, fp, fn, tp = confusion_at_thresholds(y_true[mine], y_score[mine], cuts)
        tables.append((cuts, fp / (fp + tn), fn / (fn + tp), tn + tp))
    (cuts_1, fpr_1, fnr_1, ok_1), (cuts_2, fpr_2, fnr_2, ok_2) = tables
    gap = np.maximum(np.abs(fpr_1[:, None] - fpr_2), np.abs(fnr_1[:, None] - fnr_2))
    correct = np.where(gap <= tolerance + 1e-12, ok_1[:, None] + ok_2, -1)
    tied = np.where(correct == correct.max(), gap, np.inf)
    i, j = np.unravel_index(np.argmin(tied), tied.shape)  # first in row-major order
    return float(cuts_1[i]), float(cuts_2[j])


def make_case(seed: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two groups with different score distributions; coarse scores make ties."""
    rng = np.random.default_rng(seed)
    group = np.where(rng.random(n) < 0.5, "a", "b")
    y_true = rng.integers(0, 2, n)
    y_true[:4], group[:4] = [0, 1, 0, 1], ["a", "a", "b", "b"]
    shift = np.where(group == "a", 0.8, 0.3)
    decimals = int(rng.integers(1, 3))
    y_score = np.round(rng.normal(shift * y_true, 1.0), decimals)
    return y_true, y_score, group


@pytest.mark.parametrize("tolerance", TOLERANCES)
@pytest.mark.parametrize("seed", range(12))
def test_search_picks_the_same_pair_as_trying_every_pair(seed, tolerance):
    n = [12, 40, 150, 600][seed % 4]
    y_true, y_score, group = make_case(seed, n)
    result = equalized_odds_thresholds(y_true, y_score, group, tolerance=tolerance)
    assert tuple(result.thresholds.values()) == every_pair(y_true, y_score, group, tolerance)


def test_search_handles_a_million_samples():
    """Trying every pair would compare about 2.5e11 of them; the search must not."""
    y_true, y_score, group = make_case(99, 1_000_000)
    result = equalized_odds_thresholds(y_true, y_score, group, tolerance=0.03)
    assert result.gap <= 0.03 + 1e-12
    assert 0.5 < result.accuracy < 1.0
