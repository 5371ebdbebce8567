from __future__ import annotations

import json
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats as sp

from lmgate.eval.compare import NO_BASELINE, MetricMeta, overall_verdict, summarize_suite
from lmgate.eval.stats import CHANGE_WORDS

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
    assert p2f[0] == {"id": "x", "metrics": ["exact_match"], "inputs": {"id": "x", "q": "q x"},
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


CONTAINS = MetricMeta("contains", "pass_fail")


def pass_fail_pairs(pairs: list[tuple[bool, bool]], metric: str = "exact_match") -> list[dict]:
    """Records of items whose (base, head) verdicts on `metric` are the given pairs."""
    out = []
    for i, (was, now) in enumerate(pairs):
        for side, ok in (("base", was), ("head", now)):
            r = record(f"i{i:03d}", side, passed=ok, score=float(ok))
            r["passed"], r["scores"] = {metric: ok}, {metric: float(ok)}
            out.append(r)
    return out


def test_a_significant_looking_interval_beside_p_0_0625_is_no_longer_shown():
    """100 items, 5 pass → fail and none back: the paired t interval is [−0.094, −0.007], which
    excludes 0, but the exact McNemar p is 2/32 = 0.0625, so the label was "within noise" beside an
    interval saying otherwise. The interval shown now inverts the McNemar test and includes 0."""
    pairs = [(True, False)] * 5 + [(True, True)] * 60 + [(False, False)] * 35
    em = summarize_suite("qa", pass_fail_pairs(pairs), [EM], {})["metrics"][0]
    diff = em["diff"]
    assert diff["test"] == "mcnemar" and diff["mean"] == pytest.approx(-0.05)
    assert diff["p_value"] == pytest.approx(0.0625)
    t = sp.ttest_rel([0.0] * 5 + [1.0] * 60 + [0.0] * 35, [1.0] * 65 + [0.0] * 35).confidence_interval(0.95)
    assert (t.low, t.high) == pytest.approx((-0.094, -0.007), abs=0.001)  # the interval shown before
    assert em["change"] == "within_noise" and diff["ci_low"] <= 0 <= diff["ci_high"]
    # Clopper–Pearson on b/(b+c) = 5/5, mapped to (c − b)/n: [−0.05, 5(1 − 2·0.025^(1/5))/100]
    assert diff["ci_low"] == pytest.approx(-0.05) and diff["ci_high"] == pytest.approx(5 * (1 - 2 * 0.025 ** 0.2) / 100)
    # one more lost item is significant (p = 2/64), and then the interval excludes 0
    six = summarize_suite("qa", pass_fail_pairs([(True, False)] * 6 + pairs[5:]), [EM], {})["metrics"][0]
    assert six["diff"]["p_value"] == pytest.approx(0.03125) and six["change"] == "regression"
    assert six["diff"]["ci_high"] < 0


@settings(max_examples=300, deadline=None)
@given(b=st.integers(0, 60), c=st.integers(0, 60), same=st.integers(0, 200), alpha=st.sampled_from([0.01, 0.05, 0.1]))
def test_mcnemar_interval_excludes_zero_exactly_when_the_test_rejects(b, c, same, alpha):
    assume(b + c + same > 0)
    pairs = [(True, False)] * b + [(False, True)] * c + [(True, True)] * same
    m = summarize_suite("qa", pass_fail_pairs(pairs), [EM], {}, alpha=alpha)["metrics"][0]
    excludes = m["diff"]["ci_low"] > 0 or m["diff"]["ci_high"] < 0
    assert excludes == (m["diff"]["p_value"] < alpha) == (m["change"] != "within_noise")
    assert m["diff"]["ci_low"] <= m["diff"]["mean"] <= m["diff"]["ci_high"]
    ref = sp.binomtest(b, b + c).proportion_ci(1 - alpha, "exact") if b + c else None
    if ref is not None:
        n = b + c + same
        assert m["diff"]["ci_low"] == pytest.approx((b + c) * (1 - 2 * ref.high) / n, abs=1e-9)
        assert m["diff"]["ci_high"] == pytest.approx((b + c) * (1 - 2 * ref.low) / n, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 80), shift=st.floats(-0.3, 0.3))
def test_every_test_labels_by_the_interval_it_shows(seed, n, shift):
    """Paired t (scores) and the bootstrap (corpus) obey the same rule as McNemar."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        level = rng.random()
        for side, value in (("base", level), ("head", min(1.0, max(0.0, level + shift + rng.gauss(0, 0.2))))):
            r = record(f"i{i:03d}", side, passed=value > 0.5, score=value, output="x" * int(value * 40))
            records.append(r)
    for m in summarize_suite("qa", records, [F1, MeanLength()], {}, n_boot=200)["metrics"]:
        d = m["diff"]
        if d["p_value"] is None:
            assert m["change"] == "within_noise"
            continue
        excludes = d["ci_low"] > 0 or d["ci_high"] < 0
        assert excludes == (d["p_value"] < 0.05) == (m["change"] != "within_noise"), m


def test_an_item_that_flips_on_two_metrics_is_listed_once_with_both():
    records = pass_fail_pairs([(True, False), (True, True)], "exact_match")
    for r in records:
        ok = r["passed"]["exact_match"]
        r["passed"]["contains"], r["scores"]["contains"] = ok, float(ok)
    suite = summarize_suite("qa", records, [EM, CONTAINS], {})
    assert suite["flipped"]["n_pass_to_fail"] == 1
    listed = [(f["id"], f["metrics"]) for f in suite["flipped"]["pass_to_fail"]]
    assert listed == [("i000", ["exact_match", "contains"])]


def test_zero_items_is_a_failed_suite_not_a_green_one():
    suite = summarize_suite("qa", [], [EM], {"exact_match": {"max_drop": 0.05}})
    assert suite["verdict"] == "fail" == suite["gate"]["verdict"]
    assert "0 items were evaluated" in suite["gate"]["reason"]


def test_every_call_failing_fails_the_suite_and_names_the_error_kinds():
    records = [record(f"i{i}", "head", passed=False, score=0.0,
                      error="HTTP 429 (after 4 attempts)" if i % 3 else "timed out after 60 s") for i in range(9)]
    suite = summarize_suite("qa", records, [EM], {})
    assert suite["verdict"] == "fail" and suite["gate"]["verdict"] == "fail"
    reason = suite["gate"]["reason"]
    assert "9 of 9 calls failed (100.0%), above max_error_rate 0.0%" in reason
    assert '6 × HTTP 429 (first: "HTTP 429 (after 4 attempts)")' in reason
    assert '3 × timeout (first: "timed out after 60 s")' in reason
    assert [(k["kind"], k["count"]) for k in suite["errors"]["head"]["kinds"]] == [("HTTP 429", 6), ("timeout", 3)]


def test_one_failed_call_fails_by_default_unless_the_config_tolerates_it():
    records = [*make_records(40, base=False),
               record("extra", "head", passed=False, score=0.0, error="template error: 'x' is undefined")]
    strict = summarize_suite("qa", records, [EM], {})
    assert strict["verdict"] == "fail" and "1 × template error" in strict["gate"]["reason"]
    tolerant = summarize_suite("qa", records, [EM], {}, max_error_rate=0.05)
    assert tolerant["verdict"] == "pass" and "within max_error_rate 5.0%" in tolerant["gate"]["reason"]
    # a metric's own max_error_rate still works, and is the suite's tolerance when it sets none
    gated = summarize_suite("qa", records, [EM], {"exact_match": {"max_error_rate": 0.05}})
    assert gated["verdict"] == "pass" and gated["max_error_rate"] == 0.05
    assert gated["metrics"][0]["gate"]["verdict"] == "pass"


def test_a_gate_on_a_metric_the_suite_does_not_compute_fails_instead_of_vanishing():
    suite = summarize_suite("qa", make_records(30, base=False), [EM], {"exact_mtch": {"min": 0.1}})
    assert suite["verdict"] == "fail"
    assert "a gate names metric 'exact_mtch', which this suite does not compute" in suite["gate"]["reason"]


def test_no_baseline_is_said_and_a_base_whose_every_call_failed_is_none():
    head_only = summarize_suite("qa", make_records(20, base=False), [EM], {}, base_missing="not a pull request")
    assert head_only["no_baseline"] == f"{NO_BASELINE} (not a pull request)"
    records = make_records(20, base=False) + [record(f"item-{i:04d}", "base", passed=False, score=0.0,
                                                     error="HTTP 401: bad key") for i in range(20)]
    dead = summarize_suite("qa", records, [EM], {"exact_match": {"max_drop": 0.05}})
    assert dead["no_baseline"].startswith(NO_BASELINE) and "20 × HTTP 401" in dead["no_baseline"]
    assert dead["metrics"][0]["diff"] is None and dead["removed"] == [] and dead["verdict"] == "pass"
    compared = summarize_suite("qa", make_records(20), [EM], {})
    assert compared["no_baseline"] is None


def test_the_words_for_a_change_come_from_one_table():
    assert CHANGE_WORDS == {"improvement": "improved", "regression": "regressed", "within_noise": "within noise"}
