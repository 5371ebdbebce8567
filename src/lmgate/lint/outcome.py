"""The result of a lint run: its findings, and the `lint.json` body (contract: docs/contracts.md, lmgate/lint/v1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lmgate.lint.selection import Rule

LEVELS = {"error": 0, "warning": 1, "info": 2, "never": -1}
MAX_CRASHES_SHOWN = 5
MAX_FINDINGS = 5000  # lint.json, SARIF and the summary stay readable; counts always cover everything


@dataclass(frozen=True)
class Finding:
    code: str            # SYN002
    name: str            # undefined-variable
    severity: str        # error | warning | info
    message: str
    path: str
    line: int
    col: int = 1
    end_line: int | None = None
    prompt: str | None = None
    fix: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]
    files: int
    prompts: int
    parse_failures: int
    fail_on: str
    rules: tuple[Rule, ...]
    crashes: tuple[str, ...] = ()

    @property
    def shown(self) -> tuple[Finding, ...]:
        return self.findings[:MAX_FINDINGS]

    @property
    def truncated(self) -> int:
        return max(0, len(self.findings) - MAX_FINDINGS)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def verdict(self) -> str:
        limit = LEVELS.get(self.fail_on, 0)
        if any(LEVELS[f.severity] <= limit for f in self.findings):
            return "fail"
        # a crashed rule checked nothing on that file: never a clean pass
        return "warn" if self.findings or self.crashes else "pass"

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "summary": {"files": self.files, "prompts": self.prompts, "errors": self.count("error"),
                        "warnings": self.count("warning"), "infos": self.count("info"),
                        "parse_failures": self.parse_failures},
            "fail_on": self.fail_on,
            "findings": [f.to_json() for f in self.shown],
        }
        if self.truncated:
            body["truncated"] = self.truncated
        if self.crashes:
            body["crashes"] = {"count": len(self.crashes), "first": [c[:400] for c in self.crashes[:MAX_CRASHES_SHOWN]]}
        return body
