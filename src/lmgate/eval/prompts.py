"""A prompt file -> chat messages for one item, rendered in the one sandboxed environment.

Files are read by the linter's format plugins (`lmgate.lint.formats.read_prompts`) when they are
available, so every format the linter understands can be evaluated; a Jinja file with no role
lines is one user message. Placeholders of other engines (`{x}` f-strings, `$x`/`${x}`) are
substituted literally; Jinja and mustache-style `{{ x }}` go through `lmgate.templating.render`.
A chat prompt file with `engine: nunjucks` (what `lmgate import promptfoo` writes) renders as
promptfoo renders (lmgate.nunjucks.render_chat): text kept exactly, a missing variable empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.paths import inside_root

_FSTRING = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_DOLLAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
_LITERAL_ENGINES = {"fstring": _FSTRING, "dollar": _DOLLAR}


@dataclass(frozen=True)
class ChatTemplate:
    name: str
    path: str                                  # repo-relative, for error locations
    messages: tuple[tuple[str, str, str], ...]  # (role, template text, engine)
    whole: bool = False                        # nunjucks: one template that renders to the whole chat

    def variables(self) -> frozenset[str]:
        from lmgate.templating import undeclared_variables

        if any(engine == "nunjucks" for _, _, engine in self.messages):
            return frozenset()  # promptfoo's semantics: a variable an item lacks renders as nothing
        found: set[str] = set()
        for _, text, engine in self.messages:
            pattern = _LITERAL_ENGINES.get(engine)
            if pattern:
                found.update(g for m in pattern.finditer(text) for g in m.groups() if g)
            elif engine != "plain":
                found.update(undeclared_variables(text, self.path))
        return frozenset(found)

    def render(self, variables: Mapping[str, Any]) -> list[dict[str, str]]:
        from lmgate.templating import render

        if self.messages and self.messages[0][2] == "nunjucks":
            from lmgate.nunjucks import render_chat

            return render_chat([(role, text) for role, text, _ in self.messages], variables, whole=self.whole,
                               name=self.path)
        out = []
        for role, text, engine in self.messages:
            pattern = _LITERAL_ENGINES.get(engine)
            if engine == "plain":
                content = text
            elif pattern:
                content = pattern.sub(lambda m: _literal(m, variables, self.path), text)
            else:
                content = render(text, variables, self.path)
            out.append({"role": role or "user", "content": content.strip("\n")})
        return out


def _nunjucks_template(name: str, rel: str, prompt: Any) -> ChatTemplate:
    from lmgate.nunjucks import compile_template

    for m in prompt.messages:  # a syntax error stops the run before any call, with its line
        compile_template(m.text, rel)
    return ChatTemplate(name, rel, tuple((m.role, m.text, "nunjucks") for m in prompt.messages),
                        whole=prompt.metadata.get("chat") == "template")


def _literal(m: re.Match, variables: Mapping[str, Any], path: str) -> str:
    name = next((g for g in m.groups() if g), None)
    if name is None:
        return m.group(0)[0]  # `{{` / `}}` in an f-string is a literal brace
    if name not in variables:
        raise InputError(f"the prompt uses {name!r}, which this item does not have", where=Location(path),
                         fix="add the field to every dataset item or to the suite's `vars`")
    return str(variables[name])


def load_prompt(name: str, spec: Mapping[str, Any], *, root: Path, where: Location | None = None) -> ChatTemplate:
    path = inside_root(root, spec["path"], where)
    if not path.is_file():
        raise ConfigError(f"prompt file {spec['path']!r} does not exist", where=where,
                          fix="fix the path (relative to lmgate.yaml) or add the file")
    rel = path.relative_to(root.resolve()).as_posix()
    try:
        from lmgate.lint.formats import read_prompts  # the linter's readers, once shipped
    except ImportError:
        read_prompts = None
    if read_prompts is not None:
        prompts, problems = read_prompts(path, root, spec.get("format"))
        if problems:
            p = problems[0]
            raise InputError(f"cannot read prompt: {p.message}", where=Location(p.path, p.position.line))
        if prompts:
            first = prompts[0]  # a multi-prompt file: the first one, unless the spec narrows it
            if first.metadata.get("engine") == "nunjucks":
                return _nunjucks_template(name, rel, first)
            return ChatTemplate(name, rel, tuple((m.role, m.text, m.engine) for m in first.messages))
    text = path.read_text(encoding="utf-8", errors="replace")
    return ChatTemplate(name, rel, (("user", text, "jinja2"),))
