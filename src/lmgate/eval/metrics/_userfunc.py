"""Importing the user's `module:function` from the repository root, once per process."""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, Location
from lmgate.paths import inside_root

_LOADED: dict[tuple[str, str], Any] = {}
_LOCK = threading.Lock()


def load(root: Path, target: str) -> Any:
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
