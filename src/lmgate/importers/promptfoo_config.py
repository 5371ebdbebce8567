"""Reading a promptfoo config as promptfoo 0.123 reads it, before anything is converted.

What promptfoo does on load, and what this module repeats: YAML or JSON through js-yaml's core
schema (lmgate.importers.yaml12); `targets` is another name for `providers`; without `prompts` the
prompt is `{{prompt}}`; `file://` paths resolve against the folder of the config (promptfoo's
`basePath`), except a test file's `vars: <file>`, which resolves against that test file; a
`file://` glob expands to the matching files in directory order (as promptfoo's glob lists them,
so the tests keep promptfoo's numbering). Every value keeps its `file:line` so the
report can point at it. A JavaScript or TypeScript config cannot be read without Node: that, a
missing file and malformed YAML are InputErrors (exit 2).

The config and everything it names come from whoever wrote it (a pull request, a downloaded
example), and the import copies what it reads into the files it writes: so every file it reads
lies inside the import root (the workspace when the config is in it, else the config's folder),
reached by neither `..`, an absolute path nor a symbolic link leading out, and is a regular file
of at most MAX_FILE_BYTES (a committed link to `~/.ssh/id_rsa` or `/dev/zero` is refused, exit 2).
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location
from lmgate.importers.yaml12 import load_yaml12
from lmgate.paths import open_for_read, workspace
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
    root: Path                      # every file read lies below it (resolved)

    def where(self, *keys: Any) -> Location:
        return self.source.where(*keys)

    def read_source(self, path: Path, where: Location | None = None) -> Source:
        return read_source(path, self.display(path), self.root, where)

    def read_text(self, path: Path, where: Location | None) -> str:
        return read_text(path, where, self.root)

    def inside(self, path: Path, where: Location | None) -> Path:
        """`path` resolved, when it lies inside the import root; else an InputError naming it."""
        return inside_import_root(path, self.root, where)

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
    root = import_root(path)
    source = read_source(path, display, root)
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
    return PromptfooConfig(source, path.resolve().parent, data, root)


def import_root(config_path: Path) -> Path:
    """The folder the suite's files must lie in: the workspace holding the config, else the config's folder."""
    config = Path(os.path.abspath(config_path))
    for candidate in dict.fromkeys((workspace(), workspace().resolve())):
        if candidate in config.parents:
            return candidate.resolve()
    return config.parent.resolve()


def inside_import_root(path: Path, root: Path, where: Location | None) -> Path:
    resolved = Path(os.path.realpath(path))
    if resolved != root and root not in resolved.parents:
        shown = os.path.relpath(os.path.abspath(path), root)
        raise InputError(f"{shown!r} lies outside {root} (through `..`, an absolute path or a symbolic link); "
                         "it was not read", where=where or Location(shown),
                         fix="keep the files the promptfoo config names inside the repository")
    return resolved


def _read_bytes(path: Path, root: Path, where: Location | None) -> bytes:
    """The bytes of a regular file inside `root`, read through no link and at most MAX_FILE_BYTES of them."""
    resolved = inside_import_root(path, root, where)
    try:
        fh = open_for_read(resolved, root=root)
        if fh is not None:
            with fh:
                raw = fh.read(MAX_FILE_BYTES + 1)
    except InputError as exc:  # a folder, FIFO or device; a link swapped in since the check
        raise InputError(exc.message, where=where or exc.where, fix="point at a regular file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror}", where=where or Location(str(path)),
                         fix="fix the file:// path (relative to the promptfoo config)") from exc
    if fh is None:
        raise InputError(f"file not found: {path}", where=where or Location(str(path)),
                         fix="fix the path (promptfoo resolves file:// paths against the folder of the config)")
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{path.name} is over {MAX_FILE_BYTES:,} bytes", where=where or Location(str(path)),
                         fix="split the file or trim it")
    return raw


def read_source(path: Path, display: str, root: Path, where: Location | None = None) -> Source:
    """`where`: the reference naming the file, blamed when it cannot be read (else the file itself)."""
    return Source(path, display, load_yaml12(_read_bytes(path, root, where or Location(display)), display))


def read_text(path: Path, where: Location | None, root: Path) -> str:
    raw = _read_bytes(path, root, where)
    try:
        return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text", where=where, fix="save it as UTF-8") from exc


def strip_scheme(reference: str) -> str:
    return reference[len("file://"):] if reference.startswith("file://") else reference


def has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[{")


def resolve_files(base: Path, reference: str, where: Location | None, *, root: Path,
                  required: bool = True) -> list[Path]:
    """The files a `file://` reference (or glob) names, relative to `base`, in directory order.

    A glob is walked only inside `root`: `file:///**/*.yaml` would otherwise list the whole disk."""
    target = strip_scheme(reference)
    pattern = str(base / target) if not Path(target).is_absolute() else target
    if has_magic(target):
        fixed = Path(pattern).parts
        first_magic = next(i for i, part in enumerate(fixed) if has_magic(part))
        inside_import_root(Path(*fixed[:first_magic]), root, where)
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
        return config.read_source(path, where).data
    text = config.read_text(path, where)
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
