"""Fold a window's counts into each metric's running statistics and judge it for this tick."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lmgate.canary.decide import Verdict
from lmgate.canary.sources.base import MetricDef
from lmgate.canary.stats import RateTest, ScoreTest


def _acc(a: list, b: Sequence) -> list:
    return [x + y for x, y in zip(a, b, strict=True)]


def update(record: dict, metric: MetricDef, canary: Sequence | None, stable: Sequence | None) -> None:
    """Add one window of counts (canary and stable sides) to a metric's stored record, in place."""
    width = 3 if metric.kind == "score" else 2
    zero = [0] * width
    canary, stable = list(canary or zero), list(stable or zero)
    for key, side in (("canary", canary), ("stable", stable), ("step", canary)):
        record[key] = _acc(record.get(key) or zero, side)
    if metric.kind == "score":
        test = ScoreTest(metric.ni_margin, logs=record.get("stats"))
        test.update(canary, stable)
    else:
        test = RateTest(1.0, metric.ni_margin, logs=record.get("stats"))
        test.update(int(canary[0]), int(canary[1]), int(stable[0]), int(stable[1]))
    record["stats"] = test.to_json()


def judge(record: Mapping, metric: MetricDef, threshold: float) -> tuple[Verdict, dict]:
    """This tick's verdict for the metric, and its entry for canary.json."""
    step = record.get("step") or [0, 0, 0]
    has_data = bool(step[-1])
    if metric.kind == "score":
        test = ScoreTest(metric.ni_margin, logs=record.get("stats"))
        evidence, bound = test.harm_evidence(), test.lower_bound(threshold)
        non_inferior = bound is not None and bound > -metric.ni_margin
        detail = f"Λ={evidence:.1f}/{threshold:g}, Δ≥{'?' if bound is None else f'{bound:+.3f}'}" \
                 f" (margin −{metric.ni_margin:g})"
    else:
        test = RateTest(1.0, metric.ni_margin, logs=record.get("stats"))
        evidence, bound = test.harm_evidence(), test.upper_bound(threshold)
        non_inferior = test.ni_evidence() >= threshold
        detail = f"E={evidence:.1f}/{threshold:g}, ratio≤{'?' if bound is None else bound:} " \
                 f"(margin {metric.ni_margin:g})"
    verdict = Verdict(metric.name, alarm=evidence >= threshold, non_inferior=non_inferior, has_data=has_data,
                      critical=metric.critical, must_have_data=metric.must_have_data, detail=detail)
    canary, stable = record.get("canary") or [0, 0], record.get("stable") or [0, 0]
    entry = {"name": metric.name, "kind": metric.kind,
             "canary": {"bad": canary[0], "total": canary[-1]}, "stable": {"bad": stable[0], "total": stable[-1]},
             "evidence": round(evidence, 4), "threshold": threshold,
             "upper_bound": bound if metric.kind != "score" else None,
             "lower_bound": bound if metric.kind == "score" else None, "non_inferior": non_inferior}
    return verdict, entry


def guard_failure(guard: Mapping, records: Mapping[str, Mapping]) -> str | None:
    step = (records.get(guard["metric"]) or {}).get("step") or [0, 0]
    if step[-1] >= guard.get("min_requests", 100) and step[0] / step[-1] > guard["max_rate"]:
        return f"{guard['metric']} rate {step[0] / step[-1]:.3f} > {guard['max_rate']} on {int(step[-1])} " \
               "canary requests"
    return None
