"""The `lmgate import promptfoo` command as a user runs it: exit codes, what is written, what is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", "import", "promptfoo", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_complete_import_exits_0_and_reads_the_default_config(tmp_path):
    (tmp_path / "promptfooconfig.yaml").write_text(
        "prompts: ['Hi {{ name }}']\nproviders: [echo]\n"
        "tests: [{vars: {name: Ada}, assert: [{type: contains, value: Ada}]}]\n")
    proc = run([], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "everything was imported" in proc.stdout
    assert (tmp_path / "lmgate.yaml").is_file()
    assert (tmp_path / "promptfoo_import/tests.jsonl").is_file()
    assert (tmp_path / "promptfoo_import/prompts/prompt1.chat.yaml").is_file()
    assert "lint: {paths: ['promptfoo_import/prompts/**']}" in (tmp_path / "lmgate.yaml").read_text()
    linted = subprocess.run([sys.executable, "-m", "lmgate", "lint"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert "1 files, 1 prompts" in linted.stdout  # the imported prompts are linted


def test_left_out_constructs_exit_1_and_are_marked_in_a_config_that_still_validates(tmp_path):
    (tmp_path / "suite.yaml").write_text("prompts: ['Hi {{ name }}']\nproviders: [echo, 'https://example.com/api']\n"
                                         "tests:\n  - vars: {name: Ada}\n    assert:\n"
                                         "      - {type: webhook, value: 'https://example.com/grade'}\n"
                                         "      - {type: contains, value: Ada}\n")
    proc = run(["suite.yaml", "--out", "ci/lmgate.yaml"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "not imported (2):" in proc.stdout
    assert "suite.yaml:6:9: assertion webhook: lmgate does not call webhooks to grade" in proc.stdout
    written = (tmp_path / "ci/lmgate.yaml").read_text()
    assert "# NOT IMPORTED: suite.yaml:2:19: provider https://example.com/api" in written
    assert "# NOT IMPORTED: suite.yaml:6:9: assertion webhook" in written
    validated = subprocess.run([sys.executable, "-m", "lmgate", "validate", "--config", "ci/lmgate.yaml"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_unreadable_config_exits_2_with_file_and_line_and_writes_nothing(tmp_path):
    (tmp_path / "promptfooconfig.yaml").write_text("prompts:\n  - 'Hi'\n providers: [echo]\n")
    proc = run([], tmp_path)
    assert proc.returncode == 2
    assert "promptfooconfig.yaml:3:" in proc.stderr and "malformed YAML" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["promptfooconfig.yaml"]


def test_missing_config_exits_2(tmp_path):
    proc = run(["nowhere.yaml"], tmp_path)
    assert proc.returncode == 2
    assert "nowhere.yaml: file not found" in proc.stderr


def test_a_second_import_needs_force(tmp_path):
    (tmp_path / "promptfooconfig.yaml").write_text("prompts: ['Hi']\nproviders: [echo]\n")
    assert run([], tmp_path).returncode == 0
    again = run([], tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr
    assert run(["--force"], tmp_path).returncode == 0


def test_help_names_the_source_tool(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "lmgate", "import", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "promptfoo" in proc.stdout
