"""Inline suppressions, written so the model never sees them:

Jinja `{# lmgate: ignore[SEC001] #}`, Handlebars `{{! lmgate: ignore[SEC001] }}`, YAML
`# lmgate: ignore[SEC001, trailing-whitespace]`. A suppression covers its own line, and the next
line when it stands alone (like `# noqa` above a long line). Plain text and Markdown have no
comment syntax the model would not read, so they are suppressed only through `per_file_ignores`.
Unused suppressions become LNT001 findings, as ruff's RUF100.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lmgate.lint.files import matches
from lmgate.lint.outcome import Finding
from lmgate.lint.selection import Rule

PATTERNS = {
    "jinja": re.compile(r"\{#-?\s*lmgate:\s*ignore\[([^\]\n]*)\]\s*-?#\}"),
    "handlebars": re.compile(r"\{\{!(?:--)?\s*lmgate:\s*ignore\[([^\]\n]*)\]\s*(?:--)?\}\}"),
    "yaml": re.compile(r"(?:^|[ \t])#[ \t]*lmgate:[ \t]*ignore\[([^\]\n]*)\]", re.MULTILINE),
}


@dataclass
class Suppression:
    line: int
    col: int
    selectors: tuple[str, ...]
    alone: bool
    used: set[str] = field(default_factory=set)

    def covers(self, line: int, code: str, name: str) -> bool:
        if line != self.line and not (self.alone and line == self.line + 1):
            return False
        for sel in self.selectors:
            if sel in (code, name) or (sel.isupper() and code.startswith(sel)):
                self.used.add(sel)
                return True
        return False


def find(text: str, kinds: tuple[str, ...]) -> list[Suppression]:
    if "lmgate:" not in text:  # the common case: no scan at all
        return []
    found = []
    for kind in kinds:
        for m in PATTERNS[kind].finditer(text):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            line = text.count("\n", 0, start) + 1
            bol = text.rfind("\n", 0, start) + 1
            eol = text.find("\n", m.end())
            alone = not text[bol:start].strip() and not text[m.end():None if eol < 0 else eol].strip()
            selectors = tuple(s.strip() for s in m.group(1).split(",") if s.strip())
            found.append(Suppression(line, start - bol + 1, selectors, alone))
    return found


def apply(findings: list[Finding], rules: Sequence[Rule], sources: Mapping[str, str],
          kinds: Mapping[str, tuple[str, ...]], lint: Mapping,
          changed: Mapping[str, set[int]] | None) -> list[Finding]:
    """Drop what suppressions, per_file_ignores and --changed-only exclude; add LNT001 for unused ones."""
    marks = {rel: find(text, kinds.get(rel, ())) for rel, text in sources.items()}
    per_file = lint.get("per_file_ignores")
    kept = []
    for f in findings:
        if changed is not None and f.line not in changed.get(f.path, ()):
            continue
        ignored = [code for pattern, codes in (per_file or {}).items() if matches(f.path, (pattern,))
                   for code in codes]
        if any(s == f.code or s == f.name or (s.isupper() and f.code.startswith(s)) for s in ignored):
            continue
        if any(s.covers(f.line, f.code, f.name) for s in marks.get(f.path, ())):
            continue
        kept.append(f)
    unused = next((r for r in rules if r.code == "LNT001"), None)
    if unused is not None:
        for rel, found in marks.items():
            for s in found:
                if changed is not None and s.line not in changed.get(rel, ()):
                    continue
                for sel in (x for x in s.selectors if x not in s.used):
                    kept.append(Finding(unused.code, unused.name, unused.severity,
                                        f"unused suppression {sel!r}: no such finding on this line",
                                        rel, s.line, s.col, fix="remove it from the ignore[...] list"))
    return kept
