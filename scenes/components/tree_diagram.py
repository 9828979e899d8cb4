"""A fitted decision tree drawn as boxes and edges, that grows level by level and traces paths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import numpy as np
from manim import (
    DOWN,
    Animation,
    FadeIn,
    Line,
    Rectangle,
    RoundedRectangle,
    Transform,
    VGroup,
    VMobject,
)

from mlu_math.tree import Split, TreeNode, tree_nodes, truncate_tree
from scenes.components.text import build_text
from scenes.theme import Theme

__all__ = [
    "Detail",
    "NodeBox",
    "TreeDiagram",
    "TreeLabels",
    "build_class_bar",
    "class_colors",
    "split_rule",
]

Detail = Literal["full", "compact"]
"""``full``: each box shows its rule or class, a class bar, counts and impurity;
``compact``: split boxes show the rule only and leaves a class bar only (for
small trees side by side)."""

CLASS_ROLES = ("negative", "positive", "curve", "validation", "test", "group_b")
"""Palette roles of classes 0, 1, 2, ...: class 0 and 1 match the scatter's markers."""
LESS_EQUAL = "\N{LESS-THAN OR EQUAL TO}"
PAD = 0.1
"""Padding inside a box, in scene units."""
GAP = (0.16, 0.42)
LABEL_ROOM = 0.3
"""Extra height under the root when its edges are labelled."""
"""Least horizontal gap between boxes on a level, and vertical gap between levels."""
HIGHLIGHT_WIDTH = 6.0


def class_colors(theme: Theme, n_classes: int) -> list[str]:
    """Return the colour of each class: class 0 negative, class 1 positive, then more roles."""
    if not 1 <= n_classes <= len(CLASS_ROLES):
        raise ValueError(f"n_classes must be in [1, {len(CLASS_ROLES)}], got {n_classes}")
    return [getattr(theme.palette, role) for role in CLASS_ROLES[:n_classes]]


@dataclass(frozen=True)
class TreeLabels:
    """What a diagram calls things.

    Attributes
    ----------
    feature_names
        Name of each feature column, used in split rules.
    class_names
        Name of each class, shown on leaves; None shows ``class 0``, ...
    impurity_symbol
        Prefix of the impurity value, e.g. ``"H"`` for entropy or ``"Gini"``.
    digits
        Decimals of thresholds and impurities.
    """

    feature_names: Sequence[str]
    class_names: Sequence[str] | None = None
    impurity_symbol: str = "H"
    digits: int = 1

    def class_name(self, label: int) -> str:
        """Return the name of class ``label``."""
        return self.class_names[label] if self.class_names else f"class {label}"


def split_rule(split: Split, feature_names: Sequence[str], digits: int = 1) -> str:
    """Return the rule of a split as text, e.g. ``height ≤ 10.1`` (true goes left).

    Examples
    --------
    >>> import numpy as np
    >>> split_rule(Split(1, 10.06, 0.4, np.array([1]), np.array([1])), ["d", "h"])
    'h ≤ 10.1'
    """
    return f"{feature_names[split.feature]} {LESS_EQUAL} {split.threshold:.{digits}f}"


def build_class_bar(counts: Sequence[int], theme: Theme, *, width: float, height: float) -> VGroup:
    """Return a bar cut into one segment per class, each as wide as the class's share.

    Classes with no samples get no segment; the bar keeps its full width.
    """
    shares = np.asarray(counts, dtype=float)
    shares = shares / shares.sum()
    colors = class_colors(theme, shares.size)
    bar = VGroup()
    left = 0.0
    for share, color in zip(shares, colors, strict=True):
        if share <= 0:
            continue
        segment = Rectangle(width=share * width, height=height, stroke_width=0)
        segment.set_fill(color, opacity=1.0)
        bar.add(segment.move_to([left + share * width / 2, 0.0, 0.0]))
        left += share * width
    return bar.move_to([0.0, 0.0, 0.0])


class NodeBox(VGroup):
    """One node drawn as a box: a frame around a title, a class bar and a stats line.

    Parameters
    ----------
    node
        The node drawn.
    theme
        Colours and sizes.
    as_split
        Draw the node's split rule as its title (it must have a split);
        otherwise draw it as a leaf, titled by its predicted class.
    labels
        Feature and class names.
    detail
        ``full`` or ``compact`` (see :data:`Detail`).

    Attributes
    ----------
    frame : RoundedRectangle
        The outline; always the first part, so a morph keeps it first.
    bar : VGroup
        The class bar.
    title, stats : Text or VMobject
        The rule or class name, and ``counts · impurity``; an empty
        mobject where the detail level leaves one out.
    """

    def __init__(
        self,
        node: TreeNode,
        theme: Theme,
        *,
        as_split: bool,
        labels: TreeLabels,
        detail: Detail = "full",
    ) -> None:
        super().__init__()
        if as_split and node.split is None:
            raise ValueError("as_split needs a node with a split")
        palette = theme.palette
        compact = detail == "compact"
        self.title = self._build_title(node, theme, as_split, labels, compact)
        bar_width = 0.5 if compact else 1.0
        self.bar = build_class_bar(
            node.counts, theme, width=bar_width, height=0.1 if compact else 0.13
        )
        self.stats = VMobject()
        if not compact:
            counts = " | ".join(str(int(c)) for c in node.counts)
            text = f"{counts}  {labels.impurity_symbol} {node.impurity:.2f}"
            self.stats = build_text(text, theme, "small", color=palette.muted)
        content = VGroup(
            *(
                part
                for part in (self.title, self.bar, self.stats)
                if part.has_points() or part.submobjects
            )
        ).arrange(DOWN, buff=0.08 if not compact else 0.05)
        self.frame = RoundedRectangle(
            corner_radius=0.08,
            width=content.width + 2 * (PAD if not compact else 0.06),
            height=content.height + 2 * (PAD if not compact else 0.06),
            stroke_color=palette.axis,
            stroke_width=1.5,
        )
        self.frame.set_fill(palette.surface, opacity=1.0).move_to(content)
        self.add(self.frame, self.bar, self.title, self.stats)

    @staticmethod
    def _build_title(
        node: TreeNode, theme: Theme, as_split: bool, labels: TreeLabels, compact: bool
    ) -> VMobject:
        if as_split and node.split is not None:
            rule = split_rule(node.split, labels.feature_names, labels.digits)
            return build_text(rule, theme, "small" if compact else "label", weight="SEMIBOLD")
        if compact:
            return VMobject()
        color = class_colors(theme, node.counts.size)[node.prediction]
        return build_text(
            labels.class_name(node.prediction), theme, "label", color=color, weight="BOLD"
        )


class TreeDiagram(VGroup):
    """A tree drawn top-down: boxes for nodes, edges from each split to its children.

    The layout is that of the tree cut at ``max_depth`` and never changes as
    the diagram grows, so a scene can reveal it level by level: build it with
    ``shown_depth=0`` (the root alone, drawn as a leaf), place it with
    :meth:`move_layout_to`, then play :meth:`grow_animations` once per level.
    True goes left, false right. The layout is centred on the origin.

    Parameters
    ----------
    tree
        The fitted tree (its root).
    theme
        Colours and sizes.
    labels
        Feature and class names, impurity symbol.
    width, height
        The box the diagram must fit in; it is scaled down (never up) to fit.
    max_depth
        Deepest level drawn; the whole tree by default.
    shown_depth
        Levels shown at first: 0 shows the root as a leaf; ``max_depth`` (the
        default) shows everything, with the nodes at ``shown_depth`` drawn as
        leaves.
    detail
        ``full`` or ``compact`` boxes (see :data:`Detail`).
    edge_labels
        Label the root's two edges ``yes`` and ``no``.

    Attributes
    ----------
    nodes : list of TreeNode
        Breadth-first, as :func:`mlu_math.tree.tree_nodes` orders them.
    boxes : list of NodeBox
        The box drawn for each node now (index as ``nodes``).
    edges : list of VGroup or None
        The edge into each node (a line, perhaps a label); None for the root.
    shown_depth : int

    Examples
    --------
    >>> from mlu_math.tree import fit_tree
    >>> from scenes.theme import get_theme
    >>> tree = fit_tree([[1.0], [2.0], [3.0]], [0, 1, 1])
    >>> diagram = TreeDiagram(tree, get_theme("light"), TreeLabels(["x"]), shown_depth=0)
    >>> len(diagram.level(0)), len(diagram.grow_animations())
    (1, 5)
    """

    def __init__(
        self,
        tree: TreeNode,
        theme: Theme,
        labels: TreeLabels,
        *,
        width: float = 7.0,
        height: float = 4.0,
        max_depth: int | None = None,
        shown_depth: int | None = None,
        detail: Detail = "full",
        edge_labels: bool = True,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.tree = truncate_tree(tree, max_depth) if max_depth is not None else tree
        self.nodes = tree_nodes(self.tree)
        self.max_depth = max(node.depth for node in self.nodes)
        self.shown_depth = (
            self.max_depth if shown_depth is None else min(shown_depth, self.max_depth)
        )
        self._index = {id(node): i for i, node in enumerate(self.nodes)}
        self._leaf_look = [
            NodeBox(n, theme, as_split=False, labels=labels, detail=detail) for n in self.nodes
        ]
        self._split_look = [
            NodeBox(n, theme, as_split=True, labels=labels, detail=detail) if n.split else None
            for n in self.nodes
        ]
        self._place(self._layout(LABEL_ROOM if edge_labels else 0.0))
        self.edges: list[VGroup | None] = [None] + [
            self._build_edge(i, edge_labels) for i in range(1, len(self.nodes))
        ]
        self.boxes: list[NodeBox] = [
            self._split_look[i] if self._drawn_as_split(i) else self._leaf_look[i]  # type: ignore[misc]
            for i in range(len(self.nodes))
        ]
        for depth in range(self.shown_depth + 1):
            self.add(self.level(depth))
        self._fit(width, height)

    # --- public ----------------------------------------------------------------------

    def index(self, node: TreeNode) -> int:
        """Return the position of ``node`` in :attr:`nodes`."""
        return self._index[id(node)]

    def level(self, depth: int) -> VGroup:
        """Return the edges into and boxes of the nodes at ``depth`` (edges first)."""
        at_depth = [i for i, node in enumerate(self.nodes) if node.depth == depth]
        edges = [self.edges[i] for i in at_depth if self.edges[i] is not None]
        return VGroup(*edges, *(self.boxes[i] for i in at_depth))

    def grow_animations(self) -> list[Animation]:
        """Show one more level: the leaves that split turn into rules, their children appear.

        The new parts join the diagram at once; play the animations, then
        ``scene.gather(diagram)`` so the diagram is on screen as one mobject.
        Returns an empty list when the diagram is fully grown.
        """
        if self.shown_depth >= self.max_depth:
            return []
        depth = self.shown_depth
        animations: list[Animation] = []
        for i, node in enumerate(self.nodes):
            if node.depth == depth and self._split_look[i] is not None:
                animations.append(Transform(self.boxes[i], self._split_look[i]))
        self.shown_depth += 1
        new_level = self.level(self.shown_depth)
        self.add(new_level)
        animations.extend(FadeIn(part) for part in new_level)
        return animations

    def path_outline(
        self,
        path: Sequence[TreeNode],
        color: str | None = None,
        *,
        width: float = HIGHLIGHT_WIDTH,
        edges: bool = True,
    ) -> VGroup:
        """Return a thick outline of each node on ``path`` and of the edge into it.

        Part ``k`` of the result outlines ``path[k]``: a scene can draw the
        parts one after another to show a sample going down the tree. With
        ``edges=False`` only the boxes are outlined (to mark any set of nodes).
        """
        stroke = color if color is not None else self.theme.palette.threshold
        outline = VGroup()
        for node in path:
            i = self.index(node)
            part = VGroup()
            edge = self.edges[i]
            if edges and edge is not None:
                part.add(edge[0].copy().set_stroke(stroke, width=width))
            frame = self.boxes[i].frame.copy().set_fill(opacity=0.0)
            part.add(frame.set_stroke(stroke, width=width))
            outline.add(part)
        return outline

    # --- layout ----------------------------------------------------------------------

    def _drawn_as_split(self, i: int) -> bool:
        return self._split_look[i] is not None and self.nodes[i].depth < self.shown_depth

    def _widths(self) -> list[float]:
        return [
            max(leaf.width, split.width if split is not None else 0.0)
            for leaf, split in zip(self._leaf_look, self._split_look, strict=True)
        ]

    def _layout(self, label_room: float) -> np.ndarray:
        """Return each node's centre: leaves in order along a row of slots, parents centred."""
        slots = np.zeros(len(self.nodes))
        counter = [0.0]

        def place(node: TreeNode) -> float:
            i = self.index(node)
            if node.split is None or node.left is None or node.right is None:
                slots[i] = counter[0]
                counter[0] += 1.0
            else:
                slots[i] = (place(node.left) + place(node.right)) / 2
            return slots[i]

        place(self.tree)
        widths = self._widths()
        pitch = max(widths[i] for i, node in enumerate(self.nodes) if node.split is None) + GAP[0]
        for depth in range(self.max_depth + 1):
            row = sorted(
                (slots[i], widths[i]) for i, n in enumerate(self.nodes) if n.depth == depth
            )
            for (a, wa), (b, wb) in pairwise(row):
                pitch = max(pitch, ((wa + wb) / 2 + GAP[0]) / (b - a))
        heights = [
            max(b.height, s.height if s else 0.0)
            for b, s in zip(self._leaf_look, self._split_look, strict=True)
        ]
        step = max(heights) + GAP[1]
        depths = np.array([node.depth for node in self.nodes], dtype=float)
        heights = -depths * step - label_room * (depths > 0)
        return np.column_stack([slots * pitch, heights, np.zeros(len(self.nodes))])

    def _place(self, centers: np.ndarray) -> None:
        for i, center in enumerate(centers):
            self._leaf_look[i].move_to(center)
            split = self._split_look[i]
            if split is not None:
                split.move_to(center)

    def _build_edge(self, i: int, labelled: bool) -> VGroup:
        node = self.nodes[i]
        parent = next(j for j, p in enumerate(self.nodes) if p.left is node or p.right is node)
        top = self._leaf_look[i].get_top()
        parent_box = self._split_look[parent]
        start = (
            parent_box.get_bottom()
            if parent_box is not None
            else self._leaf_look[parent].get_bottom()
        )
        line = Line(start, top, stroke_color=self.theme.palette.axis, stroke_width=2)
        edge = VGroup(line)
        if labelled and self.nodes[parent].depth == 0:
            is_left = self.nodes[parent].left is node
            label = build_text(
                "yes" if is_left else "no", self.theme, "small", color=self.theme.palette.muted
            )
            edge.add(self._place_edge_label(label, line, is_left))
        return edge

    def move_layout_to(self, point: np.ndarray) -> TreeDiagram:
        """Move the whole layout, levels not shown yet included, so it centres on ``point``.

        ``shift`` and ``move_to`` move only the parts shown; use this to place
        a diagram that will grow.
        """
        everything = self._everything()
        everything.shift(np.asarray(point, dtype=float) - everything.get_center())
        return self

    def _everything(self) -> VGroup:
        return VGroup(
            *self._leaf_look,
            *(s for s in self._split_look if s is not None),
            *(e for e in self.edges if e is not None),
        )

    @staticmethod
    def _place_edge_label(label: VMobject, line: Line, is_left: bool) -> VMobject:
        """Put an edge's label beside its middle, on the side away from the tree."""
        direction = line.get_unit_vector()
        normal = np.array([-direction[1], direction[0], 0.0])
        if (normal[0] > 0) == is_left:  # point away from the tree: left of a left edge
            normal = -normal
        reach = abs(normal[0]) * label.width / 2 + abs(normal[1]) * label.height / 2
        return label.move_to(line.point_from_proportion(0.5) + (reach + 0.06) * normal)

    def _fit(self, width: float, height: float) -> None:
        everything = self._everything()
        scale = min(1.0, width / everything.width, height / everything.height)
        center = everything.get_center()
        everything.scale(scale, about_point=center).shift(-center)
