"""Batches: a process pool, failures kept apart, the cache on re-runs, a Dask cluster, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mlu_render.batch import JobOutcome, run_batch
from mlu_render.cli import main
from mlu_render.job import RenderJob
from mlu_render.manifest import read_manifest
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


def test_pool_renders_every_job_and_one_failure_does_not_stop_the_rest(tmp_path):
    jobs = [
        _poster("roc-auc", tmp_path),
        _poster("roc-auc", tmp_path, overrides=(("n_pairs", "0"),)),  # out of range
        _poster("cross-validation", tmp_path),
    ]
    recorder = Recorder()
    outcomes = run_batch(jobs, workers=2, reporter=recorder)
    assert [o.status for o in outcomes] == ["rendered", "failed", "rendered"]
    assert "n_pairs must be in [1, 500], got 0" in outcomes[1].error
    assert outcomes[0].outputs == (tmp_path / "roc-auc" / "roc-auc-low.png",)
    assert outcomes[2].outputs[0].is_file()
    finished = sorted(event[1] for event in recorder.events if event[0] == "finish")
    assert finished == [0, 1, 2]
    started = {event[1] for event in recorder.events if event[0] == "start"}
    assert started == {0, 2}  # the failed job never started rendering
    advanced = {event[1] for event in recorder.events if event[0] == "advance"}
    assert advanced <= {0, 2}


def test_rerun_of_an_unchanged_batch_is_all_cached(tmp_path):
    jobs = [_poster("roc-auc", tmp_path), _poster("precision-recall", tmp_path)]
    first = run_batch(jobs, workers=1)
    again = run_batch(jobs, workers=1)
    assert [o.status for o in first] == ["rendered", "rendered"]
    assert [o.status for o in again] == ["cached", "cached"]
    assert [o.outputs for o in again] == [o.outputs for o in first]
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
    for job in read_manifest(EXAMPLE, out_dir=tmp_path):
        check_job(job)  # scenes, params and GIF chapters all exist
    assert not tmp_path.joinpath("roc-auc").exists()


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_cli_batch_prints_outputs_and_a_summary_and_reruns_from_cache(run, tmp_path):
    args = ["render", "roc-auc", "cross-validation", "-q", "low", "-f", "png"]
    first = run(*args, "--out", str(tmp_path), "--jobs", "1")
    assert first.exit_code == 0, first.output
    assert str(tmp_path / "roc-auc" / "roc-auc-low.png") in first.output
    assert "2 rendered, 0 cached, 0 failed" in first.output
    again = run(*args, "--out", str(tmp_path), "--jobs", "1")
    assert "0 rendered, 2 cached, 0 failed" in again.output


def test_cli_exit_status_is_1_when_a_job_fails(run, tmp_path, monkeypatch):
    from mlu_render import batch

    def broken(job, progress=None, *, force=False):
        if job.slug == "cross-validation":
            raise RuntimeError("the encoder fell over")
        return real(job, progress, force=force)

    real = batch.render
    monkeypatch.setattr(batch, "render", broken)
    result = run("render", "roc-auc", "cross-validation", "-q", "low", "-f", "png",
                 "--out", str(tmp_path), "--jobs", "1")  # fmt: skip
    assert result.exit_code == 1
    assert "1 of 2 jobs failed" in result.output
    assert "cross-validation low failed: RuntimeError: the encoder fell over" in result.output
    assert (tmp_path / "roc-auc" / "roc-auc-low.png").is_file()


def test_cli_shard_renders_only_its_part(run, tmp_path):
    result = run("render", "roc-auc", "cross-validation", "-q", "low", "-f", "png",
                 "--out", str(tmp_path), "--shard", "2/2", "--jobs", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    rendered = sorted(path.parent.name for path in tmp_path.rglob("*.png"))
    assert len(rendered) == 1


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
