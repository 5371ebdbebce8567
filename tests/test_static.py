"""The actions and workflow templates pass every linter GitHub users run on them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ACTIONS = [ROOT / "action.yml", *sorted(ROOT.glob("actions/*/action.yml"))]
TEMPLATES = sorted(ROOT.glob("workflows-templates/*.yml"))


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_zizmor_reports_nothing():
    targets = ["action.yml", *(str(p.relative_to(ROOT)) for p in ACTIONS[1:])]
    if TEMPLATES:
        targets.append("workflows-templates/")
    out = run(str(BIN / "zizmor"), "--offline", "--no-progress", *targets)
    assert out.returncode == 0, out.stdout + out.stderr


def test_actions_match_github_schema():
    out = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions", *map(str, ACTIONS))
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_expression_inside_run():
    """`${{ }}` inside `run:` is script injection; inputs reach scripts only through env."""
    import yaml

    for path in ACTIONS + TEMPLATES:
        doc = yaml.safe_load(path.read_text())
        steps = list((doc.get("runs") or {}).get("steps") or [])
        for job in (doc.get("jobs") or {}).values():
            steps += job.get("steps") or []
        for step in steps:
            assert "${{" not in str(step.get("run", "")), f"{path.name}: {step.get('name')}"


def test_ruff_passes():
    out = run(str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "scripts")
    assert out.returncode == 0, out.stdout + out.stderr


def test_plugin_folders_register_every_module():
    """A plugin folder lists its modules in `MODULES`; a module nobody registered is a bug."""
    import importlib

    for init in sorted((ROOT / "src" / "lmgate").rglob("__init__.py")):
        package = ".".join(init.parent.relative_to(ROOT / "src").parts)
        module = importlib.import_module(package)
        if not hasattr(module, "MODULES"):
            continue
        present = {p.stem for p in init.parent.glob("*.py")
                   if p.stem not in ("__init__", "base") and not p.stem.startswith("_")}
        assert present == set(module.MODULES), f"{package}: unregistered {present - set(module.MODULES)}"
