"""Items whose pass/fail verdict changed between base and head, for the PR comment.

With repeats an item passes when at least half its samples pass; severity is the change in its
pass rate, so an item that lost every sample is listed before one that lost some. An item is
listed once per direction with every metric that flipped that way (its outputs are the same for
all of them), carrying its inputs and both outputs, which is what a reviewer needs to judge it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lmgate.eval.pairing import Side

MAX_FLIPS = 100  # per direction: the report shows a handful; the counts say how many there were


def find_flips(metric: str, keys: Sequence[str], head_vals: Mapping[str, float], base_vals: Mapping[str, float],
               head: Side, base: Side) -> list[dict[str, Any]]:
    out = []
    for k in keys:
        was, now = base_vals[k] >= 0.5, head_vals[k] >= 0.5
        if was != now:
            h, b = head.first_ok(k), base.first_ok(k)
            out.append({"direction": "pass_to_fail" if was else "fail_to_pass", "severity": abs(base_vals[k] -
                        head_vals[k]), "key": k, "flip": {
                "id": h["id"], "metric": metric, "inputs": h.get("inputs") or b.get("inputs"),
                "base_output": b.get("output"), "head_output": h.get("output")}})
    return out


def _natural(key: str) -> list[tuple[int, int | str]]:
    """`q2` before `q10`: ids numbered without zero padding read in the order a person counts."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", key)]


def flipped(found: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The suite's `flipped` object: one entry per item and direction, most severe first; lists capped."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for f in found:
        entry = merged.get((f["direction"], f["key"]))
        if entry is None:
            flip = {"id": f["flip"]["id"], "metrics": [],
                    **{k: v for k, v in f["flip"].items() if k not in ("id", "metric")}}
            entry = merged[(f["direction"], f["key"])] = {**f, "flip": flip}
        entry["severity"] = max(entry["severity"], f["severity"])
        entry["flip"]["metrics"].append(f["flip"]["metric"])
    ordered = sorted(merged.values(), key=lambda f: (-f["severity"], _natural(f["key"])))
    out: dict[str, Any] = {}
    for direction in ("pass_to_fail", "fail_to_pass"):
        out[direction] = [f["flip"] for f in ordered if f["direction"] == direction]
    for direction in ("pass_to_fail", "fail_to_pass"):
        out[f"n_{direction}"] = len(out[direction])
        out[direction] = out[direction][:MAX_FLIPS]
    return out
