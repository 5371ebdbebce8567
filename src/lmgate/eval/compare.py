"""One suite's records (eval-items.jsonl lines) -> the suite object of eval.json.

Repeats are averaged per item first, errored samples are left out of every mean (the suite's
`notes` say how many), and items pair by id; added/removed ids are listed, never dropped
silently. Pass/fail metrics are compared with McNemar's exact test, scores with the paired t
interval (clustered when items carry `cluster`), corpus metrics with a seeded paired bootstrap;
each comparison's interval inverts its test, and `stats.change_label` names the change.

A verdict is earned: besides the metrics' gates, every suite passes its own checks (it evaluated
items, its calls failed no more often than `max_error_rate` allows, and every gate names a metric
it computes), and a suite whose base side could not be evaluated says so in `no_baseline`.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lmgate.eval.corpus import summarize_corpus
from lmgate.eval.flips import find_flips, flipped
from lmgate.eval.gates import evaluate_gate, group_errors, suite_checks, worst
from lmgate.eval.pairing import Side, group
from lmgate.eval.stats import (
    Comparison,
    Estimate,
    change_label,
    estimate,
    mcnemar_exact,
    mcnemar_interval,
    mcnemar_min_n,
    paired_t,
)

NO_BASELINE = "no baseline: absolute gates only"


@dataclass(frozen=True)
class MetricMeta:
    """What the statistics need of a metric (merge rebuilds these from eval.json)."""

    name: str
    kind: str = "score"
    higher_is_better: bool = True


def no_baseline(reason: str) -> str:
    """The one sentence every output shows when a suite has no base to compare with."""
    return f"{NO_BASELINE} ({reason})" if reason else NO_BASELINE


def summarize_suite(suite_name: str, records: Iterable[Mapping[str, Any]], metrics: Sequence[Any],
                    gates: Mapping[str, Mapping] | None, *, repeats: int = 1, alpha: float = 0.05,
                    info: Mapping[str, Any] | None = None, n_boot: int = 1000, max_error_rate: float | None = None,
                    base_missing: str | None = None) -> dict[str, Any]:
    """`info` (provider, prompt, dataset, dataset_revision, dataset_fingerprint…) is copied in as given.

    `max_error_rate`: the suite's tolerance for failed calls; unset, it is the largest a metric's
    gate allows, else 0 (any failed call fails the suite). `base_missing` says why no base side
    was evaluated (shown when the records hold none).
    """
    if max_error_rate is None:
        max_error_rate = max((float(g["max_error_rate"]) for g in (gates or {}).values()
                              if g.get("max_error_rate") is not None), default=0.0)
    sides = group(records)
    head, base = sides["head"], sides["base"]
    base_errors = group_errors(base)
    has_base = any(not r.get("error") for rs in base.items.values() for r in rs)
    missing = None
    if not has_base:
        if base.items:
            kinds = ", ".join(f"{k['count']} × {k['kind']}" for k in base_errors["kinds"])
            missing = no_baseline(f"every call on the base side failed: {kinds}")
        else:
            missing = no_baseline(base_missing or "no base side was evaluated")
    n_records = sum(len(rs) for rs in head.items.values())
    n_errors = head.errors()
    summaries, flips = [], []
    for metric in metrics:
        entry, head_est, diff, found = summarize_metric(metric, head, base if has_base else None, alpha=alpha,
                                                        n_boot=n_boot)
        entry["gate"] = evaluate_gate((gates or {}).get(metric.name), head=head_est, diff=diff,
                                      higher_is_better=metric.higher_is_better, n_errors=n_errors,
                                      n_records=n_records, alpha=alpha,
                                      base_scored=bool((entry["base"] or {}).get("n")))
        summaries.append(entry)
        flips += found
    head_errors = group_errors(head)
    n_dead = sum(1 for rs in head.items.values() if all(r.get("error") for r in rs))  # items with no answer
    suite_gate = suite_checks(n_items=len(head.items), errors=head_errors, max_error_rate=max_error_rate,
                              gated=list(gates or {}), computed=[m.name for m in metrics],
                              n_answered=len(head.items) - n_dead)
    notes = list((info or {}).get("notes") or ())  # e.g. the rows the dataset skipped
    if n_errors:
        notes.append(f"{n_errors} errored head sample(s) are excluded from the means"
                     + (f" ({n_dead} item(s) had no successful sample)" if n_dead else ""))
    if base.errors() and has_base:
        notes.append(f"{base.errors()} errored base sample(s) are excluded from the means")
    return {**{k: v for k, v in (info or {}).items() if k != "name"}, "name": suite_name,
            "n_items": len(head.items), "n_errors": n_errors, "repeats": repeats, "alpha": alpha,
            "max_error_rate": max_error_rate, "metrics": summaries, "flipped": flipped(flips),
            "added": [head.original_id(k) for k in head.items if has_base and k not in base.items],
            "removed": [base.original_id(k) for k in base.items if has_base and k not in head.items],
            "gate_config": {m: dict(g) for m, g in (gates or {}).items()}, "notes": notes,
            "errors": {"head": head_errors, "base": base_errors if base.items else None},
            "no_baseline": missing, "gate": suite_gate,
            "verdict": worst([suite_gate["verdict"], *(m["gate"]["verdict"] for m in summaries if m["gate"])])}


def summarize_metric(metric: Any, head: Side, base: Side | None, *, alpha: float, n_boot: int,
                     ) -> tuple[dict[str, Any], Estimate, Comparison | None, list]:
    """The metric's eval.json entry (without its gate), the head estimate, the comparison and its flips."""
    flips: list = []
    if metric.kind == "corpus":
        seed = zlib.crc32(metric.name.encode())  # fixed per metric: the comment is stable across runs
        head_est, base_est, diff = summarize_corpus(metric, head, base, alpha=alpha, n_boot=n_boot, seed=seed)
    else:
        head_vals = {k: v for k in head.items if (v := head.value(k, metric)) is not None}
        keys = list(head_vals)
        head_est = estimate([head_vals[k] for k in keys], head.clusters(keys), alpha)
        base_est, diff = None, None
        if base is not None:
            base_vals = {k: v for k in base.items if (v := base.value(k, metric)) is not None}
            base_est = estimate(list(base_vals.values()), base.clusters(list(base_vals)), alpha)
            paired = [k for k in keys if k in base_vals]
            diff = compare_values([head_vals[k] for k in paired], [base_vals[k] for k in paired],
                                  head.clusters(paired), metric.kind, alpha)
            if metric.kind == "pass_fail":
                flips = find_flips(metric.name, paired, head_vals, base_vals, head, base)
    entry = {"name": metric.name, "kind": metric.kind, "higher_is_better": bool(metric.higher_is_better),
             "head": head_est.to_json(), "base": base_est.to_json() if base_est else None,
             "diff": diff.to_json() if diff else None,
             "change": change_label(diff, metric.higher_is_better, alpha)}
    if metric.kind == "corpus" and getattr(metric, "options", None) is not None:
        entry["options"] = dict(metric.options)  # lets `lmgate merge` rebuild it without the config
    return entry, head_est, diff, flips


def compare_values(head: Sequence[float], base: Sequence[float], clusters: Sequence | None, kind: str,
                   alpha: float) -> Comparison:
    """Paired t; for unclustered 0/1 pass/fail pairs, McNemar's exact test and the interval inverting it."""
    diff = paired_t(head, base, clusters, alpha)
    binary = all(v in (0.0, 1.0) for v in (*head, *base))
    if kind != "pass_fail" or clusters is not None or not binary or not head:
        return diff
    b = sum(1 for h, s in zip(head, base, strict=True) if s == 1.0 and h == 0.0)
    c = sum(1 for h, s in zip(head, base, strict=True) if s == 0.0 and h == 1.0)
    # McNemar can never be significant with fewer than ~6 discordant pairs: that floors the MDE.
    detectable = max(diff.mde or 0.0, mcnemar_min_n(alpha) / len(head))
    low, high = mcnemar_interval(b, c, len(head), alpha)
    return Comparison((c - b) / len(head), low, high, mcnemar_exact(b, c), "mcnemar", detectable, len(head))


def overall_verdict(suites: Sequence[Mapping[str, Any]]) -> str:
    """eval.json's top verdict: the worst suite's (`skipped` when the config has no suites)."""
    return worst([s["verdict"] for s in suites], default="skipped")
