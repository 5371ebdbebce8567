"""The rule reference, docs/rules.md, generated from the rule modules: each rule's code, name and
severity from its declarations, what it finds and its PASS/FAIL examples from its docstring, and its
options from its `CONF`. SARIF's `helpUri` of a rule points at its section here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from lmgate.lint import TEMPLATES
from lmgate.lint.selection import Rule
from lmgate.spec import REQUIRED
from lmgate.templating import render

DOCS_URL = "https://github.com/lmgate/lmgate/blob/main/docs/rules.md"
CUSTOM_ANCHOR = "custom-rules"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def help_uri(rule: Rule) -> str:
    """Where a rule is documented: its own section, or the custom rules' section for `lint.custom` ones."""
    return f"{DOCS_URL}#{anchor(f'{rule.code} {rule.name}') if rule.module is not None else CUSTOM_ANCHOR}"


def summary(rule: Rule) -> str:
    """The docstring's first sentence, after `CODE name:`."""
    first = rule.doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip()
    return (first.split(": ", 1)[-1] if ": " in first else first) or rule.name


def _body(rule: Rule) -> str:
    parts = rule.doc.strip().split("\n\n", 1)
    return parts[1].strip() if len(parts) > 1 else ""


def _default(value: Any) -> str:
    if value is REQUIRED:
        return "required"
    if value is None:
        return "none"
    return f"`{json.dumps(list(value) if isinstance(value, tuple) else value)}`"


def rules_markdown(rules: Sequence[Rule]) -> str:
    entries = []
    for rule in sorted((r for r in rules if r.module is not None), key=lambda r: r.code):
        conf = getattr(rule.module, "CONF", None) or {}
        options = [{"name": name, "type": opt.type + (f" of {opt.items.type}" if opt.items else ""),
                    "default": _default(opt.default), "help": opt.help} for name, opt in conf.items()]
        entries.append({"code": rule.code, "name": rule.name, "severity": rule.severity, "preview": rule.preview,
                        "base_aware": rule.base_aware, "anchor": anchor(f"{rule.code} {rule.name}"),
                        "summary": summary(rule), "body": _body(rule), "options": options})
    source = (TEMPLATES / "rules.md.j2").read_text(encoding="utf-8")
    return render(source, {"rules": entries}, "rules.md.j2")
