"""`lmgate hallucination score` and `... calibrate`: detectors and figures on any JSONL of answers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path

from lmgate.errors import InputError, Location
from lmgate.github.runtime import Console


def score_file(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    from lmgate.commands.common import load
    from lmgate.hallucination.gate import score_all
    from lmgate.hallucination.runner import item_from_row, prepare, read_jsonl
    from lmgate.results import write_text_atomic

    config = load(args, env, console) if getattr(args, "config", None) else None
    h = (config.hallucination if config else None) or {}
    name = args.detector or h.get("detector") or "grounding"
    options = h.get("options") if h.get("detector", name) == name else None
    prepared = prepare(name, options, args.threshold, config=config, env=env)
    console.mask(prepared.secrets)
    path = Path(args.input)
    rows = read_jsonl(path)
    items = [item_from_row(row, Location(str(path), n)) for n, row in rows]
    verdicts = score_all([_Wrap(i) for i in items], lambda w: prepared.score(w.item), prepared.workers)
    lines = [json.dumps({**row, **v.to_json()}, ensure_ascii=False) for (_, row), v in zip(rows, verdicts, strict=True)]
    secrets = (config.secrets if config else frozenset()) | prepared.secrets
    write_text_atomic(Path(args.output), "\n".join(lines) + ("\n" if lines else ""), secrets)
    judged = [v for v in verdicts if v.score is not None]
    console.out.write(f"{name}: scored {len(judged)} of {len(rows)} answers, flagged {sum(v.flagged for v in judged)}"
                      f", unjudged {len(rows) - len(judged)} (threshold {prepared.threshold:g}) -> {args.output}\n")
    return 0


class _Wrap:  # score_all takes answers; an error-free stand-in carries the bare item
    error = None

    def __init__(self, item) -> None:
        self.item = item


def calibrate_file(args: argparse.Namespace, console: Console) -> int:
    from lmgate.hallucination.calibrate import report
    from lmgate.hallucination.runner import read_jsonl

    path = Path(args.input)
    splits: dict[str, tuple[list[float], list[int]]] = {"dev": ([], []), "test": ([], [])}
    skipped = 0
    for n, row in read_jsonl(path):
        score, label, split = row.get(args.score_field), row.get(args.label_field), row.get(args.split_field)
        if score is None:
            skipped += 1  # unjudged: no score to calibrate
            continue
        if isinstance(label, bool) or label not in (0, 1) or not isinstance(score, (int, float)):
            raise InputError(f"`{args.label_field}` must be 0/1 and `{args.score_field}` a number, got "
                             f"{label!r} / {score!r}", where=Location(str(path), n))
        if split in splits:
            splits[split][0].append(float(score))
            splits[split][1].append(int(label))
    for name, (_, labels) in splits.items():
        if len(set(labels)) < 2:
            raise InputError(f"the {name} split needs both labels (has {len(labels)} rows)", where=Location(str(path)),
                             fix=f"mark rows with {args.split_field}: dev / test; each needs 0 and 1 labels")
    figures = report(splits["dev"], splits["test"], rounds=args.rounds, seed=args.seed)
    figures["unjudged_skipped"] = skipped
    if args.json:
        console.out.write(json.dumps(figures) + "\n")
        return 0
    console.out.write(f"threshold (max balanced accuracy on dev, n={figures['n_dev']}): {figures['threshold']}\n"
                      f"test (n={figures['n_test']}), 95% bootstrap intervals ({args.rounds} rounds, seed {args.seed}):"
                      "\n")
    for key in ("auroc", "auprc", "balanced_accuracy", "f1"):
        f = figures[key]
        console.out.write(f"  {key:<18} {f['value']:.4f}  [{f['ci_low']:.4f}, {f['ci_high']:.4f}]\n")
    if skipped:
        console.out.write(f"  ({skipped} unjudged rows skipped)\n")
    return 0
