"""Reusable pictures the explainer scenes are drawn from."""

from scenes.components.beeswarm import beeswarm_levels
from scenes.components.confusion_matrix import ConfusionMatrix
from scenes.components.readout import Readout
from scenes.components.roc_axes import RocAxes
from scenes.components.score_strip import ScoreStrip
from scenes.components.text import (
    build_caption,
    build_header,
    build_text,
    build_title_card,
)
from scenes.components.threshold import ThresholdMarker

__all__ = [
    "ConfusionMatrix",
    "Readout",
    "RocAxes",
    "ScoreStrip",
    "ThresholdMarker",
    "beeswarm_levels",
    "build_caption",
    "build_header",
    "build_text",
    "build_title_card",
]
