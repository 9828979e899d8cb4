"""The ``mlu`` command: list the scenes and render them to MP4, GIF and PNG."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from mlu_render.errors import JobError, MissingDependencyError
from mlu_render.job import FORMATS, RenderJob
from mlu_render.manim_config import QUALITIES
from mlu_render.params import describe_params, parse_assignments

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
EXIT_USAGE = 2


class UsageError(click.ClickException):
    """A one-line error with exit status 2 and nothing written."""

    exit_code = EXIT_USAGE


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part))
    bad = [fmt for fmt in formats if fmt not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"{', '.join(bad) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


def render_options(command: F) -> F:
    """Attach the options every render shares."""
    options = [
        click.option(
            "--quality",
            "-q",
            type=click.Choice(list(QUALITIES)),
            default="high",
            show_default=True,
            help="Frame size and rate: 480p15, 720p30, 1080p60, 2160p60.",
        ),
        click.option(
            "--format",
            "-f",
            "formats",
            default="mp4",
            show_default=True,
            callback=_formats,
            help="Comma-separated outputs: mp4, gif, png (poster).",
        ),
        click.option(
            "--theme",
            "-t",
            type=click.Choice(["light", "dark"]),
            default="light",
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
            default=Path("renders"),
            show_default=True,
            help="Output folder.",
        ),
        click.option(
            "--gif-width",
            type=click.IntRange(min=16),
            default=640,
            show_default=True,
            help="GIF width in pixels (height keeps the aspect ratio).",
        ),
        click.option(
            "--gif-fps",
            type=click.Choice(["10", "20", "25", "50"]),
            default="20",
            show_default=True,
            help="GIF frame rate; divides 100 so delays are exact.",
        ),
        click.option(
            "--data",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="CSV of your own labels and scores (header: label,score[,group]).",
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
@click.argument("slugs", nargs=-1, required=True, metavar="SLUG...")
@render_options
def render_command(slugs: tuple[str, ...], assignments: tuple[str, ...], **options: Any) -> None:
    """Render scenes to OUT/<slug>/<slug>-<quality>.<ext>.

    Subtitles (.srt, .vtt) and chapters (.chapters.vtt, and inside the MP4)
    come with every MP4 or GIF.

    Example: mlu render roc-auc --quality medium --format mp4,gif,png
    """
    _require_graphics()
    from mlu_render.render import render

    try:
        overrides = tuple(parse_assignments(assignments).items())
        gif_fps = int(options.pop("gif_fps"))
        jobs = [RenderJob(slug, overrides=overrides, gif_fps=gif_fps, **options) for slug in slugs]
    except JobError as error:
        raise UsageError(str(error)) from None
    for job in jobs:
        _scene_or_exit(job.slug)
    for job in jobs:
        try:
            with _progress_bar(job) as progress:
                result = render(job, progress)
        except (JobError, MissingDependencyError) as error:
            raise UsageError(str(error)) from None
        for path in result.outputs:
            click.echo(str(path))


def _require_graphics() -> None:
    from mlu_render.preflight import require_graphics

    try:
        require_graphics()
    except MissingDependencyError as error:
        raise UsageError(str(error)) from None


def _scene_or_exit(slug: str):
    _require_graphics()
    from scenes.registry import UnknownSceneError, get_scene

    try:
        return get_scene(slug)
    except UnknownSceneError as error:
        raise UsageError(str(error)) from None


class _RichProgress:
    """Adapts a rich progress bar to :class:`mlu_render.render.Progress`."""

    def __init__(self, bar: Progress | None, label: str) -> None:
        self.bar = bar
        self.label = label
        self.task: Any = None

    def __enter__(self) -> _RichProgress | None:
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def start(self, total_seconds: float) -> None:
        assert self.bar is not None
        self.task = self.bar.add_task(self.label, total=total_seconds)

    def advance(self, seconds: float) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task, seconds)


def _progress_bar(job: RenderJob) -> _RichProgress:
    """One bar per render, on an interactive terminal only."""
    console = Console(stderr=True)
    bar = None
    if console.is_terminal and sys.stderr.isatty():
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:>5.1f}/{task.total:.1f} s"),
            TimeRemainingColumn(),
            console=console,
        )
    return _RichProgress(bar, f"{job.slug} {job.quality}")
