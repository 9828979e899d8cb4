"""The job cache: what goes into a job's key, and when a render is skipped."""

from __future__ import annotations

import importlib
import shutil
import sys
import textwrap
from dataclasses import replace

import pytest

from mlu_render import render as render_module
from mlu_render.cache import job_key, source_closure
from mlu_render.job import RenderJob
from mlu_render.render import RenderResult, render
from scenes.registry import get_scene

TINY = {"low": (160, 90, 5), "medium": (192, 108, 5)}


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A throwaway package tree on sys.path: fakepkg.{scene, helpers, unused, sub.deep}."""
    root = tmp_path / "src"
    files = {
        "fakepkg/__init__.py": "from fakepkg import unused\n",
        "fakepkg/scene.py": """
            from fakepkg.helpers import helper
            from . import sub

            def later():
                import fakepkg.sub.deep
        """,
        "fakepkg/helpers.py": "import json\n\ndef helper():\n    return 1\n",
        "fakepkg/unused.py": "X = 1\n",
        "fakepkg/sub/__init__.py": "",
        "fakepkg/sub/deep.py": "from ..helpers import helper\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(root))
    for name in [name for name in sys.modules if name.split(".")[0] == "fakepkg"]:
        monkeypatch.delitem(sys.modules, name)
    importlib.invalidate_caches()
    return root


def test_closure_follows_imports_relative_ones_and_those_inside_functions(fake_package):
    modules = source_closure(["fakepkg.scene"], packages=("fakepkg",))
    assert sorted(modules) == [
        "fakepkg",
        "fakepkg.helpers",
        "fakepkg.scene",
        "fakepkg.sub",
        "fakepkg.sub.deep",
    ]
    assert modules["fakepkg.helpers"] == fake_package / "fakepkg" / "helpers.py"


def test_closure_does_not_follow_what_a_parent_package_reexports(fake_package):
    # fakepkg/__init__.py imports fakepkg.unused; importing fakepkg.scene runs
    # it, but nothing the scene uses comes from it.
    assert "fakepkg.unused" not in source_closure(["fakepkg.scene"], packages=("fakepkg",))
    assert "fakepkg.unused" in source_closure(["fakepkg"], packages=("fakepkg",))


def test_closure_refuses_a_root_that_is_not_a_module():
    with pytest.raises(ValueError, match=r"roots: .no\.such\.module. is not a module"):
        source_closure(["no.such.module"])


def test_scene_closure_holds_its_math_and_the_pipeline_but_not_other_scenes():
    modules = source_closure(["scenes.roc_auc", "mlu_render.render"])
    assert {"scenes.roc_auc", "mlu_math.ranking", "mlu_render.gif", "scenes.theme"} <= set(modules)
    assert "scenes.cross_validation" not in modules
    assert "mlu_math.folds" not in modules


def _key(job: RenderJob, **overrides: str) -> str:
    scene = get_scene(job.slug)
    params = replace(scene.Params(), **{k: int(v) for k, v in overrides.items()})
    return job_key(job, scene_class=scene, params=params)


def test_key_is_stable_and_ignores_the_output_folder(tmp_path):
    job = RenderJob("roc-auc", quality="low")
    assert _key(job) == _key(job) == _key(replace(job, out_dir=tmp_path))
    assert len(_key(job)) == 64


@pytest.mark.parametrize(
    "change",
    [
        {"quality": "medium"},
        {"theme": "dark"},
        {"formats": ("mp4", "gif")},
        {"gif_width": 320},
        {"slug": "precision-recall"},
    ],
)
def test_key_changes_with_what_changes_the_files(change):
    job = RenderJob("roc-auc", quality="low", formats=("mp4",))
    assert _key(job) != _key(replace(job, **change))


def test_key_depends_on_parameter_values_not_on_how_they_were_spelled():
    job = RenderJob("roc-auc", quality="low")
    assert _key(job, seed=0) == _key(job)  # 0 is the default
    assert _key(job, seed=1) != _key(job)


def test_key_changes_when_a_source_file_in_the_closure_changes(fake_package):
    from scenes.base import BaseParams

    scene_file = fake_package / "fakepkg" / "scene.py"
    scene_file.write_text(scene_file.read_text() + "\nclass Scene:\n    pass\n")
    module = importlib.import_module("fakepkg.scene")
    job = RenderJob("roc-auc", quality="low")

    def key() -> str:
        return job_key(job, scene_class=module.Scene, params=BaseParams(), packages=("fakepkg",))

    before = key()
    helpers = fake_package / "fakepkg" / "helpers.py"
    helpers.write_text(helpers.read_text() + "# a change\n")
    assert key() != before
    (fake_package / "fakepkg" / "unused.py").write_text("X = 2\n")
    helpers.write_text(helpers.read_text().replace("# a change\n", ""))
    assert key() == before


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setattr(render_module, "QUALITIES", TINY)


def _poster_job(tmp_path, **fields) -> RenderJob:
    return RenderJob("roc-auc", quality="low", formats=("png",), out_dir=tmp_path, **fields)


@pytest.fixture
def first(poster_render, tmp_path) -> RenderResult:
    """The shared first render of the poster job, as if made in ``tmp_path``: its files copied."""
    first_render, _calls = poster_render
    assert first_render.job == _poster_job(first_render.job.out_dir)
    shutil.copytree(first_render.job.out_dir, tmp_path, dirs_exist_ok=True)
    job = _poster_job(tmp_path)
    outputs = tuple(job.folder / path.name for path in first_render.outputs)
    return replace(first_render, job=job, outputs=outputs)


def test_the_first_render_is_rendered_not_cached(poster_render):
    first_render, _calls = poster_render
    assert not first_render.cached
    assert first_render.record.outputs == ("roc-auc-low.png",)
    assert first_render.outputs[0].stat().st_size == first_render.record.sizes[0]


def test_unchanged_job_is_not_rendered_again(first, tiny, monkeypatch):
    stamp = first.outputs[0].stat().st_mtime_ns

    def must_not_render(*_args, **_kwargs):
        raise AssertionError("a cached job was rendered")

    monkeypatch.setattr(render_module, "_render_into", must_not_render)
    second = render(first.job)
    assert second.cached
    assert second.outputs == first.outputs
    assert second.record == first.record
    assert first.outputs[0].stat().st_mtime_ns == stamp


def test_force_renders_again(first, tiny):
    inode = first.outputs[0].stat().st_ino
    again = render(first.job, force=True)
    assert not again.cached
    assert again.record.key == first.record.key
    assert again.outputs[0].stat().st_ino != inode  # a new file was published


@pytest.mark.parametrize("spoil", ["delete", "truncate", "other-params"])
def test_a_missing_or_changed_file_or_new_params_render_again(first, tiny, spoil):
    poster = first.outputs[0]
    job = first.job
    if spoil == "delete":
        poster.unlink()
    elif spoil == "truncate":
        poster.write_bytes(poster.read_bytes()[:100])
    else:
        job = _poster_job(first.job.out_dir, overrides=(("seed", "4"),))
    again = render(job)
    assert not again.cached
    if spoil == "other-params":
        assert again.record.key != first.record.key
    else:  # The same inputs: rendered again because its file was spoilt.
        assert again.record.key == first.record.key
    assert again.outputs[0].stat().st_size == again.record.sizes[0]
