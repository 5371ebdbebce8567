"""One eval.json, four renderings (terminal, PR comment, step summary, JUnit): every label agrees.

Also the terminal table itself: it fits 100 columns whatever the names and reasons, and it says
"no baseline: absolute gates only" when there was no base, as the comment and summary do.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from report_cases import fixture
from report_golden import check_golden

from eval.recordgen import make_records, record
from lmgate.eval.compare import NO_BASELINE, MetricMeta, no_baseline, overall_verdict, summarize_suite
from lmgate.eval.junit import build_junit
from lmgate.eval.stats import CHANGE_WORDS
from lmgate.report.render import render_report
from lmgate.report.terminal import WIDTH, render_eval
from lmgate.results import header

EM, F1 = MetricMeta("exact_match", "pass_fail"), MetricMeta("f1", "score")
LATENCY = MetricMeta("latency_s", "score", higher_is_better=False)


def computed_eval() -> dict:
    """An eval.json from real records: a regression, an improvement and noise, one gate warning."""
    worse = make_records(300, seed=4, p_base=0.75, p_head=0.6)
    for r in worse:
        r["scores"]["latency_s"] = 1.0 + (0.1 if r["side"] == "head" else 0.0) + (hash(r["id"]) % 7) / 100
    better = make_records(300, seed=5, p_base=0.5, p_head=0.7, suite="chat")
    noise = make_records(40, seed=6, suite="tiny")
    info = {"provider": "candidate", "prompt": "qa", "dataset": "qa-dev"}
    suites = [summarize_suite("qa", worse, [EM, F1, LATENCY], {"exact_match": {"max_drop": 0.05}}, info=info),
              summarize_suite("chat", better, [EM, F1], {"f1": {"min": 0.1}}, info=info),
              summarize_suite("tiny", noise, [EM], {"exact_match": {"max_drop": 0.01}}, info=info)]
    return {**header("eval", overall_verdict(suites), config_hash="c0ffee"), "suites": suites,
            "calls": {"made": 1280, "cached": 0, "errors": 0}, "baseline": {"ref": "main", "sha": "a" * 40},
            "no_baseline": None, "shard": None}


def expected(data: dict) -> dict[tuple[str, str], str]:
    return {(s["name"], m["name"]): CHANGE_WORDS.get(m["change"], "–") for s in data["suites"] for m in s["metrics"]}


def from_terminal(text: str) -> dict[tuple[str, str], str]:
    labels, suite = {}, None
    for line in text.splitlines():
        heading = re.match(r"^(\S+): [A-Z]+ · ", line)
        if heading:
            suite = heading.group(1)
            continue
        cells = re.split(r"\s{2,}", line.strip())
        if suite and line.startswith("  ") and len(cells) == 5 and cells[0] != "metric" and "→" in cells[1]:
            labels[(suite, cells[0].removesuffix(" ↓"))] = cells[3]
    return labels


def unmd(cell: str) -> str:
    return html.unescape(cell).replace("\\", "").replace("\u200b", "").strip()


def from_markdown(text: str) -> dict[tuple[str, str], str]:
    labels, suite = {}, None
    for line in text.splitlines():
        if line.startswith("#### "):
            suite = unmd(line.split(" ", 2)[2])
        elif suite and line.startswith("| ") and line.count(" | ") == 6 and not line.startswith("| metric"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            change = cells[6].split(" · ")[0].replace("🔻 ", "").replace("🔺 ", "")
            labels[(suite, unmd(cells[0]).removesuffix(" ↓"))] = change
    return labels


def from_junit(data: dict) -> dict[tuple[str, str], str]:
    root = build_junit(data)
    labels = {}
    for node in root.iter("testsuite"):
        table = node.find("system-out").text
        for (suite, metric), label in from_terminal(table).items():
            assert suite == node.get("name")
            labels[(suite, metric)] = label
        for case in node.iter("testcase"):
            if case.get("name").startswith("gate "):
                metric = case.get("name").removeprefix("gate ")
                text = (case.find("failure") if case.find("failure") is not None else case.find("system-out")).text
                assert f", {labels[(node.get('name'), metric)]}\n" in text, text
    return labels


@pytest.mark.parametrize("case", ["computed", "eval_regression", "no_baseline"])
def test_terminal_comment_summary_and_junit_show_the_same_labels(case, ctx):
    data = computed_eval() if case == "computed" else fixture(case)["eval"]
    want = expected(data)
    if case == "computed":
        assert set(want.values()) == {"regressed", "improved", "within noise"}
    comment = render_report({"eval": data}, ctx).markdown
    summary = render_report({"eval": data}, ctx, kind="summary").markdown
    assert from_terminal(render_eval(data)) == want
    assert from_markdown(comment) == want
    assert from_markdown(summary) == want
    assert from_junit(data) == want
    failed_gates = sum(1 for s in data["suites"] for g in [s.get("gate"), *(m["gate"] for m in s["metrics"])]
                       if g and g["verdict"] == "fail")
    assert build_junit(data).get("failures") == str(failed_gates)


def test_no_baseline_is_said_in_every_output(ctx):
    data = fixture("no_baseline")["eval"]
    assert data["no_baseline"].startswith(NO_BASELINE + " (the pull request's base")
    terminal = render_eval(data)
    comment = render_report({"eval": data}, ctx).markdown
    summary = render_report({"eval": data}, ctx, kind="summary").markdown
    junit = ET.tostring(build_junit(data), "unicode")
    for text in (terminal, unmd(comment), unmd(summary), junit):
        assert NO_BASELINE in text
    assert "> ⚠️ no baseline: absolute gates only (the pull request" in unmd(comment)
    assert '3 × HTTP 429 (first: "HTTP 429 (after 4 attempts)")' in " ".join(terminal.split())
    assert terminal.count(NO_BASELINE) == 1  # said once for the run, not again for each suite
    check_golden("no_baseline.comment.md", comment)
    check_golden("no_baseline.terminal.txt", terminal)


def test_terminal_golden():
    check_golden("eval_regression.terminal.txt", render_eval(fixture("eval_regression")["eval"]))


def test_the_terminal_table_fits_100_columns_whatever_the_names_and_reasons():
    long = "a_metric_name_that_goes_on_and_on_and_on_forever"
    records = []
    for r in make_records(60, seed=7, p_base=0.8, p_head=0.5):
        r["scores"][long] = r["scores"]["f1"] * 1234.5678
        records.append(r)
    records += [record(f"e{i}", "head", passed=False, score=0.0,
                       error="HTTP 400: " + "a very long provider error body " * 20) for i in range(3)]
    suite = summarize_suite("a_suite_whose_name_is_quite_long_too", records, [EM, MetricMeta(long, "score")],
                            {long: {"min": 99999, "max_drop": 0.0001}, "exact_match": {"max_drop": 0.01}},
                            base_missing=None)
    data = {"suites": [suite], "calls": {}, "baseline": None, "no_baseline": no_baseline("x " * 200), "verdict": "fail"}
    text = render_eval(data)
    assert max(len(line) for line in text.splitlines()) <= WIDTH, text
    assert "a_metric_name_that_goes_on_a" in text and "…" in text  # the name column gave way, not the numbers
    assert "regressed" in text and "1 × HTTP 400" not in text and "3 × HTTP 400" in text
