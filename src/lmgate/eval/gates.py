"""Per-metric gates: `min` (absolute), `max_drop` (non-inferiority vs base), `max_error_rate`.

`max_drop` fails only when the drop is statistically significant AND larger than the margin, so
noise never blocks a PR; when the suite is too small to detect a drop of that size (its minimum
detectable effect exceeds the margin) the verdict is `warn` and the reason says so, instead of a
silent pass. Each check yields a verdict and a one-line reason; a metric's gate is the worst.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.stats import Comparison, Estimate

_RANK = {"pass": 0, "warn": 1, "fail": 2}


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def check_min(head: Estimate, minimum: float) -> tuple[str, str]:
    if head.mean is None:
        return "fail", f"no scored items, so min {_fmt(minimum)} cannot be met"
    if head.mean >= minimum:
        return "pass", f"mean {_fmt(head.mean)} ≥ min {_fmt(minimum)}"
    return "fail", f"mean {_fmt(head.mean)} is below min {_fmt(minimum)}"


def check_max_drop(diff: Comparison | None, max_drop: float, higher_is_better: bool,
                   alpha: float = 0.05) -> tuple[str, str]:
    if diff is None:
        return "pass", f"max_drop {_fmt(max_drop)} not checked: no baseline to compare with"
    if diff.mean is None or diff.p_value is None:
        return "warn", f"n={diff.n} paired items is too few to test max_drop {_fmt(max_drop)}"
    drop = -diff.mean if higher_is_better else diff.mean
    interval = f"95% CI {_fmt(diff.ci_low)}…{_fmt(diff.ci_high)}" if diff.ci_low is not None else "no CI"
    if diff.p_value < alpha and drop > max_drop:
        return "fail", (f"dropped {_fmt(drop)} ({interval}, p={diff.p_value:.3g}), significantly more than "
                        f"max_drop {_fmt(max_drop)}")
    if diff.mde is None or diff.mde > max_drop:
        shown = "no drop at all" if diff.mde is None else f"only drops ≥ {_fmt(diff.mde)}"
        return "warn", (f"too few items to check max_drop {_fmt(max_drop)}: with n={diff.n} this suite detects "
                        f"{shown}; add items or repeats")
    if diff.p_value < alpha and drop > 0:
        return "pass", f"dropped {_fmt(drop)} ({interval}), within max_drop {_fmt(max_drop)}"
    return "pass", f"no significant drop ({_fmt(-drop)} change, p={diff.p_value:.3g}; detects ≥ {_fmt(diff.mde)})"


def check_error_rate(n_errors: int, n_records: int, max_rate: float) -> tuple[str, str]:
    rate = n_errors / n_records if n_records else 0.0
    shown = f"{rate:.1%} of calls errored ({n_errors}/{n_records})"
    if rate > max_rate:
        return "fail", f"{shown}, above max_error_rate {max_rate:.1%}"
    return "pass", f"{shown}, within max_error_rate {max_rate:.1%}"


def evaluate_gate(gate: Mapping[str, Any] | None, *, head: Estimate, diff: Comparison | None,
                  higher_is_better: bool, n_errors: int, n_records: int, alpha: float = 0.05) -> dict | None:
    """{verdict, reason} for one metric's gate, or None when it has no rules."""
    gate = {k: v for k, v in (gate or {}).items() if v is not None}
    checks: list[tuple[str, str]] = []
    if "min" in gate:
        checks.append(check_min(head, float(gate["min"])))
    if "max_drop" in gate:
        checks.append(check_max_drop(diff, float(gate["max_drop"]), higher_is_better, alpha))
    if "max_error_rate" in gate:
        checks.append(check_error_rate(n_errors, n_records, float(gate["max_error_rate"])))
    if not checks:
        return None
    checks.sort(key=lambda c: -_RANK[c[0]])
    return {"verdict": checks[0][0], "reason": "; ".join(reason for _, reason in checks)}


def worst(verdicts: list[str], default: str = "pass") -> str:
    return max(verdicts, key=lambda v: _RANK.get(v, -1)) if verdicts else default
