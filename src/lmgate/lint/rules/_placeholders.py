"""Where a template's variables are, per engine: the shared half of the SYN and SEC rules.

Each engine fills a different syntax, so "which variables does this message use" has one answer
per engine. Jinja uses its own AST (through the one sandboxed environment); the others are
regular enough for regexes. Positions are character offsets into `Message.text`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lmgate.lint.model import Message, Prompt

_NAME = r"[A-Za-z_][\w-]*"
_IDENT = r"[A-Za-z_]\w*"  # Jinja and f-strings: `a-b` is a subtraction, not a name
PATTERNS: dict[str, re.Pattern[str]] = {
    # {{ name }}, {{ name.attr | filter }}, {% for x in name %}: the first identifier is located
    # with a regex, the set of free names comes from the Jinja AST (see `jinja_names`).
    "jinja2": re.compile(r"\{\{-?\s*(" + _IDENT + r")|\{%-?\s*(?:if|elif|for\s+\w+(?:\s*,\s*\w+)*\s+in)\s+(" +
                         _IDENT + r")"),
    "fstring": re.compile(r"(?<!\{)\{(" + _IDENT + r")(?:[.\[][^{}]*)?(?:![rsa])?(?::[^{}]*)?\}(?!\})"),
    "mustache": re.compile(r"\{\{\{?[#^&]?\s*(" + _NAME + r")[^{}]*\}\}\}?"),
    "handlebars": re.compile(r"\{\{\{?~?(?:#(?:if|unless|each|with)\s+)?\s*(" + _NAME + r")[^{}]*~?\}\}\}?"),
    "ghmodels": re.compile(r"\{\{(" + _NAME + r")\}\}"),
    "vscode": re.compile(r"\$\{input:(" + _NAME + r")(?::[^}]*)?\}"),
    "dollar": re.compile(r"(?<!\$)\$\{(" + _NAME + r")\}"),
}
# Style detectors for SYN005: what each syntax looks like, whatever engine the file declares.
STYLES: dict[str, re.Pattern[str]] = {
    "{{name}}": re.compile(r"\{\{-?\s*" + _NAME + r"[^{}]*\}\}"),
    "{name}": re.compile(r"(?<![{$])\{(" + _NAME + r")\}(?!\})"),
    "${name}": re.compile(r"\$\{(?:input:)?" + _NAME + r"(?::[^}]*)?\}"),
}
# Names an engine provides itself: never a user variable.
BUILTINS = {
    "jinja2": {"loop", "range", "lipsum", "dict", "cycler", "joiner", "namespace", "true", "false", "none",
               "True", "False", "None", "self", "super", "varargs", "kwargs", "caller"},
    "handlebars": {"this", "else", "role", "history", "media", "section", "json", "if", "unless", "each",
                   "with", "lookup", "log", "ifEquals", "unlessEquals"},
    "mustache": {"this"},
    "vscode": set(),
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    start: int   # offset of the whole placeholder in the message text
    end: int


def placeholders(message: Message) -> list[Placeholder]:
    """Every use of a variable in the message, in order (a variable used twice appears twice)."""
    engine = message.engine if message.engine in PATTERNS else "plain"
    if engine == "plain":
        found = [p for pat in ("jinja2", "fstring", "dollar") for p in _scan(message.text, pat)]
        return sorted(found, key=lambda p: p.start)
    out = _scan(message.text, engine)
    if engine == "jinja2":
        names = jinja_names(message.text)
        out = [p for p in out if names is None or p.name in names]
    return out


def _scan(text: str, engine: str) -> list[Placeholder]:
    skip = BUILTINS.get(engine, set())
    out = []
    for match in PATTERNS[engine].finditer(text):
        group = next(i for i in range(1, (match.lastindex or 1) + 1) if match.group(i))
        name = match.group(group)
        if name not in skip:
            out.append(Placeholder(name, match.start(), _end(text, match)))
    return out


def _end(text: str, match: re.Match) -> int:
    # The Jinja pattern stops after the first name: the placeholder ends at its closing delimiter.
    closer = {"{{": "}}", "{%": "%}"}.get(text[match.start():match.start() + 2])
    if closer is None or match.group(0).endswith(closer):
        return match.end()
    close = text.find(closer, match.end())
    return close + 2 if close >= 0 else match.end()


def used_names(message: Message, prompt: Prompt | None = None) -> set[str] | None:
    """The free variables of a message; None when the template does not parse (SYN001 says why).

    promptflow renders a whole file before cutting it at `# user:` lines, so a `{% for %}` over the
    chat history may span messages: a message that does not parse alone is read through the
    whole template, keeping the names that appear in its own text.
    """
    if message.engine != "jinja2":
        return {p.name for p in placeholders(message)}
    names = jinja_names(message.text)
    if names is None and prompt is not None:
        whole = jinja_names(whole_template(prompt))
        if whole is not None:
            return {n for n in whole if re.search(r"\b" + re.escape(n) + r"\b", message.text)}
    return None if names is None else set(names)


def whole_template(prompt: Prompt) -> str:
    return "\n".join(m.text for m in prompt.messages if m.engine == "jinja2")


@functools.lru_cache(maxsize=4096)
def jinja_names(text: str) -> frozenset[str] | None:
    """Names a template reads and never assigns (`{% set %}`, loop targets, macro arguments).

    A walk of the AST rather than `jinja2.meta.find_undeclared_variables`: that one runs the code
    generator, which is 3x slower and fails outright on an unknown filter (SYN007's business).
    """
    from jinja2 import nodes

    ast = jinja_ast(text)
    if ast is None:
        return None
    loads, stores = set(), set()
    for node in ast.find_all(nodes.Name):
        (loads if node.ctx == "load" else stores).add(node.name)
    return frozenset(loads - stores - BUILTINS["jinja2"])


@functools.lru_cache(maxsize=4096)
def jinja_ast(text: str):
    """The parsed template (shared, do not modify), or None on a syntax error. Parsing is the slow part."""
    import jinja2

    from lmgate.templating import environment

    try:
        return environment().parse(text)
    except jinja2.TemplateSyntaxError:
        return None


def first_use(message: Message, name: str) -> int:
    """Offset of the first use of `name`, for a finding's position (0 when it cannot be located)."""
    for p in placeholders(message):
        if p.name == name:
            return p.start
    match = re.search(r"\b" + re.escape(name) + r"\b", message.text)
    return match.start() if match else 0
