"""Paired bootstrap for metrics that are not means of item scores (corpus BLEU, F1 over a set).

Resamples items (or whole clusters) with a fixed seed, so the interval in the PR comment does not
change from run to run, and both sides are recomputed on the same resample: the pairing is what
makes the interval of the difference tight. One pass yields head, base and difference replicates.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

from lmgate.eval.distributions import normal_ppf
from lmgate.eval.stats import POWER, Comparison, Estimate, bootstrap, percentile, percentile_p_value

Statistic = Callable[[Sequence[int]], float]


def replicates(units: Sequence[Sequence[int]], *stats: Statistic, n_boot: int = 1000,
               seed: int = 0) -> list[list[float]]:
    """One list of replicates per statistic, all computed on the same resamples."""
    reps = bootstrap(units, lambda idx: tuple(stat(idx) for stat in stats), n_boot=n_boot, seed=seed)
    return [[r[i] for r in reps] for i in range(len(stats))]


def estimate_from(observed: float, reps: Sequence[float] | None, n: int, alpha: float = 0.05) -> Estimate:
    if not reps or len(reps) < 2:
        return Estimate(observed, None, None, None, n)
    return Estimate(observed, statistics.stdev(reps), percentile(reps, alpha / 2), percentile(reps, 1 - alpha / 2), n)


def compare_from(observed: float, reps: Sequence[float] | None, n: int, alpha: float = 0.05) -> Comparison:
    """head − base with a percentile interval, and the p-value that inverts it (so p < α ⇔ it excludes 0)."""
    if not reps or len(reps) < 2:
        return Comparison(observed, None, None, None, "bootstrap", None, n)
    p = percentile_p_value(reps)
    detectable = (normal_ppf(1 - alpha / 2) + normal_ppf(POWER)) * statistics.stdev(reps)
    return Comparison(observed, percentile(reps, alpha / 2), percentile(reps, 1 - alpha / 2), p, "bootstrap",
                      detectable, n)


def bootstrap_compare(units: Sequence[Sequence[int]], head: Statistic, base: Statistic, observed: float, *,
                      alpha: float = 0.05, n_boot: int = 1000, seed: int = 0) -> Comparison:
    n = sum(len(u) for u in units)
    if len(units) < 2:
        return compare_from(observed, None, n, alpha)
    h, b = replicates(units, head, base, n_boot=n_boot, seed=seed)
    return compare_from(observed, [x - y for x, y in zip(h, b, strict=True)], n, alpha)
