"""Shared pytest options, and which tests are slow and where they run under ``pytest -n``.

``slow`` tests render a scene, run a batch or drive a browser; ``make check``
leaves them out. Tests sharing an expensive fixture share an ``xdist_group``.
"""

from __future__ import annotations

import pytest

EXPENSIVE_FIXTURES: dict[str, str] = {
    # A real render that several tests share; its tests share one xdist worker.
    "poster_render": "renders",
    "first": "renders",
    "rendered": "renders",
    "tiny_render": "renders",
    "pool_batch": "batch",
    "posters": "batch",
    # The gallery in a real browser.
    "browser": "gallery",
    "page": "gallery",
}
"""Fixtures that render or start a browser, and the ``xdist_group`` of the tests using them.

A test using one of them is marked ``slow`` (left out of ``make check``), and
all the tests of a group run on one worker, so the fixture is made once.
"""


RENDERING_TESTS = (
    "tests/cli/test_cli.py::test_a_cli_render_runs_the_scene_at_most_twice",
    "tests/cli/test_cli.py::test_scene_file_renders_with_plain_manim",
    "tests/cli/test_cli.py::test_user_data_renders_a_poster",
    "tests/render/test_batch.py::test_dask_local_cluster_runs_the_same_jobs",
    "tests/render/test_batch.py::test_every_job_of_the_example_manifest_can_run",
    "tests/render/test_batch.py::test_unreachable_scheduler_is_a_clear_failure",
    "tests/render/test_pipeline.py::test_interrupted_render_leaves_no_file_and_no_temporary_folder",
    "tests/scenes/test_user_data.py",
    "tests/setup/test_ci_recipe.py::test_the_shards_of_the_render_command_cover_the_manifest_once",
)
"""Tests that render (or run a scene) themselves, by node id prefix: also ``slow``."""


@pytest.fixture(scope="session", autouse=True)
def private_manim_media(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Give this test process its own manim media folder.

    manim caches each laid-out text as an SVG under ``media/texts``; two
    xdist workers writing and reading the same file at once would read it
    half-written. Renders use private folders of their own already.
    """
    from manim import config  # only here: math-only runs need not load manim

    config.media_dir = str(tmp_path_factory.mktemp("manim-media"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="Rewrite the key-frame snapshot PNGs under tests/scenes/snapshots/.",
    )


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that use an expensive fixture ``slow`` and group them by fixture."""
    for item in items:
        if item.nodeid.startswith(RENDERING_TESTS):
            item.add_marker(pytest.mark.slow)
        used = [name for name in getattr(item, "fixturenames", ()) if name in EXPENSIVE_FIXTURES]
        if not used:
            continue
        item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(EXPENSIVE_FIXTURES[used[0]]))
