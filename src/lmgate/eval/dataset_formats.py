"""Parse dataset files (JSONL, CSV, JSON, YAML) into rows that carry their line numbers.

A row that cannot be used is not an exception here: it comes back with a `problem` (not JSON, not
an object, NaN, nested too deeply, a value over the cell cap), so the caller can apply the dataset's
`on_bad_row` policy and point at file:line. Only a file that cannot be read or parsed as a whole, or
is over the size cap, raises. Datasets arrive in pull requests: every cap here bounds the memory and
time one file can take, and each names the option that raises it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location
from lmgate.yamlfile import load_yaml

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
MAX_BYTES = 100 * 2**20     # the default of a dataset's `max_bytes`
MAX_CELL_CHARS = 1_000_000  # the default of a dataset's `max_cell_chars`
MAX_DEPTH = 64              # objects and lists nested deeper than this are a bad row (no prompt needs them)

Row = tuple  # (line or None, row mapping, problem or None)


def dataset_format(spec: Mapping[str, Any], source: str, where: Location | None) -> str:
    fmt = spec.get("format") or FORMATS.get(Path(source).suffix.lower())
    if not fmt:
        raise InputError(f"cannot tell the format of {source!r}", where=where,
                         fix="name it .jsonl/.csv/.json/.yaml or set `format:` on the dataset")
    return fmt


# The problem slot of the CSV header's row: not an item, but it names the fields when no row can
# (a header with no rows yet, or every row bad), so a prompt variable it lacks is still reported.
HEADER = "the CSV header: field names, not an item"


def read_rows(path: Path, fmt: str, display: str, *, max_bytes: int = MAX_BYTES,
              max_cell_chars: int = MAX_CELL_CHARS) -> Iterator[Row]:
    text = _read_text(path, display, max_bytes)
    if fmt == "jsonl":
        rows = _jsonl_rows(text)
    elif fmt == "csv":
        rows = _csv_rows(text, max_cell_chars, display)
    else:
        rows = _whole_document_rows(text, fmt, display)
    for line, row, problem in rows:
        yield line, row, problem if problem is not None else row_problem(row, max_cell_chars)


def _read_text(path: Path, display: str, max_bytes: int) -> str:
    """The file's text, when it is a regular file of at most `max_bytes`. Opened without blocking and
    checked before reading: a FIFO where the dataset should be hung the run (waiting for a writer),
    and the size is counted while reading, not trusted from an earlier stat."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError("the dataset is not a regular file (a folder, FIFO or device)",
                                 where=Location(display), fix="point `path` at a data file")
            os.set_blocking(fd, True)
            raw = fh.read(max_bytes + 1) if st.st_size <= max_bytes else b""
    except OSError as exc:
        raise InputError(f"cannot read dataset: {exc.strerror or exc}", where=Location(display)) from exc
    if st.st_size > max_bytes or len(raw) > max_bytes:
        raise InputError(f"the dataset file is {max(st.st_size, len(raw)):,} bytes, over the cap of {max_bytes:,}",
                         where=Location(display),
                         fix="raise the dataset's `max_bytes` if the file is meant to be this large, or split it")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read dataset: not UTF-8 text (byte {exc.start:,})", where=Location(display),
                         fix="save the file as UTF-8") from exc


def row_problem(row: Mapping[Any, Any], max_cell_chars: int = MAX_CELL_CHARS) -> str | None:
    """Why a parsed row cannot be an item, or None. Iterative, so no row can exhaust the stack."""
    stack: list[tuple[Any, str, int]] = []
    for key, value in row.items():
        if not isinstance(key, str):
            return f"field name {key!r} is not a string"
        stack.append((value, key, 1))
    while stack:
        value, field, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"field {field!r} nests deeper than {MAX_DEPTH} levels"
        if isinstance(value, str) and len(value) > max_cell_chars:
            return (f"field {field!r} holds {len(value):,} characters, over the cap of {max_cell_chars:,} "
                    "(the dataset's `max_cell_chars`)")
        if isinstance(value, float) and not math.isfinite(value):
            return f"field {field!r} is {value}, which is not a number a result file can hold"
        if isinstance(value, dict):
            if any(not isinstance(k, str) for k in value):
                return f"field {field!r} has a key that is not a string"
            stack += [(v, field, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, field, depth + 1) for v in value]
    return None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word: the row would hold a value its reader
    # does not see first (lmgate.yaml and YAML datasets refuse duplicates the same way)
    row: dict[str, Any] = {}
    for key, value in pairs:
        if key in row:
            raise ValueError(f"duplicate key {key!r} in an object")
        row[key] = value
    return row


def _parse_json(text: str) -> Any:
    """Strict JSON: NaN and Infinity are refused (results must stay valid JSON), and so is a key
    written twice in one object."""
    return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)


def _jsonl_rows(text: str) -> Iterator[Row]:
    # Lines end at "\n" only: U+2028, U+2029, form feeds and the like are valid inside JSON strings,
    # and `str.splitlines` would cut a row there.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = _parse_json(line)
        except ValueError as exc:
            yield n, {}, f"invalid JSON: {exc}"
            continue
        except RecursionError:
            yield n, {}, "the row nests too deeply"
            continue
        yield (n, row, None) if isinstance(row, dict) else (n, {}, "a row should be a JSON object")


def _csv_rows(text: str, max_cell_chars: int, display: str) -> Iterator[Row]:
    with _csv_field_limit(max_cell_chars):
        reader = csv.reader(io.StringIO(text))
        header: list[str] | None = None
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # a cell over the cap, a NUL byte: that row is bad, the file goes on
                if "field larger than field limit" in str(exc):
                    problem = (f"a cell is over the cap of {max_cell_chars:,} characters "
                               "(the dataset's `max_cell_chars`)")
                else:
                    problem = f"malformed CSV: {exc}"
                if header is None:
                    raise InputError(f"cannot read the CSV header: {problem}", where=Location(display, 1)) from exc
                yield reader.line_num, {}, problem
                continue
            if header is None:
                header = row
                twice = next((name for i, name in enumerate(header) if name in header[:i]), None)
                if twice is not None:  # a row would keep the last such cell and drop the other silently
                    columns = ", ".join(str(i + 1) for i, name in enumerate(header) if name == twice)
                    raise InputError(f"the CSV header names column {twice!r} more than once (columns {columns})",
                                     where=Location(display, reader.line_num),
                                     fix="give each column its own name, or remove the extra one")
                yield reader.line_num, dict.fromkeys(header, ""), HEADER
            elif not any(cell.strip() for cell in row):
                continue
            elif len(row) != len(header):
                yield reader.line_num, {}, f"{len(row)} cells where the header has {len(header)}"
            else:
                yield reader.line_num, dict(zip(header, row, strict=True)), None


@contextlib.contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    # The csv module's limit is process-wide (128 KiB by default, where a long cell raises csv.Error);
    # the dataset's own cap applies while it is read.
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _whole_document_rows(text: str, fmt: str, display: str) -> Iterator[Row]:
    """JSON and YAML parse as one document, so a syntax error fails the file rather than a row."""
    positions: Mapping = {}
    if fmt == "json":
        try:
            data = _parse_json(text)
        except ValueError as exc:
            twice = str(exc).startswith("duplicate key")
            raise InputError(f"invalid JSON: {exc}", where=Location(display, getattr(exc, "lineno", None)),
                             fix="write each key once in an object" if twice else "fix the JSON syntax") from exc
        except RecursionError as exc:
            raise InputError("the JSON nests too deeply", where=Location(display),
                             fix=f"keep rows under {MAX_DEPTH} levels of nesting") from exc
    else:
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
