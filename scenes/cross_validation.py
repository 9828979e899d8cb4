"""Cross-validation: one random split is a gamble; k folds average the luck away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    ReplacementTransform,
    VGroup,
)
from numpy.typing import NDArray

from mlu_math.cross_validation import breast_cancer_sample, cross_val_scores
from mlu_math.folds import kfold_indices, leave_one_out_indices, shuffle_split_indices
from scenes.base import BaseParams, ExplainerScene
from scenes.components import Readout, build_text
from scenes.components.fold_grid import FoldGrid, build_legend, split_colors, validation_masks
from scenes.components.score_columns import ScoreColumns
from scenes.components.score_dots import ScoreDots
from scenes.theme import Theme

__all__ = ["CrossValidation", "CrossValidationParams"]

PLUS_MINUS = "\N{PLUS-MINUS SIGN}"
SLOW_SPLITS = 3
"""The first random splits are shown slowly; the rest quickly."""

# Where things sit (scene units; the frame is 14.2 x 8 around the origin).
ROW_CENTER = np.array([0.0, 2.05, 0.0])
KFOLD_CENTER = np.array([0.0, 0.45, 0.0])
GRID_CENTER = np.array([-3.3, 0.45, 0.0])
GRID_SIZE = (5.0, 3.9)
CHART_ORIGIN = np.array([1.95, -1.45, 0.0])
CHART_SIZE = (4.7, 3.85)
RIGHT_MARK, WRONG_MARK = 0.035, 0.075
"""Radii of the leave-one-out marks on tumours called right and wrong."""


@dataclass(frozen=True)
class CrossValidationParams(BaseParams):
    """Parameters of the cross-validation scene.

    Attributes
    ----------
    n_samples
        Tumours drawn from the breast-cancer data (also k for leave-one-out).
    test_size
        Share of the tumours each random split holds out for validation.
    n_random_splits
        Random splits drawn for the validation-set approach, and reshuffles
        of k-fold for the closing comparison.
    k_shown
        The k of the first k-fold grid and of the closing comparison.
    k_max
        The sweep runs k from 2 to ``k_max``.
    step_seconds
        Time spent on each k of the sweep.
    """

    n_samples: int = 100
    test_size: float = 0.3
    n_random_splits: int = 20
    k_shown: int = 5
    k_max: int = 10
    step_seconds: float = 2.0

    def __post_init__(self) -> None:
        super().__post_init__()
        checks = (
            ("n_samples", self.n_samples, 30, 150),
            ("test_size", self.test_size, 0.1, 0.5),
            ("n_random_splits", self.n_random_splits, 3, 40),
            ("k_max", self.k_max, 3, 12),
            ("k_shown", self.k_shown, 2, self.k_max),
            ("step_seconds", self.step_seconds, 0.5, 6.0),
        )
        for name, value, low, high in checks:
            if not low <= value <= high:
                raise ValueError(f"{name} must be in [{low}, {high}], got {value}")


def fold_texts(k: int) -> list[str]:
    """Return the row labels of a k-fold grid."""
    return [f"fold {i + 1}" for i in range(k)]


def score_texts(scores: Sequence[float]) -> list[str]:
    """Return scores as two-decimal texts."""
    return [f"{score:.2f}" for score in scores]


def summary_text(scores: NDArray[np.float64]) -> str:
    """Return ``mean 0.89 ± 0.04`` for a set of fold scores."""
    return f"mean {scores.mean():.2f} {PLUS_MINUS} {scores.std():.2f}"


def axis_floor(*groups: NDArray[np.float64]) -> float:
    """Return the tenth just below the lowest score shown, for the axes' low end."""
    lowest = min(float(group.min()) for group in groups)
    return max(0.0, float(np.floor(lowest * 10 - 1e-9)) / 10)


def build_kfold_grid(
    n_samples: int,
    k: int,
    scores: NDArray[np.float64] | None,
    theme: Theme,
    center: np.ndarray = GRID_CENTER,
) -> FoldGrid:
    """Return the grid of a k-fold split, with fold labels and scores when given."""
    folds = kfold_indices(n_samples, k)
    masks = validation_masks([test for _, test in folds], n_samples)
    grid = FoldGrid(
        masks,
        theme,
        width=GRID_SIZE[0],
        height=GRID_SIZE[1],
        row_labels=fold_texts(k),
        row_values=score_texts(scores) if scores is not None else None,
    )
    return grid.shift(center - grid.bounds.get_center())


class CrossValidation(ExplainerScene):
    """Cross-validation, after MLU Explain's essay of the same name."""

    slug = "cross-validation"
    title = "Cross-Validation"
    summary = (
        "One random validation split gives a score that depends on luck; k-fold "
        "cross-validation lets every sample validate once and averages the folds."
    )
    poster = "sweep"
    Params = CrossValidationParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_data()
        self.show_first_split()
        self.show_random_splits()
        self.show_kfold()
        self.show_sweep()
        self.show_leave_one_out()
        self.show_loo_outcomes()
        self.show_comparison()

    def prepare_data(self) -> None:
        """Draw the tumours and score logistic regression on every split shown."""
        p = self.params
        n = p.n_samples
        self.X, self.y = breast_cancer_sample(n, seed=p.seed)
        split_rng, shuffle_rng = np.random.default_rng(p.seed).spawn(2)
        self.random_splits = shuffle_split_indices(
            n, p.n_random_splits, test_size=p.test_size, seed=split_rng
        )
        self.random_scores = cross_val_scores(self.X, self.y, self.random_splits)
        self.ks = list(range(2, p.k_max + 1))
        self.kfold_scores = {
            k: cross_val_scores(self.X, self.y, kfold_indices(n, k)) for k in self.ks
        }
        self.loo_scores = cross_val_scores(self.X, self.y, leave_one_out_indices(n))
        self.reshuffled_means = np.array(
            [
                cross_val_scores(
                    self.X, self.y, kfold_indices(n, p.k_shown, shuffle=True, seed=shuffle_rng)
                ).mean()
                for _ in range(p.n_random_splits)
            ]
        )
        self.low = axis_floor(
            self.random_scores,
            self.reshuffled_means,
            np.atleast_1d(self.loo_scores.mean()),
            *self.kfold_scores.values(),
        )

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "How well will a model do on data it has never seen?",
            "A model always looks good on the data it learned from, "
            "so we judge it on data it did not see. But which data?",
            seconds=4,
        )

    # The validation-set approach
    def show_data(self) -> None:
        """Show the tumours as a row of boxes, one per tumour."""
        self.chapter("The validation-set approach")
        n = self.params.n_samples
        self.row = self.build_split_row(np.zeros(n, dtype=bool))
        self.row.rows.set_fill(self.theme.palette.muted)
        colors = split_colors(self.theme)
        self.legend = build_legend(
            [("train", colors.train), ("validation", colors.validation)], self.theme
        )
        self.legend.next_to(self.row.bounds, UP, buff=0.22).align_to(self.row.bounds, RIGHT)
        muted = self.theme.palette.muted
        self.data_label = build_text(f"{n} tumours", self.theme, "label", color=muted)
        self.data_label.next_to(self.row.bounds, UP, buff=0.22).align_to(self.row.bounds, LEFT)
        self.caption(
            f"{n} tumours from the breast-cancer data. Logistic regression calls each "
            "malignant or benign from its radius and texture."
        )
        self.play(FadeIn(self.row), FadeIn(self.data_label))
        self.wait(4.5)
        self.key_frame("data")

    def show_first_split(self) -> None:
        """Split the tumours at random into train and validation; score the split."""
        self.split_readout = Readout("split", 1, self.theme, fmt=".0f", role="label")
        self.accuracy_readout = Readout(
            "validation accuracy", float(self.random_scores[0]), self.theme, role="label"
        )
        readouts = VGroup(self.split_readout, self.accuracy_readout).arrange(RIGHT, buff=0.6)
        readouts.next_to(self.row.bounds, DOWN, buff=0.35)
        self.readouts = readouts
        share = round(100 * self.params.test_size)
        self.caption(
            f"Hold out a random {share}% for validation, fit on the other {100 - share}%, "
            "and count how many held-out tumours the model gets right."
        )
        self.play(
            ReplacementTransform(self.row, self.next_row(0)),
            FadeOut(self.data_label),
            FadeIn(self.legend),
        )
        self.plot = self.build_split_plot()
        self.play(FadeIn(readouts), FadeIn(self.plot.axis, self.plot.ticks))
        self.play(FadeIn(self.plot.dots[0], scale=0.5))
        self.wait(3)
        self.key_frame("split")

    def build_split_plot(self) -> ScoreDots:
        """Return the axis on which each random split's accuracy lands as a dot."""
        plot = ScoreDots(
            self.random_scores,
            self.theme,
            low=self.low,
            high=1.0,
            width=9.0,
            color=split_colors(self.theme).validation,
            title="accuracy",
        )
        return plot.shift(np.array([0.0, -1.6, 0.0]) - plot.axis.get_center())

    def build_split_row(self, validates: NDArray[np.bool_]) -> FoldGrid:
        """Return the tumours as one row of boxes, validation ones highlighted."""
        row = FoldGrid(validates[None, :], self.theme, width=11.0, height=0.42, separate_cells=True)
        return row.shift(ROW_CENTER - row.bounds.get_center())

    def next_row(self, index: int) -> FoldGrid:
        """Return the row of random split ``index``, now also ``self.row``."""
        _, test = self.random_splits[index]
        self.row = self.build_split_row(validation_masks([test], self.params.n_samples)[0])
        return self.row

    def show_random_splits(self) -> None:
        """Draw more random splits: each gives a different validation accuracy."""
        self.caption(
            "Another random split, another score. Each dot below is one split's "
            "validation accuracy."
        )
        for index in range(1, self.random_scores.size):
            slow = index < SLOW_SPLITS
            old_row = self.row
            self.split_readout.set_value(index + 1)
            self.accuracy_readout.set_value(float(self.random_scores[index]))
            self.play(
                ReplacementTransform(old_row, self.next_row(index)),
                FadeIn(self.plot.dots[index], scale=0.5),
                run_time=1.0 if slow else 0.35,
            )
            if slow:
                self.wait(0.6)
        self.gather(self.plot)
        spread = self.plot.build_range()
        low, high = self.random_scores.min(), self.random_scores.max()
        self.caption(
            f"{self.random_scores.size} splits of the same data, and the score lands anywhere "
            f"from {low:.2f} to {high:.2f}. Which one is the model's accuracy?"
        )
        self.play(FadeIn(spread))
        self.wait(3)
        self.key_frame("splits")
        self.play(FadeOut(self.plot, spread, self.row, self.readouts))

    # k-fold
    def show_kfold(self) -> None:
        """Build the k-fold grid fold by fold, each fold with its score."""
        self.chapter("k-fold cross-validation")
        k = self.params.k_shown
        scores = self.kfold_scores[k]
        self.grid = build_kfold_grid(self.params.n_samples, k, scores, self.theme, KFOLD_CENTER)
        self.play(
            self.legend.animate.next_to(self.grid.bounds, UP, buff=0.3).align_to(
                self.grid.bounds, LEFT
            )
        )
        self.caption(
            f"k-fold cross-validation: cut the data into k = {k} folds. Each fold takes "
            f"one turn as the validation set while the other {k - 1} train the model."
        )
        for row, label, value in zip(
            self.grid.rows, self.grid.labels, self.grid.values, strict=True
        ):
            self.play(FadeIn(row), FadeIn(label), run_time=0.5)
            self.play(FadeIn(value, shift=0.1 * RIGHT), run_time=0.4)
        self.gather(self.grid)
        self.wait(1.5)
        self.summary = self.build_summary(scores)
        train_share = round(100 * (k - 1) / k)
        self.caption(
            f"Every tumour validates exactly once and every model trains on {train_share}% "
            f"of the data. The estimate is the mean of the {k} fold scores."
        )
        self.play(FadeIn(self.summary))
        self.wait(4.5)
        self.key_frame("kfold")

    def build_summary(self, scores: NDArray[np.float64]) -> VGroup:
        """Return ``mean ± sd`` of the fold scores, under the grid."""
        text = build_text(summary_text(scores), self.theme, "label", weight="SEMIBOLD")
        return text.move_to([self.grid.bounds.get_x(), -2.1, 0.0])

    # Sweep over k
    def show_sweep(self) -> None:
        """Move k from 2 to k_max: the grid refolds, the chart collects each k's scores."""
        self.chapter("Choosing k")
        self.chart = self.build_chart()
        self.k_readout = Readout("k =", self.params.k_shown, self.theme, fmt=".0f", role="label")
        self.caption(
            "Dots: each fold's accuracy. Bar: their mean; whisker: one standard deviation "
            "either side. Now slide k from 2 upward."
        )
        k = self.params.k_shown
        self.play(
            VGroup(self.grid, self.legend, self.summary).animate.shift(GRID_CENTER - KFOLD_CENTER)
        )
        self.k_readout.next_to(self.grid.bounds, UP, buff=0.3).align_to(self.grid.bounds, RIGHT)
        self.play(FadeIn(self.chart), FadeIn(self.k_readout))
        self.play(*self.column_animations(k))
        self.wait(1)
        for index, k in enumerate(self.ks):
            if index == len(self.ks) // 2:
                self.caption(
                    "As k grows, each model trains on more data, but each fold is smaller, "
                    "so fold scores scatter more. Their mean hardly moves."
                )
            self.show_k(k)
        self.wait(2)
        self.key_frame("sweep")

    def build_chart(self) -> ScoreColumns:
        """Return the chart of fold scores by k, with a last column for leave-one-out."""
        columns = [str(k) for k in self.ks] + ["n"]
        chart = ScoreColumns(
            columns,
            self.theme,
            low=self.low,
            high=1.0,
            width=CHART_SIZE[0],
            height=CHART_SIZE[1],
            title="accuracy",
            x_title="k, the number of folds",
        )
        return chart.shift(CHART_ORIGIN - chart.y_axis.get_start())

    def column_animations(self, k: int) -> list[FadeIn]:
        """Return animations adding k's fold scores and their mean to the chart."""
        column = self.ks.index(k)
        scores = self.kfold_scores[k]
        dots = self.chart.build_dots(column, scores, split_colors(self.theme).validation)
        mean = self.chart.build_mean(column, float(scores.mean()), float(scores.std()))
        self.chart.add(dots, mean)
        return [FadeIn(dots, scale=0.5), FadeIn(mean)]

    def show_k(self, k: int) -> None:
        """Refold the grid into k folds and add their scores to the chart (once)."""
        scores = self.kfold_scores[k]
        grid = build_kfold_grid(self.params.n_samples, k, scores, self.theme)
        summary = self.build_summary(scores)
        self.k_readout.set_value(k)
        step = self.params.step_seconds
        self.play(
            ReplacementTransform(self.grid, grid),
            ReplacementTransform(self.summary, summary),
            run_time=0.45 * step,
        )
        self.grid, self.summary = grid, summary
        if k == self.params.k_shown:  # its scores are on the chart already
            self.wait(0.3 * step)
        else:
            self.play(*self.column_animations(k), run_time=0.3 * step)
        self.wait(0.25 * step)

    # Leave-one-out
    def show_leave_one_out(self) -> None:
        """Take k = n: every tumour is its own fold."""
        self.chapter("Leave-one-out")
        n = self.params.n_samples
        loo = self.build_loo_grid()
        self.k_readout.set_value(n)
        self.caption(
            f"Leave-one-out takes k = n = {n}: each of {n} models trains on {n - 1} "
            "tumours and is tested on the single one left out."
        )
        self.play(
            ReplacementTransform(self.grid, loo),
            FadeOut(self.summary),
            run_time=1.5,
        )
        self.grid = loo
        self.wait(4)

    def show_loo_outcomes(self) -> None:
        """Mark each left-out tumour right or wrong; their share is the estimate."""
        palette = self.theme.palette
        marks = self.build_outcome_marks()
        outcome_legend = build_legend(
            [("right", palette.validation), ("wrong", palette.bad)], self.theme
        )
        outcome_legend.move_to(self.legend, aligned_edge=LEFT)
        scores = self.loo_scores
        mean = self.chart.build_mean(len(self.ks), float(scores.mean()), float(scores.std()))
        self.chart.add(mean)
        self.summary = self.build_summary(scores)
        self.caption(
            f"Each fold scores 1 or 0, so fold scores spread as far as they can "
            f"(sd {scores.std():.2f}), yet their mean, {scores.mean():.2f}, agrees with the rest."
        )
        self.play(
            LaggedStart(*(FadeIn(mark, scale=0.5) for mark in marks), run_time=1.5),
            ReplacementTransform(self.legend, outcome_legend),
            FadeIn(mean),
            FadeIn(self.summary),
        )
        self.gather(marks)
        self.legend = outcome_legend
        self.wait(3.5)
        self.key_frame("loo")

    def build_loo_grid(self) -> FoldGrid:
        """Return the n-by-n leave-one-out grid."""
        n = self.params.n_samples
        grid = FoldGrid(np.eye(n, dtype=bool), self.theme, width=GRID_SIZE[0], height=GRID_SIZE[1])
        return grid.shift(GRID_CENTER - grid.bounds.get_center())

    def build_outcome_marks(self) -> VGroup:
        """Return a dot on each left-out tumour: small if right, large if wrong.

        The wrong ones come last, so they are drawn over their neighbours.
        """
        palette = self.theme.palette
        order = np.argsort(-self.loo_scores, kind="stable")
        return VGroup(
            *(
                Dot(
                    self.grid.cell_center(i, i),
                    radius=RIGHT_MARK if self.loo_scores[i] else WRONG_MARK,
                    color=palette.validation if self.loo_scores[i] else palette.bad,
                )
                for i in order
            )
        )

    # Comparison
    def show_comparison(self) -> None:
        """Set the random splits' scores beside as many reshuffled k-fold estimates."""
        self.chapter("One split or k folds?")
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))
        k = self.params.k_shown
        share = round(100 * self.params.test_size)
        rows = VGroup(
            self.build_comparison_row(
                self.random_scores,
                f"one random {100 - share}/{share} split",
                split_colors(self.theme).validation,
                y=0.8,
            ),
            self.build_comparison_row(
                self.reshuffled_means,
                f"{k}-fold cross-validation,\nreshuffled each time",
                self.theme.palette.text,
                y=-1.95,
            ),
        )
        count = self.params.n_random_splits
        self.caption(
            f"Same data, same model, {count} tries each. A single split's score wanders; "
            f"the {k}-fold mean stays close to {self.reshuffled_means.mean():.2f}."
        )
        for row in rows:
            self.play(FadeIn(row), run_time=1.2)
        self.wait(4)
        self.key_frame("compare")
        self.caption(
            f"Cross-validation costs {k} fits instead of one, and buys an estimate "
            "that depends far less on the luck of the split."
        )
        self.wait(5)

    def build_comparison_row(
        self, scores: NDArray[np.float64], name: str, color: str, *, y: float
    ) -> VGroup:
        """Return one named row of score dots, bracketed from lowest to highest."""
        plot = ScoreDots(
            scores,
            self.theme,
            low=self.low,
            high=1.0,
            width=8.4,
            color=color,
            max_height=1.5,
            dot_radius=0.065,
        )
        plot.shift(np.array([2.1, y, 0.0]) - plot.axis.get_center())
        muted = self.theme.palette.muted
        low, high = scores.min(), scores.max()
        side = VGroup(
            build_text(name, self.theme, "label"),
            build_text(f"from {low:.2f} to {high:.2f}", self.theme, "small", color=muted),
            build_text(f"standard deviation {scores.std():.3f}", self.theme, "small", color=muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        side.next_to(plot.axis, LEFT, buff=0.45).align_to(plot.axis, DOWN).shift(0.05 * UP)
        return VGroup(plot, plot.build_range(labelled=False), side)
