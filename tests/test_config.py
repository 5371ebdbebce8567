from __future__ import annotations

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
                          text=True, env={"PATH": "/usr/bin:/bin", **(env or {})})


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
                         text=True, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode in (0, 1), out.stderr
    assert "LLM_API_KEY" not in out.stderr
