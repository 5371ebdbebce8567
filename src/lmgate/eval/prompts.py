"""A prompt file -> chat messages for one item, rendered as the file's engine renders it.

Files are read by the prompt formats lint reads them with (`lmgate.prompts.reading`), so every
format the linter understands can be evaluated; each message is filled by its engine
(`lmgate.prompts.engines`: Jinja in the one sandbox, the others by name). `prompts.<name>.engine`
in lmgate.yaml overrides what the file says. A prompt whose engine is `nunjucks` (what `lmgate
import promptfoo` writes) renders as promptfoo renders it (lmgate.nunjucks.render_chat): text kept
exactly, and a `template:` chat file rendered whole before it is read as a chat.

`load_prompt` is what `validate` and `eval` both call before any model call: it reads the file and
raises (exit 2, file:line and the fix) when the prompt cannot be rendered as written — a syntax
error, an unsafe or unknown Jinja construct, or a placeholder its engine would leave for the model
to see raw (`{x}` in a `.txt` with no engine, `${x}` in a Jinja file). `ChatTemplate.variables()`
is what every item (with the suite's `vars`) must supply.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, InputError, LmgateError, Location, TemplateError
from lmgate.nunjucks import render_chat
from lmgate.paths import inside_root
from lmgate.prompts import engines, formats
from lmgate.prompts.reading import UNKNOWN, read_prompts
from lmgate.templating import probe


@dataclass(frozen=True)
class ChatTemplate:
    name: str
    path: str                                   # repo-relative, for error locations
    messages: tuple[tuple[str, str, str], ...]  # (role, template text, engine)
    lines: tuple[int, ...] = ()                 # the file line each message starts on
    engine_source: str = "the file's format"    # who chose the engines, for `lmgate validate`
    guessed: bool = False                       # no one chose: a plain text file without {{ }} or {% %}
    whole: bool = False                         # one template that renders to the whole chat (chat files)

    @property
    def engines(self) -> tuple[str, ...]:
        """The engines that fill this prompt's messages, each once, in message order."""
        return tuple(dict.fromkeys(engine for _, _, engine in self.messages))

    def describe_engine(self) -> str:
        """One line for `lmgate validate`: the engine(s) and who chose them."""
        return f"{', '.join(self.engines) or 'plain'} ({self.engine_source})"

    def line(self, index: int, within: int = 1) -> int:
        start = self.lines[index] if index < len(self.lines) else 1
        return start + within - 1

    def variables(self) -> frozenset[str]:
        """Every variable the messages read (a Jinja message that does not parse adds none: check() reports it)."""
        found: set[str] = set()
        for _, text, engine in self.messages:
            found |= engines.variables(text, engine) or frozenset()
        return frozenset(found)

    def problems(self) -> list[LmgateError]:
        """Everything that stops this prompt from rendering as written, each with file:line and the fix."""
        found: list[LmgateError] = []
        for i, (_, text, engine) in enumerate(self.messages):
            for problem in engines.problems(text, engine, declared=not self.guessed):
                found.append(TemplateError(problem.message, where=Location(self.path, self.line(i, problem.line)),
                                           fix=problem.fix))
            if engine == "jinja2" and not found:
                try:
                    probe(text, self.path, self.line(i))  # sandbox violations that only show when rendering
                except LmgateError as exc:
                    found.append(exc)
        return found

    def stray_placeholders(self, names: frozenset[str] | set[str]) -> list[LmgateError]:
        """`$q`, `<q>`, `{ q }` where `q` is a variable the items have: another syntax the engine leaves raw."""
        if self.whole:
            return []
        return [TemplateError(p.message, where=Location(self.path, self.line(i, p.line)), fix=p.fix)
                for i, (_, text, engine) in enumerate(self.messages)
                if engine == "jinja2" or (engine == "plain" and self.guessed)
                for p in engines.stray_placeholders(text, engine, names)]

    def check(self) -> None:
        """Raise the first problem (exit 2), saying how many more there are."""
        found = self.problems()
        if len(found) == 1:
            raise found[0]
        if found:
            first, more = found[0], len(found) - 1
            raise type(first)(f"{first.message} (and {more} more problem{'s' if more > 1 else ''} in this prompt)",
                              where=first.where, fix=first.fix)

    def render(self, variables: Mapping[str, Any]) -> list[dict[str, str]]:
        if self.messages and all(engine == "nunjucks" for _, _, engine in self.messages):
            return render_chat([(role, text) for role, text, _ in self.messages], variables, whole=self.whole,
                               name=self.path)
        out = []
        for i, (role, text, engine) in enumerate(self.messages):
            content = engines.render(text, engine, variables, Location(self.path, self.line(i)))
            out.append({"role": role or "user", "content": content.strip("\n")})
        return out


def missing_file(name: str, value: str, where: Location | None) -> ConfigError:
    """A `prompts` entry whose file is not there; text written in its place is named as such."""
    if "\n" in value or "{{" in value or "{%" in value or (" " in value and not re.search(r"\.\w+$", value)):
        return ConfigError(f"prompts.{name} is a path to a prompt file, but {value[:60]!r}"
                           f"{'…' if len(value) > 60 else ''} reads like the prompt's text", where=where,
                           fix=f"put the text in a file (e.g. prompts/{name}.txt) and write its path: "
                               f"`{name}: prompts/{name}.txt`")
    return ConfigError(f"prompt file {value!r} does not exist", where=where,
                       fix="fix the path (relative to lmgate.yaml) or add the file")


def load_prompt(name: str, spec: Mapping[str, Any], *, root: Path, where: Location | None = None) -> ChatTemplate:
    """Read a `prompts.<name>` entry and check it renders as written (raises before any model call)."""
    path = inside_root(root, spec["path"], where)
    if not path.is_file():
        raise missing_file(name, spec["path"], where)
    rel = path.relative_to(root.resolve()).as_posix()
    prompts, problems = read_prompts(path, root, spec.get("format"))
    if problems:
        p = problems[0]
        fix = "fix the file so it parses, or give its format in prompts.<name>.format"
        if p.message == UNKNOWN:
            fix = (f"set prompts.{name}.format to one of: {', '.join(formats.modules())} (a chat as a list of "
                   "{role, content} messages: a .yaml/.chat.yaml starting `- role:`, or a .json)")
        raise InputError(f"cannot read prompt: {p.message}", where=Location(p.path, p.position.line), fix=fix)
    if not prompts:
        raise InputError("the prompt file holds no prompt", where=Location(rel), fix="write the prompt text in it")
    first = _select(prompts, spec.get("select"), name, rel, where)
    messages = tuple((m.role, m.text, m.engine) for m in first.messages)
    source, guessed = f"set by the {first.format} format", False
    if spec.get("engine"):  # validated against engines.NAMES when lmgate.yaml is loaded
        messages = tuple((role, text, spec["engine"]) for role, text, _ in messages)
        source = f"prompts.{name}.engine in lmgate.yaml"
    elif first.format == "plain":
        jinja = any(engine == "jinja2" for _, _, engine in messages)
        source = "the text holds {{ }} or {% %}" if jinja else "no engine: the text holds no {{ }} or {% %}"
        guessed = not jinja
    template = ChatTemplate(name, rel, messages, tuple(m.start.line for m in first.messages), source, guessed,
                            whole=first.metadata.get("chat") == "template")
    template.check()
    return template


def _select(prompts: list, wanted: str | None, name: str, rel: str, where: Location | None):
    """The one prompt a `prompts` entry means: a file holding several must say which, or the rest of
    it (a `---` line in a .txt splits it) would silently never reach the model."""
    names = [p.name for p in prompts]
    if wanted is not None:
        for prompt in prompts:
            if prompt.name == wanted:
                return prompt
        close = difflib.get_close_matches(wanted, names, n=1)
        raise ConfigError(f"prompts.{name}.select: {rel} holds no prompt named {wanted!r}", where=where,
                          fix=(f"did you mean {close[0]!r}? " if close else "") + f"its prompts: {', '.join(names)}")
    if len(prompts) == 1:
        return prompts[0]
    how = " (a .txt is cut at each `---` line, promptfoo's separator)" if prompts[0].format == "promptfoo" else ""
    raise ConfigError(f"{rel} holds {len(prompts)} prompts{how}: {', '.join(names[:10])}"
                      f"{' …' if len(names) > 10 else ''}; a `prompts` entry evaluates one",
                      where=where or Location(rel),
                      fix=f"pick one with `prompts.{name}: {{path: {rel}, select: {names[0]}}}` (one entry per "
                          f"prompt to evaluate several), or add `format: plain` to send the whole file as one prompt")
