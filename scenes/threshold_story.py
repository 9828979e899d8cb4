"""The shared start of the scenes that cut a classifier's scores at a threshold."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import Create, FadeIn, LaggedStart, ValueTracker
from manim.typing import Point3D
from numpy.typing import NDArray

from mlu_math.confusion import Confusion, predict_at_threshold
from mlu_math.sampling import stratified_sample, thin_curve
from mlu_math.score_axis import score_axis
from mlu_math.scores import WEAK_FEATURES, breast_cancer_scores
from mlu_math.threshold_counts import threshold_counts
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, ScoreStrip
from scenes.components.score_strip import score_text

__all__ = [
    "BUILT_IN_WORDING",
    "COLUMNS_PER_UNIT",
    "DOTS_SHOWN",
    "TABULAR_FROM",
    "USER_WORDING",
    "ThresholdStory",
    "ThresholdStoryParams",
    "Wording",
    "shown_note",
    "thinned",
]

DOTS_SHOWN = 300
"""Most dots a score strip draws; larger data shows a stratified sample."""
COLUMNS_PER_UNIT = 150
"""Columns a scene unit of a thinned curve keeps apart: one per pixel at 1080p,
where a scene unit is 135 pixels wide."""
TABULAR_FROM = 1000
"""Samples from which live counts are set digit by digit: their four-digit
counts change on nearly every frame of a sweep, too often to lay out anew."""


@dataclass(frozen=True)
class Wording:
    """The words the captions use for the data.

    Attributes
    ----------
    positive, negative
        Names of the two classes, as adjectives ("called malignant").
    positives, negatives
        The samples of each class, as plural nouns.
    found
        Names the row counting the positives a classifier finds.
    item, items
        What a sample is, singular and plural.
    scorer
        Who scored them, to start a sentence.
    """

    positive: str
    negative: str
    positives: str
    negatives: str
    found: str
    item: str
    items: str
    scorer: str


BUILT_IN_WORDING = Wording(
    positive="malignant",
    negative="benign",
    positives="malignant tumours",
    negatives="benign tumours",
    found="malignant found",
    item="tumour",
    items="tumours",
    scorer="Logistic regression",
)
USER_WORDING = Wording(
    positive="positive",
    negative="negative",
    positives="positives",
    negatives="negatives",
    found="positives found",
    item="sample",
    items="samples",
    scorer="The classifier",
)


@dataclass(frozen=True)
class ThresholdStoryParams(BaseParams):
    """Parameters every threshold story has.

    Attributes
    ----------
    test_size
        Share of the breast-cancer data held out and scored (the dots);
        unused when the scene is drawn from a user's data.
    threshold
        The first threshold the viewer sees: a score, for scores in [0, 1]
        (probabilities, say); for other scores, a place along the score
        axis, 0 at its left end and 1 at its right.
    sweep_seconds
        How long the threshold takes to sweep across the scores.
    """

    test_size: float = 0.25
    threshold: float = 0.5
    sweep_seconds: float = 14.0

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("test_size", self.test_size, 0.05, 0.9)
        check_range("threshold", self.threshold, 0.0, 1.0)
        check_range("sweep_seconds", self.sweep_seconds, 1.0, 120.0)


def shown_note(shown: int, total: int, items: str) -> str | None:
    """Return the note under a strip of ``shown`` dots for ``total`` samples, if a sample.

    Examples
    --------
    >>> shown_note(400, 10_000, "samples"), shown_note(143, 143, "tumours")
    ('400 of 10,000 samples shown', None)
    """
    return None if shown >= total else f"{shown:,} of {total:,} {items} shown"


def thinned(x: NDArray, y: NDArray, *others: NDArray, width: float) -> tuple[NDArray, ...]:
    """Return a curve's points (and matching ``others``) that a drawing can show.

    ``width`` is the length of the drawing's x axis in scene units; it is cut
    into :data:`COLUMNS_PER_UNIT` columns a unit (see
    :func:`mlu_math.sampling.thin_curve`). Short curves come back whole.
    """
    kept = thin_curve(x, y, resolution=math.ceil(width * COLUMNS_PER_UNIT))
    return tuple(np.asarray(array)[kept] for array in (x, y, *others))


class ThresholdStory(ExplainerScene):
    """A scene that scores samples, shows them as dots and cuts them at a threshold.

    Its parameters derive from :class:`ThresholdStoryParams`. Subclasses call
    :meth:`prepare_scores`, :meth:`build_strip` and :meth:`follow_threshold`
    from their own beats. Every count and curve is computed on all samples;
    a strip draws at most :data:`DOTS_SHOWN` of them (a stratified sample,
    ``self.shown``), and says so.
    """

    accepts_data = True
    threshold: ValueTracker
    strip: ScoreStrip

    def prepare_scores(self) -> None:
        """Take the user's scores, or score held-out tumours with a weak classifier."""
        params = self.params
        assert isinstance(params, ThresholdStoryParams)
        if self.data is not None:
            self.scores, self.words = self.data, USER_WORDING
        else:
            self.scores = breast_cancer_scores(
                seed=params.seed, features=WEAK_FEATURES, test_size=params.test_size
            )
            self.words = BUILT_IN_WORDING
        self.y_true = np.asarray(self.scores.y_true)
        self.y_score = np.asarray(self.scores.y_score, dtype=float)
        self.axis = score_axis(self.y_score)
        self.counts = threshold_counts(self.y_true, self.y_score)
        self.shown = stratified_sample(self.y_true, self.y_score, DOTS_SHOWN)
        self.tabular = self.y_true.size >= TABULAR_FROM

    def score_at(self, place: float) -> float:
        """Return the score at ``place`` along the score axis (0 left, 1 right).

        For scores in [0, 1] the axis runs from 0 to 1, so this is ``place``.
        """
        return self.axis.score_at(place)

    def score_text(self, score: float) -> str:
        """Write a score (a threshold, say) as the score axis does."""
        return score_text(score, self.axis.decimals)

    def build_strip(
        self, axis_center: Point3D, rows: NDArray[np.intp] | None = None, total: int | None = None
    ) -> ScoreStrip:
        """Return a score strip, its axis centred at ``axis_center``.

        It draws the samples ``rows`` (``self.shown`` by default) as dots for
        ``total`` samples (all of them by default); a note says so when the
        dots are fewer.
        """
        rows = self.shown if rows is None else rows
        total = self.y_true.size if total is None else total
        strip = ScoreStrip(
            self.y_true[rows],
            self.y_score[rows],
            self.theme,
            width=4.8,
            row_height=0.85,
            class_names=(self.words.positive, self.words.negative),
            axis=self.axis,
            note=shown_note(rows.size, total, self.words.items),
        )
        return strip.shift(np.asarray(axis_center) - strip.axis.get_center())

    def show_strip(self, run_time: float = 2.5) -> None:
        """Draw the strip's axis, then fade its dots in."""
        strip = self.strip
        self.play(Create(strip.axis), FadeIn(strip.ticks, strip.row_labels))
        self.play(LaggedStart(*(FadeIn(d, scale=0.5) for d in strip.dots), run_time=run_time))
        self.gather(strip)

    def move_threshold(self, score: float, **play_options: Any) -> None:
        """Slide the threshold to ``score`` (``play_options`` go to ``play``).

        The tracker draws nothing, so it leaves the stage afterwards: at a
        score far from 0 its position would lie outside the frame.
        """
        self.play(self.threshold.animate.set_value(score), **play_options)
        self.remove(self.threshold)

    def follow_threshold(self, readouts: dict[str, Readout], *others: tuple) -> None:
        """Keep the dots, ``readouts`` and ``others`` in step with the threshold.

        ``readouts`` maps a :class:`~mlu_math.Confusion` property (``"tpr"``,
        ``"precision"``...) to the readout showing it; ``others`` are
        ``(mobject, updater)`` pairs. Each picture that changes carries its own
        updater: manim redraws only mobjects that move.
        """
        updates = [
            (self.strip, lambda strip: strip.show_predictions(self.predicted_now())),
            *others,
        ]
        for name, readout in readouts.items():
            updates.append(
                (readout, lambda r, n=name: r.set_value(getattr(self.confusion_now(), n)))
            )
        self._following = [mobject for mobject, _ in updates]
        for mobject, update in updates:
            mobject.add_updater(update)
            update(mobject)

    def stop_following_threshold(self) -> None:
        """Freeze everything :meth:`follow_threshold` keeps in step."""
        for mobject in getattr(self, "_following", []):
            mobject.clear_updaters()

    def confusion_now(self) -> Confusion:
        """Return the confusion counts of all samples at the current threshold."""
        return self.counts.at(self.threshold.get_value())

    def predicted_now(self) -> np.ndarray:
        """Return which shown samples are called positive at the current threshold."""
        return predict_at_threshold(self.y_score[self.shown], self.threshold.get_value())
