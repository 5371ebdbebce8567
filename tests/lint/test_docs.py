"""docs/rules.md is generated from the rule modules and current; every SARIF helpUri resolves in it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from lmgate.lint import engine
from lmgate.lint.docs import DOCS_URL, anchor, rules_markdown
from lmgate.lint.outcome import LintResult
from lmgate.lint.sarif import to_sarif
from lmgate.lint.settings import LINT
from lmgate.spec_validation import Context, validate

from .helpers import lint

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def settings(**values):
    return validate(values, LINT, ("lint",), Context(doc=None, env={}))


def test_rules_md_is_generated_and_current(tmp_path):
    expected = rules_markdown(engine.all_rules(settings()))
    if os.environ.get("UPDATE_GOLDEN"):
        RULES_MD.write_text(expected, encoding="utf-8")
    assert RULES_MD.read_text(encoding="utf-8") == expected, \
        "regenerate: lmgate lint --list-rules --format markdown > docs/rules.md"
    run = lint(tmp_path, "--list-rules", "--format", "markdown")
    assert run.code == 0 and run.out == expected  # the command the file header names writes it


def test_every_rule_has_its_section_with_options_and_examples():
    text = RULES_MD.read_text(encoding="utf-8")
    for rule in engine.builtin_rules():
        section = text.split(f"\n## {rule.code} {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"Severity: **{rule.severity}**" in section and "PASS" in section and "FAIL" in section
        for option in getattr(rule.module, "CONF", {}):
            assert f"| `{option}` |" in section, (rule.code, option)


def test_every_sarif_help_uri_points_at_an_anchor_of_rules_md():
    custom = [{"code": "ACME001", "name": "no-todo", "pattern": "TODO"}]
    rules = engine.all_rules(settings(custom=custom))  # every rule, preview and base-aware ones too
    result = LintResult(findings=(), files=0, prompts=0, parse_failures=0, fail_on="error", rules=tuple(rules))
    anchors = {anchor(m.group(1)) for m in re.finditer(r"^#+ (.+)$", RULES_MD.read_text(encoding="utf-8"), re.M)}
    uris = [r["helpUri"] for r in to_sarif(result)["runs"][0]["tool"]["driver"]["rules"]]
    assert len(uris) == len(rules)
    for uri in uris:
        assert uri.startswith(DOCS_URL + "#") and uri.split("#", 1)[1] in anchors, uri
    assert any(uri.endswith("#custom-rules") for uri in uris)
