"""The statistics: exact likelihoods, error rates under repeated looks, and the simulation CLI."""

from __future__ import annotations

import json
import math
import random
import subprocess

import pytest
from scipy import stats as sps

from lmgate.canary.simulate import Scenario, binomial, simulate
from lmgate.canary.stats import FACTORS, RateTest, ScoreTest, rate_increments, rho


def test_rate_increment_is_the_binomial_likelihood_ratio():
    bad_c, n_c, bad_s, n_s = 7, 300, 20, 1700
    r_c = n_c / (n_c + n_s)
    got = rate_increments(bad_c, n_c, bad_s, n_s, 1.0, [1.5])[0]
    b = bad_c + bad_s
    want = sps.binom.logpmf(bad_c, b, rho(1.5, r_c)) - sps.binom.logpmf(bad_c, b, rho(1.0, r_c))
    assert got == pytest.approx(want, rel=1e-9)
    assert rate_increments(0, 0, 5, 100, 1.0, FACTORS) == [0.0] * len(FACTORS)  # no exposure, no evidence


def test_e_process_stays_below_one_over_alpha_under_the_null_however_often_it_looks():
    rng, alarms, runs = random.Random(3), 0, 300
    for _ in range(runs):
        test = RateTest(1.0, 1.25, bounds=False)
        for tick in range(200):  # 200 looks, the weight moving as in a rollout
            w = (0.05, 0.25, 0.5)[min(2, tick // 40)]
            n_c = binomial(rng, 1000, w)
            test.update(binomial(rng, n_c, 0.05), n_c, binomial(rng, 1000 - n_c, 0.05), 1000 - n_c)
            if test.harm_evidence() >= 20:
                alarms += 1
                break
    assert alarms / runs <= 0.05 + 2 * math.sqrt(0.05 * 0.95 / runs)


def test_upper_bound_and_non_inferiority_under_no_harm():
    rng, test = random.Random(4), RateTest(1.0, 1.25)
    for _ in range(60):
        test.update(binomial(rng, 1000, 0.05), 1000, binomial(rng, 1000, 0.05), 1000)
    assert test.ni_evidence() >= 20
    assert test.upper_bound(20) <= 1.25
    assert RateTest(1.0, 1.25, logs=json.loads(json.dumps(test.to_json()))).ni_evidence() == test.ni_evidence()


def test_msprt_detects_a_score_drop_and_bounds_no_change():
    rng = random.Random(5)

    def side(mean: float, n: int) -> tuple[float, float, int]:
        xs = [min(1.0, max(0.0, rng.gauss(mean, 0.15))) for _ in range(n)]
        return sum(xs), sum(x * x for x in xs), n

    worse, same = ScoreTest(0.05), ScoreTest(0.05)
    for _ in range(20):
        worse.update(side(0.70, 200), side(0.80, 200))
        same.update(side(0.80, 200), side(0.80, 200))
    assert worse.harm_evidence() >= 20 and worse.estimate() < -0.05
    assert same.harm_evidence() < 20 and same.lower_bound(20) > -0.05


def test_simulation_meets_the_acceptance_targets_on_fewer_runs():
    aa = simulate(300, Scenario(harm=1.0), seed=11)
    harm = simulate(200, Scenario(harm=1.5), seed=11)
    naive = simulate(200, Scenario(harm=1.0), seed=11, policy="naive")
    assert aa["rollback_rate"] <= 0.05 + 2 * math.sqrt(0.05 * 0.95 / 300)
    assert aa["promote_rate"] >= 0.9
    assert harm["rollback_rate"] >= 0.9 and harm["median_requests_to_decision"] > 0
    assert naive["rollback_rate"] > 0.2  # the inflation the e-process avoids


def test_simulate_command_prints_one_json_object(lmgate_exe):
    out = subprocess.run([*lmgate_exe, "canary", "simulate", "--runs", "50", "--harm", "1.5", "--seed", "2",
                          "--policy", "kayenta", "--format", "json"], capture_output=True, text=True, check=True)
    body = json.loads(out.stdout)
    assert {"runs", "rollback_rate", "promote_rate", "hold_rate", "median_requests_to_decision"} <= set(body)
    assert body["runs"] == 50 and body["policy"] == "kayenta"
    assert body["rollback_rate"] + body["promote_rate"] + body["hold_rate"] == pytest.approx(1.0)
    bad = subprocess.run([*lmgate_exe, "canary", "simulate", "--runs", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--runs must be 1 to 100,000" in bad.stderr
