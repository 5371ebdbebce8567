"""`validate` (and eval's preflight) check the hallucination detector as the gate would use it.

A misspelt detector, invalid detector options, `grounding` or `nli` with no `hallucination.context`,
`selfcheck` on a suite that asks once, and `logprob` on a provider not asked for logprobs all passed
validate; the gate found out after the model calls, as a run where no answer could be judged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lmgate.cli import main

CONFIG = """version: 1
providers:
  m: {type: openai, base_url: "http://127.0.0.1:9/v1", model: x, api_key: k-not-used, params: PARAMS}
  judge: {type: echo}
prompts: {p: p.j2}
datasets: {d: d.jsonl}
suites:
  - {name: s, prompt: p, dataset: d, provider: m, metrics: [exact_match], repeats: REPEATS}
hallucination:
HALLUCINATION
"""


def validate(tmp_path: Path, capsys, hallucination: str, *, params: str = "{}", repeats: int = 1) -> tuple[int, str]:
    (tmp_path / "p.j2").write_text("{{ q }}")
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": 1, "q": "x", "context": "c", "expected": "y"}) + "\n")
    config = CONFIG.replace("PARAMS", params).replace("REPEATS", str(repeats)).replace("HALLUCINATION", hallucination)
    (tmp_path / "lmgate.yaml").write_text(config)
    code = main(["validate", "--config", str(tmp_path / "lmgate.yaml")], env={})
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("section", "words"), [
    ("  detector: groundng", ["lmgate.yaml:10:", "unknown hallucination detector 'groundng'",
                              "did you mean 'grounding'"]),
    ("  detector: grounding", ["hallucination.context is not set", 'context: "{{ context }}"']),
    ("  detector: nli", ["detector 'nli' judges each answer against its context"]),
    ("  detector: selfcheck", ["suite 's' asks once", "repeats: 3"]),
    ("  detector: logprob", ["provider 'm' (suite 's') is not asked for them", "logprobs: true"]),
    ("  detector: judge", ["detector 'judge'", "missing required key 'provider'"]),
    ("  detector: grounding\n  context: '{{ context }}'\n  options: {use_questoin: false}",
     ["use_questoin", "use_question"]),
])
def test_a_detector_the_gate_could_not_use_is_a_config_error(tmp_path, capsys, section, words):
    code, err = validate(tmp_path, capsys, section)
    assert code == 2, err
    for w in words:
        assert w in err, err


@pytest.mark.parametrize(("section", "params", "repeats"), [
    ("  detector: grounding\n  context: '{{ context }}'", "{}", 1),
    ("  detector: selfcheck", "{temperature: 0.7}", 3),
    ("  detector: logprob", "{logprobs: true}", 1),
    ("  detector: judge\n  options: {provider: judge}", "{}", 1),
])
def test_a_detector_given_what_it_needs_is_valid(tmp_path, capsys, section, params, repeats):
    code, err = validate(tmp_path, capsys, section, params=params, repeats=repeats)
    assert code == 0, err
