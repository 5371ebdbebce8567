"""The `Opt` declarations behind every option in lmgate.yaml and every plugin's `CONF`.

An `Opt` declares a value's type, default, choices and documentation. The same declarations
validate user input (with `file:line`, the key and a fix in every message), fill in defaults,
resolve `${ENV}` references, and generate the JSON Schema that ships for editors, so the loader
and the schema cannot disagree about what is valid.

A section of plugins (the `providers`) declares `kinds`: the options each plugin module declares
in its `CONF`, keyed by the value of the section's `type`. Such a section takes its own `fields`,
which every kind shares, plus the options of the kind it names, and nothing else.

This module holds only the declaration, which is all a plugin needs to import. Checking a
value against it lives in `lmgate.spec_validation`; the JSON Schema in `lmgate.spec_schema`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The default of an option the user must set; a sentinel, because None is a valid default.
REQUIRED = object()
# The key of a section with `kinds` that names its kind (`type: openai`).
KIND_KEY = "type"


@dataclass(frozen=True)
class Opt:
    """One option. `type` is str, int, number, bool, list, map (free keys), section (known keys)
    or any; `help` is shown in the README and the schema, and offered as the fix when a value fails.
    """

    type: str
    default: Any = None
    help: str = ""
    choices: tuple = ()
    items: Opt | None = None              # element of a list
    values: Opt | None = None             # value of a map with free keys
    fields: Mapping[str, Opt] | None = None  # keys of a section
    kinds: Mapping[str, Mapping[str, Opt]] | None = None  # a section's further keys, per value of its `type`
    one_of: tuple[Opt, ...] = ()          # a union: the first that fits wins
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    secret: bool = False                  # resolved value is a secret: masked, never written
    open: bool = False                    # a section that also accepts keys it does not know
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def fields_for(self, value: Any) -> Mapping[str, Opt]:
        """The keys a section takes: its `fields`, and the options of the kind `value` names, if any."""
        fields = self.fields or {}
        kind = value.get(KIND_KEY) if self.kinds and isinstance(value, Mapping) else None
        if isinstance(kind, str) and kind in (self.kinds or {}):
            return {**fields, **self.kinds[kind]}
        return fields
