"""How many lmgate modules a reader opens to follow one lint rule, and one eval run, end to end.

Prints one JSON object. Run: `python scripts/module_paths.py` (from a checkout; it reads src/ only).

The measure, for a path: the transitive closure of lmgate imports (module level and inside functions,
relative imports resolved, `if TYPE_CHECKING:` imports included: a reader follows them too) from
`lmgate.cli`, the command's module and one plugin of each registry the path goes through. A
registry loads its plugins by name (importlib), so the other plugins never enter the closure; a
plugin that imports another plugin brings it in. A package's `__init__` counts when it is imported
by name or holds code that runs on the way (an empty `__init__.py` is never opened). Third-party
modules do not count. Every import of a module counts, also those of options the path may not
take (`--junit`, `--baseline-ref`): a reader meets them.

- lint: `lmgate lint --sarif-file` with one rule (`sty001_trailing_whitespace`) on one prompt
  format (`jinja`): config -> discovery -> parse -> rule -> lint.json and SARIF.
- eval: `lmgate eval` with one provider (`openai`), one metric (`exact_match`), one prompt format
  (`jinja`): config -> dataset -> render -> call -> cache -> score -> statistics -> eval.json.

Each path's count is split into `core` (the shared layers every stage uses: the top-level modules
such as errors, config, paths, secrets, templating, and lmgate.github) and `stage` (the rest: the
command, the stage's own modules, the plugins). Also printed: modules and lines of src/lmgate.
`tests/test_architecture.py` uses `import_graph()` of this file for its checks (cycles, stages
importing commands, imports inside functions).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

STAGE_PACKAGES = ("commands", "lint", "prompts", "eval", "hallucination", "canary", "report", "importers")

PATHS = {
    "lint_rule": {"start": ["lmgate.cli", "lmgate.commands.lint"],
                  "plugins": ["lmgate.lint.rules.sty001_trailing_whitespace", "lmgate.prompts.formats.jinja"]},
    "eval_run": {"start": ["lmgate.cli", "lmgate.commands.eval"],
                 "plugins": ["lmgate.eval.providers.openai", "lmgate.eval.metrics.exact_match",
                             "lmgate.prompts.formats.jinja"]},
}


@dataclass(frozen=True)
class Import:
    source: str        # the importing module
    target: str        # the imported module (an lmgate module, or the top-level name of another package)
    line: int
    in_function: bool  # inside a def (a lazy import), as opposed to module level
    type_checking: bool


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool
    has_code: bool     # anything beyond a docstring and `from __future__` imports


def modules(src: Path = SRC) -> dict[str, Module]:
    found = {}
    for path in sorted((src / "lmgate").rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
                and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")]
        found[name] = Module(name, path, is_package, bool(body))
    return found


def _lmgate_target(name: str, known: dict[str, Module]) -> str:
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _targets(node: ast.Import | ast.ImportFrom, module: Module, known: dict[str, Module]) -> Iterable[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield _lmgate_target(alias.name, known) if alias.name.startswith("lmgate") else alias.name.split(".")[0]
        return
    if node.level:  # relative: resolved against the importing module's package
        package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    if not base.startswith("lmgate"):
        yield base.split(".")[0]
        return
    for alias in node.names:  # `from lmgate.eval import metrics` imports the module lmgate.eval.metrics
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else _lmgate_target(base, known)


def import_graph(src: Path = SRC) -> tuple[dict[str, Module], list[Import]]:
    known = modules(src)
    imports = []
    for module in known.values():
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        for node, in_function, type_checking in _walk(tree, False, False):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            for target in _targets(node, module, known):
                imports.append(Import(module.name, target, node.lineno, in_function, type_checking))
    return known, imports


def _walk(node: ast.AST, in_function: bool, type_checking: bool):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function, type_checking
            continue
        child_in_function = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        child_tc = type_checking or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
        yield from _walk(child, child_in_function, child_tc)


def closure(start: Iterable[str], known: dict[str, Module], imports: list[Import]) -> set[str]:
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if imp.target in known:
            edges.setdefault(imp.source, set()).add(imp.target)
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += edges.get(name, ())
        parts = name.split(".")  # importing a.b.c runs a/__init__ and a/b/__init__
        todo += [p for i in range(1, len(parts)) if (p := ".".join(parts[:i])) in known and known[p].has_code]
    return seen


def is_core(name: str) -> bool:
    parts = name.split(".")
    return len(parts) == 1 or parts[1] == "github" or (len(parts) == 2 and parts[1] not in STAGE_PACKAGES)


def main() -> None:
    known, imports = import_graph()
    lines = sum(len(m.path.read_text(encoding="utf-8").splitlines()) for m in known.values())
    figures: dict[str, object] = {"benchmark": "module_paths", "src_modules": len(known), "src_lines": lines}
    for name, spec in PATHS.items():
        found = sorted(closure(spec["start"] + spec["plugins"], known, imports))
        figures[name] = {"modules": len(found), "core": sum(map(is_core, found)),
                         "stage": sum(not is_core(m) for m in found), "list": found}
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
