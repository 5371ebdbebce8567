"""A lint rule that crashed checked nothing on that file: the run is never a clean pass.

Crashes went to stderr only; lint.json said `pass`, and the report and the step summary knew
nothing of them. Now the verdict is at least `warn` and every output names them.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

from lmgate.lint.engine import builtin_rules, run_rules
from lmgate.lint.outcome import LintResult
from lmgate.lint.output import step_summary, summary_line
from lmgate.lint.rules.base import LintContext
from lmgate.lint.tokens import count_tokens
from lmgate.prompts import reading
from lmgate.report.render import ReportContext, render_report

from .helpers import validate_lint_json, write

HEADER = {"schema": "lmgate/lint/v1", "tool": {"name": "lmgate", "version": "0"},
          "created_at": "2026-01-01T00:00:00+00:00", "git": {"base_sha": None, "head_sha": None},
          "config_hash": None, "run_id": None}


def crashed_run(tmp_path: Path) -> LintResult:
    write(tmp_path, {"p.j2": "Answer {{ question }}\n"})
    prompts, _ = reading.read_prompts(tmp_path / "p.j2", tmp_path)

    def boom(prompt, options, ctx):
        raise KeyError("a bug")

    template = next(r for r in builtin_rules() if r.scope == "prompt")
    broken = dataclasses.replace(template, module=SimpleNamespace(check=boom))
    ctx = LintContext(root=tmp_path, sources={"p.j2": "Answer {{ question }}\n"}, count_tokens=count_tokens)
    findings, crashes = run_rules([broken], prompts, [], ctx)
    assert not findings and len(crashes) == 1
    return LintResult(findings=(), files=1, prompts=len(prompts), parse_failures=0, fail_on="error",
                      rules=(broken,), crashes=tuple(crashes))


def test_a_crash_makes_the_verdict_warn_and_is_in_lint_json(tmp_path):
    result = crashed_run(tmp_path)
    assert result.verdict == "warn"
    body = result.to_json()
    assert body["crashes"]["count"] == 1 and "crashed on p.j2" in body["crashes"]["first"][0]
    validate_lint_json({**HEADER, "verdict": result.verdict, **json.loads(json.dumps(body))})
    assert summary_line(result).endswith("0 infos, 1 rule crashes — warn (fail on error)")
    assert "**1 rule crashes** (a bug in lmgate)" in step_summary(result, 0)


def test_the_report_says_a_rule_crashed(tmp_path):
    result = crashed_run(tmp_path)
    lint = {**HEADER, "verdict": result.verdict, **result.to_json()}
    text = render_report({"lint": lint}, ReportContext()).markdown
    assert "**lmgate ⚠️ passed with warnings** — ⚠️ prompt lint" in text
    assert "> ⚠️ A lint rule crashed 1 time, so it did not check those files" in text
