"""Eval datasets: JSONL, CSV, JSON and YAML files, inline items, and `hf://datasets/...` on the Hub.

Every item gets a stable id (its `id_field`, else a hash of its fields) so base and head, shards
and reruns line up. A bad row (not JSON, not an object, missing a field the prompt uses, a
duplicate id) is reported with file:line and either stops the run (`on_bad_row: fail`) or is
skipped with a warning (`skip`). Hub files are pinned: the commit actually read is recorded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location
from lmgate.paths import inside_root

HF_URI = re.compile(r"^hf://datasets/(?P<repo>[^/@]+/[^/@]+)(?:@(?P<rev>[^/]+))?/(?P<path>.+)$")
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True)
class Item:
    id: str
    inputs: Mapping[str, Any]
    line: int | None = None


@dataclass(frozen=True)
class Dataset:
    name: str
    source: str              # the path or URI as configured ("inline" for inline items)
    items: tuple[Item, ...]
    revision: str | None = None  # the Hub commit read, for hf:// sources
    skipped: int = 0


def load_dataset(name: str, spec: Mapping[str, Any], *, root: Path, where: Location | None = None,
                 required: frozenset[str] = frozenset(), env: Mapping[str, str] | None = None,
                 warn: Callable[[str, Location], None] | None = None) -> Dataset:
    source, revision = spec.get("path"), None
    if spec.get("items") is not None:
        display, rows = f"{where.file if where else 'lmgate.yaml'}", _inline(spec["items"], where)
    elif source and source.startswith("hf://"):
        path, revision = _download(source, env or {}, where)
        display, rows = source, _read(path, _format(spec, source, where), source)
    elif source:
        display = source
        rows = _read(inside_root(root, source, where), _format(spec, source, where), source)
    else:
        raise InputError(f"dataset {name!r} has neither a path nor items", where=where,
                         fix="give `path: evals/x.jsonl` or `items: [...]`")
    items, skipped, seen = [], 0, set()
    for line, row, problem in rows:
        if problem is None:
            missing = sorted(required - set(row))
            problem = f"missing field(s) the prompt uses: {', '.join(missing)}" if missing else None
        item_id = None if problem else _item_id(row, spec.get("id_field") or "id")
        if item_id is not None and item_id in seen:
            problem = f"duplicate id {item_id!r}"
        if problem:
            loc = Location(display, line)
            if spec.get("on_bad_row", "fail") != "skip":
                raise InputError(f"bad row in dataset {name!r}: {problem}", where=loc,
                                 fix="fix the row, or set `on_bad_row: skip` on the dataset to skip bad rows")
            skipped += 1
            if warn:
                warn(f"skipped a bad row of dataset {name!r}: {problem}", loc)
            continue
        seen.add(item_id)
        items.append(Item(item_id, row, line))
        if spec.get("limit") and len(items) >= spec["limit"]:
            break
    return Dataset(name, source or "inline", tuple(items), revision, skipped)


def _item_id(row: Mapping[str, Any], field: str) -> str:
    if row.get(field) not in (None, ""):
        return str(row[field])
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _format(spec: Mapping[str, Any], source: str, where: Location | None) -> str:
    fmt = spec.get("format") or FORMATS.get(Path(source).suffix.lower())
    if not fmt:
        raise InputError(f"cannot tell the format of {source!r}", where=where,
                         fix="name it .jsonl/.csv/.json/.yaml or set `format:` on the dataset")
    return fmt


Row = tuple  # (line or None, row mapping, problem or None)


def _inline(items: list, where: Location | None) -> Iterator[Row]:
    for row in items:
        yield (where.line if where else None), dict(row), None


def _read(path: Path, fmt: str, display: str) -> Iterator[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read dataset: {exc}", where=Location(display)) from exc
    if fmt == "jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                yield n, {}, f"invalid JSON: {exc}"
                continue
            yield (n, row, None) if isinstance(row, dict) else (n, {}, "a row should be a JSON object")
    elif fmt == "csv":
        reader = csv.reader(io.StringIO(text))
        header = next(reader, [])
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield reader.line_num, {}, f"{len(row)} cells where the header has {len(header)}"
            else:
                yield reader.line_num, dict(zip(header, row, strict=True)), None
    else:
        yield from _structured(text, fmt, display)


def _structured(text: str, fmt: str, display: str) -> Iterator[Row]:
    positions: Mapping = {}
    if fmt == "json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(f"invalid JSON: {exc}", where=Location(display, getattr(exc, "lineno", None)),
                             fix="fix the JSON syntax") from exc
    else:
        from lmgate.yamlfile import load_yaml

        doc = load_yaml(text, display)
        data, positions = doc.data, doc.positions
    prefix: tuple = ()
    if isinstance(data, dict):  # {"data": [...]}, as HF datasets and many exports write it
        key = next((k for k in ("data", "items", "rows", "examples", "tests") if isinstance(data.get(k), list)), None)
        if key is None:
            raise InputError("expected a list of objects (or {data: [...]})", where=Location(display, 1))
        data, prefix = data[key], (key,)
    if not isinstance(data, list):
        raise InputError("expected a list of objects", where=Location(display, 1))
    for i, row in enumerate(data):
        line = positions.get((*prefix, i), (None,))[0]
        yield (line, row, None) if isinstance(row, dict) else (line, {}, f"item {i} is not an object")


def _download(uri: str, env: Mapping[str, str], where: Location | None) -> tuple[Path, str | None]:
    m = HF_URI.match(uri)
    if not m:
        raise InputError(f"malformed Hub URI {uri!r}", where=where,
                         fix="write hf://datasets/<org>/<name>@<revision>/<path/in/repo>")
    from huggingface_hub import hf_hub_download

    try:
        local = hf_hub_download(m["repo"], m["path"], repo_type="dataset", revision=m["rev"],
                                cache_dir=env.get("HF_HUB_CACHE") or None, token=env.get("HF_TOKEN") or None,
                                endpoint=env.get("HF_ENDPOINT") or None,
                                local_files_only=env.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"))
    except Exception as exc:  # network, 404, gated repo, offline cache miss: all are bad input here
        raise InputError(f"cannot download {uri}: {type(exc).__name__}: {str(exc)[:300]}", where=where,
                         fix="check the repo, revision and path; private repos need HF_TOKEN") from exc
    snapshot = re.search(r"[/\\]snapshots[/\\]([0-9a-f]{40})[/\\]", str(local))
    return Path(local), snapshot.group(1) if snapshot else m["rev"]
