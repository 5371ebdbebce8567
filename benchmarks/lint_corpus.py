"""`lmgate lint` over the whole shared corpus (../shared/data/prompts): wall time with start-up,
files/s and prompts/s (median of 5 runs), plus where the time goes (in-process: read+parse, each rule).

Prints one JSON line. Run: .venv/bin/python benchmarks/lint_corpus.py [--runs N]
The machine's load matters: `cpu_s` (user+sys of the child) is the steadier figure on a busy host,
and `reference_loop_s` (a fixed pure-Python loop, 0.30-0.45 s on this VM depending on its
neighbours) says how fast the host was while the figures were taken.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "prompts"
LMGATE = Path(sys.executable).with_name("lmgate")


def cli_run(cwd: Path) -> tuple[float, float, dict]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([str(LMGATE), "lint", str(CORPUS), "--format", "json", "--output", os.devnull],
                          cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lmgate lint exited {proc.returncode}: {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads((cwd / ".lmgate" / "results" / "lint.json").read_text())


def breakdown() -> dict:
    """Seconds spent discovering, reading+parsing, and in each default rule (one in-process pass)."""
    from lmgate.lint import engine, files
    from lmgate.lint.rules.base import LintContext
    from lmgate.lint.selection import choose
    from lmgate.lint.settings import LINT
    from lmgate.lint.tokens import count_tokens
    from lmgate.spec_validation import Context, validate

    lint = validate({}, LINT, ("lint",), Context(doc=None, env={}))
    start = time.perf_counter()
    paths = files.discover([str(CORPUS)], CORPUS, lint)
    discover = time.perf_counter() - start
    corpus = files.read_all(paths, CORPUS, {})
    parse = time.perf_counter() - start - discover
    ctx = LintContext(root=CORPUS, sources=corpus.sources, count_tokens=count_tokens, settings=lint)
    rules = {}
    for rule in choose(engine.all_rules(lint), lint):
        if rule.base_aware:
            continue
        start = time.perf_counter()
        engine.run_rules([rule], corpus.prompts, corpus.problems, ctx)
        rules[rule.code] = time.perf_counter() - start
    slowest = sorted(rules.items(), key=lambda kv: -kv[1])[:8]
    return {"discover_s": round(discover, 3), "parse_s": round(parse, 3),
            "rules_total_s": round(sum(rules.values()), 3), "slowest_rules_s": {k: round(v, 3) for k, v in slowest}}


def reference_loop() -> float:
    """Seconds of a fixed 4M-step pure-Python loop (best of 3): the host's speed at the time."""
    def once() -> float:
        start, total = time.perf_counter(), 0
        for i in range(4_000_000):
            total += i
        return time.perf_counter() - start
    return min(once() for _ in range(3))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-breakdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [cli_run(Path(tmp)) for _ in range(args.runs)]
        # the same run with no rule but the engine's own (LNT001): start-up, discovery, parsing, output
        (Path(tmp) / "lmgate.yaml").write_text("version: 1\nlint: {select: [LNT001]}\n")
        bare = [cli_run(Path(tmp)) for _ in range(args.runs)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    summary = runs[0][2]["summary"]
    figures = {
        "benchmark": "lint_corpus", "runs": args.runs, "files": summary["files"], "prompts": summary["prompts"],
        "findings": summary["errors"] + summary["warnings"] + summary["infos"],
        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "files_per_s": round(summary["files"] / wall, 1), "prompts_per_s": round(summary["prompts"] / wall, 1),
        "engine_only_wall_s": round(statistics.median(r[0] for r in bare), 3),
        "engine_only_cpu_s": round(statistics.median(r[1] for r in bare), 3),
        "target_wall_s": 3.0, "load_avg_1m": round(os.getloadavg()[0], 2),
        "reference_loop_s": round(reference_loop(), 3),
    }
    if not args.no_breakdown:
        figures.update(breakdown())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
