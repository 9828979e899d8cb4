"""The tree diagram and partition components: layout, growth, paths, without rendering."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Scene, tempconfig

from mlu_math.tree import decision_path, fit_tree, tree_nodes
from mlu_math.tree_data import FEATURE_NAMES, make_tree_data
from scenes.components.partition import TreePartition
from scenes.components.scatter_plane import ScatterPlane
from scenes.components.tree_diagram import TreeDiagram, TreeLabels, class_colors, split_rule
from scenes.theme import get_theme
from tests.support.layout import layout_problems

THEME = get_theme("light")
DATA = make_tree_data(seed=0)
LABELS = TreeLabels(("diameter", "height"), ("apple", "oak"))


def build(max_depth=3, **kwargs) -> TreeDiagram:
    tree = fit_tree(DATA.X, DATA.y, max_depth=max_depth)
    return TreeDiagram(tree, THEME, LABELS, **kwargs)


def boxes_overlap(a, b) -> bool:
    return bool(
        np.all(
            np.minimum(a.get_corner([1, 1, 0]), b.get_corner([1, 1, 0]))[:2]
            > np.maximum(a.get_corner([-1, -1, 0]), b.get_corner([-1, -1, 0]))[:2]
        )
    )


@pytest.mark.parametrize("detail", ["full", "compact"])
@pytest.mark.parametrize("max_depth", [1, 2, 3, 4])
def test_boxes_never_overlap(max_depth, detail):
    diagram = build(max_depth, detail=detail)
    frames = [box.frame for box in diagram.boxes]
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            assert not boxes_overlap(a, b)


@pytest.mark.parametrize(("width", "height"), [(7.0, 4.0), (3.0, 2.0), (2.0, 3.0)])
def test_diagram_fits_its_box(width, height):
    diagram = build(width=width, height=height)
    assert diagram.width <= width + 1e-6 and diagram.height <= height + 1e-6


def test_growing_reveals_one_level_at_a_time_and_keeps_the_layout():
    diagram = build(shown_depth=0)
    full = build()
    assert len(diagram.submobjects) == 1
    for depth in range(1, diagram.max_depth + 1):
        assert diagram.grow_animations()
        assert diagram.shown_depth == depth
    assert diagram.grow_animations() == []
    for grown, reference in zip(diagram.boxes, full.boxes, strict=True):
        np.testing.assert_allclose(grown.frame.get_center(), reference.frame.get_center())


def test_move_layout_to_moves_the_hidden_levels_too():
    diagram = build(shown_depth=0).move_layout_to(np.array([2.0, 1.0, 0.0]))
    reference = build().move_layout_to(np.array([2.0, 1.0, 0.0]))
    last = len(diagram.boxes) - 1
    np.testing.assert_allclose(diagram.boxes[last].get_center(), reference.boxes[last].get_center())


def test_path_outline_has_a_part_per_node():
    tree = fit_tree(DATA.X, DATA.y, max_depth=3)
    diagram = TreeDiagram(tree, THEME, LABELS)
    path = decision_path(tree, np.array([42.0, 6.5]))
    outline = diagram.path_outline(path)
    assert len(outline) == len(path)
    assert len(outline[0]) == 1 and all(len(part) == 2 for part in outline[1:])


def test_a_grown_diagram_has_a_clean_layout():
    with tempconfig({"dry_run": True, "verbosity": "ERROR"}):
        scene = Scene()
    scene.add(build(edge_labels=True))
    assert layout_problems(scene) == []


def test_split_rule_reads_as_a_question():
    split = fit_tree(DATA.X, DATA.y, max_depth=1).split
    assert (
        split_rule(split, FEATURE_NAMES)
        == f"{FEATURE_NAMES[split.feature]} \u2264 {split.threshold:.1f}"
    )


def test_class_colors_refuses_too_many_classes():
    assert class_colors(THEME, 2) == [THEME.palette.negative, THEME.palette.positive]
    with pytest.raises(ValueError, match="n_classes must be in"):
        class_colors(THEME, 12)


@pytest.mark.parametrize("max_depth", [1, 2, 4])
def test_partition_has_a_region_per_leaf_and_a_line_per_split(max_depth):
    tree = fit_tree(DATA.X, DATA.y, max_depth=max_depth)
    plane = ScatterPlane(THEME, x_range=(0.0, 60.0, 20.0), y_range=(0.0, 20.0, 5.0))
    partition = TreePartition(plane, tree)
    nodes = tree_nodes(tree)
    assert len(partition.regions) == sum(n.is_leaf for n in nodes)
    assert len(partition.splits) == sum(not n.is_leaf for n in nodes)
    assert len(partition.splits_at(0)) == 1
