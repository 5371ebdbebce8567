"""eval.json as the terminal shows it: per suite a table that fits 100 columns, then the why.

For every metric: base → head, the difference with its interval, the change label and the gate's
verdict; below the table each gate that did not pass with its reason, the suite's own checks,
its failed calls grouped by kind, and "no baseline: absolute gates only" when there was no base.
The same text is the `system-out` of each suite in the JUnit report, so both say the same.
Model output never reaches this text (only names, numbers and our own reasons).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from lmgate.eval.stats import CHANGE_WORDS

WIDTH = 100
_MIN_NAME = 12


def change_word(change: str | None) -> str:
    return CHANGE_WORDS.get(change or "", "–")


def _num(value: Any, signed: bool = False) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "–"
    text = f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}" if abs(value) < 1e5 else f"{value:.3g}"
    return ("+" + text) if signed and not text.startswith("-") else text


def difference(diff: Mapping[str, Any] | None) -> str:
    """`-0.050 [-0.050, +0.002]`: the difference head − base and its interval."""
    if not diff or diff.get("mean") is None:  # no item in both sides: nothing was compared
        return "–"
    return f"{_num(diff.get('mean'), True)} [{_num(diff.get('ci_low'), True)}, {_num(diff.get('ci_high'), True)}]"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(str(text).split()), width=width, initial_indent=indent,
                         subsequent_indent=indent + "  ", break_long_words=True, break_on_hyphens=False) or [indent]


def suite_table(suite: Mapping[str, Any], width: int = WIDTH) -> list[str]:
    header = ("metric", "base → head", "Δ head − base [95% CI]", "change", "gate")
    rows = []
    for m in suite.get("metrics") or []:
        base = (m.get("base") or {}).get("mean")
        head = (m.get("head") or {}).get("mean")
        name = str(m.get("name")) + ("" if m.get("higher_is_better", True) else " ↓")
        rows.append((name, f"{_num(base)} → {_num(head)}", difference(m.get("diff")), change_word(m.get("change")),
                     (m.get("gate") or {}).get("verdict") or "–"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    room = width - 2 - 2 * (len(header) - 1) - sum(widths[1:])
    widths[0] = max(_MIN_NAME, min(widths[0], room))
    lines = []
    for r in [header, *rows]:
        cells = [_clip(r[0], widths[0]).ljust(widths[0]), *(c.ljust(w) for c, w in zip(r[1:], widths[1:], strict=True))]
        lines.append(_clip(("  " + "  ".join(cells)).rstrip(), width))
    return lines


def render_suite(suite: Mapping[str, Any], width: int = WIDTH, said: str | None = None) -> list[str]:
    """The suite's lines; `said` is a "no baseline" sentence already printed for the whole run."""
    samples = f" × {suite['repeats']} samples" if (suite.get("repeats") or 1) > 1 else ""
    errors = ((suite.get("errors") or {}).get("head")) or {}
    head_line = (f"{suite.get('name')}: {str(suite.get('verdict')).upper()} · {suite.get('n_items')} items{samples}, "
                 f"{suite.get('n_errors', 0)} failed calls")
    lines = _wrap(head_line, "", width)
    lines += suite_table(suite, width)
    for m in suite.get("metrics") or []:
        gate = m.get("gate")
        if gate and gate.get("verdict") != "pass":
            lines += _wrap(f"{m.get('name')} gate {gate['verdict']}: {gate.get('reason')}", "  ", width)
    gate = suite.get("gate")
    if gate and (gate.get("verdict") != "pass" or errors.get("n")):
        lines += _wrap(f"suite {gate['verdict']}: {gate.get('reason')}", "  ", width)
    if suite.get("no_baseline") and suite["no_baseline"] != said:
        lines += _wrap(str(suite["no_baseline"]), "  ", width)
    flipped = suite.get("flipped") or {}
    moved = [f"{flipped.get(f'n_{d}', len(flipped.get(d) or []))} item(s) {label}"
             for d, label in (("pass_to_fail", "pass → fail"), ("fail_to_pass", "fail → pass"))
             if flipped.get(f"n_{d}", len(flipped.get(d) or []))]
    if moved:
        lines += _wrap("flipped: " + ", ".join(moved), "  ", width)
    added, removed = len(suite.get("added") or []), len(suite.get("removed") or [])
    if added or removed:
        # base → head means are over each side's own items, the difference over those in both
        lines += _wrap(f"not compared: {added} item(s) only in the head, {removed} only in the base (the "
                       "difference uses the items in both)", "  ", width)
    for note in suite.get("notes") or []:
        lines += _wrap(f"note: {note}", "  ", width)
    return lines


def render_eval(result: Mapping[str, Any], width: int = WIDTH) -> str:
    lines: list[str] = []
    baseline = result.get("baseline") or {}
    if baseline.get("sha") or baseline.get("ref"):
        where = baseline.get("ref") or baseline.get("results") or ""
        sha = str(baseline.get("sha") or "")[:12]
        lines += _wrap(f"compared with the base {where}" + (f" ({sha})" if sha and sha != where else ""), "", width)
    elif baseline.get("results"):  # --baseline-results: the comment says "against <folder>" too
        lines += _wrap(f"compared with the base results in {baseline['results']}", "", width)
    if result.get("no_baseline"):
        lines += _wrap(str(result["no_baseline"]), "", width)
    for suite in result.get("suites") or []:
        lines += render_suite(suite, width, said=result.get("no_baseline"))
    calls = result.get("calls") or {}
    lines.append(f"calls: {calls.get('made', 0)} made, {calls.get('cached', 0)} cached, {calls.get('errors', 0)} "
                 f"failed · verdict {str(result.get('verdict')).upper()}")
    return "\n".join(lines) + "\n"
