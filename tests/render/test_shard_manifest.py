"""Sharding a batch across machines, and reading a TOML manifest of jobs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from mlu_render.errors import JobError
from mlu_render.job import RenderJob
from mlu_render.manifest import read_manifest
from mlu_render.shard import job_cost, parse_shard, shard_jobs

EXAMPLE = Path(__file__).parents[2] / "docs" / "course.toml"


def _catalogue() -> list[RenderJob]:
    slugs = ["roc-auc", "precision-recall", "cross-validation", "decision-tree", "bias-variance"]
    return [
        RenderJob(slug, quality=quality, formats=formats, theme=theme)
        for slug, quality, formats, theme in itertools.product(
            slugs, ["low", "high", "4k"], [("mp4",), ("mp4", "gif", "png"), ("png",)],
            ["light", "dark"],
        )
    ]  # fmt: skip


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 90, 200])
def test_shards_cover_every_job_exactly_once(count):
    jobs = _catalogue()
    shards = [shard_jobs(jobs, index, count) for index in range(1, count + 1)]
    flat = [job for shard in shards for job in shard]
    assert sorted(flat, key=jobs.index) == jobs
    assert len(flat) == len(set(flat)) == len(jobs)


@pytest.mark.parametrize("count", [2, 3, 4, 7])
def test_shards_are_balanced_within_one_job(count):
    jobs = _catalogue()
    loads = [sum(map(job_cost, shard_jobs(jobs, i, count))) for i in range(1, count + 1)]
    mean = sum(loads) / count
    assert max(loads) - mean <= max(map(job_cost, jobs))


def test_sharding_does_not_depend_on_the_order_jobs_are_listed_in():
    jobs = _catalogue()
    shuffled = jobs[::-1]
    for index in (1, 2, 3):
        assert set(shard_jobs(jobs, index, 3)) == set(shard_jobs(shuffled, index, 3))


def test_a_shard_keeps_the_listed_order():
    jobs = _catalogue()
    shard = shard_jobs(jobs, 2, 3)
    assert shard == sorted(shard, key=jobs.index)


def test_cost_grows_with_pixels_and_outputs():
    low, high = RenderJob("roc-auc", quality="low"), RenderJob("roc-auc", quality="high")
    poster = RenderJob("roc-auc", quality="high", formats=("png",))
    both = RenderJob("roc-auc", quality="high", formats=("mp4", "gif"))
    assert job_cost(poster) < job_cost(low) < job_cost(high) < job_cost(both)


@pytest.mark.parametrize(
    ("text", "expected"), [("1/1", (1, 1)), ("2/4", (2, 4)), (" 3 / 3 ", (3, 3))]
)
def test_parse_shard(text, expected):
    assert parse_shard(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("0/4", "1 <= I <= N"), ("5/4", "1 <= I <= N"), ("1-4", "takes I/N"), ("a/b", "I/N")],
)
def test_parse_shard_refuses(text, message):
    with pytest.raises(JobError, match=message):
        parse_shard(text)


def test_the_documented_example_manifest_reads(tmp_path):
    jobs = read_manifest(EXAMPLE, out_dir=tmp_path)
    assert {job.slug for job in jobs} >= {"roc-auc", "precision-recall"}
    assert all(job.out_dir == tmp_path for job in jobs)


def _manifest(tmp_path: Path, text: str) -> list[RenderJob]:
    path = tmp_path / "jobs.toml"
    path.write_text(text)
    return read_manifest(path, out_dir=tmp_path / "out")


def test_manifest_expands_qualities_and_themes_and_merges_defaults(tmp_path):
    jobs = _manifest(
        tmp_path,
        """
        [defaults]
        formats = ["mp4", "png"]
        params = { seed = 1 }

        [[job]]
        scene = "roc-auc"
        qualities = ["low", "high"]
        themes = ["light", "dark"]
        params = { n_pairs = 50 }

        [[job]]
        scene = "precision-recall"
        formats = ["gif"]
        gif = { width = 320, fps = 10, max_kb = 500, start = "The threshold", end = 30 }
        data = "scores.csv"
        """,
    )
    assert [(j.slug, j.quality, j.theme) for j in jobs] == [
        ("roc-auc", "low", "light"),
        ("roc-auc", "low", "dark"),
        ("roc-auc", "high", "light"),
        ("roc-auc", "high", "dark"),
        ("precision-recall", "high", "light"),
    ]
    assert jobs[0].formats == ("mp4", "png")
    assert dict(jobs[0].overrides) == {"seed": "1", "n_pairs": "50"}
    last = jobs[-1]
    assert last.formats == ("gif",)
    assert (last.gif_width, last.gif_fps, last.gif_max_kb) == (320, 10, 500)
    assert (last.gif_start, last.gif_end) == ("The threshold", "30")
    assert last.data == tmp_path / "scores.csv"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[job]]\nscene = 'roc-auc'\nquality = 'low'\n", "job 1: unknown key 'quality'; allowed:"),
        ("[[job]]\nformats = ['mp4']\n", "job 1: needs scene"),
        ("[defaults]\nformats = ['mp4']\n", "lists no jobs"),
        ("[[job]]\nscene = 'roc-auc'\nqualities = ['8k']\n", "job 1: unknown quality '8k'"),
        ("[[job]]\nscene = 'a'\n[[job]]\nscene = 'b'\nformats = 'webm'\n", "job 2: unknown format"),
        ("[[job]]\nscene = 'roc-auc'\ngif = { size = 3 }\n", "gif: unknown key 'size'"),
        ("[[job]]\nscene = 'roc-auc'\nformats=['gif']\ngif = { fps = 'x' }\n", "whole number"),
        ("[[job]]\nscene = 'roc-auc'\nparams = { seed = [1] }\n", "params.seed must be"),
        ("[jobs]\nscene = 'roc-auc'\n", "unknown table 'jobs'"),
        ("[[job]\n", "not valid TOML"),
    ],
)
def test_manifest_errors_name_the_file_the_job_and_the_key(tmp_path, text, message):
    with pytest.raises(JobError, match=message) as caught:
        _manifest(tmp_path, text)
    assert "jobs.toml" in str(caught.value)
