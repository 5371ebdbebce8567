"""Run the selected rules over prompt files and collect findings.

Rules come from the explicit registry (`lmgate.lint.rules.MODULES`), by SCOPE: file rules see the
raw text, prompt rules one Prompt, run rules all of them. Format parse problems become SYN001.
Suppressions, `per_file_ignores` and `--changed-only` filter afterwards, so LNT001 can tell which
suppressions were never needed.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from lmgate.errors import ConfigError, InputError, Location
from lmgate.lint import custom, suppress
from lmgate.lint import rules as rule_modules
from lmgate.lint.files import format_override, read_all
from lmgate.lint.outcome import Finding, LintResult
from lmgate.lint.rules.base import LintContext, Problem
from lmgate.lint.selection import Rule, choose
from lmgate.lint.tokens import count_tokens
from lmgate.prompts import reading
from lmgate.prompts.model import ParseProblem, Prompt
from lmgate.registry import load_modules

ORDER = {"error": 0, "warning": 1, "info": 2}


@functools.lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    found = [Rule(m, m.CODE, m.NAME, m.SEVERITY, m.SCOPE, bool(getattr(m, "PREVIEW", False)),
                  bool(getattr(m, "BASE_AWARE", False)), doc=inspect.getdoc(m) or "")
             for m in load_modules(rule_modules.__name__, rule_modules.MODULES)]
    return tuple(sorted(found, key=lambda r: r.code))


def all_rules(lint: Mapping, doc: Any = None) -> list[Rule]:
    rules = list(builtin_rules())
    taken = {r.code for r in rules} | {r.name for r in rules}
    return rules + custom.custom_rules(lint.get("custom"), doc, taken)


def lint_files(files: Sequence[Path], root: Path, lint: Mapping, *, doc: Any = None,
               base_source: Callable[[str], str | None] | None = None,
               changed_lines: Mapping[str, set[int]] | None = None, changed_only: bool = False,
               extra_select: Sequence[str] = (), fail_on: str | None = None,
               selected_by: str | None = None) -> LintResult:
    """`selected_by`: the command-line option that replaced `lint.select` (`--select`), so that a selection
    that leaves nothing to check is blamed on it, not on the file's `lint` section."""
    rules = choose(all_rules(lint, doc), lint, doc, extra_select)
    error, where = (InputError, None) if selected_by else (ConfigError, _selection_where(lint, doc))
    if base_source is None:
        if rules and all(r.base_aware for r in rules):
            raise error(f"every selected rule ({', '.join(r.code for r in rules)}) compares with the base "
                        "branch, and there is no base: nothing would be checked", where=where, key=selected_by,
                        fix="pass --diff-base REF (in Actions: actions/checkout with fetch-depth: 0), or "
                            "select other rules too")
        rules = [r for r in rules if not r.base_aware]
    if not rules:  # a run of no rule passes whatever the prompts hold
        chosen = f"{selected_by} (with lint.ignore and `severity: off`)" if selected_by else \
            "lint.select, lint.ignore and `severity: off`"
        raise error(f"no lint rule is selected: {chosen} leave none, so nothing would be checked", where=where,
                    key=selected_by, fix="select at least one rule (without lint.select every stable rule runs); "
                                         "to report without failing, set lint.fail_on: never")
    overrides = lint.get("formats") or {}

    def base_prompts(rel: str) -> list[Prompt] | None:
        text = base_source(rel) if base_source else None
        module = format_override(rel, overrides) or reading.detect(root / rel, (text or "")[:reading.HEAD_CHARS])
        return None if text is None or module is None else reading.parse_text(module, rel, text)[0]

    corpus = read_all(files, root, overrides)
    sources, kinds, prompts, problems = corpus.sources, corpus.kinds, corpus.prompts, corpus.problems
    ctx = LintContext(root=root, sources=sources, count_tokens=count_tokens,
                      base_source=base_source or (lambda rel: None), base_prompts=base_prompts,
                      changed_lines=changed_lines, settings=lint)
    findings, crashes = run_rules(rules, prompts, problems, ctx)
    findings = suppress.apply(findings, rules, sources, kinds, lint, changed_lines if changed_only else None)
    findings.sort(key=lambda f: (ORDER.get(f.severity, 3), f.path, f.line, f.col, f.code, f.message))
    return LintResult(findings=tuple(findings), files=len(files), prompts=len(prompts),
                      parse_failures=len({p.path for p in problems}), fail_on=fail_on or lint.get("fail_on", "error"),
                      rules=tuple(rules), crashes=tuple(crashes))


def _selection_where(lint: Mapping, doc: Any) -> Location | None:
    key = next((k for k in ("select", "ignore", "rules") if lint.get(k) is not None), "select")
    return doc.where(("lint", key)) if doc is not None else None


def _finding(rule: Rule, path: str, problem: Problem, prompt: str | None) -> Finding:
    end = problem.end.line if problem.end and problem.end.line != problem.position.line else None
    return Finding(rule.code, rule.name, rule.severity, problem.message, path, problem.position.line,
                   problem.position.col, end, prompt, problem.fix)


def run_rules(rules: Sequence[Rule], prompts: list[Prompt], problems: list[ParseProblem],
              ctx: LintContext) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    crashes: list[str] = []

    def crashed(rule: Rule, where: str, exc: Exception) -> None:  # one broken rule costs one file, not the run
        detail = " ".join(str(exc).split())[:200]
        crashes.append(f"rule {rule.code} ({rule.name}) crashed on {where}: {type(exc).__name__}: {detail}")

    # plain loops with try/except per item: a closure and a label per (rule, prompt) were 5 % of a corpus run
    for rule in rules:
        opts, mod = rule.options, rule.module
        if rule.code == "SYN001":
            findings.extend(Finding(rule.code, rule.name, rule.severity, p.message, p.path, p.position.line,
                                    p.position.col) for p in problems)
        if rule.scope == "file":
            for rel, text in ctx.sources.items():
                try:
                    findings.extend([_finding(rule, rel, pr, None) for pr in mod.check_file(rel, text, opts, ctx)])
                except Exception as exc:
                    crashed(rule, rel, exc)
        elif rule.scope in ("prompt", "custom"):
            check = custom.check if rule.scope == "custom" else mod.check
            for prompt in prompts:
                try:
                    findings.extend([_finding(rule, prompt.path, pr, prompt.name) for pr in check(prompt, opts, ctx)])
                except Exception as exc:
                    crashed(rule, f"{prompt.path} ({prompt.name})", exc)
        elif rule.scope == "run":
            try:
                findings.extend([_finding(rule, p.path, pr, p.name) for p, pr in mod.check_run(prompts, opts, ctx)])
            except Exception as exc:
                crashed(rule, "all prompts", exc)
    return findings, crashes
