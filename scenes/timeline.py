"""Timed text a scene records while it plays: subtitle cues and chapters."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Cue", "Timeline"]


@dataclass(frozen=True, slots=True)
class Cue:
    """A span of the scene's time with a piece of text.

    Used both for subtitle cues (``text`` is the caption) and for chapters
    (``text`` is the chapter's title).

    Parameters
    ----------
    start, end
        Seconds from the start of the scene, ``0 <= start <= end``.
    text
        What is shown or named during the span.
    """

    start: float
    end: float
    text: str


@dataclass
class Timeline:
    """Open spans that close when the next one starts or the scene ends."""

    captions: list[Cue] = field(default_factory=list)
    chapters: list[Cue] = field(default_factory=list)

    def start_caption(self, time: float, text: str) -> None:
        """Close the open caption at ``time`` and open one with ``text``."""
        _close_last(self.captions, time)
        self.captions.append(Cue(time, time, text))

    def start_chapter(self, time: float, title: str) -> None:
        """Close the open chapter at ``time`` and open one named ``title``."""
        _close_last(self.chapters, time)
        self.chapters.append(Cue(time, time, title))

    def finish(self, time: float) -> None:
        """Close whatever is open at ``time``, the scene's end."""
        _close_last(self.captions, time)
        _close_last(self.chapters, time)


def _close_last(cues: list[Cue], time: float) -> None:
    if cues and cues[-1].end <= cues[-1].start:
        last = cues[-1]
        cues[-1] = Cue(last.start, max(time, last.start), last.text)
