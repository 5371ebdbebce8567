"""Running `lmgate lint` for real (a subprocess, as users and the action do) and reading its files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "src" / "lmgate" / "schemas" / "lint.schema.json"


@dataclass
class Run:
    code: int
    out: str
    err: str
    cwd: Path

    def result(self) -> dict:
        return json.loads((self.cwd / ".lmgate" / "results" / "lint.json").read_text(encoding="utf-8"))


def lint(cwd: Path, *args: str, env: dict | None = None, timeout: float = 120) -> Run:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "LMGATE_"))}
    proc = subprocess.run([sys.executable, "-m", "lmgate", "lint", *args], cwd=cwd, capture_output=True,
                          text=True, env={**base, **(env or {})}, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr, cwd)


def validate_lint_json(data: dict) -> None:
    import jsonschema

    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
