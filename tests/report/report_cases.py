"""Result fixtures for the report tests: hand-written files under fixtures/, and a generated huge run."""

from __future__ import annotations

import copy
import json
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")
HEAD = "3f2a9c1d4b5e6f708192a3b4c5d6e7f809112233"


def fixture(case: str) -> dict:
    from lmgate.report.render import load_results

    return load_results(FIXTURES / case)


def huge(suites: int = 60, flips: int = 300, findings: int = 800, fail_every: int = 7) -> dict:
    """A run far past the comment limit: many suites, long flipped outputs, hundreds of findings."""
    results = copy.deepcopy(fixture("hallucination_fail") | fixture("eval_regression"))
    template = results["eval"]["suites"][0]
    flip = template["flipped"]["pass_to_fail"][0]
    results["eval"]["suites"] = []
    for i in range(suites):
        suite = copy.deepcopy(template)
        suite["name"] = f"suite-{i:03d}"
        suite["verdict"] = "fail" if i % fail_every == 0 else "pass"
        if suite["verdict"] == "pass":
            for m in suite["metrics"]:
                m["change"], m["gate"] = "within_noise", None
        suite["flipped"]["pass_to_fail"] = [{**flip, "id": f"q-{j}", "head_output": "long answer " * 40}
                                            for j in range(flips)]
        results["eval"]["suites"].append(suite)
    finding = results["lint"]["findings"][0]
    results["lint"]["findings"] = [{**finding, "line": n + 1, "message": "a long message " * 12}
                                   for n in range(findings)]
    results["hallucination"]["suites"][0]["examples"] *= 50
    return json.loads(json.dumps(results))
