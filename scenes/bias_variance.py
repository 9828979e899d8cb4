"""Bias and variance: fits from rigid to wiggly, their spread over many data sets, and the U."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Transform,
    VGroup,
    VMobject,
)
from numpy.typing import NDArray

from mlu_math.bias_variance import (
    ErrorDecomposition,
    error_by_flexibility,
    fixed_design,
    knn_bias_variance,
    make_samples,
    polynomial_bias_variance,
    polynomial_fit_predict,
    true_function,
)
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, build_text, build_title_card
from scenes.components.error_curves import ErrorCurves
from scenes.theme import Theme

__all__ = ["BiasVariance", "BiasVarianceParams"]

SQUARED = "\N{SUPERSCRIPT TWO}"
BIAS, VARIANCE, NOISE, TOTAL = f"bias{SQUARED}", "variance", "noise", "test error"
"""The error chart's curves, by the names its legend shows."""
GRID = np.linspace(0.0, 1.0, 201)
"""Where fits are drawn and compared with the truth."""
Y_RANGE = (-1.5, 3.0, 1.5)
"""The data panel's target range (fits that leave it are cut at its edge)."""
ERROR_RANGE = (0.0, 0.8, 0.2)
PLANE_CENTER = np.array([-3.2, 0.4, 0.0])
CHART_CENTER = np.array([3.95, 0.4, 0.0])
CHART_SIZE = (4.4, 4.0)
READOUT_Y = 2.85
RIGHT_LIMIT = 6.7
"""The readouts' right edge stays left of this (the frame ends at 7.1)."""
N_TEST = 500
"""Fresh samples the single training set's test error is measured on."""
KNN_KS = (20, 15, 12, 10, 8, 6, 5, 4, 3, 2, 1)
"""Neighbour counts swept, from rigid to flexible (those above n_train are dropped)."""


@dataclass(frozen=True)
class BiasVarianceParams(BaseParams):
    """Parameters of the bias-variance scene.

    Attributes
    ----------
    n_train
        Samples per training set, evenly spaced on [0, 1].
    noise
        Standard deviation of the noise around the truth.
    max_degree
        The polynomial sweep runs from degree 0 to this.
    n_sets
        Training sets simulated to measure bias and variance.
    n_shown
        Fits of resampled training sets drawn at once.
    data_factor
        How many times more data the "more data" beat uses.
    step_seconds
        Time spent on each degree (or k) of a sweep.
    """

    n_train: int = 20
    noise: float = 0.3
    max_degree: int = 12
    n_sets: int = 300
    n_shown: int = 30
    data_factor: int = 4
    step_seconds: float = 1.0

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("n_train", self.n_train, 14, 60)
        check_range("noise", self.noise, 0.05, 0.6)
        check_range("max_degree", self.max_degree, 4, 13)
        check_range("n_sets", self.n_sets, 20, 2000)
        check_range("n_shown", self.n_shown, 5, min(60, self.n_sets))
        check_range("data_factor", self.data_factor, 2, 8)
        check_range("step_seconds", self.step_seconds, 0.3, 3.0)


def build_plane(theme: Theme) -> ErrorCurves:
    """Return the data panel: x on [0, 1] across, the target y up."""
    plane = ErrorCurves(
        theme,
        x_range=(0.0, 1.0, 0.25),
        y_range=Y_RANGE,
        width=5.6,
        height=4.0,
        x_label="x",
        y_label="y",
    )
    return plane.shift(PLANE_CENTER - plane.axes.get_center())


def build_fan(
    plane: ErrorCurves, fits: NDArray[np.float64], color: str, *, opacity: float = 0.3
) -> VGroup:
    """Return many faint fits (one per row of ``fits``, over ``GRID``) at once."""
    return VGroup(
        *(plane.build_curve(GRID, row, color, stroke_width=2, opacity=opacity) for row in fits)
    )


def build_dots(plane: ErrorCurves, x: NDArray, y: NDArray, color: str) -> VGroup:
    """Return one dot per sample, inside the plane."""
    return VGroup(
        *(Dot(plane.point(a, b), radius=0.06, color=color) for a, b in zip(x, y, strict=True))
    )


def build_readouts(theme: Theme, *items: tuple[str, float, str, str | None]) -> VGroup:
    """Return readouts ``(label, value, fmt, colour)`` in a row, spaced evenly."""
    return VGroup(
        *(
            Readout(label, value, theme, fmt=fmt, role="label", color=color)
            for label, value, fmt, color in items
        )
    ).arrange(RIGHT, buff=0.45)


class BiasVariance(ExplainerScene):
    """Bias and variance, after MLU Explain's essay "The Bias Variance Tradeoff"."""

    slug = "bias-variance"
    title = "The Bias-Variance Tradeoff"
    summary = (
        "Polynomials of rising degree and k-nearest neighbours of falling k go from "
        "underfit to overfit; bias squared, variance and noise add up to a U."
    )
    poster = "decomposition"
    Params = BiasVarianceParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_data()
        self.show_single_fits()
        self.show_many_fits()
        self.show_decomposition()
        self.show_more_data()
        self.show_knn()
        self.show_teaser()

    # Numbers
    def prepare_data(self) -> None:
        """Draw one training set and simulate many, for polynomials and for KNN."""
        p = self.params
        rng = np.random.default_rng(p.seed)
        self.x_train, self.y_train = make_samples(
            p.n_train, noise=p.noise, rng=rng, x=fixed_design(p.n_train)
        )
        x_test, y_test = make_samples(N_TEST, noise=p.noise, rng=rng)
        self.degrees = list(range(p.max_degree + 1))
        self.train_error, self.test_error = error_by_flexibility(
            polynomial_fit_predict, self.degrees, self.x_train, self.y_train, x_test, y_test
        )
        self.single_fits = np.array(
            [polynomial_fit_predict(self.x_train, self.y_train, d, GRID) for d in self.degrees]
        )
        self.poly = self.simulate(polynomial_bias_variance, self.degrees, p.n_train, 1)
        self.more = self.simulate(
            polynomial_bias_variance, self.degrees, p.data_factor * p.n_train, 2
        )
        self.ks = [k for k in KNN_KS if k <= p.n_train]
        self.knn = self.simulate(knn_bias_variance, self.ks, p.n_train, 3)

    def simulate(self, run, flexibilities: list[int], n_train: int, stream: int):
        """Return the decomposition of ``run`` on its own seeded random stream."""
        p = self.params
        return run(
            flexibilities,
            n_train=n_train,
            n_sets=p.n_sets,
            noise=p.noise,
            x_test=GRID,
            rng=np.random.default_rng([p.seed, stream]),
            x_train=fixed_design(n_train),
        )

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "Too simple, too flexible, or just right?",
            "A model's error on new data has three sources. Watch them trade off "
            "as a model grows more flexible.",
            seconds=3.5,
        )

    # The data
    def show_data(self) -> None:
        """Draw the truth and one noisy training set of it."""
        self.chapter("A truth and noisy samples")
        palette = self.theme.palette
        self.plane = build_plane(self.theme)
        self.truth = self.plane.build_curve(
            GRID, true_function(GRID), palette.curve, stroke_width=5
        )
        self.truth_label = build_text("truth f(x)", self.theme, "small", color=palette.curve)
        self.truth_label.next_to(self.plane.point(0.78, 2.2), UP, buff=0.05)
        self.dots = build_dots(self.plane, self.x_train, self.y_train, palette.muted)
        self.caption(
            f"A smooth truth f(x), and {self.params.n_train} samples of it with noise added: "
            "y = f(x) + noise. A model sees only the dots."
        )
        self.play(FadeIn(self.plane))
        self.play(Create(self.truth), FadeIn(self.truth_label), run_time=1.5)
        self.play(FadeIn(self.dots, lag_ratio=0.1), run_time=1.5)
        self.wait(2.5)
        self.key_frame("data")

    # One training set, degree 0 to max
    def show_single_fits(self) -> None:
        """Sweep the polynomial degree on one training set; trace train and test error."""
        self.chapter("Underfit to overfit")
        palette = self.theme.palette
        self.chart = self.build_degree_chart()
        self.readouts = build_readouts(
            self.theme,
            ("degree", 0, ".0f", None),
            ("train", self.train_error[0], ".3f", palette.train),
            ("test", self.test_error[0], ".3f", palette.test),
        )
        self.place_readouts()
        self.fit = self.single_fit(0)
        self.traced = VGroup(self.trace("train", 0), self.trace("test", 0))
        self.cursor = self.chart.build_cursor(0)
        self.caption(
            "Fit polynomials of rising degree. Training error is measured on the dots; "
            f"test error on {N_TEST} fresh samples."
        )
        self.play(FadeIn(self.chart), FadeIn(self.readouts), FadeIn(self.cursor))
        self.play(Create(self.fit), FadeIn(self.traced))
        self.wait(1)
        for degree in self.degrees[1:]:
            if degree == 4:
                self.caption(
                    "Training error only falls. Test error falls at first, then climbs: "
                    "the wiggly fits chase the noise, not the truth."
                )
            self.step_single(degree)
            if degree == 1:
                self.wait(1.5)
                self.key_frame("underfit")
        self.labels = VGroup(
            self.chart.build_curve_label("train", "train"),
            self.chart.build_curve_label("test", "test"),
        )
        self.play(FadeIn(self.labels))
        self.wait(2)
        self.key_frame("overfit")

    def place_readouts(self) -> None:
        """Centre the readouts over the chart, kept inside the frame's right margin."""
        self.readouts.move_to([CHART_CENTER[0], READOUT_Y, 0.0])
        overhang = self.readouts.get_right()[0] - RIGHT_LIMIT
        if overhang > 0:
            self.readouts.shift(overhang * LEFT)

    def build_degree_chart(self) -> ErrorCurves:
        """Return the error chart over polynomial degree, with the one set's two curves."""
        palette = self.theme.palette
        chart = ErrorCurves(
            self.theme,
            x_range=(0, self.params.max_degree, 2),
            y_range=ERROR_RANGE,
            width=CHART_SIZE[0],
            height=CHART_SIZE[1],
            x_label="polynomial degree (more flexible \N{RIGHTWARDS ARROW})",
            y_label="mean squared error",
        )
        chart.shift(CHART_CENTER - chart.axes.get_center())
        chart.add_curve("train", self.degrees, self.train_error, palette.train)
        chart.add_curve("test", self.degrees, self.test_error, palette.test)
        return chart

    def single_fit(self, degree: int) -> VMobject:
        """Return the one training set's fit of ``degree``."""
        return self.plane.build_curve(GRID, self.single_fits[degree], self.theme.palette.negative)

    def trace(self, name: str, upto: int, chart: ErrorCurves | None = None) -> VMobject:
        """Return curve ``name`` drawn from its first point up to index ``upto``."""
        chart = chart or self.chart
        series = chart.series[name]
        return chart.build_curve(series.x[: upto + 1], series.y[: upto + 1], series.color)

    def step_single(self, degree: int) -> None:
        """Move the sweep on to ``degree``."""
        self.readouts[0].set_value(degree)
        self.readouts[1].set_value(self.train_error[degree])
        self.readouts[2].set_value(self.test_error[degree])
        self.play(
            Transform(self.fit, self.single_fit(degree)),
            Transform(self.traced[0], self.trace("train", degree)),
            Transform(self.traced[1], self.trace("test", degree)),
            self.cursor.animate.move_to(self.chart.build_cursor(degree)),
            run_time=self.params.step_seconds,
        )

    # Many training sets
    def show_many_fits(self) -> None:
        """Redraw the noise many times: fits spread (variance), their mean misses (bias)."""
        self.chapter("Many training sets")
        palette = self.theme.palette
        self.chart.add_curve(BIAS, self.degrees, self.poly.bias_squared, palette.positive)
        self.chart.add_curve(VARIANCE, self.degrees, self.poly.variance, palette.negative)
        self.play(
            FadeOut(self.fit, self.dots, self.traced, self.labels, self.readouts),
            self.cursor.animate.move_to(self.chart.build_cursor(0)),
        )
        self.fan = self.build_fan(0)
        self.mean_fit = self.build_mean_fit(0)
        self.traced = VGroup(self.trace(BIAS, 0), self.trace(VARIANCE, 0))
        self.readouts = build_readouts(
            self.theme,
            ("degree", 0, ".0f", None),
            (f"bias{SQUARED}", self.poly.bias_squared[0], ".3f", palette.positive),
            ("variance", self.poly.variance[0], ".3f", palette.negative),
        )
        self.place_readouts()
        self.caption(
            f"Now redraw the noise {self.params.n_shown} times and refit each set: faint blue "
            "lines. Their average is the orange line."
        )
        self.play(FadeIn(self.fan), FadeIn(self.readouts))
        self.play(Create(self.mean_fit), FadeIn(self.traced))
        self.bring_to_front(self.truth)
        self.wait(1.5)
        self.step_many(1)
        self.caption(
            f"Bias{SQUARED}: how far the average fit is from the truth. "
            "Variance: how far the fits spread around their average."
        )
        self.wait(3)
        self.key_frame("high-bias")
        for degree in self.degrees[2:]:
            self.step_many(degree)
        self.caption(
            f"Degree {self.degrees[-1]}: the average fit follows the truth (little bias), "
            "but each single fit swings wildly (large variance)."
        )
        self.wait(3.5)
        self.key_frame("high-variance")

    def build_fan(self, index: int, result: ErrorDecomposition | None = None) -> VGroup:
        """Return the first ``n_shown`` simulated fits at flexibility ``index``."""
        result = result or self.poly
        fits = result.fits[index, : self.params.n_shown]
        return build_fan(self.plane, fits, self.theme.palette.negative)

    def build_mean_fit(self, index: int, result: ErrorDecomposition | None = None) -> VMobject:
        """Return the average fit over every simulated set at flexibility ``index``."""
        result = result or self.poly
        return self.plane.build_curve(
            GRID, result.mean_fit[index], self.theme.palette.positive, stroke_width=8
        )

    def step_many(self, degree: int) -> None:
        """Move the many-sets sweep on to ``degree``."""
        self.readouts[0].set_value(degree)
        self.readouts[1].set_value(self.poly.bias_squared[degree])
        self.readouts[2].set_value(self.poly.variance[degree])
        self.play(
            Transform(self.fan, self.build_fan(degree)),
            Transform(self.mean_fit, self.build_mean_fit(degree)),
            Transform(self.traced[0], self.trace(BIAS, degree)),
            Transform(self.traced[1], self.trace(VARIANCE, degree)),
            self.cursor.animate.move_to(self.chart.build_cursor(degree)),
            run_time=self.params.step_seconds,
        )

    # The decomposition
    def show_decomposition(self) -> None:
        """Add noise and the sum: the expected test error's U, with its lowest point."""
        self.chapter("Bias\N{SUPERSCRIPT TWO} + variance + noise")
        palette = self.theme.palette
        poly = self.poly
        self.chart.add_curve(NOISE, self.degrees, poly.noise, palette.chance)
        self.chart.add_curve(TOTAL, self.degrees, poly.expected_error, palette.test)
        best = poly.best
        self.curves = VGroup(
            self.chart.curves[BIAS],
            self.chart.curves[VARIANCE],
            self.chart.curves[NOISE],
            self.chart.build_curve(self.degrees, poly.expected_error, palette.test, stroke_width=6),
        )
        self.curve_labels = self.build_legend()
        self.caption(
            f"Average over all {self.params.n_sets} sets: bias{SQUARED} falls, variance rises, "
            "noise stays put. Their sum is the expected test error."
        )
        self.play(FadeOut(self.traced), FadeIn(self.curves[:2]))
        self.play(Create(self.curves[2]), Create(self.curves[3]), run_time=1.5)
        self.play(FadeIn(self.curve_labels))
        self.sweet = self.build_sweet_spot(
            self.chart, self.degrees[best], f"degree {self.degrees[best]}"
        )
        self.readouts[0].set_value(self.degrees[best])
        self.readouts[1].set_value(poly.bias_squared[best])
        self.readouts[2].set_value(poly.variance[best])
        self.play(
            FadeIn(self.sweet),
            Transform(self.fan, self.build_fan(best)),
            Transform(self.mean_fit, self.build_mean_fit(best)),
            FadeOut(self.cursor),
        )
        self.caption(
            f"The lowest point, degree {self.degrees[best]}: "
            f"{poly.bias_squared[best]:.3f} + {poly.variance[best]:.3f} + "
            f"{poly.noise[best]:.3f} = {poly.expected_error[best]:.3f}. Neither term is zero there."
        )
        self.wait(4.5)
        self.key_frame("decomposition")

    def build_legend(self) -> VGroup:
        """Return the four curves' legend, in two columns at the top middle of the chart."""
        legend = self.chart.build_legend([TOTAL, BIAS, VARIANCE, NOISE], columns=2)
        top = self.chart.axes.get_top() + 0.12 * DOWN
        return legend.move_to(top, aligned_edge=UP)

    def build_sweet_spot(self, chart: ErrorCurves, x: float, text: str) -> VGroup:
        """Return a marker on the total curve at flexibility ``x``, named ``text``."""
        marker = chart.build_marker(TOTAL, x, radius=0.1)
        label = build_text(text, self.theme, "small", weight="SEMIBOLD")
        label.next_to(marker, UP, buff=0.15)
        return VGroup(marker, label)

    # More data
    def show_more_data(self) -> None:
        """Repeat the simulation with more data: the variance and the U's right arm sink."""
        self.chapter("More data")
        more, factor = self.more, self.params.data_factor
        palette = self.theme.palette
        n_more = factor * self.params.n_train
        last = len(self.degrees) - 1
        self.caption(
            f"Same models, {factor} times the data ({n_more} samples): variance sinks and the "
            f"U flattens. Degree {self.degrees[-1]} goes from "
            f"{self.poly.expected_error[last]:.2f} to {more.expected_error[last]:.2f}."
        )
        new_curves = VGroup(
            self.chart.build_curve(self.degrees, more.bias_squared, palette.positive),
            self.chart.build_curve(self.degrees, more.variance, palette.negative),
            self.curves[2].copy(),
            self.chart.build_curve(self.degrees, more.expected_error, palette.test, stroke_width=6),
        )
        ghost = self.curves[3].copy().set_stroke(opacity=0.45)
        n_train, top = self.params.n_train, self.degrees[-1]
        ghost_label = self.chart.build_curve_label(
            TOTAL, f"{n_train} samples", at=top - 0.5, direction=LEFT
        ).set_opacity(0.75)
        self.add(ghost)
        self.chart.add_curve(BIAS, self.degrees, more.bias_squared, palette.positive)
        self.chart.add_curve(VARIANCE, self.degrees, more.variance, palette.negative)
        self.chart.add_curve(TOTAL, self.degrees, more.expected_error, palette.test)
        best = self.degrees[more.best]
        sweet = self.build_sweet_spot(self.chart, best, f"degree {best}")
        self.readouts[0].set_value(self.degrees[last])
        self.readouts[1].set_value(more.bias_squared[last])
        self.readouts[2].set_value(more.variance[last])
        self.play(
            Transform(self.curves, new_curves),
            Transform(self.sweet, sweet),
            Transform(self.fan, self.build_fan(last, more)),
            Transform(self.mean_fit, self.build_mean_fit(last, more)),
            FadeIn(self.chart.build_cursor(self.degrees[last])),
            FadeIn(ghost_label),
            run_time=2.5,
        )
        self.wait(3)
        self.key_frame("more-data")
        self.caption(
            "So 'too flexible' is not a property of the model alone: "
            "it depends on how much data the model learns from."
        )
        self.wait(4)

    # k-nearest neighbours
    def show_knn(self) -> None:
        """Sweep k in k-nearest neighbours from large (rigid) to 1 (flexible)."""
        self.chapter("k-nearest neighbours")
        knn = self.knn
        keep = [self._header, self._caption, self.plane, self.truth, self.truth_label]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))
        self.chart = self.build_knn_chart()
        self.cursor = self.chart.build_cursor(self.ks[0])
        self.fan = self.build_fan(0, knn)
        self.mean_fit = self.build_mean_fit(0, knn)
        self.traced = VGroup(*(self.trace_knn(name, 0) for name in (BIAS, VARIANCE, TOTAL)))
        palette = self.theme.palette
        self.readouts = build_readouts(
            self.theme,
            ("k", self.ks[0], ".0f", None),
            (f"bias{SQUARED}", knn.bias_squared[0], ".3f", palette.positive),
            ("variance", knn.variance[0], ".3f", palette.negative),
        )
        self.place_readouts()
        self.caption(
            "k-nearest neighbours predicts the average of the k closest samples. "
            "Here flexibility runs the other way: small k is flexible."
        )
        self.play(FadeIn(self.chart), FadeIn(self.readouts), FadeIn(self.cursor))
        self.play(
            FadeIn(self.fan),
            Create(self.mean_fit),
            FadeIn(self.traced),
            FadeIn(self.chart.curves[NOISE]),
        )
        self.bring_to_front(self.truth)
        self.wait(1.5)
        for index in range(1, len(self.ks)):
            self.step_knn(index)
        best = knn.best
        self.sweet = self.build_sweet_spot(self.chart, self.ks[best], f"k = {self.ks[best]}")
        labels = self.build_legend()
        self.caption(
            f"The same U: k = {self.ks[0]} averages every sample (bias), k = 1 copies the "
            f"nearest noisy one (variance {knn.variance[-1]:.2f}). Best: k = {self.ks[best]}."
        )
        self.play(FadeIn(self.sweet), FadeIn(labels), FadeOut(self.cursor))
        self.wait(4)
        self.key_frame("knn")

    def build_knn_chart(self) -> ErrorCurves:
        """Return the error chart over k, largest k at the left."""
        knn, palette = self.knn, self.theme.palette
        chart = ErrorCurves(
            self.theme,
            x_range=(1, self.ks[0], 1),
            y_range=ERROR_RANGE,
            width=CHART_SIZE[0],
            height=CHART_SIZE[1],
            x_label="k neighbours (fewer: more flexible \N{RIGHTWARDS ARROW})",
            y_label="mean squared error",
            reverse_x=True,
            x_ticks=[k for k in (20, 15, 10, 5, 1) if k <= self.ks[0]],
        )
        chart.shift(CHART_CENTER - chart.axes.get_center())
        chart.add_curve(BIAS, self.ks[::-1], knn.bias_squared[::-1], palette.positive)
        chart.add_curve(VARIANCE, self.ks[::-1], knn.variance[::-1], palette.negative)
        chart.add_curve(NOISE, self.ks[::-1], knn.noise[::-1], palette.chance)
        chart.add_curve(TOTAL, self.ks[::-1], knn.expected_error[::-1], palette.test)
        return chart

    def step_knn(self, index: int) -> None:
        """Move the KNN sweep on to ``self.ks[index]``."""
        knn, k = self.knn, self.ks[index]
        self.readouts[0].set_value(k)
        self.readouts[1].set_value(knn.bias_squared[index])
        self.readouts[2].set_value(knn.variance[index])
        traced = VGroup(*(self.trace_knn(name, index) for name in (BIAS, VARIANCE, TOTAL)))
        self.play(
            Transform(self.fan, self.build_fan(index, knn)),
            Transform(self.mean_fit, self.build_mean_fit(index, knn)),
            Transform(self.traced, traced),
            self.cursor.animate.move_to(self.chart.build_cursor(k)),
            run_time=0.8 * self.params.step_seconds,
        )

    def trace_knn(self, name: str, index: int) -> VMobject:
        """Return KNN curve ``name`` from the largest k down to ``self.ks[index]``."""
        series = self.chart.series[name]  # stored with k increasing
        start = series.x.size - 1 - index
        width = 6 if name == TOTAL else 4
        return self.chart.build_curve(
            series.x[start:], series.y[start:], series.color, stroke_width=width
        )

    # Teaser
    def show_teaser(self) -> None:
        """End on a question: is the U the whole story."""
        self.chapter("What next?", header=False)
        keep = [self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))
        card = build_title_card(
            "Is the U the whole story?",
            "What happens past the point where a model fits every sample?",
            self.theme,
        )
        card.move_to(2.15 * UP)
        teaser = self.build_teaser_chart()
        self.caption(
            "Make a model flexible enough to fit every training point, then keep going, "
            "and test error can fall again: double descent."
        )
        self.play(FadeIn(card, shift=0.2 * UP))
        self.play(FadeIn(teaser[0]), Create(teaser[1]), run_time=1.5)
        self.play(FadeIn(teaser[2:]))
        self.wait(4)
        self.key_frame("teaser")
        self.wait(1.5)

    def build_teaser_chart(self) -> VGroup:
        """Return the U so far, the degree that fits every sample, and a question mark past it."""
        palette = self.theme.palette
        n = self.params.n_train
        chart = ErrorCurves(
            self.theme,
            x_range=(0, 2 * n, 1),
            y_range=ERROR_RANGE,
            width=7.0,
            height=2.2,
            x_label="polynomial degree",
            y_label=None,
            x_ticks=[0, self.degrees[-1], n - 1, 2 * n],
            y_ticks=[],
        )
        chart.shift(0.75 * DOWN - chart.axes.get_center())
        u_curve = chart.build_curve(
            self.degrees, self.poly.expected_error, palette.test, stroke_width=6
        )
        wall = chart.build_cursor(n - 1)
        wall_label = build_text("fits every sample", self.theme, "small", color=palette.muted)
        wall_label.next_to(wall, UP, buff=0.1)
        question = build_text("?", self.theme, "title", color=palette.test, weight="BOLD")
        question.move_to(chart.point(1.5 * n, ERROR_RANGE[1] / 2))
        return VGroup(chart, u_curve, wall, wall_label, question)
