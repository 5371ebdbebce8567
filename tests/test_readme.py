"""The README's reference sections are generated; they must not drift from their sources."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def generator():
    spec = importlib.util.spec_from_file_location("gen_readme", ROOT / "scripts" / "gen_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_sections_are_current():
    text = README.read_text()
    assert text == generator().render(text), "run `.venv/bin/python scripts/gen_readme.py`"


def test_every_config_key_and_action_input_is_documented():
    text = README.read_text()
    for key in ("suites[].gates.<name>.max_drop", "hallucination.max_rate", "canary.alpha", "lint.fail_on"):
        assert f"`{key}`" in text
    import yaml

    for path in [ROOT / "action.yml", *ROOT.glob("actions/*/action.yml")]:
        for name in (yaml.safe_load(path.read_text()).get("inputs") or {}):
            assert f"| `{name}` |" in text, f"{path}: input {name}"


def test_benchmark_figures_are_recorded_measurements():
    results = sorted((ROOT / "benchmarks" / "results").glob("*.json"))
    scripts = {p.stem for p in (ROOT / "benchmarks").glob("*.py")}
    assert results, "record the benchmarks' JSON under benchmarks/results/"
    for path in results:
        assert path.stem in scripts, f"{path.name} has no benchmark script"
        assert isinstance(json.loads(path.read_text()), dict)


def test_readme_gives_the_two_commands():
    text = README.read_text()
    assert re.search(r"^make demo\b", text, re.M) and re.search(r"^make test\b", text, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
