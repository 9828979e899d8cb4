"""Hand every frame manim renders to our own consumers as well as its encoder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from manim.scene.scene_file_writer import SceneFileWriter

__all__ = ["FrameSink", "LastFrame", "tapped_writer"]

FrameSink = Callable[[Any, int], None]
"""Takes one RGBA frame (a ``(height, width, 4)`` uint8 array) and its repeat count."""


def tapped_writer(sinks: list[FrameSink]) -> type[SceneFileWriter]:
    """Return a manim file writer class that also gives each frame to ``sinks``.

    The sinks only read the frame, before manim's encoder takes it over.
    """

    class TappedFileWriter(SceneFileWriter):
        def write_frame(self, pixels: Any, *, repeat: int = 1) -> None:
            for sink in sinks:
                sink(pixels, repeat)
            super().write_frame(pixels, repeat=repeat)

    return TappedFileWriter


class LastFrame:
    """A sink that remembers the most recent frame."""

    def __init__(self) -> None:
        self.frame: Any = None

    def remember(self, frame: Any, _repeat: int = 1) -> None:
        """Keep ``frame`` as the latest."""
        self.frame = frame
