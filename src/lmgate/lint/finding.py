"""A lint finding: what a rule reports, where, and how to fix it (lint.json, SARIF and annotations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")


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
