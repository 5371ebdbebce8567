from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lmgate.config import load_config
from lmgate.errors import ConfigError, InputError
from lmgate.secrets import require_env

GOOD = """\
version: 1
providers:
  m: {type: openai, base_url: "http://127.0.0.1:1/v1", model: x, api_key: "${LLM_API_KEY}"}
prompts: {qa: qa.j2}
datasets: {qa: qa.jsonl}
suites:
  - {name: qa, prompt: qa, dataset: qa, provider: m, metrics: [exact_match]}
"""


def write(tmp_path: Path, text: str, name: str = "lmgate.yaml") -> Path:
    (tmp_path / "qa.j2").write_text("Q: {{ question }}\n")
    (tmp_path / "qa.jsonl").write_text('{"id": "1", "question": "q", "expected": "a"}\n')
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def cli(tmp_path: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmgate", "validate"], cwd=tmp_path, capture_output=True,
                          text=True, env={**base_env(), **(env or {})})


def base_env() -> dict:
    """A bare environment, but the same lmgate as this test (a worktree puts its src on PYTHONPATH)."""
    return {"PATH": "/usr/bin:/bin", **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}}


def test_quickstart_loads_into_frozen_dataclasses(quickstart):
    config = load_config(quickstart / "lmgate.yaml", env={})
    assert config.suites[0].name == "qa"
    with pytest.raises(AttributeError):
        config.version = 2  # frozen
    with pytest.raises(TypeError):
        config.providers["x"] = {}  # read-only mapping


def test_env_interpolation_marks_secret(tmp_path):
    config = load_config(write(tmp_path, GOOD), env={"LLM_API_KEY": "sk-test-123456"})
    key = config.providers["m"]["api_key"]
    assert key == "sk-test-123456" and "sk-test" not in repr(key)
    assert "sk-test-123456" in config.secrets
    assert "sk-test" not in repr(config)


def test_missing_env_var_is_named_and_located(tmp_path):
    # A provider's key is needed only where the provider is used (not to lint or to comment)...
    config = load_config(write(tmp_path, GOOD), env={})
    with pytest.raises(ConfigError) as err:
        require_env(config.providers["m"])  # ...and there it is the located error
    assert "LLM_API_KEY" in err.value.message
    assert err.value.where.line == 3
    assert err.value.key == "providers.m.api_key"


def test_missing_env_var_outside_providers_fails_at_load(tmp_path):
    with pytest.raises(ConfigError, match="RESULTS is not set"):
        load_config(write(tmp_path, "version: 1\nresults_dir: '${RESULTS}'\n"), env={})


def test_default_in_env_reference(tmp_path):
    text = GOOD.replace("${LLM_API_KEY}", "${LLM_API_KEY:-none}")
    assert load_config(write(tmp_path, text), env={}).providers["m"]["api_key"] == "none"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("version: 1\nsuites: [\n", 3, "malformed YAML"),
    ("version: 1\nversion: 1\n", 2, "duplicate key"),
    ("version: '1'\n", 1, "should be an integer"),
    ("version: 2\n", 1, "not allowed"),
    ("version: 1\nprompt: {qa: qa.j2}\n", 2, "did you mean 'prompts'"),
    ("version: 1\nlint: {fail_on: errors}\n", 2, "did you mean 'error'"),
    ("version: 1\nprompts: {qa: ../../etc/passwd}\n", 2, "leaves the repository"),
    ("version: 1\nprompts: {qa: /etc/passwd}\n", 2, "absolute path"),
    (GOOD.replace("provider: m,", "provider: nope,"), 7, "'nope' is not defined"),
    (GOOD.replace("metrics: [exact_match]", "metrics: exact_match"), 7, "should be a list"),
    ("- a\n- b\n", 1, "should be a mapping"),
    # a sampling parameter beside `model:` (or a misspelt one) belongs under `params:`
    (GOOD.replace("model: x,", "model: x, temprature: 0,"), 3, "params: {temperature: …}` ('temprature' looks"),
    (GOOD.replace("model: x,", "model: x, max_tokens: 5,"), 3, "model parameters go under params"),
])
def test_bad_config_is_a_clear_located_error(tmp_path, text, line, words):
    with pytest.raises((ConfigError, InputError)) as err:
        load_config(write(tmp_path, text), env={"LLM_API_KEY": "k"})
    assert words in err.value.render()
    assert err.value.where.line == line
    assert err.value.exit_code == 2


def test_alias_bomb_is_rejected_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(InputError, match="alias bomb"):
        load_config(write(tmp_path, "version: 1\n" + "\n".join(lines) + "\n"), env={})


@pytest.mark.parametrize(("text", "env", "words"), [
    ("version: 1\nsuites: [\n", {}, "lmgate.yaml:3"),
    ("version: 1\nprompt: {}\n", {}, "unknown key 'prompt'"),
    (GOOD, {}, "LLM_API_KEY is not set"),
    ("version: 1\nprompts: {qa: ../x.j2}\n", {}, "leaves the repository"),
])
def test_cli_bad_input_exits_2_without_traceback(tmp_path, text, env, words):
    write(tmp_path, text)
    out = cli(tmp_path, env)
    assert out.returncode == 2, out
    assert words in out.stderr
    assert "Traceback" not in out.stderr


def test_cli_ssti_payload_is_blocked(tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "qa.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    out = cli(tmp_path, {"LLM_API_KEY": "k"})
    assert out.returncode == 2
    assert "unsafe" in out.stderr and "qa.j2" in out.stderr
    assert "Traceback" not in out.stderr and "subclasses" not in out.stdout


def test_cli_missing_prompt_file(tmp_path):
    write(tmp_path, GOOD.replace("qa: qa.j2", "qa: missing.j2"))
    out = cli(tmp_path, {"LLM_API_KEY": "k"})
    assert out.returncode == 2 and "lmgate.yaml:4" in out.stderr and "does not exist" in out.stderr


def test_validate_prints_plan_without_secret(tmp_path):
    write(tmp_path, GOOD)
    out = cli(tmp_path, {"LLM_API_KEY": "sk-very-secret-value"})
    assert out.returncode == 0, out.stderr
    assert "qa: prompt qa × dataset qa → provider m" in out.stdout
    assert "api_key=***" in out.stdout
    assert "sk-very-secret-value" not in out.stdout + out.stderr


def test_commands_that_use_no_provider_run_without_its_secret(tmp_path):
    write(tmp_path, GOOD)
    out = subprocess.run([sys.executable, "-m", "lmgate", "lint", "qa.j2"], cwd=tmp_path, capture_output=True,
                         text=True, env=base_env())
    assert out.returncode in (0, 1), out.stderr
    assert "LLM_API_KEY" not in out.stderr


def test_every_structural_problem_is_listed_at_once_each_at_its_line(tmp_path):
    text = ("version: 1\n"
            "providers: {m: {type: echo, concurrency: 0, colour: red}}\n"
            "prompts: {qa: {pth: qa.j2}}\n"
            "datasets: {qa: {path: qa.jsonl, on_bad_row: skp}}\n"
            "lint: {fail_on: errors, paths: x}\n"
            "canary: {steps: [5, 500]}\n")
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    found = [(p.where.line, p.key, p.message, p.fix) for p in err.value.problems]
    assert [(line, key) for line, key, _, _ in found] == [
        (2, "providers.m.concurrency"), (2, "providers.m.colour"), (3, "prompts.qa"), (3, "prompts.qa.pth"),
        (4, "datasets.qa.on_bad_row"), (5, "lint.fail_on"), (5, "lint.paths"), (6, "canary.steps[1]")]
    messages = {key: (message, fix) for _, key, message, fix in found}
    assert messages["providers.m.concurrency"][0] == "0 is below the minimum 1"
    assert messages["prompts.qa.pth"] == ("unknown key 'pth'", "did you mean 'path'?")
    assert messages["prompts.qa"][0] == "missing required key 'path'"
    assert messages["datasets.qa.on_bad_row"][1].startswith("did you mean 'skip'?")
    assert messages["lint.paths"][0] == "should be a list, got the string 'x'"
    assert messages["canary.steps[1]"][0] == "500 is above the maximum 100"


def test_a_provider_takes_the_common_options_and_those_of_its_type_only(tmp_path):
    text = ("version: 1\n"
            "providers:\n"
            "  m: {type: openai, base_url: u, target: 'app:answer', timout: 5}\n"
            "  p: {type: python, target: 'app:answer', headers: {a: b}, max_calls: 3}\n"
            "  q: {type: opnai, base_url: u, command: x}\n"
            "  r: {type: replay}\n")
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    found = {p.key: (p.where.line, p.message, p.fix) for p in err.value.problems}
    assert found == {
        "providers.m.target": (3, "unknown key 'target' for type 'openai'", "'target' is an option of type python; "
                               "type openai takes: type, concurrency, max_calls, max_cost_usd, price, base_url, model, "
                               "api_key, params, headers, timeout, retries, max_retry_wait, max_response_bytes, "
                               "allow_link_local"),
        "providers.m.timout": (3, "unknown key 'timout' for type 'openai'", "did you mean 'timeout'?"),
        "providers.p.headers": (4, "unknown key 'headers' for type 'python'", "'headers' is an option of type openai, "
                                "hf; type python takes: type, concurrency, max_calls, max_cost_usd, price, target"),
        # an unknown type is the one mistake there: its keys cannot be judged before it is fixed
        "providers.q.type": (5, "'opnai' is not allowed",
                             "did you mean 'openai'? choose one of: openai, hf, python, exec, replay, echo, local"),
        "providers.r": (6, "missing required key 'path'",
                        "the JSONL file of recorded outputs, relative to lmgate.yaml"),
    }


def test_each_provider_type_gets_its_own_defaults_and_secrets(tmp_path):
    text = ("version: 1\n"
            "providers:\n"
            "  m: {type: openai, base_url: u, api_key: '${KEY}'}\n"
            "  h: {type: hf, model: org/m, token: '${HF}'}\n"
            "  p: {type: python, target: 'app:answer'}\n")
    config = load_config(write(tmp_path, text), env={"KEY": "sk-one-123456", "HF": "hf_two_123456"})
    assert {"sk-one-123456", "hf_two_123456"} <= config.secrets  # each declared secret by its own module
    assert config.providers["m"]["timeout"] == 60 and config.providers["m"]["concurrency"] == 8
    assert dict(config.providers["p"]) == {"type": "python", "target": "app:answer", "concurrency": 8,
                                           "max_calls": None, "max_cost_usd": None, "price": None}


def test_cross_references_are_all_reported_with_did_you_mean(tmp_path):
    text = GOOD.replace("prompt: qa,", "prompt: qaa,").replace("dataset: qa,", "dataset: q,")
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    fixes = [p.fix for p in err.value.problems]
    assert len(fixes) == 2 and fixes[0].startswith("did you mean 'qa'?") and fixes[1].startswith("did you mean 'qa'?")
    with pytest.raises(ConfigError, match="no suite named 'qaa'") as err:
        load_config(write(tmp_path, GOOD), env={}).suite("qaa")
    assert err.value.fix.startswith("did you mean 'qa'?")


@pytest.mark.parametrize(("text", "env", "words"), [
    ("version: 1\nproviders: {m: {type: echo, timeout: .nan}}\n", {}, "nan is not a number lmgate can use"),
    ("version: 1\nhallucination: {max_rate: .inf}\n", {}, "inf is not a number lmgate can use"),
    ("version: 1\nsuites: [{name: a, prompt: p, dataset: d, provider: m, metrics: [{f1: {x: -.inf}}]}]\n", {},
     "-inf is not a number"),
    ("version: 1\nproviders: {m: {type: exec, command: x, timeout: '${T}'}}\n", {"T": "nan"},
     "holds NaN or an infinity"),
])
def test_nan_and_infinity_are_refused(tmp_path, text, env, words):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env=env)
    assert words in err.value.render() and err.value.where.line == 2


def test_numbers_from_the_environment_are_range_checked(tmp_path):
    text = "version: 1\nproviders: {m: {type: echo, concurrency: '${N}'}}\n"
    assert load_config(write(tmp_path, text), env={"N": "4"}).providers["m"]["concurrency"] == 4
    with pytest.raises(ConfigError, match="0 is below the minimum 1"):
        load_config(write(tmp_path, text), env={"N": "0"})


def test_each_stage_declares_its_own_settings_and_every_one_is_registered():
    import importlib

    from lmgate import config

    package = Path(config.__file__).parent
    declaring = sorted(p.parent.name for p in package.glob("*/settings.py")
                       if hasattr(importlib.import_module(f"lmgate.{p.parent.name}.settings"), "SECTIONS"))
    assert sorted(config.STAGES) == declaring
    keys = [key for stage in config.STAGES
            for key in importlib.import_module(f"lmgate.{stage}.settings").SECTIONS]
    assert list(config.ROOT.fields) == ["version", *keys, "results_dir", "cache_dir"]
    source = Path(config.__file__).read_text()
    assert not any(f"from lmgate.{stage}" in source for stage in config.STAGES)  # the core imports no stage
