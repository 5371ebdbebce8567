from __future__ import annotations

import json
import random

import pytest
from scipy import stats as sp

from lmgate.eval.compare import MetricMeta, overall_verdict, summarize_suite

from .recordgen import make_records, record

EM, F1 = MetricMeta("exact_match", "pass_fail"), MetricMeta("f1", "score")


class MeanLength:
    """A corpus metric (not a mean of item scores): average output length over the corpus."""

    name, kind, higher_is_better = "mean_length", "corpus", True

    def aggregate(self, outputs, items):
        return sum(len(o or "") for o in outputs) / max(1, len(outputs))


def test_head_only_has_no_comparison():
    suite = summarize_suite("qa", make_records(30, base=False), [EM, F1], {"exact_match": {"min": 0.5}})
    em = suite["metrics"][0]
    assert em["base"] is None and em["diff"] is None and em["change"] is None
    assert suite["added"] == [] and suite["removed"] == [] and suite["flipped"]["pass_to_fail"] == []
    assert em["head"]["n"] == 30 and em["gate"]["verdict"] == suite["verdict"]
    assert json.loads(json.dumps(suite)) == suite  # plain JSON, no NaN or objects


def test_repeats_are_averaged_per_item_before_the_mean():
    records = [record("a", "head", passed=True, score=1.0, sample=s) for s in range(3)]
    records += [record("b", "head", passed=s == 0, score=0.0, sample=s) for s in range(3)]
    records += [record("c", "head", passed=False, score=0.5, sample=s) for s in range(3)]
    suite = summarize_suite("qa", records, [EM], {}, repeats=3)
    head = suite["metrics"][0]["head"]
    per_item = [1.0, 1 / 3, 0.0]
    assert head["n"] == 3 and head["mean"] == pytest.approx(sum(per_item) / 3)
    assert head["se"] == pytest.approx(sp.sem(per_item))


def test_errors_are_counted_excluded_and_gated():
    records = make_records(20, base=False)
    records += [record("boom", "head", passed=False, score=0.0, error="HTTP 500"),
                record("boom", "head", passed=False, score=0.0, sample=1, error="timeout")]
    clean = summarize_suite("qa", make_records(20, base=False), [EM], {})
    suite = summarize_suite("qa", records, [EM], {"exact_match": {"max_error_rate": 0.05}}, repeats=1)
    assert suite["n_errors"] == 2 and suite["n_items"] == 21
    assert suite["metrics"][0]["head"] == clean["metrics"][0]["head"]  # the errored item is not a 0
    assert "2 errored head sample(s) are excluded" in suite["notes"][0] and "1 item(s)" in suite["notes"][0]
    assert suite["metrics"][0]["gate"]["verdict"] == "fail" and "2/22" in suite["metrics"][0]["gate"]["reason"]


def test_pairing_lists_added_and_removed_and_compares_only_pairs():
    records = make_records(40, seed=1)
    records = [r for r in records if not (r["id"] == "item-0001" and r["side"] == "base")]
    records = [r for r in records if not (r["id"] == "item-0002" and r["side"] == "head")]
    suite = summarize_suite("qa", records, [EM, F1], {})
    assert suite["added"] == ["item-0001"] and suite["removed"] == ["item-0002"]
    f1 = suite["metrics"][1]
    assert f1["head"]["n"] == 39 and f1["base"]["n"] == 39
    head = {r["id"]: r["scores"]["f1"] for r in records if r["side"] == "head"}
    base = {r["id"]: r["scores"]["f1"] for r in records if r["side"] == "base"}
    paired = sorted(set(head) & set(base))
    ref = sp.ttest_rel([head[k] for k in paired], [base[k] for k in paired])
    assert f1["diff"]["test"] == "paired_t" and f1["diff"]["p_value"] == pytest.approx(ref.pvalue)


def test_mcnemar_for_pass_fail_and_a_clear_regression():
    records = make_records(2000, seed=4, p_base=0.75, p_head=0.6)
    suite = summarize_suite("qa", records, [EM], {"exact_match": {"max_drop": 0.05, "min": 0.5}})
    em = suite["metrics"][0]
    assert em["diff"]["test"] == "mcnemar" and em["diff"]["p_value"] < 1e-6
    assert em["change"] == "regression" and em["diff"]["ci_high"] < 0
    assert em["gate"]["verdict"] == "fail" and suite["verdict"] == "fail" == overall_verdict([suite])
    assert em["diff"]["mde"] < 0.05
    better = summarize_suite("qa", make_records(2000, seed=4, p_base=0.6, p_head=0.75), [EM], {})
    assert better["metrics"][0]["change"] == "improvement"


def test_flips_carry_inputs_and_both_outputs_most_severe_first():
    records = []
    for item, base_pass, head_pass in [("x", [1, 1, 1], [0, 0, 0]), ("y", [1, 1, 1], [0, 1, 0]),
                                       ("z", [0, 0, 0], [1, 1, 1]), ("w", [1, 0, 1], [1, 1, 0])]:
        for s in range(3):
            records.append(record(item, "base", passed=bool(base_pass[s]), score=0.0, sample=s, output=f"old {item}"))
            records.append(record(item, "head", passed=bool(head_pass[s]), score=0.0, sample=s, output=f"new {item}"))
    suite = summarize_suite("qa", records, [EM], {}, repeats=3)
    p2f = suite["flipped"]["pass_to_fail"]
    assert [f["id"] for f in p2f] == ["x", "y"]  # x lost all samples, y two of three
    assert p2f[0] == {"id": "x", "metric": "exact_match", "inputs": {"id": "x", "q": "q x"},
                      "base_output": "old x", "head_output": "new x"}
    assert [f["id"] for f in suite["flipped"]["fail_to_pass"]] == ["z"]
    assert suite["flipped"]["n_pass_to_fail"] == 2


def test_clusters_widen_the_interval_and_switch_to_paired_t():
    records = make_records(300, seed=5, cluster_size=10)
    plain = [{**r, "cluster": None} for r in records]
    clustered = summarize_suite("qa", records, [EM, F1], {})["metrics"]
    independent = summarize_suite("qa", plain, [EM, F1], {})["metrics"]
    assert clustered[0]["diff"]["test"] == "paired_t" and independent[0]["diff"]["test"] == "mcnemar"
    assert clustered[1]["head"]["se"] > 1.5 * independent[1]["head"]["se"]


def test_result_does_not_depend_on_record_order():
    records = make_records(200, seed=6, repeats=2)
    shuffled = records[:]
    random.Random(1).shuffle(shuffled)
    metrics = [EM, F1, MeanLength()]
    one = summarize_suite("qa", records, metrics, {"f1": {"max_drop": 0.1}}, n_boot=200)
    two = summarize_suite("qa", shuffled, metrics, {"f1": {"max_drop": 0.1}}, n_boot=200)
    assert one == two


def test_corpus_metric_uses_the_seeded_paired_bootstrap():
    records = make_records(100, seed=8)
    for r in records:
        if r["side"] == "head" and r["id"] < "item-0030":
            r["output"] += " with many more words"
    suite = summarize_suite("qa", records, [MeanLength()], {"mean_length": {"max_drop": 10}}, n_boot=300)
    m = suite["metrics"][0]
    assert m["diff"]["test"] == "bootstrap" and m["change"] == "improvement"
    assert m["diff"]["ci_low"] < m["diff"]["mean"] < m["diff"]["ci_high"]
    assert m["head"]["mean"] > m["base"]["mean"] and m["gate"]["verdict"] == "pass"


class MeanLengthStats(MeanLength):
    """The same metric through the fast path: additive sufficient statistics (total length, count)."""

    def item_stats(self, output, item):
        return [len(output or ""), 1]

    def from_stats(self, totals):
        return totals[0] / max(1, totals[1])


def test_sufficient_statistics_fast_path_gives_the_aggregate_result():
    records = make_records(80, seed=12, repeats=2, cluster_size=4)
    for r in records:
        if r["side"] == "head" and r["id"] < "item-0020":
            r["output"] += " longer"
    slow = summarize_suite("qa", records, [MeanLength()], {}, repeats=2, n_boot=200)["metrics"][0]
    quick = summarize_suite("qa", records, [MeanLengthStats()], {}, repeats=2, n_boot=200)["metrics"][0]
    for side in ("head", "base", "diff"):
        for key, value in slow[side].items():
            assert quick[side][key] == (value if isinstance(value, str) else pytest.approx(value, rel=1e-12))
    assert slow["change"] == quick["change"] == "improvement"
