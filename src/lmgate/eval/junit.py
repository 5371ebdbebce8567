"""`--junit FILE`: JUnit XML for test-report actions, one testcase per gate.

Each suite is a testsuite whose testcases are its gates: one per gated metric and one for the
suite's own checks (items evaluated, failed calls within `max_error_rate`, gates on computed
metrics). A testcase fails exactly when its gate fails, so `failures` counts failed gates and a
run whose verdict is `warn` has none. A warning is a passing testcase whose output says why.
The testsuite's `system-out` is the terminal's table of the suite (every metric, its change
label and verdict), so the report and the terminal never disagree. XML 1.0 cannot carry most
control characters, so text is scrubbed of them first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lmgate.report.terminal import change_word, difference, render_suite
from lmgate.results import write_text_atomic

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_TEXT = 20_000


def _clean(text: Any) -> str:
    return _ILLEGAL.sub("�", str(text))[:_MAX_TEXT]


def _case(suite: Mapping[str, Any], name: str, verdict: str, message: str, details: str) -> ET.Element:
    case = ET.Element("testcase", classname=str(suite["name"]), name=name, time="0")
    if verdict == "fail":
        ET.SubElement(case, "failure", message=_clean(message), type="GateFailed").text = _clean(details)
    else:
        ET.SubElement(case, "system-out").text = _clean(f"{verdict}: {details}")
    return case


def _metric_case(suite: Mapping[str, Any], metric: Mapping[str, Any]) -> ET.Element:
    gate = metric["gate"]
    base, head = (metric.get("base") or {}).get("mean"), (metric.get("head") or {}).get("mean")
    figures = (f"{metric['name']}: base {base if base is not None else '–'} → head {head}, "
               f"Δ {difference(metric.get('diff'))}, {change_word(metric.get('change'))}")
    return _case(suite, f"gate {metric['name']}", gate["verdict"],
                 f"{metric['name']} gate {gate['verdict']}: {gate['reason']}", f"{figures}\n{gate['reason']}")


def build_junit(summary: Mapping[str, Any]) -> ET.Element:
    root = ET.Element("testsuites", name="lmgate")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in summary.get("suites", []):
        node = ET.SubElement(root, "testsuite", name=str(suite["name"]))
        cases = [_metric_case(suite, m) for m in suite.get("metrics", []) if m.get("gate")]
        own = suite.get("gate")
        if own:
            reason = own["reason"] + (f"\n{suite['no_baseline']}" if suite.get("no_baseline") else "")
            cases.append(_case(suite, "suite checks", own["verdict"], f"suite {own['verdict']}: {own['reason']}",
                               reason))
        node.extend(cases)
        counts = {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases), "errors": 0}
        for key, value in counts.items():
            node.set(key, str(value))
            totals[key] += value
        ET.SubElement(node, "system-out").text = _clean("\n".join(render_suite(suite)))
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def write_junit(path: Path, eval_summary: Mapping[str, Any], secrets: Iterable[str] = ()) -> Path:
    root = build_junit(eval_summary)
    ET.indent(root)
    return write_text_atomic(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n",
                             secrets)
