"""The statistics against scipy/statsmodels on random data (test-only references)."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sp
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar

from lmgate.eval import distributions as dist
from lmgate.eval import stats
from lmgate.eval.corpus import bootstrap_compare


def test_distributions_match_scipy():
    r = random.Random(7)
    for _ in range(400):
        df = r.choice([1, 2, 3, 4, 7, 19, 60, 500, r.uniform(1, 300)])
        p = r.uniform(0.0005, 0.9995)
        assert dist.t_ppf(p, df) == pytest.approx(sp.t.ppf(p, df), rel=1e-9, abs=1e-9)
        x = r.uniform(-12, 12)
        assert dist.t_sf(x, df) == pytest.approx(sp.t.sf(x, df), rel=1e-8, abs=1e-14)
        assert dist.normal_ppf(p) == pytest.approx(sp.norm.ppf(p), rel=1e-12, abs=1e-12)
        n = r.randint(1, 4000)
        k = r.randint(0, n)
        q = r.choice([0.5, r.random()])
        assert dist.binom_cdf(k, n, q) == pytest.approx(sp.binom.cdf(k, n, q), rel=1e-8, abs=1e-14)


@pytest.mark.parametrize("seed", range(5))
def test_paired_t_interval_and_p_match_scipy(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 300))
    base = rng.normal(0.6, 0.2, n)
    head = base + rng.normal(0.03, 0.1, n)
    got = stats.paired_t(head.tolist(), base.tolist())
    ref = sp.ttest_rel(head, base)
    ci = ref.confidence_interval(0.95)
    assert got.mean == pytest.approx(float(np.mean(head - base)), rel=1e-12)
    assert got.p_value == pytest.approx(ref.pvalue, rel=1e-8)
    assert (got.ci_low, got.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-9)
    assert got.test == "paired_t"


def test_estimate_matches_scipy_sem_and_t_interval():
    rng = np.random.default_rng(3)
    values = rng.binomial(1, 0.7, 123).astype(float)
    est = stats.estimate(values.tolist())
    assert est.se == pytest.approx(sp.sem(values), rel=1e-12)
    low, high = sp.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=sp.sem(values))
    assert (est.ci_low, est.ci_high) == pytest.approx((low, high), rel=1e-10)
    assert stats.estimate([0.5]).se is None and stats.estimate([]).mean is None


@pytest.mark.parametrize("b,c", [(0, 0), (1, 0), (5, 0), (6, 0), (3, 9), (17, 30), (120, 95), (400, 460)])
def test_mcnemar_exact_matches_statsmodels(b, c):
    table = [[50, b], [c, 40]]
    ref = sm_mcnemar(table, exact=True).pvalue
    assert stats.mcnemar_exact(b, c) == pytest.approx(ref, rel=1e-9)
    # one-sided: P(X >= b) for a regression when b pass→fail outnumber c fail→pass
    if b + c:
        assert stats.mcnemar_exact(b, c, "greater") == pytest.approx(sp.binomtest(b, b + c, 0.5, "greater").pvalue)
    assert stats.mcnemar_min_n(0.05) == 6


@pytest.mark.parametrize("seed", range(4))
def test_clustered_se_matches_statsmodels_cluster_robust_ols(seed):
    rng = np.random.default_rng(seed)
    g = int(rng.integers(4, 40))
    sizes = rng.integers(1, 8, g)
    groups = np.repeat(np.arange(g), sizes)
    effect = rng.normal(0, 0.3, g)[groups]
    y = 0.5 + effect + rng.normal(0, 0.2, len(groups))
    fit = sm.OLS(y, np.ones(len(y))).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    mean, se, df = stats.mean_se(y.tolist(), groups.tolist())
    assert mean == pytest.approx(fit.params[0], rel=1e-12)
    assert se == pytest.approx(fit.bse[0], rel=1e-9)
    assert df == g - 1
    # the doc's direct formula, without the small-sample factor G/(G-1)
    resid = y - y.mean()
    direct = math.sqrt(sum(resid[groups == c].sum() ** 2 for c in range(g)) / len(y) ** 2)
    assert se == pytest.approx(direct * math.sqrt(g / (g - 1)), rel=1e-12)
    est = stats.estimate(y.tolist(), groups.tolist())
    low, high = fit.conf_int(0.05)[0]
    assert (est.ci_low, est.ci_high) == pytest.approx((low, high), rel=1e-9)


def test_mde_matches_the_power_of_a_t_test():
    from statsmodels.stats.power import TTestPower

    se, n = 0.02, 400
    got = stats.mde(se, n - 1)
    assert got == pytest.approx((sp.t.ppf(0.975, n - 1) + sp.t.ppf(0.8, n - 1)) * se, rel=1e-10)
    assert got == pytest.approx(2.80 * se, rel=0.01)  # the doc's (1.96 + 0.84)·sd/√n
    sd = se * math.sqrt(n)
    assert TTestPower().power(got / sd, nobs=n, alpha=0.05) == pytest.approx(0.8, abs=0.01)
    assert stats.mde(None, 3) is None


def test_two_proportion_matches_statsmodels():
    from statsmodels.stats.proportion import proportions_ztest

    for x1, n1, x2, n2 in [(30, 200, 18, 210), (5, 50, 5, 50), (90, 100, 70, 100)]:
        z, p = stats.two_proportion(x1, n1, x2, n2)
        rz, rp = proportions_ztest([x1, x2], [n1, n2])
        assert (z, p) == pytest.approx((rz, rp), rel=1e-9)
        _, p1 = stats.two_proportion(x1, n1, x2, n2, "greater")
        assert p1 == pytest.approx(proportions_ztest([x1, x2], [n1, n2], alternative="larger")[1], rel=1e-9)


def test_paired_bootstrap_is_seeded_and_covers_the_difference():
    rng = np.random.default_rng(11)
    base = rng.binomial(1, 0.5, 300).tolist()
    head = [b if rng.random() < 0.8 else 1 - b for b in base]
    units = [[i] for i in range(300)]

    def rate(values):
        return lambda idx: sum(values[i] for i in idx) / len(idx)

    observed = rate(head)(range(300)) - rate(base)(range(300))
    one = bootstrap_compare(units, rate(head), rate(base), observed, n_boot=500, seed=5)
    again = bootstrap_compare(units, rate(head), rate(base), observed, n_boot=500, seed=5)
    other = bootstrap_compare(units, rate(head), rate(base), observed, n_boot=500, seed=6)
    assert one == again and one != other
    assert one.ci_low < observed < one.ci_high
    # for a mean, the bootstrap SE agrees with the paired t SE within bootstrap noise
    t = stats.paired_t([float(h) for h in head], [float(b) for b in base])
    assert (one.ci_high - one.ci_low) == pytest.approx(t.ci_high - t.ci_low, rel=0.15)
    clustered = bootstrap_compare([list(range(i, i + 3)) for i in range(0, 300, 3)], rate(head), rate(base),
                                  observed, n_boot=200, seed=5)
    assert clustered.test == "bootstrap" and clustered.n == 300


@settings(max_examples=300, deadline=None)
@given(reps=st.lists(st.floats(-1, 1, allow_nan=False).map(lambda x: round(x, 3)), min_size=2, max_size=60),
       alpha=st.sampled_from([0.01, 0.05, 0.1, 0.3]))
def test_bootstrap_p_value_inverts_the_percentile_interval(reps, alpha):
    """The bootstrap's p is the smallest α whose percentile interval excludes 0 (it was a share of
    replicates + 1, which could disagree with the interval shown beside it)."""
    low, high = stats.percentile(reps, alpha / 2), stats.percentile(reps, 1 - alpha / 2)
    assert (low > 0 or high < 0) == (stats.percentile_p_value(reps) < alpha)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 60), shift=st.floats(-1, 1))
def test_paired_t_interval_excludes_zero_exactly_when_p_is_below_alpha(seed, n, shift):
    rng = random.Random(seed)
    base = [rng.random() for _ in range(n)]
    head = [b + shift + rng.gauss(0, 0.3) for b in base]
    d = stats.paired_t(head, base)
    assert (d.ci_low > 0 or d.ci_high < 0) == (d.p_value < 0.05)
    assert stats.change_label(d, True) == ("within_noise" if d.p_value >= 0.05 else
                                           "improvement" if d.mean > 0 else "regression")
    assert stats.change_label(d, False) in ("within_noise", "improvement" if d.mean < 0 else "regression")
