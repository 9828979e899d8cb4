"""Random forest: many different trees vote, and the vote beats any one of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    LaggedStart,
    Rectangle,
    RoundedRectangle,
    TransformFromCopy,
    Triangle,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)
from numpy.typing import NDArray

from mlu_math.bagging import (
    bootstrap_indices,
    bootstrap_samples,
    expected_out_of_bag_share,
    out_of_bag_mask,
)
from mlu_math.condorcet import majority_vote_probability
from mlu_math.cross_validation import accuracy_score
from mlu_math.forest import (
    cumulative_majority,
    draw_features,
    fit_forest,
    forest_votes,
    majority_vote,
)
from mlu_math.grid import grid_centers
from mlu_math.road_signs import (
    CLASS_NAMES,
    FEATURE_NAMES,
    describe_sign,
    describe_split,
    make_road_signs,
    make_sign_shapes,
)
from mlu_math.tree import best_split, fit_tree, predict_tree
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, build_text
from scenes.components.decision_regions import build_decision_regions
from scenes.components.fold_grid import build_legend
from scenes.components.scatter_plane import ScatterPlane, build_class_marker
from scenes.components.tree_diagram import TreeDiagram, TreeLabels
from scenes.theme import Theme

__all__ = ["RandomForest", "RandomForestParams"]

JURY_SIZES = tuple(range(1, 26, 2))
"""The essay's number-of-trees slider: odd sizes from 1 to 25 (no ties to break)."""
JURY_ACCURACIES = (0.55, 0.6, 0.7, 0.8)
"""Individual accuracies whose curves stay behind as the accuracy sweep passes them."""
SHAPE_BOX = (20.0, 140.0)
"""Width and height range of the sign plane, in cm."""
GRID_SHAPE = (96, 96)
ICON_COLUMNS = 5


@dataclass(frozen=True)
class RandomForestParams(BaseParams):
    """Parameters of the random-forest scene.

    Attributes
    ----------
    n_trees
        Trees in each forest (the essay's slider goes to 25).
    tree_accuracy
        Each voter's accuracy in the jury beat (the essay starts at 60%).
    max_features
        Features each split of the road-sign trees may choose from (of 4).
    n_train
        Training signs of the width-height plane.
    n_test
        Held-out signs the accuracies are measured on.
    n_bagged
        Signs in the bagging picture.
    """

    n_trees: int = 25
    tree_accuracy: float = 0.6
    max_features: int = 2
    n_train: int = 150
    n_test: int = 1000
    n_bagged: int = 12

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("n_trees", self.n_trees, 5, 25)
        check_range("tree_accuracy", self.tree_accuracy, 0.51, 0.95)
        check_range("max_features", self.max_features, 1, 4)
        check_range("n_train", self.n_train, 40, 400)
        check_range("n_test", self.n_test, 100, 5000)
        check_range("n_bagged", self.n_bagged, 6, 14)


# --- pictures --------------------------------------------------------------------------


def build_tree_icon(theme: Theme, color: str, *, height: float = 0.5) -> VGroup:
    """Return a small tree: a triangular crown on a trunk, the crown in ``color``."""
    crown = Triangle().stretch_to_fit_height(0.75 * height).stretch_to_fit_width(0.62 * height)
    crown.set_fill(color, opacity=1.0).set_stroke(width=0)
    trunk = Rectangle(width=0.12 * height, height=0.25 * height)
    trunk.set_fill(theme.palette.muted, opacity=1.0).set_stroke(width=0)
    trunk.next_to(crown, DOWN, buff=0)
    return VGroup(crown, trunk)


def build_icon_grid(n_trees: int, theme: Theme, *, pitch: float = 0.72) -> VGroup:
    """Return ``n_trees`` tree icons in rows of five, first tree top-left."""
    icons = VGroup(*(build_tree_icon(theme, theme.palette.curve) for _ in range(n_trees)))
    for index, icon in enumerate(icons):
        row, column = divmod(index, ICON_COLUMNS)
        icon.move_to([column * pitch, -row * pitch, 0.0])
    return icons


def forest_steps(n_trees: int) -> list[int]:
    """Return the forest sizes the growing forest passes through: odd sizes, then ``n_trees``."""
    steps = list(range(3, n_trees + 1, 2))
    return steps if n_trees % 2 else [*steps, n_trees]


def build_count_chart(
    theme: Theme,
    *,
    width: float,
    height: float,
    y_title: str,
    x_max: int = 25,
    y_low: float = 0.5,
) -> tuple[Axes, VGroup]:
    """Return axes of a share (``y_low`` to 1) against a count (1 to ``x_max``), and labels."""
    palette = theme.palette
    axes = Axes(
        x_range=[0, x_max + 1, 1],
        y_range=[y_low, 1.0, 0.1],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": palette.axis, "stroke_width": 2, "include_ticks": False},
    )
    labels = VGroup()
    for count in (1, 5, 10, 15, 20, 25):
        tick = build_text(str(count), theme, "small", color=palette.muted)
        labels.add(tick.next_to(axes.c2p(count, y_low), DOWN, buff=0.12))
    for share in np.arange(y_low, 1.0001, 0.1):
        tick = build_text(f"{share:.0%}", theme, "small", color=palette.muted)
        labels.add(tick.next_to(axes.c2p(0, share), LEFT, buff=0.12))
    grid = VGroup(
        *(
            VMobject(stroke_color=palette.grid, stroke_width=1).set_points_as_corners(
                [axes.c2p(0, share), axes.c2p(x_max + 1, share)]
            )
            for share in np.arange(y_low + 0.1, 1.0001, 0.1)
        )
    )
    x_title = build_text("number of trees", theme, "label", color=palette.muted)
    x_title.next_to(axes.x_axis, DOWN, buff=0.45)
    y_text = build_text(y_title, theme, "label", color=palette.muted)
    y_text.rotate(PI / 2).next_to(axes.y_axis, LEFT, buff=0.75)
    return axes, VGroup(grid, labels, x_title, y_text)


def build_polyline(axes: Axes, xs: Sequence[float], ys: Sequence[float], color: str) -> VMobject:
    """Return the line through ``(xs[i], ys[i])`` on ``axes``."""
    line = VMobject(stroke_color=color, stroke_width=4)
    return line.set_points_as_corners([axes.c2p(x, y) for x, y in zip(xs, ys, strict=True)])


def spread_out(ys: Sequence[float], *, gap: float) -> list[float]:
    """Return label heights near ``ys`` (ascending order kept), at least ``gap`` apart."""
    order = np.argsort(ys)
    placed = np.asarray(ys, dtype=float)[order]
    for i in range(1, placed.size):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    result = np.empty_like(placed)
    result[order] = placed
    return result.tolist()


def jury_curve(p: float) -> NDArray[np.float64]:
    """Return the majority's chance of being right for each size in :data:`JURY_SIZES`."""
    return np.array([majority_vote_probability(n, p) for n in JURY_SIZES])


def build_token(index: int, label: int, theme: Theme, *, side: float = 0.52) -> VGroup:
    """Return sign number ``index + 1`` as a tile tinted by its class."""
    palette = theme.palette
    color = palette.positive if label == 1 else palette.negative
    tile = RoundedRectangle(corner_radius=0.08, width=side, height=side)
    tile.set_fill(color, opacity=0.3).set_stroke(color, width=2)
    number = build_text(str(index + 1), theme, "small")
    return VGroup(tile, number.move_to(tile))


# --- the scene -------------------------------------------------------------------------


class RandomForest(ExplainerScene):
    """Random forest, after MLU Explain's essay of the same name."""

    slug = "random-forest"
    title = "Random Forest"
    summary = (
        "Condorcet's jury theorem, bagging and random feature subsets: many different "
        "trees vote, and the vote beats one tree, though never as much as independent voters."
    )
    poster = "boundaries"
    Params = RandomForestParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_jury()
        self.show_accuracy_sweep()
        self.show_bagging()
        self.show_feature_draw()
        self.show_other_trees()
        self.show_vote()
        self.show_boundaries()
        self.show_promise()

    # Data
    def prepare_data(self) -> None:
        """Draw the signs and grow the forests every beat shows."""
        p = self.params
        self.table = make_road_signs(200, seed=[p.seed, 1])
        self.table_test = make_road_signs(p.n_test, seed=[p.seed, 2])
        self.table_forest = fit_forest(
            self.table.X,
            self.table.y,
            n_estimators=p.n_trees,
            max_features=p.max_features,
            rng=np.random.default_rng([p.seed, 3]),
        )
        self.shapes = make_sign_shapes(p.n_train, seed=[p.seed, 4])
        self.shapes_test = make_sign_shapes(p.n_test, seed=[p.seed, 5])
        self.shape_tree = fit_tree(self.shapes.X, self.shapes.y)
        self.shape_forest = fit_forest(
            self.shapes.X,
            self.shapes.y,
            n_estimators=p.n_trees,
            max_features=1,
            rng=np.random.default_rng([p.seed, 6]),
        )
        self.tree_labels = TreeLabels(FEATURE_NAMES, CLASS_NAMES, impurity_symbol="H")
        self.grid = grid_centers(SHAPE_BOX, SHAPE_BOX, GRID_SHAPE)
        test_votes = forest_votes(self.shape_forest, self.shapes_test.X)
        truth = self.shapes_test.y
        self.tree_accuracy = accuracy_score(
            truth, predict_tree(self.shape_tree, self.shapes_test.X)
        )
        self.forest_accuracy = np.array(
            [accuracy_score(truth, row) for row in cumulative_majority(test_votes, 2)]
        )
        self.each_tree_accuracy = np.array([accuracy_score(truth, row) for row in test_votes])

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "Why many different trees beat one",
            "One decision tree is easily fooled. What if many trees voted?",
            seconds=2.5,
        )

    # Condorcet's jury theorem
    def show_jury(self) -> None:
        """Add voters two at a time: the majority's chance of being right climbs."""
        self.chapter("The wisdom of the crowd")
        p = self.params.tree_accuracy
        self.icons = build_icon_grid(JURY_SIZES[-1], self.theme).move_to([-4.35, 0.55, 0.0])
        self.jury_axes, self.jury_labels = build_count_chart(
            self.theme, width=6.0, height=4.3, y_title="majority right"
        )
        VGroup(self.jury_axes, self.jury_labels).shift(
            np.array([2.95, 0.45, 0.0]) - self.jury_axes.get_center()
        )
        self.jury_trees = Readout("trees", 1, self.theme, fmt=".0f", role="label")
        self.jury_p = Readout("each tree right", p, self.theme, fmt=".0%", role="label")
        self.jury_right = Readout("majority right", p, self.theme, fmt=".1%", role="label")
        readouts = VGroup(self.jury_trees, self.jury_p, self.jury_right)
        readouts.arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([-4.35, -1.95, 0.0])
        self.jury_readouts = readouts
        self.caption(
            f"Condorcet, 1785: if each voter is right more often than not, say {p:.0%} "
            "of the time, a majority of voters is right more often still."
        )
        self.play(FadeIn(self.jury_axes), FadeIn(self.jury_labels), FadeIn(readouts))
        self.play(FadeIn(self.icons[0]))
        curve = jury_curve(p)
        traced = build_polyline(self.jury_axes, [1], [curve[0]], self.theme.palette.curve)
        dot = build_class_marker(1, self.theme).move_to(self.jury_axes.c2p(1, curve[0]))
        dot.set_fill(self.theme.palette.curve)
        self.play(FadeIn(dot))
        for step, n in enumerate(JURY_SIZES[1:], start=1):
            new_trace = build_polyline(
                self.jury_axes, JURY_SIZES[: step + 1], curve[: step + 1], self.theme.palette.curve
            )
            self.jury_trees.set_value(n)
            self.jury_right.set_value(float(curve[step]))
            self.play(
                FadeIn(self.icons[n - 2 : n]),
                dot.animate.move_to(self.jury_axes.c2p(n, curve[step])),
                FadeIn(new_trace),
                FadeOut(traced),
                run_time=0.9 if n <= 3 else 0.45,
            )
            traced = new_trace
            if n == 3:
                self.wait(1.5)
        self.gather(self.icons)
        self.caption(
            f"Three trees of {p:.0%} vote their way to {majority_vote_probability(3, p):.0%}, "
            f"eleven to {majority_vote_probability(11, p):.0%}, "
            f"twenty-five to {curve[-1]:.0%}: exactly, by counting votes."
        )
        self.wait(3.5)
        self.key_frame("jury")
        self.jury_curve, self.jury_dot = traced, dot

    def show_accuracy_sweep(self) -> None:
        """Sweep each voter's accuracy from a coin flip up: the whole curve lifts."""
        p = self.params.tree_accuracy
        palette = self.theme.palette
        accuracy = ValueTracker(0.5)
        live = build_polyline(self.jury_axes, JURY_SIZES, jury_curve(0.5), palette.curve)
        live.add_updater(
            lambda m: m.become(
                build_polyline(
                    self.jury_axes, JURY_SIZES, jury_curve(accuracy.get_value()), palette.curve
                )
            )
        )
        self.jury_p.add_updater(lambda r: r.set_value(accuracy.get_value()))
        self.jury_right.add_updater(
            lambda r: r.set_value(majority_vote_probability(JURY_SIZES[-1], accuracy.get_value()))
        )
        self.jury_trees.set_value(JURY_SIZES[-1])
        self.caption(
            "Now slide each tree's accuracy from a coin flip (50%) upward, "
            "with all 25 trees voting. Faint curves mark 55, 60, 70 and 80%."
        )
        self.play(FadeOut(self.jury_curve, self.jury_dot), FadeIn(live))
        ghosts = VGroup()
        label_ys = spread_out(
            [self.jury_axes.c2p(JURY_SIZES[-1], jury_curve(t)[-1])[1] for t in JURY_ACCURACIES],
            gap=0.3,
        )
        for target, label_y in zip(JURY_ACCURACIES, label_ys, strict=True):
            self.play(accuracy.animate.set_value(target), run_time=1.2, rate_func=linear)
            ghost = build_polyline(self.jury_axes, JURY_SIZES, jury_curve(target), palette.chance)
            ghost.set_stroke(width=2.5)
            label = build_text(f"{target:.0%}", self.theme, "small", color=palette.muted)
            end = self.jury_axes.c2p(JURY_SIZES[-1], 0.5)
            label.next_to([end[0], label_y, 0.0], RIGHT, buff=0.12)
            ghosts.add(VGroup(ghost, label))
            self.play(FadeIn(ghosts[-1]), run_time=0.3)
        self.play(accuracy.animate.set_value(p), run_time=1.2)
        self.wait(1)
        self.key_frame("accuracy-sweep")
        self.caption(
            "The catch: the theorem assumes the voters err independently. "
            "Trees grown on the same data make the same mistakes."
        )
        self.wait(4)
        for mob in (live, self.jury_p, self.jury_right):
            mob.clear_updaters()
        self.play(
            FadeOut(live, ghosts, self.icons, self.jury_axes, self.jury_labels, self.jury_readouts)
        )

    # Bagging
    def show_bagging(self) -> None:
        """Draw bootstrap samples: repeats appear, and some signs are left out."""
        self.chapter("Bagging")
        n = self.params.n_bagged
        labels = self.table.y[:n]
        rng = np.random.default_rng([self.params.seed, 7])
        samples = bootstrap_samples(n, 3, rng)
        pitch = 0.66
        xs = (np.arange(n) - (n - 1) / 2) * pitch + 0.3
        rows_y = (1.85, 0.7, -0.3, -1.3)
        train = VGroup(*(build_token(i, int(labels[i]), self.theme) for i in range(n)))
        for token, x in zip(train, xs, strict=True):
            token.move_to([x, rows_y[0], 0.0])
        names = ["training set"] + [f"sample {k + 1}" for k in range(3)]
        row_names = VGroup(
            *(
                build_text(name, self.theme, "label", color=self.theme.palette.muted).next_to(
                    [xs[0] - pitch / 2, y, 0.0], LEFT, buff=0.3
                )
                for name, y in zip(names, rows_y, strict=True)
            )
        )
        self.caption(
            f"Give each tree its own training set: draw {n} signs from the {n}, "
            "with replacement. A sign can be drawn twice, or not at all."
        )
        palette = self.theme.palette
        legend = (
            build_legend(
                [(CLASS_NAMES[1], palette.positive), (CLASS_NAMES[0], palette.negative)], self.theme
            )
            .next_to(train, UP, buff=0.3)
            .align_to(train, RIGHT)
        )
        self.play(FadeIn(train), FadeIn(row_names[0]), FadeIn(legend))
        drawn_rows = VGroup()
        left_out = VGroup()
        for k, sample in enumerate(samples):
            y = rows_y[k + 1]
            copies = VGroup(
                *(
                    build_token(int(i), int(labels[i]), self.theme).move_to([xs[j], y, 0.0])
                    for j, i in enumerate(sample)
                )
            )
            moves = [
                TransformFromCopy(train[int(i)], copy)
                for i, copy in zip(sample, copies, strict=True)
            ]
            self.play(FadeIn(row_names[k + 1]), run_time=0.3)
            if k == 0:
                for move in moves:
                    self.play(move, run_time=0.2)
            else:
                self.play(LaggedStart(*moves, lag_ratio=0.15, run_time=1.6))
            self.remove(*copies)
            self.add(copies)
            missing = np.flatnonzero(out_of_bag_mask(n, sample)) + 1
            note = build_text(
                "left out: " + " ".join(map(str, missing)),
                self.theme,
                "small",
                color=self.theme.palette.muted,
            )
            note.next_to([xs[-1] + pitch / 2, y, 0.0], RIGHT, buff=0.25)
            self.play(FadeIn(note), run_time=0.4)
            drawn_rows.add(copies)
            left_out.add(note)
        self.caption(
            "Sorted, the repeats show. Each tree never sees its left-out signs: "
            "its 'out-of-bag' signs, free to test it on."
        )
        self.play(
            *(
                row[j].animate.move_to([xs[rank], row[j].get_y(), 0.0])
                for row, sample in zip(drawn_rows, samples, strict=True)
                for rank, j in enumerate(np.argsort(sample, kind="stable"))
            ),
            run_time=1.2,
        )
        self.wait(2.5)
        self.key_frame("bagging")
        share = expected_out_of_bag_share(n)
        self.caption(
            f"On average a share (1 - 1/n)^n is left out: {share:.0%} for {n} signs, "
            f"and close to 1/e = {expected_out_of_bag_share(10**6):.0%} for many."
        )
        self.wait(4)
        self.play(FadeOut(train, row_names, drawn_rows, left_out, legend))

    # Random feature subsets
    def show_feature_draw(self) -> None:
        """At a split, only a random few features may be used: trees ask different questions."""
        self.chapter("A random subset of features")
        p = self.params
        palette = self.theme.palette
        rng = np.random.default_rng([p.seed, 3])
        rows = bootstrap_indices(self.table.y.size, rng)
        drawn = draw_features(len(FEATURE_NAMES), p.max_features, rng)
        X, y = self.table.X[rows], self.table.y[rows]
        gains = [best_split(X, y, features=[f], n_classes=2).gain for f in range(4)]
        bars = VGroup()
        scale = 2.5 / max(gains)
        for f, (name, gain) in enumerate(zip(FEATURE_NAMES, gains, strict=True)):
            chosen = f in drawn
            color = palette.curve if chosen else palette.chance
            label = build_text(
                name, self.theme, "label", color=palette.text if chosen else palette.muted
            )
            bar = Rectangle(width=max(gain * scale, 0.02), height=0.38)
            bar.set_fill(color, opacity=1.0).set_stroke(width=0)
            value = build_text(f"{gain:.3f}", self.theme, "small", color=palette.muted)
            label.move_to([-5.1, 1.3 - 0.75 * f, 0.0], aligned_edge=RIGHT)
            bar.move_to([-4.8, 1.3 - 0.75 * f, 0.0], aligned_edge=LEFT)
            value.next_to(bar, RIGHT, buff=0.15)
            bars.add(VGroup(label, bar, value))
        title = build_text(
            "information gain at tree 1's first split", self.theme, "label", color=palette.muted
        ).move_to([-4.0, 2.3, 0.0])
        self.caption(
            f"Features: size, sides, colours, text or symbol. Each split may use only "
            f"{p.max_features} of the 4, drawn at random."
        )
        key = build_legend([("drawn", palette.curve), ("not drawn", palette.chance)], self.theme)
        key.next_to(bars, DOWN, buff=0.45).align_to(bars, LEFT)
        self.play(
            FadeIn(title), FadeIn(key), LaggedStart(*(FadeIn(b) for b in bars), lag_ratio=0.2)
        )
        self.wait(2)
        root = self.table_forest.trees[0].split
        best_overall = int(np.argmax(gains))
        verdict = (
            "the best of all 4 was among them"
            if best_overall in drawn
            else f"{FEATURE_NAMES[best_overall]} would be best, but was not drawn"
        )
        self.caption(
            f"Tree 1 drew {' and '.join(FEATURE_NAMES[f] for f in drawn)} ({verdict}). "
            f"Its first question: {describe_split(root.feature, root.threshold)}"
        )
        diagram = TreeDiagram(
            self.table_forest.trees[0],
            self.theme,
            self.tree_labels,
            width=6.6,
            height=4.4,
            max_depth=2,
            shown_depth=0,
            edge_labels=False,
        )
        diagram.move_layout_to(np.array([3.35, 0.1, 0.0]))
        self.play(FadeIn(diagram))
        for _ in range(2):
            self.play(*diagram.grow_animations(), run_time=1.0)
            self.gather(diagram)
            self.wait(0.8)
        self.wait(2)
        self.key_frame("features")
        self.play(FadeOut(title, bars, key, diagram))

    def show_other_trees(self) -> None:
        """Three trees of the forest side by side: other samples, other draws, other trees."""
        palette = self.theme.palette
        trees = VGroup()
        for i, tree in enumerate(self.table_forest.trees[:3]):
            diagram = TreeDiagram(
                tree,
                self.theme,
                self.tree_labels,
                width=4.3,
                height=3.6,
                max_depth=2,
                detail="compact",
                edge_labels=False,
            )
            name = build_text(f"tree {i + 1}", self.theme, "label", color=palette.muted)
            name.next_to(diagram, UP, buff=0.25)
            trees.add(VGroup(name, diagram))
        for tree, x in zip(trees, (-4.6, 0.0, 4.6), strict=True):
            tree.move_to([x, 0.25, 0.0])
        self.caption(
            "The same steps grow every tree, on its own sample and with its own draws: "
            "the trees come out different, and so do their mistakes."
        )
        self.play(LaggedStart(*(FadeIn(t) for t in trees), lag_ratio=0.5, run_time=2.5))
        self.wait(4)
        self.key_frame("trees")
        self.play(FadeOut(trees))

    # The vote
    def show_vote(self) -> None:
        """Ask every tree about one sign; count the votes into the forest's answer."""
        self.chapter("The forest votes")
        palette = self.theme.palette
        votes = forest_votes(self.table_forest, self.table_test.X)
        share = votes.mean(axis=0)
        picks = np.argsort(np.abs(share - 0.5), kind="stable")[:3]
        icons = build_icon_grid(self.params.n_trees, self.theme).move_to([-2.2, 0.55, 0.0])
        for icon in icons:
            icon[0].set_fill(palette.chance)
        self.play(FadeIn(icons))
        for turn, row in enumerate(picks):
            truth = int(self.table_test.y[row])
            self.show_one_vote(icons, self.table_test.X[row], votes[:, row], truth, turn == 0)
            if turn == 0:
                self.key_frame("vote")
        self.gather(icons)
        self.play(FadeOut(icons, self.vote_parts))

    def show_one_vote(
        self,
        icons: VGroup,
        sign: NDArray[np.float64],
        votes: NDArray[np.int64],
        truth: int,
        slow: bool,
    ) -> None:
        """Colour each tree by its vote on ``sign``, then tally the votes."""
        palette = self.theme.palette
        if hasattr(self, "vote_parts"):
            self.play(
                FadeOut(self.vote_parts),
                *(icon[0].animate.set_fill(palette.chance) for icon in icons),
                run_time=0.4,
            )
        sign_text = build_text(describe_sign(sign), self.theme, "body", weight="SEMIBOLD")
        sign_text.move_to([0.0, 2.5, 0.0])
        if slow:
            self.caption(f"A new sign: {describe_sign(sign)}. Is it a crossing? Ask every tree.")
        self.play(FadeIn(sign_text))
        colors = [palette.positive if v == 1 else palette.negative for v in votes]
        self.play(
            LaggedStart(
                *(icon[0].animate.set_fill(c) for icon, c in zip(icons, colors, strict=True)),
                lag_ratio=0.12 if slow else 0.04,
                run_time=3.0 if slow else 1.2,
            )
        )
        n_yes = int(votes.sum())
        tally = VGroup(
            build_text(f"crossing: {n_yes}", self.theme, "body", color=palette.positive),
            build_text(f"other: {votes.size - n_yes}", self.theme, "body", color=palette.negative),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        tally.move_to([1.5, 0.95, 0.0], aligned_edge=LEFT)
        answer = int(majority_vote(votes[:, None], 2)[0])
        verdict = build_text(
            f"forest: {CLASS_NAMES[answer]}", self.theme, "heading", weight="BOLD"
        ).next_to(tally, DOWN, buff=0.45, aligned_edge=LEFT)
        right = answer == truth
        check = build_text(
            f"truly {CLASS_NAMES[truth]}: the forest is {'right' if right else 'wrong'}",
            self.theme,
            "label",
            color=palette.good if right else palette.bad,
        ).next_to(verdict, DOWN, buff=0.3, aligned_edge=LEFT)
        legend = build_text("each tree's vote", self.theme, "label", color=palette.muted)
        legend.next_to(icons, DOWN, buff=0.3)
        self.play(FadeIn(tally), FadeIn(legend))
        self.play(FadeIn(verdict, scale=1.1))
        self.play(FadeIn(check), run_time=0.5)
        if slow:
            close = " A close call, and a wrong one." if not right else ""
            self.caption(
                f"{n_yes} of {votes.size} trees say crossing, {votes.size - n_yes} say other: "
                f"the majority decides, so the forest says {CLASS_NAMES[answer]}.{close}"
            )
            self.wait(3.5)
        else:
            self.wait(1.2)
        self.vote_parts = VGroup(sign_text, tally, verdict, check, legend)

    # Boundaries
    def build_plane(self, center: Sequence[float]) -> ScatterPlane:
        """Return the width-height plane of the signs, centred at ``center``."""
        step = 20.0
        plane = ScatterPlane(
            self.theme,
            x_range=(SHAPE_BOX[0], SHAPE_BOX[1], step),
            y_range=(SHAPE_BOX[0], SHAPE_BOX[1], step),
            width=4.4,
            height=4.0,
            x_label="width (cm)",
            y_label="height (cm)",
        )
        return plane.shift(np.asarray(center, dtype=float) - plane.axes.get_center())

    def regions(self, plane: ScatterPlane, answers: NDArray[np.int64]) -> VGroup:
        """Return ``plane``'s box coloured by ``answers`` on the grid, behind everything."""
        regions = build_decision_regions(plane, answers.reshape(GRID_SHAPE), self.theme)
        return regions.set_z_index(-1)

    def show_boundaries(self) -> None:
        """One tree's regions against the forest's, as the forest grows tree by tree."""
        self.chapter("One tree against a forest")
        left = self.build_plane([-3.55, 0.35, 0.0])
        right = self.build_plane([3.45, 0.35, 0.0])
        markers = [plane.build_markers(self.shapes.X, self.shapes.y) for plane in (left, right)]
        for group in markers:
            for marker in group:
                marker.scale(0.75)
        tree_map = self.regions(left, predict_tree(self.shape_tree, self.grid))
        staged = cumulative_majority(forest_votes(self.shape_forest, self.grid), 2)
        forest_map = self.regions(right, staged[0])
        title = build_text("one deep tree", self.theme, "label", weight="SEMIBOLD")
        title.next_to(left.axes, UP, buff=0.15)
        self.forest_size = Readout("trees in the forest", 1, self.theme, fmt=".0f", role="label")
        self.forest_size.next_to(right.axes, UP, buff=0.15)
        tree_score = Readout("held-out accuracy", self.tree_accuracy, self.theme, role="label")
        forest_score = Readout(
            "held-out accuracy", float(self.forest_accuracy[0]), self.theme, role="label"
        )
        tree_score.move_to([left.axes.get_x(), -2.55, 0.0])
        forest_score.move_to([right.axes.get_x(), -2.55, 0.0])
        self.caption(
            "Signs by width and height: crossing signs (squares) are near-square. A tree "
            "cuts only straight across an axis, so it builds a staircase."
        )
        self.play(FadeIn(left), FadeIn(markers[0]), FadeIn(tree_map), FadeIn(title))
        self.play(FadeIn(tree_score))
        self.wait(2.5)
        self.caption(
            "Beside it, a forest: each tree on its own bootstrap sample, each split on a "
            "random one of the two features. Watch it grow from 1 tree to "
            f"{self.params.n_trees}."
        )
        self.play(
            FadeIn(right),
            FadeIn(markers[1]),
            FadeIn(forest_map),
            FadeIn(self.forest_size),
            FadeIn(forest_score),
        )
        self.wait(1.5)
        for k in forest_steps(self.params.n_trees):
            new_map = self.regions(right, staged[k - 1])
            self.forest_size.set_value(k)
            forest_score.set_value(float(self.forest_accuracy[k - 1]))
            self.play(FadeIn(new_map), FadeOut(forest_map), run_time=0.5 if k > 3 else 0.8)
            forest_map = new_map
        self.wait(1)
        versus = "past" if self.forest_accuracy[-1] > self.tree_accuracy else "against"
        self.caption(
            f"The forest's first tree alone scores {self.forest_accuracy[0]:.0%}; all "
            f"{self.params.n_trees} voting "
            f"score {self.forest_accuracy[-1]:.0%}, {versus} the one deep tree grown on all "
            f"the data ({self.tree_accuracy:.0%})."
        )
        self.wait(4)
        self.key_frame("boundaries")
        self.play(
            FadeOut(
                left,
                right,
                *markers,
                tree_map,
                forest_map,
                title,
                self.forest_size,
                tree_score,
                forest_score,
            )
        )

    # The promise and the practice
    def show_promise(self) -> None:
        """Set the forest's measured accuracy against Condorcet's promise for independent trees."""
        self.chapter("Why not 100%?")
        palette = self.theme.palette
        p_mean = float(self.each_tree_accuracy.mean())
        axes, labels = build_count_chart(self.theme, width=7.0, height=4.2, y_title="accuracy")
        chart = VGroup(axes, labels).move_to([-1.3, 0.35, 0.0])
        sizes = [n for n in JURY_SIZES if n <= self.params.n_trees]
        promise = build_polyline(
            axes, sizes, [majority_vote_probability(n, p_mean) for n in sizes], palette.chance
        )
        promise = DashedVMobject(promise, num_dashes=40)
        measured = build_polyline(
            axes, sizes, [self.forest_accuracy[n - 1] for n in sizes], palette.curve
        )
        single = build_polyline(axes, [1, sizes[-1]], [p_mean, p_mean], palette.muted)
        single.set_stroke(width=2)
        end = sizes[-1]
        promise_label = build_text(
            "if the trees erred independently", self.theme, "small", color=palette.muted
        ).next_to(axes.c2p(end, majority_vote_probability(end, p_mean)), RIGHT, buff=0.15)
        measured_label = build_text(
            "this forest, measured", self.theme, "small", color=palette.curve
        ).next_to(axes.c2p(end, self.forest_accuracy[end - 1]), RIGHT, buff=0.15)
        single_label = build_text(
            "one tree, on average", self.theme, "small", color=palette.muted
        ).next_to(axes.c2p(end, p_mean), RIGHT, buff=0.15)
        self.caption(
            f"The forest's trees are right {p_mean:.0%} of the time on average. "
            "Were their mistakes independent, Condorcet's curve would be theirs."
        )
        self.play(FadeIn(chart), Create(single), FadeIn(single_label))
        self.play(Create(promise), FadeIn(promise_label), run_time=1.5)
        self.wait(2)
        self.play(Create(measured), FadeIn(measured_label), run_time=1.5)
        self.caption(
            f"Measured, the forest reaches {self.forest_accuracy[end - 1]:.0%}, not "
            f"{majority_vote_probability(end, p_mean):.0%}: its trees share mistakes. "
            "Bagging and random features exist to make them differ."
        )
        self.wait(5)
        self.key_frame("promise")
        self.wait(1)
