"""The `mlu` command through click's runner: help, listing, and refusals."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mlu_render import preflight
from mlu_render import render as render_module
from mlu_render.cli import main
from mlu_render.gif import GIF_FRAME_RATES, MIN_WIDTH
from mlu_render.manim_config import QUALITIES
from scenes.registry import get_scene
from scenes.theme import THEMES
from tests.support.construct_calls import count_constructs

README = Path(__file__).parents[2] / "README.md"


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


@pytest.mark.parametrize("command", [[], ["list"], ["params"], ["render"], ["gallery"]])
def test_every_command_has_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_render_help_documents_the_options(run):
    output = run("render", "--help").output
    for option in ("--quality", "--format", "--theme", "--set", "--out", "--gif-width"):
        assert option in output


def test_list_shows_each_scene_with_title_and_summary(run):
    from scenes.registry import all_scenes

    result = run("list")
    assert result.exit_code == 0
    for scene in all_scenes():
        assert scene.slug in result.output
        assert scene.title in result.output
        assert scene.summary[:40] in " ".join(result.output.split())


def test_params_lists_names_types_and_defaults(run):
    result = run("params", "roc-auc")
    assert result.exit_code == 0
    assert "seed  (int, default 0)" in result.output
    assert "threshold  (float, default 0.5)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["roc-acu"], "unknown scene 'roc-acu'; did you mean 'roc-auc'?"),
        (["roc-auc", "--set", "speed=2"], "unknown parameter 'speed'; valid parameters:"),
        (["roc-auc", "--set", "n_pairs=many"], "parameter 'n_pairs' takes an integer"),
        (["roc-auc", "--set", "n_pairs=0"], "n_pairs must be in [1, 500], got 0"),
        (["roc-auc", "--format", "webm"], "choose from mp4, gif, png"),
        (["roc-auc", "--quality", "8k"], "'8k' is not one of"),
        (["roc-auc", "--theme", "sepia"], "'sepia' is not one of"),
        (["roc-auc", "--gif-fps", "30"], "'30' is not one of"),
    ],
)
def test_bad_render_requests_exit_2_and_write_nothing(run, tmp_path, args, message):
    out = tmp_path / "out"
    result = run("render", *args, "--out", str(out))
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_unwritable_output_folder_exits_2(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("render", "roc-auc", "--out", str(blocker))
    assert result.exit_code == 2
    assert "cannot create output folder" in result.output


def test_missing_system_package_is_named(run, tmp_path, monkeypatch):
    absent = preflight.Check("LaTeX (the latex command)", lambda: False, "texlive-latex-base")
    monkeypatch.setattr(preflight, "CHECKS", (absent,))
    out = tmp_path / "out"
    result = run("render", "roc-auc", "--out", str(out))
    assert result.exit_code == 2
    assert (
        "missing LaTeX (the latex command); install with: apt-get install texlive-latex-base"
        in (result.output)
    )
    assert not out.exists()


@pytest.mark.parametrize("command", [["list"], ["params", "roc-auc"], ["render", "roc-auc"]])
def test_missing_cairo_or_pango_is_named(run, monkeypatch, command):
    monkeypatch.setitem(sys.modules, "manim", None)  # the import now fails
    result = run(*command)
    assert result.exit_code == 2
    assert "apt-get install libcairo2 libpango-1.0-0" in result.output


def test_scene_file_renders_with_plain_manim(tmp_path):
    scene_file = Path(__file__).parents[2] / "scenes" / "roc_auc.py"
    manim = Path(sys.executable).with_name("manim")
    done = subprocess.run(
        [
            str(manim),
            "render",
            "-ql",
            "-s",
            "--media_dir",
            str(tmp_path),
            str(scene_file),
            "RocAuc",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (image,) = tmp_path.rglob("RocAuc*.png")
    assert image.stat().st_size > 10_000


def test_bad_data_file_exits_2_naming_line_and_column_and_writes_nothing(run, tmp_path):
    data = tmp_path / "scores.csv"
    data.write_text("label,score\n1,0.5\n0,high\n")
    out = tmp_path / "out"
    result = run("render", "roc-auc", "--data", str(data), "--out", str(out))
    assert result.exit_code == 2
    assert "line 3, column 'score': 'high' is not a number" in result.output
    assert not out.exists()


def test_positive_without_data_is_refused(run, tmp_path):
    result = run("render", "roc-auc", "--positive", "spam", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "--positive names a label of --data; give --data too" in result.output


def test_user_data_renders_a_poster(run, tmp_path):
    data = tmp_path / "mine.csv"
    data.write_text("label,score\n" + "".join(f"{i % 2},{(i % 10) / 10}\n" for i in range(40)))
    result = run("render", "roc-auc", "--data", str(data), "-f", "png", "-q", "low",
                 "--out", str(tmp_path / "out"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "roc-auc" / "roc-auc-low.png").exists()


@pytest.mark.parametrize(
    ("slug", "text", "message"),
    [
        ("equality-of-odds", "label,score\n1,0.5\n0,0.1\n", "no 'group' column"),
        (
            "equality-of-odds",
            "label,score,group\n1,0.5,A\n0,0.1,A\n1,0.7,B\n1,0.2,B\n",
            "group 'B' has no negative samples",
        ),
        (
            "cross-validation",
            "label,score\n1,0.5\n0,0.1\n",
            "does not take --data; scenes that do:",
        ),
    ],
)
def test_data_a_scene_cannot_draw_is_refused_before_rendering(run, tmp_path, slug, text, message):
    data = tmp_path / "scores.csv"
    data.write_text(text)
    out = tmp_path / "out"
    result = run("render", slug, "--data", str(data), "--out", str(out))
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_gallery_of_an_empty_folder_says_to_render_first(run, tmp_path):
    result = run("gallery", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "render first" in result.output
    assert not (tmp_path / "index.html").exists()


def _choices(option: str) -> list[str]:
    (param,) = [p for p in main.commands["render"].params if option in p.opts]
    assert isinstance(param.type, click.Choice), option
    return list(param.type.choices)


def test_choices_come_from_the_constants_that_hold_them():
    assert _choices("--quality") == list(QUALITIES)
    assert _choices("--theme") == list(THEMES)
    rates = [int(rate) for rate in _choices("--gif-fps")]
    assert set(rates) <= set(GIF_FRAME_RATES)
    assert all(100 % rate == 0 for rate in rates)  # every GIF delay a whole centisecond
    (width,) = [p for p in main.commands["render"].params if "--gif-width" in p.opts]
    assert width.type.min == MIN_WIDTH


@pytest.mark.parametrize("option", ["--quality", "--theme", "--gif-fps"])
def test_readme_cli_reference_lists_the_same_choices(option):
    (row,) = [line for line in README.read_text().splitlines() if line.startswith(f"| `{option}")]
    listed = re.search(r"`--[\w-]+(?:, -\w)? ([^`]+)`", row)[1]
    assert listed.split("\\|") == _choices(option)


def test_the_cli_starts_without_manim_and_names_cairo_when_it_cannot_load():
    # In a fresh interpreter where importing manim fails, as without Cairo or Pango.
    script = textwrap.dedent(
        """
        import sys
        sys.modules["manim"] = None
        from click.testing import CliRunner
        from mlu_render.cli import main
        runner = CliRunner()
        assert runner.invoke(main, ["render", "--help"]).exit_code == 0
        result = runner.invoke(main, ["render", "roc-auc"])
        print(result.exit_code, result.output)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("2 ")
    assert "apt-get install libcairo2 libpango-1.0-0" in done.stdout


def test_a_cli_render_runs_the_scene_at_most_twice(run, tmp_path, monkeypatch):
    monkeypatch.setattr(render_module, "QUALITIES", {"low": (160, 90, 5)})
    calls = count_constructs(monkeypatch, get_scene("roc-auc"))
    result = run("render", "roc-auc", "-q", "low", "-f", "gif", "--gif-start", "Threshold",
                 "--set", "captions=false", "--out", str(tmp_path), "--jobs", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roc-auc" / "roc-auc-low.gif").is_file()
    # The CLI's check of the chapter is the one quick pass; the render reuses its plan.
    assert calls == ["skipped at 15 fps", "played at 5 fps"]
