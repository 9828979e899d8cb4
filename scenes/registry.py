"""The catalogue: scene slug -> scene class."""

from __future__ import annotations

import difflib
from importlib import import_module

from scenes.base import ExplainerScene

__all__ = ["SCENES", "UnknownSceneError", "all_scenes", "get_scene"]

SCENES: dict[str, str] = {
    "bias-variance": "scenes.bias_variance:BiasVariance",
    "cross-validation": "scenes.cross_validation:CrossValidation",
    "decision-tree": "scenes.decision_tree:DecisionTree",
    "double-descent": "scenes.double_descent:DoubleDescent",
    "double-descent-2": "scenes.double_descent_2:DoubleDescent2",
    "equality-of-odds": "scenes.equality_of_odds:EqualityOfOdds",
    "precision-recall": "scenes.precision_recall:PrecisionRecall",
    "random-forest": "scenes.random_forest:RandomForest",
    "roc-auc": "scenes.roc_auc:RocAuc",
    "train-test-validation": "scenes.train_test_validation:TrainTestValidation",
}
"""Each slug and where its class lives, as ``module:Class``."""


class UnknownSceneError(ValueError):
    """A slug that names no scene; the message suggests the closest one."""


def get_scene(slug: str) -> type[ExplainerScene]:
    """Return the scene class registered under ``slug``.

    Raises
    ------
    UnknownSceneError
        If no scene has that slug.
    """
    if slug not in SCENES:
        raise UnknownSceneError(_unknown_message(slug))
    module_name, class_name = SCENES[slug].split(":")
    scene = getattr(import_module(module_name), class_name)
    if not (isinstance(scene, type) and issubclass(scene, ExplainerScene)):
        raise TypeError(f"{SCENES[slug]} is not an ExplainerScene")
    return scene


def all_scenes() -> list[type[ExplainerScene]]:
    """Return every registered scene class, in slug order."""
    return [get_scene(slug) for slug in sorted(SCENES)]


def _unknown_message(slug: str) -> str:
    message = f"unknown scene {slug!r}"
    close = difflib.get_close_matches(slug, SCENES, n=1, cutoff=0.4)
    if close:
        message += f"; did you mean {close[0]!r}?"
    return message + f" (scenes: {', '.join(sorted(SCENES))})"
