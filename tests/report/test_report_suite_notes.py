"""What the terminal says under a suite's table, the PR comment and the step summary say too.

The terminal printed `note: dataset 'qa': skipped 1 bad row(s) (line 3)`, and the comment showed the
suite as a plain ✅ on fewer items, with nothing about the rows it left out; with the passing suites'
tables dropped to fit the comment, such a suite was not even listed.
"""

from __future__ import annotations

import json
import textwrap

from eval.recordgen import make_records
from lmgate.cli import main
from lmgate.eval.compare import MetricMeta, overall_verdict, summarize_suite
from lmgate.report.render import ReportContext, render_report
from lmgate.results import header

CONFIG = """\
version: 1
providers: {echo: {type: echo}}
prompts: {p: p.j2}
datasets: {d: {path: d.jsonl, on_bad_row: skip}}
suites:
  - {name: s, prompt: p, dataset: d, provider: echo, metrics: [exact_match], gates: {exact_match: {min: 0.5}}}
"""


def test_skipped_bad_rows_are_named_in_the_comment_and_the_summary(tmp_path, capsys):
    (tmp_path / "lmgate.yaml").write_text(textwrap.dedent(CONFIG))
    (tmp_path / "p.j2").write_text("{{ q }}\n")
    good = [json.dumps({"id": str(i), "q": f"a{i}", "expected": f"a{i}"}) for i in range(3)]
    (tmp_path / "d.jsonl").write_text("\n".join([*good[:2], "{not json", good[2]]) + "\n")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert main(["eval", "--config", str(tmp_path / "lmgate.yaml"), "--no-cache"], env=env) == 0
    terminal = capsys.readouterr().out
    said = "skipped 1 bad row(s) (line 3)"
    assert said in terminal
    summary.write_text("")
    assert main(["report", "--results", str(tmp_path / ".lmgate/results")], env=env) == 0
    comment = capsys.readouterr().out
    escaped = said.replace("(", r"\(").replace(")", r"\)")
    assert escaped in comment
    assert escaped in summary.read_text()


def test_a_passing_suite_with_a_note_is_not_hidden_to_fit_the_comment():
    info = {"provider": "p", "prompt": "q", "dataset": "d", "notes": ["dataset 'd': skipped 40 bad row(s)"]}
    noted = summarize_suite("noted", make_records(60, seed=1, suite="noted"), [MetricMeta("exact_match", "pass_fail")],
                            {"exact_match": {"min": 0.1}}, info=info)
    quiet = [summarize_suite(f"quiet{i}", make_records(60, seed=i, suite=f"quiet{i}"),
                             [MetricMeta("exact_match", "pass_fail")], {"exact_match": {"min": 0.1}},
                             info={**info, "notes": []}) for i in range(40)]
    suites = [noted, *quiet]
    assert noted["verdict"] == "pass" and noted["metrics"][0]["change"] == "within_noise"
    data = {**header("eval", overall_verdict(suites), config_hash="c"), "suites": suites,
            "calls": {"made": 1, "cached": 0, "errors": 0}, "baseline": {"ref": "main", "sha": "a" * 40},
            "no_baseline": None, "shard": None}
    report = render_report({"eval": data}, ReportContext(), limit=9000)
    assert "tables of suites without a change beyond noise" in report.omitted
    assert "#### ✅ noted" in report.markdown and "skipped 40 bad row\\(s\\)" in report.markdown
    assert "#### ✅ quiet0" not in report.markdown
