"""Accuracy and throughput of the `grounding` detector on the shared labelled corpora.

    .venv/bin/python benchmarks/hallucination_accuracy.py [--rounds 1000] [--seed 0]

For every file of ../shared/data/hallucination/ that carries a context: the threshold is frozen on
its `dev` rows (max balanced accuracy, the SummaC protocol), and AUROC, AUPRC, balanced accuracy
and F1 are reported on its `test` rows with seeded bootstrap 95% intervals. Prints one JSON line,
with published figures on the same data (`anchors`: HaluEval's ChatGPT judge, SummaC's detectors)
beside ours.

`computed_answers`: the set of scripts/make_computed_set.py (answers computed from the context,
right and wrong, built here on the fly): at the shipped threshold, the share of correct answers
flagged (false reds) and of wrong answers flagged, on its test split, overall and per kind.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "hallucination"

from lmgate.hallucination.calibrate import bootstrap, report  # noqa: E402
from lmgate.hallucination.detectors import grounding  # noqa: E402
from lmgate.hallucination.detectors.base import Item  # noqa: E402

ANCHORS = {
    "halueval_qa": "HaluEval QA (Li 2023): ChatGPT as judge, accuracy 0.626 (same data, all rows)",
    "summac": "SummaC benchmark test cut, balanced accuracy: NER-overlap 0.553, SummaC-ZS 0.721, "
              "SummaC-Conv 0.744, HHEM-1.0 0.764 (ours: the validation cut, split dev/test here)",
    "targets": "lmgate targets: HaluEval QA AUROC >= 0.95; SummaC subsets mean balanced accuracy >= 0.70; "
               ">= 300 responses/s; computed answers (test split, shipped threshold): <= 5% of the correct ones "
               "flagged, >= 80% of the wrong ones",
}


def scores(rows: list[dict]) -> tuple[list[float], list[int], tuple[float, float]]:
    """Scores, labels, and (wall, CPU) seconds: CPU time is what other jobs on a shared box cannot inflate."""
    out, start, cpu = [], time.perf_counter(), time.process_time()
    for r in rows:
        grounding.indexed.cache_clear()  # cold: no answer reuses another's indexed context
        v = grounding.score(Item(r["response"], r["context"], r.get("question")), {"threshold": 1.0})
        out.append(0.0 if v.score is None else v.score)
    return out, [r["label"] for r in rows], (time.perf_counter() - start, time.process_time() - cpu)


def computed_set() -> list[dict]:
    spec = importlib.util.spec_from_file_location("make_computed_set", ROOT / "scripts" / "make_computed_set.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.build()


def flagged_share(label: int):
    """The share of the rows with `label` whose score reaches the threshold (a metric for `bootstrap`)."""
    def share(scores, labels, threshold):
        picked = [s >= threshold for s, y in zip(scores, labels, strict=True) if y == label]
        return sum(picked) / len(picked) if picked else float("nan")
    return share


def computed_figures(rows: list[dict], rounds: int, seed: int) -> dict:
    out: dict = {"threshold": grounding.THRESHOLD, "source": "scripts/make_computed_set.py", "rows": len(rows),
                 "kinds": len({r["kind"] for r in rows})}
    for split in ("test", "dev"):
        part = [r for r in rows if r["split"] == split]
        values, labels, _ = scores(part)
        fig: dict = {"n_correct": labels.count(0), "n_wrong": labels.count(1)}
        for name, label in (("flagged_correct", 0), ("flagged_wrong", 1)):
            v, lo, hi = bootstrap(flagged_share(label), values, labels, grounding.THRESHOLD, rounds=rounds, seed=seed)
            fig[name] = {"value": round(v, 4), "ci_low": round(lo, 4), "ci_high": round(hi, 4)}
        kinds: dict = defaultdict(lambda: {"correct_flagged": [0, 0], "wrong_flagged": [0, 0]})
        missed: dict = defaultdict(int)
        for r, s in zip(part, values, strict=True):
            key = "wrong_flagged" if r["label"] else "correct_flagged"
            kinds[r["kind"]][key][0] += s >= grounding.THRESHOLD
            kinds[r["kind"]][key][1] += 1
            if r["label"] and s < grounding.THRESHOLD:
                missed[f"{r['kind']}: {r['error']}"] += 1
        fig["per_kind"] = {k: {n: f"{a}/{b}" for n, (a, b) in v.items()} for k, v in sorted(kinds.items())}
        fig["wrong_missed"] = dict(sorted(missed.items()))
        out[split] = fig
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    figures, n_scored, wall, cpu = {}, 0, 0.0, 0.0
    for path in sorted(DATA.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        if not any(r.get("context") for r in rows):
            continue  # halueval_general: no context, not a grounding task
        dev_s, dev_y, _ = scores([r for r in rows if r["split"] == "dev"])
        test_s, test_y, took = scores([r for r in rows if r["split"] == "test"])
        n_scored, wall, cpu = n_scored + len(test_s), wall + took[0], cpu + took[1]
        figures[path.stem] = report((dev_s, dev_y), (test_s, test_y), rounds=args.rounds, seed=args.seed)
        figures[path.stem]["at_shipped_threshold"] = report(
            (dev_s, dev_y), (test_s, test_y), rounds=0, threshold=grounding.THRESHOLD)["balanced_accuracy"]["value"]
    summac = [v["balanced_accuracy"]["value"] for k, v in figures.items() if k.startswith("summac_")]
    computed_answers = computed_figures(computed_set(), args.rounds, args.seed)
    print(json.dumps({
        "benchmark": "hallucination_accuracy", "detector": "grounding", "split": "test",
        "threshold": "frozen on each file's dev rows", "bootstrap": {"rounds": args.rounds, "seed": args.seed},
        "files": figures,
        "halueval_qa_auroc": figures.get("halueval_qa", {}).get("auroc", {}).get("value"),
        "summac_mean_balanced_accuracy": round(sum(summac) / len(summac), 4) if summac else None,
        "computed_answers": computed_answers,
        "throughput_responses_per_s": round(n_scored / wall, 1),
        "throughput_responses_per_cpu_s": round(n_scored / cpu, 1), "responses_timed": n_scored,
        "load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
        "anchors": ANCHORS,
    }))


if __name__ == "__main__":
    main()
