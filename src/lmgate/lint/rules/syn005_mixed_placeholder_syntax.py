"""SYN005 mixed-placeholder-syntax: placeholders of another engine's syntax in a template.

**What.** A prompt whose engine fills `{{name}}` (Jinja, Mustache, Handlebars, GitHub Models)
but which also contains `{name}` or `${name}`, an f-string template with `${name}`, and so on.
In plain text files with no declared engine, the finding is two different styles in one prompt.

**Why.** Only one syntax is filled in; the other reaches the model verbatim. Mixed syntax is
the usual trace of a prompt copied between frameworks.

**Options.** `skip_engines`: engines not checked (default: `vscode`, whose Markdown instructions
often show `{name}` to the agent on purpose, as in `docs/{feature}/plan.md`).

PASS (`qa.jinja2`):

    Context: {{ context }}
    Question: {{ question }}

FAIL:

    Context: {{ context }}
    Question: {question}
"""

from __future__ import annotations

from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.engines import STYLES
from lmgate.prompts.model import Prompt
from lmgate.spec import Opt

CODE = "SYN005"
NAME = "mixed-placeholder-syntax"
SEVERITY = "warning"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF = {"skip_engines": Opt("list", ("vscode",), "engines not checked", items=Opt("str"))}

EXPECTED = {"jinja2": "{{name}}", "mustache": "{{name}}", "handlebars": "{{name}}", "ghmodels": "{{name}}",
            "fstring": "{name}", "vscode": "${name}", "dollar": "${name}"}
_IGNORED = {"fstring": {"{{name}}"}}  # `{{x}}` is an f-string's escaped literal: SYN006's business


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    first: dict[str, tuple] = {}
    if any(m.engine in (options.get("skip_engines") or ()) for m in prompt.messages):
        return
    for msg in prompt.messages:
        for style, pattern in STYLES.items():
            # every style has a `{` (and `${name}` a `${`): most messages need no regex at all
            match = pattern.search(msg.text) if ("${" if style == "${name}" else "{") in msg.text else None
            if match and style not in first and style not in _IGNORED.get(msg.engine, ()):
                first[style] = (msg, match)
    engines = {m.engine for m in prompt.messages}
    expected = next((EXPECTED[e] for e in engines if e in EXPECTED), None)
    if expected is None:  # plain text: the first style seen sets the convention
        if len(first) < 2:
            return
        expected = min(first, key=lambda s: (first[s][0].start.line, first[s][1].start()))
    for style, (msg, match) in first.items():
        if style != expected:
            yield Problem(f"'{match.group(0)}' uses {style} syntax, but this template fills {expected}",
                          msg.position_of(match.start()),
                          fix=f"write it as {expected.replace('name', match.group(0).strip('{}$ '))}")
