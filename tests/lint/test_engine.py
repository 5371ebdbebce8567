"""Selection, severities and options, suppressions, per-file ignores, custom rules, fail_on."""

from __future__ import annotations

from pathlib import Path

import pytest

from lmgate.errors import ConfigError
from lmgate.lint.engine import all_rules, lint_files
from lmgate.lint.files import matches
from lmgate.lint.selection import choose
from lmgate.lint.settings import LINT
from lmgate.spec_validation import Context, validate
from lmgate.yamlfile import load_yaml

from .helpers import lint, write


def settings(**lint) -> dict:
    return validate(lint, LINT, ("lint",), Context(doc=None, env={}))


def run(root: Path, files: dict[str, str], **lint):
    write(root, files)
    return lint_files(sorted(root / f for f in files), root, settings(**lint))


def codes(result) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in result.findings]


def test_selection_by_code_prefix_name_and_preview():
    rules = all_rules(settings())
    pick = lambda **kw: {r.code for r in choose(rules, settings(**kw))}  # noqa: E731
    default = pick()
    assert "SYN002" in default and "STY003" not in default  # preview rules are opt-in
    assert pick(select=["SYN"]) == {r.code for r in rules if r.code.startswith("SYN")}
    assert pick(select=["SYN"], ignore=["SYN00"]) == set()
    assert pick(select=["trailing-whitespace", "STY003"]) == {"STY001", "STY003"}
    assert "STY003" not in pick(select=["STY"])  # a prefix does not enable a preview rule
    assert pick(select=["SEC001"], extend_select=["SEC002"]) == {"SEC001", "SEC002"}
    assert "SYN002" not in pick(ignore=["undefined-variable"])


def test_unknown_selector_and_bad_option_name_the_config_line():
    text = "lint:\n  ignore: [SYN999]\n"
    doc = load_yaml(text, "lmgate.yaml")
    with pytest.raises(ConfigError) as err:
        choose(all_rules(settings()), settings(ignore=["SYN999"]), doc)
    assert err.value.where.line == 2 and "SYN999" in err.value.message
    text = "lint:\n  rules:\n    token-budget: {max: lots}\n"
    doc = load_yaml(text, "lmgate.yaml")
    with pytest.raises(ConfigError) as err:
        choose(all_rules(settings()), settings(rules={"token-budget": {"max": "lots"}}), doc)
    assert err.value.where.line == 3
    doc = load_yaml("lint:\n  rules:\n    token-budgte: {max: 1}\n", "lmgate.yaml")
    with pytest.raises(ConfigError) as err:
        choose(all_rules(settings()), settings(rules={"token-budgte": {"max": 1}}), doc)
    assert err.value.where.line == 3 and "token-budgte" in err.value.message


def test_rule_severity_and_options_from_config(tmp_path):
    files = {"p.txt": "word " * 200 + "\n"}
    quiet = run(tmp_path, files, select=["BUD002"])
    assert not quiet.findings
    tight = run(tmp_path, files, select=["BUD002"], rules={"BUD002": {"max": 10, "severity": "error"}})
    assert [(f.code, f.severity) for f in tight.findings] == [("BUD002", "error")]
    # another rule stays selected: a selection that turns off its only rule is refused (test_nothing_to_lint)
    off = run(tmp_path, files, select=["BUD002", "STY001"], rules={"token-budget": {"max": 10, "severity": "off"}})
    assert not [f for f in off.findings if f.code == "BUD002"] and [r.code for r in off.rules] == ["STY001"]


def test_inline_suppressions_and_unused_ones(tmp_path):
    files = {
        "a.j2": "{# lmgate: ignore[STY001] #}\nline with space \nother \n",
        "b.prompt": "{{! lmgate: ignore[trailing-whitespace] }}\nsay hi \n",
        "c.prompt.yml": ("messages:  # lmgate: ignore[SEC002]\n  - role: user\n"
                         "    content: \"hi \"  # lmgate: ignore[STY001]\n"),
        "d.md": "<!-- lmgate: ignore[STY001] -->\ntrailing \n",
    }
    result = run(tmp_path, files, select=["STY001", "LNT001"])
    found = codes(result)
    assert ("STY001", "a.j2", 2) not in found and ("STY001", "a.j2", 3) in found
    assert ("STY001", "b.prompt", 2) not in found
    assert not [f for f in found if f[:2] == ("STY001", "c.prompt.yml")] and ("LNT001", "c.prompt.yml", 1) in found
    assert ("STY001", "d.md", 2) in found  # Markdown has no hidden comment syntax: config only
    unused = [f for f in result.findings if f.code == "LNT001"]
    assert len(unused) == 1 and "SEC002" in unused[0].message


def test_per_file_ignores_and_glob_rules(tmp_path):
    files = {"prompts/a.j2": "x \n", "prompts/legacy/b.j2": "y \n"}
    result = run(tmp_path, files, select=["STY001"], per_file_ignores={"prompts/legacy/**": ["STY"]})
    assert [f.path for f in result.findings] == ["prompts/a.j2"]
    assert matches("a/b/c.j2", ["**/*.j2"]) and matches("c.j2", ["*.j2"]) and not matches("a/c.j2", ["b/*.j2"])


def test_custom_rules_as_data(tmp_path):
    files = {"s.prompty": "---\nname: s\n---\nsystem:\nI apologize for nothing.\nuser:\n{{q}}\n"}
    custom = [{"code": "ACME001", "name": "no-apologies", "banned": ["i apologize"], "roles": ["system"]},
              {"code": "ACME002", "name": "cite", "required": ["cite your sources"], "severity": "error"},
              {"code": "ACME003", "name": "no-todo", "pattern": "TODO|nothing"}]
    result = run(tmp_path, files, select=["ACME"], custom=custom)
    got = {(f.code, f.line, f.severity) for f in result.findings}
    assert got == {("ACME001", 5, "warning"), ("ACME002", 5, "error"), ("ACME003", 5, "warning")}
    with pytest.raises(ConfigError):
        run(tmp_path, files, custom=[{"code": "ACME001", "name": "x", "pattern": "("}])


def test_fail_on_sets_the_verdict(tmp_path):
    files = {"w.txt": "trailing \n"}
    assert run(tmp_path, files, select=["STY001"]).verdict == "warn"
    assert run(tmp_path, files, select=["STY001"], fail_on="info").verdict == "fail"
    assert run(tmp_path, {"ok.txt": "fine\n"}, select=["STY001"]).verdict == "pass"


def test_rule_options_without_severity_keep_the_rules_own(tmp_path):
    # The reported bug: `rules: {BUD002: {max: 5}}` was exit 2, "severity: should be a string, got nothing".
    write(tmp_path, {"prompts/p.txt": "word " * 50 + "\n",
                     "lmgate.yaml": "version: 1\nlint:\n  select: [BUD002]\n  rules:\n    BUD002: {max: 5}\n"})
    done = lint(tmp_path, "prompts")
    assert done.code == 0 and "Traceback" not in done.err, done.err
    assert [(f["code"], f["severity"]) for f in done.result()["findings"]] == [("BUD002", "warning")]
    chosen = {r.code: r for r in choose(all_rules(settings()), settings(rules={"token-budget": {"max": 5}}))}
    assert chosen["BUD002"].severity == "warning" and chosen["BUD002"].options["max"] == 5
    # a severity that is written is still checked, with its line
    doc = load_yaml("lint:\n  rules:\n    BUD002:\n      severity: loud\n", "lmgate.yaml")
    with pytest.raises(ConfigError) as err:
        choose(all_rules(settings()), settings(rules={"BUD002": {"severity": "loud"}}), doc)
    assert err.value.where.line == 4 and "loud" in err.value.message
