"""The rooms import each other one way: no module of gongkai is part of an import
cycle. The arrows between the rooms are import-linter's contracts (pyproject.toml,
checked by ``make lint``); this test adds what a contract cannot say: that no
module, inside a room or across rooms, imports back (directly or round a longer
loop) a module that imports it. Imports inside functions and under
``TYPE_CHECKING`` count: a cycle that is only broken at run time is still a cycle
for a reader."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import grimp


def _is_test(module: str) -> bool:
    parts = module.split(".")
    return (
        "tests" in parts
        or "tests_project" in parts
        or parts[-1] == "conftest"
        or parts[-1].startswith("test_")
    )


def module_imports(package: str) -> dict[str, set[str]]:
    """Each module of ``package`` (tests aside) with the package's modules it
    imports, wherever the import statement stands."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=False)
    modules = {m for m in graph.modules if not _is_test(m)}
    return {
        module: graph.find_modules_directly_imported_by(module) & modules
        for module in modules
    }


def reachable(edges: Mapping[str, Iterable[str]], start: str) -> set[str]:
    """Every module that ``start`` imports, directly or through others."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(edges.get(module, ()))
    return seen


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The groups of modules that import one another round a loop (the strongly
    connected components of more than one module), each sorted, in name order.
    Quadratic, which a few hundred modules afford."""
    reach = {module: reachable(edges, module) for module in edges}
    found: list[list[str]] = []
    placed: set[str] = set()
    for module in sorted(edges):
        if module in placed or module not in reach[module]:
            continue
        group = sorted({module} | {m for m in reach[module] if module in reach[m]})
        placed.update(group)
        found.append(group)
    return found


def describe(component: list[str], edges: Mapping[str, Iterable[str]]) -> str:
    inside = set(component)
    lines = [f"cycle of {len(component)} modules:"]
    for module in component:
        targets = sorted(set(edges[module]) & inside)
        lines.append(f"    {module} -> {', '.join(targets)}")
    return "\n".join(lines)


def test_cycles_finds_a_loop_and_ignores_a_chain():
    """The detector itself: a loop of three is one cycle; a chain is none."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_a_cycle_through_a_function_or_type_checking_import_is_found(
    tmp_path, monkeypatch
):
    """An import inside a function, or only for the type checker, still closes a
    loop; a test module importing back does not."""
    package = tmp_path / "loopy"
    (package / "tests").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from loopy import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from loopy import a\n"
    )
    (package / "c.py").write_text("from loopy import a\n")
    (package / "tests" / "__init__.py").write_text("")
    (package / "tests" / "test_c.py").write_text("from loopy import c\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles(module_imports("loopy")) == [["loopy.a", "loopy.b"]]


def test_no_module_of_gongkai_is_part_of_an_import_cycle():
    """Break a cycle by moving what both modules need into a third module that
    both import (see docs/adr/0015-layering-enforced.md)."""
    imports = module_imports("gongkai")
    found = cycles(imports)
    assert not found, "import cycles in gongkai:\n" + "\n".join(
        describe(component, imports) for component in found
    )
