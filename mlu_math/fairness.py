"""Equality of odds: per-group error rates, ROC curves and equalising thresholds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlu_math._validation import (
    as_1d,
    as_generator,
    check_binary_scores,
    check_count,
    check_finite_array,
    check_instance,
    check_mapping,
    check_real,
    check_same_length,
    check_threshold,
)
from mlu_math.confusion import Confusion, confusion_at_threshold, confusion_at_thresholds
from mlu_math.ranking import roc_curve
from mlu_math.scores import ClassifierScores

__all__ = [
    "LENDING_GROUPS",
    "EqualizedOdds",
    "equalized_odds_thresholds",
    "group_confusions",
    "group_names",
    "group_roc_curves",
    "lending_scores",
    "most_accurate_threshold",
    "odds_gap",
    "pooled_accuracy",
]

FloatArray = NDArray[np.float64]
RocCurve = tuple[FloatArray, FloatArray, FloatArray]

#: The synthetic lending population: each group's name and the mean and
#: standard deviation of its scores' log-odds. Group B's distribution mirrors
#: group A's, so the same model serves one group that mostly repays and one
#: that mostly does not.
LENDING_GROUPS: dict[str, tuple[float, float]] = {
    "group A": (1.0, 1.5),
    "group B": (-1.0, 1.5),
}

_SLACK = 1e-12
"""Rounding room when a gap is compared with the tolerance."""


@dataclass(frozen=True)
class EqualizedOdds:
    """Per-group thresholds chosen for equality of odds, and what they give.

    Attributes
    ----------
    thresholds : dict of str to float
        Each group's decision threshold; a sample is predicted positive when
        ``score >= thresholds[its group]``. ``inf`` predicts no one positive.
    confusions : dict of str to Confusion
        Each group's confusion counts at its threshold.
    gap : float
        The larger of the gaps in false positive rate and in false negative
        rate between the groups (see :func:`odds_gap`).
    accuracy : float
        Share of all samples, both groups pooled, predicted correctly.
    """

    thresholds: dict[str, float]
    confusions: dict[str, Confusion]
    gap: float
    accuracy: float


def group_names(group: ArrayLike) -> tuple[str, str]:
    """Return the two distinct values of ``group`` as strings, sorted.

    Parameters
    ----------
    group : array-like of shape (n_samples,)
        The group of each sample; exactly two distinct values.

    Returns
    -------
    names : tuple of two str

    Examples
    --------
    >>> group_names(["b", "a", "b"])
    ('a', 'b')

    """
    names = np.unique(as_1d(group, "group").astype(str))
    if names.size != 2:
        shown = ", ".join(repr(str(name)) for name in names[:5])
        raise ValueError(f"group must hold exactly two distinct groups, got {names.size}: {shown}")
    return str(names[0]), str(names[1])


def _check_grouped(
    y_true: ArrayLike, y_score: ArrayLike, group: ArrayLike
) -> tuple[NDArray[np.int8], FloatArray, NDArray[np.str_], tuple[str, str]]:
    """Validate labels, scores and groups of the same samples."""
    labels, scores, _ = check_binary_scores(y_true, y_score)
    groups = as_1d(group, "group").astype(str)
    check_same_length("group", groups, "y_true", labels)
    return labels, scores, groups, group_names(groups)


def _require_both_classes(labels: NDArray[np.int8], groups: NDArray[np.str_], name: str) -> None:
    """Raise unless group ``name`` holds both positive and negative samples."""
    present = labels[groups == name]
    for value, kind in ((1, "positive"), (0, "negative")):
        if not (present == value).any():
            raise ValueError(
                f"group {name!r} has no {kind} samples (y_true == {value}); "
                "its error rates are undefined"
            )


def _thresholds_by_group(
    thresholds: float | Mapping[str, float], names: tuple[str, str]
) -> dict[str, float]:
    """Return one threshold per group: a shared number, or a mapping by name."""
    if not isinstance(thresholds, Mapping):
        check_threshold(thresholds, "thresholds")
        return dict.fromkeys(names, thresholds)
    cuts = check_mapping(thresholds, "thresholds", names, check_threshold, what="threshold")
    return {name: thresholds[name] for name in cuts}


def group_confusions(
    y_true: ArrayLike,
    y_score: ArrayLike,
    group: ArrayLike,
    thresholds: float | Mapping[str, float],
) -> dict[str, Confusion]:
    """Count each group's confusion matrix at its decision threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    group : array-like of shape (n_samples,)
        Each sample's group; exactly two distinct values.
    thresholds : float or mapping of str to float
        One threshold shared by both groups, or one per group name. A sample
        is predicted positive when ``score >= threshold``.

    Returns
    -------
    confusions : dict of str to Confusion
        The counts of each group, keyed by group name in sorted order.

    Examples
    --------
    >>> counts = group_confusions(
    ...     [1, 0, 1, 0], [0.9, 0.4, 0.6, 0.7], ["a", "a", "b", "b"], {"a": 0.5, "b": 0.65}
    ... )
    >>> counts["a"], counts["b"]
    (Confusion(tn=1, fp=0, fn=0, tp=1), Confusion(tn=0, fp=1, fn=1, tp=0))

    """
    labels, scores, groups, names = _check_grouped(y_true, y_score, group)
    cuts = _thresholds_by_group(thresholds, names)
    return {
        name: confusion_at_threshold(labels[groups == name], scores[groups == name], cuts[name])
        for name in names
    }


def group_roc_curves(
    y_true: ArrayLike,
    y_score: ArrayLike,
    group: ArrayLike,
    *,
    drop_intermediate: bool = True,
) -> dict[str, RocCurve]:
    """Compute each group's ROC curve.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); every group needs both.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    group : array-like of shape (n_samples,)
        Each sample's group; exactly two distinct values.
    drop_intermediate : bool, default=True
        As in :func:`mlu_math.roc_curve`.

    Returns
    -------
    curves : dict of str to (fpr, tpr, thresholds)
        Each group's :func:`mlu_math.roc_curve`, keyed by group name in
        sorted order.

    Examples
    --------
    >>> curves = group_roc_curves([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.7], ["a", "a", "b", "b"])
    >>> fpr, tpr, _ = curves["b"]
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 1.0, 1.0], [0.0, 0.0, 1.0])

    """
    labels, scores, groups, names = _check_grouped(y_true, y_score, group)
    curves = {}
    for name in names:
        _require_both_classes(labels, groups, name)
        mine = groups == name
        curves[name] = roc_curve(labels[mine], scores[mine], drop_intermediate=drop_intermediate)
    return curves


def odds_gap(first: Confusion, second: Confusion) -> float:
    """Return how far two groups are from equal odds.

    The gap is the larger of ``|FPR_1 - FPR_2|`` and ``|FNR_1 - FNR_2|``
    (equivalently ``|TPR_1 - TPR_2|``); 0 means equalised odds.

    Parameters
    ----------
    first, second : Confusion
        The two groups' confusion counts (finite, non-negative).

    Returns
    -------
    gap : float
        In [0, 1]; NaN when a rate is undefined.

    Examples
    --------
    >>> odds_gap(Confusion(tn=8, fp=2, fn=1, tp=9), Confusion(tn=6, fp=4, fn=1, tp=4))
    0.2

    """
    _check_confusion(first, "first")
    _check_confusion(second, "second")
    gaps = (abs(first.fpr - second.fpr), abs(first.fnr - second.fnr))
    return float("nan") if any(gap != gap for gap in gaps) else max(gaps)


def _check_confusion(confusion: object, name: str) -> Confusion:
    """Return ``confusion`` if it is a Confusion of finite, non-negative counts."""
    check_instance(confusion, name, Confusion)
    counts = check_finite_array(confusion, name)
    if (counts < 0).any():
        raise ValueError(f"{name} must hold non-negative counts, got {confusion!r}")
    return confusion  # type: ignore[return-value]


def pooled_accuracy(confusions: Iterable[Confusion]) -> float:
    """Return the share of correct predictions over several groups together.

    Parameters
    ----------
    confusions : iterable of Confusion
        The confusion counts of each group (finite, non-negative); at least one.

    Returns
    -------
    accuracy : float
        ``sum(tp + tn) / sum(n)``; NaN when every count is 0.

    Examples
    --------
    >>> pooled_accuracy([Confusion(tn=3, fp=1, fn=0, tp=4), Confusion(tn=1, fp=1, fn=0, tp=0)])
    0.8

    """
    try:
        counts = list(confusions)
    except TypeError:
        raise ValueError(
            f"confusions must be an iterable of Confusion, got {confusions!r}"
        ) from None
    if not counts:
        raise ValueError("confusions is empty; at least one group's Confusion is needed")
    for i, confusion in enumerate(counts):
        _check_confusion(confusion, f"confusions[{i}]")
    correct = sum(c.tp + c.tn for c in counts)
    total = sum(c.n for c in counts)
    return correct / total if total else float("nan")


def _candidates(labels: NDArray[np.int8], scores: FloatArray) -> tuple[FloatArray, NDArray]:
    """Return every distinct threshold, highest first, and the counts there.

    The thresholds are ``inf`` (no one positive) and each distinct score;
    counts has shape (4, n_thresholds), rows tn, fp, fn, tp.
    """
    thresholds = np.concatenate(([np.inf], np.unique(scores)[::-1]))
    return thresholds, np.array(confusion_at_thresholds(labels, scores, thresholds))


def most_accurate_threshold(y_true: ArrayLike, y_score: ArrayLike) -> float:
    """Return the threshold that predicts the most samples correctly.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); 1 is the positive class.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.

    Returns
    -------
    threshold : float
        ``inf`` or one of the scores; among equally accurate thresholds the
        highest. A sample is predicted positive when ``score >= threshold``.

    Examples
    --------
    >>> most_accurate_threshold([0, 1, 0, 1, 1], [0.1, 0.3, 0.4, 0.6, 0.8])
    0.6

    """
    labels, scores, _ = check_binary_scores(y_true, y_score)
    thresholds, (tn, _, _, tp) = _candidates(labels, scores)
    return float(thresholds[np.argmax(tn + tp)])


def equalized_odds_thresholds(
    y_true: ArrayLike,
    y_score: ArrayLike,
    group: ArrayLike,
    *,
    tolerance: float = 0.03,
) -> EqualizedOdds:
    """Choose one threshold per group for (near) equality of odds.

    Post-processing after Hardt, Price and Srebro (2016), "Equality of
    Opportunity in Supervised Learning": the model stays as it is, only each
    group's threshold changes. Every pair of thresholds (each group's distinct
    scores and ``inf``) is tried; among the pairs whose false positive rates
    and false negative rates both differ by at most ``tolerance`` between the
    groups, the one with the most correct predictions over both groups is
    kept, ties going to the smaller gap and then to the higher thresholds.

    The thresholds are deterministic. Rates move in steps of one sample, so
    exact equality generally needs Hardt et al.'s randomised thresholds; this
    function instead allows the stated tolerance. A pair always qualifies
    (no one predicted positive has both gaps 0).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels, 0 or 1 (bools allowed); every group needs both.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    group : array-like of shape (n_samples,)
        Each sample's group; exactly two distinct values.
    tolerance : float, default=0.03
        The largest gap allowed (see :func:`odds_gap`), in [0, 1].

    Returns
    -------
    result : EqualizedOdds
        The thresholds, each group's counts, the gap and pooled accuracy.

    Examples
    --------
    >>> result = equalized_odds_thresholds(
    ...     [1, 1, 0, 0, 1, 1, 0, 0],
    ...     [0.8, 0.6, 0.5, 0.1, 0.7, 0.3, 0.4, 0.2],
    ...     ["a"] * 4 + ["b"] * 4,
    ...     tolerance=0.0,
    ... )
    >>> result.thresholds, result.accuracy
    ({'a': 0.8, 'b': 0.7}, 0.75)

    """
    check_real(tolerance, "tolerance", low=0, high=1)
    labels, scores, groups, names = _check_grouped(y_true, y_score, group)
    tables = []
    for name in names:
        _require_both_classes(labels, groups, name)
        mine = groups == name
        tables.append(_candidates(labels[mine], scores[mine]))
    (first_cuts, first), (second_cuts, second) = tables
    i, j = _best_pair(first, second, tolerance)
    cuts = {names[0]: float(first_cuts[i]), names[1]: float(second_cuts[j])}
    confusions = {
        names[0]: Confusion(*(count.item() for count in first[:, i])),
        names[1]: Confusion(*(count.item() for count in second[:, j])),
    }
    return EqualizedOdds(
        thresholds=cuts,
        confusions=confusions,
        gap=odds_gap(*confusions.values()),
        accuracy=pooled_accuracy(confusions.values()),
    )


def _rates(counts: NDArray) -> tuple[FloatArray, FloatArray, NDArray]:
    """Return FPR, FNR and correct count at each threshold of a counts table."""
    tn, fp, fn, tp = counts
    return fp / (fp + tn), fn / (fn + tp), tn + tp


def _best_pair(first: NDArray, second: NDArray, tolerance: float) -> tuple[int, int]:
    """Return the indices of the best admissible pair of thresholds.

    Best means the most correct predictions, then the smallest gap, then the
    first pair in row-major order (the highest thresholds). Along each table
    FPR rises and FNR falls, so the partners of a first-group threshold whose
    rates lie within the tolerance of its own form one run of columns: a
    binary search finds it, and a sparse table gives its most correct
    partner, so a million samples take a second, not the n1 x n2 comparisons
    of trying every pair.
    """
    fpr_1, fnr_1, correct_1 = _rates(first)
    fpr_2, fnr_2, correct_2 = _rates(second)
    room = tolerance + _SLACK
    lo = np.maximum(
        np.searchsorted(fpr_2, fpr_1 - room, side="left"),
        np.searchsorted(-fnr_2, -fnr_1 - room, side="left"),
    )
    hi = np.minimum(
        np.searchsorted(fpr_2, fpr_1 + room, side="right"),
        np.searchsorted(-fnr_2, -fnr_1 + room, side="right"),
    )
    rows = np.flatnonzero(hi > lo)  # never empty: no one positive in both groups has gap 0
    total = correct_1[rows] + _run_max(correct_2, lo[rows], hi[rows])
    top = total.max()
    rows = rows[total == top]
    # Each such row's partners with the top count: a run of columns sorted by (count, index).
    width = correct_2.size + 1
    key = correct_2 * width + np.arange(correct_2.size)
    order = np.argsort(key, kind="stable")
    wanted = (top - correct_1[rows]) * width
    start = np.searchsorted(key[order], wanted + lo[rows])
    count = np.searchsorted(key[order], wanted + hi[rows]) - start
    i = np.repeat(rows, count)
    j = order[np.arange(count.sum()) - np.repeat(np.cumsum(count) - count - start, count)]
    gap = np.maximum(np.abs(fpr_1[i] - fpr_2[j]), np.abs(fnr_1[i] - fnr_2[j]))
    best = np.lexsort((j, i, gap))[0]
    return int(i[best]), int(j[best])


def _run_max(values: NDArray, lo: NDArray[np.intp], hi: NDArray[np.intp]) -> NDArray:
    """Return ``values[lo[k]:hi[k]].max()`` for each k (runs not empty), by a sparse table."""
    level = np.floor(np.log2(hi - lo)).astype(np.intp)
    best = np.empty(lo.size, dtype=values.dtype)
    table = values  # table[t] = max of values[t : t + 2**k]
    for k in range(int(level.max()) + 1):
        if k:
            table = np.maximum(table[: -(1 << (k - 1))], table[1 << (k - 1) :])
        mine = np.flatnonzero(level == k)
        best[mine] = np.maximum(table[lo[mine]], table[hi[mine] - (1 << k)])
    return best


def lending_scores(*, seed: int = 0, n_per_group: int = 100) -> ClassifierScores:
    """Draw a synthetic lending population of two groups, scored by one model.

    Made-up data, no real people: for each group of :data:`LENDING_GROUPS`,
    ``n_per_group`` applicants get a score whose log-odds are normal with the
    group's mean and standard deviation; each then repays (label 1) with
    probability equal to the score. The scores are therefore calibrated
    within each group, but group A's are mostly high and group B's mostly
    low, so the groups' base rates differ (about 0.67 and 0.33).

    Parameters
    ----------
    seed : int, default=0
        Seed of the :class:`numpy.random.Generator` that draws everything.
    n_per_group : int, default=100
        Applicants in each group; at least 2.

    Returns
    -------
    scores : ClassifierScores
        Labels (1 = repays), scores in (0, 1) and ``group`` ("group A" for
        the first ``n_per_group`` samples, then "group B").

    Examples
    --------
    >>> scores = lending_scores(seed=0, n_per_group=50)
    >>> scores.y_score.shape, sorted(set(scores.group.tolist()))
    ((100,), ['group A', 'group B'])

    """
    check_count(n_per_group, "n_per_group", 2)
    rng = as_generator(seed, "seed")
    y_true, y_score, group = [], [], []
    for name, (mean, spread) in LENDING_GROUPS.items():
        score = 1.0 / (1.0 + np.exp(-rng.normal(mean, spread, n_per_group)))
        y_true.append((rng.random(n_per_group) < score).astype(np.int8))
        y_score.append(score)
        group.append(np.full(n_per_group, name))
    arrays = [np.concatenate(parts) for parts in (y_true, y_score, group)]
    for array in arrays:
        array.setflags(write=False)
    return ClassifierScores(
        y_true=arrays[0],
        y_score=arrays[1],
        name="synthetic credit model",
        description=(
            f"Made-up repayment scores for {n_per_group} loan applicants in each of two "
            f"groups, calibrated within each group, with group-dependent score "
            f"distributions (seed {seed})."
        ),
        group=arrays[2],
    )
