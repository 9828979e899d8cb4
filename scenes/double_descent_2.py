"""Double descent, why: the minimum-norm fit, a collapsing singular value, ridge, more data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)
from numpy.typing import ArrayLike

from mlu_math.double_descent import error_curve, smallest_singular_value_curve
from mlu_math.interpolation import (
    gradient_descent_path,
    interpolating_solutions,
    isotropic_min_norm_risk,
    min_norm_solution,
    noise_amplification_curve,
    toy_features,
)
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, build_text
from scenes.components.log_chart import LogChart, decades_around
from scenes.theme import Theme

__all__ = ["DoubleDescent2", "DoubleDescent2Params"]

SUM_INVERSE_SQUARES = "\N{N-ARY SUMMATION} 1/s\N{LATIN SUBSCRIPT SMALL LETTER I}\N{SUPERSCRIPT TWO}"
TOY_POINT = (2.0, 3.0)
"""The toy's one training point (x, y): two coefficients, one equation."""
TOY_STEPS = (-2.6, 2.8)
"""How far the sweep runs along the line of solutions, either side of the min-norm point."""
TOY_GD_RATE = 0.06
TOY_GD_STEPS = 14

# Where things sit (scene units; the frame is 14.2 x 8 around the origin).
DATA_PLANE = {"x_range": (-1, 3), "y_range": (-1, 5), "unit": 0.78, "center": (-4.3, -0.15)}
COEF_PLANE = {"x_range": (-2, 3), "y_range": (-1, 3), "unit": 0.98, "center": (2.6, -0.2)}


@dataclass(frozen=True)
class DoubleDescent2Params(BaseParams):
    """Parameters of the double-descent explanation.

    Attributes
    ----------
    seed
        Seeds every draw; by default 2, whose 20 training sets show the
        average test error's peak at p = n cleanly (the mean over a few draws
        is heavy-tailed near p = n: one unlucky draw can keep it high for long).
    n_train
        Training points of the feature-count charts; the peak sits at p = n_train.
    max_features
        The feature-count charts run p (and the sample-wise chart n) from 1 to this.
    noise
        Standard deviation of the label noise of the feature-count charts.
    n_repeats
        Training sets averaged over for each point of the test-error curves.
    ridge_alpha
        The largest ridge penalty; the ridge chart also shows it times 1e-2 and 1e-4.
    sample_features
        The fixed p of the sample-wise chart, whose peak sits at n = p.
    sample_noise
        Standard deviation of the label noise of the sample-wise chart (signal norm 1).
    sweep_seconds
        Time each chart takes to build up.
    """

    seed: int = 2
    n_train: int = 20
    max_features: int = 60
    noise: float = 0.1
    n_repeats: int = 20
    ridge_alpha: float = 0.01
    sample_features: int = 20
    sample_noise: float = 0.5
    sweep_seconds: float = 6.0

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("n_train", self.n_train, 5, 40)
        check_range("max_features", self.max_features, 2 * self.n_train, 120)
        check_range("noise", self.noise, 0.01, 1.0)
        check_range("n_repeats", self.n_repeats, 1, 100)
        check_range("ridge_alpha", self.ridge_alpha, 1e-6, 10.0)
        check_range("sample_features", self.sample_features, 5, self.max_features // 2)
        check_range("sample_noise", self.sample_noise, 0.05, 2.0)
        check_range("sweep_seconds", self.sweep_seconds, 1.0, 20.0)


# --- the toy: two coefficients, one data point -------------------------------------------


def build_plane(
    theme: Theme,
    *,
    x_range: tuple[int, int],
    y_range: tuple[int, int],
    unit: float,
    center: tuple[float, float],
    x_label: str,
    y_label: str,
) -> VGroup:
    """Return axes crossing at the origin, one scene unit per ``1 / unit``, with tick labels.

    The same scale on both axes, so that circles look like circles.
    """
    palette = theme.palette
    axes = Axes(
        x_range=[x_range[0], x_range[1], 1],
        y_range=[y_range[0], y_range[1], 1],
        x_length=unit * (x_range[1] - x_range[0]),
        y_length=unit * (y_range[1] - y_range[0]),
        tips=False,
        axis_config={"color": palette.axis, "stroke_width": 2, "tick_size": 0.05},
    )
    axes.shift(np.array([*center, 0.0]) - axes.get_center())
    labels = VGroup()
    for value in range(x_range[0], x_range[1] + 1):
        if value != 0:
            label = build_text(f"{value}", theme, "small", color=palette.muted)
            labels.add(label.next_to(axes.c2p(value, 0), DOWN, buff=0.1))
    for value in range(y_range[0], y_range[1] + 1):
        if value != 0:
            label = build_text(f"{value}", theme, "small", color=palette.muted)
            labels.add(label.next_to(axes.c2p(0, value), LEFT, buff=0.1))
    x_title = build_text(x_label, theme, "small", color=palette.muted)
    x_title.next_to(axes.c2p(x_range[1], 0), RIGHT, buff=0.15)
    y_title = build_text(y_label, theme, "small", color=palette.muted)
    y_title.next_to(axes.c2p(0, y_range[1]), RIGHT, buff=0.15).align_to(axes, UP)
    plane = VGroup(axes, labels, x_title, y_title)
    plane.axes = axes
    return plane


def build_fit_line(plane: VGroup, coef: ArrayLike, color: str) -> Line:
    """Return the toy model's line ``w_1 + w_2 x`` for ``coef``, clipped to the plane."""
    axes: Axes = plane.axes
    x_min, x_max = axes.x_range[0], axes.x_range[1]
    y_min, y_max = axes.y_range[0], axes.y_range[1]
    intercept, slope = (float(c) for c in coef)
    if slope != 0:
        ends = sorted(((y_min - intercept) / slope, (y_max - intercept) / slope))
        x_min, x_max = max(x_min, ends[0]), min(x_max, ends[1])
    xs = np.array([x_min, x_max])
    ys = toy_features(xs) @ np.array([intercept, slope])
    return Line(axes.c2p(xs[0], ys[0]), axes.c2p(xs[1], ys[1]), color=color, stroke_width=4)


def build_segment(plane: VGroup, points: ArrayLike, color: str, width: float = 3) -> VMobject:
    """Return the polyline through ``points`` (rows of plane coordinates)."""
    corners = [plane.axes.c2p(*row) for row in np.asarray(points, dtype=float)]
    curve = VMobject(stroke_color=color, stroke_width=width)
    curve.set_points_as_corners(corners if len(corners) > 1 else corners * 2)
    return curve


def ridge_name(alpha: float) -> str:
    """Return a ridge penalty as a legend entry."""
    return "no penalty" if alpha == 0 else f"ridge \N{GREEK SMALL LETTER ALPHA} = {alpha:g}"


def build_summary(points: tuple[str, ...], theme: Theme) -> VGroup:
    """Return numbered points, the numbers in a column of their own."""
    marks = [
        build_text(f"{n}.", theme, "body", weight="SEMIBOLD") for n in range(1, 1 + len(points))
    ]
    indent = max(mark.width for mark in marks) + 0.25
    items = VGroup()
    for mark, text in zip(marks, points, strict=True):
        body = build_text(text, theme, "body")
        body.next_to(mark, RIGHT, aligned_edge=UP, buff=indent - mark.width)
        items.add(VGroup(mark, body))
    return items.arrange(DOWN, aligned_edge=LEFT, buff=0.45)


# --- the charts: curves over p and over n --------------------------------------------------


@dataclass(frozen=True)
class Curves:
    """Every curve the charts draw, computed once from the parameters."""

    p: np.ndarray
    smallest_singular: np.ndarray
    amplification: np.ndarray
    """Noise amplification of the same feature matrices as ``smallest_singular``."""
    alphas: tuple[float, ...]
    test_mse: tuple[np.ndarray, ...]
    """Test MSE against p, one array per penalty in ``alphas`` (0 first), same data for each."""
    n: np.ndarray
    sample_risk: np.ndarray


def ridge_penalties(largest: float) -> tuple[float, ...]:
    """Return the penalties of the ridge chart: none, then ``largest`` times 1e-4, 1e-2, 1."""
    return (0.0, largest * 1e-4, largest * 1e-2, largest)


def compute_curves(params: DoubleDescent2Params) -> Curves:
    """Return the curves of every chart, from two seeds drawn from ``params.seed``."""
    spectrum_seed, error_seed = (
        int(s) for s in np.random.default_rng(params.seed).integers(2**31, size=2)
    )
    p = np.arange(1, params.max_features + 1)
    n = np.arange(1, params.max_features + 1)
    alphas = ridge_penalties(params.ridge_alpha)
    return Curves(
        p=p,
        smallest_singular=smallest_singular_value_curve(
            p, n_train=params.n_train, rng=spectrum_seed
        ),
        amplification=noise_amplification_curve(p, n_train=params.n_train, rng=spectrum_seed),
        alphas=alphas,
        test_mse=tuple(
            error_curve(
                p,
                n_train=params.n_train,
                noise=params.noise,
                alpha=alpha,
                n_repeats=params.n_repeats,
                rng=error_seed,
            ).test_mse
            for alpha in alphas
        ),
        n=n,
        sample_risk=isotropic_min_norm_risk(
            n, params.sample_features, signal_norm=1.0, noise=params.sample_noise
        ),
    )


def build_p_chart(
    curves: Curves,
    values: np.ndarray,
    theme: Theme,
    *,
    width: float,
    height: float,
    y_label: str,
    x_label: str = "p, the number of features",
    pad: float = 0.0,
) -> LogChart:
    """Return a log chart over the p (or n) axis, its decades fitted to ``values``."""
    x = curves.p
    step = 10 if x[-1] <= 80 else 20
    return LogChart(
        theme,
        x_range=(0, float(x[-1])),
        x_ticks=[float(v) for v in np.arange(step, x[-1] + 1, step)],
        decades=decades_around(values, pad=pad),
        width=width,
        height=height,
        x_label=x_label,
        y_label=y_label,
    )


class DoubleDescent2(ExplainerScene):
    """Why double descent happens, after MLU Explain's second double-descent essay."""

    slug = "double-descent-2"
    title = "Double Descent: Why"
    summary = (
        "Among all perfect fits least squares picks the smallest; at p = n even that one is "
        "huge, as a singular value collapses. Ridge flattens the peak; more data can hurt."
    )
    poster = "singular-values"
    Params = DoubleDescent2Params

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_solutions()
        self.show_min_norm()
        self.show_gradient_descent()
        self.show_singular_values()
        self.show_ridge()
        self.show_sample_wise()
        self.show_summary()

    def prepare_data(self) -> None:
        """Compute the toy's solutions and every curve the charts draw."""
        x0, y0 = TOY_POINT
        self.toy_row = toy_features([x0])[0]
        self.toy_best = min_norm_solution(self.toy_row, y0)
        self.toy_line = interpolating_solutions(self.toy_row, y0, np.linspace(*TOY_STEPS, 2))
        self.toy_path = gradient_descent_path(
            self.toy_row[None, :], [y0], learning_rate=TOY_GD_RATE, n_steps=TOY_GD_STEPS
        )
        self.curves = compute_curves(self.params)

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "What picks the fit, and what breaks it",
            "With more features than data points, a model can fit its training data perfectly "
            "in infinitely many ways. Which one does it pick?",
            seconds=3.5,
        )

    # (a) The minimum-norm solution
    def show_solutions(self) -> None:
        """Slide along every line through one point: the toy's line of solutions."""
        self.chapter("Infinitely many perfect fits")
        palette = self.theme.palette
        self.data_plane = build_plane(
            self.theme, x_label="x", y_label="y", **self._plane_args(DATA_PLANE)
        )
        self.coef_plane = build_plane(
            self.theme,
            x_label="intercept w\N{SUBSCRIPT ONE}",
            y_label="slope w\N{SUBSCRIPT TWO}",
            **self._plane_args(COEF_PLANE),
        )
        point = Dot(self.data_plane.axes.c2p(*TOY_POINT), radius=0.11, color=palette.train)
        titles = VGroup(
            build_text(
                "one data point, a line y = w\N{SUBSCRIPT ONE} + w\N{SUBSCRIPT TWO}x",
                self.theme,
                "label",
            ),
            build_text(
                "every line through it, as a point (w\N{SUBSCRIPT ONE}, w\N{SUBSCRIPT TWO})",
                self.theme,
                "label",
            ),
        )
        titles[0].next_to(self.data_plane, UP, buff=0.2)
        titles[1].next_to(self.coef_plane, UP, buff=0.2)
        self.toy_titles = titles
        self.caption(
            "Fit a line, two coefficients, to a single point: every line through the point "
            "fits it exactly. Each line is one point of the coefficient plane."
        )
        self.play(FadeIn(self.data_plane), FadeIn(self.coef_plane), FadeIn(titles))
        self.play(FadeIn(point, scale=0.5))
        self.toy_point = point
        self.sweep_solutions()
        self.wait(1.5)
        self.key_frame("solutions")

    def _plane_args(self, spec: dict) -> dict:
        return {key: spec[key] for key in ("x_range", "y_range", "unit", "center")}

    def sweep_solutions(self) -> None:
        """Move along the line of solutions; the fitted line turns about the point."""
        palette = self.theme.palette
        y0 = TOY_POINT[1]
        t = ValueTracker(TOY_STEPS[0])
        self.toy_t = t

        def coef_now() -> np.ndarray:
            return interpolating_solutions(self.toy_row, y0, [t.get_value()])[0]

        self.fit_line = build_fit_line(self.data_plane, coef_now(), palette.negative)
        self.fit_line.add_updater(
            lambda line: line.become(build_fit_line(self.data_plane, coef_now(), palette.negative))
        )
        self.coef_dot = Dot(
            self.coef_plane.axes.c2p(*coef_now()), radius=0.1, color=palette.negative
        )
        self.coef_dot.add_updater(lambda dot: dot.move_to(self.coef_plane.axes.c2p(*coef_now())))
        self.solution_trace = build_segment(self.coef_plane, [coef_now()], palette.muted)
        start = self.toy_line[0]
        self.solution_trace.add_updater(
            lambda trace: trace.become(
                build_segment(self.coef_plane, [start, coef_now()], palette.muted)
            )
        )
        self.norm_readout = Readout(
            "\N{DOUBLE VERTICAL LINE}w\N{DOUBLE VERTICAL LINE} =",
            float(np.linalg.norm(coef_now())),
            self.theme,
            role="label",
        )
        self.norm_readout.next_to(self.coef_plane.axes.c2p(3, 3), DOWN + LEFT, buff=0.1)
        self.norm_readout.add_updater(lambda r: r.set_value(float(np.linalg.norm(coef_now()))))
        self.play(FadeIn(self.fit_line), FadeIn(self.coef_dot), FadeIn(self.norm_readout))
        self.add(self.solution_trace, self.coef_dot)
        self.play(
            t.animate.set_value(TOY_STEPS[1]), run_time=self.params.sweep_seconds, rate_func=linear
        )
        self.solution_trace.clear_updaters()
        equation = build_text(self.toy_equation(), self.theme, "small", color=palette.muted)
        equation.next_to(self.coef_plane.axes.c2p(*self.toy_line[-1]), UP, buff=0.15)
        self.play(FadeIn(equation))

    def toy_equation(self) -> str:
        """Return the toy's one equation, such as ``w1 + 2 w2 = 3``."""
        one, two = (f"{value:g}" if value != 1 else "" for value in self.toy_row)
        sub1, sub2 = "\N{SUBSCRIPT ONE}", "\N{SUBSCRIPT TWO}"
        return f"{one}w{sub1} + {two}w{sub2} = {TOY_POINT[1]:g}"

    def show_min_norm(self) -> None:
        """Grow a circle from the origin until it touches the line: the min-norm fit."""
        palette = self.theme.palette
        axes = self.coef_plane.axes
        unit = float(np.linalg.norm(axes.c2p(1, 0) - axes.c2p(0, 0)))
        radius = ValueTracker(0.0)
        circle = Circle(radius=1e-3, color=palette.validation, stroke_width=3)
        circle.move_to(axes.c2p(0, 0))
        circle.add_updater(
            lambda c: c.become(
                Circle(
                    radius=max(radius.get_value(), 1e-3) * unit,
                    color=palette.validation,
                    stroke_width=3,
                ).move_to(axes.c2p(0, 0))
            )
        )
        best = float(np.linalg.norm(self.toy_best))
        self.caption(
            "Least squares takes the one with the smallest coefficients: grow a circle "
            "from the origin until it first touches the line of solutions."
        )
        self.add(circle)
        self.play(radius.animate.set_value(best), run_time=3.0)
        self.play(self.toy_t.animate.set_value(0.0), run_time=2.0)
        circle.clear_updaters()
        w1, w2 = self.toy_best
        best = build_text(f"y = {w1:.1f} + {w2:.1f}x", self.theme, "label", color=palette.negative)
        best.move_to(self.data_plane.axes.c2p(2.25, 1.9), aligned_edge=LEFT)
        self.play(FadeIn(best))
        self.min_circle = circle
        self.wait(2)
        self.key_frame("min-norm")

    def show_gradient_descent(self) -> None:
        """Run gradient descent from zero: it walks straight to the min-norm point."""
        palette = self.theme.palette
        axes = self.coef_plane.axes
        steps = VGroup(
            *(Dot(axes.c2p(*coef), radius=0.05, color=palette.positive) for coef in self.toy_path)
        )
        path = build_segment(self.coef_plane, self.toy_path, palette.positive, width=2)
        self.caption(
            "Nobody has to ask for it: gradient descent started at zero walks straight "
            "to that same smallest solution, and stops there."
        )
        self.play(
            Create(path),
            LaggedStart(*(FadeIn(s, scale=0.5) for s in steps), lag_ratio=0.3),
            run_time=3.0,
        )
        self.gather(steps)
        self.wait(2.5)
        self.key_frame("gradient-descent")
        self.wait(1)

    # Chart helpers
    def clear_stage(self) -> None:
        """Fade out everything but the header and the caption."""
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))

    def sweep(self, traced: list[tuple[LogChart, int]], x: np.ndarray, seconds: float) -> None:
        """Build up each (chart, series) from ``x[0]`` to ``x[-1]`` together, then freeze them."""
        tracker = ValueTracker(float(x[0]))
        for chart, index in traced:
            chart.follow(tracker, index)
            self.add(chart.curves[index], chart.heads[index])
        self.play(tracker.animate.set_value(float(x[-1])), run_time=seconds, rate_func=linear)
        for chart, _ in traced:
            chart.stop_following()
        self.remove(tracker)

    # (b) The smallest singular value collapses at p = n
    def show_singular_values(self) -> None:
        """Sweep p: the smallest singular value dips at p = n and the fit's norm explodes."""
        self.chapter("Why the peak sits at p = n")
        for part in (self.fit_line, self.coef_dot, self.norm_readout):
            part.clear_updaters()
        self.clear_stage()
        palette = self.theme.palette
        c, n_train = self.curves, self.params.n_train
        left = build_p_chart(
            c,
            c.smallest_singular,
            self.theme,
            width=4.9,
            height=3.6,
            y_label="smallest singular value s of the features",
        )
        right = build_p_chart(
            c,
            c.amplification,
            self.theme,
            width=4.9,
            height=3.6,
            y_label=f"noise amplification {SUM_INVERSE_SQUARES}",
        )
        left.shift(np.array([-3.45, -0.15, 0.0]) - left.axes.get_center())
        right.shift(np.array([3.75, -0.15, 0.0]) - right.axes.get_center())
        markers = VGroup(
            *(chart.build_marker(n_train, f"p = n = {n_train}") for chart in (left, right))
        )
        left.add_series("smallest singular value", c.p, c.smallest_singular, palette.negative)
        right.add_series("noise amplification", c.p, c.amplification, palette.bad)
        self.caption(
            f"Now n = {n_train} training points and p random features. As p nears n, the "
            "smallest singular value of the feature matrix collapses toward zero."
        )
        self.play(FadeIn(left), FadeIn(right), FadeIn(markers))
        self.sweep([(left, 0), (right, 0)], c.p, self.params.sweep_seconds * 1.3)
        self.wait(1.5)
        self.key_frame("singular-values")
        self.caption(
            "The min-norm fit divides the label noise by each singular value, so the noise "
            f"grows by {SUM_INVERSE_SQUARES}: at p = n even the smallest perfect fit is huge."
        )
        self.wait(4)

    # (c) Ridge flattens the peak
    def show_ridge(self) -> None:
        """Draw test error against p for growing ridge penalties, one after another."""
        self.chapter("Ridge flattens the peak")
        self.clear_stage()
        c, n_train = self.curves, self.params.n_train
        chart = build_p_chart(
            c,
            np.concatenate(c.test_mse),
            self.theme,
            width=8.4,
            height=3.9,
            y_label="test error (MSE)",
        )
        chart.shift(np.array([-1.4, -0.1, 0.0]) - chart.axes.get_center())
        marker = chart.build_marker(n_train, f"p = n = {n_train}")
        for alpha, values, color in zip(c.alphas, c.test_mse, self.ridge_colors(), strict=True):
            chart.add_series(ridge_name(alpha), c.p, values, color)
        legend = chart.build_legend()
        legend.next_to(chart.axes, RIGHT, buff=0.5).align_to(chart.axes, UP)
        self.caption(
            "Test error against p, with no penalty: it falls, soars at p = n, and falls again. "
            "That is double descent."
        )
        self.play(FadeIn(chart), FadeIn(marker))
        for index in range(len(c.alphas)):
            if index == 1:
                self.caption(
                    "Ridge adds a penalty on the coefficients' size, so they cannot explode. "
                    "Each bigger penalty lowers the peak, until it is gone."
                )
            self.play(FadeIn(legend[index]), run_time=0.4)
            seconds = self.params.sweep_seconds * (1.0 if index == 0 else 0.6)
            self.sweep([(chart, index)], c.p, seconds)
            self.remove(chart.heads[index])
            self.wait(0.8)
        self.wait(2)
        self.key_frame("ridge")
        self.wait(1)

    def ridge_colors(self) -> list[str]:
        """Return a colour per ridge penalty, none first."""
        palette = self.theme.palette
        return [palette.bad, palette.validation, palette.negative, palette.good]

    # (d) Sample-wise double descent
    def show_sample_wise(self) -> None:
        """Sweep n at fixed p: more data makes the model worse, until n passes p."""
        self.chapter("More data can hurt")
        self.clear_stage()
        palette = self.theme.palette
        c, p_fixed = self.curves, self.params.sample_features
        chart = build_p_chart(
            c,
            c.sample_risk,
            self.theme,
            width=10.4,
            height=3.9,
            y_label=f"expected test error (MSE) with p = {p_fixed} features",
            x_label="n, the number of training points",
            pad=0.5,
        )
        chart.shift(np.array([0.3, -0.1, 0.0]) - chart.axes.get_center())
        marker = chart.build_marker(p_fixed, f"n = p = {p_fixed}")
        chart.add_series("test error", c.n, c.sample_risk, palette.test)
        below = c.n < p_fixed
        turn = int(c.n[below][np.argmin(c.sample_risk[below])])
        self.caption(
            f"Now fix p = {p_fixed} features and add training points instead. Surely more data "
            "helps? (Gaussian features: the exact expected error.)"
        )
        self.play(FadeIn(chart), FadeIn(marker))
        self.sweep([(chart, 0)], c.n, self.params.sweep_seconds * 1.3)
        self.caption(
            f"It does not: from n = {turn} on, each extra point makes the error worse, up to "
            f"n = p, where it diverges. Only past the peak does more data help again."
        )
        self.wait(2)
        self.key_frame("sample-wise")
        self.wait(2.5)

    # Summary
    def show_summary(self) -> None:
        """Close on the three reasons."""
        self.chapter("In short")
        self.clear_stage()
        lines = build_summary(
            (
                "Past p = n, least squares (and gradient descent from zero)\n"
                "picks the perfect fit with the smallest coefficients.",
                "At p = n only one fit is perfect, and a near-zero singular\n"
                "value makes it huge: the noise in the labels is amplified.",
                "A ridge penalty, or n moved away from p, keeps the fit small:\nthe peak flattens.",
            ),
            self.theme,
        )
        lines.move_to(0.2 * UP)
        self.caption(
            "The peak is not about a model being too big. It is where the data force a "
            "fit through the noise with nothing to spare."
        )
        self.play(LaggedStart(*(FadeIn(line) for line in lines), lag_ratio=0.3, run_time=3))
        self.wait(4)
        self.key_frame("summary")
        self.wait(1)
