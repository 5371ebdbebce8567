"""Where a template's variables are, per engine: the shared half of the SYN and SEC rules.

Each engine fills a different syntax, so "which variables does this message use" has one answer
per engine. Jinja uses its own AST (through the one sandboxed environment); the others are
regular enough for regexes. Positions are character offsets into `Message.text`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lmgate.prompts.model import Message, Prompt
from lmgate.templating import template_facts

_NAME = r"[A-Za-z_][\w-]*"
_IDENT = r"[A-Za-z_]\w*"  # Jinja and f-strings: `a-b` is a subtraction, not a name
PATTERNS: dict[str, re.Pattern[str]] = {
    # {{ name }}, {{ name.attr | filter }}, {% for x in name %}: the first identifier is located
    # with a regex (Jinja's AST has lines, not columns); which names are variables is jinja2.meta's call.
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
    return list(_placeholders(engine, message.text))


@functools.lru_cache(maxsize=8192)  # several rules ask for the same message's placeholders
def _placeholders(engine: str, text: str) -> tuple[Placeholder, ...]:
    if engine == "plain":
        found = [p for pat in ("jinja2", "fstring", "dollar") for p in _scan(text, pat)]
        return tuple(sorted(found, key=lambda p: p.start))
    if engine != "jinja2":
        return tuple(_scan(text, engine))
    if "{" not in text:
        return ()  # every Jinja tag opens with a brace: nothing to read
    names = jinja_names(text)
    if names is not None and not names:
        return ()  # nothing free to find (no placeholder at all, most often)
    return tuple(p for p in _scan(text, engine) if names is None or p.name in names)


def _scan(text: str, engine: str) -> list[Placeholder]:
    skip = BUILTINS.get(engine, set())
    out = []
    for match in PATTERNS[engine].finditer(text):
        name = match.group(match.lastindex or 1)  # each branch of a pattern captures one name
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


def jinja_names(text: str) -> frozenset[str] | None:
    """The variables a Jinja template reads from its caller; None when it does not parse."""
    facts = template_facts(text)
    return None if facts is None else facts.variables


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


def first_use(message: Message, name: str) -> int:
    """Offset of the first use of `name`, for a finding's position (0 when it cannot be located)."""
    for p in placeholders(message):
        if p.name == name:
            return p.start
    match = re.search(r"\b" + re.escape(name) + r"\b", message.text)
    return match.start() if match else 0

