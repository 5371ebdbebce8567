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
    targets = [str(p.relative_to(ROOT)) for p in ACTIONS + TEMPLATES]
    out = run(str(BIN / "zizmor"), "--offline", "--no-progress", "--config", "zizmor.yml", *targets)
    assert out.returncode == 0, out.stdout + out.stderr


def test_actions_match_github_schema():
    out = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions", *map(str, ACTIONS))
    assert out.returncode == 0, out.stdout + out.stderr


def test_templates_match_github_schema_and_actionlint():
    assert TEMPLATES, "workflows-templates/ holds the workflows consuming repositories copy"
    out = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, TEMPLATES))
    assert out.returncode == 0, out.stdout + out.stderr
    out = run(str(BIN / "actionlint"), "-no-color", *map(str, TEMPLATES))
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_template_has_properties():
    import json

    for path in TEMPLATES:
        props = json.loads(path.with_suffix(".properties.json").read_text())
        assert {"name", "description", "iconName", "categories", "filePatterns"} <= set(props), path.name


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
