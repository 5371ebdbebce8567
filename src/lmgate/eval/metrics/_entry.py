"""The keys of a `metrics:` entry that are not the metric module's own options.

- `metric`: the module, when the entry's name is a display name. Two metrics of one kind in a
  suite need two names: `{contains_2: {metric: contains, value: "Paris"}}`.
- `per_item`: an item field holding `{metric name: options}`. Each item then carries its own
  options for the metric (merged over the entry's), and an item whose field has no entry for
  the metric is not scored on it: a suite whose items check different things (what promptfoo's
  per-test assertions are) is one suite, not one suite per test.
- `engine`: how option templates (`"{{ expected }}"`) are rendered: `jinja2` (the default) or
  `nunjucks` (lmgate.nunjucks: JavaScript's printing, missing variables render empty).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate

ENTRY_KEYS = ("metric", "per_item", "engine")
ENGINES = ("jinja2", "nunjucks")
_VALIDATED: dict[tuple[str, str, str], Mapping[str, Any]] = {}


def relaxed(conf: Mapping[str, Opt]) -> dict[str, Opt]:
    """A module's options with nothing required: with `per_item`, each item supplies the rest."""
    return {k: replace(o, default=None) if o.required else o for k, o in conf.items()}


def split_entry(name: str, raw: Mapping[str, Any], where: Location | None) -> tuple[dict, dict]:
    """(the module's options, the entry keys) of one `{name: {…}}` entry."""
    entry = {k: raw[k] for k in ENTRY_KEYS if k in raw}
    for key, value in entry.items():
        if not isinstance(value, str) or not value:
            raise ConfigError(f"invalid config: `{key}` of metric {name!r} should be a name", where=where,
                              fix=f"e.g. {{{name}: {{metric: contains, per_item: checks}}}}")
    if entry.get("engine", "jinja2") not in ENGINES:
        raise ConfigError(f"invalid config: `engine` of metric {name!r} should be one of {', '.join(ENGINES)}",
                          where=where)
    return {k: v for k, v in raw.items() if k not in ENTRY_KEYS}, entry


def item_options(metric: Any, item: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The metric's options for this item, or None when the item does not carry the metric."""
    holder = item.get(metric.per_item)
    own = holder.get(metric.name) if isinstance(holder, Mapping) else None
    if own is None:
        return None
    if not isinstance(own, Mapping):
        raise InputError(f"the item's `{metric.per_item}.{metric.name}` should be a mapping of options",
                         fix=f"write {{{metric.name}: {{option: value}}}} under the item's {metric.per_item}")
    key = (metric.module.NAME, json.dumps(metric.options, sort_keys=True, default=str),
           json.dumps(own, sort_keys=True, default=str))
    if key not in _VALIDATED:  # items repeat the same options; validating once each keeps scoring cheap
        try:
            _VALIDATED[key] = validate({**metric.options, **own}, Opt("section", fields=metric.module.CONF), (),
                                       Context(doc=None, env={}))
        except ConfigError as exc:
            raise InputError(f"item options of metric {metric.name!r}: {exc.key or ''} {exc.message}".strip(),
                             fix=exc.fix) from exc
    return _VALIDATED[key]
