"""The span and ticks of a score axis: 0 to 1 for probabilities, else rounded 1-2-5 steps."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import check_count, check_scores

__all__ = ["PROBABILITY_AXIS", "ScoreAxis", "nice_step", "score_axis"]

_STEPS = (1.0, 2.0, 5.0)
"""Mantissas of the tick steps tried, in increasing order."""

_ROOM = 1e-9
"""Relative slack when a score is compared with a tick, against rounding."""


@dataclass(frozen=True)
class ScoreAxis:
    """Where a score axis starts and ends, and where its labelled ticks sit.

    Attributes
    ----------
    low, high : float
        The scores at the axis's left and right ends, ``low < high``.
    ticks : tuple of float
        The labelled tick values, increasing, from ``low`` to ``high``.
    tick_decimals : int
        Digits after the decimal point that write every tick exactly.
    decimals : int
        Digits after the decimal point for one score on this axis (a
        threshold, say): enough to tell apart scores a thousandth of the
        span apart (two on the probability axis).
    probability : bool
        Whether this is the 0-1 axis of scores that may be probabilities.
    """

    low: float
    high: float
    ticks: tuple[float, ...]
    tick_decimals: int
    decimals: int
    probability: bool

    def fraction(self, score: ArrayLike) -> NDArray[np.float64]:
        """Return where ``score`` sits along the axis: 0 at ``low``, 1 at ``high``.

        Scores outside the axis give fractions outside [0, 1].

        Examples
        --------
        >>> score_axis([-3.2, 4.1]).fraction([-4.0, 0.0, 6.0]).tolist()
        [0.0, 0.4, 1.0]
        """
        return (np.asarray(score, dtype=np.float64) - self.low) / (self.high - self.low)

    def score_at(self, fraction: float) -> float:
        """Return the score at ``fraction`` of the way from ``low`` to ``high``.

        On the probability axis the score is ``fraction`` itself.

        Examples
        --------
        >>> score_axis([-3.2, 4.1]).score_at(0.25)
        -1.5
        """
        return float(self.low + fraction * (self.high - self.low))

    def scores_at(self, fractions: ArrayLike) -> NDArray[np.float64]:
        """Return the score at each of ``fractions`` (see :meth:`score_at`).

        Examples
        --------
        >>> score_axis([-3.2, 4.1]).scores_at([0.0, 0.5]).tolist()
        [-4.0, 1.0]
        """
        return self.low + np.asarray(fractions, dtype=np.float64) * (self.high - self.low)


PROBABILITY_AXIS = ScoreAxis(
    low=0.0,
    high=1.0,
    ticks=(0.0, 0.25, 0.5, 0.75, 1.0),
    tick_decimals=2,
    decimals=2,
    probability=True,
)
"""The axis of scores in [0, 1], ticked every quarter."""


def nice_step(span: float, max_intervals: int) -> float:
    """Return the smallest 1-2-5 step that cuts ``span`` into at most ``max_intervals``.

    Parameters
    ----------
    span : float
        The length to cut, positive and finite.
    max_intervals : int
        The most intervals wanted, at least 1.

    Returns
    -------
    step : float
        1, 2 or 5 times a power of ten, with ``span / step <= max_intervals``.

    Examples
    --------
    >>> nice_step(12.1, 8), nice_step(0.034, 5), nice_step(900.0, 4)
    (2.0, 0.01, 500.0)
    """
    if not (math.isfinite(span) and span > 0):
        raise ValueError(f"span must be positive and finite, got {span!r}")
    check_count(max_intervals, "max_intervals", 1)
    power = 10.0 ** math.floor(math.log10(span / max_intervals))
    for scale in (power, 10 * power):
        for mantissa in _STEPS:
            step = _clean(mantissa * scale)
            if span / step <= max_intervals * (1 + _ROOM):
                return step
    raise AssertionError("unreachable: 10 * power always fits")  # pragma: no cover


def score_axis(y_score: ArrayLike, *, max_intervals: int = 8) -> ScoreAxis:
    """Return the axis that shows every score of ``y_score``.

    Scores that all lie in [0, 1] (probabilities, say) get
    :data:`PROBABILITY_AXIS`. Any others get an axis from the lowest score
    rounded down to the highest rounded up, by the coarsest 1-2-5 step
    (:func:`nice_step`) that still leaves at most ``max_intervals`` intervals.

    Parameters
    ----------
    y_score : array-like of shape (n_samples,)
        Finite scores: probabilities, margins, logits or any real values.
    max_intervals : int, default=8
        The most intervals between ticks, at least 2.

    Returns
    -------
    axis : ScoreAxis

    Examples
    --------
    >>> axis = score_axis([-3.2, 0.4, 4.1])
    >>> axis.low, axis.high, axis.ticks
    (-4.0, 6.0, (-4.0, -2.0, 0.0, 2.0, 4.0, 6.0))
    >>> score_axis([0.1, 0.9]) is PROBABILITY_AXIS
    True
    """
    scores = check_scores(y_score)
    check_count(max_intervals, "max_intervals", 2)
    smallest, largest = float(scores.min()), float(scores.max())
    if smallest >= 0.0 and largest <= 1.0:
        return PROBABILITY_AXIS
    if largest == smallest:  # one value: give it room on either side
        half = abs(largest) / 2
        smallest, largest = largest - half, largest + half
    step = nice_step(largest - smallest, max_intervals)
    low, high = _round_out(smallest, largest, step)
    while (high - low) / step > max_intervals + _ROOM:  # rounding out added intervals
        step = nice_step(step * (max_intervals + 1), max_intervals)
        low, high = _round_out(smallest, largest, step)
    count = round((high - low) / step)
    places = max(0, -math.floor(math.log10(step) + _ROOM))
    ticks = tuple(round(low + k * step, places) + 0.0 for k in range(count + 1))
    return ScoreAxis(
        low=ticks[0],
        high=ticks[-1],
        ticks=ticks,
        tick_decimals=places,
        decimals=max(0, 3 - math.floor(math.log10(ticks[-1] - ticks[0]))),
        probability=False,
    )


def _round_out(smallest: float, largest: float, step: float) -> tuple[float, float]:
    """Return ``smallest`` rounded down and ``largest`` up to multiples of ``step``."""
    low = math.floor(smallest / step + _ROOM) * step
    high = math.ceil(largest / step - _ROOM) * step
    return low, high


def _clean(value: float) -> float:
    """Return ``value`` rounded to 12 significant digits (0.1 * 3 -> 0.3)."""
    return float(f"{value:.12g}")
