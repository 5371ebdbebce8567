"""A half-broken lmgate.yaml: `validate` lists its problems and never crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lmgate.cli import main

CONFIG = """\
version: 1
providers:
  m: {type: TYPE, base_url: "http://127.0.0.1:1/v1", model: x}
prompts: {qa: qa.j2}
datasets: {qa: qa.jsonl}
suites:
  - {name: qa, prompt: qa, dataset: qa, provider: m, metrics: [exact_match]}
"""


@pytest.mark.parametrize("kind", ["[openai]", "{name: openai}"])
def test_a_provider_type_that_is_not_text_is_a_problem_not_a_crash(tmp_path, capsys, kind):
    # the check of the options a provider type takes looked the type up in a dict: unhashable -> exit 3
    (tmp_path / "qa.j2").write_text("Q: {{ question }}\n")
    (tmp_path / "qa.jsonl").write_text(json.dumps({"id": "1", "question": "q"}) + "\n")
    path: Path = tmp_path / "lmgate.yaml"
    path.write_text(CONFIG.replace("TYPE", kind))
    code = main(["validate", "--config", str(path)], env={})
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "providers.m.type: should be a string, got a" in err
