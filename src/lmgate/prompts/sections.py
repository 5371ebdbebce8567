"""What several formats share: front matter, role lines, YAML with value positions.

Formats only *parse*: no template is rendered here, so an SSTI payload stays text for the rules.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from lmgate.errors import InputError, Location
from lmgate.prompts.model import Message, ParseProblem, Position, Prompt
from lmgate.yamlfile import MAX_BYTES, load_yaml

ROLES = ("system", "developer", "user", "assistant", "tool", "function")
# promptflow writes `# system:`, Prompty `system:`; both alone on their line. The blanks before and
# after `#` are one run when there is no `#` (`[ \t]*#?[ \t]*` split a line of n blanks in n ways:
# a prompt line of 40,000 spaces took 45 s, one of 2 MiB would take days)
ROLE_LINE = re.compile(r"^[ \t]*(?:#[ \t]*)?(system|developer|user|assistant|tool|function)[ \t]*:[ \t]*\r?$",
                       re.IGNORECASE | re.MULTILINE)
FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]", re.MULTILINE)
_TAG = re.compile(r"\{%-?\s*(end)?(for|if|macro|call|filter|block|with|raw|autoescape|trans|set)\b([^%]*)")
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster on the big corpora


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """(front matter or None, its first line, body, the body's first line)."""
    m = FRONT.match(text)
    if not m:
        return None, 1, text, 1
    return m.group(1), 2, text[m.end():], text[:m.end()].count("\n") + 1


def load_with_nodes(text: str, file: str, loader: type = _BASE, construct: bool = True) -> tuple[Any, Any]:
    """Safe YAML plus the node tree (for value positions).

    Without anchors there can be no alias bomb, and libyaml itself refuses deep nesting, so such
    text is composed directly (lmgate.yamlfile's Python-level guards cost more than the parse on
    a corpus of 2,000 templates); text with anchors goes through the guarded `load_yaml`.
    """
    if _ANCHOR.search(text) is None and len(text) <= MAX_BYTES:
        parser = loader(text)
        try:
            node = parser.get_single_node()
            data = parser.construct_document(node) if construct and node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise InputError(f"malformed YAML: {exc.problem or exc.context or 'cannot parse'}",
                             where=Location(file, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1),
                             fix="check indentation, quoting and colons near this line") from exc
        except yaml.YAMLError as exc:
            raise InputError(f"malformed YAML: {exc}", where=Location(file)) from exc
        finally:
            parser.dispose()
        return data, node
    captured: list = []

    class _Capture(loader):  # type: ignore[misc, valid-type]
        def construct_document(self, node):
            captured.append(node)
            return super().construct_document(node)

    doc = load_yaml(text, file, loader=_Capture)
    return doc.data, (captured[0] if captured else None)


def plain(node: Any) -> Any:
    """Node -> Python without tag resolution (scalars stay text): fast for read-only walks."""
    if isinstance(node, yaml.MappingNode):
        return {k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark): plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain(v) for v in node.value]
    return None if node is None else node.value


def yaml_problem(path: str, exc: InputError, line_offset: int = 0) -> ParseProblem:
    line = (exc.where.line or 1) + line_offset if exc.where else 1 + line_offset
    col = (exc.where.col or 1) if exc.where else 1
    return ParseProblem(path, exc.message, Position(line, col))


def front_matter(path: str, front: str | None, front_line: int) -> tuple[dict, ParseProblem | None]:
    """The front matter as a mapping ({} when absent), or the problem that stops the file."""
    if front is None:
        return {}, None
    try:
        meta, _ = load_with_nodes(front, path)
    except InputError as exc:
        return {}, yaml_problem(path, exc, front_line - 1)
    if meta is not None and not isinstance(meta, dict):
        return {}, ParseProblem(path, "front matter should be a mapping of keys", Position(front_line))
    return meta or {}, None


def child(node: yaml.Node | None, *keys: Any) -> yaml.Node | None:
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return None
    return node


def value_start(node: yaml.Node | None, lines: list[str], line_offset: int = 0) -> Position:
    """Where a scalar's text begins in the file (block scalars start on the next line)."""
    if node is None:
        return Position(1 + line_offset, 1)
    line, col = node.start_mark.line, node.start_mark.column
    style = getattr(node, "style", None)
    if style in ("|", ">") and line + 1 < len(lines):
        nxt = lines[line + 1]
        return Position(line + 2 + line_offset, len(nxt) - len(nxt.lstrip(" ")) + 1)
    return Position(line + 1 + line_offset, col + (2 if style in ("'", '"') else 1))


def block_depth(text: str, offset: int) -> int:
    """How many Jinja blocks (`{% for %}`, `{% if %}` …) are open at `offset`.

    promptflow and PromptSource render the whole template and only then cut it at role lines or
    `|||`; a cut inside a block (chat history in a `{% for %}`) would leave halves that do not parse.
    """
    depth = 0
    for m in _TAG.finditer(text, 0, offset):
        if m.group(2) == "set" and "=" in m.group(3):
            continue  # `{% set x = 1 %}` opens nothing
        depth += -1 if m.group(1) else 1
    return max(depth, 0)


def split_roles(text: str, start: Position, default_role: str, engine: str) -> tuple[Message, ...]:
    """Cut a body at top-level role lines (`system:` / `# user:`); text before the first goes to
    default_role, and a role line inside a Jinja block stays part of the message around it."""
    marks = list(ROLE_LINE.finditer(text))
    if marks and "{%" in text:
        marks = [m for m in marks if block_depth(text, m.start()) == 0]
    if not marks:
        return (Message(default_role, text, start, engine),)
    out: list[Message] = []
    head = text[:marks[0].start()]
    if head.strip():
        out.append(Message(default_role, head, start, engine))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body_at = min(m.end() + 1, len(text))
        line = start.line + text.count("\n", 0, body_at)
        out.append(Message(m.group(1).lower(), text[body_at:end], Position(line, 1), engine))
    return tuple(out)


def one_prompt(path: str, fmt: str, messages: tuple[Message, ...], **kw: Any) -> list[Prompt]:
    name = path.rsplit("/", 1)[-1].split(".", 1)[0] or path
    return [Prompt(path=path, format=fmt, name=kw.pop("name", None) or name, messages=messages, **kw)]


def names(value: Any) -> frozenset[str] | None:
    """Declared inputs from a mapping (keys) or a list (of names or {name: ...} items)."""
    if isinstance(value, dict):
        return frozenset(str(k) for k in value)
    if isinstance(value, list):
        return frozenset(str(v.get("name")) if isinstance(v, dict) else str(v) for v in value)
    return None
