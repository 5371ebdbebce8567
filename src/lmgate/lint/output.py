"""Show a lint result: text (grouped by file, coloured on a TTY), json, or GitHub annotations.

GitHub allows 10 error + 10 warning annotations per step: findings on the lines the PR changed go
first, worst first; the rest are counted in the step summary (and are all in SARIF and lint.json).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from typing import TextIO

from lmgate.github.runtime import Annotation, Console, terminal_safe
from lmgate.lint import TEMPLATES
from lmgate.lint.outcome import LintResult
from lmgate.report.escape import md_inline
from lmgate.results import dumps
from lmgate.templating import render

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "path": "\033[1m", "dim": "\033[2m"}
RESET = "\033[0m"
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def text(result: LintResult, out: TextIO, colour: bool = False) -> None:
    def paint(kind: str, s: str) -> str:
        return f"{COLOURS[kind]}{s}{RESET}" if colour else s

    # the console's stream escapes every escape sequence; colours go through its `write_styled`
    write = getattr(out, "write_styled", out.write) if colour else out.write

    # paths and messages quote the pull request's files: their escape sequences are shown, not obeyed
    by_path = sorted(result.shown, key=lambda f: (f.path, f.line, f.col, f.code))
    for path, group in groupby(by_path, key=lambda f: f.path):
        write(paint("path", terminal_safe(path)) + "\n")
        for f in group:
            write(f"{terminal_safe(f.path)}:{f.line}:{f.col}: {paint(f.severity, f.code)} {paint('dim', f.name)} "
                      f"{terminal_safe(f.message)}\n")
            if f.fix:
                write(f"    {paint('dim', 'fix:')} {terminal_safe(f.fix)}\n")
        write("\n")
    out.write(summary_line(result) + "\n")


def summary_line(result: LintResult) -> str:
    s = result.to_json()["summary"]
    found = f"{s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos"
    more = f" ({result.truncated} more not shown)" if result.truncated else ""
    more += f", {len(result.crashes)} rule crashes" if result.crashes else ""
    # said even when SYN001 is ignored: a file that did not parse was not checked by any rule
    broken = f" ({s['parse_failures']} could not be parsed)" if s["parse_failures"] else ""
    return (f"{s['files']} files{broken}, {s['prompts']} prompts: {found}{more} — {result.verdict} "
            f"(fail on {result.fail_on})")


def as_json(result: LintResult, out: TextIO) -> None:
    out.write(dumps(result.to_json()))


def github(result: LintResult, console: Console, changed: Mapping[str, set[int]] | None) -> int:
    """Annotate; returns how many findings were not shown as annotations."""
    annotations = []
    for f in result.shown:
        fix = f" — fix: {f.fix}" if f.fix else ""
        annotations.append(Annotation(LEVEL[f.severity], f"{f.code} {f.name}: {f.message}{fix}", file=f.path,
                                      line=f.line, end_line=f.end_line, col=f.col, title=f"lmgate {f.code}",
                                      on_changed_line=bool(changed and f.line in changed.get(f.path, ()))))
    dropped = console.annotate(annotations)
    return dropped + result.truncated


def step_summary(result: LintResult, hidden: int) -> str:
    rows = [{"where": md_inline(f"{f.path}:{f.line}", 120), "code": f.code, "name": f.name,
             "severity": f.severity, "message": md_inline(f.message, 200)} for f in result.shown[:50]]
    source = (TEMPLATES / "summary.md.j2").read_text(encoding="utf-8")
    return render(source, {"summary": result.to_json()["summary"], "verdict": result.verdict,
                           "fail_on": result.fail_on, "rows": rows, "hidden": hidden, "crashes": len(result.crashes),
                           "more": max(0, len(result.shown) - len(rows)) + result.truncated}, "summary.md.j2")
