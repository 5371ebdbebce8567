"""Prompt file formats, one module each, listed explicitly; `read_prompts` is the one entry point.

Every file is parsed or reported as a ParseProblem (which becomes SYN001 with a line); no input,
however hostile (binary, invalid UTF-8, 5 MB, YAML bombs), raises out of here.
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

from lmgate.lint.model import ParseProblem, Position, Prompt

# order matters: the first module whose detect() accepts a file reads it (specific before generic)
MODULES: tuple[str, ...] = ("ghmodels", "vscode", "prompty", "dotprompt", "promptsource", "langchain",
                            "chat_yaml", "openai_chat", "promptfoo", "jinja", "plain")
MAX_BYTES = 2 * 1024 * 1024
HEAD_CHARS = 8192
UNKNOWN = ("unknown prompt format: give the file a known suffix (.j2, .prompty, .prompt.yml, .prompt.md, "
           ".prompt, .txt, .md …) or map it in lint.formats")


@functools.lru_cache(maxsize=1)
def modules() -> dict[str, ModuleType]:
    from lmgate.registry import load_modules

    return {m.NAME: m for m in load_modules(__name__, MODULES)}


def get(name: str, where=None) -> ModuleType:
    from lmgate.registry import Registry

    return Registry("prompt format", modules().items()).get(name, where=where)


def detect(path: Path, head_text: str, overrides: Mapping[str, str] | None = None,
           rel: str | None = None) -> ModuleType | None:
    for pattern, name in (overrides or {}).items():
        if fnmatch.fnmatch(rel or path.name, pattern) or fnmatch.fnmatch(path.name, pattern):
            return get(name)
    return next((m for m in modules().values() if m.detect(path, head_text)), None)


def decode(raw: bytes, rel: str) -> tuple[str | None, ParseProblem | None]:
    if len(raw) > MAX_BYTES:
        return None, ParseProblem(rel, f"file is {len(raw):,} bytes; prompt files over {MAX_BYTES:,} bytes "
                                       "are not linted")
    if b"\0" in raw[:HEAD_CHARS]:
        return None, ParseProblem(rel, "binary file (NUL bytes): not a prompt")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, ParseProblem(rel, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", Position(line, col))


def parse_text(module: ModuleType, rel: str, text: str) -> tuple[list[Prompt], list[ParseProblem]]:
    from lmgate.lint.formats._jinja import unsafe_access

    try:
        prompts, problems = module.parse(rel, text)
        return prompts, problems + [u for p in prompts for u in unsafe_access(p)]
    except RecursionError:
        return [], [ParseProblem(rel, "the file nests too deeply to read")]
    except Exception as exc:  # a parser bug must not hide the rest of the run; it is still reported
        return [], [ParseProblem(rel, f"{module.NAME} parser failed: {type(exc).__name__}: {exc}")]


def relative(path: Path, root: Path) -> str:
    import os

    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def read_prompts(path: Path, root: Path, fmt: str | None = None,
                 overrides: Mapping[str, str] | None = None) -> tuple[list[Prompt], list[ParseProblem]]:
    """Every prompt in one file (any format), or the problems that stopped reading it."""
    rel = relative(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [ParseProblem(rel, f"cannot read file: {exc.strerror}")]
    text, problem = decode(raw, rel)
    if problem:
        return [], [problem]
    module = get(fmt) if fmt else detect(path, text[:HEAD_CHARS], overrides, rel)
    if module is None:
        return [], [ParseProblem(rel, UNKNOWN)]
    return parse_text(module, rel, text)
