"""ROC & AUC: a threshold sweeps a real classifier's scores and traces its ROC curve."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MathTex,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mlu_math.pairs import pair_outcomes, random_pairs
from mlu_math.ranking import auc, roc_auc_score, roc_curve
from mlu_math.sampling import stratified_sample
from mlu_math.score_axis import ScoreAxis, score_axis
from mlu_math.scores import ClassifierScores, breast_cancer_scores, perfect_scores, random_scores
from scenes.base import check_range
from scenes.components import (
    ConfusionMatrix,
    Readout,
    RocAxes,
    ScoreStrip,
    ThresholdMarker,
    build_text,
)
from scenes.components.text import MINUS
from scenes.theme import Theme
from scenes.threshold_story import ThresholdStory, ThresholdStoryParams, shown_note, thinned

__all__ = ["RocAuc"]


SLOW_PAIRS = 4
"""The first pairs are drawn one at a time; the rest in batches."""
PAIR_BATCH = 8
PANEL_SIDE = 2.2
"""Length of each axis of a comparison panel's ROC plot."""
ROC_SIDE = 4.6
"""Length of each axis of the main ROC plot."""
PANEL_DOTS = 150
"""Most dots each comparison panel's strip draws."""
PANEL_INTERVALS = 4
"""Most tick intervals on a comparison panel's score axis (when not 0-1)."""


def pair_batches(n_pairs: int) -> list[tuple[int, int]]:
    """Return (start, stop) of each group of pairs drawn together."""
    edges = [*range(min(SLOW_PAIRS, n_pairs) + 1)]
    edges += range(edges[-1] + PAIR_BATCH, n_pairs, PAIR_BATCH)
    if edges[-1] != n_pairs:
        edges.append(n_pairs)
    return list(pairwise(edges))


@dataclass(frozen=True)
class RocAucParams(ThresholdStoryParams):
    """Parameters of the ROC & AUC scene (the threshold sweeps from 1 to 0).

    Attributes
    ----------
    n_pairs
        Random (malignant, benign) pairs drawn to show AUC as a probability.
    """

    n_pairs: int = 120

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("n_pairs", self.n_pairs, 1, 500)


def build_comparison_panel(
    scores: ClassifierScores, title: str, theme: Theme, axis: ScoreAxis
) -> VGroup:
    """Return a small score strip over a small ROC plot with its AUC.

    The strip draws a stratified sample of at most :data:`PANEL_DOTS` dots;
    the curve and AUC are of every sample.
    """
    rows = stratified_sample(scores.y_true, scores.y_score, PANEL_DOTS)
    strip = ScoreStrip(
        scores.y_true[rows],
        scores.y_score[rows],
        theme,
        width=2.7,
        row_height=0.5,
        class_names=("+", MINUS),
        axis=axis,
    )
    roc = RocAxes(theme, side=PANEL_SIDE, tick_step=0.5, x_label="FPR", y_label="TPR")
    fpr, tpr, _ = roc_curve(scores.y_true, scores.y_score)
    auc_value = auc(fpr, tpr)  # what roc_auc_score gives, without sorting the scores again
    fpr, tpr = thinned(fpr, tpr, width=PANEL_SIDE)
    roc.add(roc.build_area(fpr, tpr), roc.build_curve(fpr, tpr))
    auc_label = build_text(f"AUC {auc_value:.3f}", theme, "label", weight="SEMIBOLD")
    auc_label.move_to(roc.point(0.62, 0.22))
    heading = build_text(title, theme, "label", weight="SEMIBOLD")
    return VGroup(heading, strip, VGroup(roc, auc_label)).arrange(DOWN, buff=0.25)


def build_definitions(theme: Theme) -> VGroup:
    """Return the closing card: the three definitions, typeset."""
    color = theme.palette.text
    lines = VGroup(
        MathTex(r"\mathrm{TPR} = \frac{\mathrm{TP}}{\mathrm{TP} + \mathrm{FN}}", color=color),
        MathTex(r"\mathrm{FPR} = \frac{\mathrm{FP}}{\mathrm{FP} + \mathrm{TN}}", color=color),
        MathTex(
            r"\mathrm{AUC} = \int_0^1 \mathrm{TPR}\, d\,\mathrm{FPR}"
            r" = P\left(s_{+} > s_{-}\right) + \tfrac{1}{2} P\left(s_{+} = s_{-}\right)",
            color=color,
        ),
    )
    return lines.arrange(DOWN, buff=0.5, aligned_edge=LEFT).move_to(0.2 * UP)


class RocAuc(ThresholdStory):
    """ROC & AUC, after MLU Explain's essay of the same name."""

    slug = "roc-auc"
    title = "ROC & AUC"
    summary = (
        "A decision threshold sweeps a real classifier's scores, tracing the ROC "
        "curve; the area under it is the chance a positive outranks a negative."
    )
    poster = "auc"
    Params = RocAucParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_scores()
        self.show_threshold()
        self.show_sweep()
        self.show_auc()
        self.show_pairs()
        self.show_comparison()
        self.show_definitions()

    def prepare_data(self) -> None:
        """Take the scores and compute their ROC curve (as far as it shows) and AUC."""
        self.prepare_scores()
        self.fpr, self.tpr, self.thresholds = thinned(
            *roc_curve(self.y_true, self.y_score, drop_intermediate=False), width=ROC_SIDE
        )
        self.auc = roc_auc_score(self.y_true, self.y_score)

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "How well does a classifier rank?",
            "A classifier does not say yes or no: it gives a score.",
            seconds=2.5,
        )

    # Scores
    def show_scores(self) -> None:
        """Show every sample as a dot at its score."""
        self.chapter("Scores")
        n_pos = int(self.y_true.sum())
        n_neg = int(self.y_true.size - n_pos)
        self.strip = self.build_strip([-2.85, 0.85, 0.0])
        self.caption(
            f"{self.words.scorer} scored {self.y_true.size:,} {self.words.items}: "
            f"{n_pos:,} {self.words.positive} on top, {n_neg:,} {self.words.negative} below."
        )
        self.show_strip()
        self.wait(2)
        self.key_frame("scores")

    # Threshold
    def show_threshold(self) -> None:
        """Cut the scores at a threshold and count the four outcomes."""
        self.chapter("Threshold")
        self.threshold = ValueTracker(self.score_at(self.params.threshold))
        self.marker = ThresholdMarker(self.strip, self.threshold, self.theme)
        self.matrix = ConfusionMatrix(
            self.theme, cell_height=0.8, class_names=("+", MINUS), tabular=self.tabular
        )
        self.matrix.shift(np.array([-3.4, -1.45, 0.0]) - self.matrix.cells.get_center())
        self.tpr_readout = Readout("TPR", 0.0, self.theme, color=self.theme.palette.positive)
        self.fpr_readout = Readout("FPR", 0.0, self.theme, color=self.theme.palette.negative)
        readouts = VGroup(self.tpr_readout, self.fpr_readout).arrange(DOWN, aligned_edge=LEFT)
        readouts.next_to(self.matrix.cells, RIGHT, buff=0.45)
        self.follow_threshold(
            {"tpr": self.tpr_readout, "fpr": self.fpr_readout},
            (self.matrix, lambda matrix: matrix.set_counts(*self.confusion_now())),
        )
        self.caption(
            f"Scores at or above the threshold are called {self.words.positive}: filled dots. "
            "The matrix counts right and wrong calls."
        )
        self.play(FadeIn(self.marker))
        self.play(FadeIn(self.matrix), FadeIn(readouts))
        self.wait(2)
        self.key_frame("threshold")
        self.caption(
            f"TPR: the share of {self.words.positive} {self.words.items} caught. "
            f"FPR: the share of {self.words.negative} ones wrongly flagged."
        )
        self.wait(3.5)

    # Sweep
    def show_sweep(self) -> None:
        """Slide the threshold from the top of the score axis to its foot, tracing the ROC."""
        self.chapter("Sweeping the threshold")
        self.roc = RocAxes(self.theme, side=ROC_SIDE)
        self.roc.shift(np.array([3.95, 0.35, 0.0]) - self.roc.axes.get_center())
        self.roc_dot = self.roc.build_dot(0.0, 0.0)
        self.roc_dot.add_updater(lambda dot: dot.move_to(self.roc.point(*self.current_rates())))
        self.traced = self.roc.build_curve([0.0, 0.0], [0.0, 0.0])
        self.traced.add_updater(lambda curve: curve.become(self.traced_curve()))
        self.play(FadeIn(self.roc))
        self.move_threshold(self.score_at(1.0), run_time=1.5)
        self.add(self.traced, self.roc_dot)
        self.caption(
            f"Lower the threshold: more {self.words.positive} {self.words.items} are caught "
            f"(TPR rises), but more {self.words.negative} ones are flagged too (FPR rises)."
        )
        half = self.params.sweep_seconds / 2
        middle, bottom = self.score_at(0.45), self.score_at(0.0)
        self.move_threshold(middle, run_time=half, rate_func=linear)
        self.wait(1)
        self.key_frame("sweep")
        self.move_threshold(bottom, run_time=half, rate_func=linear)
        self.traced.clear_updaters()  # the curve is whole and the point at its end
        self.roc_dot.clear_updaters()
        self.wait(1)

    def current_rates(self) -> tuple[float, float]:
        """Return (FPR, TPR) at the current threshold."""
        confusion = self.confusion_now()
        return confusion.fpr, confusion.tpr

    def traced_curve(self):
        """Return the ROC curve over the thresholds passed so far, to the ROC point."""
        passed = self.thresholds >= self.threshold.get_value()
        fpr = np.concatenate([[0.0], self.fpr[passed]])
        tpr = np.concatenate([[0.0], self.tpr[passed]])
        now = self.current_rates()
        if (fpr[-1], tpr[-1]) != now:  # the thinned curve skipped the point we are at
            fpr, tpr = np.append(fpr, now[0]), np.append(tpr, now[1])
        return self.roc.build_curve(fpr, tpr)

    # AUC
    def show_auc(self) -> None:
        """Shade the area under the full curve and give its value."""
        self.chapter("Area under the curve")
        area = self.roc.build_area(self.fpr, self.tpr)
        label = build_text(f"AUC = {self.auc:.2f}", self.theme, "heading", weight="BOLD")
        label.move_to(self.roc.point(0.62, 0.25))
        self.caption(
            f"The area under the curve sums up every threshold at once: AUC = {self.auc:.2f}."
        )
        self.play(FadeIn(area), Write(label))
        self.wait(2.5)
        self.key_frame("auc")
        self.auc_label = label
        self.wait(1.5)

    # AUC as a probability
    def show_pairs(self) -> None:
        """Draw random (positive, negative) pairs: AUC is how often they are in order."""
        self.chapter("AUC is a probability")
        self.stop_following_threshold()
        self.play(FadeOut(self.matrix, self.tpr_readout, self.fpr_readout, self.marker))
        self.strip.show_predictions(np.ones(self.shown.size, dtype=bool))
        shown_true, shown_score = self.y_true[self.shown], self.y_score[self.shown]
        positive, negative = random_pairs(shown_true, self.params.n_pairs, seed=self.params.seed)
        outcomes = pair_outcomes(shown_score, positive, negative)
        tally = Readout("share of pairs in order", 0.0, self.theme, fmt=".2f")
        tally.move_to([-3.1, -1.2, 0.0])
        self.caption(
            f"Pick one {self.words.positive} and one {self.words.negative} {self.words.item} "
            f"at random: how often does the {self.words.positive} one score higher?"
        )
        self.play(FadeIn(tally))
        for start, stop in pair_batches(outcomes.size):
            links = VGroup(
                *(
                    self.build_pair_link(int(positive[k]), int(negative[k]), outcomes[k])
                    for k in range(start, stop)
                )
            )
            tally.set_value(float(outcomes[:stop].mean()))
            self.play(Create(links), run_time=0.8 if stop <= SLOW_PAIRS else 0.35)
            self.play(FadeOut(links), run_time=0.3 if stop <= SLOW_PAIRS else 0.15)
        n_pos = int(self.y_true.sum())
        every = n_pos * (self.y_true.size - n_pos)
        self.caption(
            f"{outcomes.size} random pairs: {outcomes.mean():.2f} in order. Over all "
            f"{every:,} pairs the share is {self.auc:.2f}: exactly the AUC."
        )
        self.wait(3)
        self.key_frame("pairs")
        self.wait(1.5)
        self.play(FadeOut(tally))

    def build_pair_link(self, positive: int, negative: int, outcome: float) -> Line:
        """Return a line joining a pair's dots, coloured by whether it is in order."""
        palette = self.theme.palette
        color = palette.good if outcome == 1.0 else palette.bad
        start = self.strip.dots[positive].get_center()
        end = self.strip.dots[negative].get_center()
        return Line(start, end, color=color, stroke_width=4)

    # Comparison
    def show_comparison(self) -> None:
        """Set a random and a near-perfect classifier beside this one."""
        self.chapter("Worse and better classifiers")
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))
        axis = score_axis(self.y_score, max_intervals=PANEL_INTERVALS)
        panels = VGroup(
            *(
                build_comparison_panel(scores, title, self.theme, axis)
                for scores, title in self.comparison_classifiers(axis)
            )
        ).arrange(RIGHT, buff=1.0)
        panels.move_to(0.25 * UP)
        note = shown_note(PANEL_DOTS, self.y_true.size, self.words.items)
        if note is not None:
            text = build_text(
                f"each strip: {note}", self.theme, "small", color=self.theme.palette.muted
            )
            panels.add(text.next_to(panels, DOWN, buff=0.15))
        self.caption(
            "A random scorer hugs the diagonal (AUC near 0.5); "
            "the better the classes separate, the closer AUC gets to 1."
        )
        self.play(LaggedStart(*(FadeIn(p) for p in panels), lag_ratio=0.4, run_time=3))
        self.wait(4)
        self.key_frame("compare")
        self.play(FadeOut(panels))

    def comparison_classifiers(self, axis: ScoreAxis) -> list[tuple[ClassifierScores, str]]:
        """Return a random scorer, this one and a better one, with their titles.

        Made-up scores span ``axis``, as the scores they are set beside do.
        """
        seed = self.params.seed
        if self.data is not None:
            made_up = [
                random_scores(self.y_true, seed=seed),
                perfect_scores(self.y_true, seed=seed),
            ]
            guessing, perfect = (replace(s, y_score=axis.scores_at(s.y_score)) for s in made_up)
            return [(guessing, "random"), (self.scores, self.scores.name), (perfect, "perfect")]
        worse = (random_scores(self.y_true, seed=seed), "random")
        strong = breast_cancer_scores(seed=seed, test_size=self.params.test_size)
        return [worse, (self.scores, "2 features"), (strong, "all 30 features")]

    # Definitions
    def show_definitions(self) -> None:
        """Close on the definitions."""
        self.chapter("In short")
        definitions = build_definitions(self.theme)
        self.caption("ROC: TPR against FPR at every threshold. AUC: the area beneath it.")
        self.play(LaggedStart(*(Write(line) for line in definitions), lag_ratio=0.6, run_time=4))
        self.wait(3)
        self.key_frame("definitions")
        self.wait(1)
