"""Reading a promptfoo config as promptfoo 0.123 reads it, before anything is converted.

What promptfoo does on load, and what this module repeats: YAML or JSON through js-yaml's core
schema (lmgate.importers.yaml12); `targets` is another name for `providers`; without `prompts` the
prompt is `{{prompt}}`; `file://` paths resolve against the folder of the config (promptfoo's
`basePath`), except a test file's `vars: <file>`, which resolves against that test file; a
`file://` glob expands to the matching files in directory order (as promptfoo's glob lists them,
so the tests keep promptfoo's numbering). Every value keeps its `file:line` so the
report can point at it. A JavaScript or TypeScript config cannot be read without Node: that, a
missing file and malformed YAML are InputErrors (exit 2).
"""

from __future__ import annotations

import csv
import glob
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location
from lmgate.importers.yaml12 import load_yaml12
from lmgate.yamlfile import YamlDocument

DEFAULT_CONFIG = "promptfooconfig.yaml"
SCRIPT_SUFFIXES = (".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".py", ".rb", ".go")
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass
class Source:
    """One YAML/JSON file of the suite: its data and where each key path sits in it."""

    path: Path
    display: str
    doc: YamlDocument

    @property
    def data(self) -> Any:
        return self.doc.data

    def where(self, *keys: Any) -> Location:
        return self.doc.where(keys)


@dataclass
class PromptfooConfig:
    source: Source
    base: Path                      # promptfoo's basePath: file:// paths resolve against it
    data: dict

    def where(self, *keys: Any) -> Location:
        return self.source.where(*keys)

    def display(self, path: Path) -> str:
        return display_path(path, self.base)


def display_path(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def read_config(path: Path) -> PromptfooConfig:
    """The config as promptfoo holds it after loading (targets renamed, default prompt added)."""
    display = str(path)
    if path.suffix in SCRIPT_SUFFIXES:
        raise InputError(f"{path.name} is a {path.suffix} config; lmgate reads promptfoo's YAML and JSON configs",
                         where=Location(display),
                         fix="write the config as promptfooconfig.yaml (promptfoo reads that too)")
    source = read_source(path, display)
    if source.data is None:
        raise InputError("the promptfoo config is empty", where=Location(display, 1),
                         fix="point at a promptfooconfig.yaml with prompts, providers and tests")
    if not isinstance(source.data, dict):
        raise InputError("a promptfoo config is a mapping (prompts, providers, tests …)", where=Location(display, 1),
                         fix="start the file with `prompts:`")
    data = dict(source.data)
    if "targets" in data and "providers" not in data:
        data["providers"] = data.pop("targets")
    if not data.get("prompts"):
        data["prompts"] = ["{{prompt}}"]  # promptfoo's default: each test supplies the whole prompt
    return PromptfooConfig(source, path.resolve().parent, data)


def read_source(path: Path, display: str) -> Source:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file not found", where=Location(display),
                         fix="pass the path of your promptfooconfig.yaml") from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", where=Location(display)) from exc
    return Source(path, display, load_yaml12(raw, display))


def read_text(path: Path, where: Location | None) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror}", where=where,
                         fix="fix the file:// path (relative to the promptfoo config)") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{path.name} is {len(raw):,} bytes (limit {MAX_FILE_BYTES:,})", where=where)
    try:
        return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text", where=where, fix="save it as UTF-8") from exc


def strip_scheme(reference: str) -> str:
    return reference[len("file://"):] if reference.startswith("file://") else reference


def has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[{")


def resolve_files(base: Path, reference: str, where: Location | None, *, required: bool = True) -> list[Path]:
    """The files a `file://` reference (or glob) names, relative to `base`, in directory order."""
    target = strip_scheme(reference)
    pattern = str(base / target) if not Path(target).is_absolute() else target
    if has_magic(target):
        found = [Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file()]
    else:
        found = [Path(pattern)] if Path(pattern).is_file() else []
    if not found and required:
        raise InputError(f"no file matches {reference!r}", where=where,
                         fix="fix the path: promptfoo resolves it against the folder of the config")
    return found


def load_data_file(path: Path, where: Location | None, config: PromptfooConfig) -> Any:
    """A `file://` value as promptfoo's loader returns it: JSON/YAML parsed, CSV as rows, else text."""
    if path.suffix in (".json", ".yaml", ".yml"):
        return read_source(path, config.display(path)).data
    text = read_text(path, where)
    if path.suffix == ".csv":
        rows = read_csv_rows(text, config.display(path))
        if rows and len(rows[0]) == 1:
            return [next(iter(r.values())) for r in rows]
        return rows
    return text


def read_csv_rows(text: str, display: str) -> list[dict[str, str]]:
    """csv-parse with `columns: true` (the header names the fields; a BOM is dropped)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        rows = [r for r in reader]
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", where=Location(display, reader.line_num)) from exc
    if not rows:
        return []
    header, out = rows[0], []
    for number, row in enumerate(rows[1:], 2):
        if row == [] or row == [""]:
            continue  # csv-parse skips blank lines
        if len(row) != len(header):
            raise InputError(f"CSV row has {len(row)} fields, the header {len(header)}",
                             where=Location(display, number),
                             fix="quote fields that hold commas, or fix the row")
        out.append(dict(zip(header, row, strict=True)))
    return out


def parse_json_strict(text: str) -> tuple[bool, Any]:
    """JSON.parse: (True, value) or (False, None); NaN/Infinity are not JSON in JavaScript."""
    def refuse(name: str) -> Any:
        raise ValueError(name)

    try:
        return True, json.loads(text, parse_constant=refuse)
    except (ValueError, RecursionError):
        return False, None


def env_references(value: Any) -> set[str]:
    """Names X of every `{{ env.X }}` / `{{ env['X'] }}` inside a (nested) value."""
    found: set[str] = set()
    pattern = re.compile(r"\benv\.(\w+)|\benv\[['\"]([^'\"]+)['\"]\]")
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and "env" in item:
            found.update(a or b for a, b in pattern.findall(item))
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
