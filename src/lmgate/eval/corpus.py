"""Corpus metrics (BLEU, F1 over a set): one number per side, error bars by paired bootstrap.

A resample picks items (or whole clusters) with a fixed seed, so the interval in the PR comment
does not change from run to run, and both sides are recomputed on the same resample: the pairing
is what makes the interval of the difference tight (one pass yields head, base and difference
replicates). With repeats, every successful sample of a picked item contributes.

When the metric exposes additive sufficient statistics (`item_stats(output, item) -> list[float]`
and `from_stats(totals) -> float`, e.g. BLEU's n-gram counts) each item is scored once and a
replicate only sums vectors, which makes the bootstrap ~100× faster than calling
`aggregate(outputs, items)` on every resample (the fallback, which any metric supports).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from lmgate.eval.distributions import normal_ppf
from lmgate.eval.pairing import Side
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


def _units(side: Side, keys: Sequence[str]) -> list[list[int]]:
    """Resampling units as lists of positions in `keys`: one per item, or one per cluster."""
    clusters: dict[Any, list[int]] = {}
    for i, k in enumerate(keys):
        label = side.items[k][0].get("cluster")
        clusters.setdefault(("item", k) if label is None else ("cluster", str(label)), []).append(i)
    return list(clusters.values())


def _add(vectors) -> list[float]:
    # Column sums in one pass: this runs once per bootstrap replicate, so it is the hot loop.
    present = [v for v in vectors if v]
    return [sum(column) for column in zip(*present, strict=True)] if present else []


FALLBACK_BOOT = 200  # replicates when every one costs a full `aggregate` over the corpus


def fast(metric: Any) -> bool:
    return callable(getattr(metric, "item_stats", None)) and callable(getattr(metric, "from_stats", None))


def statistic(metric: Any, side: Side, keys: Sequence[str]) -> Statistic:
    ok = [[r for r in side.items[k] if not r.get("error")] for k in keys]
    if fast(metric):
        per_item = [_add(metric.item_stats(r.get("output"), r.get("inputs")) for r in rs) for rs in ok]
        return lambda idx: float(metric.from_stats(_add(per_item[i] for i in idx if per_item[i])))

    def aggregate(idx: Sequence[int]) -> float:
        picked = [r for i in idx for r in ok[i]]
        return float(metric.aggregate([r.get("output") for r in picked], [r.get("inputs") for r in picked]))

    return aggregate


def _ok_keys(side: Side) -> list[str]:
    return [k for k, rs in side.items.items() if any(not r.get("error") for r in rs)]


def _alone(metric: Any, side: Side, keys: list[str], alpha: float, n_boot: int, seed: int) -> Estimate:
    if not keys:
        return Estimate(None, None, None, None, 0)
    stat, units = statistic(metric, side, keys), _units(side, keys)
    reps = replicates(units, stat, n_boot=n_boot, seed=seed)[0] if len(units) > 1 else None
    return estimate_from(stat(range(len(keys))), reps, len(keys), alpha)


def summarize_corpus(metric: Any, head: Side, base: Side | None, *, alpha: float, n_boot: int,
                     seed: int) -> tuple[Estimate, Estimate | None, Comparison | None]:
    n_boot = n_boot if fast(metric) else min(n_boot, FALLBACK_BOOT)
    head_keys = _ok_keys(head)
    if base is None:
        return _alone(metric, head, head_keys, alpha, n_boot, seed), None, None
    base_keys = _ok_keys(base)
    paired = [k for k in head_keys if k in set(base_keys)]
    if not paired:
        return (_alone(metric, head, head_keys, alpha, n_boot, seed),
                _alone(metric, base, base_keys, alpha, n_boot, seed),
                Comparison(None, None, None, None, "bootstrap", None, 0))
    # the common case (same items on both sides): one pass gives head, base and difference
    ph, pb, units = statistic(metric, head, paired), statistic(metric, base, paired), _units(head, paired)
    everything = range(len(paired))
    h_obs, b_obs = ph(everything), pb(everything)
    h_reps, b_reps = replicates(units, ph, pb, n_boot=n_boot, seed=seed) if len(units) > 1 else (None, None)
    diff = compare_from(h_obs - b_obs, [x - y for x, y in zip(h_reps, b_reps, strict=True)] if h_reps else None,
                        len(paired), alpha)
    head_est = (estimate_from(h_obs, h_reps, len(paired), alpha) if len(paired) == len(head_keys)
                else _alone(metric, head, head_keys, alpha, n_boot, seed))
    base_est = (estimate_from(b_obs, b_reps, len(paired), alpha) if len(paired) == len(base_keys)
                else _alone(metric, base, base_keys, alpha, n_boot, seed))
    return head_est, base_est, diff
