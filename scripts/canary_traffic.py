"""Seeded request traffic for the quickstart's canary, and the canary demo that uses it.

`generate` writes examples/quickstart/logs/requests.jsonl (the shipped, small log);
`demo` copies the quickstart to a temporary folder, starts a canary of the head version and
alternates "serve a batch of simulated requests at the current weight" with `lmgate canary tick`
until the rollout is decided, then prints the timeline. The quickstart's steps end with an
approval step, so the scheduled ticks stop at 50 % and wait; the demo then plays the person and
runs `lmgate canary approve` (in GitHub Actions that is a reviewer-approved manual run).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = ROOT / "examples" / "quickstart"
STABLE, CANDIDATE = "v1", "v2"
RATES = {"error": 0.03, "hallucination": 0.08, "slow": 0.05}


def records(rng: random.Random, n: int, weight: float, start: float, harm: float = 1.0):
    for i in range(n):
        canary = rng.random() < weight / 100.0
        k = harm if canary else 1.0
        slow = rng.random() < RATES["slow"] * k
        yield {"ts": round(start + i * 0.5, 3), "version": CANDIDATE if canary else STABLE,
               "latency_ms": round(rng.uniform(1600, 4000) if slow else rng.uniform(150, 1400)),
               "error": rng.random() < RATES["error"] * k,
               "hallucination": rng.random() < RATES["hallucination"] * k,
               "feedback": rng.choice(("up", "up", "up", "down", None)),
               "eval_score": round(min(1.0, max(0.0, rng.gauss(0.8, 0.1))), 3)}


def append(log: Path, rng: random.Random, n: int, weight: float, start: float, harm: float) -> float:
    with open(log, "a", encoding="utf-8") as fh:
        for rec in records(rng, n, weight, start, harm):
            fh.write(json.dumps(rec) + "\n")
    return start + n * 0.5


def generate(path: Path, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("")
    append(path, random.Random(seed), 1200, 20.0, 1_790_000_000.0, 1.0)


def demo(harm: float, seed: int, batch: int, max_ticks: int) -> int:
    lmgate = [sys.executable, "-m", "lmgate"]
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "quickstart"
        shutil.copytree(QUICKSTART, repo, ignore=shutil.ignore_patterns(".lmgate", "__pycache__"))
        log, clock = repo / "logs" / "requests.jsonl", 1_790_001_000.0
        subprocess.run([*lmgate, "canary", "start", "--candidate", CANDIDATE], cwd=repo, check=True)
        for _ in range(max_ticks):
            weight = float((yaml.safe_load((repo / "deploy" / "routing.yaml").read_text())["canary"] or {})
                           .get("weight") or 0)
            clock = append(log, rng, batch, weight, clock, harm)
            out = subprocess.run([*lmgate, "canary", "tick", "--format", "json"], cwd=repo, capture_output=True,
                                 text=True, check=False)
            body = json.loads(out.stdout)
            print(f"tick at {weight:g}%: {body['decision']['action']} — {body['decision']['reason']}")
            if body["decision"].get("awaiting_approval"):
                out = subprocess.run([*lmgate, "canary", "approve", "--format", "json"], cwd=repo,
                                     capture_output=True, text=True, check=False)
                body = json.loads(out.stdout)
                print(f"approve at {weight:g}%: {body['decision']['action']} — {body['decision']['reason']}")
            if body["state"] in ("promoted", "rolled_back"):
                break
        print("\ntimeline:")
        for t in body["timeline"]:
            print(f"  {t['weight']:>5g}%  {t['action']:<8} {t['reason']}")
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--out", type=Path, default=QUICKSTART / "logs" / "requests.jsonl")
    g.add_argument("--seed", type=int, default=8)
    d = sub.add_parser("demo")
    d.add_argument("--harm", type=float, default=1.0, help="the candidate's bad-event rates ÷ stable's")
    d.add_argument("--seed", type=int, default=8)
    d.add_argument("--batch", type=int, default=3000, help="requests served between ticks")
    d.add_argument("--max-ticks", type=int, default=40)
    args = parser.parse_args()
    if args.cmd == "generate":
        generate(args.out, args.seed)
        return 0
    return demo(args.harm, args.seed, args.batch, args.max_ticks)


if __name__ == "__main__":
    raise SystemExit(main())
