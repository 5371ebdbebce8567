"""Hand-built eval-items.jsonl records (the shape in docs/contracts.md) for the stats tests."""

from __future__ import annotations

import random
from typing import Any


def record(item_id: Any, side: str, *, passed: bool, score: float, sample: int = 0, suite: str = "qa",
           error: str | None = None, cluster: Any = None, output: str | None = None) -> dict[str, Any]:
    return {"suite": suite, "id": item_id, "side": side, "sample": sample,
            "inputs": {"id": item_id, "q": f"q {item_id}"},
            "output": None if error else (output if output is not None else f"{side} answer {item_id}/{sample}"),
            "error": error, "scores": {} if error else {"exact_match": float(passed), "f1": score},
            "passed": {} if error else {"exact_match": passed}, "latency_s": 0.01, "prompt_tokens": 10,
            "completion_tokens": 3, "logprobs": None, "cached": side == "base", "cluster": cluster}


def make_records(n: int, *, seed: int = 0, repeats: int = 1, base: bool = True, p_base: float = 0.7,
                 p_head: float = 0.7, cluster_size: int = 0, suite: str = "qa") -> list[dict[str, Any]]:
    """Correlated base/head pairs: each item has a difficulty shared by both sides (and its cluster)."""
    rng = random.Random(seed)
    out, shared = [], 0.0
    for i in range(n):
        item_id = f"item-{i:04d}"
        cluster = f"c{i // cluster_size}" if cluster_size else None
        if cluster_size and i % cluster_size == 0:
            shared = rng.random()
        easy = 0.8 * shared + 0.2 * rng.random() if cluster_size else rng.random()
        for sample in range(repeats):
            for side, p in (("head", p_head), ("base", p_base)) if base else (("head", p_head),):
                ok = easy < p if rng.random() < 0.85 else rng.random() < p
                out.append(record(item_id, side, passed=ok, score=round(min(1.0, max(0.0, easy + rng.gauss(0, .1))), 6),
                                  sample=sample, suite=suite, cluster=cluster))
    return out
