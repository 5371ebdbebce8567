"""Reading prompt files: bytes -> text -> the format that knows the file -> `Prompt`s.

Every file is parsed or reported as a ParseProblem (lint shows it as SYN001, eval stops with it);
no input, however hostile (binary, invalid UTF-8, 5 MB, YAML bombs), raises out of here. Nothing
is rendered: a template reaching for Python internals is reported from its syntax tree.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import ModuleType

from jinja2 import nodes

from lmgate.prompts import formats
from lmgate.prompts.model import ParseProblem, Position, Prompt
from lmgate.templating import template_facts

MAX_BYTES = 2 * 1024 * 1024
HEAD_CHARS = 8192
UNKNOWN = ("unknown prompt format: give the file a known suffix (.j2, .prompty, .prompt.yml, .prompt.md, "
           ".prompt, .chat.yaml, .txt, .md …) or map it in lint.formats")
_DUNDER = re.compile(r"[.\[]['\"]?_")


def detect(path: Path, head_text: str) -> ModuleType | None:
    """The first format module (in the registry's order) whose `detect` accepts the file, or None."""
    return next((m for m in formats.modules().values() if m.detect(path, head_text)), None)


def decode(raw: bytes, rel: str) -> tuple[str | None, ParseProblem | None]:
    if len(raw) > MAX_BYTES:
        return None, ParseProblem(rel, f"file is {len(raw):,} bytes; prompt files over {MAX_BYTES:,} bytes "
                                       "are not read")
    if b"\0" in raw[:HEAD_CHARS]:
        return None, ParseProblem(rel, "binary file (NUL bytes): not a prompt")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, ParseProblem(rel, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", Position(line, col))


def read_text(path: Path, rel: str) -> tuple[str, ParseProblem | None]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return "", ParseProblem(rel, f"cannot read file: {exc.strerror}")
    text, problem = decode(raw, rel)
    return text or "", problem


def parse_text(module: ModuleType, rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    try:
        prompts, problems = module.parse(rel, text)
        return prompts, problems + [u for p in prompts for u in unsafe_access(p)]
    except RecursionError:
        return [], [ParseProblem(rel, "the file nests too deeply to read")]
    except Exception as exc:  # a parser bug must not hide the rest of the run; it is still reported
        return [], [ParseProblem(rel, f"{module.NAME} parser failed: {type(exc).__name__}: {exc}")]


def relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def read_prompts(path: Path, root: Path, fmt: str | None = None) -> tuple[list[Prompt], list[ParseProblem]]:
    """Every prompt in one file (any format), or the problems that stopped reading it."""
    rel = relative(path, root)
    text, problem = read_text(path, rel)
    if problem:
        return [], [problem]
    module = formats.get(fmt) if fmt else detect(path, text[:HEAD_CHARS])
    if module is None:
        return [], [ParseProblem(rel, UNKNOWN)]
    return parse_text(module, rel, text)


def unsafe_access(prompt: Prompt) -> list[ParseProblem]:
    """Jinja reaching for Python internals (`''.__class__.__mro__`, SSTI): found in the AST, never run.

    The sandbox would refuse it at render time anyway; reporting it here makes it a SYN001 finding
    on the right line instead of an eval-time error.
    """
    found = []
    for msg in prompt.messages:
        if msg.engine != "jinja2" or "_" not in msg.text or not _DUNDER.search(msg.text):
            continue
        facts = template_facts(msg.text)
        if facts is None:
            continue  # the syntax rule reports it
        for node in facts.tree.find_all((nodes.Getattr, nodes.Getitem)):
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(attr, str) and attr.startswith("_"):
                where = Position(msg.start.line + node.lineno - 1, 1)
                found.append(ParseProblem(prompt.path, f"unsafe template: access to {attr!r} (Python internals) "
                                          "is blocked by the sandbox; prompts may only read variables", where))
                break
    return found
