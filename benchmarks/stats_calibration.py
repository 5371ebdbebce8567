"""Calibration of lmgate's paired statistics on simulated evals with known effects.

Each simulation builds eval-items.jsonl records for a base and a head side and runs them through
`summarize_suite`, exactly as `lmgate eval` does, then checks the verdict against the truth:
- coverage: the share of 95% intervals of head − base that contain the true difference (target 0.94–0.96);
- false regressions under no effect, with 3 repeats per item and clusters of 5 items sharing a
  passage (target ≤ 0.05), next to what ignoring the clusters would give;
- power at the MDE: with a true drop equal to the suite's minimum detectable effect, the share of
  runs flagged as a regression (≈ 0.8).
Prints one JSON line (~1–2 min for 1,000 simulations). Run: .venv/bin/python benchmarks/stats_calibration.py
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time

from lmgate.eval.compare import MetricMeta, summarize_suite
from lmgate.eval.distributions import t_ppf

SCORE, PASS = MetricMeta("score", "score"), MetricMeta("pass", "pass_fail")


def records(rng: random.Random, n: int, effect: float, *, repeats: int = 1, cluster: int = 0,
            noise: float = 0.15) -> list[dict]:
    """Item difficulty shared by both sides (that is what pairing exploits), cluster effects shared by
    the items of one passage, sample noise per call; the head is shifted by `effect`."""
    out, shared, cluster_drift = [], 0.0, {"head": 0.0, "base": 0.0}
    for i in range(n):
        if cluster and i % cluster == 0:  # a passage: its items share a level, and a per-side drift
            shared = rng.gauss(0, 0.2)
            cluster_drift = {"head": rng.gauss(0, 0.08), "base": rng.gauss(0, 0.08)}
        level = 0.6 + shared + rng.gauss(0, 0.15)
        for side, shift in (("head", effect), ("base", 0.0)):
            drift = rng.gauss(0, 0.1) + cluster_drift[side]
            for s in range(repeats):
                score = level + shift + drift + rng.gauss(0, noise)
                out.append({"suite": "s", "id": f"i{i}", "side": side, "sample": s, "error": None,
                            "scores": {"score": score, "pass": float(score > 0.6)}, "passed": {"pass": score > 0.6},
                            "cluster": f"c{i // cluster}" if cluster else None})
    return out




def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = time.perf_counter()
    n, sims = 200, args.sims
    # per-item difference d_i = effect + (drift_h − drift_b) + mean sample noise difference
    sd_d = math.sqrt(2 * 0.1 ** 2 + 2 * 0.15 ** 2)
    true_mde = (t_ppf(0.975, n - 1) + t_ppf(0.8, n - 1)) * sd_d / math.sqrt(n)
    covered = regressions = naive_regressions = pass_regressions = detected = 0
    mdes = []
    for _ in range(sims):
        effect = rng.uniform(-0.05, 0.05)
        diff = summarize_suite("s", records(rng, n, effect), [SCORE], {})["metrics"][0]["diff"]
        covered += diff["ci_low"] <= effect <= diff["ci_high"]

        null = records(rng, n, 0.0, repeats=3, cluster=5)
        clustered = summarize_suite("s", null, [SCORE, PASS], {}, repeats=3)["metrics"]
        regressions += clustered[0]["change"] == "regression"
        pass_regressions += clustered[1]["change"] == "regression"
        naive = summarize_suite("s", [{**r, "cluster": None} for r in null], [SCORE], {}, repeats=3)["metrics"][0]
        naive_regressions += naive["change"] == "regression"

        drop = summarize_suite("s", records(rng, n, -true_mde), [SCORE], {})["metrics"][0]
        detected += drop["change"] == "regression"
        mdes.append(drop["diff"]["mde"])
    print(json.dumps({
        "simulations": sims, "items": n,
        "coverage_95": round(covered / sims, 4),
        "false_regression_rate_clustered_repeats": round(regressions / sims, 4),
        "false_regression_rate_pass_fail_clustered": round(pass_regressions / sims, 4),
        "false_regression_rate_if_clusters_ignored": round(naive_regressions / sims, 4),
        "power_at_mde": round(detected / sims, 4),
        "true_mde": round(true_mde, 5), "mean_reported_mde": round(sum(mdes) / sims, 5),
        "seconds": round(time.perf_counter() - start, 2)}))


if __name__ == "__main__":
    main()
