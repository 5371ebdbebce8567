"""Rules as data (like Vale or Spectral): banned or required phrases and regexes from `lint.custom`.

    lint:
      custom:
        - {code: ACME001, name: no-apologies, banned: ["I apologize"], roles: [system], severity: warning}
        - {code: ACME002, name: cite-sources, required: ["cite"], message: "ask the model to cite"}
        - {code: ACME003, name: no-todo, pattern: "TODO|FIXME"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.lint.selection import SEVERITIES, Rule
from lmgate.prompts.model import Prompt
from lmgate.spec import REQUIRED, Opt
from lmgate.spec_validation import Context, validate
from lmgate.userregex import compile_user_regex

ITEM = Opt("section", fields={
    "code": Opt("str", REQUIRED, "a code of your own, e.g. ACME001", pattern=r"^[A-Z]{2,8}[0-9]{3}$"),
    "name": Opt("str", REQUIRED, "a readable kebab-case name", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    "message": Opt("str", None, "what the finding says"),
    "severity": Opt("str", "warning", "error, warning or info", choices=SEVERITIES),
    "banned": Opt("list", None, "phrases no message may contain", items=Opt("str")),
    "required": Opt("list", None, "phrases some message must contain", items=Opt("str")),
    "pattern": Opt("str", None, "a regular expression no message may match (RE2 syntax: no backreferences "
                                "or lookaround)"),
    "roles": Opt("list", None, "only messages of these roles", items=Opt("str")),
    "ignore_case": Opt("bool", True, "match phrases and the pattern case-insensitively"),
})


def custom_rules(items: list | None, doc: Any, taken: set[str]) -> list[Rule]:
    rules = []
    for i, raw in enumerate(items or ()):
        ctx = Context(doc=doc, env={})
        spec = dict(validate(raw, ITEM, ("lint", "custom", i), ctx))
        if spec["code"] in taken or spec["name"] in taken:
            raise ctx.fail(("lint", "custom", i, "code"), f"rule {spec['code']} / {spec['name']} already exists",
                           fix="pick a code and name no built-in or other custom rule uses")
        if not (spec["banned"] or spec["required"] or spec["pattern"]):
            raise ctx.fail(("lint", "custom", i), "a custom rule needs `banned`, `required` or `pattern`")
        # a pattern from a pull request runs on RE2: linear time whatever it is, or refused with the reason
        spec["regex"] = compile_user_regex(spec["pattern"], ignore_case=spec["ignore_case"],
                                           where=doc.where(("lint", "custom", i, "pattern")) if doc else None,
                                           what=f"lint.custom[{i}].pattern") if spec["pattern"] else None
        taken |= {spec["code"], spec["name"]}
        rules.append(Rule(None, spec["code"], spec["name"], spec["severity"], "custom", options=spec,
                          doc=spec["message"] or f"custom rule {spec['name']} (lint.custom[{i}])"))
    return rules


def check(prompt: Prompt, spec: Mapping[str, Any], ctx: LintContext | None = None) -> Iterator[Problem]:
    roles = spec["roles"]
    messages = [m for m in prompt.messages if not roles or m.role in roles]
    flags = re.IGNORECASE if spec["ignore_case"] else 0
    for phrase in spec["banned"] or ():
        rx = re.compile(re.escape(phrase), flags)
        for m in messages:
            for hit in rx.finditer(m.text):
                yield Problem(spec["message"] or f"banned phrase {phrase!r}", m.position_of(hit.start()))
    if spec["regex"] is not None:
        for m in messages:
            for hit in spec["regex"].finditer(m.text):
                yield Problem(spec["message"] or f"matches the banned pattern: {hit.group(0)[:60]!r}",
                              m.position_of(hit.start()))
    for phrase in spec["required"] or ():
        if messages and not any(re.search(re.escape(phrase), m.text, flags) for m in messages):
            yield Problem(spec["message"] or f"no message contains the required phrase {phrase!r}",
                          messages[0].start)
