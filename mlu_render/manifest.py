"""Read a TOML manifest: a list of render jobs, each with its qualities, formats and themes."""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mlu_render.errors import JobError
from mlu_render.job import RenderJob

__all__ = ["JOB_KEYS", "read_manifest"]

JOB_KEYS = ("scene", "params", "qualities", "formats", "themes", "gif", "data", "positive")
"""Keys a ``[[job]]`` table (or ``[defaults]``, except ``scene``) may hold."""

GIF_KEYS = {"width": "gif_width", "fps": "gif_fps", "max_kb": "gif_max_kb"}
GIF_MOMENTS = {"start": "gif_start", "end": "gif_end"}

_LISTS = {"qualities": "quality", "themes": "theme"}


def read_manifest(path: Path, *, out_dir: Path) -> list[RenderJob]:
    """Return the jobs a manifest lists, one per scene, quality and theme.

    A manifest has an optional ``[defaults]`` table and one ``[[job]]`` table
    per scene::

        [defaults]
        qualities = ["high"]
        formats = ["mp4", "png"]

        [[job]]
        scene = "roc-auc"
        qualities = ["high", "4k"]
        themes = ["light", "dark"]
        params = { n_pairs = 200 }

        [[job]]
        scene = "decision-tree"
        formats = ["gif"]
        gif = { width = 480, fps = 10, max_kb = 800, start = "Instability" }

    A job's keys override the defaults; ``params`` tables are merged. Paths
    in ``data`` are relative to the manifest's folder.

    Parameters
    ----------
    path : Path
        The manifest.
    out_dir : Path
        Where the jobs write (``--out``).

    Raises
    ------
    JobError
        For unreadable TOML, an unknown key, or a value of the wrong kind;
        the message names the file, the job's number and the key.
    """
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise JobError(f"cannot read manifest {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise JobError(f"{path}: not valid TOML: {error}") from None
    unknown = sorted(set(document) - {"defaults", "job"})
    if unknown:
        raise JobError(f"{path}: unknown table {unknown[0]!r}; a manifest has [defaults], [[job]]")
    defaults = _table(document.get("defaults", {}), f"{path}: [defaults]")
    _check_keys(defaults, f"{path}: [defaults]", allowed=JOB_KEYS[1:])
    entries = document.get("job", [])
    if not isinstance(entries, list) or not entries:
        raise JobError(f'{path}: lists no jobs; add [[job]] tables with scene = "SLUG"')
    jobs: list[RenderJob] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: job {number}"
        entry = _table(entry, where)
        _check_keys(entry, where, allowed=JOB_KEYS)
        jobs.extend(_expand({**defaults, **entry}, defaults, where, Path(path).parent, out_dir))
    return jobs


def _expand(
    merged: dict[str, Any],
    defaults: Mapping[str, Any],
    where: str,
    base: Path,
    out_dir: Path,
) -> list[RenderJob]:
    scene = merged.get("scene")
    if not isinstance(scene, str) or not scene:
        raise JobError(f'{where}: needs scene = "SLUG" (see `mlu list`)')
    params = {
        **_table(defaults.get("params", {}), where),
        **_table(merged.get("params", {}), where),
    }
    fields: dict[str, Any] = {
        "overrides": tuple(
            (name, _as_text(value, f"{where}: params.{name}")) for name, value in params.items()
        ),
        "out_dir": out_dir,
    }
    if "formats" in merged:
        fields["formats"] = tuple(_strings(merged["formats"], f"{where}: formats"))
    fields.update(_gif_fields(_table(merged.get("gif", {}), f"{where}: gif"), where))
    if "data" in merged:
        fields["data"] = base / _string(merged["data"], f"{where}: data")
    if "positive" in merged:
        fields["positive"] = _as_text(merged["positive"], f"{where}: positive")
    choices = [
        _strings(merged.get(key, [RenderJob.__dataclass_fields__[name].default]), f"{where}: {key}")
        for key, name in _LISTS.items()
    ]
    jobs = []
    for quality, theme in itertools.product(*choices):
        try:
            jobs.append(RenderJob(scene, quality=quality, theme=theme, **fields))
        except JobError as error:
            raise JobError(f"{where}: {error}") from None
    return jobs


def _gif_fields(gif: Mapping[str, Any], where: str) -> dict[str, Any]:
    _check_keys(gif, f"{where}: gif", allowed=(*GIF_KEYS, *GIF_MOMENTS))
    fields: dict[str, Any] = {}
    for key, name in GIF_KEYS.items():
        if key in gif:
            value = gif[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise JobError(f"{where}: gif.{key} must be a whole number, got {value!r}")
            fields[name] = value
    for key, name in GIF_MOMENTS.items():
        if key in gif:
            fields[name] = _as_text(gif[key], f"{where}: gif.{key}")
    return fields


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise JobError(f"{where} must be a table, got {value!r}")
    return value


def _check_keys(table: Mapping[str, Any], where: str, *, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise JobError(f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(allowed)}")


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise JobError(f"{where} must be a list of names, got {value!r}")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise JobError(f"{where} must be text, got {value!r}")
    return value


def _as_text(value: Any, where: str) -> str:
    """Return a TOML scalar as the text ``--set`` would have given."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    raise JobError(f"{where} must be a number, text or true/false, got {value!r}")
