"""Gates: per metric `min` / `max` (absolute, on the metric's bad side), `max_drop` (non-inferiority
vs base), `max_error_rate`; per suite, the checks that make a verdict earned (items were evaluated,
calls did not fail more often than the suite's `max_error_rate`, every gate names a metric the
suite computes).

`max_drop` fails only when the change is a regression by the comparison's own test and the drop
is larger than the margin, so noise never blocks a PR; when the suite is too small to detect a
drop of that size (its minimum detectable effect exceeds the margin) the verdict is `warn` and
the reason says so, instead of a silent pass. Each check yields a verdict and a one-line reason;
a gate is the worst of its checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.eval.pairing import Side
from lmgate.eval.stats import Comparison, Estimate, change_label

_RANK = {"pass": 0, "warn": 1, "fail": 2}


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def check_min(head: Estimate, minimum: float) -> tuple[str, str]:
    if head.mean is None:
        return "fail", f"no scored items, so min {_fmt(minimum)} cannot be met"
    if head.mean >= minimum:
        return "pass", f"mean {_fmt(head.mean)} ≥ min {_fmt(minimum)}"
    return "fail", f"mean {_fmt(head.mean)} is below min {_fmt(minimum)}"


def check_max(head: Estimate, maximum: float) -> tuple[str, str]:
    if head.mean is None:
        return "fail", f"no scored items, so max {_fmt(maximum)} cannot be met"
    if head.mean <= maximum:
        return "pass", f"mean {_fmt(head.mean)} ≤ max {_fmt(maximum)}"
    return "fail", f"mean {_fmt(head.mean)} is above max {_fmt(maximum)}"


def check_max_drop(diff: Comparison | None, max_drop: float, higher_is_better: bool,
                   alpha: float = 0.05, base_scored: bool = True, head_scored: bool = True) -> tuple[str, str]:
    """`base_scored` / `head_scored`: that side has a score for this metric at all (a metric the PR
    adds has none on the base; one whose every item errored, or carries no `per_item` options, none
    on the head)."""
    if not head_scored:  # like `min`: a gate with no number to judge cannot pass, baseline or not
        return "fail", f"no item of the head has a score for this metric, so max_drop {_fmt(max_drop)} cannot pass"
    if diff is None:
        return "pass", f"max_drop {_fmt(max_drop)} not checked: no baseline to compare with"
    if diff.n == 0 and not base_scored:
        return "warn", f"max_drop {_fmt(max_drop)} not tested: no item of the base has a score for this metric"
    if diff.n == 0:
        return "warn", (f"max_drop {_fmt(max_drop)} not tested: no item id is in both the base and the head "
                        "(a row without an `id` field is known by its content): give each row a stable id")
    if diff.mean is None or diff.p_value is None:
        return "warn", f"n={diff.n} paired items is too few to test max_drop {_fmt(max_drop)}"
    drop = -diff.mean if higher_is_better else diff.mean
    interval = f"95% CI {_fmt(diff.ci_low)}…{_fmt(diff.ci_high)}" if diff.ci_low is not None else "no CI"
    if change_label(diff, higher_is_better, alpha) == "regression" and drop > max_drop:
        return "fail", (f"dropped {_fmt(drop)} ({interval}, p={diff.p_value:.3g}), significantly more than "
                        f"max_drop {_fmt(max_drop)}")
    if diff.mde is None or diff.mde > max_drop:
        shown = "no drop at all" if diff.mde is None else f"only drops ≥ {_fmt(diff.mde)}"
        return "warn", (f"too few items to check max_drop {_fmt(max_drop)}: with n={diff.n} this suite detects "
                        f"{shown}; add items or repeats")
    if change_label(diff, higher_is_better, alpha) == "regression":
        return "pass", f"dropped {_fmt(drop)} ({interval}), within max_drop {_fmt(max_drop)}"
    return "pass", f"no significant drop ({_fmt(-drop)} change, p={diff.p_value:.3g}; detects ≥ {_fmt(diff.mde)})"


def check_error_rate(n_errors: int, n_records: int, max_rate: float) -> tuple[str, str]:
    rate = n_errors / n_records if n_records else 0.0
    shown = f"{rate:.1%} of calls errored ({n_errors}/{n_records})"
    if rate > max_rate:
        return "fail", f"{shown}, above max_error_rate {max_rate:.1%}"
    return "pass", f"{shown}, within max_error_rate {max_rate:.1%}"


def evaluate_gate(gate: Mapping[str, Any] | None, *, head: Estimate, diff: Comparison | None,
                  higher_is_better: bool, n_errors: int, n_records: int, alpha: float = 0.05,
                  base_scored: bool = True) -> dict | None:
    """{verdict, reason} for one metric's gate, or None when it has no rules."""
    gate = {k: v for k, v in (gate or {}).items() if v is not None}
    checks: list[tuple[str, str]] = []
    if "min" in gate:
        checks.append(check_min(head, float(gate["min"])))
    if "max" in gate:
        checks.append(check_max(head, float(gate["max"])))
    if "max_drop" in gate:
        checks.append(check_max_drop(diff, float(gate["max_drop"]), higher_is_better, alpha, base_scored,
                                     head_scored=bool(head.n)))
    if "max_error_rate" in gate:
        checks.append(check_error_rate(n_errors, n_records, float(gate["max_error_rate"])))
    if not checks:
        return None
    checks.sort(key=lambda c: -_RANK[c[0]])
    return {"verdict": checks[0][0], "reason": "; ".join(reason for _, reason in checks)}


# How a failed call's reason (eval-items.jsonl `error`) is grouped: the runner and providers
# write `HTTP 429 (after 4 attempts)`, `timed out after 60 s`, `template error: …`, `metric f1: …`
_KINDS = ((re.compile(r"^HTTP (\d{3})"), lambda m: f"HTTP {m.group(1)}"),
          (re.compile(r"timed out", re.I), lambda m: "timeout"),
          (re.compile(r"^template error"), lambda m: "template error"),
          (re.compile(r"^metric [^:]+:"), lambda m: "metric error"),
          (re.compile(r"^connection error"), lambda m: "connection error"),
          (re.compile(r"^malformed response"), lambda m: "malformed response"),
          (re.compile(r" raised (\w+)"), lambda m: f"exception {m.group(1)}"),
          (re.compile(r"^command exited"), lambda m: "command failed"),
          (re.compile(r"^answer of [\d,]+ characters is over"), lambda m: "answer over the size cap"),
          (re.compile(r"deadline reached"), lambda m: "run deadline"))
FIRST_MESSAGES = 3


def error_kind(message: str) -> str:
    for pattern, name in _KINDS:
        found = pattern.search(message)
        if found:
            return name(found)
    head = message.split(":", 1)[0].strip()
    return head[:40] or "error"


def group_errors(side: Side) -> dict[str, Any]:
    """A side's failed calls: how many of how many, and by kind with counts and the first messages."""
    records = [r for rs in side.items.values() for r in rs]
    kinds: dict[str, dict[str, Any]] = {}
    for r in records:
        if r.get("error"):
            message = str(r["error"])
            entry = kinds.setdefault(error_kind(message), {"count": 0, "first": []})
            entry["count"] += 1
            if len(entry["first"]) < FIRST_MESSAGES and message[:300] not in entry["first"]:
                entry["first"].append(message[:300])
    n = sum(k["count"] for k in kinds.values())
    ordered = sorted(kinds.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
    return {"n": n, "of": len(records), "rate": n / len(records) if records else 0.0,
            "kinds": [{"kind": kind, **entry} for kind, entry in ordered]}


def describe_errors(errors: Mapping[str, Any], limit: int = 4) -> str:
    """`3 × HTTP 429 (first: "HTTP 429 (after 4 attempts)"), 1 × timeout (…)`."""
    parts = [f"{k['count']} × {k['kind']} (first: " + "; ".join(f'"{m[:120]}"' for m in k["first"][:2]) + ")"
             for k in errors["kinds"][:limit]]
    more = len(errors["kinds"]) - limit
    return ", ".join(parts) + (f", and {more} more kind(s)" if more > 0 else "")


def suite_checks(*, n_items: int, errors: Mapping[str, Any], max_error_rate: float, gated: Sequence[str],
                 computed: Sequence[str], n_answered: int | None = None) -> dict[str, str]:
    """The suite's own gate: {verdict, reason}. A green suite must have evaluated something: an item
    whose every call failed was not evaluated, whatever `max_error_rate` tolerates (`n_answered`: the
    items with at least one answer)."""
    checks: list[tuple[str, str]] = []
    n, of, rate = errors["n"], errors["of"], errors["rate"]
    if n_items == 0:
        checks.append(("fail", "0 items were evaluated, so no gate could pass: check the dataset, `limit`, "
                               "`on_bad_row` and the --suite/--shard selection"))
    elif n and rate > max_error_rate:
        checks.append(("fail", f"{n} of {of} calls failed ({rate:.1%}), above max_error_rate {max_error_rate:.1%}: "
                               f"{describe_errors(errors)}"))
    elif n_answered == 0:
        checks.append(("fail", f"no item was evaluated: every one of the {of} calls failed, so no gate could "
                               f"pass whatever max_error_rate allows: {describe_errors(errors)}"))
    elif n:
        checks.append(("pass", f"{n} of {of} calls failed ({rate:.1%}), within max_error_rate "
                               f"{max_error_rate:.1%}: {describe_errors(errors)}"))
    elif n_items:
        checks.append(("pass", f"{n_items} items, no call failed"))
    for name in gated:
        if name not in computed:
            # validate refuses this at load time; a result that still has one must not pass silently
            checks.append(("fail", f"a gate names metric {name!r}, which this suite does not compute "
                                   f"(it computes {', '.join(computed) or 'nothing'})"))
    checks.sort(key=lambda c: -_RANK[c[0]])
    verdict = checks[0][0] if checks else "pass"
    return {"verdict": verdict, "reason": "; ".join(r for v, r in checks if v == verdict)}


def worst(verdicts: list[str], default: str = "pass") -> str:
    return max(verdicts, key=lambda v: _RANK.get(v, -1)) if verdicts else default
