"""The JSON Schema of lmgate.yaml, generated from the same `Opt` declarations the loader uses.

The shipped copy (`schemas/lmgate.schema.json`) is what editors load; a test fails when it
drifts from the declarations (`UPDATE_GOLDEN=1 pytest tests/test_schema.py` rewrites it).
"""

from __future__ import annotations

import json
from pathlib import Path

from lmgate.config import ROOT
from lmgate.spec_schema import to_json_schema

SHIPPED = Path(__file__).with_name("schemas") / "lmgate.schema.json"


def config_schema() -> dict:
    schema = to_json_schema(ROOT)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://lmgate.dev/schemas/lmgate.schema.json",
            "title": "lmgate.yaml", **schema}


def render() -> str:
    return json.dumps(config_schema(), indent=2, ensure_ascii=False) + "\n"
