"""The rendered comment and summary, compared with reviewed golden files."""

from __future__ import annotations

import dataclasses

import pytest
from report_cases import fixture, huge
from report_golden import check_golden

from lmgate.commands.comment import fallback_note
from lmgate.report.render import COMMENT_LIMIT, render_report


@pytest.mark.parametrize("case", ["green", "eval_regression", "lint_errors", "hallucination_fail"])
def test_comment_golden(case, ctx):
    report = render_report(fixture(case), ctx)
    assert report.markdown.startswith("<!-- lmgate:pr-report -->\n**lmgate ")
    assert not report.omitted
    check_golden(f"{case}.comment.md", report.markdown)


def test_first_line_says_each_gate_at_a_glance(ctx):
    first = render_report(fixture("hallucination_fail"), ctx).markdown.splitlines()[1]
    assert first == "**lmgate ❌ failed** — ✅ prompt lint · ✅ evaluation · ❌ hallucination"


def test_summary_is_the_longer_report(ctx):
    results = fixture("eval_regression")
    comment, summary = render_report(results, ctx), render_report(results, ctx, kind="summary")
    assert "lmgate:pr-report" not in summary.markdown
    assert "(first 10)" in comment.markdown and "q-111" not in comment.markdown
    assert "q-111" in summary.markdown  # all 12 flips in the summary
    check_golden("eval_regression.summary.md", summary.markdown)


def test_huge_run_is_cut_to_the_comment_limit_least_important_first(ctx):
    report = render_report(huge(), ctx)
    assert len(report.markdown) <= COMMENT_LIMIT
    assert report.omitted[:2] == ("the chart of differences", "hallucination examples")
    assert "✂️ Left out to stay within GitHub's 65,536-character comment limit" in report.markdown
    assert report.markdown.count("<details>") == report.markdown.count("</details>")
    assert "suite-007" in report.markdown  # failing suites are never the ones dropped
    check_golden("huge.comment.md", report.markdown)


def test_huge_summary_stays_under_one_mebibyte(ctx):
    report = render_report(huge(suites=60, flips=100, findings=3000), ctx, kind="summary")
    assert len(report.markdown.encode()) <= 1024 * 1024
    assert report.omitted and "1 MiB step-summary limit" in report.markdown


def test_even_a_run_whose_tables_cannot_fit_keeps_the_verdict_and_the_pointer(ctx):
    report = render_report(huge(suites=150, flips=1, findings=1, fail_every=1), ctx)
    assert len(report.markdown) <= COMMENT_LIMIT
    assert report.omitted[-1] == "every table"
    assert report.markdown.splitlines()[1].startswith("**lmgate ❌ failed**")
    assert "full results: the `lmgate-results` artifact" in report.markdown


def test_fork_without_write_token_summary_golden(ctx):
    note = fallback_note(403, "issues=write; pull_requests=write")
    ctx = dataclasses.replace(ctx, notes=(note,))
    summary = render_report(fixture("eval_regression"), ctx, kind="summary").markdown
    assert "> ⚠️ The PR comment could not be posted: the token lacks `issues: write` or `pull-requests: write`" \
        in summary
    check_golden("fork_read_only.summary.md", summary)


def test_missing_stages_are_simply_absent(ctx):
    report = render_report(fixture("lint_errors"), ctx)
    assert "Evaluation" not in report.markdown and "Hallucination" not in report.markdown
    assert render_report({}, ctx).markdown.splitlines()[1] == "**lmgate** found no stage results to report."
