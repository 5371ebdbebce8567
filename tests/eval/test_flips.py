"""Flipped items: one entry per item and direction, most severe first, then in the order ids count."""

from __future__ import annotations

from lmgate.eval.flips import flipped


def flip(key: str, severity: float = 1.0, metric: str = "equals", direction: str = "pass_to_fail") -> dict:
    return {"direction": direction, "severity": severity, "key": key,
            "flip": {"id": key, "metric": metric, "inputs": {}, "base_output": "a", "head_output": "b"}}


def test_ids_are_listed_in_the_order_a_person_counts():
    found = [flip(k) for k in ("q12", "q3", "q100", "q2", "item-b", "item-a")]
    assert [f["id"] for f in flipped(found)["pass_to_fail"]] == ["item-a", "item-b", "q2", "q3", "q12", "q100"]


def test_an_item_is_listed_once_with_every_metric_that_flipped_and_severity_first():
    found = [flip("q10", 0.5, "equals"), flip("q10", 1.0, "contains"), flip("q9", 0.5)]
    listed = flipped(found)["pass_to_fail"]
    assert [(f["id"], f["metrics"]) for f in listed] == [("q10", ["equals", "contains"]), ("q9", ["equals"])]
