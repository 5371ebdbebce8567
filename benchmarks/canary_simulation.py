"""Canary decision quality over seeded simulated rollouts (1,000 each).

Under no harm (A/A) the rollback rate of our e-process (target ≤ α = 0.05) next to a naive
"fixed threshold every tick" policy and a Kayenta-style "fixed-horizon test every tick" policy
fed the same kind of traffic; under a 1.5× error-rate harm the detection rate (target ≥ 0.9) and
the median requests to the decision. Prints one JSON line.
Run: .venv/bin/python benchmarks/canary_simulation.py [--runs 1000] [--seed 8]
"""

from __future__ import annotations

import argparse
import json
import time

from lmgate.canary.simulate import POLICIES, Scenario, simulate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    started = time.perf_counter()
    figures: dict = {"runs": args.runs, "seed": args.seed, "alpha": Scenario().alpha}
    for label, harm in (("aa", 1.0), ("harm_1_5x", 1.5)):
        for policy in POLICIES:
            r = simulate(args.runs, Scenario(harm=harm), args.seed, policy)
            figures[f"{label}.{policy}"] = {k: r[k] for k in (
                "rollback_rate", "promote_rate", "hold_rate", "median_requests_to_decision",
                "median_canary_requests_to_decision")}
            figures["scenario"] = r["scenario"]
    ours = figures["aa.e-process"]["rollback_rate"], figures["harm_1_5x.e-process"]["rollback_rate"]
    figures["targets_met"] = {"aa_rollback_le_alpha": ours[0] <= Scenario().alpha, "detection_ge_0_9": ours[1] >= 0.9}
    figures["wall_s"] = round(time.perf_counter() - started, 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
