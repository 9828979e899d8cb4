"""Job-level render cache: a content hash of everything that decides a job's files."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib.metadata
import importlib.util
import json
import platform
from collections.abc import Iterable
from pathlib import Path

from mlu_render.job import RenderJob
from scenes.base import BaseParams

__all__ = [
    "LIBRARIES",
    "PROJECT_PACKAGES",
    "RENDER_MODULE",
    "UNHASHED",
    "job_key",
    "library_versions",
    "source_closure",
]

PROJECT_PACKAGES = ("scenes", "mlu_math", "mlu_render")
"""Top-level packages whose source is hashed when a job's module imports it."""

UNHASHED = frozenset({"scenes.registry"})
"""Modules left out of every key: the registry only maps slugs to classes, and
the job's own mapping is in the key as the scene's module and class name, so
adding a scene does not invalidate the catalogue."""

RENDER_MODULE = "mlu_render.render"
"""The pipeline's entry module: its import closure decides how frames become files."""

LIBRARIES = (
    "manim",
    "manimpango",
    "pycairo",
    "av",
    "numpy",
    "scikit-learn",
    "pillow",
    "imageio-ffmpeg",
)
"""Distributions whose versions change pixels or encodings, hence the key."""


def job_key(
    job: RenderJob,
    *,
    scene_class: type,
    params: BaseParams,
    packages: tuple[str, ...] = PROJECT_PACKAGES,
) -> str:
    """Return the SHA-256 hex digest of everything that decides ``job``'s outputs.

    The digest covers the source of the scene's module and of every project
    module it imports (transitively), the same for the render pipeline
    (:data:`RENDER_MODULE`), the parameters after defaults and type
    conversion (so ``--set seed=0`` and no ``--set`` agree when 0 is the
    default), the quality, formats, theme and GIF options, the bytes of a
    ``--data`` file, and the versions of Python and :data:`LIBRARIES`. It
    leaves out what does not change the files: the output folder.

    Parameters
    ----------
    job : RenderJob
        The job.
    scene_class : type
        The job's scene class.
    params : BaseParams
        The job's parameters, already built from its overrides.
    packages : tuple of str
        Top-level packages counted as project source.

    Returns
    -------
    key : str
        64 hexadecimal digits.
    """
    scene_module = scene_class.__module__
    modules = source_closure([scene_module, RENDER_MODULE], packages=packages)
    payload = {
        "schema": 1,
        "scene": f"{scene_module}:{scene_class.__qualname__}",
        "sources": {
            name: _file_digest(path)
            for name, path in sorted(modules.items())
            if name not in UNHASHED
        },
        "params": _jsonable(dataclasses.asdict(params)),
        "params_class": type(params).__qualname__,
        "job": _jsonable(
            {
                field.name: getattr(job, field.name)
                for field in dataclasses.fields(job)
                if field.name not in {"out_dir", "overrides", "data"}
            }
        ),
        "data": None if job.data is None else _file_digest(job.data),
        "versions": library_versions(),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def library_versions() -> dict[str, str]:
    """Return the Python version and each of :data:`LIBRARIES`' versions."""
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def source_closure(
    roots: Iterable[str], *, packages: tuple[str, ...] = PROJECT_PACKAGES
) -> dict[str, Path]:
    """Return every project module ``roots`` import, directly or not, with its file.

    Imports are read from the source (nothing is executed), so a module is
    counted even when the import sits inside a function. Only modules under
    ``packages`` are followed, and ``from pkg import name`` counts
    ``pkg.name`` when that is a module. The packages a module sits in are
    counted too, but their own imports are followed only when something
    imports from the package itself: ``from mlu_math.tree import fit_tree``
    hashes ``mlu_math/__init__.py`` but not every module it re-exports, since
    running those does not change what ``fit_tree`` draws.

    Parameters
    ----------
    roots : iterable of str
        Dotted module names to start from.
    packages : tuple of str
        Top-level package names to follow.

    Returns
    -------
    modules : dict of str to Path
        Module name to its source file, ``roots`` included.

    Raises
    ------
    ValueError
        If a root is not a project module with a source file.
    """
    found: dict[str, Path] = {}
    followed: set[str] = set()
    pending = [(root, True) for root in roots]
    for root, _ in pending:
        if _source_file(root) is None:
            raise ValueError(f"roots: {root!r} is not a module with a source file")
    while pending:
        name, follow = pending.pop()
        if name in followed or (name in found and not follow):
            continue
        path = found.get(name) or _source_file(name)
        if path is None:
            continue
        found[name] = path
        pending.extend((parent, False) for parent in _package_chain(name))
        if not follow:
            continue
        followed.add(name)
        for imported, follow_it in _imports(path, name, is_package=path.name == "__init__.py"):
            if imported.split(".")[0] in packages:
                pending.append((imported, follow_it))
    return found


def _source_file(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


def _package_chain(name: str) -> list[str]:
    """Return the packages a module sits in: ``a.b.c`` gives ``a`` and ``a.b``."""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def _imports(path: Path, name: str, *, is_package: bool) -> list[tuple[str, bool]]:
    """Return the modules one source file imports, each with whether to follow it.

    ``from pkg import sub`` (a submodule) follows ``pkg.sub`` but not
    ``pkg``'s own imports; ``from pkg import name`` (anything else) follows
    ``pkg``, since ``name`` may come from any module it imports.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if is_package else name.rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, True) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            modules = [sub for sub in submodules if _source_file(sub) is not None]
            found.extend((module, True) for module in modules)
            found.append((base, len(modules) < len(submodules)))
    return found


def _absolute(module: str | None, level: int, package: str) -> str:
    if level == 0:
        return module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - level + 1])
    return f"{base}.{module}" if module else base


def _file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _jsonable(value: object) -> object:
    """Return ``value`` with paths and tuples made JSON-stable."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return repr(value)
