from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "src" / "lmgate" / "templates" / "workflows"
TEMPLATES = sorted((ROOT / "workflows-templates").glob("*.yml"))


def init(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", "init", *args], cwd=cwd, capture_output=True, text=True)


def test_packaged_templates_match_workflows_templates():
    """`lmgate init` ships copies of workflows-templates/ inside the package (a wheel holds only the package)."""
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(PACKAGED, ignore_errors=True)
        PACKAGED.mkdir(parents=True)
        for path in TEMPLATES:
            shutil.copy2(path, PACKAGED / path.name)
    assert sorted(p.name for p in PACKAGED.glob("*.yml")) == [p.name for p in TEMPLATES]
    for path in TEMPLATES:
        assert (PACKAGED / path.name).read_text() == path.read_text(), f"run UPDATE_GOLDEN=1: {path.name} drifted"


def test_init_writes_config_and_workflows_idempotently(tmp_path):
    out = init(cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "lmgate.yaml").is_file()
    workflows = sorted(p.name for p in (tmp_path / ".github" / "workflows").glob("*.yml"))
    assert workflows == [p.name for p in TEMPLATES]
    assert "$default-branch" not in (tmp_path / ".github/workflows/llm-pr-checks.yml").read_text()
    again = init(cwd=tmp_path)
    assert again.returncode == 0 and "wrote" not in again.stdout and "unchanged lmgate.yaml" in again.stdout


def test_init_never_overwrites_user_edits_silently(tmp_path):
    init(cwd=tmp_path)
    config = tmp_path / "lmgate.yaml"
    config.write_text(config.read_text() + "# my edit\n")
    out = init(cwd=tmp_path)
    assert "kept your version of lmgate.yaml" in out.stdout and "--force" in out.stdout
    assert config.read_text().endswith("# my edit\n")
    forced = init("--force", cwd=tmp_path)
    assert forced.returncode == 0 and "wrote lmgate.yaml" in forced.stdout
    assert not config.read_text().endswith("# my edit\n")


def test_init_pins_the_requested_release(tmp_path):
    sha = "0123456789abcdef0123456789abcdef01234567"
    init("--action-ref", sha, cwd=tmp_path)
    text = (tmp_path / ".github/workflows/llm-pr-checks.yml").read_text()
    assert f"lmgate/lmgate/actions/prompt-lint@{sha}" in text and "@v1\n" not in text
    # third-party pins are left alone
    assert "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8" in text


def test_written_config_validates_with_its_env(tmp_path):
    init("--no-workflows", cwd=tmp_path)
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts/qa.j2").write_text("Context: {{ context }}\nQ: {{ question }}\n")
    (tmp_path / "evals").mkdir()
    (tmp_path / "evals/qa.jsonl").write_text('{"id": "1", "question": "q", "context": "c", "expected": "a"}\n')
    out = subprocess.run([sys.executable, "-m", "lmgate", "validate"], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "LLM_API_KEY": "sk-x"})
    assert out.returncode == 0, out.stderr


def test_init_keeps_the_state_folder_out_of_git_once(tmp_path):
    out = init("--no-workflows", cwd=tmp_path)
    assert out.returncode == 0 and "wrote .gitignore" in out.stdout
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == ".lmgate/"
    again = init("--no-workflows", cwd=tmp_path)
    assert "unchanged .gitignore" in again.stdout
    assert (tmp_path / ".gitignore").read_text().count(".lmgate/") == 1


@pytest.mark.parametrize(("before", "added"), [("node_modules/\n*.pyc", True), ("/.lmgate\n", False),
                                               (".lmgate/\nnode_modules/\n", False), ("", True)])
def test_init_appends_to_an_existing_gitignore_without_touching_the_rest(tmp_path, before, added):
    (tmp_path / ".gitignore").write_text(before)
    assert init("--no-workflows", cwd=tmp_path).returncode == 0
    text = (tmp_path / ".gitignore").read_text()
    assert text.startswith(before)
    lines = text.splitlines()
    assert (lines[-1] == ".lmgate/" and text.endswith("\n")) if added else text == before
    assert sum(line.strip().strip("/") == ".lmgate" for line in lines) == 1


@pytest.mark.parametrize("before", ["!.lmgate/\n", "*\n!/.lmgate\n"])
def test_init_leaves_a_state_folder_the_user_un_ignored_on_purpose(tmp_path, before):
    # appending `.lmgate/` after the user's `!.lmgate/` would silently undo their choice
    (tmp_path / ".gitignore").write_text(before)
    out = init("--no-workflows", cwd=tmp_path)
    assert out.returncode == 0 and "unchanged .gitignore" in out.stdout
    assert (tmp_path / ".gitignore").read_text() == before


def test_the_written_config_and_canary_workflow_hold_for_a_person_before_100(tmp_path):
    init(cwd=tmp_path)
    config = yaml.safe_load((tmp_path / "lmgate.yaml").read_text())["canary"]
    assert config["steps"] == [5, 25, 50, "approve", 100] and config["approval_environment"] == "production"
    workflow = yaml.safe_load((tmp_path / ".github/workflows/llm-canary-release.yml").read_text())
    approve = workflow["jobs"]["approve"]
    assert approve["environment"] == config["approval_environment"]
    assert approve["permissions"]["actions"] == "read" and "schedule" not in approve["if"]
    assert "approve" in workflow["jobs"]["tick"]["if"]  # the scheduled job never runs `approve`


@pytest.mark.parametrize("args", [("--dir", "lmgate.yaml"), ("--dir", "notes.txt", "--no-workflows"),
                                  ("--action-ref", "v1\nrun: curl evil"), ("--action-ref", "../x"),
                                  ("--action-ref", "")])
def test_bad_init_arguments_are_exit_2_with_the_fix(tmp_path, args):
    (tmp_path / "lmgate.yaml").write_text("version: 1\n")
    (tmp_path / "notes.txt").write_text("hi\n")
    out = init(*args, cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "fix:" in out.stderr


def test_a_file_where_init_needs_a_folder_is_exit_2(tmp_path):
    (tmp_path / ".github").write_text("not a folder\n")
    out = init(cwd=tmp_path)
    assert out.returncode == 2 and ".github is a file" in out.stderr and "Traceback" not in out.stderr
