"""`ExplainerScene`: the base every explainer scene is built on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from manim import UP, FadeIn, FadeOut, Mobject, Scene

from mlu_math.scores import ClassifierScores
from scenes.components.text import build_caption, build_header, build_title_card
from scenes.theme import Theme, get_theme
from scenes.timeline import Timeline

__all__ = ["BaseParams", "ExplainerScene", "KeyFrameHook", "check_range"]

KeyFrameHook = Callable[["ExplainerScene", str], None]
"""Called at each key frame with the scene (its frame freshly drawn) and name."""


def check_range(name: str, value: float, low: float, high: float) -> None:
    """Raise ``ValueError`` unless ``low <= value <= high``, naming the parameter."""
    if not low <= value <= high:
        span = f"[{_number(low)}, {_number(high)}]"
        raise ValueError(f"{name} must be in {span}, got {_number(value)}")


def _number(value: float) -> str:
    """Write whole numbers in full (4294967295), others briefly (0.05)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class BaseParams:
    """Parameters every scene has.

    Attributes
    ----------
    seed
        Seeds every random choice the scene makes, so renders repeat.
    captions
        Show each caption on screen as well as in the subtitle files, so the
        story is clear without sound (and in a GIF).
    """

    seed: int = 0
    captions: bool = True

    def __post_init__(self) -> None:
        # numpy's generators and scikit-learn's random_state take 0 .. 2**32 - 1.
        check_range("seed", self.seed, 0, 2**32 - 1)


class ExplainerScene(Scene):
    """A scene that tells one MLU Explain essay.

    Subclasses set ``slug``, ``title``, ``summary``, ``poster`` (the key frame
    used as the poster image) and, when they take parameters beyond
    :class:`BaseParams`, a ``Params`` frozen dataclass derived from it.
    ``construct`` then reads as a list of beats that call :meth:`chapter`,
    :meth:`caption` and :meth:`key_frame`.

    Parameters
    ----------
    params
        The scene's parameters; defaults to ``Params()``.
    theme
        How the scene looks; defaults to the light theme.
    on_key_frame
        Called at each :meth:`key_frame` after the frame has been drawn.
    data
        A user's own labels and scores, for scenes whose ``accepts_data`` is
        true; ``None`` means the scene's built-in data.
    **kwargs
        Passed on to :class:`manim.Scene`.
    """

    slug: ClassVar[str] = ""
    title: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    poster: ClassVar[str] = ""
    Params: ClassVar[type[BaseParams]] = BaseParams
    accepts_data: ClassVar[bool] = False
    """Whether the scene can be drawn from a user's ``label,score`` data."""
    data_needs_group: ClassVar[bool] = False
    """Whether that data must also have a ``group`` column."""

    def __init__(
        self,
        params: BaseParams | None = None,
        theme: Theme | None = None,
        on_key_frame: KeyFrameHook | None = None,
        data: ClassifierScores | None = None,
        **kwargs: Any,
    ) -> None:
        if data is not None and not self.accepts_data:
            raise TypeError(f"{type(self).__name__} cannot be drawn from user data")
        self.data = data
        self.params = params if params is not None else self.Params()
        if not isinstance(self.params, self.Params):
            raise TypeError(
                f"{type(self).__name__} takes {self.Params.__name__}, "
                f"not {type(self.params).__name__}"
            )
        self.theme = theme if theme is not None else get_theme("light")
        self.timeline = Timeline()
        self.key_frames: list[tuple[str, float]] = []
        self._on_key_frame = on_key_frame
        self._header: Mobject | None = None
        self._caption: Mobject | None = None
        super().__init__(**kwargs)

    @classmethod
    def check_data(cls, data: ClassifierScores) -> None:
        """Raise ``ValueError`` if the scene cannot be drawn from ``data``.

        Called before rendering, so bad data is refused before any output
        exists; scenes with needs beyond labels and scores override it.
        """

    def setup(self) -> None:
        """Paint the theme's background."""
        self.camera.background_color = self.theme.palette.background

    def tear_down(self) -> None:
        """Close the last caption and chapter at the scene's end."""
        self.timeline.finish(self.time)

    def chapter(self, name: str, *, header: bool = True) -> None:
        """Start a chapter: a manim section, a chapter mark and a header.

        Pass ``header=False`` where no header should show, as on a title card.
        """
        self.timeline.start_chapter(self.time, name)
        self.next_section(name)
        self._header = self._swap(self._header, build_header(name, self.theme) if header else None)

    def caption(self, text: str) -> None:
        """Start a subtitle cue; show it on screen too unless turned off."""
        self.timeline.start_caption(self.time, text)
        if self.params.captions:
            self._caption = self._swap(self._caption, build_caption(text, self.theme))

    def show_title_card(self, subtitle: str, caption: str, *, seconds: float = 3.0) -> None:
        """Open the scene: its title over ``subtitle``, ``caption`` below, for ``seconds``.

        This is the "Introduction" chapter, without a header.
        """
        self.chapter("Introduction", header=False)
        card = build_title_card(self.title, subtitle, self.theme)
        self.play(FadeIn(card, shift=0.2 * UP))
        self.caption(caption)
        self.wait(seconds)
        self.play(FadeOut(card))

    def clear_header(self) -> None:
        """Fade out the chapter header (for full-frame title cards)."""
        self._header = self._swap(self._header, None)

    def gather(self, group: Mobject) -> None:
        """Put ``group`` on screen as one mobject in place of its parts.

        Animations on a group's parts (say, fading in its dots one by one)
        leave the parts on screen as separate mobjects and the group itself
        off it, so the group's own updaters would never run.
        """
        self.remove(*group.get_family())
        self.add(group)

    def key_frame(self, name: str) -> None:
        """Mark a snapshot point: the frame as it is now, named ``name``.

        Call it after a ``play`` or ``wait``, so that what it marks is on
        screen in the video too (the poster is taken from the video's frame).
        """
        if any(name == known for known, _ in self.key_frames):
            raise ValueError(f"key frame {name!r} is marked twice in {self.slug}")
        self.key_frames.append((name, self.time))
        if self._on_key_frame is not None:
            # Draw every mobject afresh: the renderer's cached static layer
            # would otherwise be painted under a second copy of itself.
            self.renderer.static_image = None
            self.update_mobjects(0)
            self.renderer.update_frame(self)
            self._on_key_frame(self, name)

    def _swap(self, old: Mobject | None, new: Mobject | None) -> Mobject | None:
        fades = []
        if old is not None:
            fades.append(FadeOut(old))
        if new is not None:
            fades.append(FadeIn(new))
        if fades:
            self.play(*fades, run_time=0.4)
        return new
