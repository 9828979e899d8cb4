"""The shared start of the scenes that cut a classifier's scores at a threshold."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import Create, FadeIn, LaggedStart, ValueTracker
from manim.typing import Point3D

from mlu_math.confusion import Confusion, confusion_at_threshold, predict_at_threshold
from mlu_math.scores import WEAK_FEATURES, breast_cancer_scores
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, ScoreStrip

__all__ = [
    "BUILT_IN_WORDING",
    "USER_WORDING",
    "ThresholdStory",
    "ThresholdStoryParams",
    "Wording",
]


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
        The first threshold the viewer sees.
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


class ThresholdStory(ExplainerScene):
    """A scene that scores samples, shows them as dots and cuts them at a threshold.

    Its parameters derive from :class:`ThresholdStoryParams`. Subclasses call
    :meth:`prepare_scores`, :meth:`build_strip` and :meth:`follow_threshold`
    from their own beats.
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

    def build_strip(
        self,
        axis_center: Point3D,
        y_true: np.ndarray | None = None,
        y_score: np.ndarray | None = None,
    ) -> ScoreStrip:
        """Return a score strip, its axis centred at ``axis_center``.

        It shows the scene's samples unless ``y_true`` and ``y_score`` are given.
        """
        strip = ScoreStrip(
            self.y_true if y_true is None else y_true,
            self.y_score if y_score is None else y_score,
            self.theme,
            width=4.8,
            row_height=0.85,
            class_names=(self.words.positive, self.words.negative),
        )
        return strip.shift(np.asarray(axis_center) - strip.axis.get_center())

    def show_strip(self, run_time: float = 2.5) -> None:
        """Draw the strip's axis, then fade its dots in."""
        strip = self.strip
        self.play(Create(strip.axis), FadeIn(strip.ticks, strip.row_labels))
        self.play(LaggedStart(*(FadeIn(d, scale=0.5) for d in strip.dots), run_time=run_time))
        self.gather(strip)

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
        """Return the confusion counts at the current threshold."""
        return confusion_at_threshold(self.y_true, self.y_score, self.threshold.get_value())

    def predicted_now(self) -> np.ndarray:
        """Return which samples are called positive at the current threshold."""
        return predict_at_threshold(self.y_score, self.threshold.get_value())
