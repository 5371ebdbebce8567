"""Showing findings: coloured text on a TTY, and GitHub annotations that put changed lines first."""

from __future__ import annotations

import io
from pathlib import Path

from lmgate.github.runtime import Console
from lmgate.lint import output
from lmgate.lint.files import format_override
from lmgate.lint.outcome import Finding, LintResult
from lmgate.prompts.reading import read_prompts


def result(findings: list[Finding], fail_on: str = "error") -> LintResult:
    return LintResult(findings=tuple(findings), files=1, prompts=1, parse_failures=0, fail_on=fail_on, rules=())


def test_text_is_grouped_and_coloured_only_when_asked():
    res = result([Finding("SYN002", "undefined-variable", "error", "variable 'x' is used", "p/a.j2", 3, 5)])
    plain, tty = io.StringIO(), io.StringIO()
    output.text(res, plain)
    output.text(res, tty, colour=True)
    assert plain.getvalue().splitlines()[:2] == ["p/a.j2", "p/a.j2:3:5: SYN002 undefined-variable variable 'x' is used"]
    assert "\x1b[31mSYN002\x1b[0m" in tty.getvalue()


def test_annotations_show_changed_lines_first_within_the_limits(tmp_path):
    findings = [Finding("SYN001", "template-parse-error", "error", f"bad {i}", "a.j2", i) for i in range(1, 31)]
    out = io.StringIO()
    console = Console({"GITHUB_ACTIONS": "true"}, out=out, err=io.StringIO())
    hidden = output.github(result(findings), console, {"a.j2": {25}})
    lines = [line for line in out.getvalue().splitlines() if line.startswith("::error")]
    assert len(lines) == 10 and hidden == 20
    assert lines[0].startswith("::error file=a.j2,line=25,")
    summary = output.step_summary(result(findings), hidden)
    assert "20 findings did not fit" in summary and "| a.j2:1 |" in summary.replace("\\", "")


def test_markdown_summary_escapes_untrusted_text():
    evil = Finding("ACME001", "x", "warning", "@admin <img src=x> | broken", "p.md", 1)
    text = output.step_summary(result([evil]), 0)
    assert "@admin" not in text and "<img" not in text


def test_read_prompts_accepts_a_glob_override(tmp_path):
    path = tmp_path / "templates" / "qa.tmpl"
    path.parent.mkdir()
    path.write_text("# system:\nBe brief.\n# user:\n{{ q }}\n")
    module = format_override("templates/qa.tmpl", {"templates/*.tmpl": "jinja2"})
    prompts, problems = read_prompts(path, tmp_path, module.NAME)
    assert not problems and [m.role for m in prompts[0].messages] == ["system", "user"]
    assert read_prompts(Path(path), tmp_path)[1][0].message.startswith("unknown prompt format")
