"""Double descent: past the point of fitting every training point, test error falls again."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)
from numpy.typing import ArrayLike, NDArray

from mlu_math.double_descent import (
    N_TEST,
    double_descent_data,
    error_curve,
    fit_curve,
    train_test_errors,
    true_function,
)
from mlu_math.feature_maps import DOMAIN
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, build_text
from scenes.components.error_axes import ErrorAxes
from scenes.theme import Theme

__all__ = ["DoubleDescent", "DoubleDescentParams", "feature_grid"]

Y_LIMIT = 2.6
"""The fit panel shows y in [-Y_LIMIT, Y_LIMIT]; wilder stretches leave the panel."""
GRID_POINTS = 361
"""Inputs at which each fitted curve is drawn."""
FIT_CENTER = np.array([-3.5, -0.45, 0.0])
FIT_SIZE = (5.8, 3.6)
CHART_CENTER = np.array([3.85, -0.3, 0.0])
CHART_SIZE = (4.8, 3.25)
TOP_ROW = 2.55
"""Height of the live readouts above the panels."""
ZERO = 1e-12
"""Training errors below this are shown as 0 (they are rounding noise)."""


@dataclass(frozen=True)
class DoubleDescentParams(BaseParams):
    """Parameters of the double-descent scene.

    Attributes
    ----------
    seed
        Seeds the data set on screen, its features and the averaged curves;
        the default shows a typical data set.
    n_train
        Training points, n: the interpolation threshold is p = n.
    noise
        Standard deviation of the noise on the targets.
    max_features
        The sweep runs p from 1 to ``max_features``.
    n_repeats
        Data sets (each with its own features) the averaged curves are taken over.
    sweep_seconds
        Time the sweep of p takes, pauses aside.
    """

    seed: int = 3
    n_train: int = 20
    noise: float = 0.2
    max_features: int = 1000
    n_repeats: int = 30
    sweep_seconds: float = 18.0

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("n_train", self.n_train, 8, 25)
        check_range("noise", self.noise, 0.0, 0.5)
        check_range("max_features", self.max_features, 10 * self.n_train, 4000)
        check_range("n_repeats", self.n_repeats, 3, 100)
        check_range("sweep_seconds", self.sweep_seconds, 6.0, 60.0)


def feature_grid(n_train: int, max_features: int) -> NDArray[np.intp]:
    """Return the values of p the scene fits: every p up to 1.5 n, then log-spaced."""
    dense = np.arange(1, int(1.5 * n_train) + 1)
    sparse = np.geomspace(dense[-1], max_features, 28).round().astype(np.intp)
    return np.unique(np.concatenate([dense, sparse]))


def decade_ticks(low: float, high: float) -> list[float]:
    """Return the powers of ten from ``low`` to ``high``."""
    return [10.0**k for k in range(round(np.log10(low)), round(np.log10(high)) + 1)]


def build_fit_axes(theme: Theme) -> Axes:
    """Return the axes of the fit panel: x over the domain, y over +-Y_LIMIT."""
    axes = Axes(
        x_range=[DOMAIN[0], DOMAIN[1], 0.5],
        y_range=[-Y_LIMIT, Y_LIMIT, 1.0],
        x_length=FIT_SIZE[0],
        y_length=FIT_SIZE[1],
        tips=False,
        axis_config={"color": theme.palette.axis, "stroke_width": 2, "tick_size": 0.04},
    )
    return axes.move_to(FIT_CENTER)


def build_polyline(axes: Axes, x: ArrayLike, y: ArrayLike, color: str, width: float) -> VMobject:
    """Return the curve through (x, y) on ``axes``, broken wherever it leaves the panel."""
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    inside = np.abs(ys) <= Y_LIMIT
    curve = VMobject(stroke_color=color, stroke_width=width)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(np.int8), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - start < 2:
            continue
        corners = [axes.c2p(a, b) for a, b in zip(xs[start:stop], ys[start:stop], strict=True)]
        curve.start_new_path(corners[0])
        curve.add_points_as_corners(corners[1:])
    if not curve.has_points():
        corner = axes.c2p(0, 0)
        curve.set_points_as_corners([corner, corner]).set_stroke(opacity=0.0)
    return curve


def build_fit_legend(theme: Theme) -> VGroup:
    """Return the key of the fit panel: training points, true curve, fitted curve."""
    palette = theme.palette
    entries = VGroup(
        VGroup(Dot(radius=0.07, color=palette.text), _key("training points", theme)),
        VGroup(
            DashedVMobject(Line(ORIGIN, 0.4 * RIGHT, color=palette.muted), num_dashes=3),
            _key("true curve", theme),
        ),
        VGroup(Line(ORIGIN, 0.4 * RIGHT, color=palette.curve, stroke_width=5), _key("fit", theme)),
    )
    for entry in entries:
        entry.arrange(RIGHT, buff=0.12)
    return entries.arrange(RIGHT, buff=0.4)


def _key(text: str, theme: Theme):
    return build_text(text, theme, "small", color=theme.palette.muted)


def shown_error(value: float) -> float:
    """Return an error rounded to three significant digits for a readout, 0 if negligible."""
    return 0.0 if value < ZERO else float(f"{value:.3g}")


def build_series_key(names: list[tuple[str, str]], theme: Theme) -> VGroup:
    """Return a row of line swatches with names, one per (name, colour)."""
    entries = VGroup()
    for name, color in names:
        swatch = Line(ORIGIN, 0.35 * RIGHT, color=color, stroke_width=5)
        entries.add(
            VGroup(swatch, build_text(name, theme, "small", color=color)).arrange(RIGHT, buff=0.1)
        )
    return entries.arrange(RIGHT, buff=0.35)


class DoubleDescent(ExplainerScene):
    """Double descent, after MLU Explain's essay of the same name."""

    slug = "double-descent"
    title = "Double Descent"
    summary = (
        "A model with ever more features: test error falls, peaks where the model can just fit "
        "every training point, then falls again, lower than before."
    )
    poster = "double-descent"
    Params = DoubleDescentParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_classical()
        self.show_setup()
        self.show_sweep()
        self.show_double_descent()
        self.show_takeaway()

    # Data
    def prepare_data(self) -> None:
        """Draw the data, fit every model of the sweep and average the error curves."""
        p = self.params
        n = p.n_train
        train_rng, test_rng, curve_rng = np.random.default_rng(p.seed).spawn(3)
        self.x, self.y = double_descent_data(n, noise=p.noise, rng=train_rng)
        x_test, y_test = double_descent_data(N_TEST, noise=p.noise, rng=test_rng)
        self.ps = feature_grid(n, p.max_features)
        self.grid = np.linspace(*DOMAIN, GRID_POINTS)
        self.fits = {
            int(k): fit_curve(self.x, self.y, self.grid, int(k), feature_seed=p.seed)
            for k in self.ps
        }
        self.train_mse, self.test_mse = train_test_errors(
            self.x, self.y, x_test, y_test, self.ps, feature_seed=p.seed
        )
        self.average = error_curve(
            self.ps, n_train=n, noise=p.noise, n_repeats=p.n_repeats, rng=curve_rng
        )
        below = self.ps < n
        median = self.average.test_mse_median
        self.classical_best = int(self.ps[below][np.argmin(median[below])])
        self.overall_best = int(self.ps[np.argmin(median)])
        self.draw_best = int(self.ps[below][np.argmin(self.test_mse[below])])

    def p_at(self, level: float) -> int:
        """Return the largest fitted p at or below ``10 ** level``."""
        index = np.searchsorted(np.log10(self.ps), level + 1e-9, side="right") - 1
        return int(self.ps[max(index, 0)])

    def error_at(self, errors: NDArray[np.float64], p: int) -> float:
        """Return the error at feature count ``p`` of the grid."""
        return float(errors[np.searchsorted(self.ps, p)])

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "What happens past the point of overfitting?",
            "Textbooks say a model that is too flexible overfits. That is half the story.",
            seconds=3.5,
        )

    # Classical U
    def show_classical(self) -> None:
        """Recall the textbook U: test error against flexibility, below p = n."""
        self.chapter("The textbook picture")
        palette = self.theme.palette
        n = self.params.n_train
        below = self.ps < n
        ps = self.ps[below]
        train = self.average.train_mse_median[below]
        test = self.average.test_mse_median[below]
        top = 0.2 * np.ceil(test[: ps.size // 2].max() * 1.25 / 0.2)
        chart = ErrorAxes(
            self.theme,
            x_range=(0, n),
            y_range=(0, top),
            x_ticks=list(range(0, n + 1, 5)),
            y_ticks=[round(v, 1) for v in np.arange(0, top + 0.1, 0.2)],
            x_log=False,
            y_log=False,
            width=7.0,
            height=3.9,
            x_label="flexibility: p, the number of features",
            y_label="error (mean squared)",
        )
        chart.move_to(0.2 * DOWN)
        curves = VGroup(
            chart.build_curve(ps, train, palette.train),
            chart.build_curve(ps, test, palette.test),
        )
        key = build_series_key(
            [("training error", palette.train), ("test error", palette.test)], self.theme
        )
        key.next_to(chart.axes, UP, buff=0.2).align_to(chart.axes, RIGHT)
        best = self.classical_best
        marker = chart.build_dot(
            best, self.error_at(self.average.test_mse_median, best), palette.good, radius=0.1
        )
        note = build_text(f"stop here? p = {best}", self.theme, "label", color=palette.good)
        # above the dot, clear of the test curve's climb near p = n
        note.next_to(marker, UP, buff=0.55)
        note.shift(
            (min(note.get_right()[0], chart.point(n - 2.5, 0)[0]) - note.get_right()[0]) * RIGHT
        )
        self.caption(
            "More features: training error keeps falling. Test error falls, "
            "then rises again as the model starts to fit the noise."
        )
        self.play(FadeIn(chart), FadeIn(key))
        self.play(Create(curves), run_time=2.5)
        self.wait(2.5)
        self.caption("The textbook advice: stop at the bottom of the U.")
        self.play(FadeIn(marker, scale=0.5), FadeIn(note))
        self.wait(3)
        self.key_frame("classical")
        self.caption(f"But what lies past p = {n}, where the model has a feature for every point?")
        self.wait(3)
        self.play(FadeOut(chart, curves, key, marker, note))

    # The setup
    def show_setup(self) -> None:
        """Show the data, the true curve and the two empty panels."""
        self.chapter("Past the interpolation threshold")
        palette = self.theme.palette
        n = self.params.n_train
        self.fit_axes = build_fit_axes(self.theme)
        self.truth = DashedVMobject(
            build_polyline(self.fit_axes, self.grid, true_function(self.grid), palette.muted, 3),
            num_dashes=60,
        )
        self.dots = self.build_dots(self.fit_axes)
        self.fit_legend = build_fit_legend(self.theme)
        self.fit_legend.next_to(self.fit_axes, UP, buff=0.2).align_to(self.fit_axes, LEFT)
        self.caption(
            f"{n} noisy points around a true curve. The model: a sum of p random waves, "
            "fitted by least squares."
        )
        self.play(FadeIn(self.fit_axes), FadeIn(self.fit_legend))
        self.play(Create(self.truth), FadeIn(self.dots, lag_ratio=0.1), run_time=2)
        self.gather(self.dots)
        self.wait(2)
        self.build_error_chart()
        self.caption(
            "With p features the fit has p coefficients. Right: its error on the training "
            f"points and on {N_TEST:,} fresh test points."
        )
        self.play(FadeIn(self.chart))
        self.wait(3)

    def build_dots(self, axes: Axes, radius: float = 0.075) -> VGroup:
        """Return the training points on ``axes``."""
        color = self.theme.palette.text
        return VGroup(
            *(
                Dot(axes.c2p(a, b), radius=radius, color=color)
                for a, b in zip(self.x, self.y, strict=True)
            )
        )

    def build_error_chart(self) -> None:
        """Build the log-log chart of this data set's errors against p."""
        positive = np.concatenate(
            [
                self.test_mse,
                self.average.test_mse_median,
                self.train_mse[self.ps < self.params.n_train],
            ]
        )
        low = 10.0 ** np.floor(np.log10(positive.min()))
        high = 10.0 ** np.ceil(np.log10(max(positive.max(), 10 * low)))
        self.y_range = (max(low, 1e-4), min(high, 1e4))
        self.chart = ErrorAxes(
            self.theme,
            x_range=(1, float(self.ps[-1])),
            y_range=self.y_range,
            x_ticks=decade_ticks(1, float(self.ps[-1])),
            y_ticks=decade_ticks(*self.y_range),
            width=CHART_SIZE[0],
            height=CHART_SIZE[1],
            x_label="p, the number of features",
            y_label="error (mean squared), log scale",
        )
        self.chart.shift(CHART_CENTER - self.chart.axes.get_center())

    # The sweep
    def show_sweep(self) -> None:
        """Sweep p from 1 to many times n: the fit and its errors follow."""
        palette = self.theme.palette
        n = self.params.n_train
        self.level = ValueTracker(0.0)
        self.fit = self.build_fit(1)
        self.fit.add_updater(lambda m: m.become(self.build_fit(self.p_now())))
        self.traces = VGroup(
            self.build_trace(self.train_mse, palette.train),
            self.build_trace(self.test_mse, palette.test),
        )
        self.heads = VGroup(
            self.build_head(self.train_mse, palette.train),
            self.build_head(self.test_mse, palette.test),
        )
        self.p_readout = Readout("features p =", 1, self.theme, fmt=".0f", role="heading")
        self.p_readout.move_to(self.fit_axes.get_center()[0] * RIGHT + TOP_ROW * UP)
        self.p_readout.add_updater(lambda m: m.set_value(self.p_now()))
        self.train_readout = self.build_error_readout("training error", self.train_mse, 0)
        self.test_readout = self.build_error_readout("test error", self.test_mse, 1)
        self.caption("Start with one feature, then add more: watch the fit on the left.")
        self.play(
            FadeIn(self.fit),
            FadeIn(self.traces),
            FadeIn(self.heads),
            FadeIn(self.p_readout),
            FadeIn(self.train_readout),
            FadeIn(self.test_readout),
        )
        seconds = self.params.sweep_seconds
        best = self.draw_best
        self.sweep_to(np.log10(best), 0.3 * seconds)
        self.caption(
            f"With few features the fit is smooth. At p = {best}, this data's best below n, "
            "it follows the true curve but misses points."
        )
        self.wait(3.5)
        self.key_frame("few-features")
        self.caption(
            f"Near p = n = {n} the curve must pass through every point, and only one curve "
            "with these features does: a wild one."
        )
        self.sweep_to(np.log10(n), 0.2 * seconds)
        self.wait(3.5)
        self.key_frame("threshold")
        self.caption(
            "Past n, many curves fit every point. Least squares takes the one with the "
            "smallest coefficients, and it calms down."
        )
        self.sweep_to(np.log10(self.ps[-1]), 0.5 * seconds)
        self.wait(2)
        self.zero_note = build_text(
            "training error 0: every point fitted", self.theme, "small", color=palette.train
        )
        self.zero_note.next_to(self.chart.point(self.ps[-1], self.y_range[0]), UP, buff=0.12)
        self.zero_note.align_to(self.chart.axes, RIGHT)
        self.play(FadeIn(self.zero_note))
        self.wait(1.5)
        self.key_frame("many-features")
        self.wait(2.5)

    def sweep_to(self, level: float, seconds: float) -> None:
        """Move log10(p) to ``level`` at a steady pace."""
        self.play(self.level.animate.set_value(level), run_time=seconds, rate_func=linear)

    def p_now(self) -> int:
        """Return the p the sweep shows now."""
        return self.p_at(self.level.get_value())

    def build_fit(self, p: int, axes: Axes | None = None) -> VMobject:
        """Return the fitted curve with ``p`` features."""
        return build_polyline(
            axes or self.fit_axes, self.grid, self.fits[p], self.theme.palette.curve, 4.5
        )

    def build_trace(self, errors: NDArray[np.float64], color: str) -> VMobject:
        """Return a curve of ``errors`` that the sweep draws up to the current p."""

        def traced() -> VMobject:
            shown = self.ps <= self.p_now()
            return self.chart.build_curve(self.ps[shown], errors[shown], color)

        curve = traced()
        curve.add_updater(lambda m: m.become(traced()))
        return curve

    def build_head(self, errors: NDArray[np.float64], color: str) -> Dot:
        """Return a dot riding on ``errors`` at the current p."""
        dot = self.chart.build_dot(1, float(errors[0]), color)
        dot.add_updater(
            lambda m: m.move_to(self.chart.point(self.p_now(), self.error_at(errors, self.p_now())))
        )
        return dot

    def build_error_readout(self, name: str, errors: NDArray[np.float64], row: int) -> Readout:
        """Return a live readout of ``errors`` above the chart (row 0 on top)."""
        color = (self.theme.palette.train, self.theme.palette.test)[row]
        readout = Readout(name, 0.0, self.theme, fmt="g", role="label", color=color)

        def follow(m: Readout) -> None:
            m.set_value(shown_error(self.error_at(errors, self.p_now())))
            m.next_to(self.chart.axes, UP, buff=0.0).align_to(self.chart.tick_labels, LEFT)
            m.shift((TOP_ROW + 0.2 - 0.42 * row - m.get_y()) * UP)

        follow(readout)
        readout.add_updater(follow)
        return readout

    # Double descent
    def show_double_descent(self) -> None:
        """Average over many data sets: the test error descends twice."""
        self.chapter("Double descent")
        palette = self.theme.palette
        n = self.params.n_train
        for part in (*self.traces, *self.heads, self.train_readout, self.test_readout):
            part.clear_updaters()
        median = self.average.test_mse_median
        averaged = VGroup(
            self.chart.build_curve(self.ps, self.average.train_mse_median, palette.train),
            self.chart.build_curve(self.ps, median, palette.test, stroke_width=6),
        )
        key = build_series_key(
            [("typical training error", palette.train), ("typical test error", palette.test)],
            self.theme,
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        key.move_to(self.train_readout, aligned_edge=LEFT).align_to(self.train_readout, UP)
        threshold = self.chart.build_vline(n)
        label = build_text(f"p = n = {n}", self.theme, "small", color=palette.threshold)
        label.next_to(threshold.get_end(), LEFT, buff=0.1).shift(0.2 * DOWN)
        self.caption(
            f"One data set could be luck. Here is the typical (median) error over "
            f"{self.params.n_repeats} data sets, each with its own random features."
        )
        self.play(
            FadeOut(self.heads, self.train_readout, self.test_readout, self.zero_note),
            self.traces.animate.set_stroke(opacity=0.25),
        )
        self.play(Create(averaged), FadeIn(key), run_time=2.5)
        self.play(Create(threshold), FadeIn(label))
        self.caption(
            f"Test error falls, peaks at the interpolation threshold p = n = {n}, then falls "
            "again: double descent."
        )
        self.wait(4)
        self.key_frame("double-descent")
        first, best = self.classical_best, self.overall_best
        marks = VGroup(
            self.chart.build_dot(first, self.error_at(median, first), palette.good, radius=0.09),
            self.chart.build_dot(best, self.error_at(median, best), palette.good, radius=0.09),
        )
        self.caption(
            f"The lowest typical test error is at p = {best}, not at p = {first}, the best "
            "below the threshold."
            if best > n
            else f"Here the lowest typical test error stays below the threshold, at p = {best}."
        )
        self.play(FadeIn(marks, scale=0.5))
        self.wait(4)
        self.key_frame("best")

    # Takeaway
    def show_takeaway(self) -> None:
        """Set this data's best model below n beside the one with the most features."""
        self.chapter("Fitting every point can be best")
        median = self.average.test_mse_median
        first, last = self.classical_best, int(self.ps[-1])
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))
        panels = VGroup(
            self.build_panel(self.draw_best, f"p = {self.draw_best}: best below n here"),
            self.build_panel(last, f"p = {last}: fits every point"),
        ).arrange(RIGHT, buff=0.8)
        panels.move_to(0.15 * DOWN)
        self.caption(
            f"Typical test error over {self.params.n_repeats} data sets: "
            f"{self.error_at(median, first):.3f} at p = {first}, "
            f"{self.error_at(median, last):.3f} at p = {last}."
        )
        self.play(FadeIn(panels[0]), run_time=1.2)
        self.play(FadeIn(panels[1]), run_time=1.2)
        self.wait(4)
        self.key_frame("takeaway")
        self.caption(
            "The best model may sit far past the point where it fits its training data "
            "perfectly: the bottom of the U can be the wrong place to stop."
        )
        self.wait(5.5)

    def build_panel(self, p: int, title: str) -> VGroup:
        """Return a small fit panel: data, truth, the fit with ``p`` features, its test error."""
        palette = self.theme.palette
        axes = Axes(
            x_range=[DOMAIN[0], DOMAIN[1], 0.5],
            y_range=[-Y_LIMIT, Y_LIMIT, 1.0],
            x_length=5.6,
            y_length=3.2,
            tips=False,
            axis_config={"color": palette.axis, "stroke_width": 2, "tick_size": 0.04},
        )
        truth = DashedVMobject(
            build_polyline(axes, self.grid, true_function(self.grid), palette.muted, 3),
            num_dashes=60,
        )
        heading = build_text(title, self.theme, "label", weight="SEMIBOLD")
        heading.next_to(axes, UP, buff=0.25)
        error = Readout(
            "test error on this data",
            shown_error(self.error_at(self.test_mse, p)),
            self.theme,
            fmt="g",
            role="label",
        )
        error.next_to(axes, DOWN, buff=0.25)
        return VGroup(heading, axes, truth, self.build_fit(p, axes), self.build_dots(axes), error)
