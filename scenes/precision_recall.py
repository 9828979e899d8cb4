"""Precision & recall: a threshold sweeps a classifier's scores; F1 and imbalance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mlu_math.confusion import Confusion, confusion_at_threshold, predict_at_threshold
from mlu_math.ranking import precision_recall_curve
from mlu_math.score_axis import ScoreAxis
from mlu_math.threshold_metrics import (
    ThresholdMetrics,
    best_f1,
    f1_isoline,
    harmonic_mean,
    metrics_at_thresholds,
    subsample_positives,
)
from scenes.base import check_range
from scenes.components import (
    ConfusionMatrix,
    ScoreStrip,
    ThresholdMarker,
    build_text,
)
from scenes.components.baseline_readout import BaselineReadout, text_baseline
from scenes.components.metric_chart import MetricChart
from scenes.components.text import MINUS, TextRole
from scenes.components.text_table import Cell, build_text_table
from scenes.theme import Theme
from scenes.threshold_story import ThresholdStory, ThresholdStoryParams, Wording, thinned

__all__ = ["PrecisionRecall", "PrecisionRecallParams"]

METRICS = ("accuracy", "precision", "recall", "F1")
N_GRID = 401
"""Thresholds at which the metric curves are computed, evenly along the score axis."""
F1_LEVELS = (0.2, 0.4, 0.6, 0.8)
EQUAL_MEANS = ((0.5, 0.5), (0.2, 0.8), (0.05, 0.95))
"""(recall, precision) pairs with the same arithmetic mean, 0.5."""
HEAT_CELLS = 16
"""Cells along each side of the F1 heat map; a letter fits in one cell."""
F1_TEX = r"F_1 = \frac{2\cdot\text{precision}\cdot\text{recall}}{\text{precision} + \text{recall}}"
UNDEFINED = "undefined"
"""Shown for a rate whose denominator is 0 (precision with no yes at all)."""
READOUT_STEP = 0.5
"""Distance between the baselines of stacked readouts."""
STRIP_AXIS = np.array([-2.85, 0.85, 0.0])
"""Where the centre of the score strip's axis sits."""
PR_SIDE = 3.9
"""Length of each axis of the precision-recall and F1 charts."""
TABLE_RIGHT = 6.7
"""Where the right edge of the imbalance beat's outcome table sits."""
TABLE_GAP = 0.3
"""Least room between the imbalance beat's strip and its table."""


@dataclass(frozen=True)
class PrecisionRecallParams(ThresholdStoryParams):
    """Parameters of the precision & recall scene (the threshold sweeps from 0 to 1).

    Attributes
    ----------
    positive_share
        Share of positives kept when the imbalance beat subsamples them; the
        imbalance beat also uses ``threshold``.
    """

    positive_share: float = 0.05

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("positive_share", self.positive_share, 0.01, 0.3)


def metric_colors(theme: Theme) -> dict[str, str]:
    """Return the colour of each metric's curve and readout, by theme role."""
    palette = theme.palette
    return {
        "accuracy": palette.muted,
        "precision": palette.negative,
        "recall": palette.positive,
        "F1": palette.curve,
    }


def rate(value: float) -> str:
    """Format a rate for a caption; NaN (0 / 0) is "undefined"."""
    return UNDEFINED if np.isnan(value) else f"{value:.2f}"


def accuracy_against(accuracy: float, baseline: float) -> str:
    """Say how ``accuracy`` compares with ``baseline``, up to "finds", for a caption."""
    shown = percent(accuracy)
    if shown == percent(baseline):
        return f"is just as accurate ({shown}) but finds"
    if accuracy < baseline:
        return f"is less accurate ({shown}) but finds"
    return f"is more accurate ({shown}) and finds"


def percent(value: float) -> str:
    """Format a share as a whole percentage for a caption."""
    return f"{100 * value:.0f}%"


def letter_cell(x: float, y: float) -> tuple[float, float]:
    """Return the centre of a heat-map cell right of the point (x, y), for its letter.

    A label wholly inside one cell stays clear of the cell edges; the cell is
    one to the right of the point's nearest column, clear of its dot.
    """
    col = min(int(np.floor(x * HEAT_CELLS + 0.5)) + 1, HEAT_CELLS - 1)
    row = min(int(np.floor(y * HEAT_CELLS)), HEAT_CELLS - 1)
    return (col + 0.5) / HEAT_CELLS, (row + 0.5) / HEAT_CELLS


def build_readouts(theme: Theme, role: TextRole = "body") -> dict[str, BaselineReadout]:
    """Return a readout per metric, stacked, names right-aligned so the values line up."""
    colors = metric_colors(theme)
    readouts = {
        name: BaselineReadout(name, 0.0, theme, role=role, color=colors[name]) for name in METRICS
    }
    for index, readout in enumerate(readouts.values()):
        line = text_baseline(readout.label, theme, role)
        readout.shift(-index * READOUT_STEP * UP - line * UP - readout.label.get_right()[0] * RIGHT)
    return readouts


def build_metric_chart(
    metrics: ThresholdMetrics, theme: Theme, x_axis: ScoreAxis | None = None
) -> MetricChart:
    """Return a chart of the four metrics against the threshold, not yet traced.

    The thresholds run along ``x_axis``, or from 0 to 1 when it is ``None``.
    """
    chart = MetricChart(theme, width=4.6, height=3.3, x_axis=x_axis)
    for name, color in metric_colors(theme).items():
        values = getattr(metrics, name.lower())
        chart.add_series(name, metrics.thresholds, values, color)
    return chart


def build_f1_table(pairs: tuple[tuple[float, float], ...], theme: Theme) -> VGroup:
    """Return a table of recall, precision, their mean and F1 for each pair."""
    colors = metric_colors(theme)
    header = [("recall", colors["recall"]), ("precision", colors["precision"])]
    header += [("mean", theme.palette.muted), ("F1", colors["F1"])]
    rows: list[list[Cell]] = [
        [None, *((build_text(t, theme, "label", color=c), "label") for t, c in header)]
    ]
    for letter, (recall, precision) in zip("ABC", pairs, strict=False):
        f1 = float(harmonic_mean(precision, recall))
        texts = [letter, f"{recall:.2f}", f"{precision:.2f}", f"{(recall + precision) / 2:.2f}"]
        row: list[Cell] = [(build_text(text, theme, "body"), "body") for text in texts]
        row.append((build_text(f"{f1:.2f}", theme, "body", weight="BOLD"), "body"))
        rows.append(row)
    return build_text_table(rows, theme, row_step=0.58, col_gap=0.5)


def build_outcome_table(outcomes: dict[str, Confusion], words: Wording, theme: Theme) -> VGroup:
    """Return a table comparing classifiers: row names, then a column per classifier.

    Rows: positives found, false alarms, then the four metrics (an undefined
    one says so). Each heading is set on two lines, broken at its first space.
    """
    palette, colors = theme.palette, metric_colors(theme)
    names = {"found": (words.found, palette.muted), "false alarms": ("false alarms", palette.muted)}
    names |= {name: (name, colors[name]) for name in METRICS}
    headings = [heading.split(" ", 1) for heading in outcomes]
    rows: list[list[Cell]] = [
        [
            None,
            *((build_text(h[line], theme, "label", weight="SEMIBOLD"), "label") for h in headings),
        ]
        for line in range(2)
    ]
    for key, (name, color) in names.items():
        row: list[Cell] = [(build_text(name, theme, "label", color=color), "label")]
        for confusion in outcomes.values():
            text = outcome_cell(key, confusion)
            role: TextRole = "label" if text == UNDEFINED else "body"
            color = palette.muted if text == UNDEFINED else None
            row.append((build_text(text, theme, role, color=color), role))
        rows.append(row)
    steps = [0.3] + [0.5] * len(names)
    align = "r" + "c" * len(outcomes)
    return build_text_table(rows, theme, row_step=steps, col_gap=0.4, align=align)


def outcome_cell(row: str, confusion: Confusion) -> str:
    """Return the text of one cell of the outcome table, by row key."""
    if row == "found":
        return f"{confusion.tp:,} of {confusion.tp + confusion.fn:,}"
    if row == "false alarms":
        return f"{confusion.fp:,}"
    value = getattr(confusion, row.lower())
    return UNDEFINED if np.isnan(value) else f"{value:.2f}"


def build_definitions(theme: Theme) -> VGroup:
    """Return the closing card: the four definitions, typeset."""
    color = theme.palette.text
    lines = VGroup(
        MathTex(r"\text{precision} = \frac{\text{TP}}{\text{TP} + \text{FP}}", color=color),
        MathTex(r"\text{recall} = \frac{\text{TP}}{\text{TP} + \text{FN}}", color=color),
        MathTex(F1_TEX, color=color),
        MathTex(
            r"\text{accuracy} = \frac{\text{TP} + \text{TN}}"
            r"{\text{TP} + \text{TN} + \text{FP} + \text{FN}}",
            color=color,
        ),
    )
    lines.arrange(DOWN, buff=0.4, aligned_edge=LEFT).scale(0.85)
    return lines.move_to(0.3 * UP)


class PrecisionRecall(ThresholdStory):
    """Precision & recall, after MLU Explain's essay of the same name."""

    slug = "precision-recall"
    title = "Precision & Recall"
    summary = (
        "A decision threshold sweeps a real classifier's scores: precision rises as "
        "recall falls, F1 balances the two, and accuracy misleads on rare positives."
    )
    poster = "tradeoff"
    Params = PrecisionRecallParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_scores()
        self.show_threshold()
        self.show_sweep()
        self.show_pr_curve()
        self.show_f1()
        self.show_imbalance()
        self.show_definitions()

    def prepare_data(self) -> None:
        """Take the scores, their metric curves and their precision-recall curve."""
        self.prepare_scores()
        if self.y_true.all() or not self.y_true.any():
            raise ValueError("the scores must hold both positive (1) and negative (0) samples")
        grid = np.linspace(self.axis.low, self.axis.high, N_GRID)
        self.metrics = metrics_at_thresholds(self.y_true, self.y_score, grid)
        self.best_threshold, self.best_f1 = best_f1(self.y_true, self.y_score)
        precision, recall, _ = precision_recall_curve(self.y_true, self.y_score)
        self.recall, self.precision = thinned(recall, precision, width=PR_SIDE)

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "What is a classifier's yes worth?",
            f"A classifier gives each {self.words.item} a score; "
            "a threshold turns the scores into yes or no.",
            seconds=2.5,
        )

    # Scores
    def show_scores(self) -> None:
        """Show every sample as a dot at its score, one row per class."""
        self.chapter("Scores")
        words = self.words
        n_pos = int(self.y_true.sum())
        self.strip = self.build_strip(STRIP_AXIS)
        positive_scores = self.y_score[self.y_true == 1]
        overlap = positive_scores.min() <= self.y_score[self.y_true == 0].max()
        self.caption(
            f"{words.scorer} scored {self.y_true.size:,} {words.items}: {n_pos:,} "
            f"{words.positive} on top, {self.y_true.size - n_pos:,} {words.negative} below."
            + (" The rows overlap." if overlap else "")
        )
        self.show_strip(run_time=2)
        self.wait(2)
        self.key_frame("scores")

    # Threshold
    def show_threshold(self) -> None:
        """Cut the scores at a threshold; count the outcomes and the metrics."""
        self.chapter("Threshold")
        words = self.words
        self.threshold = ValueTracker(self.score_at(self.params.threshold))
        self.marker = ThresholdMarker(self.strip, self.threshold, self.theme)
        self.matrix = ConfusionMatrix(
            self.theme,
            cell_width=1.3,
            cell_height=0.72,
            class_names=("+", MINUS),
            tabular=self.tabular,
        )
        self.matrix.shift(np.array([-3.85, -1.55, 0.0]) - self.matrix.cells.get_center())
        self.readouts = build_readouts(self.theme)
        readouts = VGroup(*self.readouts.values())
        readouts.next_to(self.matrix.cells, RIGHT, buff=0.45)
        self.follow_threshold(
            {name.lower(): readout for name, readout in self.readouts.items()},
            (self.matrix, lambda matrix: matrix.set_counts(*self.confusion_now())),
        )
        self.caption(
            f"Scores at or above the threshold are called {words.positive} (filled dots). "
            "The matrix counts right and wrong calls."
        )
        self.play(FadeIn(self.marker))
        self.play(FadeIn(self.matrix), FadeIn(readouts))
        self.wait(2)
        self.key_frame("threshold")
        c = self.confusion_now()
        called, positives = c.tp + c.fp, c.tp + c.fn
        self.caption(
            f"Precision: {c.tp:,} of the {called:,} called {words.positive} really are "
            f"({rate(c.precision)}). Recall: {c.tp:,} of the {positives:,} {words.positives} "
            f"are found ({rate(c.recall)})."
        )
        self.wait(4.5)
        self.caption(
            f"Accuracy: {c.tp + c.tn:,} of all {c.n:,} calls are right ({rate(c.accuracy)}). "
            f"F1 blends precision and recall: {rate(c.f1)}."
        )
        self.wait(3.5)

    # Sweep
    def show_sweep(self) -> None:
        """Sweep the threshold from 0 to 1, tracing the four metric curves."""
        self.chapter("The trade-off")
        words = self.words
        x_axis = None if self.axis.probability else self.axis
        self.chart = build_metric_chart(self.metrics, self.theme, x_axis)
        self.chart.shift(np.array([4.0, 0.45, 0.0]) - self.chart.axes.get_center())
        self.legend = self.chart.build_legend()
        self.play(FadeIn(self.chart), FadeIn(self.legend))
        self.move_threshold(self.score_at(0.0), run_time=1.5)
        self.chart.follow(self.threshold, start=self.score_at(0.0))
        self.add(self.chart.curves, self.chart.heads, self.chart.cursor)
        self.caption(
            f"Raise the threshold: fewer {words.items} are called {words.positive}, "
            "so recall falls while precision mostly rises."
        )
        half = self.params.sweep_seconds / 2
        middle, top = self.score_at(0.5), self.score_at(1.0)
        self.move_threshold(middle, run_time=half, rate_func=linear)
        self.wait(1)
        self.key_frame("sweep")
        self.move_threshold(top, run_time=half, rate_func=linear)
        self.wait(0.5)
        self.chart.stop_following()
        self.chart.follow(self.threshold)
        best = self.counts.at(self.best_threshold)
        self.caption(
            f"F1 is highest, {self.best_f1:.2f}, at threshold "
            f"{self.score_text(self.best_threshold)}: "
            f"precision {rate(best.precision)} with recall {rate(best.recall)}."
        )
        self.move_threshold(self.best_threshold, run_time=2)
        self.wait(3)
        self.key_frame("tradeoff")

    # Precision-recall curve
    def show_pr_curve(self) -> None:
        """Trade the metric chart for the precision-recall curve."""
        self.chapter("Precision-recall curve")
        self.chart.stop_following()
        pr = MetricChart(
            self.theme, width=PR_SIDE, height=PR_SIDE, x_label="recall", y_label="precision"
        )
        pr.shift(np.array([4.3, 0.4, 0.0]) - pr.axes.get_center())
        share = float(self.y_true.mean())
        chance = pr.build_hline(share)
        chance_label = build_text(
            f"guessing: {share:.2f}", self.theme, "small", color=self.theme.palette.muted
        )
        chance_label.next_to(pr.point(0.03, share), UP, buff=0.08, aligned_edge=LEFT)
        curve = pr.build_curve(self.recall, self.precision)
        dot = pr.build_dot(*self.pr_point_now())
        dot.add_updater(lambda d: d.become(pr.build_dot(*self.pr_point_now())))
        chart = self.chart
        self.play(FadeOut(chart, chart.curves, chart.heads, chart.cursor, self.legend))
        self.play(FadeIn(pr), Create(chance), FadeIn(chance_label))
        self.caption(
            "Every threshold is one point of the precision-recall curve. Guessing at random "
            f"gets precision {share:.2f}: the share of {self.words.positives}."
        )
        self.play(Create(curve), FadeIn(dot), run_time=2)
        start = self.score_at(self.params.threshold)
        self.move_threshold(start, run_time=2.5)
        self.wait(2.5)
        self.key_frame("pr-curve")
        dot.clear_updaters()

    def pr_point_now(self) -> tuple[float, float]:
        """Return (recall, precision) at the current threshold."""
        confusion = self.confusion_now()
        return confusion.recall, confusion.precision

    # F1
    def show_f1(self) -> None:
        """Show F1 over all (recall, precision) pairs: balance is rewarded."""
        self.chapter("F1: the harmonic mean")
        self.stop_following_threshold()
        self.marker.clear_updaters()
        self.clear_stage()
        palette = self.theme.palette
        chart = MetricChart(
            self.theme, width=PR_SIDE, height=PR_SIDE, x_label="recall", y_label="precision"
        )
        chart.shift(np.array([-3.3, 0.35, 0.0]) - chart.axes.get_center())
        centres = (np.arange(HEAT_CELLS) + 0.5) / HEAT_CELLS
        heat = chart.build_heat_map(
            harmonic_mean(centres[:, None], centres[None, :]), palette.surface, palette.curve
        )
        levels = self.build_f1_levels(chart, np.linspace(0.0, 1.0, 101))
        self.caption(
            "F1 is the harmonic mean of precision and recall, 2PR / (P + R): "
            "it is high only where both are."
        )
        self.play(FadeIn(heat), FadeIn(chart))
        self.play(Create(levels[0]), FadeIn(levels[1]), run_time=1.5)
        self.wait(2)
        formula = MathTex(F1_TEX, color=palette.text).scale(0.8)
        table = build_f1_table(EQUAL_MEANS, self.theme)
        VGroup(formula, table).arrange(DOWN, buff=0.6).move_to([3.55, 0.45, 0.0])
        points = self.build_mean_points(chart)
        f1s = [float(harmonic_mean(p, r)) for r, p in EQUAL_MEANS]
        self.caption(
            f"A, B and C share the average {np.mean(EQUAL_MEANS[0]):.2f}, yet F1 falls from "
            f"{f1s[0]:.2f} to {f1s[-1]:.2f} as precision and recall drift apart."
        )
        self.play(
            FadeIn(formula), Create(points[0]), FadeIn(points[1]), FadeIn(table), run_time=1.5
        )
        self.wait(3.5)
        self.key_frame("f1")
        curve = chart.build_curve(self.recall, self.precision, palette.threshold, stroke_width=3)
        best = self.counts.at(self.best_threshold)
        star = chart.build_dot(best.recall, best.precision, palette.threshold)
        self.caption(
            f"Along this classifier's precision-recall curve, F1 is at best "
            f"{self.best_f1:.2f}, at threshold {self.score_text(self.best_threshold)}."
        )
        self.play(Create(curve), run_time=2)
        self.play(FadeIn(star, scale=2))
        self.wait(2.5)

    def build_f1_levels(self, chart: MetricChart, grid: np.ndarray) -> tuple[VGroup, VGroup]:
        """Return F1 level lines over the chart, and their labels at the right edge."""
        muted = self.theme.palette.muted
        lines, labels = VGroup(), VGroup()
        for level in F1_LEVELS:
            # The line is symmetric: sample the half above the diagonal, then mirror it.
            precision = level + (1 - level) * grid
            recall = f1_isoline(level, precision)
            x = np.concatenate([recall[::-1], precision])
            y = np.concatenate([precision[::-1], recall])
            lines.add(chart.build_curve(x, y, muted, stroke_width=1.5))
            label = build_text(f"F1 {level:.1f}", self.theme, "small", color=muted)
            edge = float(f1_isoline(level, [1.0])[0])
            label.next_to(chart.point(1.0, edge), RIGHT, buff=0.12)
            labels.add(label)
        return lines, labels

    def build_mean_points(self, chart: MetricChart) -> tuple[VGroup, VGroup]:
        """Return the line of equal arithmetic mean with dots A, B, C, and their letters."""
        palette = self.theme.palette
        line = DashedLine(chart.point(0, 1), chart.point(1, 0), color=palette.threshold)
        dots, letters = VGroup(line), VGroup()
        for letter, (recall, precision) in zip("ABC", EQUAL_MEANS, strict=False):
            dot = chart.build_dot(recall, precision, palette.threshold)
            dots.add(dot)
            text = build_text(letter, self.theme, "label", weight="BOLD")
            letters.add(text.move_to(chart.point(*letter_cell(recall, precision))))
        return dots, letters

    def clear_stage(self) -> None:
        """Fade out everything but the header and caption."""
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))

    # Imbalance
    def show_imbalance(self) -> None:
        """Make positives rare: accuracy then rewards never saying yes."""
        self.chapter("When positives are rare")
        words = self.words
        self.clear_stage()
        kept = subsample_positives(self.y_true, self.params.positive_share, seed=self.params.seed)
        y_rare, s_rare = self.y_true[kept], self.y_score[kept]
        n_pos = int(y_rare.sum())
        # The dots that stay are the shown samples that are kept.
        stays = np.isin(self.shown, kept)
        full = self.build_hollow_strip(self.shown)
        rare = self.build_hollow_strip(self.shown[stays], total=kept.size)
        self.play(FadeIn(full))
        self.caption(
            f"Now keep only {n_pos:,} of the {words.positives} among {y_rare.size - n_pos:,} "
            f"{words.negatives}: {percent(y_rare.mean())} {words.positive}."
        )
        moved = np.flatnonzero(stays)
        self.play(
            *(FadeOut(full.dots[i]) for i in np.flatnonzero(~stays)),
            *(ReplacementTransform(full.dots[i], rare.dots[k]) for k, i in enumerate(moved)),
            ReplacementTransform(
                VGroup(full.axis, full.ticks, full.row_labels),
                VGroup(rare.axis, rare.ticks, rare.row_labels),
            ),
            run_time=2,
        )
        self.gather(rare)
        self.wait(1.5)
        cut = self.score_at(self.params.threshold)
        never = confusion_at_threshold(y_rare, s_rare, np.inf)
        model = confusion_at_threshold(y_rare, s_rare, cut)
        table = build_outcome_table(
            {f"always {words.negative}": never, f"threshold {self.score_text(cut)}": model},
            words,
            self.theme,
        )
        room = TABLE_RIGHT - rare.get_right()[0] - TABLE_GAP
        if table.width > room:  # large counts: shrink the table to keep clear of the strip
            table.scale_to_fit_width(room)
        table.move_to([3.75, 0.55, 0.0]).align_to([TABLE_RIGHT, 0, 0], RIGHT)
        names, *columns = table
        self.caption(
            f"Calling every one {words.negative} is {percent(never.accuracy)} accurate, "
            f"yet it finds none of the {words.positives}: recall {rate(never.recall)}, "
            f"F1 {rate(never.f1)}."
        )
        self.play(FadeIn(names), FadeIn(columns[0]))
        self.wait(3.5)
        self.caption(
            f"The classifier at {self.score_text(cut)} "
            f"{accuracy_against(model.accuracy, never.accuracy)} {model.tp:,} of "
            f"{n_pos:,}: recall {rate(model.recall)}, F1 {rate(model.f1)}."
        )
        rare.show_predictions(predict_at_threshold(self.y_score[self.shown[stays]], cut))
        marker = ThresholdMarker(rare, ValueTracker(cut), self.theme)
        marker.clear_updaters()
        self.play(FadeIn(columns[1]), FadeIn(marker))
        self.wait(3.5)
        self.key_frame("imbalance")

    def build_hollow_strip(self, rows: np.ndarray, total: int | None = None) -> ScoreStrip:
        """Return a score strip of the samples ``rows``, all hollow, a little lower.

        The dots stand for ``total`` samples (all of them by default).
        """
        strip = self.build_strip(STRIP_AXIS + 0.3 * DOWN, rows, total)
        return strip.show_predictions(np.zeros(rows.size, dtype=bool))

    # Definitions
    def show_definitions(self) -> None:
        """Close on the definitions."""
        self.chapter("In short")
        self.clear_stage()
        definitions = build_definitions(self.theme)
        self.caption(
            "Precision: how many calls are right. Recall: how many positives are found. "
            "F1 balances them; accuracy can hide both."
        )
        self.play(LaggedStart(*(Write(line) for line in definitions), lag_ratio=0.5, run_time=4))
        self.wait(3)
        self.key_frame("definitions")
        self.wait(1)
