"""Seeded rollouts with known per-version error rates, decided by the real rule (`decide`).

Each tick sends `requests_per_tick` requests, each routed to the canary with probability
weight/100 (as LiteLLM does: random pick, no stickiness), and fails with the version's rate.
Three policies see the same traffic: `e-process` (ours), `naive` (a fixed error-rate threshold on
every tick's window, like Argo/Flagger) and `kayenta` (a fixed-horizon one-sided two-proportion
test on the step's data, rerun at every tick).
"""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass

from lmgate.canary.decide import Plan, Progress, Verdict, decide
from lmgate.canary.stats import RateTest

POLICIES = ("e-process", "naive", "kayenta")


@dataclass(frozen=True)
class Scenario:
    harm: float = 1.0
    base_rate: float = 0.05
    requests_per_tick: int = 2000
    steps: tuple[float, ...] = (5.0, 25.0, 50.0)
    min_requests: int = 1000
    max_ticks: int = 150
    alpha: float = 0.05
    margin: float = 1.25
    naive_factor: float = 1.5        # naive: roll back when a tick's canary error rate > base_rate × this


def binomial(rng: random.Random, n: int, p: float) -> int:
    if n <= 0 or p <= 0.0:
        return 0
    mean = n * p
    if mean >= 30:  # normal approximation; the counts involved are large enough for it
        return max(0, min(n, round(rng.gauss(mean, math.sqrt(mean * (1.0 - p))))))
    q, k, u = 1.0 - p, 0, rng.random()
    pk = q ** n
    cdf = pk
    while u > cdf and k < n:
        pk *= (n - k) / (k + 1) * p / q
        k += 1
        cdf += pk
    return k


def one_rollout(rng: random.Random, sc: Scenario, policy: str) -> tuple[str, int, int, int]:
    """(outcome, total requests, canary requests, ticks) of one simulated rollout."""
    plan = Plan(steps=sc.steps, min_requests=sc.min_requests, max_duration_s=float(sc.max_ticks))
    test = RateTest(1.0, sc.margin, bounds=False)
    threshold = 1.0 / sc.alpha
    z_crit = 1.6448536269514722  # one-sided 5 %: what a fixed-horizon test uses at every look
    step = step_req = total = canary = 0
    step_bad = [0, 0, 0, 0]
    for tick in range(1, sc.max_ticks + 1):
        n_c = binomial(rng, sc.requests_per_tick, sc.steps[step] / 100.0)
        n_s = sc.requests_per_tick - n_c
        bad_c, bad_s = binomial(rng, n_c, sc.base_rate * sc.harm), binomial(rng, n_s, sc.base_rate)
        total, canary, step_req = total + sc.requests_per_tick, canary + n_c, step_req + n_c
        step_bad = [step_bad[0] + bad_c, step_bad[1] + n_c, step_bad[2] + bad_s, step_bad[3] + n_s]
        if policy == "e-process":
            test.update(bad_c, n_c, bad_s, n_s)
            alarm, ni = test.harm_evidence() >= threshold, test.ni_evidence() >= threshold
        elif policy == "naive":
            alarm, ni = n_c > 0 and bad_c / n_c > sc.base_rate * sc.naive_factor, True
        else:
            alarm, ni = _z(*step_bad) > z_crit, True
        verdict = Verdict("errors", alarm=alarm, non_inferior=ni, detail="")
        d = decide(plan, Progress(step, step_req, 0.0, float(tick)), [verdict])
        if d.action == "advance":
            step, step_req, step_bad = step + 1, 0, [0, 0, 0, 0]
        elif d.action in ("promote", "rollback"):
            return d.action, total, canary, tick
    return "hold", total, canary, sc.max_ticks


def _z(bad_c: int, n_c: int, bad_s: int, n_s: int) -> float:
    if n_c == 0 or n_s == 0:
        return 0.0
    pooled = (bad_c + bad_s) / (n_c + n_s)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n_c + 1.0 / n_s)) or 1.0
    return (bad_c / n_c - bad_s / n_s) / se


def simulate(runs: int, scenario: Scenario, seed: int, policy: str = "e-process") -> dict:
    rng = random.Random(f"{seed}:{policy}:{scenario.harm}")
    outcomes = [one_rollout(rng, scenario, policy) for _ in range(runs)]
    decided = [o for o in outcomes if o[0] != "hold"]

    def rate(kind: str) -> float:
        return round(sum(o[0] == kind for o in outcomes) / runs, 4)

    def median(i: int) -> float | None:
        return statistics.median(o[i] for o in decided) if decided else None

    return {"policy": policy, "runs": runs, "harm": scenario.harm, "seed": seed, "alpha": scenario.alpha,
            "rollback_rate": rate("rollback"), "promote_rate": rate("promote"), "hold_rate": rate("hold"),
            "median_requests_to_decision": median(1), "median_canary_requests_to_decision": median(2),
            "median_ticks_to_decision": median(3),
            "scenario": {"base_rate": scenario.base_rate, "requests_per_tick": scenario.requests_per_tick,
                         "steps": list(scenario.steps), "min_requests": scenario.min_requests,
                         "max_ticks": scenario.max_ticks, "margin": scenario.margin,
                         "naive_threshold": scenario.base_rate * scenario.naive_factor}}
