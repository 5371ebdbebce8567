"""Command-line values and config paths a tired user or a hostile workflow might give: a folder
where a file goes (`--junit .`, `--output /`), a file where a folder goes (`--out /dev/null`), an
infinite deadline, a NUL in a config path. Each is exit 2 with the place named, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def lmgate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg")})


@pytest.mark.parametrize(("args", "said"), [
    (["eval", "--junit", "."], "is a folder"),
    (["eval", "--junit", "/"], "is a folder"),
    (["lint", "--format", "sarif", "--output", "/"], "is a folder"),
    (["lint", "--output", "prompts"], "is a folder"),
    (["lint", "--sarif-file", "."], "is a folder"),
    (["eval", "--out", "/dev/null"], "is not a folder"),
    (["eval", "--deadline", "inf"], "--deadline must be a positive number"),
])
def test_a_junk_command_line_value_is_exit_2(quickstart, args, said):
    done = lmgate(quickstart, *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_nul_in_a_config_path_is_exit_2(quickstart):
    config = quickstart / "lmgate.yaml"
    config.write_text(config.read_text().replace("qa: prompts/qa.j2", 'qa: "prompts/\\0qa.j2"'))
    done = lmgate(quickstart, "validate")
    assert done.returncode == 2 and "NUL character" in done.stderr and "Traceback" not in done.stderr, done.stderr
