"""Which rules run, how severe they are, and with which options — chosen like ruff does.

`select` / `extend_select` / `ignore` take codes (`SEC001`), prefixes (`SEC`, `S`), names
(`secret-in-prompt`) or `ALL`. Preview rules run only when named exactly (code or name).
`per_file_ignores` maps globs to codes, `rules` maps a code or name to `{severity, ...options}`,
validated against the rule's `CONF` by the one generic validator (lmgate.spec).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from lmgate.errors import ConfigError
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate

SEVERITIES = ("error", "warning", "info")
_SEVERITY = Opt("str", None, "override the rule's severity", choices=(*SEVERITIES, "off"))


@dataclass(frozen=True)
class Rule:
    module: ModuleType | None
    code: str
    name: str
    severity: str
    scope: str
    preview: bool = False
    base_aware: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""


def matches(rule: Rule, selector: str, exact_only: bool = False) -> bool:
    if selector in (rule.code, rule.name):
        return True
    return not exact_only and (selector == "ALL" or (selector.isupper() and rule.code.startswith(selector)))


def choose(rules: Sequence[Rule], lint: Mapping, doc: Any = None, extra_select: Iterable[str] = ()) -> list[Rule]:
    """The selected rules, each with its severity and validated options."""
    known = {r.code for r in rules} | {r.name for r in rules}
    for key in ("select", "extend_select", "ignore"):
        for i, sel in enumerate(lint.get(key) or ()):
            if sel != "ALL" and sel not in known and not any(r.code.startswith(sel) for r in rules):
                where = doc.where(("lint", key, i)) if doc else None
                raise ConfigError(f"unknown rule {sel!r} in lint.{key}", where=where,
                                  fix="use a rule code (SYN002), a prefix (SYN) or a name; see `lmgate lint "
                                      "--list-rules`")
    for key in lint.get("rules") or {}:
        if key not in known:
            where = doc.where(("lint", "rules", key)) if doc else None
            raise ConfigError(f"unknown rule {key!r} in lint.rules", where=where,
                              fix="use a rule code (BUD002) or name (token-budget); see `lmgate lint --list-rules`")
    select = lint.get("select")
    extend = [*(lint.get("extend_select") or ()), *extra_select]
    ignore = lint.get("ignore") or ()
    chosen = []
    for rule in rules:
        picked = (not rule.preview) if select is None else any(matches(rule, s, rule.preview) for s in select)
        picked = picked or any(matches(rule, s, rule.preview) for s in extend)
        if picked and not any(matches(rule, s) for s in ignore):
            chosen.append(configure(rule, lint.get("rules") or {}, doc))
    return [r for r in chosen if r.severity != "off"]


def configure(rule: Rule, settings: Mapping[str, Mapping], doc: Any = None) -> Rule:
    key = rule.code if rule.code in settings else rule.name if rule.name in settings else None
    raw = dict(settings.get(key) or {}) if key else {}
    conf = dict(getattr(rule.module, "CONF", None) or {})
    ctx = Context(doc=doc, env={})
    # options without `severity` keep the rule's own: only a severity that is written is validated
    severity = validate(raw.pop("severity"), _SEVERITY, ("lint", "rules", key, "severity"), ctx) \
        if key and "severity" in raw else None
    section = Opt("section", {}, fields={k: v for k, v in conf.items()})
    options = validate(raw, section, ("lint", "rules", key) if key else ("lint", "rules", rule.code), ctx)
    options = dict(options) if rule.module is not None else rule.options  # custom rules carry their spec
    return Rule(rule.module, rule.code, rule.name, severity or rule.severity, rule.scope, rule.preview,
                rule.base_aware, options, rule.doc)
