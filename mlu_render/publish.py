"""Put a finished file under its final name atomically: readers see the old file or the new."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["partial_path", "partial_target", "publish", "publishing", "write_text_atomically"]

_PARTIAL = re.compile(r"\.(?P<name>.+)\.\d+\.[0-9a-f]{8}\.partial")


def partial_path(target: Path) -> Path:
    """Return a fresh hidden name beside ``target`` for the file while it is written.

    The name, ``.<name>.<pid>.<random>.partial``, is unique to this process
    and call, so two writers of the same target never meet; being beside
    ``target``, it is on the same filesystem, where a rename is atomic.

    Examples
    --------
    >>> partial_path(Path("renders/index.html")).name.startswith(".index.html.")
    True

    """
    target = Path(target)
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")


def partial_target(partial: Path) -> Path | None:
    """Return the target that :func:`partial_path` made ``partial`` for, or None if it did not.

    Examples
    --------
    >>> partial_target(partial_path(Path("renders/index.html"))).as_posix()
    'renders/index.html'
    >>> partial_target(Path("renders/index.html")) is None
    True

    """
    partial = Path(partial)
    match = _PARTIAL.fullmatch(partial.name)
    return None if match is None else partial.with_name(match["name"])


def publish(finished: Path, target: Path) -> Path:
    """Move the complete file ``finished`` to ``target`` in one step; return ``target``.

    ``finished`` must be on the same filesystem as ``target`` (beside it, or
    in a work folder inside the target's folder). An existing ``target`` is
    replaced: a reader sees either the old file or the new one, never part.
    """
    os.replace(finished, target)
    return Path(target)


@contextmanager
def publishing(target: Path) -> Iterator[Path]:
    """Yield a :func:`partial_path` to write; publish it as ``target`` when the block ends.

    If the block (or the move) fails, the partial file is removed and
    ``target`` is left as it was.

    Examples
    --------
    >>> with publishing(Path("renders/index.html")) as partial:  # doctest: +SKIP
    ...     partial.write_text("<!DOCTYPE html>")

    """
    partial = partial_path(target)
    try:
        yield partial
        publish(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 with Unix line ends, through :func:`publishing`."""
    with publishing(Path(path)) as partial:
        with open(partial, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
