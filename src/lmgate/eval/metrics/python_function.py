"""python: the user's own function scores the output (`module:function` from the repository root).

The function is called as `fn(output, item)` (item: the dataset row) and returns a bool (pass or
fail), a number (the score; passed at or above `threshold`) or a mapping
`{score, pass, reason}`. An exception inside it fails that item with the error as the reason.
Options: `function` (required, e.g. `checks.grading:is_polite` for checks/grading.py), `kind`
(score or pass_fail), `threshold` (0.5).

PASS: `def has_citation(output, item): return "[1]" in output`
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.paths import inside_root
from lmgate.spec import REQUIRED, Opt

NAME = "python"
KIND = "score"
HIGHER_IS_BETTER = True
CONF = {"function": Opt("str", REQUIRED, "module:function, e.g. checks.grading:is_polite",
                        pattern=r"[A-Za-z_][\w.]*:[A-Za-z_]\w*"),
        "kind": Opt("str", "score", "how the eval compares it", choices=("score", "pass_fail")),
        "threshold": Opt("number", 0.5, "a number score passes at or above this")}
_LOADED: dict[tuple[str, str], Any] = {}
_LOCK = threading.Lock()


def load(root: Path, target: str) -> Any:
    """The user's `module:function`, imported from the repository root once per process."""
    with _LOCK:  # the runner scores from several threads; import each module once
        return _load(root, target)


def _load(root: Path, target: str) -> Any:
    if (str(root), target) not in _LOADED:
        module_name, func_name = target.split(":")
        relative = module_name.replace(".", "/")
        path = next((p for p in (inside_root(root, relative + ".py"), inside_root(root, relative + "/__init__.py"))
                     if p.is_file()), None)
        if path is None:
            raise ConfigError(f"python metric: no module {module_name!r} under {root}",
                              fix=f"create {relative}.py, or fix the `function` option")
        spec = importlib.util.spec_from_file_location(f"lmgate_user_metric_{len(_LOADED)}", path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(root))  # so the user's module can import its siblings
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise ConfigError(f"python metric: importing {path.name} failed: {exc!r}", where=Location(str(path)),
                              fix="fix the module so it imports cleanly") from exc
        finally:
            sys.path.remove(str(root))
        if not callable(getattr(module, func_name, None)):
            raise ConfigError(f"python metric: {path.name} defines no function {func_name!r}",
                              where=Location(str(path)), fix="fix the `function` option")
        _LOADED[(str(root), target)] = getattr(module, func_name)
    return _LOADED[(str(root), target)]


def kind_of(options: Mapping[str, Any]) -> str:
    return options["kind"]


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    if ctx.root is None:
        raise ConfigError("python metric: the repository root is unknown", fix="run lmgate from the repository")
    fn = load(Path(ctx.root), options["function"])
    try:
        value = fn(output, dict(item))
    except Exception as exc:  # the user's bug fails this item, with the reason shown
        return MetricResult(0.0, False, f"{options['function']} raised {type(exc).__name__}: {exc}")
    result = convert(value, options)
    if options["kind"] == "pass_fail":  # McNemar compares 0/1 scores: the verdict is the score
        return MetricResult(1.0 if result.passed else 0.0, result.passed, result.reason)
    return result


def convert(value: Any, options: Mapping[str, Any]) -> MetricResult:
    reason = None
    if isinstance(value, Mapping):
        reason = value.get("reason")
        passed = value.get("pass", value.get("passed"))
        value = value.get("score", passed)
        if isinstance(passed, bool) and isinstance(value, (int, float)):
            return MetricResult(float(value), passed, reason)
    if isinstance(value, bool):
        return MetricResult(1.0 if value else 0.0, value, reason)
    if isinstance(value, (int, float)):
        return MetricResult(float(value), float(value) >= options["threshold"], reason)
    raise InputError(f"python metric: {options['function']} returned {type(value).__name__}",
                     fix="return a bool, a number, or a mapping {score, pass, reason}")
