"""The CI recipe in docs/ci/ is valid, runs the tests, and its shards cover the catalogue."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from mlu_render.cli import main

ROOT = Path(__file__).parents[2]
WORKFLOW = ROOT / "docs" / "ci" / "render-catalogue.yml"


def _steps(job: str) -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"][job]["steps"]


def _commands(job: str) -> list[str]:
    return [step["run"] for step in _steps(job) if "run" in step]


def test_the_test_job_runs_the_readme_test_command_after_the_system_setup():
    assert _commands("test") == ["sudo scripts/bootstrap-system.sh", "make test"]


def test_render_shards_are_numbered_1_to_n_and_each_restores_the_cache():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    shards = workflow["jobs"]["render"]["strategy"]["matrix"]["shard"]
    (render,) = [c for c in _commands("render") if c.startswith(".venv/bin/mlu render")]
    count = int(re.search(r"--shard \$\{\{ matrix.shard \}\}/(\d+)", render)[1])
    assert shards == list(range(1, count + 1))
    uses = [step.get("uses", "") for step in _steps("render")]
    assert uses.index("actions/cache@v4") < [s.get("run", "") for s in _steps("render")].index(
        render
    )


def test_the_shards_of_the_render_command_cover_the_manifest_once(tmp_path, monkeypatch):
    from mlu_render import batch
    from mlu_render.manifest import read_manifest

    (render,) = [c for c in _commands("render") if c.startswith(".venv/bin/mlu render")]
    planned = []

    def record(jobs, **_how):
        planned.extend(jobs)
        return [batch.JobOutcome(job, "cached") for job in jobs]

    monkeypatch.setattr(batch, "run_batch", record)
    count = len(
        yaml.safe_load(WORKFLOW.read_text())["jobs"]["render"]["strategy"]["matrix"]["shard"]
    )
    monkeypatch.chdir(ROOT)
    for shard in range(1, count + 1):
        args = shlex.split(render.replace("${{ matrix.shard }}", str(shard)))[1:]
        args[args.index("--out") + 1] = str(tmp_path)
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    every = read_manifest(ROOT / "docs" / "course.toml", out_dir=tmp_path)
    assert sorted(planned, key=every.index) == every
