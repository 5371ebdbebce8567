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


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), q in [0, 1]."""
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)
