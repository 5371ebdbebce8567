"""A half-broken lmgate.yaml: `validate` lists the schema's problems and, at once, those of the parts it can
still check (metric names, prompt variables, files, secrets…), and never crashes.

Before, a schema problem stopped `validate` before any other check: the user fixed it, ran again, and only
then met the second wave. The fuzz below breaks GOOD one key at a time, each in the ways people do (a wrong
type, a null, a list for a mapping, a missing key) beside one unknown metric name, which must be listed
unless the break is in that metric's own entry.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from lmgate.cli import main
from lmgate.spec import REQUIRED, Opt
from lmgate.spec_validation import Context, salvage

GOOD = {
    "version": 1,
    "providers": {"m": {"type": "openai", "base_url": "http://127.0.0.1:1/v1", "model": "x",
                        "api_key": "${LLM_API_KEY}", "params": {"temperature": 0}}},
    "prompts": {"qa": "qa.j2", "alt": {"path": "alt.j2"}},
    "datasets": {"qa": "qa.jsonl", "alt": {"path": "qa.jsonl", "on_bad_row": "skip"}},
    "suites": [
        {"name": "qa", "prompt": "qa", "dataset": "qa", "provider": "m",
         "metrics": ["exact_match", {"contains": {"value": "{{ expected }}"}}],
         "gates": {"exact_match": {"min": 0.5}}, "repeats": 1, "vars": {"tone": "polite"}},
        {"name": "alt", "prompt": "alt", "dataset": "alt", "provider": "m", "metrics": ["exact_mach"]},
    ],
    "hallucination": {"context": "{{ context }}", "suites": ["qa"], "max_rate": 0.1},
    "lint": {"paths": ["*.j2"]},
}
UNKNOWN_METRIC = "unknown metric 'exact_mach'"
WHERE_UNKNOWN_METRIC = ("suites", 1, "metrics", 0)  # a break at, in or around it may hide it
ROWS = [{"id": "1", "question": "2+2?", "context": "maths", "expected": "4"}]
KEY = {"LLM_API_KEY": "sk-test-key-123456"}
BREAKS = {"null": None, "number": 7, "text": "oops", "list": ["a", 1], "mapping": {"zz": 1}, "bool": True,
          "negative": -1, "number-key": {1: "x"}}
MISSING = object()  # the key left out


def paths(node, at=()):
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*at, i))


def broken_configs() -> list:
    out = []
    for at in list(paths(GOOD))[1:]:
        breaks = {**BREAKS, "missing": MISSING} if isinstance(at[-1], str) else BREAKS
        out += [pytest.param(at, value, id=f"{'.'.join(map(str, at))}={name}") for name, value in breaks.items()]
    return out


def mutate(at: tuple, value) -> dict:
    config = copy.deepcopy(GOOD)
    parent = config
    for part in at[:-1]:
        parent = parent[part]
    if value is MISSING:
        del parent[at[-1]]
    else:
        parent[at[-1]] = copy.deepcopy(value)
    return config


def project(root: Path, config: dict) -> Path:
    (root / "qa.j2").write_text("Q: {{ question }}\n")
    (root / "alt.j2").write_text("Be {{ tone | default('brief') }}. Q: {{ question }}\n")
    (root / "qa.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    path = root / "lmgate.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def validate(path: Path, capsys) -> tuple[int, str]:
    code = main(["validate", "--config", str(path)], env=KEY)
    return code, capsys.readouterr().err


def test_good_holds_only_the_unknown_metric(tmp_path, capsys):
    code, err = validate(project(tmp_path, GOOD), capsys)
    assert code == 2 and err.startswith("lmgate: ") and "lmgate.yaml:39:5: " in err and UNKNOWN_METRIC in err, err
    assert "problems:" not in err  # one problem: the fuzz's breaks are what adds the others


@pytest.mark.parametrize(("at", "value"), broken_configs())
def test_a_broken_key_never_crashes_and_never_hides_the_unknown_metric(tmp_path, capsys, at, value):
    code, err = validate(project(tmp_path, mutate(at, value)), capsys)
    assert code == 2, err
    assert err.startswith("lmgate: ") and "Traceback" not in err, err
    lines = err.removeprefix("lmgate: ").split("\n", 1)[1 if "problems:\n" in err else 0].splitlines()
    heads = [line for line in lines if not line.startswith("  ")]  # not the `fix:` lines under them
    for head in heads:
        assert re.match(r"\S*(lmgate\.yaml|\.j2|\.jsonl):\d+", head), head  # each problem at its file:line
    assert len(set(heads)) == len(heads), err  # and each once
    touches_it = WHERE_UNKNOWN_METRIC[:len(at)] == at
    if not touches_it:
        assert UNKNOWN_METRIC in err, err


def test_one_schema_error_and_one_unknown_metric_are_listed_together(tmp_path, capsys):
    config = mutate(("suites", 0, "repeats"), "twice")
    code, err = validate(project(tmp_path, config), capsys)
    assert code == 2
    assert err.startswith("lmgate: 2 problems:"), err
    assert "lmgate.yaml:" in err and "suites[0].repeats: should be an integer" in err
    assert UNKNOWN_METRIC in err and "did you mean 'exact_match'?" in err


def test_each_kind_of_second_wave_problem_is_listed_beside_schema_problems(tmp_path, capsys):
    config = copy.deepcopy(GOOD)
    config["suites"][0]["repeats"] = "twice"               # schema
    config["lint"] = {"paths": 3}                          # schema
    config["suites"][0]["gates"]["f1"] = {"min": 0.1}      # a gate on what the suite does not compute
    config["hallucination"]["context"] = "{{ contxt }}"     # a context field no row has
    config["datasets"]["old"] = "old.jsonl"                # a dataset file that does not exist
    path = project(tmp_path, config)
    (tmp_path / "qa.j2").write_text("Q: {{ question }}\nHint: {{ hnt }}\n")  # a variable no row has
    code = main(["validate", "--config", str(path)], env={})  # and LLM_API_KEY unset
    err = capsys.readouterr().err
    assert code == 2, err
    for words in ("suites[0].repeats: should be an integer", "lint.paths: should be a list",
                  "gate on metric 'f1', which suite 'qa' does not compute", "uses 'contxt', which no row",
                  "dataset file 'old.jsonl' does not exist", "prompt 'qa' uses 'hnt', which no row",
                  "LLM_API_KEY is not set", UNKNOWN_METRIC):
        assert words in err, (words, err)
    assert err.startswith("lmgate: 8 problems:"), err


def test_salvage_keeps_what_is_valid_on_its_own_and_names_the_rest():
    opt = Opt("section", fields={
        "n": Opt("int", 1), "need": Opt("str", REQUIRED), "xs": Opt("list", None, items=Opt("int")),
        "m": Opt("map", None, values=Opt("section", fields={"a": Opt("int", 0)})),
    })
    ctx = Context(doc=None, env={})
    value = {"n": "two", "xs": [1, "b", 3], "m": {"ok": {"a": 2}, "bad": [], "half": {"a": 1, "zz": 0}}, "typo": 1}
    kept, broken = salvage(value, opt, ("root",), ctx)
    assert broken == {("root", "n"), ("root", "need"), ("root", "xs", 1), ("root", "m", "bad"),
                      ("root", "m", "half", "zz"), ("root", "typo")}
    assert "n" not in kept and "need" not in kept  # broken: unknown, never the default
    assert kept["xs"] == [1, None, 3]  # positions are kept: they are lines in the file
    assert dict(kept["m"]["ok"]) == {"a": 2} and dict(kept["m"]["half"]) == {"a": 1} and "bad" not in kept["m"]
    assert salvage({"need": "x"}, opt, (), ctx) == ({"n": 1, "need": "x", "xs": None, "m": None}, set())


def test_every_wave_at_once_and_nothing_said_about_the_broken_parts(tmp_path, capsys):
    config = copy.deepcopy(GOOD)
    config["suites"][1]["metrics"] = ["exact_match"]
    config["providers"]["m"]["timeout"] = "slow"            # schema: this provider is left out
    config["suites"][0]["gates"]["f1"] = {"min": 0.1}      # second wave: a gate on what qa does not compute
    config["suites"][0]["metrics"].append({"regex": "x"})  # schema: options are not a mapping
    config["suites"][1]["prompt"] = ["alt"]                # schema: which prompt is unknown
    config["hallucination"]["context"] = "{{ contxt }}"     # second wave: no row has it
    config["prompts"]["old"] = "old.j2"                    # second wave: the file does not exist
    code, err = validate(project(tmp_path, config), capsys)
    assert code == 2, err
    assert "providers.m.timeout:" in err and "suites[0].metrics[2].regex:" in err and "suites[1].prompt:" in err
    assert "uses 'contxt', which no row" in err and "prompt file 'old.j2' does not exist" in err
    # a gate on a metric of an entry that is broken may be right: no word on gates, so 'f1' is not named;
    # the provider with a broken option is not built, so its ${LLM_API_KEY} is not looked at
    assert "gate on metric" not in err
    assert "is not defined" not in err and "LLM_API_KEY" not in err
    assert err.startswith("lmgate: 5 problems:"), err


def test_a_suite_naming_a_broken_entry_is_not_told_it_is_undefined(tmp_path, capsys):
    config = copy.deepcopy(GOOD)
    config["datasets"]["qa"] = {"path": "qa.jsonl", "limit": "ten"}
    config["prompts"] = ["qa.j2"]
    code, err = validate(project(tmp_path, config), capsys)
    assert code == 2 and "datasets.qa.limit:" in err and "prompts: should be a mapping" in err, err
    assert "is not defined" not in err and UNKNOWN_METRIC in err


@pytest.mark.parametrize("command", [["eval", "--no-cache"], ["hallucination"], ["canary", "status"], ["lint"]])
def test_other_commands_refuse_a_broken_config_listing_every_problem_at_once(tmp_path, capsys, command):
    # the salvaged config is for checking only: every other command refuses a broken config outright, with
    # the list validate prints (eval used to name the schema's problem alone, then the misspelt metric)
    config = mutate(("suites", 0, "repeats"), "twice")
    code = main([command[0], "--config", str(project(tmp_path, config)), *command[1:]], env=KEY)
    err = capsys.readouterr().err
    assert code == 2 and "suites[0].repeats" in err and not (tmp_path / ".lmgate/results/eval.json").exists()
    assert err.startswith("lmgate: 2 problems:") and UNKNOWN_METRIC in err, err


@pytest.mark.parametrize("kind", [["openai"], {"name": "openai"}])
def test_a_provider_type_that_is_not_text_is_a_problem_not_a_crash(tmp_path, capsys, kind):
    # the check of the options a provider type takes looked the type up in a dict: unhashable -> exit 3
    code, err = validate(project(tmp_path, mutate(("providers", "m", "type"), kind)), capsys)
    assert code == 2 and "Traceback" not in err, err
    assert "providers.m.type: should be a string, got a" in err


def test_each_missing_required_key_is_listed_once(tmp_path, capsys):
    # jsonschema raises `required` once per missing key, each naming all of them: 5 keys made 25 lines
    code, err = validate(project(tmp_path, mutate(("suites", 1), {"name": "alt"})), capsys)
    assert code == 2
    for key in ("prompt", "dataset", "provider", "metrics"):
        assert err.count(f"missing required key {key!r}") == 1, err
