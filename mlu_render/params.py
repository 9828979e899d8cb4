"""Turn ``--set NAME=VALUE`` strings into a scene's typed ``Params``."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mlu_render.errors import JobError

if TYPE_CHECKING:  # Only a type here; importing scenes.base would load manim for `mlu --help`.
    from scenes.base import BaseParams

__all__ = ["build_params", "describe_params", "parse_assignments"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def describe_params(params_class: type[BaseParams]) -> list[tuple[str, str, Any]]:
    """Return (name, type name, default) for each parameter, in order."""
    hints = typing.get_type_hints(params_class)
    return [
        (field.name, hints[field.name].__name__, field.default)
        for field in dataclasses.fields(params_class)
    ]


def parse_assignments(assignments: typing.Iterable[str]) -> dict[str, str]:
    """Split ``NAME=VALUE`` strings into a mapping; later ones win."""
    parsed: dict[str, str] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise JobError(f"--set takes NAME=VALUE, got {assignment!r}")
        parsed[name.strip()] = value.strip()
    return parsed


def build_params(params_class: type[BaseParams], overrides: Mapping[str, str]) -> BaseParams:
    """Return ``params_class`` with ``overrides`` converted to each field's type.

    Raises
    ------
    JobError
        For an unknown name (the message lists the valid ones with their
        types) or a value that is not of the field's type.
    """
    known = {name: type_name for name, type_name, _ in describe_params(params_class)}
    hints = typing.get_type_hints(params_class)
    values: dict[str, Any] = {}
    for name, text in overrides.items():
        if name not in known:
            listing = ", ".join(f"{key} ({kind})" for key, kind in known.items())
            raise JobError(f"unknown parameter {name!r}; valid parameters: {listing}")
        values[name] = _convert(name, text, hints[name])
    try:
        return dataclasses.replace(params_class(), **values)
    except ValueError as error:
        raise JobError(str(error)) from None


def _convert(name: str, text: str, kind: type) -> Any:
    if kind is bool:
        lowered = text.lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise JobError(f"parameter {name!r} takes true or false, got {text!r}")
    if kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            raise JobError(
                f"parameter {name!r} takes {'an integer' if kind is int else 'a number'}, "
                f"got {text!r}"
            ) from None
    return text
