"""Render template bombs in a child process with a timeout, so that a regression fails its test
instead of hanging the suite (or taking the machine's memory with it)."""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = """
import json, sys
from lmgate.errors import LmgateError
from lmgate.templating import render
out = {}
for name, source in json.loads(sys.stdin.read()).items():
    try:
        out[name] = "rendered " + render(source, {}, "bomb.j2")[:40]
    except LmgateError as exc:
        out[name] = f"{type(exc).__name__}: {exc.message}"
    except BaseException as exc:
        out[name] = f"UNEXPECTED {type(exc).__name__}: {exc}"[:300]
print(json.dumps(out))
"""


def render_in_child(sources: dict[str, str], *, timeout: float) -> dict[str, str]:
    """Each source's outcome: "rendered <its first 40 characters>", "<ErrorClass>: <message>" for an
    lmgate error, or "UNEXPECTED …" for anything else (a MemoryError, a RecursionError)."""
    proc = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(sources), capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)
