"""`lmgate hallucination`: the gate; `... score` and `... calibrate`: tools for any JSONL of answers.

    lmgate hallucination [--config F] [--results DIR] [--detector D] [--max-rate X] [--threshold T]
    lmgate hallucination score --input F.jsonl --output G.jsonl [--detector D]
    lmgate hallucination calibrate --input G.jsonl [--label-field label] [--split-field split]

Whose answers the gate judged. Stages meet only through the results folder, so the answers in
eval-items.jsonl may be an earlier run's (a persistent workspace, a restored cache, an eval step
that did not run): stamping this run's id on a verdict about them let `lmgate report` present it as
this run's. So hallucination.json records both identities:

- its header, like every stage's, is the run that wrote it: this run's commit (a pull request's
  head) and `GITHUB_RUN_ID`;
- `answers: {head_sha, run_id}` is the commit and run of the eval results it judged, from the
  header of eval.json beside eval-items.jsonl (both null when there is no eval.json to vouch for
  them); `answers` itself is null only when nothing was judged (the gate is skipped).

The rule: answers of another commit than this run's (both known) are refused, exit 2 and nothing
written, since a pass on them would be a green check for a commit nobody judged. Answers of another
run of the same commit, or with no eval.json while in a workflow run, are judged (the verdict holds
for that commit) with a warning. `lmgate report` and `lmgate comment` keep a hallucination.json
only when its header and its `answers` both name the report's commit and run, and name it as left
out otherwise (`lmgate.report.render.select_run`; a results artifact that mixes them is refused,
`lmgate.report.artifact.check_one_run`).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.commands.common import add_config_argument, load
from lmgate.errors import InputError, Location
from lmgate.github.event import Event, read_event
from lmgate.github.runtime import Annotation, Console
from lmgate.hallucination import gate as g
from lmgate.hallucination.answers import (
    EVAL_FILE,
    ITEMS_FILE,
    answers,
    base_folder,
    judged_run,
    read_records,
    with_base,
)
from lmgate.hallucination.calibrate import report
from lmgate.hallucination.detectors import prepare
from lmgate.hallucination.detectors.base import Item
from lmgate.hallucination.journal import FILE as JOURNAL
from lmgate.hallucination.journal import Journal, item_key
from lmgate.results import write_result, write_text_atomic
from lmgate.templating import render

SUMMARY = Path(__file__).resolve().parents[1] / "hallucination" / "templates" / "summary.md.j2"


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_argument(parser)
    parser.add_argument("--results", metavar="DIR", help="results folder (default: from lmgate.yaml)")
    parser.add_argument("--base-results", metavar="DIR", help="results folder of the base run (default: the "
                        "base answers in eval-items.jsonl, or eval.json's baseline.results)")
    parser.add_argument("--detector", help="grounding, selfcheck, logprob, judge or nli (default: from config)")
    parser.add_argument("--max-rate", type=rate, metavar="X", help="override hallucination.max_rate")
    parser.add_argument("--threshold", type=float, metavar="T", help="override the detector's threshold")
    sub = parser.add_subparsers(dest="action", metavar="{score,calibrate}",
                                description="without an action: run the gate on the eval results")
    score = sub.add_parser("score", help="score a JSONL of answers (response, context, question, samples, "
                           "logprobs); writes score, flagged, spans")
    score.add_argument("--input", required=True, metavar="F.jsonl")
    score.add_argument("--output", required=True, metavar="G.jsonl")
    for flag in ("--detector", "--config"):
        score.add_argument(flag, default=argparse.SUPPRESS)
    score.add_argument("--threshold", type=float, default=argparse.SUPPRESS)
    cal = sub.add_parser("calibrate", help="threshold on dev; AUROC, AUPRC, balanced accuracy, F1 on test")
    cal.add_argument("--input", required=True, metavar="G.jsonl")
    cal.add_argument("--label-field", default="label", help="1 = hallucinated (default: label)")
    cal.add_argument("--split-field", default="split", help="rows with dev / test (default: split)")
    cal.add_argument("--score-field", default="score")
    cal.add_argument("--rounds", type=int, default=1000, help="bootstrap rounds (default 1000)")
    cal.add_argument("--seed", type=int, default=0)
    cal.add_argument("--json", action="store_true", help="print one JSON line instead of a table")


def rate(text: str) -> float:
    """A share from 0 to 1: `--max-rate nan` compared false with every rate and passed them all."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share from 0 to 1 (e.g. 0.05 for 5 %)")
    return value


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    if args.action == "score":
        return score_file(args, env, console)
    if args.action == "calibrate":
        return calibrate_file(args, console)
    return gate(args, env, console)


def gate(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    config = load(args, env, console)
    h = config.hallucination
    results = Path(args.results) if args.results else config.results_dir
    event = read_event(env)
    if not h:
        console.out.write("lmgate: no `hallucination:` section in the config; the gate is skipped\n")
        write_result(results, "hallucination", {"detector": None, "threshold": None, "answers": None, "suites": []},
                     verdict="skipped", config_hash=config.config_hash, secrets=config.secrets, event=event)
        console.set_output("verdict", "skipped")
        return 0
    judged = judged_run(results)  # before the detector is prepared: an NLI model is a download
    check_answers_are_this_runs(judged, event, results / EVAL_FILE, console)
    name = args.detector or h["detector"]
    prepared = prepare(name, h.get("options"), args.threshold if args.threshold is not None else h.get("threshold"),
                       config=config, env=env)
    console.mask(prepared.secrets)
    max_rate = args.max_rate if args.max_rate is not None else h["max_rate"]
    records = with_base(read_records(results / ITEMS_FILE), base_folder(results, args.base_results))
    found = answers(records, h.get("context"), set(h["suites"]) if h["suites"] else None)
    journal = Journal(results / JOURNAL, config.root)
    verdicts = g.score_all(found, lambda a: prepared.score(a.item), prepared.workers, journal,
                           lambda a: item_key(name, prepared.options, a.item))
    if journal.reused:
        console.out.write(f"reused {journal.reused} verdicts from {JOURNAL}: the same answers, judged by an earlier "
                          "run with this detector and these options\n")
    # with no suite named and no answer found, every suite of the config is one the gate could not judge
    names = list(h["suites"] or dict.fromkeys(a.suite for a in found) or (s.name for s in config.suites))
    suites = [g.suite_result(s, [(a, v) for a, v in zip(found, verdicts, strict=True) if a.suite == s], max_rate,
                             h["max_increase"]) for s in names]
    verdict = g.overall(suites)
    body = {"detector": name, "threshold": prepared.threshold, "max_rate": max_rate,
            "max_increase": h["max_increase"], "answers": judged, "suites": suites}
    write_result(results, "hallucination", body, verdict=verdict, config_hash=config.config_hash,
                 secrets=config.secrets | prepared.secrets, event=event)
    for s in suites:
        base = f", base {s['base']['rate']}" if s["base"] else ""
        rate = "—" if s["head"]["rate"] is None else s["head"]["rate"]
        console.out.write(f"{s['name']}: head rate {rate} ({s['head']['flagged']}/{s['head']['n']}, "
                          f"{s['head']['unjudged']} unjudged){base} — {s['verdict']}: {s['reason']}\n")
        for ex in s["examples"][:3]:
            console.echo_untrusted(f"  flagged {ex['id']} ({ex['score']}): {ex['output'][:300]}")
    console.annotate([Annotation("error", f"suite {s['name']}: {s['reason']}", title="hallucination gate")
                      for s in suites if s["verdict"] == "fail"])
    pct = lambda r: "—" if r is None else f"{r:.1%}"  # noqa: E731
    console.add_summary(render(SUMMARY.read_text(encoding="utf-8"), {**body, "verdict": verdict, "pct": pct},
                               SUMMARY.name))
    head = [s["head"] for s in suites if s["head"]["n"]]
    base = [s["base"] for s in suites if s["base"] and s["base"]["n"]]
    console.set_output("rate", _pooled(head))
    console.set_output("base-rate", _pooled(base))
    console.set_output("verdict", verdict)
    return 1 if verdict == "fail" else 0


def check_answers_are_this_runs(judged: Mapping[str, str | None], event: Event, eval_file: Path,
                                console: Console) -> None:
    """Refuse another commit's answers; warn about another run's (the rule in the module docstring)."""
    head, run = judged["head_sha"], judged["run_id"]
    if head and event.head_sha and head != event.head_sha:
        raise InputError(f"the answers in {ITEMS_FILE} were computed on commit {head[:12]} (run {run or 'unknown'}), "
                         f"not on this run's commit {event.head_sha[:12]}; judging them would gate this commit on "
                         "another one's answers", where=Location(str(eval_file)),
                         fix="run `lmgate eval` before the gate in this job (or download this run's results), or "
                             "point --results at the eval results of this commit")
    if event.run_id and run != event.run_id:
        whose = f"of run {run}" if run else f"that no {EVAL_FILE} vouches for"
        console.annotate([Annotation("warning", f"judging answers {whose}, not this run's ({event.run_id}): "
                                     "`lmgate report` in this run will leave hallucination.json out",
                                     title="hallucination gate: answers of another run")])


def _pooled(sides: list[dict]) -> str:
    n = sum(s["n"] for s in sides)
    return f"{sum(s['flagged'] for s in sides) / n:.4f}" if n else ""


def score_file(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    """`lmgate hallucination score`: a detector's verdicts on any JSONL of answers."""
    config = load(args, env, console) if getattr(args, "config", None) else None
    h = (config.hallucination if config else None) or {}
    name = args.detector or h.get("detector") or "grounding"
    options = h.get("options") if h.get("detector", name) == name else None
    prepared = prepare(name, options, args.threshold, config=config, env=env)
    console.mask(prepared.secrets)
    path = Path(args.input)
    rows = read_jsonl(path)
    items = [item_from_row(row, Location(str(path), n)) for n, row in rows]
    verdicts = g.score_all([_Wrap(i) for i in items], lambda w: prepared.score(w.item), prepared.workers)
    lines = [json.dumps({**row, **v.to_json()}, ensure_ascii=False) for (_, row), v in zip(rows, verdicts, strict=True)]
    secrets = (config.secrets if config else frozenset()) | prepared.secrets
    write_text_atomic(Path(args.output), "\n".join(lines) + ("\n" if lines else ""), secrets)
    judged = [v for v in verdicts if v.score is not None]
    console.out.write(f"{name}: scored {len(judged)} of {len(rows)} answers, flagged {sum(v.flagged for v in judged)}"
                      f", unjudged {len(rows) - len(judged)} (threshold {prepared.threshold:g}) -> {args.output}\n")
    return 0


class _Wrap:  # score_all takes answers; an error-free stand-in carries the bare item
    error = None

    def __init__(self, item: Item) -> None:
        self.item = item


def calibrate_file(args: argparse.Namespace, console: Console) -> int:
    """`lmgate hallucination calibrate`: the threshold on the dev rows, the figures on the test rows."""
    path = Path(args.input)
    splits: dict[str, tuple[list[float], list[int]]] = {"dev": ([], []), "test": ([], [])}
    skipped = 0
    for n, row in read_jsonl(path):
        score, label, split = row.get(args.score_field), row.get(args.label_field), row.get(args.split_field)
        if score is None:
            skipped += 1  # unjudged: no score to calibrate
            continue
        if isinstance(label, bool) or label not in (0, 1) or not isinstance(score, (int, float)) \
                or not math.isfinite(score):  # a NaN score once hung the rank loops of calibrate.py
            raise InputError(f"`{args.label_field}` must be 0/1 and `{args.score_field}` a finite number, got "
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
