from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

CANDIDATE, STABLE = "v2", "v1"


class Traffic:
    """Appends seeded request records to a quickstart's log, at the weight the routing file shows."""

    def __init__(self, repo: Path, seed: int = 1) -> None:
        self.repo, self.rng, self.ts = repo, random.Random(seed), 1_800_000_000.0
        self.log = repo / "logs" / "requests.jsonl"
        self.served = {CANDIDATE: 0, STABLE: 0}

    def weight(self) -> float:
        doc = yaml.safe_load((self.repo / "deploy" / "routing.yaml").read_text())
        return float((doc.get("canary") or {}).get("weight") or 0)

    def serve(self, n: int, harm: float = 1.0, rate: float = 0.03, weight: float | None = None,
              slow: float = 0.0) -> None:
        """`slow`: the share of the stable's requests slower than 2 s (the canary's is `slow * harm`)."""
        w = self.weight() if weight is None else weight
        with open(self.log, "a") as fh:
            for _ in range(n):
                canary = self.rng.random() < w / 100
                k = harm if canary else 1.0
                version = CANDIDATE if canary else STABLE
                self.served[version] += 1
                self.ts += 0.5
                latency = 3000 if slow and self.rng.random() < slow * k else 300
                fh.write(json.dumps({"ts": self.ts, "version": version, "latency_ms": latency,
                                     "error": self.rng.random() < rate * k,
                                     "hallucination": self.rng.random() < 0.05 * k}) + "\n")


@pytest.fixture
def repo(quickstart) -> Path:
    """The quickstart with an empty request log and a smaller, two-metric canary config."""
    (quickstart / "logs" / "requests.jsonl").write_text("")
    text = (quickstart / "lmgate.yaml").read_text()
    head = text[: text.index("\ncanary:")]
    (quickstart / "lmgate.yaml").write_text(head + """
canary:
  backend: {type: git-file, path: deploy/routing.yaml}
  source: {type: jsonl, path: logs/requests.jsonl}
  stable: v1
  steps: [5, 25, 50, 100]
  min_requests: 200
  metrics:
    - {name: errors, field: error, margin: 1.5, must_have_data: true}
    - {name: hallucination, field: hallucination, margin: 1.5, critical: false}
  guards:
    - {metric: errors, max_rate: 0.5, min_requests: 50}
""")
    return quickstart


@pytest.fixture
def traffic(repo) -> Traffic:
    return Traffic(repo)
