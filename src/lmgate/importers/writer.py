"""Writing an import plan: lmgate.yaml (with a comment wherever something was not imported), the
chat prompt files, the JSONL datasets and any generated Python, all beside the written config.

Everything is rendered first and written only when the whole plan rendered; each file is written
atomically. The YAML is dumped by PyYAML's SafeDumper, which quotes every string YAML 1.1 would
read as something else (`Yes`, `0777`), so lmgate (a YAML 1.1 reader) gets back exactly the text
promptfoo (a YAML 1.2 reader) had; a prompt file is read back before it is written, and falls
back to quoted strings if a block scalar would not round-trip.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from lmgate.errors import InputError, Location
from lmgate.eval.dataset_formats import MAX_BYTES as MAX_DATASET_BYTES
from lmgate.importers.promptfoo import ID_FIELD, SUPPORT_DIR, Plan
from lmgate.importers.promptfoo_asserts import TEST_METRIC
from lmgate.importers.promptfoo_prompts import ChatPrompt
from lmgate.importers.report import UNSUPPORTED, Entry, Report, one_line
from lmgate.paths import write_text_atomic


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not _block_unsafe(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block_unsafe(value: str) -> bool:
    # PyYAML writes these lines wrongly in block style (or refuses): keep them quoted
    return any(line != line.rstrip(" \t") for line in value.split("\n")) or value.startswith((" ", "\t")) or \
        "\r" in value or "\t" in value or any(ord(ch) < 32 and ch != "\n" for ch in value)


_Dumper.add_representer(str, _str)


def dump(value: Any, *, flow: bool | None = None) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000,
                     default_flow_style=flow)


def chat_file(chat: ChatPrompt, header: str) -> str:
    body: dict[str, Any] = {"engine": "nunjucks"}
    if chat.messages is not None:
        body["messages"] = [{"role": role, "content": content} for role, content in chat.messages]
    else:
        body["template"] = chat.template
    header = one_line(header)  # it names the source file, whose name may hold a line break
    text = f"# {header}\n" + dump(body, flow=False)
    if yaml.safe_load(text) != body:  # a block scalar that would not read back: quote every string instead
        text = f"# {header}\n" + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100_000,
                                                default_style='"')
    return text


def render_files(plan: Plan, report: Report, out: Path) -> dict[Path, str]:
    """Every file of the import, by absolute path, rendered in memory."""
    root = out.parent
    files: dict[Path, str] = {}
    for name, chat in plan.prompts.items():
        files[root / SUPPORT_DIR / "prompts" / f"{name}.chat.yaml"] = chat_file(
            chat, f"prompt imported from promptfoo ({plan.source}); rendered with Nunjucks semantics")
    for name, rows in plan.datasets.items():
        files[root / SUPPORT_DIR / f"{name}.jsonl"] = _jsonl(rows, f"{SUPPORT_DIR}/{name}.jsonl")
    for relative, text in plan.files.items():
        files[root / relative] = text
    files[out] = config_text(plan, report, out)
    return files


def _jsonl(rows: Iterable[Mapping[str, Any]], shown: str) -> str:
    """The rows as JSON lines, stopped once past the cap lmgate reads a dataset under: a var file
    inlined into every row of 100,000 cases (or the same file named a thousand times) would make
    gigabytes of text, here in memory and then on disk."""
    lines, size = [], 0
    for row in rows:
        line = json.dumps(row, ensure_ascii=False, default=str) + "\n"
        size += len(line)
        if size > MAX_DATASET_BYTES:
            raise InputError(f"{shown} would be over {MAX_DATASET_BYTES:,} characters, more than lmgate reads as a "
                             "dataset", where=Location(shown),
                             fix="inline fewer or smaller files into the test vars, or fewer tests")
        lines.append(line)
    return "".join(lines)


def write_files(files: Mapping[Path, str], *, force: bool) -> list[Path]:
    existing = [p for p in files if p.exists()]
    if existing and not force:
        raise InputError(f"{len(existing)} file(s) of the import already exist, e.g. {existing[0]}",
                         where=Location(str(existing[0])),
                         fix="pass --force to overwrite them, or --out another path")
    root = Path(os.path.commonpath([str(p.parent) for p in files])) if files else None
    for path, text in files.items():
        # atomic, never through a link below the output folder (a committed `promptfoo_import -> ~`)
        write_text_atomic(path, text, root=root)
    return list(files)


def _comments(entries: Iterable[Entry], indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}# NOT IMPORTED: {e.line()}" for e in entries]


def _section_of(entry: Entry) -> str:
    head = entry.construct.split(" ", 1)[0]
    return {"provider": "providers", "grading": "providers", "prompt": "prompts", "assertion": "metrics"}.get(
        head, "top")


def _indent(text: str, spaces: int) -> list[str]:
    pad = " " * spaces
    return [pad + line if line else line for line in text.rstrip("\n").split("\n")]


def config_text(plan: Plan, report: Report, out: Path) -> str:
    missing = report.of(UNSUPPORTED)
    by_section: dict[str, list[Entry]] = {}
    for entry in missing:
        by_section.setdefault(_section_of(entry), []).append(entry)
    lines = [f"# Imported from {one_line(plan.source)} by `lmgate import promptfoo`. Run it again to see the "
             "conversion",
             "# report: what was mapped, what to check by hand, and what was not imported (marked below).",
             *_comments(by_section.get("top", []), 0),
             "version: 1", "providers:"]
    for name, spec in plan.providers.items():
        lines += _indent(dump({name: spec}), 2)
    lines += _comments(by_section.get("providers", []), 2)
    lines.append("prompts:")
    for name in plan.prompts:
        lines.append(f"  {name}: {SUPPORT_DIR}/prompts/{name}.chat.yaml")
    lines += _comments(by_section.get("prompts", []), 2)
    lines.append("datasets:")
    for name in plan.datasets:
        lines.append(f"  {name}: {{path: {SUPPORT_DIR}/{name}.jsonl, id_field: {ID_FIELD}}}")
    lines.append("suites:" if plan.suites else "suites: []")
    for suite in plan.suites:
        lines.append(f"  - name: {suite.name}")
        lines += [f"    prompt: {suite.prompt}", f"    dataset: {suite.dataset}", f"    provider: {suite.provider}"]
        if plan.suite_vars:
            lines += _indent(dump({"vars": plan.suite_vars}), 4)
        lines.append("    metrics:")
        for metric, spec in suite.metrics:
            if metric == TEST_METRIC:
                lines += _comments(by_section.get("metrics", []), 6)
            lines.append("      - " + dump({metric: spec}, flow=True).strip())
        lines += ["    gates:",
                  "      # promptfoo fails the run when any test fails (or errors); to gate on regressions against",
                  "      # the base branch instead, use max_drop (see `lmgate eval --baseline-ref`)",
                  f"      {TEST_METRIC}: {{min: 1, max_error_rate: 0}}"]
    lines.append(f"lint: {{paths: ['{SUPPORT_DIR}/prompts/**']}}")
    if plan.hallucination:
        lines += _indent(dump({"hallucination": plan.hallucination}), 0)
    return "\n".join(lines) + "\n"
