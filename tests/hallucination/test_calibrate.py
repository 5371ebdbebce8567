"""Accuracy figures against scipy/hand-computed references, and `lmgate hallucination calibrate`."""

from __future__ import annotations

import json
import random
import subprocess

from scipy.stats import mannwhitneyu

from lmgate.hallucination.calibrate import auprc, auroc, balanced_accuracy, bootstrap, choose_threshold, f1, report


def test_auroc_matches_mann_whitney_with_ties():
    rng = random.Random(3)
    labels = [rng.randint(0, 1) for _ in range(300)]
    scores = [round(rng.random() + 0.3 * y, 1) for y in labels]  # rounding makes many ties
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    u = mannwhitneyu(pos, neg).statistic
    assert abs(auroc(scores, labels) - u / (len(pos) * len(neg))) < 1e-12


def test_auprc_and_thresholded_figures_by_hand():
    scores, labels = [0.1, 0.4, 0.35, 0.8, 0.8, 0.2], [0, 0, 1, 1, 0, 1]
    assert abs(auprc(scores, labels) - (1 / 6 + 1 / 6 + 0.2)) < 1e-12
    assert balanced_accuracy(scores, labels, 0.3) == (2 / 3 + 1 / 3) / 2  # tp 2, fn 1; tn 1, fp 2
    assert f1(scores, labels, 0.3) == 2 * 2 / (2 * 2 + 2 + 1)
    assert choose_threshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) == 0.5


def test_bootstrap_is_seeded_and_brackets_the_value():
    rng = random.Random(0)
    labels = [rng.randint(0, 1) for _ in range(200)]
    scores = [rng.random() + 0.5 * y for y in labels]
    a = bootstrap(auroc, scores, labels, rounds=300, seed=7)
    assert a == bootstrap(auroc, scores, labels, rounds=300, seed=7)
    assert a[1] <= a[0] <= a[2] and a[2] - a[1] < 0.2
    figures = report((scores[:100], labels[:100]), (scores[100:], labels[100:]), rounds=100)
    assert set(figures) >= {"threshold", "auroc", "auprc", "balanced_accuracy", "f1"}


def test_score_then_calibrate_cli_on_real_rows(tmp_path, shared_data, lmgate_exe):
    rows = [json.loads(line) for line in (shared_data / "hallucination" / "halueval_qa.jsonl").open()]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows[:200]))
    out = tmp_path / "out.jsonl"
    run = subprocess.run([*lmgate_exe, "hallucination", "score", "--input", str(src), "--output", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    scored = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(scored) == 200 and all({"score", "flagged", "spans", "label"} <= r.keys() for r in scored)
    run = subprocess.run([*lmgate_exe, "hallucination", "calibrate", "--input", str(out), "--rounds", "200",
                          "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    assert figures["auroc"]["value"] > 0.9 and figures["n_dev"] + figures["n_test"] == 200


def test_bad_score_input_is_a_located_error(tmp_path, lmgate_exe):
    src = tmp_path / "in.jsonl"
    src.write_text('{"response": "ok", "context": "ok"}\n{"response": 3}\n')
    run = subprocess.run([*lmgate_exe, "hallucination", "score", "--input", str(src), "--output",
                          str(tmp_path / "o.jsonl")], capture_output=True, text=True)
    assert run.returncode == 2 and f"{src}:2" in run.stderr and "Traceback" not in run.stderr
    src.write_text('{"score": 0.3, "label": 1, "split": "dev"}\n')
    run = subprocess.run([*lmgate_exe, "hallucination", "calibrate", "--input", str(src)], capture_output=True,
                         text=True)
    assert run.returncode == 2 and "needs both labels" in run.stderr
