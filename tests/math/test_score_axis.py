"""Score axes: 0-1 for probabilities, else the tightest 1-2-5 span, checked by brute force."""

import math

import numpy as np
import pytest

from mlu_math.score_axis import PROBABILITY_AXIS, nice_step, score_axis


def nice_steps(low_power: int = -8, high_power: int = 8) -> list[float]:
    """Every 1-2-5 step from 1e-8 to 5e8, increasing."""
    return [m * 10.0**p for p in range(low_power, high_power + 1) for m in (1, 2, 5)]


@pytest.mark.parametrize("scores", [[0.0, 1.0], [0.2, 0.4], [0.5], [0, 1, 1, 0], [1e-9, 1 - 1e-9]])
def test_scores_in_the_unit_interval_get_the_probability_axis(scores):
    axis = score_axis(scores)
    assert axis is PROBABILITY_AXIS
    assert (axis.low, axis.high, axis.ticks, axis.decimals) == (0, 1, (0, 0.25, 0.5, 0.75, 1), 2)


@pytest.mark.parametrize(
    ("scores", "ticks", "decimals"),
    [
        ([-3.2, 0.4, 4.1], (-4, -2, 0, 2, 4, 6), 2),  # logits
        ([-1.3, 1.7], (-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2), 3),  # margins
        ([0.0, 1.2], (0, 0.2, 0.4, 0.6, 0.8, 1, 1.2), 3),  # just past 1
        ([-0.03, 0.5], (-0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5), 4),  # just below 0
        ([120.0, 980.0], (0, 200, 400, 600, 800, 1000), 0),
        ([-7.0, -2.0], (-7, -6, -5, -4, -3, -2), 3),  # exactly on ticks: no room added
        ([5.0, 5.0], (2, 3, 4, 5, 6, 7, 8), 3),  # one value gets room on both sides
    ],
)
def test_axes_by_hand(scores, ticks, decimals):
    axis = score_axis(scores)
    assert axis.ticks == pytest.approx(ticks)
    assert (axis.low, axis.high) == (axis.ticks[0], axis.ticks[-1])
    assert axis.decimals == decimals and not axis.probability


@pytest.mark.parametrize("max_intervals", [2, 4, 8])
@pytest.mark.parametrize("seed", range(5))
def test_the_axis_is_the_tightest_1_2_5_span(seed, max_intervals):
    rng = np.random.default_rng(seed)
    for _ in range(100):
        centre, spread = rng.normal(0, 10.0 ** rng.integers(-3, 4)), 10.0 ** rng.uniform(-3, 3)
        scores = centre + spread * rng.normal(size=20)
        if scores.min() >= 0 and scores.max() <= 1:
            continue
        axis = score_axis(scores, max_intervals=max_intervals)
        step = axis.ticks[1] - axis.ticks[0]
        assert np.allclose(np.diff(axis.ticks), step)
        assert len(axis.ticks) - 1 <= max_intervals
        assert axis.low <= scores.min() and axis.high >= scores.max()
        # Brute force: no finer 1-2-5 step rounds the scores out within the limit.
        for finer in (s for s in nice_steps() if s < step * (1 - 1e-9)):
            low = math.floor(scores.min() / finer + 1e-9)
            high = math.ceil(scores.max() / finer - 1e-9)
            assert high - low > max_intervals


@pytest.mark.parametrize(
    ("span", "max_intervals", "expected"),
    [(12.1, 8, 2.0), (0.034, 5, 0.01), (900.0, 4, 500.0), (10.0, 10, 1.0), (10.0, 9, 2.0)],
)
def test_nice_step_by_hand(span, max_intervals, expected):
    assert nice_step(span, max_intervals) == expected


def test_fraction_and_score_at_invert_each_other():
    axis = score_axis([-3.2, 4.1])
    places = np.linspace(0, 1, 11)
    assert axis.fraction(axis.scores_at(places)) == pytest.approx(places)
    assert [axis.score_at(p) for p in places] == pytest.approx(axis.scores_at(places))
    assert axis.score_at(0.0) == axis.low and axis.score_at(1.0) == axis.high


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: score_axis([0.0, np.inf]), "y_score must be finite"),
        (lambda: score_axis([]), "y_score is empty"),
        (lambda: score_axis([1.0, 3.0], max_intervals=1), "max_intervals must be at least 2"),
        (lambda: nice_step(0.0, 4), "span must be positive and finite"),
        (lambda: nice_step(np.nan, 4), "span must be positive and finite"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
