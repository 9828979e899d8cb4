"""Every key frame of every scene: snapshot comparison and layout check."""

from __future__ import annotations

import pytest

from mlu_render.keyframes import KeyFrame, render_key_frames
from scenes.registry import SCENES, get_scene
from scenes.theme import get_theme
from tests.scenes.snapshots import FAILURES, SNAPSHOTS, compare

SIZE = (640, 360)


@pytest.fixture(scope="session")
def key_frames() -> dict[tuple[str, str], list[KeyFrame]]:
    """Key frames per (slug, theme), rendered once per test session."""
    cache: dict[tuple[str, str], list[KeyFrame]] = {}
    for slug in SCENES:
        for theme in ("light", "dark"):
            cache[slug, theme] = render_key_frames(
                get_scene(slug), theme=get_theme(theme), width=SIZE[0], height=SIZE[1]
            )
    return cache


def _committed(slug: str) -> list[str]:
    return sorted(path.stem for path in (SNAPSHOTS / slug).glob("*.png"))


SNAPSHOT_CASES = [(slug, name) for slug in SCENES for name in _committed(slug)]


@pytest.mark.parametrize("slug", sorted(SCENES))
def test_scene_has_enough_key_frames(slug, key_frames):
    names = [frame.name for frame in key_frames[slug, "light"]]
    assert len(names) >= 5, names
    assert get_scene(slug).poster in names


@pytest.mark.parametrize("slug", sorted(SCENES))
def test_every_key_frame_has_a_snapshot(slug, key_frames, request):
    names = sorted(frame.name for frame in key_frames[slug, "light"])
    if request.config.getoption("--update-snapshots"):
        folder = SNAPSHOTS / slug
        folder.mkdir(parents=True, exist_ok=True)
        for stale in set(_committed(slug)) - set(names):
            (folder / f"{stale}.png").unlink()
        for frame in key_frames[slug, "light"]:
            frame.image.save(folder / f"{frame.name}.png", optimize=True)
    assert names == _committed(slug)


@pytest.mark.parametrize(("slug", "name"), SNAPSHOT_CASES)
def test_key_frame_matches_snapshot(slug, name, key_frames):
    frame = next(f for f in key_frames[slug, "light"] if f.name == name)
    result = compare(frame.image, SNAPSHOTS / slug / f"{name}.png", FAILURES / slug / name)
    assert result.ok, (
        f"{slug}/{name}: {result.differing:.2%} of pixels differ "
        f"(size matches: {result.size_matches}); see {FAILURES / slug}"
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("slug", sorted(SCENES))
def test_key_frames_have_a_clean_layout(slug, theme, key_frames):
    problems = {f.name: f.problems for f in key_frames[slug, theme] if f.problems}
    assert problems == {}


@pytest.mark.parametrize("slug", sorted(SCENES))
def test_played_key_frames_show_what_the_skipped_ones_show(slug, tmp_path):
    """The snapshots are drawn with animations skipped; the video plays them.

    Both must show the same picture at each key frame: a picture changed by
    another mobject's updater, or a key frame marked mid-animation, would
    pass the snapshot test yet look different in the video.
    """
    scene = get_scene(slug)
    size = {"width": 256, "height": 144}
    skipped = render_key_frames(scene, **size)
    played = render_key_frames(scene, **size, played=True, frame_rate=4)
    assert [f.name for f in played] == [f.name for f in skipped]
    for still, video in zip(skipped, played, strict=True):
        still.image.save(tmp_path / f"{still.name}.png")
        result = compare(video.image, tmp_path / f"{still.name}.png", FAILURES / slug / still.name)
        assert result.ok, f"{still.name}: {result.differing:.2%} differ; see {FAILURES / slug}"
