"""Every key frame of every scene: snapshot comparison, layout check, played against skipped.

Each scene's tests share one ``xdist_group``, so under ``pytest -n`` a scene's
key frames are drawn by one worker, once per theme (:func:`key_frames`).
"""

from __future__ import annotations

from functools import cache

import pytest

from scenes.registry import SCENES, get_scene
from scenes.theme import THEMES, get_theme
from tests.scenes.snapshots import FAILURES, SNAPSHOTS, compare
from tests.support.key_frames import KeyFrame, render_key_frames

pytestmark = pytest.mark.slow

SIZE = (640, 360)

PLAYS_BEFORE_EACH_KEY_FRAME = 2
"""How many plays leading up to each key frame the played test plays frame by frame."""


@cache
def key_frames(slug: str, theme: str) -> tuple[KeyFrame, ...]:
    """Return the key frames of scene ``slug`` in ``theme``, animations skipped (drawn once)."""
    scene = get_scene(slug)
    return tuple(render_key_frames(scene, theme=get_theme(theme), width=SIZE[0], height=SIZE[1]))


def _committed(slug: str) -> list[str]:
    return sorted(path.stem for path in (SNAPSHOTS / slug).glob("*.png"))


def _by_scene(*cases: tuple) -> list:
    """Return ``cases`` as params grouped by their first item, the scene's slug."""
    return [pytest.param(*case, marks=pytest.mark.xdist_group(case[0])) for case in cases]


SLUGS = _by_scene(*((slug,) for slug in sorted(SCENES)))
SNAPSHOT_CASES = _by_scene(*((slug, name) for slug in sorted(SCENES) for name in _committed(slug)))
THEMED = _by_scene(*((slug, theme) for slug in sorted(SCENES) for theme in sorted(THEMES)))


@pytest.mark.parametrize("slug", SLUGS)
def test_scene_has_enough_key_frames(slug):
    names = [frame.name for frame in key_frames(slug, "light")]
    assert len(names) >= 5, names
    assert get_scene(slug).poster in names


@pytest.mark.parametrize("slug", SLUGS)
def test_every_key_frame_has_a_snapshot(slug, request):
    frames = key_frames(slug, "light")
    names = sorted(frame.name for frame in frames)
    if request.config.getoption("--update-snapshots"):
        folder = SNAPSHOTS / slug
        folder.mkdir(parents=True, exist_ok=True)
        for stale in set(_committed(slug)) - set(names):
            (folder / f"{stale}.png").unlink()
        for frame in frames:
            frame.image.save(folder / f"{frame.name}.png", optimize=True)
    assert names == _committed(slug)


@pytest.mark.parametrize(("slug", "name"), SNAPSHOT_CASES)
def test_key_frame_matches_snapshot(slug, name):
    frame = next(f for f in key_frames(slug, "light") if f.name == name)
    result = compare(frame.image, SNAPSHOTS / slug / f"{name}.png", FAILURES / slug / name)
    assert result.ok, (
        f"{slug}/{name}: {result.differing:.2%} of pixels differ "
        f"(size matches: {result.size_matches}); see {FAILURES / slug}"
    )


@pytest.mark.parametrize(("slug", "theme"), THEMED)
def test_key_frames_have_a_clean_layout(slug, theme):
    frames = key_frames(slug, theme)
    assert frames, f"{slug} marked no key frame"
    assert {f.name: f.problems for f in frames if f.problems} == {}


@pytest.mark.parametrize("slug", SLUGS)
def test_played_key_frames_show_what_the_skipped_ones_show(slug, tmp_path):
    """The snapshots are drawn with animations skipped; the video plays them.

    Both must show the same picture at each key frame: a picture changed by
    another mobject's updater, or a key frame marked mid-animation, would
    pass the snapshot test yet look different in the video. The plays that
    lead up to each key frame are played frame by frame (the rest jump to
    their end, as in the skipped run) and the last frame each shows is
    compared with the skipped key frame.
    """
    skipped = key_frames(slug, "light")
    plays = {frame.play - back for frame in skipped for back in range(PLAYS_BEFORE_EACH_KEY_FRAME)}
    played = render_key_frames(
        get_scene(slug), width=SIZE[0], height=SIZE[1], played=plays, frame_rate=4
    )
    assert [(f.name, f.play) for f in played] == [(f.name, f.play) for f in skipped]
    for still, video in zip(skipped, played, strict=True):
        still.image.save(tmp_path / f"{still.name}.png")
        stem = FAILURES / slug / f"{still.name}-played"
        result = compare(video.image, tmp_path / f"{still.name}.png", stem)
        assert result.ok, f"{still.name}: {result.differing:.2%} differ; see {FAILURES / slug}"
