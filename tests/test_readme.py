"""The README's reference sections are generated; they must not drift from their sources."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

from lmgate.lint.rules import MODULES as RULE_MODULES
from lmgate.prompts import formats

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def generator():
    spec = importlib.util.spec_from_file_location("gen_readme", ROOT / "scripts" / "gen_readme.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
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


def test_benchmark_table_has_a_row_for_every_result():
    gen = generator()
    results = {p.stem for p in (ROOT / "benchmarks" / "results").glob("*.json")}
    assert {row.benchmark for row in gen.ROWS} == results
    table = gen.benchmark_table()
    assert table.count("\n") == len(gen.ROWS) + 2  # header, rule, one line per row


def test_benchmark_ratio_says_how_much_better_lmgate_is():
    gen = generator()
    figures = {"ours": 2.0, "peer": 10.0}
    faster = gen.Row("x", "", "", "ours", peer_value="peer")
    assert gen._ratio(faster, figures) == "5.0×"
    worse_accuracy = gen.Row("x", "", "", "ours", peer_value="peer", higher_is_better=True)
    assert gen._ratio(worse_accuracy, figures) == "0.2×"
    assert gen._ratio(gen.Row("x", "", "", "ours"), figures) == "—"
    assert gen._fill("{ours:.1f} s vs {a.b-c:,}", {"ours": 2.0, "a.b-c": 12345}, "x") == "2.0 s vs 12,345"


def test_readme_gives_the_two_commands():
    text = README.read_text()
    assert re.search(r"^make demo\b", text, re.M) and re.search(r"^make test\b", text, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_the_comparison_table_counts_the_rules_and_formats_that_exist():
    claim = re.search(r"\*\*(\d+) rules across (\d+) prompt formats", README.read_text(encoding="utf-8"))
    assert claim, "the README's comparison table no longer says how many rules and formats lint knows"
    assert (int(claim[1]), int(claim[2])) == (len(RULE_MODULES), len(formats.modules()))
