"""Combine the result folders of `--shard I/N` jobs into the unsharded run's eval.json.

Statistics are recomputed from the items with `summarize_suite`, never averaged across shards.
Before anything is written, the shards must prove they are one run (same config hash, git SHAs,
baseline and shard count), that they do not overlap, and that together they hold every item of
each suite's dataset fingerprint; any doubt is a ResultsError (exit 2), never a wrong merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate import jsonschema_re2
from lmgate.errors import Location, ResultsError
from lmgate.eval.compare import NO_BASELINE, MetricMeta, overall_verdict, summarize_suite
from lmgate.eval.metrics import build_metric
from lmgate.eval.pairing import read_items
from lmgate.eval.shard import dataset_fingerprint
from lmgate.report.artifact import schema_for
from lmgate.results import read_result

ITEMS_FILE = "eval-items.jsonl"
COMPUTED = ("name", "n_items", "n_errors", "repeats", "alpha", "metrics", "flipped", "added", "removed",
            "gate_config", "notes", "verdict", "max_error_rate", "errors", "gate", "no_baseline")
_FIX = "download every shard's artifact of the same workflow run and pass each folder once"


@dataclass(frozen=True)
class Shard:
    path: Path
    summary: dict[str, Any]
    records: list[dict[str, Any]]

    @property
    def index(self) -> int:
        return int(self.summary["shard"]["index"])


def load_shard(path: Path) -> Shard:
    summary = read_result(path, "eval")
    if summary is None:
        raise ResultsError(f"{path} holds no eval.json", where=Location(str(path)), fix=_FIX)
    problems = list(jsonschema_re2.errors(summary, schema_for("eval")))
    if problems:
        raise ResultsError(f"{path / 'eval.json'} does not match the eval result schema: {'; '.join(problems[:3])}",
                           where=Location(str(path / "eval.json")), fix=_FIX)
    shard = summary.get("shard")
    if not isinstance(shard, dict) or not {"index", "count"} <= set(shard):
        raise ResultsError(f"{path} is not a shard result (its eval.json has no `shard`)",
                           where=Location(str(path / "eval.json")), fix="run `lmgate eval --shard I/N` in each job")
    items = path / ITEMS_FILE
    if not items.is_file():
        raise ResultsError(f"{path} has eval.json but no {ITEMS_FILE}", where=Location(str(items)), fix=_FIX)
    return Shard(path, summary, read_items(items))


def _identity(s: Shard) -> dict[str, Any]:
    return {"config_hash": s.summary.get("config_hash"), "run_id": s.summary.get("run_id"),
            "head_sha": (s.summary.get("git") or {}).get("head_sha"),
            "base_sha": (s.summary.get("git") or {}).get("base_sha"),
            "baseline": (s.summary.get("baseline") or {}).get("sha"), "shard count": s.summary["shard"]["count"]}


def check_shards(shards: Sequence[Shard]) -> None:
    first = shards[0]
    for other in shards[1:]:
        for key, value in _identity(first).items():
            if _identity(other)[key] != value:
                raise ResultsError(f"{other.path} is from another run: its {key} is {_identity(other)[key]!r}, "
                                   f"but {first.path} has {value!r}", where=Location(str(other.path / "eval.json")),
                                   fix=_FIX)
    count = int(first.summary["shard"]["count"])
    seen: dict[int, Path] = {}
    for s in shards:
        if s.index in seen:
            raise ResultsError(f"overlapping shards: {seen[s.index]} and {s.path} are both shard {s.index}/{count}",
                               where=Location(str(s.path)), fix=_FIX)
        seen[s.index] = s.path
    missing = [f"{i}/{count}" for i in range(1, count + 1) if i not in seen]
    if missing:
        raise ResultsError(f"missing shard(s) {', '.join(missing)}: only {len(shards)} of {count} were given",
                           fix=_FIX)


def _suite_ids(shards: Sequence[Shard], name: str) -> list[str]:
    owner: dict[str, Path] = {}
    for s in shards:
        for key in {str(r["id"]) for r in s.records if r.get("suite") == name and r.get("side", "head") == "head"}:
            if key in owner:
                raise ResultsError(f"overlapping shards: item {key!r} of suite {name!r} is in both {owner[key]} and "
                                   f"{s.path}", where=Location(str(s.path / ITEMS_FILE)), fix=_FIX)
            owner[key] = s.path
    return list(owner)


def merge_shards(shards: Sequence[Shard]) -> dict[str, Any]:
    """The merged eval.json body (header fields included), after every check has passed."""
    check_shards(shards)
    shards = sorted(shards, key=lambda s: s.index)
    names = [s["name"] for s in shards[0].summary.get("suites", [])]
    for s in shards[1:]:
        if [x["name"] for x in s.summary.get("suites", [])] != names:
            raise ResultsError(f"{s.path} evaluated other suites than {shards[0].path}", fix=_FIX)
    suites = []
    for position, name in enumerate(names):
        infos = [s.summary["suites"][position] for s in shards]
        expected = infos[0].get("dataset_fingerprint")
        if any(i.get("dataset_fingerprint") != expected for i in infos) or not expected:
            raise ResultsError(f"suite {name!r}: the shards disagree on the dataset (or lack dataset_fingerprint)",
                               fix=_FIX)
        ids = _suite_ids(shards, name)
        if dataset_fingerprint(ids) != expected:
            raise ResultsError(f"suite {name!r}: the shards hold {len(ids)} of {expected['n_total']} items "
                               "(items are missing or foreign)", fix=_FIX)
        info = infos[0]
        suites.append(summarize_suite(
            name, [r for s in shards for r in s.records if r.get("suite") == name], _metrics(info),
            info.get("gate_config") or {}, repeats=int(info.get("repeats", 1)), alpha=float(info.get("alpha", 0.05)),
            max_error_rate=info.get("max_error_rate"), base_missing=_base_missing(info),
            info={k: v for k, v in info.items() if k not in COMPUTED}))
    merged = dict(shards[0].summary)
    calls = [s.summary.get("calls") or {} for s in shards]
    merged.update(suites=suites, verdict=overall_verdict(suites), shard=None,
                  calls={k: sum(int(c.get(k) or 0) for c in calls) for k in ("made", "cached", "errors")},
                  timing={"wall_s": max(float((s.summary.get("timing") or {}).get("wall_s") or 0) for s in shards)})
    return merged


def _base_missing(info: dict[str, Any]) -> str | None:
    """The shards' reason for having no base side (their `no_baseline`, without its prefix)."""
    text = (info.get("no_baseline") or "")[len(NO_BASELINE):]
    return text[2:-1] if text.startswith(" (") and text.endswith(")") else None


def _metrics(info: dict[str, Any]) -> list[Any]:
    out: list[Any] = []
    for m in info.get("metrics", []):
        if m.get("kind") == "corpus":
            out.append(build_metric({m["name"]: m.get("options") or {}}))
        else:
            out.append(MetricMeta(m["name"], m.get("kind", "score"), bool(m.get("higher_is_better", True))))
    return out
