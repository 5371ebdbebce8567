"""A run too large for any table still tells the reviewer which suites failed, and why.

300 failing suites gave a 568-character comment: "lmgate ❌ failed — ❌ evaluation" and where
the full results are, with not one suite named.
"""

from __future__ import annotations

import copy

from report_cases import huge

from lmgate.report.render import COMMENT_LIMIT, render_report


def test_the_suites_that_did_not_pass_are_listed_when_no_table_fits(ctx):
    report = render_report(huge(suites=150, flips=1, findings=1, fail_every=1), ctx)
    assert report.omitted[-1] == "every table"
    assert len(report.markdown) <= COMMENT_LIMIT
    lines = [line for line in report.markdown.splitlines() if line.startswith("- ❌ **suite")]
    assert len(lines) == 50 and lines[0].startswith("- ❌ **suite-000**: exact\\_match ")
    assert "- and 100 more suites that did not pass" in report.markdown


def test_the_list_shrinks_until_it_fits(ctx):
    results = huge(suites=150, flips=1, findings=1, fail_every=1)
    for suite in results["eval"]["suites"]:  # ten failing gates a suite, each with a long reason
        gate = {"verdict": "fail", "reason": "mean below min " * 20}
        suite["metrics"] = [{**copy.deepcopy(suite["metrics"][0]), "name": f"m{k}", "gate": gate} for k in range(10)]
    report = render_report(results, ctx, limit=20_000)
    assert len(report.markdown) <= 20_000
    assert "- ❌ **suite-000**:" in report.markdown and "; and 7 more gates" in report.markdown
