"""The import graph of mlu_render, from its source: no cycle, no import hidden in a function."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
OURS = ("mlu_render", "scenes", "mlu_math")
"""First-party packages; imports of anything else are not edges of the graph."""

LAZY_IMPORTS = {
    # The CLI imports the scene registry and the render pipeline only inside the
    # commands that render, after checking that manim's Cairo and Pango load: so
    # `mlu --help` and `mlu gallery` start without manim (seconds faster), and a
    # missing system library is named instead of failing the CLI's own import.
    ("mlu_render.cli", "scenes.registry"),
    ("mlu_render.cli", "mlu_render.render"),
    ("mlu_render.cli", "mlu_render.batch"),
}
"""(importer, imported) pairs allowed inside a function, each for CLI start-up."""


@dataclass(frozen=True)
class Import:
    """One import statement of a module: what it names and whether inside a function."""

    importer: str
    imported: str
    in_function: bool
    line: int


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(package: str) -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((ROOT / package).rglob("*.py"))}


MODULES = {name: path for package in OURS for name, path in _modules(package).items()}


def _target(name: str) -> str | None:
    """The first-party module that ``name`` is, or is in; None for third-party names."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")[: len(module.split(".")) - node.level + is_package]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(module: str) -> Iterator[Import]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    yield from _walk(module, tree, in_function=False)


def _walk(module: str, node: ast.AST, *, in_function: bool) -> Iterator[Import]:
    for child in ast.iter_child_nodes(node):
        inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        if isinstance(child, ast.Import):
            names = [alias.name for alias in child.names]
        elif isinstance(child, ast.ImportFrom):
            source = _absolute(module, child)
            # `from package import module` imports the module; `from module import name` the module.
            names = [f"{source}.{alias.name}" for alias in child.names]
            names = [name if name in MODULES else source for name in names]
        else:
            yield from _walk(module, child, in_function=inside)
            continue
        for name in names:
            target = _target(name)
            if target is not None and target != module:
                yield Import(module, target, in_function, child.lineno)


def _graph(package: str) -> dict[str, set[str]]:
    return {
        module: {imp.imported for imp in _imports(module)}
        for module in MODULES
        if module.split(".")[0] == package
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle of ``graph`` as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read_from_the_source():
    graph = _graph("mlu_render")
    assert {"mlu_render.render", "mlu_render.batch", "mlu_render.cli"} <= set(graph)
    assert "mlu_render.outcome" in graph["mlu_render.console"]
    assert "scenes.registry" in graph["mlu_render.render"]
    lazy = {(i.importer, i.imported) for i in _imports("mlu_render.cli") if i.in_function}
    assert ("mlu_render.cli", "mlu_render.batch") in lazy


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "d": {"a"}}) is None


def test_mlu_render_has_no_import_cycle():
    # Every import counts: at the top, in a function, or under TYPE_CHECKING. A
    # cycle through scenes or mlu_math would need them to import mlu_render,
    # which test_data_flows_one_way refuses.
    assert _cycle(_graph("mlu_render")) is None


def test_data_flows_one_way():
    for module in MODULES:
        package = module.split(".")[0]
        allowed = {"mlu_math": {"mlu_math"}, "scenes": {"mlu_math", "scenes"}}.get(package)
        if allowed is None:
            continue
        reached = {imp.imported.split(".")[0] for imp in _imports(module)}
        assert reached <= allowed, f"{module} imports {reached - allowed}"


@pytest.mark.parametrize("module", sorted(_graph("mlu_render")))
def test_no_import_is_hidden_in_a_function_unless_listed(module):
    hidden = [
        f"line {imp.line}: {imp.imported}"
        for imp in _imports(module)
        if imp.in_function and (imp.importer, imp.imported) not in LAZY_IMPORTS
    ]
    assert hidden == []


def test_every_listed_lazy_import_is_still_there():
    found = {(i.importer, i.imported) for m in MODULES for i in _imports(m) if i.in_function}
    assert LAZY_IMPORTS <= found
