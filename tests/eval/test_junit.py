from __future__ import annotations

import xml.etree.ElementTree as ET

from lmgate.eval.compare import MetricMeta, overall_verdict, summarize_suite
from lmgate.eval.junit import write_junit

from .recordgen import make_records, record

EM, F1 = MetricMeta("exact_match", "pass_fail"), MetricMeta("f1", "score")


def cases(path):
    root = ET.parse(path).getroot()
    return root, {c.get("name"): c for c in root.iter("testcase")}


def test_one_testcase_per_gate_and_failures_count_failed_gates(tmp_path):
    records = [record("ok", "head", passed=True, score=0.9), record("ok", "base", passed=True, score=0.9),
               record("worse", "head", passed=False, score=0.1, output="bad\x00answer"),
               record("worse", "base", passed=True, score=0.8),
               record("down", "head", passed=False, score=0.0, error="HTTP 503 from \x07 provider")]
    suite = summarize_suite("qa", records, [EM, F1], {"exact_match": {"min": 0.9}, "f1": {"max_drop": 0.5}})
    root, found = cases(write_junit(tmp_path / "junit.xml", {"suites": [suite]}))  # parses: control chars scrubbed
    assert set(found) == {"gate exact_match", "gate f1", "suite checks"}
    assert root.get("tests") == "3" and root.get("errors") == "0"
    failed = {name for name, c in found.items() if c.find("failure") is not None}
    gates = {"gate exact_match": suite["metrics"][0]["gate"], "gate f1": suite["metrics"][1]["gate"],
             "suite checks": suite["gate"]}
    assert failed == {name for name, g in gates.items() if g["verdict"] == "fail"} == {"gate exact_match",
                                                                                       "suite checks"}
    assert root.get("failures") == "2" == root.find("testsuite").get("failures")
    assert "HTTP 503" in found["suite checks"].find("failure").get("message")
    assert found["gate f1"].find("system-out").text.startswith("warn: ")


def test_a_warn_verdict_has_no_failures_however_many_items_failed(tmp_path):
    """23 items fail on the head, the suite's only gate warns: the JUnit report said failures=23."""
    records = make_records(30, seed=3, p_base=0.3, p_head=0.25)
    suite = summarize_suite("qa", records, [EM], {"exact_match": {"max_drop": 0.01}})
    assert suite["verdict"] == "warn" == overall_verdict([suite])
    assert sum(1 for r in records if r["side"] == "head" and not r["passed"]["exact_match"]) >= 20
    root, _ = cases(write_junit(tmp_path / "junit.xml", {"suites": [suite]}))
    assert root.get("failures") == "0" and root.get("tests") == "2"
    out = root.find("testsuite").find("system-out").text
    assert "exact_match" in out and "within noise" in out  # the suite's table, as the terminal prints it
