"""What a hostile contributor can still put in the files lmgate reads, found in review round 17.

`lmgate import promptfoo` reads a config someone else wrote and copies what it reads into files
that get committed: a `file://` reference leaving the repository (or a link to one) copied a
private file into the import; a key holding a newline wrote YAML of its choosing into lmgate.yaml
through a `# NOT IMPORTED` comment; a long integer literal was a traceback. Each is now exit 2 with
the place, or text that stays inert.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

SECRET = "TOPSECRET-private-key-0123456789"


def lmgate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "LMGATE_"))}
    return subprocess.run([sys.executable, "-m", "lmgate", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**base, "XDG_CACHE_HOME": str(cwd.parent / "xdg")})


def repo_with(tmp_path: Path, config: str) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    (tmp_path / "secret.yaml").write_text(f"q: {SECRET}\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "promptfooconfig.yaml").write_text(config)
    return repo


def nothing_leaked(repo: Path, done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "outside" in done.stderr and "promptfooconfig.yaml:" in done.stderr, done.stderr
    written = [p for p in repo.rglob("*") if p.is_file() and not p.is_symlink() and p.name != "promptfooconfig.yaml"]
    assert not any(SECRET in p.read_text() for p in written)
    assert SECRET not in done.stdout + done.stderr


@pytest.mark.parametrize("config", [
    "prompts: [file://../secret.txt]\nproviders: [echo]\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests:\n  - vars: {q: file://../secret.txt}\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests: file://../secret.yaml\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests:\n  - vars: ../secret.yaml\n",
    "prompts: [file://link.txt]\nproviders: [echo]\n",
    "prompts: ['{{q}}']\nproviders: [echo]\ntests:\n  - vars: {q: 1}\n    assert: [{type: python, value: 'file://../x.py'}]\n",
])
def test_the_promptfoo_import_reads_no_file_outside_the_repository(tmp_path, config):
    # `file://../../home/runner/.ssh/id_rsa` (or a committed link to it) was read and its text
    # written into promptfoo_import/, ready to be committed with the import
    repo = repo_with(tmp_path, config)
    (tmp_path / "x.py").write_text(f"def get_assert(output, context):\n    return {SECRET!r}\n")
    (repo / "link.txt").symlink_to(tmp_path / "secret.txt")
    nothing_leaked(repo, lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml"))


def test_a_glob_is_not_walked_outside_the_repository(tmp_path):
    repo = repo_with(tmp_path, "prompts: ['file://../**/*.txt']\nproviders: [echo]\n")
    nothing_leaked(repo, lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml"))


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\x85"])
def test_a_key_holding_a_line_break_writes_no_yaml_into_the_imported_config(tmp_path, breaker):
    # each construct not imported becomes a `# NOT IMPORTED:` comment; the key's line break ended
    # the comment and the rest of the key became lmgate.yaml (here a provider running os:system)
    key = f"x{breaker}hallucination: {{detector: judge}}{breaker}#"
    config = yaml.safe_dump({key: 1, "prompts": ["{{q}}"], "providers": ["echo"],
                             "tests": [{"vars": {"q": "hi"}}]})
    repo = repo_with(tmp_path, config)
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode == 1, done.stderr
    written = yaml.safe_load((repo / "lmgate.yaml").read_text())
    assert "hallucination" not in written
    assert set(written) == {"version", "providers", "prompts", "datasets", "suites", "lint"}
    assert not any(line.startswith("hallucination") for line in done.stdout.splitlines())


@pytest.mark.parametrize(("literal", "expected"), [("9" * 400, float("inf")), ("9" * 5000, float("inf")),
                                                   ("-" + "9" * 5000, float("-inf")),
                                                   ("0x" + "f" * 300, float("inf")),
                                                   ("12345678901234567890123", 1.2345678901234568e22),
                                                   ("0x20000000000001", float(2 ** 53 + 1)), ("0777", 777)])
def test_integer_literals_of_any_length_read_as_javascript_reads_them(literal, expected):
    # `int(text)` refuses 4,301 digits and `float(int)` overflows past 1.8e308: both were tracebacks
    from lmgate.importers.yaml12 import load_yaml12

    assert load_yaml12(f"x: {literal}\n", "c.yaml").data == {"x": expected}


def test_a_long_integer_in_a_promptfoo_config_is_imported_not_a_traceback(tmp_path):
    repo = repo_with(tmp_path, f"prompts: ['{{{{q}}}}']\nproviders: [echo]\ntests:\n  - vars: {{q: {'9' * 5000}}}\n")
    done = lmgate(repo, "import", "promptfoo", "promptfooconfig.yaml")
    assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, done.stderr
