"""The ``mlu`` command: list the scenes and render them to MP4, GIF and PNG."""

from __future__ import annotations

import dataclasses
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from mlu_render.console import BarsReporter, job_label, summary_table
from mlu_render.errors import JobError, MissingDependencyError
from mlu_render.gallery import DEFAULT_TITLE, write_gallery
from mlu_render.gif import GIF_FRAME_RATES, MIN_WIDTH
from mlu_render.job import FORMATS, RenderJob
from mlu_render.manifest import read_manifest
from mlu_render.manim_config import QUALITIES
from mlu_render.outcome import JobOutcome
from mlu_render.params import describe_params, parse_assignments
from mlu_render.plan import ScenePlan
from mlu_render.preflight import require, require_graphics
from mlu_render.shard import parse_shard, shard_jobs
from scenes.theme import THEMES

# The scene registry and the render pipeline load manim, and with it Cairo and
# Pango; they are imported inside the commands that need them, after
# _require_graphics, so that `mlu --help` and `mlu gallery` start without them
# and a missing system library is named instead of failing the import.

__all__ = ["GIF_FPS_CHOICES", "main"]

F = TypeVar("F", bound=Callable[..., Any])
EXIT_USAGE = 2

_DEFAULTS = {field.name: field.default for field in dataclasses.fields(RenderJob)}
"""A job's defaults, which are the options' defaults."""

_BROWSER_MIN_DELAY = 2
"""Browsers play a GIF delay below 2 centiseconds as 10: a 100 fps GIF shows at 10 fps."""

_SMOOTH_FPS = 10
"""Below 10 frames a second a GIF's motion judders."""

GIF_FPS_CHOICES = tuple(
    str(rate)
    for rate in sorted(GIF_FRAME_RATES)
    if _SMOOTH_FPS <= rate <= 100 // _BROWSER_MIN_DELAY
)
"""``--gif-fps`` values: exact GIF rates that browsers play as written and that move smoothly."""


class UsageError(click.ClickException):
    """A one-line error with exit status 2 and nothing written."""

    exit_code = EXIT_USAGE


def _quality_sizes() -> str:
    """Name each quality's frames as video people do: ``480p15, 720p30, ...``."""
    return ", ".join(f"{height}p{fps}" for _width, height, fps in QUALITIES.values())


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part))
    bad = [fmt for fmt in formats if fmt not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"{', '.join(bad) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


JOB_OPTIONS = ("quality", "formats", "theme", "gif_width", "gif_fps", "gif_max_kb", "gif_start",
               "gif_end", "data", "positive")  # fmt: skip
"""Options that describe a job; a manifest gives them per job instead."""


def render_options(command: F) -> F:
    """Attach the options every render shares."""
    options = [
        click.option(
            "--quality",
            "-q",
            type=click.Choice(list(QUALITIES)),
            default=_DEFAULTS["quality"],
            show_default=True,
            help=f"Frame size and rate: {_quality_sizes()}.",
        ),
        click.option(
            "--format",
            "-f",
            "formats",
            default=",".join(_DEFAULTS["formats"]),
            show_default=True,
            callback=_formats,
            help=f"Comma-separated outputs: {', '.join(FORMATS)} (png is the poster).",
        ),
        click.option(
            "--theme",
            "-t",
            type=click.Choice(list(THEMES)),
            default=_DEFAULTS["theme"],
            show_default=True,
            help="Colour theme.",
        ),
        click.option(
            "--set",
            "-s",
            "assignments",
            multiple=True,
            metavar="NAME=VALUE",
            help="Set a scene parameter; repeatable. `mlu params SLUG` lists them.",
        ),
        click.option(
            "--out",
            "-o",
            "out_dir",
            type=click.Path(path_type=Path),
            default=_DEFAULTS["out_dir"],
            show_default=True,
            help="Output folder.",
        ),
        click.option(
            "--gif-width",
            type=click.IntRange(min=MIN_WIDTH),
            default=_DEFAULTS["gif_width"],
            show_default=True,
            help="GIF width in pixels (height keeps the aspect ratio).",
        ),
        click.option(
            "--gif-fps",
            type=click.Choice(GIF_FPS_CHOICES),
            default=str(_DEFAULTS["gif_fps"]),
            show_default=True,
            help="GIF frame rate; divides 100 so delays are exact.",
        ),
        click.option(
            "--gif-max-kb",
            type=click.IntRange(min=1),
            default=None,
            metavar="KB",
            help="Fit the GIF in KB kilobytes: width, fps and colours chosen to fit.",
        ),
        click.option(
            "--gif-start",
            default=None,
            metavar="WHEN",
            help="Start the GIF here: seconds, or a chapter's name.",
        ),
        click.option(
            "--gif-end",
            default=None,
            metavar="WHEN",
            help="End the GIF here: seconds, or a chapter's name (its end).",
        ),
        click.option(
            "--data",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help=(
                "CSV of your own labels and scores (header: label,score[,group]); "
                "comma, semicolon or tab separated; any finite scores."
            ),
        ),
        click.option(
            "--positive",
            default=None,
            metavar="LABEL",
            help="Which --data label is the positive class, if not 0/1, true/false, yes/no.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def batch_options(command: F) -> F:
    """Attach the options that say how a batch of jobs runs."""
    options = [
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            default=None,
            help="Jobs to render at once, each in its own process.  [default: number of cores]",
        ),
        click.option("--force", is_flag=True, help="Render even jobs whose files are up to date."),
        click.option(
            "--shard",
            default=None,
            metavar="I/N",
            help="Render only the I-th of N balanced parts of the jobs (for a CI matrix).",
        ),
        click.option(
            "--scheduler",
            default=None,
            metavar="ADDRESS",
            help="Run the jobs on this Dask scheduler (tcp://host:8786); OUT must be shared.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mlu-explain-manim")
def main() -> None:
    """Render MLU Explain's machine-learning essays as Manim animations."""


@main.command("list")
def list_scenes() -> None:
    """List the scenes: slug, title and a one-line summary.

    Example: mlu list
    """
    _require_graphics()
    from scenes.registry import all_scenes

    table = Table("slug", "title", "summary", box=None, pad_edge=False)
    for scene in all_scenes():
        table.add_row(scene.slug, scene.title, scene.summary)
    Console(width=200).print(table)


@main.command("params")
@click.argument("slug")
def list_params(slug: str) -> None:
    """List a scene's parameters with their types and defaults.

    Example: mlu params roc-auc
    """
    scene = _scene_or_exit(slug)
    for name, kind, default in describe_params(scene.Params):
        click.echo(f"{name}  ({kind}, default {default!r})")


@main.command("render")
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option("--all", "render_all", is_flag=True, help="Render every scene in the catalogue.")
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="TOML list of jobs (scene, params, qualities, formats, themes, gif); see README.",
)
@render_options
@batch_options
def render_command(
    slugs: tuple[str, ...],
    render_all: bool,
    manifest: Path | None,
    assignments: tuple[str, ...],
    jobs: int | None,
    force: bool,
    shard: str | None,
    scheduler: str | None,
    **options: Any,
) -> None:
    """Render scenes to OUT/<slug>/<slug>-<quality>.<ext>.

    Subtitles (.srt, .vtt) and chapters (.chapters.vtt, and inside the MP4)
    come with every MP4 or GIF. A job whose files are up to date (same scene
    code, parameters, options and library versions) is skipped; --force
    renders it anyway. Jobs run --jobs at a time; one failing does not stop
    the others, and the exit status is 1 if any failed.

    \b
    Examples:
      mlu render roc-auc --quality medium --format mp4,gif,png
      mlu render --all --quality low --format gif,png --jobs 2
      mlu render --manifest course.toml --shard 1/4
      mlu render roc-auc -f gif --gif-max-kb 800 --gif-start "Area under the curve"
    """  # noqa: D301 - click's \b keeps the examples' line breaks
    _require_graphics()
    from mlu_render.render import check_job, prepare_folder

    planned = _plan(slugs, render_all, manifest, assignments, options)
    for job in planned:
        _scene_or_exit(job.slug)
    try:
        # A check that needs a quick pass of the scene keeps its plan for the render.
        plans = {job: plan for job in planned if (plan := check_job(job)) is not None}
        planned = _shard(planned, shard)
        require()
        for job in planned:
            prepare_folder(job)
    except (JobError, MissingDependencyError) as error:
        raise UsageError(str(error)) from None
    outcomes = _run(planned, plans, jobs=jobs, force=force, scheduler=scheduler)
    for outcome in outcomes:
        for path in outcome.outputs:
            click.echo(str(path))
        for note in outcome.notes:
            click.echo(f"{outcome.job.slug}: {note}", err=True)
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    for outcome in failed:
        click.echo(f"{job_label(outcome.job)} failed: {outcome.error}", err=True)
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(outcomes)} jobs failed")


@main.command("gallery")
@click.option(
    "--out",
    "-o",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=_DEFAULTS["out_dir"],
    show_default=True,
    help="The output folder of `mlu render`; index.html is written there.",
)
@click.option("--title", default=None, help="The page's heading.")
def gallery_command(out_dir: Path, title: str | None) -> None:
    """Write OUT/index.html: every render's poster, GIF and MP4, with its command.

    The MP4s carry their subtitle and chapter tracks. Browsers load tracks
    over http, not from file://, so serve the folder to see subtitles.

    Example: mlu gallery --out renders
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            index = write_gallery(out_dir, title=title or DEFAULT_TITLE)
        except ValueError as error:
            raise UsageError(str(error)) from None
    for warning in caught:
        click.echo(f"warning: {warning.message}", err=True)
    click.echo(str(index))


def _plan(
    slugs: tuple[str, ...],
    render_all: bool,
    manifest: Path | None,
    assignments: tuple[str, ...],
    options: dict[str, Any],
) -> list[RenderJob]:
    """Turn the command line into jobs, refusing contradictory requests."""
    requested = {"SLUG": bool(slugs), "--all": render_all, "--manifest": manifest is not None}
    sources = [name for name, given in requested.items() if given]
    if len(sources) != 1:
        raise UsageError(
            "give scenes to render as SLUG..., --all or --manifest FILE, one of them"
            + (f" (got {', '.join(sources)})" if sources else "")
        )
    try:
        if manifest is not None:
            _refuse_job_options_with_manifest(assignments)
            return read_manifest(manifest, out_dir=options["out_dir"])
        if render_all:
            from scenes.registry import SCENES

            slugs = tuple(sorted(SCENES))
        overrides = tuple(parse_assignments(assignments).items())
        gif_fps = int(options.pop("gif_fps"))
        return [RenderJob(slug, overrides=overrides, gif_fps=gif_fps, **options) for slug in slugs]
    except JobError as error:
        raise UsageError(str(error)) from None


def _refuse_job_options_with_manifest(assignments: tuple[str, ...]) -> None:
    context = click.get_current_context()
    given = [
        f"--{name.replace('_', '-')}"
        for name in JOB_OPTIONS
        if context.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
    ]
    if assignments:
        given.append("--set")
    if given:
        raise UsageError(f"{', '.join(given)}: with --manifest, give these in the manifest's jobs")


def _shard(planned: list[RenderJob], shard: str | None) -> list[RenderJob]:
    if shard is None:
        return planned
    return shard_jobs(planned, *parse_shard(shard))


def _run(
    planned: list[RenderJob], plans: dict[RenderJob, ScenePlan], **how: Any
) -> list[JobOutcome]:
    """Run the batch with bars on a terminal, then print the summary to stderr."""
    from mlu_render import batch  # loads manim; see the note at the top

    console = Console(stderr=True)
    workers = how.pop("jobs") or os.cpu_count() or 1
    if console.is_terminal and sys.stderr.isatty():
        with BarsReporter(planned, console) as reporter:
            outcomes = batch.run_batch(
                planned, workers=workers, reporter=reporter, plans=plans, **how
            )
    else:
        outcomes = batch.run_batch(planned, workers=workers, plans=plans, **how)
    if len(outcomes) > 1 or any(outcome.status != "rendered" for outcome in outcomes):
        console.print(summary_table(outcomes))
    return outcomes


def _require_graphics() -> None:
    try:
        require_graphics()
    except MissingDependencyError as error:
        raise UsageError(str(error)) from None


def _scene_or_exit(slug: str) -> type[Any]:
    _require_graphics()
    from scenes.registry import UnknownSceneError, get_scene

    try:
        return get_scene(slug)
    except UnknownSceneError as error:
        raise UsageError(str(error)) from None
