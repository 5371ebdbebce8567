"""Pick a detector, validate its options with the one generic validator, build its client once.

Shared by the gate and `lmgate hallucination score`, so both judge an answer the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.hallucination.detectors import detector
from lmgate.hallucination.detectors.base import Deps, Item, Verdict
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate


@dataclass(frozen=True)
class Prepared:
    module: ModuleType
    options: Mapping[str, Any]
    deps: Deps
    secrets: frozenset[str] = field(default_factory=frozenset)

    @property
    def threshold(self) -> float:
        return self.options["threshold"]

    @property
    def workers(self) -> int:
        return 8 if hasattr(self.module, "prepare") else 1  # network detectors wait on I/O

    def score(self, item: Item) -> Verdict:
        try:
            return self.module.score(item, self.options, self.deps)
        except RecursionError as exc:  # pathological input must not sink the whole run
            return Verdict.unjudged(f"{self.module.NAME} could not process this answer: {exc}")


def prepare(name: str, raw: Mapping[str, Any] | None, threshold: float | None, *, config: Any = None,
            env: Mapping[str, str] | None = None) -> Prepared:
    where = config.where("hallucination") if config is not None and config.hallucination else None
    module = detector(name, where=where)
    ctx = Context(doc=config.doc if config is not None else None, env=dict(env or {}))
    conf = {**module.CONF, "threshold": Opt("number", None, "flag at or above this score", minimum=0, maximum=1)}
    try:
        options = dict(validate(dict(raw or {}), Opt("section", fields=conf), ("hallucination", "options"), ctx))
    except ConfigError as exc:
        raise ConfigError(f"invalid config: detector {name!r}: {exc.message}", where=exc.where or where,
                          key=exc.key, fix=exc.fix or f"options of {name}: {', '.join(module.CONF) or '(none)'}"
                          ) from None
    options["threshold"] = threshold if threshold is not None else (
        options.get("threshold") if options.get("threshold") is not None else module.THRESHOLD)
    deps = module.prepare(options, config=config, env=env) if hasattr(module, "prepare") else Deps()
    return Prepared(module, options, deps, frozenset(ctx.secrets))


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise InputError(f"input file {str(path)!r} does not exist", where=Location(str(path)))
    rows = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    raise InputError(f"not JSON: {exc}", where=Location(str(path), n),
                                     fix="one JSON object per line") from exc
                if not isinstance(row, dict):
                    raise InputError("each line must be a JSON object", where=Location(str(path), n))
                rows.append((n, row))
    return rows


def item_from_row(row: Mapping[str, Any], where: Location) -> Item:
    response = row.get("response")
    if not isinstance(response, str):
        raise InputError("`response` must be a string", where=where, fix='write {"response": "...", "context": ...}')
    samples = row.get("samples") or []
    logprobs = row.get("logprobs")
    if not isinstance(samples, list) or (logprobs is not None and not isinstance(logprobs, list)):
        raise InputError("`samples` and `logprobs` must be lists", where=where)
    return Item(response, row.get("context") if isinstance(row.get("context"), str) else None,
                row.get("question") if isinstance(row.get("question"), str) else None,
                tuple(str(s) for s in samples if s is not None),
                tuple((str(t[0]), t[1]) for t in logprobs if isinstance(t, list) and len(t) == 2) if logprobs else None)
