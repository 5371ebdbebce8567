"""Demo: the quickstart's head version answers beyond its retrieved context, and the gate catches it.

    .venv/bin/python scripts/hallucination_demo.py [WORKDIR]

Copies examples/quickstart to WORKDIR (default: a temp folder), evaluates the app as the base,
swaps in a "head" app that embellishes a third of its answers with facts the context does not
hold, evaluates again against the base, and runs `lmgate hallucination`. Exit code: the gate's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LMGATE = Path(sys.executable).with_name("lmgate")

HEAD_APP = '''

# --- head version: a "more helpful" app that adds colour the context never gave ---
_EXTRA = [
    "; it was first recorded in 1850 by the explorer Hans Keller.",
    ", according to a 2019 survey by the Royal Geographic Institute.",
    "; local guides say this changed in 1972 after a famous flood.",
]
_base_answer = answer


def answer(prompt: str) -> str:  # noqa: F811
    text = _base_answer(prompt)
    key = sum(map(ord, prompt)) % 3
    return text if key or text == "I don't know" else text + _EXTRA[len(text) % len(_EXTRA)]
'''


def run(cmd: list[str], cwd: Path) -> int:
    print("$ lmgate " + " ".join(str(c) for c in cmd[1:]), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=cwd).returncode


def main() -> int:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="lmgate-hall-demo-"))
    repo = work / "quickstart"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(ROOT / "examples" / "quickstart", repo, ignore=shutil.ignore_patterns(".lmgate", "__pycache__"))
    run([LMGATE, "eval", "--no-cache", "--out", repo / "base-results"], repo)  # an eval gate may fail: not ours
    app = repo / "app.py"
    app.write_text(app.read_text(encoding="utf-8") + HEAD_APP, encoding="utf-8")
    run([LMGATE, "eval", "--no-cache", "--baseline-results", repo / "base-results"], repo)
    code = run([LMGATE, "hallucination"], repo)
    print(f"hallucination gate exit code: {code} (1 = the embellished answers were caught)")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
