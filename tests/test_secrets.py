"""A fake secret in the config's environment never appears in anything lmgate prints or writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SECRET = "sk-lmgate-FAKE-0123456789abcdef"


def all_text_under(root: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in root.rglob("*") if p.is_file())


def run_commands(repo: Path, commands: list[list[str]], env: dict[str, str]) -> str:
    seen = []
    for cmd in commands:
        out = subprocess.run([sys.executable, "-m", "lmgate", *cmd], cwd=repo, capture_output=True, text=True,
                             env=env)
        seen += [out.stdout, out.stderr]
    return "\n".join(seen)


def test_fake_secret_never_leaks(quickstart, tmp_path):
    config = quickstart / "lmgate.yaml"
    config.write_text(config.read_text().replace(
        "providers:\n",
        "providers:\n  remote: {type: openai, base_url: 'http://127.0.0.1:9/v1', model: m,"
        " api_key: '${LLM_API_KEY}'}\n"))
    gh = tmp_path / "gh"
    gh.mkdir()
    env = {**os.environ, "LLM_API_KEY": SECRET, "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(gh / "output"),
           "GITHUB_STEP_SUMMARY": str(gh / "summary.md")}
    printed = run_commands(quickstart, [["validate"]], env)
    # In Actions the mask command is the one place the value may appear, and it must come first.
    masked = [line for line in printed.splitlines() if SECRET in line]
    assert masked == [f"::add-mask::{SECRET}"]
    assert printed.index(f"::add-mask::{SECRET}") < printed.index("is valid")
    env.pop("GITHUB_ACTIONS")
    printed = run_commands(quickstart, [["validate"]], env)
    assert SECRET not in printed
    assert SECRET not in all_text_under(quickstart) + all_text_under(gh)
