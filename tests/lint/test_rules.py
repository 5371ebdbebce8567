"""Every rule against its named cases (tests/lint/cases/<CODE>.yaml, sqlfluff-style), the rule
modules' contract, and a run of every rule over the real prompt corpora.

A case: `file` + `format` + `content` (written to disk and read back by `read_prompts`;
file-scope rules need no `format`); optional `configs` (rule options),
`base` (the file on the base branch, for base-aware rules), `files` (more files, for run-scope
rules); `expect`: the lines of the expected findings ([] for a passing case), optionally
`messages`: substrings each finding's message must contain, in order.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from lmgate.lint import rules
from lmgate.lint.rules.base import LintContext
from lmgate.lint.selection import SEVERITIES
from lmgate.lint.tokens import count_tokens
from lmgate.prompts.model import Message, Position, Prompt
from lmgate.prompts.reading import read_prompts
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate

CASES = Path(__file__).parent / "cases"
CATALOG = (
    "SYN001", "SYN002", "SYN003", "SYN004", "SYN005", "SYN006", "SYN007", "SYN008", "STR001", "STR002", "STR003",
    "STR004", "SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "BUD001", "BUD002", "BUD003", "BUD004", "STY001",
    "STY002", "STY003", "STY004", "STY005", "VER001", "VER002", "LNT001",
)


def rule_modules() -> dict[str, object]:
    mods = [importlib.import_module(f"lmgate.lint.rules.{name}") for name in rules.MODULES]
    return {m.CODE: m for m in mods}


def parse(root: Path, path: str, fmt: str, text: str) -> list[Prompt]:
    """The real reading path: the file is written out and read back by `read_prompts`."""
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(text.encode("utf-8"))
    prompts, problems = read_prompts(file, root, fmt)
    assert not problems, f"case file does not parse as {fmt}: {problems}"
    return prompts


def options_for(module, configs: dict | None):
    return validate(dict(configs or {}), Opt("section", fields=module.CONF), ("lint", "rules", module.CODE),
                    Context(doc=None, env={}))


def run_case(module, case: dict, tmp_path: Path) -> list:
    sources, prompts = {}, []
    for f in [case, *case.get("files", [])]:
        path = f.get("file", "prompts/case.txt")
        if "content" in f:
            sources[path] = f["content"]
            if "format" in f:
                prompts += parse(tmp_path / "head", path, f["format"], f["content"])
    base = {case.get("file", "prompts/case.txt"): case["base"]} if "base" in case else {}

    def base_prompts(path: str) -> list[Prompt] | None:
        return parse(tmp_path / "base", path, case["format"], base[path]) if path in base else None

    ctx = LintContext(root=tmp_path / "head", sources=sources, count_tokens=count_tokens, base_source=base.get,
                      base_prompts=base_prompts)
    options = options_for(module, case.get("configs"))
    if module.SCOPE == "file":
        return [pr for path, text in sources.items() for pr in module.check_file(path, text, options, ctx)]
    if module.SCOPE == "run":
        return [pr for _, pr in module.check_run(prompts, options, ctx)]
    return [pr for prompt in prompts for pr in module.check(prompt, options, ctx)]


def all_cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for name, case in data.items():
            if name != "rule":
                yield pytest.param(data["rule"], case, id=f"{data['rule']}-{name}")


@pytest.mark.parametrize(("code", "case"), list(all_cases()))
def test_rule_case(code, case, tmp_path):
    problems = run_case(rule_modules()[code], case, tmp_path)
    found = sorted(p.position.line for p in problems)
    assert found == sorted(case["expect"]), [p.message for p in problems]
    ordered = sorted(problems, key=lambda p: (p.position.line, p.position.col))
    for want, problem in zip(case.get("messages", []), ordered, strict=False):
        assert want in problem.message
    assert all(p.fix for p in problems), "every finding says how to fix it"


def test_every_rule_is_registered_and_has_cases():
    folder = Path(rules.__file__).parent
    on_disk = {p.stem for p in folder.glob("*.py")} - {"__init__", "base"}
    assert on_disk == set(rules.MODULES), "one module per rule, each listed in rules/__init__.MODULES (no helpers)"
    modules = rule_modules()
    assert sorted(modules) == sorted(CATALOG)
    for code in modules:
        case_file = CASES / f"{code}.yaml"
        assert case_file.is_file(), f"{code} has no fixtures file {case_file.name}"
        data = yaml.safe_load(case_file.read_text("utf-8"))
        assert data["rule"] == code
        kinds = {bool(c["expect"]) for n, c in data.items() if n != "rule"}
        # An engine-scope rule's module yields nothing by design (LNT001): its findings are the engine's.
        wanted = {False} if modules[code].SCOPE == "engine" else {True, False}
        assert kinds == wanted, f"{code} needs at least one passing and one failing case"
    assert {p.stem for p in CASES.glob("*.yaml")} <= set(modules), "a fixtures file for an unknown rule"


@pytest.mark.parametrize("code", CATALOG)
def test_rule_module_contract(code):
    module = rule_modules()[code]
    assert re.fullmatch(r"[A-Z]{3}\d{3}", module.CODE)
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", module.NAME)
    assert module.SEVERITY in SEVERITIES
    assert module.SCOPE in ("prompt", "file", "run", "engine")
    assert isinstance(module.PREVIEW, bool) and isinstance(module.BASE_AWARE, bool)
    doc = module.__doc__ or ""
    assert doc.startswith(f"{module.CODE} {module.NAME}"), "the docstring opens with the code and name"
    for part in ("**What.**", "**Why.**", "**Options.**", "PASS", "FAIL"):
        assert part in doc, f"{code} docstring lacks {part}"
    assert all(isinstance(o, Opt) for o in module.CONF.values())
    defaults = options_for(module, {})
    assert set(defaults) == set(module.CONF)
    func = {"prompt": "check", "engine": "check", "file": "check_file", "run": "check_run"}[module.SCOPE]
    assert callable(getattr(module, func))


def test_bad_rule_option_is_a_config_error():
    from lmgate.errors import ConfigError

    with pytest.raises(ConfigError, match="should be an integer"):
        options_for(rule_modules()["BUD002"], {"max": "many"})


def test_preview_and_base_aware_rules_on_the_real_corpus(shared_data):
    """tests/lint/test_corpus.py lints the corpus with the default selection through the engine;
    this runs the rules that selection leaves out (preview, and base-aware against a base branch
    on which every prompt's first message was half as long, version 0.1) directly: none may raise."""
    root = shared_data / "prompts"
    by_path: dict[str, list[Prompt]] = {}
    sources: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file())[::4]:  # every 4th file keeps this ~4 s
        prompts, _ = read_prompts(path, root)
        if prompts:
            rel = prompts[0].path
            by_path[rel], sources[rel] = prompts, path.read_text("utf-8", errors="replace")

    def shortened(rel: str) -> list[Prompt]:
        return [replace(p, messages=(replace(p.messages[0], text=p.messages[0].text[:len(p.messages[0].text) // 2]),
                                     *p.messages[1:]), metadata={**p.metadata, "version": "0.1"})
                if p.messages else p for p in by_path.get(rel, [])]

    ctx = LintContext(root=root, sources=sources, count_tokens=count_tokens, base_source=sources.get,
                      base_prompts=shortened)
    modules = [m for m in rule_modules().values() if m.PREVIEW or m.BASE_AWARE]
    assert {m.CODE for m in modules} == {"STY003", "BUD003", "VER001", "VER002"}
    found: dict[str, list] = {m.CODE: [] for m in modules}
    for module in modules:
        options = options_for(module, {})
        for prompts in by_path.values():
            for prompt in prompts:
                found[module.CODE] += [(prompt, p) for p in module.check(prompt, options, ctx)]
    assert sum(len(by_path[k]) for k in by_path) > 600
    assert len(found["BUD003"]) > 25  # halving the first message makes long prompts "grow" past 25 %
    # the base says version 0.1 and every prompt changed: VER001 reports each one without a version
    assert found["VER001"] and all("removed" in pr.message or p.metadata.get("version") == "0.1"
                                   for p, pr in found["VER001"])
    assert all(pr.position.line >= 1 and pr.fix for items in found.values() for _, pr in items)


@pytest.mark.parametrize(("model", "encoding", "exact"), [
    (None, "o200k_base", True), ("gpt-4o-mini", "o200k_base", True), ("openai/gpt-4.1", "o200k_base", True),
    ("GPT-5 (copilot)", "o200k_base", True), ("gpt-4", "cl100k_base", True), ("gpt-3.5-turbo", "cl100k_base", True),
    ("Claude Sonnet 4", "estimate:claude", False), ("meta/Llama-3.3-70B-Instruct", "estimate:llama-3", False),
    ("my-finetune", "estimate:unknown", False),
])
def test_count_tokens_is_exact_for_openai_families_and_labels_estimates(model, encoding, exact):
    count = count_tokens("hello world", model)
    assert (count.encoding, count.exact) == (encoding, exact)
    if exact:
        assert count.count == 2  # tiktoken: cl100k [15339, 1917], o200k [24912, 2375]


def test_model_table_is_consistent():
    from lmgate.lint import tokens
    from lmgate.lint.tokens import MAX_FACTOR

    assert tokens.model_info("openai/gpt-4o-mini").context_window == 128_000
    assert tokens.model_info("gpt-4-32k").context_window == 32_768  # the longest prefix wins over gpt-4
    assert tokens.model_info("gpt4o") is None
    for prefix in tokens.known_prefixes():
        info = tokens.model_info(prefix)
        assert info.context_window > 0 and info.encoding in ("o200k_base", "cl100k_base", "estimate")
        assert 0.5 <= info.factor <= MAX_FACTOR  # BUD001/BUD002 skip counting below the bound it gives
    ratio = count_tokens("Das ist ein kurzer deutscher Satz. " * 20, "claude-3-5-sonnet").count \
        / count_tokens("Das ist ein kurzer deutscher Satz. " * 20, "gpt-4").count
    assert 1.1 < ratio < 1.3  # the claude estimate is the cl100k count scaled by its factor


ODD_VALUES = (None, 3, "x", [], {}, [1, "a", None], {"a": None}, True, {"configuration": 5, "parameters": [1]})
ENGINES = ("jinja2", "fstring", "mustache", "handlebars", "ghmodels", "vscode", "dollar", "plain", "unknown")


@pytest.mark.parametrize("code", CATALOG)
def test_rule_survives_odd_metadata_and_templates(code, tmp_path):
    """Front matter is user data of any shape: a rule reads what it understands and skips the rest."""
    module = rule_modules()[code]
    options = options_for(module, {})
    text = "{{ x | choice }} {x} ${y} {{ z } {{#a}} {% for %}\r\n\u200b"
    variants = [(), (Message("", "", Position(1)),)]
    variants += [(Message("system", text, Position(2), e), Message("assistant", text, Position(3), e)) for e in ENGINES]
    for value in ODD_VALUES:
        meta = {k: value for k in ("model", "modelParameters", "parameters", "config", "testData", "examples",
                                   "sample", "version", "metadata", "inputs")}
        prompts = [Prompt("a.txt", "prompty", f"p{i}", msgs, frozenset({"a"}), metadata=meta)
                   for i, msgs in enumerate(variants)]
        ctx = LintContext(root=tmp_path, sources={"a.txt": text}, count_tokens=count_tokens,
                          base_prompts=lambda path, ps=prompts: ps)
        if module.SCOPE == "file":
            problems = list(module.check_file("a.txt", text, options, ctx))
        elif module.SCOPE == "run":
            problems = [pr for _, pr in module.check_run(prompts, options, ctx)]
        else:
            problems = [pr for p in prompts for pr in module.check(p, options, ctx)]
        assert all(p.position.line >= 1 and p.fix for p in problems)
