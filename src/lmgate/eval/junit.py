"""`--junit FILE`: JUnit XML for test-report actions, one testcase per item and metric (head side).

A testcase fails when the item's pass/fail verdict is false in any sample, errors when every
sample errored, and otherwise passes; score-only metrics report the score in `system-out`.
XML 1.0 cannot carry most control characters, so model output is scrubbed of them first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lmgate.results import write_text_atomic

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_TEXT = 2000


def _clean(text: Any) -> str:
    return _ILLEGAL.sub("�", str(text))[:_MAX_TEXT]


def _case(suite: str, metric: Mapping[str, Any], item_id: str, samples: list[Mapping[str, Any]],
          regressed: bool) -> tuple[ET.Element, str]:
    name = metric["name"]
    time = sum(float(r.get("latency_s") or 0) for r in samples)
    case = ET.Element("testcase", classname=f"{suite}.{name}", name=item_id, time=f"{time:.3f}")
    ok = [r for r in samples if not r.get("error")]
    output = _clean(ok[0].get("output") if ok else samples[0].get("error"))
    if not ok:
        ET.SubElement(case, "error", message=_clean(samples[0].get("error")), type="ItemError").text = output
        return case, "error"
    failed = [r for r in ok if (r.get("passed") or {}).get(name) is False]
    scores = [(r.get("scores") or {}).get(name) for r in ok]
    if failed:
        where = " (it passed on the base)" if regressed else ""
        message = f"{name} failed in {len(failed)}/{len(samples)} sample(s){where}"
        ET.SubElement(case, "failure", message=message, type="MetricFailed").text = output
        return case, "failure"
    ET.SubElement(case, "system-out").text = f"score {scores}\n{output}"
    return case, "pass"


def _not_carried(name: str, samples: list[Mapping[str, Any]]) -> bool:
    ok = [r for r in samples if not r.get("error")]
    return bool(ok) and all(name not in (r.get("scores") or {}) and name not in (r.get("passed") or {}) for r in ok)


def build_junit(summary: Mapping[str, Any], records: Iterable[Mapping[str, Any]]) -> ET.Element:
    by_item: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for r in records:
        if r.get("side", "head") == "head":
            by_item.setdefault((str(r.get("suite")), str(r["id"])), []).append(r)
    root = ET.Element("testsuites", name="lmgate")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in summary.get("suites", []):
        regressed = {(f["metric"], str(f["id"])) for f in suite.get("flipped", {}).get("pass_to_fail", [])}
        node = ET.SubElement(root, "testsuite", name=suite["name"])
        counts = {"tests": 0, "failures": 0, "errors": 0}
        ids = sorted(i for s, i in by_item if s == suite["name"])
        for metric in suite.get("metrics", []):
            for item_id in ids:
                samples = sorted(by_item[(suite["name"], item_id)], key=lambda r: r.get("sample") or 0)
                if _not_carried(metric["name"], samples):
                    continue  # a per-item metric this item does not carry: no test case, not a pass
                case, outcome = _case(suite["name"], metric, item_id, samples, (metric["name"], item_id) in regressed)
                node.append(case)
                counts["tests"] += 1
                if outcome != "pass":
                    counts[outcome + "s"] += 1
        for key, value in counts.items():
            node.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def write_junit(path: Path, eval_summary: Mapping[str, Any], records: Iterable[Mapping[str, Any]]) -> Path:
    root = build_junit(eval_summary, records)
    ET.indent(root)
    return write_text_atomic(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n")
