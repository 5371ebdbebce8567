from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
