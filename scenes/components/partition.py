"""A tree's partition of a 2-D feature box: shaded leaf rectangles and split lines."""

from __future__ import annotations

import numpy as np
from manim import Line, Polygon, VGroup
from numpy.typing import ArrayLike

from mlu_math.tree import Split, TreeNode, node_regions
from scenes.components.scatter_plane import REGION_OPACITY, ScatterPlane
from scenes.components.tree_diagram import class_colors

__all__ = ["TreePartition", "region_outline"]

SPLIT_WIDTH = 3.0


def _corners(box: np.ndarray) -> np.ndarray:
    (x0, x1), (y0, y1) = box
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def region_outline(
    plane: ScatterPlane, box: ArrayLike, color: str, *, width: float = 5.0
) -> Polygon:
    """Return the outline of a box of feature values ``((x0, x1), (y0, y1))`` on ``plane``."""
    corners = plane.points_at(_corners(np.asarray(box, dtype=float)))
    return Polygon(*corners, stroke_color=color, stroke_width=width, fill_opacity=0.0)


class TreePartition(VGroup):
    """The rectangles a tree cuts a scatter's box into, shaded by predicted class.

    Parameters
    ----------
    plane
        The scatter whose box and coordinates are used (its ``box`` must
        cover the tree's two features, x then y).
    tree
        The fitted tree (of two features).
    opacity
        Fill opacity of the leaf rectangles.

    Attributes
    ----------
    regions : VGroup
        One filled rectangle per leaf, breadth-first.
    splits : VGroup
        One line per split, breadth-first, each clipped to its node's box.
    split_depths : list of int
        The depth of the node of each line in ``splits``.
    """

    def __init__(
        self, plane: ScatterPlane, tree: TreeNode, *, opacity: float = REGION_OPACITY
    ) -> None:
        super().__init__()
        theme = plane.theme
        colors = class_colors(theme, tree.counts.size)
        self.regions = VGroup()
        self.splits = VGroup()
        self.split_depths: list[int] = []
        for node, box in node_regions(tree, plane.box):
            if node.split is None:
                corners = plane.points_at(_corners(box))
                region = Polygon(*corners, stroke_width=0)
                self.regions.add(region.set_fill(colors[node.prediction], opacity=opacity))
                continue
            self.splits.add(self._split_line(plane, node.split, box))
            self.split_depths.append(node.depth)
        self.add(self.regions, self.splits)

    def splits_at(self, depth: int) -> VGroup:
        """Return the split lines of the nodes at ``depth``."""
        return VGroup(
            *(line for line, d in zip(self.splits, self.split_depths, strict=True) if d == depth)
        )

    @staticmethod
    def _split_line(plane: ScatterPlane, split: Split, box: np.ndarray) -> Line:
        t = split.threshold
        if split.feature == 0:
            start, end = plane.point(t, box[1, 0]), plane.point(t, box[1, 1])
        else:
            start, end = plane.point(box[0, 0], t), plane.point(box[0, 1], t)
        return Line(
            start, end, stroke_color=plane.theme.palette.threshold, stroke_width=SPLIT_WIDTH
        )
