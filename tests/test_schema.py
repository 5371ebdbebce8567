from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from lmgate import schema
from lmgate.config import load_config
from lmgate.errors import LmgateError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(ROOT.glob("examples/**/lmgate.yaml"))


def test_shipped_schema_is_current():
    if os.environ.get("UPDATE_GOLDEN"):
        schema.SHIPPED.write_text(schema.render())
    assert schema.SHIPPED.read_text() == schema.render(), "run UPDATE_GOLDEN=1 pytest tests/test_schema.py"


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema.config_schema())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_validates(path):
    data = yaml.safe_load(path.read_text())
    jsonschema.validate(data, schema.config_schema())
    load_config(path, env={k: "x" for k in ("LLM_API_KEY", "LLM_BASE_URL", "HF_TOKEN")})


AGREE = [
    "version: 1\n",
    "version: 1\nlint: {fail_on: error, paths: ['p/**']}\n",
    "version: 1\nproviders: {m: {type: echo, concurrency: 4}}\n",
    "version: 1\nproviders: {m: {type: openai, base_url: u, concurrency: '${N}'}}\n",
    "version: 2\n",
    "version: '1'\n",
    "nope: 1\nversion: 1\n",
    "version: 1\nlint: {fail_on: sometimes}\n",
    "version: 1\nproviders: {m: {model: x}}\n",
    "version: 1\nproviders: {m: {type: echo, concurrency: 0}}\n",
    "version: 1\nproviders: {m: {type: echo, concurrency: true}}\n",
    "version: 1\nproviders: {m: {type: echo, colour: red}}\n",
    "version: 1\nsuites: [{name: a, prompt: p}]\n",
    "version: 1\nsuites: [{name: 'bad name', prompt: p, dataset: d, provider: m, metrics: []}]\n",
    "version: 1\nhallucination: {max_rate: 2}\n",
    "version: 1\ncanary: {steps: [5, 500]}\n",
    "version: 1\ndatasets: {d: {path: x.jsonl, on_bad_row: maybe}}\n",
    "version: true\n",
    "version: 1.0\n",
    "version: 1\nproviders: {m: {type: echo, concurrency: 4.0}}\n",
    "version: 1\nproviders: {m: {type: echo, concurrency: 4.5}}\n",
    "version: 1\nproviders: {m: {type: openai, base_url: u, headers: {X-A: 1}}}\n",
    # each provider type takes the common options and its own, nothing else
    "version: 1\nproviders: {m: {type: openai}}\n",
    "version: 1\nproviders: {m: {type: openai, base_url: u, target: 'app:answer'}}\n",
    "version: 1\nproviders: {m: {type: python, target: 'app:answer', max_calls: 5}}\n",
    "version: 1\nproviders: {m: {type: python, target: 'app:answer', timeout: 5}}\n",
    "version: 1\nproviders: {m: {type: hf, model: org/m, token: t, retries: 2}}\n",
    "version: 1\nproviders: {m: {type: exec, command: [a], timeout: 5, headers: {}}}\n",
    "version: 1\nproviders: {m: {type: opnai, base_url: u}}\n",
    "version: 1\nproviders: {m: {type: local, n_ctx: 8}}\n",
    "version: 1\ncanary: {min_dwell: 10m, max_duration: 5}\n",
    "version: 1\ncanary: {min_dwell: soon}\n",
    "version: 1\nsuites: [{name: a, prompt: p, dataset: d, provider: m, metrics: [exact_match, {f1: {}}],"
    " gates: {f1: {max_drop: -1}}}]\n",
]


@pytest.mark.parametrize("text", AGREE)
def test_loader_and_schema_agree(tmp_path, text):
    path = tmp_path / "lmgate.yaml"
    path.write_text(text)
    try:
        jsonschema.validate(yaml.safe_load(text), schema.config_schema())
        schema_ok = True
    except jsonschema.ValidationError:
        schema_ok = False
    try:
        load_config(path, env={"N": "4"})
        loader_ok = True
    except LmgateError as exc:
        # Cross-references (a suite naming an undefined prompt) are beyond a schema's reach.
        loader_ok = "is not defined under" in exc.message
    assert schema_ok == loader_ok, json.dumps(schema_ok)
