"""`replay`: answers recorded earlier, from a JSONL file (`path`, relative to lmgate.yaml).

Each line is `{"id": ..., "output": ...}` (optionally `sample`, `prompt_tokens`,
`completion_tokens`); an `eval-items.jsonl` written by lmgate works as-is. Items are matched by
their dataset id; an item with no recording is an error recorded on that item.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.eval.providers.base import BuildContext, Completion, ProviderCallError
from lmgate.paths import inside_root
from lmgate.spec import REQUIRED, Opt

NAME = "replay"
CONF = {"path": Opt("str", REQUIRED, "the JSONL file of recorded outputs, relative to lmgate.yaml")}


class ReplayProvider:
    cacheable = False

    def __init__(self, name: str, recorded: dict[tuple[str, int], Mapping], path: str) -> None:
        self.name, self.recorded, self.path = name, recorded, path

    def identity(self) -> Mapping[str, Any]:
        return {"type": NAME, "path": self.path}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        key = str((item or {}).get("id", ""))
        row = self.recorded.get((key, sample)) or self.recorded.get((key, 0))
        if row is None:
            raise ProviderCallError(f"no recorded output for item {key!r} in {self.path}")
        if row.get("error") and row.get("output") is None:
            raise ProviderCallError(f"recorded error: {row['error']}")
        return Completion(text=str(row.get("output") or ""), prompt_tokens=row.get("prompt_tokens"),
                          completion_tokens=row.get("completion_tokens"), latency_s=float(row.get("latency_s") or 0))

    def close(self) -> None:
        pass


def read_recordings(path: Path, display: str) -> dict[tuple[str, int], Mapping]:
    out: dict[tuple[str, int], Mapping] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.setdefault((str(row["id"]), int(row.get("sample") or 0)), row)
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"bad recording: {exc}", where=Location(display, n),
                                 fix='each line should be {"id": ..., "output": ...}') from None
    return out


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> ReplayProvider:
    if not spec.get("path"):
        raise ConfigError(f"provider {name!r} needs a path", where=ctx.where, fix="path: recordings.jsonl")
    path = inside_root(ctx.root, spec["path"], ctx.where)
    if not path.is_file():
        raise ConfigError(f"recordings file {spec['path']!r} does not exist", where=ctx.where)
    return ReplayProvider(name, read_recordings(path, spec["path"]), spec["path"])
