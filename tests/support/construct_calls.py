"""Count how often a scene's ``construct`` runs: each run is one pass of the whole scene."""

from __future__ import annotations

import pytest

from scenes.base import ExplainerScene

__all__ = ["count_constructs"]


def count_constructs(
    monkeypatch: pytest.MonkeyPatch, scene_class: type[ExplainerScene]
) -> list[str]:
    """Wrap ``scene_class.construct`` (until ``monkeypatch`` undoes it); return the calls' log.

    Each call logs how the scene ran, ``"skipped at 15 fps"`` (a quick pass,
    or a poster alone) or ``"played at 5 fps"`` (a video or GIF), so that a
    test can tell the passes apart.
    """
    calls: list[str] = []
    construct = scene_class.construct

    def counted(scene: ExplainerScene) -> None:
        how = "skipped" if scene.renderer.skip_animations else "played"
        calls.append(f"{how} at {scene.camera.frame_rate:g} fps")
        construct(scene)

    monkeypatch.setattr(scene_class, "construct", counted)
    return calls
