"""lmgate's import graph: no cycles, only the CLI imports `lmgate.commands`, imports at module top.

The graph comes from the source (`ast`): module-level and function-level imports, relative imports
resolved, `if TYPE_CHECKING:` imports included (a reader follows them too). It is built by
`import_graph()` in scripts/module_paths.py, which also measures how many modules one path crosses.

`lmgate.cli` loads the chosen command module with `importlib.import_module` (not an import
statement) and imports what runs a command inside `main`: that laziness keeps `lmgate --help`
instant (tests/test_cli_main.py checks it imports no heavy library) and is the one module-wide
allowance below, `LAZY_CLI`.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Imports that may sit inside a function: heavy libraries that only some runs need, so a run that
# does not need them never pays for loading them.
LAZY_OK = {
    "llama_cpp": "the `local` extra (llama.cpp): only the local provider loads a model",
    "transformers": "the `nli` extra: only the nli detector's local model needs it (1.6 s to import)",
    "huggingface_hub": "0.7 s to import its client: only hf:// datasets, local-model downloads and the "
                       "hf-pointer canary backend use it",
}

# The CLI entry point: `lmgate.cli` imports what runs a command inside `main`, after parsing, so
# that `lmgate --help` loads nothing but argparse (moving them up doubles its time).
LAZY_CLI = "lmgate.cli"


def _module_paths():
    spec = importlib.util.spec_from_file_location("module_paths", ROOT / "scripts" / "module_paths.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def graph():
    return _module_paths().import_graph(ROOT / "src")


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative), plus self-imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = [[m] for m, targets in edges.items() if m in targets]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle(graph):
    modules, imports = graph
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports:
        if imp.target in modules:
            edges[imp.source].add(imp.target)
    assert _cycles(edges) == [], "modules that import each other: merge them or turn one dependency around"


def commands_imports(imports) -> list[str]:
    return [f"{i.source}:{i.line} imports {i.target}" for i in imports
            if i.target.split(".")[:2] == ["lmgate", "commands"]
            and i.source != "lmgate.cli" and i.source.split(".")[:2] != ["lmgate", "commands"]]


def lazy_imports(imports, allowed_modules=()) -> list[str]:
    return [f"{i.source}:{i.line} imports {i.target} inside a function" for i in imports
            if i.in_function and i.target.split(".")[0] not in LAZY_OK and i.source not in allowed_modules]


def test_only_the_cli_imports_commands(graph):
    """Stages (lint, prompts, eval, hallucination, canary, report, github, importers) and the core
    depend on the core; a command turns arguments into calls, and nothing but the CLI calls it."""
    _, imports = graph
    assert commands_imports(imports) == [], "pass what the stage needs as arguments, never call lmgate.commands"


def test_imports_sit_at_module_top(graph):
    _, imports = graph
    assert lazy_imports(imports, (LAZY_CLI,)) == [], \
        "move these imports to the top of the module (only heavy optional libraries may wait)"


def test_every_allowance_is_still_used(graph):
    """An allowance nobody needs any more must go, so the lists only shrink."""
    _, imports = graph
    lazy = {i.source for i in imports if i.in_function and i.target.split(".")[0] not in LAZY_OK}
    assert LAZY_CLI in lazy
    used = {i.target.split(".")[0] for i in imports if i.in_function}
    assert sorted(set(LAZY_OK) - used) == []


def test_the_graph_resolves_every_kind_of_import(tmp_path):
    """Relative, function-level and TYPE_CHECKING imports all reach the graph, or the checks above
    would pass by not seeing them."""
    package = tmp_path / "lmgate"
    (package / "eval").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "errors.py").write_text("")
    (package / "eval" / "__init__.py").write_text("from . import runner\n")
    (package / "commands").mkdir()
    (package / "commands" / "common.py").write_text("")
    (package / "eval" / "runner.py").write_text(
        "from typing import TYPE_CHECKING\nfrom ..errors import X\nfrom .. import errors\n"
        "if TYPE_CHECKING:\n    from lmgate.commands import common\n"
        "def run():\n    import llama_cpp\n    from .cache import Cache\n")
    (package / "eval" / "cache.py").write_text("import lmgate.eval.runner\n")
    _, imports = _module_paths().import_graph(tmp_path)
    found = {(i.source, i.target, i.in_function, i.type_checking) for i in imports}
    assert found == {
        ("lmgate.eval", "lmgate.eval.runner", False, False),
        ("lmgate.eval.runner", "typing", False, False),
        ("lmgate.eval.runner", "lmgate.errors", False, False),
        ("lmgate.eval.runner", "lmgate.commands.common", False, True),
        ("lmgate.eval.runner", "llama_cpp", True, False),
        ("lmgate.eval.runner", "lmgate.eval.cache", True, False),
        ("lmgate.eval.cache", "lmgate.eval.runner", False, False),
    }
    assert commands_imports(imports) == ["lmgate.eval.runner:5 imports lmgate.commands.common"]
    assert lazy_imports(imports) == ["lmgate.eval.runner:8 imports lmgate.eval.cache inside a function"]


def test_cycles_are_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"a"}}) == [["a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
