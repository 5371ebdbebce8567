"""A tiny name -> plugin index. Plugin folders list their modules in an explicit tuple.

A miss lists what exists, so a typo in `lmgate.yaml` tells the user the valid choices.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Generic, TypeVar

from lmgate.errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str, items: Iterable[tuple[str, T]] = ()) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        for name, item in items:
            self.register(name, item)

    def register(self, name: str, item: T) -> T:
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} registered twice")
        self._items[name] = item
        return item

    def get(self, name: str, *, where=None, key: str | None = None) -> T:
        try:
            return self._items[name]
        except KeyError:
            close = difflib.get_close_matches(name, self._items, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(
                f"unknown {self.kind} {name!r}",
                where=where,
                key=key,
                fix=f"{hint}available: {', '.join(sorted(self._items))}",
            ) from None

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._items))


def load_modules(package: str, names: Iterable[str]) -> list[ModuleType]:
    """Import the listed plugin modules of a package (the explicit tuple in its __init__)."""
    return [importlib.import_module(f"{package}.{name}") for name in names]


def registry_from_modules(kind: str, package: str, names: Iterable[str], attr: str = "NAME"):
    """Build a registry keyed by each module's `NAME` (or the module name when absent)."""
    modules = load_modules(package, names)
    return Registry(kind, ((getattr(m, attr, m.__name__.rsplit(".", 1)[-1]), m) for m in modules))
