"""Batches: a process pool, failures kept apart, the cache on re-runs, a Dask cluster, the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlu_render.batch import run_batch
from mlu_render.cli import main
from mlu_render.job import RenderJob
from mlu_render.manifest import read_manifest
from mlu_render.outcome import JobOutcome
from mlu_render.plan import ScenePlan
from mlu_render.render import check_job

EXAMPLE = Path(__file__).parents[2] / "docs" / "course.toml"


def _poster(slug: str, out: Path, **fields) -> RenderJob:
    return RenderJob(slug, quality="low", formats=("png",), out_dir=out, **fields)


class Recorder:
    def __init__(self):
        self.events: list[tuple] = []

    def job_started(self, index, total_seconds):
        self.events.append(("start", index, total_seconds))

    def job_advanced(self, index, seconds):
        self.events.append(("advance", index, seconds))

    def job_finished(self, index, outcome):
        self.events.append(("finish", index, outcome.status))


@pytest.fixture(scope="module")
def pool_batch(tmp_path_factory):
    """One batch over a pool of two processes; its posters are the renders other tests reuse."""
    out = tmp_path_factory.mktemp("pool")
    jobs = [
        _poster("roc-auc", out),
        _poster("roc-auc", out, overrides=(("n_pairs", "0"),)),  # out of range
        _poster("cross-validation", out),
    ]
    recorder = Recorder()
    outcomes = run_batch(jobs, workers=2, reporter=recorder)
    return out, outcomes, recorder


@pytest.fixture
def posters(pool_batch, tmp_path) -> Path:
    """An output folder holding a copy of the pool's posters: roc-auc and cross-validation, low."""
    shutil.copytree(pool_batch[0], tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_pool_renders_every_job_and_one_failure_does_not_stop_the_rest(pool_batch):
    out, outcomes, recorder = pool_batch
    assert [o.status for o in outcomes] == ["rendered", "failed", "rendered"]
    assert "n_pairs must be in [1, 500], got 0" in outcomes[1].error
    assert outcomes[0].outputs == (out / "roc-auc" / "roc-auc-low.png",)
    assert outcomes[2].outputs[0].is_file()
    finished = sorted(event[1] for event in recorder.events if event[0] == "finish")
    assert finished == [0, 1, 2]
    started = {event[1] for event in recorder.events if event[0] == "start"}
    assert started == {0, 2}  # the failed job never started rendering
    # A poster has no frames to count: its whole scene is told at once, after its start.
    advanced = {event[1]: event[2] for event in recorder.events if event[0] == "advance"}
    totals = {event[1]: event[2] for event in recorder.events if event[0] == "start"}
    assert advanced == pytest.approx(totals) and min(totals.values()) > 30
    for index in (0, 2):
        kinds = [event[0] for event in recorder.events if event[1] == index]
        assert kinds == ["start", "advance", "finish"]


def test_rerun_of_an_unchanged_batch_is_all_cached(posters):
    jobs = [_poster("roc-auc", posters), _poster("cross-validation", posters)]
    again = run_batch(jobs, workers=1)
    assert [o.status for o in again] == ["cached", "cached"]
    assert [o.outputs for o in again] == [
        (posters / "roc-auc" / "roc-auc-low.png",),
        (posters / "cross-validation" / "cross-validation-low.png",),
    ]
    forced = run_batch(jobs[:1], workers=1, force=True)
    assert forced[0].status == "rendered"


def test_dask_local_cluster_runs_the_same_jobs(tmp_path):
    distributed = pytest.importorskip("distributed")
    jobs = [
        _poster("roc-auc", tmp_path),
        _poster("roc-auc", tmp_path, overrides=(("n_pairs", "0"),)),  # refused by the worker
    ]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        recorder = Recorder()
        outcomes = run_batch(jobs, scheduler=cluster.scheduler_address, reporter=recorder)
        again = run_batch(jobs[:1], scheduler=cluster.scheduler_address)
    assert [o.status for o in outcomes] == ["rendered", "failed"]
    assert isinstance(outcomes[0], JobOutcome)
    assert outcomes[0].job == jobs[0]
    assert outcomes[0].outputs == ((tmp_path / "roc-auc" / "roc-auc-low.png").resolve(),)
    assert outcomes[0].outputs[0].is_file()
    assert "n_pairs must be in [1, 500], got 0" in outcomes[1].error
    assert sorted(e[1] for e in recorder.events if e[0] == "finish") == [0, 1]
    assert again[0].status == "cached"


def test_unreachable_scheduler_is_a_clear_failure(tmp_path):
    pytest.importorskip("distributed")
    from mlu_render.errors import JobError

    with pytest.raises(JobError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        run_batch([_poster("roc-auc", tmp_path)], scheduler="tcp://127.0.0.1:9")


def test_every_job_of_the_example_manifest_can_run(tmp_path):
    jobs = read_manifest(EXAMPLE, out_dir=tmp_path)
    checked = [(job, check_job(job)) for job in jobs]  # scenes, params and GIF chapters exist
    assert not tmp_path.joinpath("roc-auc").exists()
    # Only the job that cuts its GIF at a chapter needed a quick pass to be checked.
    (planned,) = [(job, plan) for job, plan in checked if plan is not None]
    job, plan = planned
    assert job.slug == "cross-validation" and job.gif_start == "k-fold cross-validation"
    assert isinstance(plan, ScenePlan)
    assert job.gif_start in [cue.text for cue in plan.chapters]


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_cli_batch_prints_outputs_and_a_summary_and_reruns_from_cache(run, posters):
    shutil.rmtree(posters / "roc-auc")  # to be rendered; cross-validation's poster is up to date
    args = ["render", "roc-auc", "cross-validation", "-q", "low", "-f", "png"]
    first = run(*args, "--out", str(posters), "--jobs", "1")
    assert first.exit_code == 0, first.output
    assert _printed_paths(first) == [
        posters / "roc-auc" / "roc-auc-low.png",
        posters / "cross-validation" / "cross-validation-low.png",
    ]
    assert "1 rendered, 1 cached, 0 failed" in first.output
    again = run(*args, "--out", str(posters), "--jobs", "1")
    assert "0 rendered, 2 cached, 0 failed" in again.output


def _printed_paths(result) -> list[Path]:
    return [Path(line) for line in result.stdout.splitlines() if line.endswith(".png")]


def test_cli_exit_status_is_1_when_a_job_fails(run, posters, monkeypatch):
    from mlu_render import batch

    def broken(job, progress=None, **how):
        if job.slug == "cross-validation":
            raise RuntimeError("the encoder fell over")
        return real(job, progress, **how)

    real = batch.render
    monkeypatch.setattr(batch, "render", broken)
    # The failing job first: the job after it still runs (here from the cache).
    result = run("render", "cross-validation", "roc-auc", "-q", "low", "-f", "png",
                 "--out", str(posters), "--jobs", "1")  # fmt: skip
    assert result.exit_code == 1
    assert "1 of 2 jobs failed" in result.output
    assert "cross-validation low failed: RuntimeError: the encoder fell over" in result.output
    assert _printed_paths(result) == [posters / "roc-auc" / "roc-auc-low.png"]


def test_cli_shard_renders_only_its_part(run, posters):
    parts = []
    for shard in ("1/2", "2/2"):
        result = run("render", "roc-auc", "cross-validation", "-q", "low", "-f", "png",
                     "--out", str(posters), "--shard", shard, "--jobs", "1")  # fmt: skip
        assert result.exit_code == 0, result.output
        parts.append(_printed_paths(result))
    assert [len(part) for part in parts] == [1, 1]
    assert sorted(parts[0] + parts[1]) == sorted(posters.glob("*/*.png"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give scenes to render as SLUG..., --all or --manifest FILE"),
        (["roc-auc", "--all"], "one of them (got SLUG, --all)"),
        (["--manifest", str(EXAMPLE), "--quality", "low"], "--quality: with --manifest"),
        (["--manifest", str(EXAMPLE), "--set", "seed=1"], "--set: with --manifest"),
        (["roc-auc", "--shard", "3/2"], "1 <= I <= N"),
        (["roc-auc", "--gif-max-kb", "100"], "--gif-max-kb shape the GIF; add gif to --format"),
        (["roc-auc", "-f", "gif", "--gif-start", "9", "--gif-end", "3"], "must come after"),
        (["roc-auc", "-f", "gif", "--gif-start", "No such beat"], "has no chapter 'No such"),
    ],
)
def test_cli_refuses_contradictions_with_exit_2_and_writes_nothing(run, tmp_path, args, message):
    out = tmp_path / "out"
    result = run("render", *args, "--out", str(out))
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert not out.exists()
