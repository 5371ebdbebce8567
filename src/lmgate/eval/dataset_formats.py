"""Parse dataset files (JSONL, CSV, JSON, YAML) into rows that carry their line numbers.

A row that cannot be parsed is not an exception here: it comes back with a `problem`, so the
caller can apply the dataset's `on_bad_row` policy and point at file:line. Only a file that
cannot be read or parsed as a whole raises.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}

Row = tuple  # (line or None, row mapping, problem or None)


def dataset_format(spec: Mapping[str, Any], source: str, where: Location | None) -> str:
    fmt = spec.get("format") or FORMATS.get(Path(source).suffix.lower())
    if not fmt:
        raise InputError(f"cannot tell the format of {source!r}", where=where,
                         fix="name it .jsonl/.csv/.json/.yaml or set `format:` on the dataset")
    return fmt


def read_rows(path: Path, fmt: str, display: str) -> Iterator[Row]:
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
        yield from _whole_document_rows(text, fmt, display)


def _whole_document_rows(text: str, fmt: str, display: str) -> Iterator[Row]:
    """JSON and YAML parse as one document, so a syntax error fails the file rather than a row."""
    positions: Mapping = {}
    if fmt == "json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(f"invalid JSON: {exc}", where=Location(display, getattr(exc, "lineno", None)),
                             fix="fix the JSON syntax") from exc
    else:
        from lmgate.yamlfile import load_yaml  # here, not at the top: keeps PyYAML out of `lmgate --help`

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
