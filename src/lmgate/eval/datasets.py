"""Eval datasets: load a named dataset from inline items, a file in the repo, or `hf://datasets/...`.

Every item gets a stable id (its `id_field`, else a hash of its fields) so base and head, shards
and reruns line up. A bad row (not JSON, not an object, over a cap, missing a field the prompt uses,
a duplicate id) either stops the run (`on_bad_row: fail`, every bad row listed with file:line) or
is skipped and recorded with its line (`skip`). A field the prompt uses that NO row has is not a bad
row: skipping every row would pass a gate on nothing, so the caller reports it as a config error
(`Dataset.fields` tells which fields exist). Hub files are pinned: the commit actually read is
recorded; downloading one is bounded by the dataset's `download_timeout` (the whole download) and
`max_bytes` (what reaches the disk). Parsing the file formats themselves lives in `dataset_formats`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location, raise_all
from lmgate.eval.dataset_formats import HEADER, MAX_BYTES, MAX_CELL_CHARS, Row, dataset_format, read_rows, row_problem
from lmgate.paths import inside_root

HF_URI = re.compile(r"^hf://datasets/(?P<repo>[^/@]+/[^/@]+)(?:@(?P<rev>[^/]+))?/(?P<path>.+)$")
MAX_LISTED = 20  # bad rows listed one by one; the rest are counted
DOWNLOAD_TIMEOUT = 300.0  # the default of a dataset's `download_timeout` (seconds, the whole download)
_CAP_FIX = "raise the dataset's `max_bytes` if the file is meant to be this large, or point at a smaller file"


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
    bad_rows: tuple[tuple[Location, str], ...] = ()  # (file:line, why) of each skipped row
    fields: frozenset[str] = frozenset()  # every field name some row has

    @property
    def skipped(self) -> int:
        return len(self.bad_rows)

    def skipped_note(self) -> str | None:
        """One line for eval.json's notes and the terminal, or None when no row was skipped."""
        if not self.bad_rows:
            return None
        lines = [str(where.line) for where, _ in self.bad_rows[:MAX_LISTED] if where.line is not None]
        more = f" and {len(self.bad_rows) - MAX_LISTED} more" if len(self.bad_rows) > MAX_LISTED else ""
        where = f" (line{'s' if len(lines) > 1 else ''} {', '.join(lines)}{more})" if lines else ""
        return f"dataset {self.name!r}: skipped {len(self.bad_rows)} bad row(s){where} (on_bad_row: skip)"


class NotCached(InputError):
    """An hf:// dataset absent from the local Hub cache, when only the cache may be read."""


def load_dataset(name: str, spec: Mapping[str, Any], *, root: Path, where: Location | None = None,
                 required: frozenset[str] = frozenset(), env: Mapping[str, str] | None = None,
                 offline: bool = False) -> Dataset:
    """`required`: the fields each item must have. `offline`: read hf:// files only from the local cache
    (raise NotCached otherwise), as `lmgate validate` does."""
    source, revision = spec.get("path"), None
    caps = {"max_bytes": spec.get("max_bytes") or MAX_BYTES,
            "max_cell_chars": spec.get("max_cell_chars") or MAX_CELL_CHARS}
    if spec.get("items") is not None:
        display, rows = f"{where.file if where else 'lmgate.yaml'}", _inline_rows(spec["items"], where, caps)
    elif source and source.startswith("hf://"):
        path, revision = _download_from_hub(name, source, env or {}, where, offline, caps["max_bytes"],
                                            float(spec.get("download_timeout") or DOWNLOAD_TIMEOUT))
        display, rows = source, read_rows(path, dataset_format(spec, source, where), source, **caps)
    elif source:
        display = source
        rows = read_rows(inside_root(root, source, where), dataset_format(spec, source, where), source, **caps)
    else:
        raise InputError(f"dataset {name!r} has neither a path nor items", where=where,
                         fix="give `path: evals/x.jsonl` or `items: [...]`")
    rows = list(rows)
    declared = frozenset(k for _, row, problem in rows if problem is HEADER for k in row)
    rows = [r for r in rows if r[2] is not HEADER]
    fields = declared | frozenset(k for _, row, problem in rows if problem is None for k in row)
    # A field no row has is the caller's config error, not a reason to skip every row.
    needed = required & fields
    items: list[Item] = []
    bad: list[tuple[Location, str]] = []
    seen: set[str] = set()
    for line, row, problem in rows:
        if problem is None:
            missing = sorted(needed - set(row))
            problem = f"missing field(s) the prompt uses: {', '.join(missing)}" if missing else None
        item_id = None if problem else _item_id(row, spec.get("id_field") or "id")
        if item_id is not None and item_id in seen:
            problem = f"duplicate id {item_id!r}"
        if problem:
            bad.append((Location(display, line), problem))
            continue
        seen.add(item_id)
        items.append(Item(item_id, row, line))
        if spec.get("limit") and len(items) >= spec["limit"]:
            break
    if bad and spec.get("on_bad_row", "fail") != "skip":
        fix = "fix the row, or set `on_bad_row: skip` on the dataset to skip bad rows"
        problems = [InputError(f"bad row in dataset {name!r}: {why}", where=where, fix=fix)
                    for where, why in bad[:MAX_LISTED]]
        if len(bad) > MAX_LISTED:
            problems.append(InputError(f"dataset {name!r} has {len(bad) - MAX_LISTED} more bad row(s)",
                                       where=Location(display), fix=fix))
        raise_all(problems)
    return Dataset(name, source or "inline", tuple(items), revision, tuple(bad), fields)


def _item_id(row: Mapping[str, Any], field: str) -> str:
    if row.get(field) not in (None, ""):
        return str(row[field])
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _inline_rows(items: list, where: Location | None, caps: Mapping[str, int]) -> Iterator[Row]:
    for row in items:
        row = dict(row)
        yield (where.line if where else None), row, row_problem(row, caps["max_cell_chars"])


def _download_from_hub(name: str, uri: str, env: Mapping[str, str], where: Location | None, only_cached: bool,
                       max_bytes: int = MAX_BYTES, timeout: float = DOWNLOAD_TIMEOUT) -> tuple[Path, str | None]:
    m = HF_URI.match(uri)
    if not m:
        raise InputError(f"malformed Hub URI {uri!r}", where=where,
                         fix="write hf://datasets/<org>/<name>@<revision>/<path/in/repo>")
    request = {"repo": m["repo"], "path": m["path"], "rev": m["rev"], "cache_dir": env.get("HF_HUB_CACHE") or None,
               "token": env.get("HF_TOKEN") or None, "endpoint": env.get("HF_ENDPOINT") or None,
               "max_bytes": max_bytes}
    if only_cached or env.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        local = _read_from_cache(uri, request, where, only_cached)
    else:
        local = _download_in_child(name, uri, request, where, timeout)
    # The cache path names the commit `rev` resolved to; that, not a branch name, is what was read.
    snapshot = re.search(r"[/\\]snapshots[/\\]([0-9a-f]{40})[/\\]", str(local))
    return Path(local), snapshot.group(1) if snapshot else m["rev"]


def _read_from_cache(uri: str, request: Mapping[str, Any], where: Location | None, only_cached: bool) -> str:
    """The file from the local Hub cache: no network, so it runs here."""
    from huggingface_hub import hf_hub_download  # here, not at the top: keeps it out of `lmgate --help`
    from huggingface_hub.utils import LocalEntryNotFoundError

    try:
        return hf_hub_download(request["repo"], request["path"], repo_type="dataset", revision=request["rev"],
                               cache_dir=request["cache_dir"], token=request["token"], endpoint=request["endpoint"],
                               local_files_only=True)
    except Exception as exc:  # an offline cache miss, a broken cache: bad input here
        if only_cached and isinstance(exc, LocalEntryNotFoundError):
            raise NotCached(f"{uri} is not in the local Hub cache", where=where,
                            fix="run `lmgate eval` (or download it) once to check it") from exc
        raise InputError(f"cannot download {uri}: {type(exc).__name__}: {str(exc)[:300]}", where=where,
                         fix="check the repo, revision and path; private repos need HF_TOKEN") from exc


# The download runs in a child process that is killed at the deadline. huggingface_hub bounds each
# socket read (10 s) but not the whole download, and retries a stalled body five times: a Hub (or
# $HF_ENDPOINT) sending one byte every few seconds held the run for ever. No in-process bound
# reaches every path it may take (its HTTP client, which changed from requests to httpx, and
# hf_xet's own threads), and a thread cannot be stopped; a process can. The child also cannot
# write a file larger than the dataset's cap (RLIMIT_FSIZE: the kernel stops it, SIGXFSZ), so a
# server announcing a small file and sending an endless one fills no disk.
_CHILD = r"""
import json, sys
request = json.load(sys.stdin)
try:
    import resource
    resource.setrlimit(resource.RLIMIT_FSIZE, (request["max_bytes"], request["max_bytes"]))
except (ImportError, ValueError, OSError):
    pass  # Windows: the file is checked against the cap once downloaded
from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url
args = dict(repo_type="dataset", revision=request["rev"])
try:
    meta = get_hf_file_metadata(hf_hub_url(request["repo"], request["path"], endpoint=request["endpoint"], **args),
                                token=request["token"])
    size = meta.size
except Exception:  # no answer: the download reports why
    size = None
if isinstance(size, int) and size > request["max_bytes"]:
    answer = {"too_large": size}
else:
    try:
        answer = {"path": hf_hub_download(request["repo"], request["path"], cache_dir=request["cache_dir"],
                                          token=request["token"], endpoint=request["endpoint"], **args)}
    except Exception as exc:
        answer = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
sys.stdout.write(json.dumps(answer))
"""


def _download_in_child(name: str, uri: str, request: Mapping[str, Any], where: Location | None,
                       timeout: float) -> str:
    env = {**os.environ, "HF_HUB_DISABLE_PROGRESS_BARS": "1"}  # stderr is discarded: nothing to draw there
    child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
    try:
        out, _ = child.communicate(json.dumps(request).encode(), timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise InputError(f"downloading {uri} for dataset {name!r} took longer than its download_timeout of "
                         f"{timeout:g} s; it was stopped", where=where,
                         fix="raise the dataset's `download_timeout` if the file is large or the Hub slow; check "
                             "HF_ENDPOINT if it is set") from None
    max_bytes = request["max_bytes"]
    over_cap = InputError(f"{uri} (dataset {name!r}) was over the dataset's cap of {max_bytes:,} bytes while it "
                          "downloaded; it was stopped", where=where, fix=_CAP_FIX)
    xfsz = getattr(signal, "SIGXFSZ", None)  # POSIX only
    if xfsz is not None and child.returncode == -xfsz:
        raise over_cap
    try:
        answer = json.loads(out)
    except ValueError:
        raise InputError(f"cannot download {uri}: the download process ended with code {child.returncode}",
                         where=where, fix="run `lmgate eval` again; check the Hub (or HF_ENDPOINT)") from None
    if "too_large" in answer:
        raise InputError(f"{uri} is {answer['too_large']:,} bytes, over the dataset's cap of {max_bytes:,}; it was "
                         "not downloaded", where=where, fix=_CAP_FIX)
    if "error" in answer:
        if "File too large" in answer["error"]:  # EFBIG: the cap, where SIGXFSZ is ignored
            raise over_cap
        raise InputError(f"cannot download {uri}: {answer['error']}", where=where,
                         fix="check the repo, revision and path; private repos need HF_TOKEN")
    return answer["path"]
