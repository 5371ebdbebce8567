"""The answers the gate scores: read from the eval stage's eval-items.jsonl (docs/contracts.md).

One record per item x side x sample. The first sample of an item/side is its answer; the other
samples (repeats) are what `selfcheck` compares it with. The context is the config's
`hallucination.context` template rendered with the item's `inputs`; a render failure leaves that
one answer without context (recorded), it does not stop the gate.

Whose answers they are: eval writes `eval.json` beside `eval-items.jsonl`, and its header names the
commit and run the answers were computed on. `judged_run` returns that identity (nulls when no
eval.json vouches for the items: a hand-made file, or an eval that never finished), so the gate can
refuse another commit's answers and hallucination.json can record whose answers it judged
(see `lmgate.commands.hallucination`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, LmgateError, Location
from lmgate.eval.pairing import read_items
from lmgate.hallucination.detectors.base import Item
from lmgate.results import FILES, read_result
from lmgate.templating import render

ITEMS_FILE = "eval-items.jsonl"
EVAL_FILE = FILES["eval"]


@dataclass(frozen=True)
class Answer:
    suite: str
    id: str
    side: str
    item: Item
    error: str | None = None  # why this answer cannot be scored (the eval call failed, ...)


def read_records(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InputError(f"{path.name} not found in {path.parent}", where=Location(str(path)),
                         fix="run `lmgate eval` first (or point --results at the folder it wrote)")
    return read_items(path, partial_tail_ok=True)


def judged_run(results: Path) -> dict[str, str | None]:
    """`{head_sha, run_id}` of the eval results in `results` (eval.json's header; nulls without one).

    A foreign or broken eval.json is refused (exit 2): it cannot vouch for the answers beside it."""
    data = read_result(results, "eval") or {}
    git = data.get("git") if isinstance(data.get("git"), dict) else {}
    head, run = git.get("head_sha"), data.get("run_id")
    return {"head_sha": head if isinstance(head, str) else None,
            "run_id": str(run) if isinstance(run, (str, int)) and not isinstance(run, bool) else None}


def base_folder(results: Path, explicit: str | None) -> Path | None:
    """Where base answers live when eval ran with --baseline-results: given, or named in eval.json."""
    if explicit:
        return Path(explicit)
    try:
        baseline = json.loads((results / "eval.json").read_text(encoding="utf-8")).get("baseline") or {}
    except (OSError, ValueError, AttributeError):
        return None
    folder = baseline.get("results") if isinstance(baseline, dict) else None
    return Path(folder) if isinstance(folder, str) and (Path(folder) / ITEMS_FILE).is_file() else None


def with_base(records: list[dict[str, Any]], base: Path | None) -> list[dict[str, Any]]:
    """Add the base run's head answers as this run's base side, unless eval already recorded a base."""
    if base is None or any(r.get("side") == "base" for r in records):
        return records
    return records + [{**r, "side": "base"} for r in read_records(base / ITEMS_FILE) if r.get("side") == "head"]


def _context(template: str | None, inputs: Mapping[str, Any]) -> tuple[str | None, str | None]:
    if template is None:
        return None, None
    try:
        return render(template, dict(inputs), "hallucination.context"), None
    except LmgateError as exc:
        return None, f"context template failed for this item: {exc.message}"


def answers(records: Iterable[Mapping[str, Any]], template: str | None, suites: set[str] | None) -> list[Answer]:
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for rec in records:
        if suites is None or rec["suite"] in suites:
            groups.setdefault((str(rec["suite"]), str(rec["id"]), str(rec.get("side", "head"))), []).append(rec)
    out = []
    for (suite, item_id, side), recs in sorted(groups.items()):
        recs.sort(key=lambda r: r.get("sample") or 0)
        first, others = recs[0], recs[1:]
        inputs = first.get("inputs") if isinstance(first.get("inputs"), dict) else {}
        context, why = _context(template, inputs)
        question = inputs.get("question") if isinstance(inputs.get("question"), str) else None
        logprobs = first.get("logprobs")
        item = Item(str(first.get("output") or ""), context, question,
                    tuple(str(r["output"]) for r in others if isinstance(r.get("output"), str) and not r.get("error")),
                    tuple((str(t[0]), t[1]) for t in logprobs if isinstance(t, list) and len(t) == 2)
                    if isinstance(logprobs, list) else None)
        error = f"the eval call failed: {first['error']}" if first.get("error") else why
        out.append(Answer(suite, item_id, side, item, error))
    return out
