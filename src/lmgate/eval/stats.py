"""Error bars and paired comparisons for evals (Miller 2024, "Adding Error Bars to Evals").

Every function takes per-item values already averaged over repeats, in a fixed order (sorted by
item id), so sharded and unsharded runs give bit-identical numbers. `clusters`, when given,
labels each item's cluster: the SE then uses cluster sums of residuals with the CR1 factor
G/(G-1) and t with G-1 degrees of freedom (what statsmodels' cluster-robust OLS does), because
items sharing a passage are not independent and plain SEs would be too narrow.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from lmgate.eval.distributions import binom_cdf, normal_cdf, t_ppf, t_sf

POWER = 0.8
T = TypeVar("T")


@dataclass(frozen=True)
class Estimate:
    mean: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    df: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"mean": self.mean, "se": self.se, "ci_low": self.ci_low, "ci_high": self.ci_high, "n": self.n}


@dataclass(frozen=True)
class Comparison:
    """head − base: the paired mean difference, its interval, p-value and the suite's MDE."""

    mean: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    test: str
    mde: float | None
    n: int

    def to_json(self) -> dict[str, Any]:
        return {"mean": self.mean, "ci_low": self.ci_low, "ci_high": self.ci_high, "p_value": self.p_value,
                "test": self.test, "mde": self.mde}


# The one vocabulary for a change (eval.json's `change`, and the words every output shows for it)
CHANGE_WORDS = {"improvement": "improved", "regression": "regressed", "within_noise": "within noise"}


def change_label(diff: Comparison | dict[str, Any] | None, higher_is_better: bool, alpha: float = 0.05) -> str | None:
    """improvement / regression / within_noise, decided by the comparison's own test (p < α).

    Every comparison's interval inverts its test (paired t; exact McNemar through
    `mcnemar_interval`; the bootstrap through `percentile_p_value`), so the label always agrees
    with whether the interval shown excludes 0.
    """
    if diff is None:
        return None
    mean, p = (diff.get("mean"), diff.get("p_value")) if isinstance(diff, dict) else (diff.mean, diff.p_value)
    if mean is None:
        return None  # no item was in both sides: nothing was compared, so not even noise was seen
    if p is None or not p < alpha or mean == 0:
        return "within_noise"
    return "improvement" if (mean > 0) == bool(higher_is_better) else "regression"


def mean_se(values: Sequence[float], clusters: Sequence[Hashable] | None = None) -> tuple[float, float | None, float]:
    """(mean, standard error, degrees of freedom); SE is None when it cannot be estimated."""
    n = len(values)
    mean = math.fsum(values) / n
    if clusters is None:
        if n < 2:
            return mean, None, n - 1
        return mean, math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n * (n - 1))), n - 1
    sums: dict[Hashable, list[float]] = {}
    for v, c in zip(values, clusters, strict=True):
        sums.setdefault(c, []).append(v - mean)
    g = len(sums)
    if g < 2:
        return mean, None, 0
    var = math.fsum(math.fsum(r) ** 2 for r in sums.values()) / n ** 2 * g / (g - 1)
    return mean, math.sqrt(var), g - 1


def estimate(values: Sequence[float], clusters: Sequence[Hashable] | None = None, alpha: float = 0.05) -> Estimate:
    if not values:
        return Estimate(None, None, None, None, 0)
    mean, se, df = mean_se(values, clusters)
    if se is None:
        return Estimate(mean, None, None, None, len(values), None)
    half = t_ppf(1 - alpha / 2, df) * se
    return Estimate(mean, se, mean - half, mean + half, len(values), df)


def mde(se: float | None, df: float | None, alpha: float = 0.05, power: float = POWER) -> float | None:
    """Smallest true difference a two-sided test at `alpha` detects with probability `power`."""
    if se is None or not df:
        return None
    return (t_ppf(1 - alpha / 2, df) + t_ppf(power, df)) * se


def paired_t(head: Sequence[float], base: Sequence[float], clusters: Sequence[Hashable] | None = None,
             alpha: float = 0.05) -> Comparison:
    diffs = [h - b for h, b in zip(head, base, strict=True)]
    est = estimate(diffs, clusters, alpha)
    if est.mean is None or est.se is None:
        return Comparison(est.mean, None, None, None, "paired_t", None, est.n)
    if est.se == 0:  # every item moved by exactly the same amount
        return Comparison(est.mean, est.mean, est.mean, 1.0 if est.mean == 0 else 0.0, "paired_t", 0.0, est.n)
    p = min(1.0, 2 * t_sf(abs(est.mean) / est.se, est.df))
    return Comparison(est.mean, est.ci_low, est.ci_high, p, "paired_t", mde(est.se, est.df, alpha), est.n)


def mcnemar_exact(b: int, c: int, alternative: str = "two-sided") -> float:
    """Exact McNemar p-value from the discordant pairs b (pass→fail) and c (fail→pass).

    "greater" tests whether pass→fail outnumbers fail→pass (a regression), "less" the reverse.
    """
    if alternative == "greater":
        return 1.0 - binom_cdf(b - 1, b + c, 0.5)
    if alternative == "less":
        return binom_cdf(b, b + c, 0.5)
    return min(1.0, 2 * binom_cdf(min(b, c), b + c, 0.5))


def mcnemar_interval(b: int, c: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """The interval for the paired difference (c − b)/n that inverts the exact McNemar test.

    Given the m = b + c discordant pairs, b ~ Binomial(m, π) and the test rejects π = 1/2. The
    Clopper–Pearson interval for π at level α excludes 1/2 exactly when that test's p < α; mapped
    through (c − b)/n = m(1 − 2π)/n it excludes 0 exactly then too. (The paired t interval beside
    an exact p-value could exclude 0 at p = 0.0625, which is how "within noise" met [−0.094, −0.007].)
    The bisection brackets start on the side of 1/2 that the test's own decision names, so the two
    can never disagree through rounding.
    """
    m = b + c
    if m == 0 or n <= 0:
        return 0.0, 0.0
    reject = mcnemar_exact(b, c) < alpha
    tail = alpha / 2
    # π_low solves P(X ≥ b | π) = α/2 (increasing in π); π_high solves P(X ≤ b | π) = α/2 (decreasing)
    low = 0.0 if b == 0 else _bisect(lambda q: tail - (1.0 - binom_cdf(b - 1, m, q)),
                                     *((0.5, 1.0) if reject and b > c else (0.0, 0.5)))
    high = 1.0 if b == m else _bisect(lambda q: binom_cdf(b, m, q) - tail,
                                      *((0.0, 0.5) if reject and b < c else (0.5, 1.0)))
    return m * (1 - 2 * high) / n, m * (1 - 2 * low) / n


def _bisect(f: Callable[[float], float], lo: float, hi: float) -> float:
    """The root of a decreasing f inside (lo, hi), strictly inside the bracket."""
    for _ in range(80):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


def mcnemar_min_n(alpha: float = 0.05) -> int:
    """Fewest discordant pairs that can ever reach significance (6 at α 0.05)."""
    k = 1
    while mcnemar_exact(k, 0) >= alpha:
        k += 1
    return k


def two_proportion(x1: int, n1: int, x2: int, n2: int, alternative: str = "two-sided") -> tuple[float, float]:
    """Pooled two-proportion z-test of p1 − p2: returns (z, p-value); "greater" tests p1 > p2."""
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (x1 / n1 - x2 / n2) / se
    if alternative == "greater":
        return z, 1.0 - normal_cdf(z)
    if alternative == "less":
        return z, normal_cdf(z)
    return z, min(1.0, 2 * (1.0 - normal_cdf(abs(z))))


def bootstrap(units: Sequence[Sequence[int]], statistic: Callable[[list[int]], T], *, n_boot: int = 1000,
              seed: int = 0) -> list[T]:
    """Replicates of `statistic` over resampled units (items, or clusters of item indices), seeded."""
    rng = random.Random(seed)
    k = len(units)
    out = []
    for _ in range(n_boot):
        picked = [i for _ in range(k) for i in units[rng.randrange(k)]]
        out.append(statistic(picked))
    return out


def percentile_p_value(values: Sequence[float]) -> float:
    """The smallest α at which the percentile interval [percentile(α/2), percentile(1 − α/2)] of
    these bootstrap replicates excludes 0, so "p < α" ⇔ "the interval shown excludes 0"."""
    s = sorted(values)
    last = len(s) - 1
    if last < 1:
        return 1.0

    def crossing(i: int) -> float:  # where the interpolated quantile between s[i] and s[i+1] is 0
        return (i + (0.0 - s[i]) / (s[i + 1] - s[i])) / last

    # up_to: the largest q whose quantile is ≤ 0; from: the smallest q whose quantile is ≥ 0
    if s[-1] <= 0:
        up_to = 1.0
    elif s[0] > 0:
        up_to = 0.0
    else:
        up_to = crossing(max(i for i in range(last) if s[i] <= 0))
    if s[0] >= 0:
        start = 0.0
    elif s[-1] < 0:
        start = 1.0
    else:
        start = crossing(min(j for j in range(1, last + 1) if s[j] >= 0) - 1)
    return min(1.0, 2 * min(up_to, 1.0 - start))


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), q in [0, 1]."""
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)
