"""promptfoo prompts -> lmgate chat prompt files (`*.chat.yaml`, rendered with `engine: nunjucks`).

Read as promptfoo 0.123 reads them: an inline string (a string that names an existing file, or a
glob, is that file instead); `.txt` files split at lines that are `---` with each part trimmed;
`.md` and `.j2` files whole; `.json` files re-serialised compactly when they parse; `.jsonl` one
prompt per line; `.yaml` files converted to compact JSON; `.csv` files (a `prompt` column, an
optional `label`); labels and ids as promptfoo derives them (per-provider and per-test `prompts`
filters match them).

Rendering then follows one of promptfoo's two paths, decided on the raw text:
- raw text that is JSON (a chat prompt) is parsed first and each string in it rendered alone, so
  a variable holding quotes or newlines cannot break the JSON: written as `messages:`;
- any other text is rendered whole and then read as a chat when it renders to a JSON message
  list (or YAML starting `- role:`), else sent as one user message: written as `template:`.
Prompt functions (`.py`/`.js` files, `exec:`) and prompt-level `config` cannot be carried over.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location
from lmgate.importers.promptfoo_config import (
    SCRIPT_SUFFIXES,
    PromptfooConfig,
    parse_json_strict,
    read_csv_rows,
    resolve_files,
    strip_scheme,
)
from lmgate.importers.report import Report
from lmgate.nunjucks import json_stringify

PROMPT_DELIMITER = "---"
FILE_SUFFIXES = (".txt", ".md", ".j2", ".json", ".jsonl", ".yaml", ".yml", ".csv")
MESSAGE_KEYS = {"role", "content"}


@dataclass(frozen=True)
class PfPrompt:
    raw: str
    label: str
    id: str | None
    where: Location
    name: str                       # the lmgate `prompts` key (unique)
    config: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class ChatPrompt:
    """What an lmgate `*.chat.yaml` prompt file holds."""

    messages: tuple[tuple[str, str], ...] | None = None   # (role, content template): parsed-first JSON
    template: str | None = None                            # rendered whole, then read as a chat or text


def read_prompts(config: PromptfooConfig, report: Report) -> list[PfPrompt]:
    raw_prompts = config.data["prompts"]
    entries: list[tuple[dict, Location]] = []
    if isinstance(raw_prompts, str):
        entries.append(({"raw": raw_prompts}, config.where("prompts")))
    elif isinstance(raw_prompts, list):
        for i, item in enumerate(raw_prompts):
            where = config.where("prompts", i)
            if isinstance(item, str):
                entries.append(({"raw": item}, where))
            elif isinstance(item, Mapping):
                entries.append(({**item, "raw": item.get("raw") or item.get("id")}, where))
            else:
                report.unsupported("prompt", f"a prompt is a string or a mapping, not {type(item).__name__}", where)
    elif isinstance(raw_prompts, Mapping):  # {path or text: label}
        entries += [({"raw": raw, "label": label}, config.where("prompts", raw)) for raw, label in raw_prompts.items()]
    out: list[PfPrompt] = []
    names: set[str] = set()
    for entry, where in entries:
        for raw, label, pid, stem in _expand(entry, where, config, report):
            name = _unique(_slug(entry.get("label") or stem or f"prompt{len(out) + 1}"), names)
            out.append(PfPrompt(raw, label, pid, where, name, entry.get("config")))
            if entry.get("config"):
                report.unsupported(f"prompt {label!r} config", "prompt-level provider settings "
                                   f"({', '.join(map(str, entry['config']))}) are not carried over", where)
    return out


def _expand(entry: dict, where: Location, config: PromptfooConfig,
            report: Report) -> list[tuple[str, str, str | None, str | None]]:
    """(raw, label, id, file stem) of each prompt one entry stands for."""
    raw = entry.get("raw")
    label, pid = entry.get("label"), entry.get("id")
    if not isinstance(raw, str):
        report.unsupported("prompt", "a prompt without `raw` text or a file `id`", where)
        return []
    if raw.startswith("exec:") or entry.get("function"):
        report.unsupported(f"prompt {raw[:40]!r}", "prompt functions and exec: prompts run code to build the "
                           "prompt; write the prompt they produce as a file", where)
        return []
    files = _files(raw, config, where)
    script = re.fullmatch(r"(?:file://)?(\S+\.(?:py|js|cjs|mjs|ts|cts|mts|rb|go))(?::\w+)?", raw)
    if not files and script:
        report.unsupported(f"prompt {raw}", "prompt functions (.py/.js) build prompts with code; lmgate needs "
                           "the prompt text", where)
        return []
    if not files and raw.startswith("file://"):
        raise InputError(f"no prompt file matches {raw!r}", where=where,
                         fix="fix the path: promptfoo resolves it against the folder of the config")
    if not files:
        return [(raw, label if label is not None else raw, pid, None)]
    out = []
    for path in files:
        display = config.display(path)  # promptfoo's label: the path as given, run from the config's folder
        suffix = path.suffix.lower()
        if suffix in SCRIPT_SUFFIXES or suffix not in FILE_SUFFIXES:
            report.unsupported(f"prompt file {config.display(path)}",
                               "prompt functions (.py/.js) build prompts with code; lmgate needs the text"
                               if suffix in SCRIPT_SUFFIXES else f"promptfoo reads no prompts from {suffix} files",
                               where)
            continue
        for part_raw, part_label in _read_file(path, suffix, label, display, config, where):
            out.append((part_raw, part_label, None, path.name.split(".")[0]))  # file prompts drop their id
    return out


def _files(raw: str, config: PromptfooConfig, where: Location) -> list[Path]:
    """The files a prompt string names; none when it is prompt text (also when no such file exists)."""
    if "\n" in raw:
        return []
    target = strip_scheme(raw)
    if not raw.startswith("file://") and not _looks_like_path(target):
        return []
    if re.search(r"\.(py|js|cjs|mjs|ts|cts|mts|rb|go):\w+$", target):
        target = target.rsplit(":", 1)[0]  # `file.py:function`
    return resolve_files(config.base, target, where, root=config.root, required=False)


def _looks_like_path(text: str) -> bool:
    return (text.endswith(FILE_SUFFIXES + SCRIPT_SUFFIXES) or "/" in text or "\\" in text or "*" in text or
            text[-3:-2] == "." or text[-4:-3] == ".")


def _read_file(path: Path, suffix: str, label: str | None, display: str, config: PromptfooConfig,
               where: Location) -> list[tuple[str, str]]:
    if suffix in (".yaml", ".yml"):
        source = config.read_source(path, where)
        text = _compact_json(source.data)
        return [(text, label or f"{display}: {text[:80]}")]
    text = config.read_text(path, where)
    if suffix == ".txt":
        parts, buffer = [], []
        for line in re.split(r"\r?\n", text):
            if line.strip() == PROMPT_DELIMITER:
                parts.append("\n".join(buffer).strip())
                buffer = []
            else:
                buffer.append(line)
        parts.append("\n".join(buffer).strip())
        return [(p, f"{label}: {display}: {p}" if label else f"{display}: {p}") for p in parts if p]
    if suffix in (".md", ".j2"):
        return [(text, label or f"{display}: {text[:50]}...")]
    if suffix == ".json":
        ok, value = parse_json_strict(text)
        contents = _compact_json(value) if ok else text
        return [(contents, label or f"{display}: {contents}")]
    if suffix == ".jsonl":
        lines = [ln for ln in re.split(r"\r?\n", text) if ln]
        many = len(lines) > 1
        return [(ln, (f"{label}: {ln}" if label else f"{display}: {ln}") if many else (label or display))
                for ln in lines]
    rows = read_csv_rows(text, config.display(path))
    if rows and "prompt" in rows[0]:
        chosen = [(r["prompt"].strip(), (r.get("label") or "").strip()) for r in rows if r.get("prompt", "").strip()]
    else:
        lines = [ln for ln in re.split(r"\r?\n", text) if ln.strip()]
        chosen = [(ln, "") for ln in (lines[1:] if lines and lines[0].strip().lower() == "prompt" else lines)]
    many = len(chosen) > 1
    return [(p, lab or ((f"{label}: {p}" if many else label) if label else f"Prompt {i + 1} - {p}"))
            for i, (p, lab) in enumerate(chosen)]


def _compact_json(value: Any) -> str:
    return json_stringify(value) or ""


def to_chat(raw: str, where: Location, report: Report, construct: str) -> ChatPrompt | None:
    """The lmgate prompt for promptfoo's raw prompt text (prefix and suffix already applied)."""
    ok, value = parse_json_strict(raw)
    if not ok:
        return ChatPrompt(template=raw)
    if not isinstance(value, list) or not value:
        report.unsupported(construct, "the prompt is JSON but not a list of chat messages; promptfoo would "
                           "send it to the provider as the `messages` value itself", where)
        return None
    messages = []
    for i, message in enumerate(value):
        if not isinstance(message, Mapping) or not isinstance(message.get("role"), str):
            report.unsupported(construct, f"chat message {i + 1} is not a {{role, content}} mapping", where)
            return None
        content = message.get("content", "")
        if not isinstance(content, str):
            report.unsupported(construct, f"chat message {i + 1} has structured content (images, parts); "
                               "lmgate sends text messages", where)
            return None
        extra = set(message) - MESSAGE_KEYS
        if extra:
            report.unsupported(construct, f"chat message {i + 1} keys {', '.join(sorted(extra))} are not carried "
                               "over (lmgate messages hold a role and text)", where)
        messages.append((message["role"], content))
    return ChatPrompt(messages=tuple(messages))


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.-")[:40]
    return slug or "prompt"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def prompt_allowed(prompt: PfPrompt, allowed: list[str] | None) -> bool:
    """promptfoo's `prompts` filter: a label or id, `Group:*`, or `Group` for `Group:…`."""
    if allowed is None:
        return True
    for ref in allowed:
        ref = str(ref)
        if prompt.label == ref or (prompt.id and prompt.id == ref):
            return True
        if ref.endswith("*") and (prompt.label.startswith(ref[:-1]) or (prompt.id or "").startswith(ref[:-1])):
            return True
        if prompt.label.startswith(f"{ref}:") or (prompt.id or "").startswith(f"{ref}:"):
            return True
    return False
