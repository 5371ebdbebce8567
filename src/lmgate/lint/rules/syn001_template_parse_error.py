"""SYN001 template-parse-error: a template that its engine cannot parse.

**What.** A message whose Jinja2 (or Prompty / promptflow Jinja) text does not parse, an f-string
with a lone `{` or `}`, or a Mustache/Handlebars section (`{{#each x}}`) that is never closed.
Files a format cannot read at all (broken YAML front matter, a bad `!Template` tag) become SYN001
findings too: the lint engine converts the format's `ParseProblem`s.

**Why.** An unparseable template fails at run time, on the first request, usually in production.
The check only parses, in the one sandboxed environment; it never renders a template.

**Options.** None.

PASS (`qa.jinja2`):

    Answer the question: {{ question }}

FAIL:

    Answer the question: {{ question }
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from lmgate.lint.rules.base import LintContext, Problem
from lmgate.prompts.engines import whole_template
from lmgate.prompts.model import Position, Prompt
from lmgate.templating import syntax_error

CODE = "SYN001"
NAME = "template-parse-error"
SEVERITY = "error"
SCOPE = "prompt"
PREVIEW = False
BASE_AWARE = False
CONF: dict = {}

_SECTION = re.compile(r"\{\{\s*([#^/])\s*(?:(?:if|unless|each|with)\s+)?([\w.-]+)")


def check(prompt: Prompt, options: dict, ctx: LintContext) -> Iterator[Problem]:
    # promptflow-style files render as one template before the role split: if the whole parses, so does each part.
    jinja = [m for m in prompt.messages if m.engine == "jinja2"]
    whole_ok = all(syntax_error(m.text) is None for m in jinja) or syntax_error(whole_template(prompt)) is None
    for msg in prompt.messages:
        if msg.engine == "jinja2" and not whole_ok:
            error = syntax_error(msg.text)  # an unknown filter is SYN007's, not a syntax error
            if error is not None:
                yield Problem(f"template syntax error: {error.message}", Position(msg.start.line + error.line - 1, 1),
                              fix="fix the Jinja syntax: close every {{ }}, {% %} and block tag")
        elif msg.engine == "fstring":
            try:
                list(string.Formatter().parse(msg.text))
            except ValueError as exc:
                yield Problem(f"f-string template does not parse: {exc}", msg.start,
                              fix="write a literal brace as `{{` or `}}`")
        elif msg.engine in ("mustache", "handlebars"):
            yield from _sections(msg)


def _sections(msg) -> Iterator[Problem]:
    stack: list[tuple[str, int]] = []
    for match in _SECTION.finditer(msg.text):
        kind, name = match.groups()
        if kind != "/":
            stack.append((name, match.start()))
        elif stack and stack[-1][0] == name:
            stack.pop()
        elif name in ("if", "unless", "each", "with") and stack:
            stack.pop()  # Handlebars closes a block by its helper name: {{/if}}
        else:
            yield Problem(f"closing tag {{{{/{name}}}}} has no matching opening tag",
                          msg.position_of(match.start()), fix="remove it or add the opening section")
    for name, offset in stack:
        yield Problem(f"section {{{{#{name}}}}} is never closed", msg.position_of(offset),
                      fix=f"close it with {{{{/{name}}}}}")
