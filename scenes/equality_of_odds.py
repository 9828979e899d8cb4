"""Equality of odds: one threshold, two groups, unequal errors; per-group thresholds fix it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MathTex,
    Text,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mlu_math.confusion import Confusion, predict_at_threshold
from mlu_math.fairness import (
    EqualizedOdds,
    equalized_odds_thresholds,
    group_confusions,
    group_names,
    group_roc_curves,
    lending_scores,
    most_accurate_threshold,
    pooled_accuracy,
)
from mlu_math.ranking import auc
from mlu_math.sampling import stratified_sample
from mlu_math.score_axis import score_axis
from mlu_math.scores import ClassifierScores
from mlu_math.threshold_counts import threshold_counts
from scenes.base import BaseParams, ExplainerScene
from scenes.components import (
    Readout,
    RocAxes,
    ScoreStrip,
    ThresholdMarker,
    build_text,
)
from scenes.components.group_rates import GroupRates
from scenes.components.score_strip import score_text
from scenes.components.share_bars import ShareBars
from scenes.components.text import MINUS
from scenes.theme import Theme
from scenes.threshold_story import shown_note, thinned

__all__ = ["EqualityOfOdds", "EqualityOfOddsParams"]

GROUP_ROLES = ("group_a", "group_b")
"""Palette roles that colour the two groups (until the theme has group roles)."""

STRIP_WIDTH = 4.8
ROW_HEIGHT = 0.72
STRIP_CENTERS = (np.array([-3.05, 0.95, 0.0]), np.array([-3.05, -1.95, 0.0]))
"""Where each group's score axis is centred."""
PANEL_LEFT = 0.3
ROC_CENTER = np.array([4.8, 0.5, 0.0])
ROC_SIDE = 3.5
COST_LEFT = 2.45
"""Left edge of the accuracy comparison, clear of the rate panels."""
SWEEP_STOPS = (0.9, 0.15)
"""Places along the score axis (0 left, 1 right) the shared sweep visits before
settling on the most accurate threshold."""
DOTS_PER_GROUP = 200
"""Most dots each group's strip draws; larger groups show a stratified sample."""


@dataclass(frozen=True)
class Wording:
    """The words captions use for the samples, classes and decisions."""

    class_names: tuple[str, str]
    case: str
    cases: str
    positives: str
    negatives: str
    positive_verb: str
    accepted: str
    refused: str


LENDING = Wording(
    class_names=("repays", "defaults"),
    case="applicant",
    cases="applicants",
    positives="repayers",
    negatives="defaulters",
    positive_verb="repay",
    accepted="approved",
    refused="rejected",
)
GENERIC = Wording(
    class_names=("positive", "negative"),
    case="sample",
    cases="samples",
    positives="positives",
    negatives="negatives",
    positive_verb="are positive",
    accepted="called positive",
    refused="called negative",
)


@dataclass(frozen=True)
class EqualityOfOddsParams(BaseParams):
    """Parameters of the equality-of-odds scene.

    Attributes
    ----------
    seed
        Seeds the built-in population. 3 by default: a draw whose story is
        clear and whose accuracy cost (2 points) is near the population's
        expected cost (about 3 points); seed 0's draw costs only 0.5.
    n_per_group
        Applicants drawn in each group of the built-in population.
    tolerance
        Largest gap in FPR and in FNR allowed between the groups when the
        equalising thresholds are chosen.
    sweep_seconds
        How long the shared threshold's sweep takes.
    """

    seed: int = 3
    n_per_group: int = 100
    tolerance: float = 0.03
    sweep_seconds: float = 10.0

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 20 <= self.n_per_group <= 300:
            raise ValueError(f"n_per_group must be in [20, 300], got {self.n_per_group}")
        if not 0.0 <= self.tolerance <= 0.2:
            raise ValueError(f"tolerance must be in [0, 0.2], got {self.tolerance}")
        if not 2.0 <= self.sweep_seconds <= 60.0:
            raise ValueError(f"sweep_seconds must be in [2, 60], got {self.sweep_seconds}")


def group_colors(theme: Theme) -> tuple[str, str]:
    """Return the colours of the two groups, by palette role."""
    first, second = (getattr(theme.palette, role) for role in GROUP_ROLES)
    return first, second


def percent(share: float) -> str:
    """Return ``share`` as a whole percentage, e.g. ``48%``."""
    return f"{share:.0%}"


def build_legend(roc: RocAxes, names: tuple[str, str], theme: Theme) -> VGroup:
    """Return a key of the groups' curve colours, in the plot's empty corner."""
    legend = VGroup()
    for k, (name, color) in enumerate(zip(names, group_colors(theme), strict=True)):
        y = 0.22 - 0.13 * k
        line = Line(roc.point(0.5, y), roc.point(0.62, y), color=color, stroke_width=5)
        label = build_text(name, theme, "label", color=color)
        label.next_to(line, RIGHT, buff=0.12)
        legend.add(VGroup(line, label))
    return legend


def build_definition(theme: Theme) -> VGroup:
    """Return the closing card: the definition, its symbols and its two halves."""
    palette = theme.palette
    formula = MathTex(
        r"P(\hat{Y}=1 \mid Y=y,\, A=a) \;=\; P(\hat{Y}=1 \mid Y=y,\, A=b)",
        color=palette.text,
        font_size=42,
    )
    lines = VGroup(
        build_text(
            "\N{LATIN CAPITAL LETTER Y WITH CIRCUMFLEX}: the decision,  Y: the true class,  "
            "A: the group",
            theme,
            "label",
            color=palette.muted,
        ),
        build_text("for y = 1: equal true positive rates, so equal FNR", theme, "body"),
        build_text("for y = 0: equal false positive rates", theme, "body"),
        build_text(
            "Post-processing: the model stays; only each group's threshold moves.",
            theme,
            "body",
            color=palette.muted,
        ),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    return VGroup(formula, lines).arrange(DOWN, buff=0.55).move_to(0.3 * UP)


def build_cost_block(rows: list[tuple[str, float]], theme: Theme) -> VGroup:
    """Return the accuracy comparison: a heading over one bar per choice."""
    bars = ShareBars(rows, theme, length=2.8, colors=[theme.palette.axis] * len(rows))
    heading = build_text("accuracy, both groups", theme, "body", weight="SEMIBOLD")
    block = VGroup(heading, bars).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
    return block.move_to([COST_LEFT, 0.55, 0.0], aligned_edge=LEFT)


class EqualityOfOdds(ExplainerScene):
    """Equality of odds, after MLU Explain's essay of the same name."""

    slug = "equality-of-odds"
    title = "Equality of Odds"
    summary = (
        "One model, two groups: a shared threshold gives them unequal error rates; "
        "per-group thresholds equalise FPR and FNR at a small cost in accuracy."
    )
    poster = "equalised"
    Params = EqualityOfOddsParams
    accepts_data = True
    data_needs_group = True

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_groups()
        self.show_one_threshold()
        self.show_roc_curves()
        self.show_equalised_odds()
        self.show_cost()
        self.show_definition()

    @classmethod
    def check_data(cls, data: ClassifierScores) -> None:
        """Refuse data without two groups that each hold both classes."""
        if data.group is None:
            raise ValueError("equality-of-odds needs each sample's group (a 'group' column)")
        group_roc_curves(data.y_true, data.y_score, data.group)

    def prepare_data(self) -> None:
        """Take the user's grouped scores or draw the lending population.

        Every count and curve is of all samples; each group's strip draws at
        most :data:`DOTS_PER_GROUP` of them (a stratified sample).
        """
        self.scores = self.data if self.data is not None else self.built_in_scores()
        self.check_data(self.scores)
        self.words = GENERIC if self.data is not None else LENDING
        y_true, y_score, group = self.scores.y_true, self.scores.y_score, self.scores.group
        self.names = group_names(group)
        self.members = [np.asarray(group).astype(str) == name for name in self.names]
        self.axis = score_axis(y_score)
        self.counts = [threshold_counts(y_true[m], y_score[m]) for m in self.members]
        self.shown = [
            np.flatnonzero(m)[stratified_sample(y_true[m], y_score[m], DOTS_PER_GROUP)]
            for m in self.members
        ]
        curves = group_roc_curves(y_true, y_score, group)
        self.areas = [auc(*curves[name][:2]) for name in self.names]
        self.curves = {name: thinned(*curve, width=ROC_SIDE) for name, curve in curves.items()}
        self.shared = most_accurate_threshold(y_true, y_score)
        self.shared_confusions = group_confusions(y_true, y_score, group, self.shared)
        self.fair: EqualizedOdds = equalized_odds_thresholds(
            y_true, y_score, group, tolerance=self.params.tolerance
        )

    def built_in_scores(self) -> ClassifierScores:
        """Return the seeded, made-up lending population."""
        return lending_scores(seed=self.params.seed, n_per_group=self.params.n_per_group)

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        if self.data is None:
            opening = (
                "A lender's model scores loan applicants from two groups, A and B. "
                "Made-up data: no real people."
            )
        else:
            opening = f"A classifier scores samples from two groups: {' and '.join(self.names)}."
        self.show_title_card("Is a model equally wrong for everyone?", opening, seconds=3)

    # Groups
    def show_groups(self) -> None:
        """Show each group's scores on its own strip, with its base rate."""
        self.chapter("Two groups, one model")
        words = self.words
        self.strips = [self.build_strip(k) for k in range(2)]
        self.panels = [self.build_panel(k) for k in range(2)]
        self.base_rates = [self.build_base_rate(k) for k in range(2)]
        self.caption(
            f"{self.describe_sizes()}. Top row of each group: {words.positives}; "
            f"bottom row: {words.negatives}. Each dot sits at its score."
        )
        for k, strip in enumerate(self.strips):
            self.play(
                Create(strip.axis),
                FadeIn(strip.ticks, strip.row_labels, self.panels[k].heading, self.base_rates[k]),
            )
            self.play(LaggedStart(*(FadeIn(d, scale=0.5) for d in strip.dots), run_time=1.5))
            self.gather(strip)
        self.wait(1.5)
        if self.data is None:
            self.caption(
                "The scores are honest in both groups (of those scored 0.7, about 70% repay), "
                "but group B's sit lower: fewer of B repay."
            )
            self.wait(4)
        self.key_frame("groups")

    def describe_sizes(self) -> str:
        """Return how many samples each group holds, for a caption."""
        sizes = [int(m.sum()) for m in self.members]
        if sizes[0] == sizes[1]:
            return f"{sizes[0]:,} {self.words.cases} in each group"
        return f"{sizes[0]:,} and {sizes[1]:,} {self.words.cases}"

    def build_strip(self, k: int) -> ScoreStrip:
        """Return group ``k``'s score strip, in its place on the left."""
        rows = self.shown[k]
        strip = ScoreStrip(
            self.scores.y_true[rows],
            self.scores.y_score[rows],
            self.theme,
            width=STRIP_WIDTH,
            row_height=ROW_HEIGHT,
            class_names=self.words.class_names,
            axis=self.axis,
            note=shown_note(rows.size, int(self.members[k].sum()), self.words.cases),
        )
        return strip.shift(STRIP_CENTERS[k] - strip.axis.get_center())

    def build_panel(self, k: int) -> GroupRates:
        """Return group ``k``'s rate panel, beside its strip."""
        color = group_colors(self.theme)[k]
        panel = GroupRates(self.names[k], self.theme, color=color, fmt=".0%")
        middle = STRIP_CENTERS[k][1] + ROW_HEIGHT
        return panel.move_to([PANEL_LEFT, middle, 0.0], aligned_edge=LEFT)

    def build_base_rate(self, k: int) -> Text:
        """Return ``65 of 100 repay`` under group ``k``'s heading."""
        labels = self.scores.y_true[self.members[k]]
        text = f"{int(labels.sum()):,} of {labels.size:,}\n{self.words.positive_verb}"
        note = build_text(text, self.theme, "body", color=self.theme.palette.muted)
        return note.next_to(self.panels[k].heading, DOWN, buff=0.16, aligned_edge=LEFT)

    # One threshold
    def show_one_threshold(self) -> None:
        """Cut both groups at one threshold and sweep it; the rates differ."""
        self.chapter("One threshold for everyone")
        words = self.words
        start = self.axis.score_at(0.5)
        self.cuts = [ValueTracker(start), ValueTracker(start)]
        self.markers = [
            ThresholdMarker(strip, cut, self.theme)
            for strip, cut in zip(self.strips, self.cuts, strict=True)
        ]
        self.follow_thresholds()
        self.caption(
            f"One threshold for all: {words.cases} scoring at or above it are "
            f"{words.accepted} (filled dots)."
        )
        self.play(*(FadeIn(m) for m in self.markers))
        self.play(FadeOut(*self.base_rates), *(FadeIn(p.fnr, p.fpr) for p in self.panels))
        for panel in self.panels:
            self.gather(panel)
        self.wait(1.5)
        self.caption(
            f"FNR: share of {words.positives} wrongly {words.refused}. "
            f"FPR: share of {words.negatives} wrongly {words.accepted}."
        )
        self.sweep_shared(self.params.sweep_seconds)
        self.caption(self.shared_caption())
        self.wait(5)
        self.key_frame("one-threshold")

    def shared_caption(self) -> str:
        """Return the caption that reads out the rates at one threshold."""
        a, b = self.shared_confusions.values()
        first, second = self.names
        words = self.words
        return (
            f"Most accurate single threshold, {self.score_text(self.shared)}: {words.refused} "
            f"{words.positives} {percent(a.fnr)} in {first}, {percent(b.fnr)} in {second}; "
            f"{words.accepted} {words.negatives} {percent(a.fpr)} and {percent(b.fpr)}."
        )

    def sweep_shared(self, seconds: float) -> None:
        """Move the shared threshold through its stops to the most accurate one."""
        places = (self.axis.score_at(place) for place in SWEEP_STOPS)
        stops = [self.cuts[0].get_value(), *places, self.shared]
        lengths = [abs(b - a) for a, b in pairwise(stops)]
        total = sum(lengths)
        for stop, length in zip(stops[1:], lengths, strict=True):
            self.move_cuts(
                [stop, stop], run_time=max(seconds * length / total, 0.3), rate_func=linear
            )
        self.wait(0.5)

    def move_cuts(self, scores: list[float], **play_options: Any) -> None:
        """Slide each group's threshold to its score (``play_options`` go to ``play``).

        The trackers draw nothing, so they leave the stage afterwards: at a
        score far from 0 their position would lie outside the frame.
        """
        moves = (cut.animate.set_value(score) for cut, score in zip(self.cuts, scores, strict=True))
        self.play(*moves, **play_options)
        self.remove(*self.cuts)

    def follow_thresholds(self) -> None:
        """Keep each group's dots and rates in step with its threshold.

        Each picture that changes carries its own updater: manim redraws only
        mobjects that move.
        """
        for k in range(2):
            strip, panel = self.strips[k], self.panels[k]
            strip.add_updater(lambda m, k=k: m.show_predictions(self.predicted_now(k)))
            panel.add_updater(lambda m, k=k: m.set_confusion(self.confusion_now(k)))
            strip.update()
            panel.update()

    def confusion_now(self, k: int) -> Confusion:
        """Return group ``k``'s counts (all its samples) at its current threshold."""
        return self.counts[k].at(self.cuts[k].get_value())

    def predicted_now(self, k: int) -> np.ndarray:
        """Return which of group ``k``'s shown samples are predicted positive now."""
        return predict_at_threshold(self.scores.y_score[self.shown[k]], self.cuts[k].get_value())

    def score_text(self, score: float) -> str:
        """Write a score (a threshold, say) as the score axis does."""
        return score_text(score, self.axis.decimals)

    def accuracy_now(self) -> float:
        """Return the accuracy over both groups at the current thresholds."""
        return pooled_accuracy(self.confusion_now(k) for k in range(2))

    # ROC curves
    def show_roc_curves(self) -> None:
        """Draw each group's ROC curve; one threshold sits at different points."""
        self.chapter("One ROC curve per group")
        self.roc = RocAxes(
            self.theme, side=ROC_SIDE, tick_step=0.5, y_label=f"TPR = 1 {MINUS} FNR", x_label="FPR"
        )
        self.roc.shift(ROC_CENTER - self.roc.axes.get_center())
        colors = group_colors(self.theme)
        self.roc_curves = VGroup(
            *(
                self.roc.build_curve(*self.curves[name][:2], color=color)
                for name, color in zip(self.names, colors, strict=True)
            )
        )
        self.roc_dots = VGroup(*(self.build_roc_dot(k) for k in range(2)))
        self.legend = build_legend(self.roc, self.names, self.theme)
        self.accuracy = Readout("accuracy, both groups", self.accuracy_now(), self.theme, fmt=".1%")
        self.accuracy.next_to(self.roc.axes, UP, buff=0.35)
        self.accuracy.align_to(self.roc.axes, RIGHT).shift(0.3 * LEFT)
        self.accuracy.add_updater(lambda m: m.set_value(self.accuracy_now()))
        self.caption(self.roc_caption())
        self.play(FadeIn(self.roc), FadeIn(self.legend), FadeIn(self.accuracy))
        self.play(*(Create(c) for c in self.roc_curves), run_time=2)
        self.play(FadeIn(self.roc_dots))
        self.wait(3)
        self.caption(
            "Slide the shared threshold: both dots move, each along its own group's "
            "curve, and the accuracy changes with them."
        )
        self.sweep_shared(self.params.sweep_seconds * 0.6)
        self.wait(1.5)
        self.key_frame("roc")

    def roc_caption(self) -> str:
        """Return the caption that introduces the two ROC curves."""
        areas = self.areas
        how = "about equally well" if abs(areas[0] - areas[1]) < 0.05 else "unequally well"
        return (
            f"The model ranks both groups {how} (AUC {areas[0]:.2f} and {areas[1]:.2f}), "
            "yet one threshold puts them at different points of their ROC curves."
        )

    def build_roc_dot(self, k: int) -> Dot:
        """Return group ``k``'s operating point, following its threshold."""
        dot = self.roc.build_dot(0.0, 0.0, color=group_colors(self.theme)[k])
        dot.add_updater(lambda m, k=k: m.move_to(self.roc.point(*self.rates_now(k))))
        dot.update()
        return dot

    def rates_now(self, k: int) -> tuple[float, float]:
        """Return group ``k``'s (FPR, TPR) now."""
        confusion = self.confusion_now(k)
        return confusion.fpr, confusion.tpr

    # Equalised odds
    def show_equalised_odds(self) -> None:
        """Give each group its own threshold so that both dots meet."""
        self.chapter("Equalised odds")
        cuts = [self.fair.thresholds[name] for name in self.names]
        points = f"{100 * self.params.tolerance:g}"
        self.caption(
            "Equalised odds asks for the same FPR and the same FNR in every group: "
            "the same point on both curves."
        )
        self.wait(3.5)
        self.caption(
            "Keep the model, give each group its own threshold: of all pairs, the most "
            f"accurate whose FPRs and FNRs differ by at most {points} points."
        )
        self.move_cuts(cuts, run_time=4)
        self.wait(0.5)
        self.ring = self.build_meeting_ring()
        self.play(Create(self.ring))
        self.wait(2.5)
        self.key_frame("equalised")
        self.caption(
            f"Rates move in steps of one {self.words.case}: exact equality would need "
            "randomised thresholds (Hardt et al. 2016). We keep fixed ones."
        )
        self.wait(4.5)

    def build_meeting_ring(self) -> Circle:
        """Return a ring around the point where the groups now meet."""
        points = [self.roc.point(*self.rates_now(k)) for k in range(2)]
        center = (points[0] + points[1]) / 2
        radius = max(0.24, float(np.linalg.norm(points[0] - points[1])) / 2 + 0.15)
        ring = Circle(radius=radius, color=self.theme.palette.muted, stroke_width=4)
        return ring.move_to(center)

    # Cost
    def show_cost(self) -> None:
        """Compare the accuracy of one threshold with the equalising pair."""
        self.chapter("What it costs")
        self.accuracy.clear_updaters()
        roc_parts = [self.roc, self.roc_curves, self.roc_dots, self.legend, self.ring]
        self.play(FadeOut(*roc_parts, self.accuracy))
        shared_accuracy = pooled_accuracy(self.shared_confusions.values())
        cuts = " and ".join(self.score_text(self.fair.thresholds[name]) for name in self.names)
        block = build_cost_block(
            [
                (f"one threshold, {self.score_text(self.shared)}", shared_accuracy),
                (f"equalised odds, {cuts}", self.fair.accuracy),
            ],
            self.theme,
        )
        heading, bars = block
        self.caption(self.cost_caption())
        self.play(FadeIn(heading), LaggedStart(*(FadeIn(bars.row(k)) for k in range(2))))
        self.wait(5)
        self.key_frame("cost")

    def cost_caption(self) -> str:
        """Return the caption that weighs the mistakes added (or saved)."""
        shared = self.shared_confusions.values()
        n = sum(c.n for c in shared)
        mistakes = [
            sum(c.fp + c.fn for c in confusions)
            for confusions in (shared, self.fair.confusions.values())
        ]
        extra = mistakes[1] - mistakes[0]
        cases = self.words.cases
        if extra > 0:
            return (
                f"The price: {extra:,} more of {n:,} {cases} misjudged, in exchange for "
                "errors that fall equally on both groups."
            )
        change = f"{-extra:,} fewer" if extra < 0 else "no more"
        return (
            f"No price this time: {change} of {n:,} {cases} misjudged, and the "
            "errors now fall equally on both groups."
        )

    # Definition
    def show_definition(self) -> None:
        """Close on the definition."""
        self.chapter("In short")
        for mobject in [*self.strips, *self.panels]:
            mobject.clear_updaters()
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))
        formula, lines = build_definition(self.theme)
        self.caption(
            "Equalised odds: the same true and false positive rates in every group, "
            "whatever their base rates."
        )
        self.play(Write(formula), run_time=2)
        self.play(LaggedStart(*(FadeIn(line) for line in lines), lag_ratio=0.5))
        self.wait(3)
        self.key_frame("definition")
        self.wait(1)
