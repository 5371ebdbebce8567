"""`python`: calls a function of the consuming repository, `target: "module:function"`.

The repository root is put on `sys.path`, so `app:answer` imports `app.py` beside lmgate.yaml.
The function receives the rendered prompt as its first argument (all messages' text joined by
blank lines) and, only if its signature names them (or takes `**kwargs`), the keywords
`messages` (the chat as a list of `{role, content}`), `item` (the dataset row) and `sample`
(the repeat index). It returns the answer as a string, or a mapping with `output` and
optionally `prompt_tokens`/`completion_tokens`. An exception it raises is recorded on the item.
The app's code can change between runs, so its answers are never taken from the cache.
"""

from __future__ import annotations

import importlib
import inspect
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.providers.base import BuildContext, Completion, ProviderCallError
from lmgate.spec import REQUIRED, Opt

NAME = "python"
CONF = {"target": Opt("str", REQUIRED, 'the function to call, "module:function" (e.g. "app:answer")')}
_OPTIONAL = ("messages", "item", "sample")
_ROOTS: list[Path] = []  # roots imported from: a later root (the base tree) must not reuse their modules


class PythonProvider:
    cacheable = False

    def __init__(self, name: str, fn: Callable, target: str) -> None:
        self.name, self.fn, self.target = name, fn, target
        params = inspect.signature(fn).parameters
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
            self.extra = _OPTIONAL
        else:
            self.extra = tuple(k for k in _OPTIONAL if k in params)

    def identity(self) -> Mapping[str, Any]:
        return {"type": NAME, "target": self.target}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        prompt = "\n\n".join(str(m.get("content", "")) for m in messages)
        given = {"messages": [dict(m) for m in messages], "item": dict(item or {}), "sample": sample}
        start = time.perf_counter()
        try:
            out = self.fn(prompt, **{k: given[k] for k in self.extra})
        except Exception as exc:  # the app's own bug: recorded on the item, the run goes on
            raise ProviderCallError(f"{self.target} raised {type(exc).__name__}: {exc}") from exc
        latency = time.perf_counter() - start
        if isinstance(out, Mapping):
            return Completion(text=str(out.get("output", "")), prompt_tokens=out.get("prompt_tokens"),
                              completion_tokens=out.get("completion_tokens"), latency_s=latency)
        return Completion(text="" if out is None else str(out), latency_s=latency)

    def close(self) -> None:
        pass


def load_target(target: str, root: Path, where: Any = None) -> Callable:
    module_name, _, attr = target.partition(":")
    if not module_name or not attr:
        raise ConfigError(f"target {target!r} should be module:function", where=where, fix='e.g. target: "app:answer"')
    root = Path(root).resolve()
    _forget_other_roots(root)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        fn = getattr(importlib.import_module(module_name), attr)
    except Exception as exc:  # ImportError, SyntaxError, AttributeError …: the user's code
        raise ConfigError(f"cannot load {target!r}: {type(exc).__name__}: {exc}", where=where,
                          fix=f"check that {module_name.replace('.', '/')}.py beside lmgate.yaml defines {attr}",
                          ) from exc
    if not callable(fn):
        raise ConfigError(f"{target!r} is not callable", where=where, fix="point target at a function")
    return fn


def _forget_other_roots(root: Path) -> None:
    """Drop modules imported from another tree (head vs a materialized base) and its sys.path entry."""
    for other in [r for r in _ROOTS if r != root]:
        for mod_name, mod in list(sys.modules.items()):
            file = getattr(mod, "__file__", None)
            if file and Path(file).resolve().is_relative_to(other):
                del sys.modules[mod_name]
        if str(other) in sys.path:
            sys.path.remove(str(other))
        _ROOTS.remove(other)
    if root not in _ROOTS:
        _ROOTS.append(root)


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> PythonProvider:
    target = spec.get("target")
    if not target:
        raise ConfigError(f"provider {name!r} needs a target", where=ctx.where, fix='target: "app:answer"')
    return PythonProvider(name, load_target(target, ctx.root, ctx.where), target)
