"""Template engines: the placeholder syntax each one fills, its variables, how lmgate renders it,
and the placeholders it would leave as written.

A prompt file's format says which engine fills its messages (Prompty `template.type`, LangChain
`template_format`, Dotprompt's Handlebars, GitHub Models' exact `{{name}}`); a plain `.txt`/`.md`
file is Jinja when it holds `{{ }}` or `{% %}` (promptfoo renders such files with Nunjucks) and
text sent as written otherwise; `prompts.<name>.engine` in lmgate.yaml overrides both. Only Jinja
runs code, and only in lmgate.templating's sandbox; every other engine substitutes names.

Lint and eval read placeholders through this module, so a variable lint reports is the variable
eval fills, and a placeholder lint flags as unfilled is one eval refuses to send.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes

from lmgate import nunjucks
from lmgate.errors import Location, TemplateError
from lmgate.prompts.model import Message, Prompt
from lmgate.templating import environment, syntax_error, template_facts
from lmgate.templating import render as render_jinja

# every engine lmgate renders; `plain` sends the text as written; `nunjucks` is Jinja's syntax with
# promptfoo's (JavaScript's) meaning (lmgate.nunjucks), for prompts imported from promptfoo
NAMES = ("jinja2", "fstring", "dollar", "mustache", "handlebars", "ghmodels", "vscode", "plain", "nunjucks")

_NAME = r"[A-Za-z_][\w-]*"  # Mustache, Handlebars, GitHub Models and VS Code names may hold `-`
_IDENT = r"[A-Za-z_]\w*"    # Jinja and f-strings: `a-b` is a subtraction, not a name

# Where each engine's placeholders are (group: the variable's name), for positions and the rules.
PATTERNS: dict[str, re.Pattern[str]] = {
    # {{ name }}, {{ name.attr | filter }}, {% for x in name %}: the first identifier is located with a
    # regex (Jinja's AST has lines, not columns); which names are variables is jinja2.meta's call
    "jinja2": re.compile(r"\{\{-?\s*(" + _IDENT + r")|\{%-?\s*(?:if|elif|for\s+\w+(?:\s*,\s*\w+)*\s+in)\s+(" +
                         _IDENT + r")"),
    "fstring": re.compile(r"(?<!\{)\{(" + _IDENT + r")(?:[.\[][^{}]*)?(?:![rsa])?(?::[^{}]*)?\}(?!\})"),
    "mustache": re.compile(r"\{\{\{?[#^&]?\s*(" + _NAME + r")[^{}]*\}\}\}?"),
    "handlebars": re.compile(r"\{\{\{?~?(?:#(?:if|unless|each|with)\s+)?\s*(" + _NAME + r")[^{}]*~?\}\}\}?"),
    "ghmodels": re.compile(r"\{\{(" + _NAME + r")\}\}"),
    "vscode": re.compile(r"\$\{input:(" + _NAME + r")(?::[^}]*)?\}"),
    "dollar": re.compile(r"(?<!\$)\$(?:\{(" + _IDENT + r")\}|(" + _IDENT + r"))"),
}
PATTERNS["nunjucks"] = PATTERNS["jinja2"]
# What each placeholder syntax looks like, whatever engine the file declares.
STYLES: dict[str, re.Pattern[str]] = {
    "{{name}}": re.compile(r"\{\{-?\s*" + _NAME + r"[^{}]*\}\}"),
    "{name}": re.compile(r"(?<![{$])\{(" + _NAME + r")\}(?!\})"),
    "${name}": re.compile(r"\$\{(?:input:)?" + _NAME + r"(?::[^}]*)?\}"),
}
# Placeholders that would reach the model as written, where they are an error before any model call:
# in Jinja (`{% raw %}` keeps text as written on purpose), and in a plain text no one gave an engine.
# Engines someone chose have their own escapes (`{{x}}` is an f-string's literal `{x}`), so they are
# left to lint. `{name}` right after a letter, backslash or brace is LaTeX (`\boxed{answer}`,
# `\frac{a}{b}`) or code, not a placeholder.
UNFILLED: dict[str, re.Pattern[str]] = {
    "{{name}}": STYLES["{{name}}"],
    "{name}": re.compile(r"(?<![\w\\{}$])\{(" + _NAME + r")\}(?!\})"),
    "${name}": STYLES["${name}"],
}
LEAVES: dict[str, tuple[str, ...]] = {"jinja2": ("{name}", "${name}"), "plain": ("{{name}}", "{name}", "${name}")}
# Names an engine provides itself: never a variable of the caller.
BUILTINS = {
    "handlebars": {"this", "else", "role", "history", "media", "section", "json", "if", "unless", "each",
                   "with", "lookup", "log", "ifEquals", "unlessEquals"},
    "mustache": {"this"},
}
_MUSTACHE_TAG = re.compile(r"\{\{(\{?)(.*?)\}?\}\}", re.DOTALL)
_FSTRING_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_BRACED_DOLLAR = re.compile(r"(?<!\$)\$\{(" + _NAME + r")\}")
_TRIPLE = re.compile(r"\{\{\{[&~]?\s*(" + _NAME + r")\s*~?\}\}\}")
_EXACT = re.compile(r"\{\{(" + _NAME + r")\}\}")
_DOUBLE = re.compile(r"\{\{([^{}]*)\}\}")


@dataclass(frozen=True)
class Placeholder:
    name: str
    start: int   # offset of the whole placeholder in the text
    end: int


@dataclass(frozen=True)
class Problem:
    """Why a template cannot be rendered as written: its line (1-based, in the template), what, the fix."""

    line: int
    message: str
    fix: str


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def placeholders(text: str, engine: str) -> tuple[Placeholder, ...]:
    """Every use of a variable in the text, in order (a variable used twice appears twice)."""
    return _placeholders(engine if engine in PATTERNS else "plain", text)


@functools.lru_cache(maxsize=8192)  # several rules ask for the same message's placeholders
def _placeholders(engine: str, text: str) -> tuple[Placeholder, ...]:
    if engine == "plain":  # no engine fills them, but they are where the text expects a value
        found = _scan(text, "fstring") + _scan(text, "plain", _BRACED_DOLLAR)
        return tuple(sorted(found, key=lambda p: p.start))
    if engine != "jinja2":
        return tuple(_scan(text, engine))
    if "{" not in text:
        return ()  # every Jinja tag opens with a brace: nothing to read
    names = variables(text, engine)
    if names is not None and not names:
        return ()
    return tuple(p for p in _scan(text, engine) if names is None or p.name in names)


def _scan(text: str, engine: str, pattern: re.Pattern[str] | None = None) -> list[Placeholder]:
    skip = BUILTINS.get(engine, set())
    out: list[Placeholder] = []
    closes: dict[str, int] = {}
    for match in (pattern or PATTERNS[engine]).finditer(text):
        name = match.group(match.lastindex or 1)  # each branch of a pattern captures one name
        if name not in skip:
            out.append(Placeholder(name, match.start(), _end(text, match, closes)))
    return out


def _end(text: str, match: re.Match, closes: dict[str, int]) -> int:
    """The Jinja pattern stops after the first name: the placeholder ends at its closing delimiter.

    `closes` holds the last closer found (or -1: none after that point): matches come in order, so
    it stays right until a match passes it. Searching afresh for each of n unclosed `{{ a` read to
    the end of the text n times: 12 s for a prompt of 80,000 of them, hours for one of 2 MiB."""
    closer = {"{{": "}}", "{%": "%}"}.get(text[match.start():match.start() + 2])
    if closer is None or match.group(0).endswith(closer):
        return match.end()
    close = closes.get(closer)
    if close is None or 0 <= close < match.end():
        close = closes[closer] = text.find(closer, match.end())
    return close + 2 if close >= 0 else match.end()


def variables(text: str, engine: str) -> frozenset[str] | None:
    """The names the caller must supply; None for a Jinja template that does not parse."""
    if engine == "jinja2":
        facts = template_facts(text)
        return None if facts is None else facts.variables
    if engine in ("plain", "nunjucks"):  # nunjucks: a variable an item lacks renders as nothing, as in promptfoo
        return frozenset()
    if engine == "fstring":
        try:
            return frozenset(field for _, field, _, _ in _fstring_fields(text))
        except ValueError:
            pass  # problems() reports it; the names the regex sees are the best guess
    if engine == "dollar":  # as string.Template reads them (render fills them the same way)
        return frozenset(m.group("named") or m.group("braced") for m in string.Template.pattern.finditer(text)
                         if m.group("named") or m.group("braced"))
    return frozenset(p.name for p in placeholders(text, engine))


def problems(text: str, engine: str, *, declared: bool = True) -> list[Problem]:
    """What stops the text from rendering as written: a syntax the engine refuses, a construct lmgate
    does not render, or a placeholder the engine would leave for the model to see raw. `declared`:
    the engine was chosen (by the format or the config), not guessed; an undeclared `plain` text
    with `{x}` or `${x}` has no engine that fills them."""
    if engine == "plain" and declared:
        return []
    found = {"jinja2": _jinja_problems, "fstring": _fstring_problems, "mustache": _mustache_problems,
             "handlebars": _mustache_problems, "ghmodels": _ghmodels_problems,
             "nunjucks": _nunjucks_problems}.get(engine, lambda _t: [])(text)
    if found and engine == "jinja2":
        return found  # a template that does not compile cannot be read for raw placeholders
    return found + _left_as_written(text, engine, _literal_parts(text, engine))


def _literal_parts(text: str, engine: str) -> list[tuple[int, str]]:
    """(line, text) of the parts an engine copies to the output unchanged."""
    if engine != "jinja2":
        return [(1, text)]
    parts, raw = [], False
    # Environment.lex yields the template's tokens with their lines, `raw` blocks included
    for line, kind, value in environment().lex(text):
        if kind == "raw_begin" or kind == "raw_end":
            raw = kind == "raw_begin"
        elif kind == "data" and not raw:
            parts.append((line, value))
    return parts


_JINJA_FIX = ("write it as {{{{ {name} }}}}, or put it inside {{% raw %}}…{{% endraw %}} if the model should "
              "see it as written")


def _numbered(pattern: re.Pattern[str], part: str, first: int) -> Iterator[tuple[int, re.Match[str]]]:
    """Each match of `pattern` in `part` (which starts on line `first`) with its line, the lines counted
    as the matches go: counting each one's from the top is quadratic on a prompt of many findings."""
    line, counted = first, 0
    for m in pattern.finditer(part):
        line, counted = line + part.count("\n", counted, m.start()), m.start()
        yield line, m


def _left_as_written(text: str, engine: str, parts: list[tuple[int, str]]) -> list[Problem]:
    found = []
    for style in LEAVES.get(engine, ()):
        for first, part in parts:
            for line, m in _numbered(UNFILLED[style], part, first):
                raw = m.group(0)
                name = re.search(_NAME, raw).group(0)  # type: ignore[union-attr]  # every style holds a name
                if engine == "jinja2":
                    how = _JINJA_FIX.format(name=name)
                else:
                    how = "name the engine that fills it in lmgate.yaml (prompts.<name>.engine: fstring, dollar …), " \
                          "write it as {{ " + name + " }}, or set `engine: plain` to send the text as written"
                found.append(Problem(line,
                                     f"'{raw}' is not a placeholder {engine} fills: the model would see it as written",
                                     how))
    return sorted(found, key=lambda p: p.line)


def stray_placeholders(text: str, engine: str, names: frozenset[str] | set[str]) -> list[Problem]:
    """Placeholders of another syntax naming a variable the items do have: `$q`, `<q>`, `{ q }`,
    `%(q)s` in a Jinja text or a plain one no engine was chosen for. Only known names are read as
    placeholders, so `$5`, `<answer>` or a LaTeX `$x^2$` stay text; `<q>` with a `</q>` is a tag."""
    if engine not in ("jinja2", "plain") or not names:
        return []
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w$\\])\$(?P<dollar>{alternatives})(?![\w{{])"
                         rf"|<(?P<angle>{alternatives})>"
                         rf"|(?<!\{{)\{{(?:\s+(?P<spaced>{alternatives})\s*|\s*(?P<spaced2>{alternatives})\s+)\}}(?!\}})"
                         rf"|%\((?P<percent>{alternatives})\)[sdrfi]")
    found = []
    for first, part in _literal_parts(text, engine):
        for line, m in _numbered(pattern, part, first):
            name = next(v for v in m.groupdict().values() if v)
            if m.group("angle") and f"</{name}>" in text:
                continue  # an XML-style tag around a value, not a placeholder
            if m.group("dollar") and _looks_like_math(part, m.end()):
                continue  # LaTeX math: `$x^2$`, `$x + 1$`
            raw = m.group(0)
            if engine == "jinja2":
                how = _JINJA_FIX.format(name=name)
            else:
                how = f"write it as {{{{ {name} }}}} (the file is then read as Jinja), or set `engine: plain` in " \
                      "lmgate.yaml to send the text as written"
            found.append(Problem(line,
                                 f"'{raw}' is not a placeholder {engine} fills, but {name!r} is a variable the "
                                 "items have: the model would see it as written", how))
    return sorted(found, key=lambda p: p.line)


_MATH_WINDOW = 200  # an inline formula closes its `$` within a line's reach; looking further is quadratic


def _looks_like_math(text: str, after: int) -> bool:
    """`$q` opening inline LaTeX: a sub/superscript or bracket right after it, or an operator before the
    closing `$` on the same line. Only a bounded window is read, so a prompt of many `$q` on one long line
    costs linear time (a regex over the rest of the text took minutes on 100 KB)."""
    window = text[after:after + _MATH_WINDOW].split("\n", 1)[0]
    if window[:1] in ("^", "_", "$", "(", "\\"):
        return True
    formula, closed, _ = window.partition("$")
    return bool(closed) and any(c in formula for c in "=+^\\")


def _jinja_problems(text: str) -> list[Problem]:
    error = syntax_error(text)
    if error is not None:
        triple = _TRIPLE.search(text)
        if triple:  # Jinja reads `{{{q}}}` as a dict literal, and says only "expected token ':'"
            return [Problem(line_at(text, triple.start()), f"'{triple.group(0)}' is Mustache/Handlebars' triple "
                            f"brace, which Jinja cannot read (template syntax error: {error.message})",
                            f"write it as {{{{ {triple.group(1)} }}}}, or set the engine that fills it in lmgate.yaml "
                            "(prompts.<name>.engine: mustache)")]
        return [Problem(error.line, f"template syntax error: {error.message}",
                        "fix the Jinja syntax: close every {{ }}, {% %} and block tag")]
    facts = template_facts(text)
    found = [Problem(line, f"unknown Jinja {kind} '{name}'",
                     f"use a built-in Jinja {kind}: prompts render in a plain sandboxed Jinja environment")
             for kind, name, line in (facts.unknown() if facts else ())]
    # the sandbox has no template loader: {% include %} and the like compile, then fail every item
    found += [Problem(node.lineno, f"{{% {_LOADING[type(node)]} %}} reads another template file, which lmgate does "
                      "not load (each prompt renders on its own): every item would fail with a template error",
                      "paste the other file's text here, or write the shared part as a {% macro %} in this file")
              for node in (facts.tree.find_all(tuple(_LOADING)) if facts else ())]
    return sorted(found, key=lambda p: p.line)


_LOADING = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
            nodes.Extends: "extends"}


def _nunjucks_problems(text: str) -> list[Problem]:
    problem = nunjucks.problem(text)
    return [] if problem is None else [Problem(problem.where.line or 1, problem.message, problem.fix or "")]


def _fstring_fields(text: str) -> list[tuple[int, str, str, str | None]]:
    """(line, field, format spec, conversion) of each replacement field, as the standard library reads
    the format string (`string.Formatter.parse`); a ValueError when it does not parse."""
    line, fields = 1, []
    for literal, field, spec, conversion in string.Formatter().parse(text):
        line += literal.count("\n")  # an escaped `{{` reads as one brace, but newlines stay as many
        if field is not None:
            fields.append((line, field, spec or "", conversion))
            line += field.count("\n") + (spec or "").count("\n")
    return fields


def _fstring_problems(text: str) -> list[Problem]:
    try:
        fields = _fstring_fields(text)
    except ValueError as exc:
        lone = next((m for m in _FSTRING_TOKEN.finditer(text) if m.group(0) in "{}"), None)
        return [Problem(line_at(text, lone.start() if lone else 0), f"f-string template does not parse: {exc}",
                        "write a literal brace as `{{` or `}}`")]
    found = []
    for line, field, spec, conversion in fields:
        if not re.fullmatch(_IDENT, field) or spec or conversion:
            written = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            found.append(Problem(line, f"'{written}': lmgate fills only {{name}} placeholders in f-string templates "
                                 "(no positions, attributes, indexes, conversions or format specs)",
                                 "write a literal brace as `{{` or `}}`, or put the value in a dataset field and "
                                 "write {field}"))
    return found


def _mustache_problems(text: str) -> list[Problem]:
    found = []
    for m in _MUSTACHE_TAG.finditer(text):
        inner = m.group(2).strip().strip("~&").strip()
        if inner.startswith("!") or re.fullmatch(_NAME, inner):
            continue
        found.append(Problem(line_at(text, m.start()), f"'{m.group(0)}': lmgate renders only {{{{name}}}} "
                             "placeholders of Mustache/Handlebars templates (no sections, partials or helpers)",
                             "use `engine: jinja2` in lmgate.yaml and write sections as {% if %} / {% for %}"))
    return found


def _ghmodels_problems(text: str) -> list[Problem]:
    found = []
    for m in _DOUBLE.finditer(text):
        name = re.match(r"\s*([\w-]*)", m.group(1)).group(1)  # type: ignore[union-attr]
        if name and not re.fullmatch(r"[\w-]+", m.group(1)):
            found.append(Problem(line_at(text, m.start()), f"GitHub Models fills only exact {{{{{name}}}}}; "
                                 f"'{m.group(0)}' stays as written",
                                 f"write {{{{{name}}}}} with no spaces or expressions"))
    return found


def render(text: str, engine: str, values: Mapping[str, Any], where: Location) -> str:
    """The text with its placeholders filled; a TemplateError names a variable the values lack."""
    if engine == "jinja2":
        return render_jinja(text, values, where.file, where.line)
    if engine == "nunjucks":
        return nunjucks.render(text, nunjucks.prepare_variables(values, render_values=False), where.file)
    if engine == "plain":
        return text

    def value(name: str, at: int) -> str:  # `at`: the offset of the placeholder, or (f-strings) lines before it
        if name not in values:
            before = at if engine == "fstring" else text.count("\n", 0, at)
            raise TemplateError(f"the prompt uses {name!r}, which this item does not have",
                                where=Location(where.file, (where.line or 1) + before),
                                fix="add the field to every dataset item or to the suite's `vars`")
        return str(values[name])

    if engine == "fstring":  # the fields as string.Formatter reads them: problems() allows only {name}
        out, line = [], 0
        for literal, field, _, _ in string.Formatter().parse(text):
            out.append(literal)
            line += literal.count("\n")
            if field is not None:
                out.append(value(field, line))
        return "".join(out)
    if engine == "dollar":  # string.Template's syntax: $name, ${name}, $$ for a dollar sign
        for m in string.Template.pattern.finditer(text):
            if m.group("named") or m.group("braced"):
                value(m.group("named") or m.group("braced"), m.start())
        return string.Template(text).safe_substitute(values)
    if engine == "ghmodels":
        return _EXACT.sub(lambda m: value(m.group(1), m.start()), text)
    if engine == "vscode":
        return PATTERNS["vscode"].sub(lambda m: value(m.group(1), m.start()), text)
    # Mustache and Handlebars: names filled as they are (a prompt is not HTML), comments dropped
    return _MUSTACHE_TAG.sub(lambda m: "" if m.group(2).strip().strip("~&").strip().startswith("!")
                             else value(m.group(2).strip().strip("~&").strip(), m.start()), text)


# The variables of a message within its prompt: promptflow renders a whole file before cutting it at
# `# user:` lines, so a `{% for %}` over the chat history may span messages, and a message that does
# not parse alone is read through the whole template.

def used_names(message: Message, prompt: Prompt | None = None) -> set[str] | None:
    """The free variables of a message; None when the template does not parse (SYN001 says why)."""
    if message.engine != "jinja2":
        return {p.name for p in placeholders(message.text, message.engine)}
    names = variables(message.text, "jinja2")
    if names is None and prompt is not None:
        whole = variables(whole_template(prompt), "jinja2")
        if whole is not None:
            return {n for n in whole if re.search(r"\b" + re.escape(n) + r"\b", message.text)}
    return None if names is None else set(names)


def whole_template(prompt: Prompt) -> str:
    return "\n".join(m.text for m in prompt.messages if m.engine == "jinja2")


def first_use(message: Message, name: str) -> int:
    """Offset of the first use of `name`, for a finding's position (0 when it cannot be located)."""
    for p in placeholders(message.text, message.engine):
        if p.name == name:
            return p.start
    match = re.search(r"\b" + re.escape(name) + r"\b", message.text)
    return match.start() if match else 0
