"""The layout: packages that follow the data, imports that run one way, and a page that says so.

`LAYERS` is the contract of docs/architecture.md, top to bottom: a module may
import from a layer below its own, never from its own layer's other units nor
from a layer above. Every import counts, those inside functions and under
`TYPE_CHECKING` too, since each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "claimcheck"

#: Top to bottom. A unit is a package of claimcheck, or one of the root's modules
#: (`claimcheck` itself being the root's `__init__`: the version and addresses).
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"fuzz", "__main__"}),
    frozenset({"cli"}),
    frozenset({"config", "starter"}),
    frozenset({"formats"}),
    frozenset({"views", "scan"}),
    frozenset({"validate"}),
    frozenset({"judge", "extract"}),
    frozenset({"registry"}),
    frozenset({"findings"}),
    frozenset({"values", "stats", "progress", "safe_write", "manual", "claimcheck"}),
)
RANK = {unit: rank for rank, layer in enumerate(LAYERS) for unit in layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(path: Path) -> Iterator[str]:
    """Every claimcheck module that `path` imports, anywhere in it."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.split(".")[0] == "claimcheck")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "claimcheck":
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in MODULES else node.module


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "claimcheck"


def import_graph() -> dict[str, set[str]]:
    return {name: set(imported_modules(path)) - {name} for name, path in MODULES.items()}


def test_every_unit_has_a_layer() -> None:
    assert sorted({unit(name) for name in MODULES} - set(RANK)) == []
    assert sorted(set(RANK) - {unit(name) for name in MODULES}) == []


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Each import into the importer's own layer (from another unit) or a layer above it."""
    return [f"{importer} imports {imported}"
            for importer, imports in graph.items() for imported in sorted(imports)
            if unit(importer) != unit(imported) and RANK[unit(imported)] <= RANK[unit(importer)]]


def test_imports_run_down_the_layers() -> None:
    assert upward_imports(import_graph()) == []


def test_an_upward_or_sideways_import_is_caught() -> None:
    graph = {"claimcheck.registry.index": {"claimcheck.views.report", "claimcheck.values"},
             "claimcheck.judge.compare": {"claimcheck.extract.coverage"},
             "claimcheck.judge.grading": {"claimcheck.judge.compare"}}
    assert upward_imports(graph) == ["claimcheck.registry.index imports claimcheck.views.report",
                                     "claimcheck.judge.compare imports claimcheck.extract.coverage"]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1 while on the path, 2 when done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_module_imports_itself_through_others() -> None:
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_root_keeps_at_most_ten_modules() -> None:
    root_modules = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(root_modules) <= 10, root_modules


PACKAGES = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_says_its_role(package: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 15


ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_the_architecture_page_names_every_package_and_only_those() -> None:
    """Its table of packages has one row per package, and each names a folder that exists."""
    named = re.findall(r"^\| `(\w+)/` \|", ARCHITECTURE, flags=re.MULTILINE)
    assert sorted(named) == PACKAGES


def test_the_architecture_page_names_every_root_module() -> None:
    named = set(re.findall(r"^\| `(\w+\.py)` \|", ARCHITECTURE, flags=re.MULTILINE))
    assert named == {path.name for path in PACKAGE.glob("*.py")}


def test_the_architecture_page_draws_the_layers_of_this_test() -> None:
    """The page's layer list is this contract, top to bottom."""
    section = ARCHITECTURE.split("## Layers")[1].split("\n## ")[0]
    rows = re.findall(r"^\d+\. (.+)$", section, flags=re.MULTILINE)
    drawn = [frozenset(re.findall(r"`([\w.]+?)(?:/|\.py)?`", row)) for row in rows]
    expected = [frozenset("__init__" if u == "claimcheck" else u for u in layer) for layer in LAYERS]
    assert drawn == expected
