"""Decision trees: entropy, information gain, a tree grown split by split, and its instability."""

from __future__ import annotations

from dataclasses import dataclass

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
    ReplacementTransform,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)
from numpy.typing import NDArray

from mlu_math.cross_validation import accuracy_score
from mlu_math.impurity import entropy
from mlu_math.tree import (
    TreeNode,
    decision_path,
    fit_tree,
    node_regions,
    predict_tree,
    split_candidates,
    tree_nodes,
    truncate_tree,
)
from mlu_math.tree_data import CLASS_NAMES, FEATURE_NAMES, jitter_subset, make_tree_data
from scenes.base import BaseParams, ExplainerScene, check_range
from scenes.components import Readout, build_text
from scenes.components.partition import TreePartition, region_outline
from scenes.components.scatter_plane import ScatterPlane, build_class_marker
from scenes.components.tree_diagram import TreeDiagram, TreeLabels, split_rule
from scenes.theme import Theme

__all__ = ["DecisionTree", "DecisionTreeParams"]

SHORT_NAMES = ("diameter", "height")
"""Feature names short enough for split rules."""
NEW_TREE = (42.0, 6.5)
"""The unseen tree sent down the fitted one: short, with a thick trunk."""
BUBBLE_SIZE = 8
"""Trees of each species the bubble holds at most."""

# Where things sit (scene units; the frame is 14.2 x 8 around the origin).
PLANE_CENTER = np.array([-3.75, 0.2, 0.0])
PLANE_SIZE = (4.7, 3.9)
DIAGRAM_CENTER = np.array([3.2, 0.25, 0.0])
DIAGRAM_SIZE = (7.2, 4.9)
PANELS_WIDTH = 13.4


@dataclass(frozen=True)
class DecisionTreeParams(BaseParams):
    """Parameters of the decision-tree scene.

    Attributes
    ----------
    n_samples
        Apple and oak trees in the data.
    max_depth
        Depth the tree is grown to on screen.
    n_trees
        Trees refitted after jittering a few samples, shown side by side.
    jitter_fraction
        Share of the samples each refit moves.
    sweep_seconds
        Time a candidate split takes to slide along one feature.
    """

    n_samples: int = 70
    max_depth: int = 3
    n_trees: int = 6
    jitter_fraction: float = 0.05
    sweep_seconds: float = 6.0

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("n_samples", self.n_samples, 30, 150)
        check_range("max_depth", self.max_depth, 1, 3)
        check_range("n_trees", self.n_trees, 2, 8)
        check_range("jitter_fraction", self.jitter_fraction, 0.01, 0.3)
        check_range("sweep_seconds", self.sweep_seconds, 2.0, 20.0)


def bubble_slots(n: int, radius: float) -> NDArray[np.float64]:
    """Return ``n`` evenly spread points in a disc (a sunflower spiral), shape (n, 3)."""
    index = np.arange(n) + 0.5
    r = radius * np.sqrt(index / n)
    angle = index * np.pi * (3 - np.sqrt(5))
    return np.column_stack([r * np.cos(angle), r * np.sin(angle), np.zeros(n)])


def mix_steps(size: int) -> list[tuple[int, int]]:
    """Return the bubble's (apples, oaks) at each step: oaks join one by one, then apples leave."""
    steps = [(size, oaks) for oaks in range(size + 1)]
    return steps + [(apples, size) for apples in range(size - 1, -1, -1)]


def build_plane(theme: Theme) -> ScatterPlane:
    """Return the scatter's axes over the data's box, placed on the left."""
    plane = ScatterPlane(
        theme,
        x_range=(0.0, 60.0, 20.0),
        y_range=(0.0, 20.0, 5.0),
        width=PLANE_SIZE[0],
        height=PLANE_SIZE[1],
        x_label=FEATURE_NAMES[0],
        y_label=FEATURE_NAMES[1],
    )
    return plane.shift(PLANE_CENTER - plane.axes.get_center())


def build_legend(theme: Theme) -> VGroup:
    """Return the two species' markers with their names."""
    entries = VGroup()
    for label, name in enumerate(CLASS_NAMES):
        marker = build_class_marker(label, theme)
        text = build_text(name, theme, "label", color=theme.palette.muted)
        entries.add(VGroup(marker, text).arrange(RIGHT, buff=0.12))
    return entries.arrange(RIGHT, buff=0.4)


def build_gain_chart(theme: Theme, feature: int, top: float) -> ScatterPlane:
    """Return axes for the information gain of a split along ``feature``."""
    high = (60.0, 20.0)[feature]
    chart = ScatterPlane(
        theme,
        x_range=(0.0, high, high / 4),
        y_range=(0.0, top, top / 2),
        width=4.4,
        height=1.45,
        x_label=f"split on {SHORT_NAMES[feature]}",
        y_label="bits",
    )
    chart.y_title.shift(0.3 * LEFT)
    return chart


def build_polyline(points: NDArray[np.float64], color: str, width: float = 4.0) -> VMobject:
    """Return a line through ``points`` (shape (n, 3)); empty when fewer than two."""
    line = VMobject(stroke_color=color, stroke_width=width)
    if len(points) >= 2:
        line.set_points_as_corners(points)
    return line


class DecisionTree(ExplainerScene):
    """Decision trees, after MLU Explain's essay of the same name."""

    slug = "decision-tree"
    title = "Decision Trees"
    summary = (
        "Entropy measures a node's mix; each split is the cut that gains most information; "
        "the tree grows split by split, and nudging 5% of the data can change it."
    )
    poster = "grown"
    Params = DecisionTreeParams

    def construct(self) -> None:
        """Tell the story, beat by beat."""
        self.prepare_data()
        self.show_title()
        self.show_entropy()
        self.show_gain()
        self.show_growth()
        self.show_prediction()
        self.show_instability()

    def prepare_data(self) -> None:
        """Draw the trees, fit the tree shown and the refits after jitter."""
        p = self.params
        self.data = make_tree_data(p.n_samples, seed=p.seed)
        self.full_tree = fit_tree(self.data.X, self.data.y)
        self.tree = truncate_tree(self.full_tree, p.max_depth)
        self.labels = TreeLabels(SHORT_NAMES, CLASS_NAMES, impurity_symbol="H")
        rng = np.random.default_rng([p.seed, 1])
        scale = 0.1 * (self.data.bounds[:, 1] - self.data.bounds[:, 0])
        self.refits: list[tuple[NDArray[np.float64], NDArray[np.intp], TreeNode]] = []
        for _ in range(p.n_trees):
            X, moved = jitter_subset(
                self.data.X, p.jitter_fraction, scale=scale, rng=rng, bounds=self.data.bounds
            )
            self.refits.append((X, moved, fit_tree(X, self.data.y, max_depth=2)))

    # Title
    def show_title(self) -> None:
        """Open on the title card."""
        self.show_title_card(
            "Twenty questions, learned from data",
            "A decision tree classifies by asking yes-or-no questions about features, "
            "one after another. Which questions, and in what order?",
            seconds=4,
        )

    # Entropy
    def show_entropy(self) -> None:
        """Fill a bubble with oaks, then empty it of apples: entropy rises, then falls."""
        self.chapter("Entropy")
        palette = self.theme.palette
        bubble = Circle(radius=1.55, stroke_color=palette.axis, stroke_width=3)
        bubble.move_to([-3.7, 0.35, 0.0])
        chart = ScatterPlane(
            self.theme,
            x_range=(0.0, 1.0, 0.5),
            y_range=(0.0, 1.0, 0.5),
            width=4.6,
            height=3.2,
            x_label="share of oaks",
            y_label="entropy (bits)",
        )
        chart.shift(np.array([3.0, 0.45, 0.0]) - chart.axes.get_center())
        shares = np.linspace(0, 1, 101)
        curve_values = entropy(np.column_stack([1 - shares, shares]))
        curve = build_polyline(
            chart.points_at(np.column_stack([shares, curve_values])), palette.curve
        )
        readout = Readout("entropy (bits)", 0.0, self.theme, fmt=".2f")
        mix = Readout("apples | oaks", 0.0, self.theme, fmt=".0f", role="label")
        VGroup(mix, readout).arrange(DOWN, buff=0.2).next_to(bubble, DOWN, buff=0.35)
        slots = bubble_slots(2 * BUBBLE_SIZE, 1.3) + bubble.get_center()
        markers: dict[int, VMobject] = {
            i: build_class_marker(0, self.theme, radius=0.12).move_to(slots[2 * i])
            for i in range(BUBBLE_SIZE)
        }
        oaks: dict[int, VMobject] = {}
        dot = Dot(chart.point(0.0, 0.0), radius=0.09, color=palette.threshold)
        self.caption(
            "Entropy measures how mixed a group is: 0 bits when every tree in the bubble "
            "is the same species, 1 bit for an even two-way mix."
        )
        mix.value.become(self.mix_text(BUBBLE_SIZE, 0, mix))
        self.play(Create(bubble), FadeIn(chart), Create(curve), FadeIn(readout, mix))
        self.play(LaggedStart(*(FadeIn(m, scale=0.5) for m in markers.values()), lag_ratio=0.1))
        self.play(FadeIn(dot))
        self.wait(1)
        for apples, n_oaks in mix_steps(BUBBLE_SIZE)[1:]:
            animations = []
            if n_oaks > len(oaks):
                i = len(oaks)
                oaks[i] = build_class_marker(1, self.theme, radius=0.12).move_to(slots[2 * i + 1])
                animations.append(FadeIn(oaks[i], scale=0.5))
            else:
                animations.append(FadeOut(markers.pop(apples), scale=0.5))
            h = float(entropy([apples, n_oaks]))
            readout.set_value(h)
            mix.value.become(self.mix_text(apples, n_oaks, mix))
            share = n_oaks / (apples + n_oaks)
            animations.append(dot.animate.move_to(chart.point(share, h)))
            self.play(*animations, run_time=0.45)
            if (apples, n_oaks) == (BUBBLE_SIZE, BUBBLE_SIZE):
                self.caption(
                    "An even mix is as uncertain as a coin toss: 1 bit. A tree's splits "
                    "try to cut the data into groups of low entropy."
                )
                self.wait(2.5)
                self.key_frame("entropy")
                self.caption(
                    "Now the apples leave one by one: the bubble grows purer, and its "
                    "entropy falls back to 0 bits."
                )
        self.wait(2)
        self.play(FadeOut(bubble, chart, curve, readout, mix, dot, *oaks.values()))

    def mix_text(self, apples: int, oaks: int, readout: Readout) -> VMobject:
        """Return ``8 | 3`` set as a readout's value."""
        text = build_text(f"{apples} | {oaks}", self.theme, "label", weight="SEMIBOLD")
        return text.next_to(readout.label, RIGHT, buff=0.18)

    # Information gain
    def show_gain(self) -> None:
        """Slide a split along each feature; trace its information gain; find the best."""
        self.chapter("Information gain")
        self.plane = build_plane(self.theme)
        self.markers = self.plane.build_markers(self.data.X, self.data.y)
        self.legend = build_legend(self.theme).next_to(self.plane.axes, UP, buff=0.25)
        root_h = float(entropy(np.bincount(self.data.y)))
        self.caption(
            f"{self.data.y.size} trees by trunk diameter and height: apples and oaks, "
            f"entropy {root_h:.2f} bits. Which single question splits them best?"
        )
        self.play(FadeIn(self.plane), FadeIn(self.legend))
        self.play(LaggedStart(*(FadeIn(m, scale=0.5) for m in self.markers), lag_ratio=0.02))
        self.gather(self.markers)
        self.wait(2)
        self.key_frame("data")
        candidates = [split_candidates(self.data.X[:, f], self.data.y) for f in (0, 1)]
        top = float(np.ceil(max(g.max() for _, g in candidates) * 4 + 1e-9) / 4)
        charts = [build_gain_chart(self.theme, f, top) for f in (0, 1)]
        charts[1].shift(np.array([3.5, 1.35, 0.0]) - charts[1].axes.get_center())
        charts[0].shift(np.array([3.5, -1.2, 0.0]) - charts[0].axes.get_center())
        self.gain_readout = Readout("gain (bits)", 0.0, self.theme, fmt=".3f", role="label")
        self.gain_readout.move_to([3.5, 2.65, 0.0])
        self.caption(
            "Slide a cut up the height axis. At each place, information gain is the entropy "
            "before the cut minus the size-weighted entropy after it."
        )
        self.play(FadeIn(charts[1]), FadeIn(self.gain_readout))
        best = {1: self.sweep(1, charts[1], *candidates[1])}
        self.caption(
            "Now slide it along the diameter. Only cuts halfway between neighbouring "
            "values matter: between them the groups do not change."
        )
        self.play(FadeIn(charts[0]))
        best[0] = self.sweep(0, charts[0], *candidates[0])
        self.show_best(candidates, best, charts)

    def sweep(
        self, feature: int, chart: ScatterPlane, thresholds: NDArray, gains: NDArray
    ) -> VGroup:
        """Slide a cut along ``feature``; return the marks left at its best place."""
        palette = self.theme.palette
        box = self.plane.box
        t = ValueTracker(thresholds[0])

        def current() -> int:
            return max(0, int(np.searchsorted(thresholds, t.get_value(), side="right")) - 1)

        def cut_line(value: float) -> Line:
            if feature == 0:
                ends = [(value, box[1][0]), (value, box[1][1])]
            else:
                ends = [(box[0][0], value), (box[0][1], value)]
            return Line(*self.plane.points_at(ends), stroke_color=palette.threshold, stroke_width=4)

        line = cut_line(thresholds[0])
        line.add_updater(lambda m: m.become(cut_line(thresholds[current()])))
        points = chart.points_at(np.column_stack([thresholds, gains]))
        traced = build_polyline(points[:1], palette.curve)
        traced.add_updater(
            lambda m: m.become(build_polyline(points[: current() + 1], palette.curve))
        )
        dot = Dot(points[0], radius=0.07, color=palette.threshold)
        dot.add_updater(lambda m: m.move_to(points[current()]))
        readout = self.gain_readout
        readout.add_updater(lambda m: m.set_value(float(gains[current()])))
        self.add(traced, line, dot)
        self.play(
            t.animate.set_value(thresholds[-1]),
            run_time=self.params.sweep_seconds,
            rate_func=linear,
        )
        for mob in (line, traced, dot, readout):
            mob.clear_updaters()
        i = int(np.argmax(gains))
        self.play(
            t.animate.set_value(thresholds[i]),
            line.animate.become(cut_line(thresholds[i])),
            dot.animate.move_to(points[i]),
            run_time=0.8,
        )
        self.remove(t)
        readout.set_value(float(gains[i]))
        traced.become(build_polyline(points, palette.curve))
        self.wait(1)
        best = VGroup(line, dot)
        self.remove(traced)
        chart.add(traced)
        return best

    def show_best(
        self, candidates: list, best: dict[int, VGroup], charts: list[ScatterPlane]
    ) -> None:
        """Keep the best cut of the best feature; it becomes the root's question."""
        if self.tree.split is None:
            raise ValueError("the data holds one class only, so the tree cannot split")
        self.root_split = self.tree.split
        winner = self.root_split.feature
        loser = 1 - winner
        best_gain = [float(g.max()) for _, g in candidates]
        rule = split_rule(self.root_split, SHORT_NAMES)
        self.caption(
            f"The best cut of all: {rule}, gaining {best_gain[winner]:.2f} bits "
            f"(the best {SHORT_NAMES[loser]} cut gains {best_gain[loser]:.2f}). "
            "It becomes the root's question."
        )
        self.gain_readout.set_value(best_gain[winner])
        loser_line = best[loser][0]
        self.play(
            loser_line.animate.set_stroke(opacity=0.25),
            best[winner][0].animate.set_stroke(width=6),
        )
        self.wait(3)
        self.key_frame("gain")
        self.play(
            FadeOut(*charts, best[0][1], best[1][1], loser_line, best[winner][0], self.gain_readout)
        )

    # Growing the tree
    def show_growth(self) -> None:
        """Split level by level: the partition on the scatter and the diagram grow together."""
        self.chapter("Growing the tree")
        self.diagram = TreeDiagram(
            self.tree,
            self.theme,
            self.labels,
            width=DIAGRAM_SIZE[0],
            height=DIAGRAM_SIZE[1],
            shown_depth=0,
        )
        self.diagram.move_layout_to(DIAGRAM_CENTER)
        self.partition: TreePartition | None = None
        self.caption(
            "The root holds every tree. Each box: the question asked, or the majority "
            "species, a bar of the mix, the counts and the entropy H."
        )
        self.play(FadeIn(self.diagram))
        self.wait(2.5)
        for depth in range(1, self.params.max_depth + 1):
            self.grow_once(depth)
        self.wait(1)
        self.key_frame("grown")

    def grow_once(self, depth: int) -> None:
        """Add one level of splits to the diagram and to the scatter's partition."""
        stage = truncate_tree(self.tree, depth)
        partition = TreePartition(self.plane, stage)
        new_lines = partition.splits_at(depth - 1)
        gains = [n.split.gain for n in tree_nodes(stage) if n.depth == depth - 1 and n.split]
        accuracy = accuracy_score(self.data.y, predict_tree(stage, self.data.X))
        if depth == 1:
            left, right = stage.children()
            text = (
                f"{split_rule(self.root_split, SHORT_NAMES)} splits the {stage.n_samples} trees "
                f"into {left.n_samples} (H {left.impurity:.2f}) and {right.n_samples} "
                f"(H {right.impurity:.2f}): both purer than the whole (H {stage.impurity:.2f})."
            )
        else:
            text = (
                f"Level {depth}: each group takes its own best cut (gains "
                f"{', '.join(f'{g:.2f}' for g in gains)} bits). Training accuracy {accuracy:.0%}."
            )
        self.caption(text)
        animations = self.diagram.grow_animations()
        if self.partition is None:
            self.play(FadeIn(partition.regions), Create(new_lines), *animations, run_time=1.6)
        else:
            self.play(
                ReplacementTransform(self.partition.regions, partition.regions),
                FadeOut(self.partition.splits),
                FadeIn(partition.splits),
                *animations,
                run_time=1.6,
            )
        self.gather(self.diagram)
        self.bring_to_front(self.markers)
        self.partition = partition
        self.wait(3.5)
        if depth == 1:
            self.key_frame("root-split")

    # Prediction
    def show_prediction(self) -> None:
        """Send a new tree down the fitted tree: each answer narrows its box."""
        self.chapter("Predicting")
        palette = self.theme.palette
        point = np.array(NEW_TREE)
        path = decision_path(self.tree, point)
        regions = {id(n): box for n, box in node_regions(self.tree, self.plane.box)}
        marker = Dot(self.plane.point(*point), radius=0.13, color=palette.threshold)
        marker.set_stroke(palette.background, width=2)
        outline = self.diagram.path_outline(path)
        leaf = path[-1]
        self.caption(
            f"A new tree: {point[0]:g} cm across, {point[1]:g} m tall. It answers one "
            "question per level and follows the answers down."
        )
        self.play(FadeIn(marker, scale=2))
        box = region_outline(self.plane, regions[id(path[0])], palette.threshold)
        self.play(Create(outline[0]), Create(box))
        for k in range(1, len(path)):
            target = region_outline(self.plane, regions[id(path[k])], palette.threshold)
            self.play(Create(outline[k]), Transform(box, target), run_time=1.0)
        name = CLASS_NAMES[leaf.prediction]
        self.caption(
            f"Its leaf held {leaf.counts[leaf.prediction]} of {leaf.n_samples} trees as {name}s, "
            f"so the answer is: {name}. The box on the left is everything that leaf covers."
        )
        self.wait(3.5)
        self.key_frame("path")
        keep = [self._header, self._caption]
        self.play(FadeOut(*(m for m in self.mobjects if m not in keep)))

    # Instability
    def show_instability(self) -> None:
        """Refit after moving 5% of the samples: the trees come out different."""
        self.chapter("Instability")
        p = self.params
        n_moved = self.refits[0][1].size
        columns = 3 if p.n_trees <= 6 else 4
        panels = VGroup(*(self.build_refit_panel(k, columns) for k in range(p.n_trees)))
        panels.arrange_in_grid(cols=columns, buff=(0.35, 0.8))
        panels.scale_to_fit_width(min(panels.width, PANELS_WIDTH)).move_to([0.0, 0.2, 0.0])
        reference = truncate_tree(self.full_tree, 2)
        changes = [self.changed_nodes(tree, reference) for _, _, tree in self.refits]
        outlines = VGroup(
            *(
                panel[1].path_outline(nodes, self.theme.palette.bad, width=3.0, edges=False)
                for panel, nodes in zip(panels, changes, strict=True)
            )
        )
        n_changed = sum(bool(nodes) for nodes in changes)
        root_changed = sum(tree.depth == 0 for nodes in changes for tree in nodes)
        self.caption(
            f"Now move just {n_moved} of the {self.data.y.size} trees a little (5%) and refit, "
            f"{p.n_trees} times. Rings mark the moved trees."
        )
        self.play(LaggedStart(*(FadeIn(panel) for panel in panels), lag_ratio=0.25, run_time=3))
        self.wait(3)
        self.key_frame("refits")
        self.caption(
            f"{n_changed} of {p.n_trees} refits ask other questions (outlined), {root_changed} "
            "of them even at the root. A single tree is jumpy; forests average many."
        )
        self.play(Create(outlines), run_time=1.5)
        self.wait(5)
        self.key_frame("instability")
        self.wait(1)

    @staticmethod
    def changed_nodes(tree: TreeNode, reference: TreeNode) -> list[TreeNode]:
        """Return the splits of ``tree`` that ask another question than ``reference`` there."""
        changed: list[TreeNode] = []

        def walk(node: TreeNode, other: TreeNode | None) -> None:
            if node.split is None:
                return
            asked = split_rule(node.split, SHORT_NAMES)
            if (
                other is None
                or other.split is None
                or split_rule(other.split, SHORT_NAMES) != asked
            ):
                changed.append(node)
            left, right = node.children()
            twins = other.children() if other is not None and other.split else (None, None)
            walk(left, twins[0])
            walk(right, twins[1])

        walk(tree, reference)
        return changed

    def build_refit_panel(self, k: int, columns: int) -> VGroup:
        """Return refit ``k``: a small partition with its moved samples, and its tree."""
        X, moved, tree = self.refits[k]
        side = 1.65 if columns == 3 else 1.25
        plane = ScatterPlane(
            self.theme,
            x_range=(0.0, 60.0, 60.0),
            y_range=(0.0, 20.0, 20.0),
            width=side,
            height=0.95 * side,
        )
        plane.remove(plane.tick_labels, plane.x_title, plane.y_title)
        partition = TreePartition(plane, tree)
        dots = VGroup(
            *(
                build_class_marker(int(label), self.theme, radius=0.03).move_to(plane.point(*x))
                for x, label in zip(X, self.data.y, strict=True)
            )
        )
        ring = self.theme.palette.threshold
        rings = VGroup(
            *(
                Circle(radius=0.075, stroke_color=ring, stroke_width=2).move_to(plane.point(*X[i]))
                for i in moved
            )
        )
        diagram = TreeDiagram(
            tree,
            self.theme,
            self.labels,
            width=1.45 * side,
            height=side,
            detail="compact",
            edge_labels=False,
        )
        return VGroup(VGroup(plane, partition, dots, rings), diagram).arrange(RIGHT, buff=0.2)
