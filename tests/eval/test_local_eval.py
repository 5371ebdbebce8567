"""`lmgate eval` on the quickstart with the real SmolLM2 model: deterministic, and cached on rerun."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml


def run_eval(root) -> dict:
    out = subprocess.run([sys.executable, "-m", "lmgate", "eval", "--config", "lmgate.local.yaml"], cwd=root,
                         capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    return json.loads((root / ".lmgate/results-smollm2/eval.json").read_text())


def test_local_model_eval_is_deterministic_and_the_cache_skips_generation(quickstart):
    config = yaml.safe_load((quickstart / "lmgate.local.yaml").read_text())
    config["datasets"]["qa"] = {"path": "evals/qa.jsonl", "limit": 6}  # six real generations keep it quick
    (quickstart / "lmgate.local.yaml").write_text(yaml.safe_dump(config, sort_keys=False))

    first = run_eval(quickstart)
    assert first["calls"] == {"made": 6, "cached": 0, "errors": 0}
    outputs = [json.loads(x)["output"] for x in (quickstart / ".lmgate/results-smollm2/eval-items.jsonl").open()]
    assert all(o.strip() for o in outputs)  # real text from the model

    second = run_eval(quickstart)
    assert second["calls"] == {"made": 0, "cached": 6, "errors": 0}
    strip = lambda d: {k: v for k, v in d.items() if k not in ("timing", "created_at", "calls")}  # noqa: E731
    assert strip(second) == strip(first)

    import shutil

    shutil.rmtree(quickstart / ".lmgate")  # no cache at all: decoding itself must be deterministic
    third = run_eval(quickstart)
    assert third["calls"]["made"] == 6 and third["suites"] == first["suites"]
