"""Builders of hand-made eval-items.jsonl files and configs for the gate tests."""

from __future__ import annotations

import json
from pathlib import Path

CONTEXT = {
    "q1": "Mount Everest is 8,849 metres high. It lies on the border of Nepal and China.",
    "q2": "The Danube rises in the Black Forest in Germany and flows into the Black Sea.",
    "q3": "Marie Curie won the Nobel Prize in Physics in 1903 and in Chemistry in 1911.",
    "q4": "Python was created by Guido van Rossum and first released in 1991.",
}
GROUNDED = {
    "q1": "Mount Everest is 8,849 metres high.",
    "q2": "The Danube rises in the Black Forest.",
    "q3": "She won the Nobel Prize in Chemistry in 1911.",
    "q4": "Python was created by Guido van Rossum.",
}
INVENTED = {
    "q1": "Mount Everest is 9,120 metres high and was first climbed by Hans Keller in 1921.",
    "q2": "The Danube rises in the Alps near Zurich, according to a 1998 survey.",
    "q3": "She won the Nobel Prize in Medicine in 1925 together with Albert Schweitzer.",
    "q4": "Python was created by James Gosling at Sun Microsystems in 1995.",
}

CONFIG = """version: 1
providers:
  app: {type: echo}
prompts:
  qa: qa.j2
datasets:
  qa: qa.jsonl
suites:
  - {name: qa, prompt: qa, dataset: qa, provider: app, metrics: [exact_match]}
hallucination:
  detector: grounding
  suites: [qa]
  context: "{{ context }}"
  max_rate: MAX_RATE
  max_increase: 0.05
"""


def record(item_id: str, side: str, output: str, sample: int = 0, error: str | None = None, many: int = 1) -> dict:
    inputs = {"id": item_id, "context": CONTEXT[item_id.split("-")[0]], "question": "?"}
    return {"suite": "qa", "id": item_id, "side": side, "sample": sample, "inputs": inputs, "output": output,
            "error": error, "scores": {}, "passed": {}, "latency_s": 0.0, "prompt_tokens": None,
            "completion_tokens": None, "logprobs": None, "cached": False, "cluster": None}


def project(tmp: Path, records: list[dict], max_rate: float = 0.5, extra: str = "") -> Path:
    (tmp / "lmgate.yaml").write_text(CONFIG.replace("MAX_RATE", str(max_rate)) + extra)
    (tmp / "qa.j2").write_text("{{ question }}")
    (tmp / "qa.jsonl").write_text(json.dumps({"id": "q1", "question": "?"}) + "\n")
    results = tmp / ".lmgate" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "eval-items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return tmp


def many(n: int, side: str, invented_every: int | None) -> list[dict]:
    """n items cycling over the four contexts; every `invented_every`-th answer invents facts."""
    out = []
    for i in range(n):
        key = f"q{i % 4 + 1}"
        bad = invented_every is not None and i % invented_every == 0
        out.append(record(f"{key}-{i}", side, (INVENTED if bad else GROUNDED)[key]))
    return out
