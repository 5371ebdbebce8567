from __future__ import annotations

import xml.etree.ElementTree as ET

from lmgate.eval.compare import MetricMeta, summarize_suite
from lmgate.eval.junit import write_junit

from .recordgen import record


def test_one_testcase_per_item_and_metric_with_failures_and_errors(tmp_path):
    records = [record("ok", "head", passed=True, score=0.9), record("ok", "base", passed=True, score=0.9),
               record("worse", "head", passed=False, score=0.1, output="bad\x00answer"),
               record("worse", "base", passed=True, score=0.8),
               record("down", "head", passed=False, score=0.0, error="HTTP 503 from provider")]
    suite = summarize_suite("qa", records, [MetricMeta("exact_match", "pass_fail"), MetricMeta("f1", "score")], {})
    path = write_junit(tmp_path / "junit.xml", {"suites": [suite]}, records)
    root = ET.parse(path).getroot()  # parses: the NUL in the output was scrubbed
    assert root.tag == "testsuites" and root.get("tests") == "6"
    assert root.get("failures") == "1" and root.get("errors") == "2"
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert set(cases) == {(f"qa.{m}", i) for m in ("exact_match", "f1") for i in ("ok", "worse", "down")}
    failure = cases[("qa.exact_match", "worse")].find("failure")
    assert "passed on the base" in failure.get("message") and failure.text == "bad�answer"
    assert cases[("qa.f1", "worse")].find("failure") is None  # a score alone does not fail an item
    assert cases[("qa.exact_match", "down")].find("error").get("message") == "HTTP 503 from provider"
    assert cases[("qa.exact_match", "ok")].find("failure") is None
    assert root.find("testsuite").get("name") == "qa"
