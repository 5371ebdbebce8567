"""Items that are on one side only are said to be uncompared, in every output.

A PR that edits every row of a dataset without an `id` field gives every item a new id: the base
and the head then share no item. The terminal said nothing about it, the change was labelled
"within noise" beside an empty interval, and the max_drop warning read "n=0 paired items is too
few". A PR that deleted the failing half of the items showed `0.500 → 1.000` beside a difference
of +0.000 and no word, in the terminal or JUnit, that 20 items had left the comparison.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eval.recordgen import record
from lmgate.eval.compare import MetricMeta, summarize_suite
from lmgate.eval.junit import build_junit
from lmgate.report.render import ReportContext, render_report
from lmgate.report.terminal import render_eval
from lmgate.results import header

INFO = {"provider": "candidate", "prompt": "qa", "dataset": "qa-dev"}
EM = MetricMeta("exact_match", "pass_fail")
F1 = MetricMeta("f1", "score")


def eval_json(suite: dict) -> dict:
    return {**header("eval", suite["verdict"], config_hash="c"), "suites": [suite],
            "calls": {"made": 1, "cached": 0, "errors": 0}, "baseline": {"ref": "main", "sha": "a" * 40},
            "no_baseline": None, "shard": None}


def test_no_item_in_both_sides_is_not_called_noise_and_the_gate_says_why():
    records = [record(f"old{i}", "base", passed=i % 2 == 0, score=0.5) for i in range(30)]
    records += [record(f"new{i}", "head", passed=i % 3 == 0, score=0.5) for i in range(30)]
    suite = summarize_suite("qa", records, [EM], {"exact_match": {"max_drop": 0.05}}, info=INFO)
    metric = suite["metrics"][0]
    assert metric["change"] is None
    assert metric["gate"]["verdict"] == "warn"
    assert "no item id is in both the base and the head" in metric["gate"]["reason"]
    assert "stable id" in metric["gate"]["reason"]
    terminal = render_eval(eval_json(suite))
    assert "within noise" not in terminal
    assert "not compared: 30 item(s) only in the head, 30 only in the base" in terminal
    comment = render_report({"eval": eval_json(suite)}, ReportContext()).markdown
    assert "within noise ·" not in comment and "[–," not in comment
    assert "paired items" not in comment  # there are none: no "MDE with 30 paired items"


def test_removed_items_are_named_in_the_terminal_and_junit_and_the_pair_count_is_right():
    records = []
    for i in range(40):
        records.append(record(f"q{i}", "base", passed=i % 2 == 0, score=0.5))
        if i % 2 == 0:  # the PR deleted the items that failed
            records.append(record(f"q{i}", "head", passed=True, score=0.5))
    suite = summarize_suite("qa", records, [EM], {"exact_match": {"min": 0.5}}, info=INFO)
    assert suite["removed"] and suite["verdict"] == "pass"
    data = eval_json(suite)
    said = "not compared: 0 item(s) only in the head, 20 only in the base"
    assert said in render_eval(data)
    assert said in ET.tostring(build_junit(data), encoding="unicode")
    comment = render_report({"eval": data}, ReportContext()).markdown
    assert "Minimum detectable effect with 20 paired items" in comment


def test_a_metric_the_base_does_not_compute_says_so():
    records = []
    for i in range(30):
        base = record(f"q{i}", "base", passed=True, score=0.5)
        base["scores"].pop("f1")  # the PR added f1 to the suite
        records += [base, record(f"q{i}", "head", passed=True, score=0.5)]
    suite = summarize_suite("qa", records, [EM, F1], {"f1": {"max_drop": 0.05}})
    f1 = suite["metrics"][1]
    assert f1["change"] is None
    assert f1["gate"] == {"verdict": "warn",
                          "reason": "max_drop 0.05 not tested: no item of the base has a score for this metric"}


def test_the_terminal_names_a_baseline_given_by_its_results_folder():
    # the comment said "Evaluation against prev-results"; the terminal said nothing of a base
    records = [record(f"q{i}", side, passed=True, score=0.5) for i in range(5) for side in ("base", "head")]
    data = {**eval_json(summarize_suite("qa", records, [EM], None, info=INFO)),
            "baseline": {"ref": None, "sha": None, "results": "prev-results"}}
    assert render_eval(data).startswith("compared with the base results in prev-results\n")
    assert "Evaluation against prev-results" in render_report({"eval": data}, ReportContext()).markdown


def test_a_metric_no_head_item_scored_fails_its_max_drop_gate():
    records = []
    for i in range(30):
        head = record(f"q{i}", "head", passed=True, score=0.5)
        head["scores"].pop("f1")  # e.g. per_item options that no head row carries any more
        records += [record(f"q{i}", "base", passed=True, score=0.5), head]
    f1 = summarize_suite("qa", records, [EM, F1], {"f1": {"max_drop": 0.05}}, info=INFO)["metrics"][1]
    assert f1["gate"] == {"verdict": "fail", "reason": "no item of the head has a score for this metric, so "
                                                       "max_drop 0.05 cannot pass"}
    # without a baseline it passed as "not checked": a gate with no number to judge was green
    alone = summarize_suite("qa", [r for r in records if r["side"] == "head"], [EM, F1], {"f1": {"max_drop": 0.05}},
                            info=INFO)
    assert alone["metrics"][1]["gate"]["verdict"] == "fail" and alone["verdict"] == "fail"
