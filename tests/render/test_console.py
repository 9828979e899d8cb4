"""The batch's progress bars and its summary table."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from mlu_render.console import BarsReporter, job_label, summary_table
from mlu_render.job import RenderJob
from mlu_render.outcome import JobOutcome

JOBS = [
    RenderJob("roc-auc", quality="low"),
    RenderJob("cross-validation", quality="high", theme="dark"),
]


def _console() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=120)


def test_one_overall_bar_and_one_bar_per_running_job():
    reporter = BarsReporter(JOBS, _console())
    with reporter:
        assert [task.description for task in reporter.progress.tasks] == ["all jobs"]
        reporter.job_started(0, 85.0)
        reporter.job_started(1, 98.0)
        reporter.job_advanced(0, 40.0)
        tasks = {task.description: task for task in reporter.progress.tasks}
        assert set(tasks) == {"all jobs", "roc-auc low", "cross-validation high dark"}
        assert tasks["roc-auc low"].completed == 40.0
        assert tasks["roc-auc low"].total == 85.0
        reporter.job_finished(0, JobOutcome(JOBS[0], "rendered"))
        tasks = {task.description: task for task in reporter.progress.tasks}
        assert set(tasks) == {"all jobs", "cross-validation high dark"}
        assert tasks["all jobs"].completed == 1
        assert tasks["all jobs"].fields["done"] == "1/2 jobs"


def test_a_job_that_never_started_still_counts_when_it_ends():
    reporter = BarsReporter(JOBS, _console())
    with reporter:
        reporter.job_advanced(1, 3.0)  # no bar yet: ignored
        reporter.job_finished(1, JobOutcome(JOBS[1], "failed", error="bad"))
        (task,) = reporter.progress.tasks
        assert task.completed == 1


def test_summary_lists_each_job_its_files_seconds_and_result():
    outcomes = [
        JobOutcome(JOBS[0], "rendered", (Path("r/roc-auc/roc-auc-low.mp4"),), 61.25),
        JobOutcome(JOBS[1], "failed", seconds=0.5, error="n_pairs must be in [1, 500]"),
    ]
    console = Console(file=io.StringIO(), width=200)
    console.print(summary_table(outcomes))
    text = console.file.getvalue()
    assert "roc-auc-low.mp4" in text
    assert "61.2" in text
    assert "failed: n_pairs must be in [1, 500]" in text
    assert "1 rendered, 0 cached, 1 failed" in text


def test_job_label_names_slug_quality_and_a_non_default_theme():
    assert [job_label(job) for job in JOBS] == ["roc-auc low", "cross-validation high dark"]
