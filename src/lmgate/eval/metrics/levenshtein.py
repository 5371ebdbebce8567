"""levenshtein: normalised edit similarity, 1 − distance / max(len(output), len(reference)).

Character-level Levenshtein distance (insert, delete, substitute each cost 1). Options:
`field`/`value` for the reference, `ignore_case`, `threshold` (passed when the similarity is at
least this; default 0.8), `max_distance` (passed when the edit distance is at most this, instead of
`threshold`: promptfoo's `levenshtein`). With a list reference the closest answer counts.

Score: output "kitten" vs expected "sitting" -> distance 3, similarity 1 − 3/7 ≈ 0.571
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics._common import FIELD, VALUE, references
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "levenshtein"
KIND = "score"
HIGHER_IS_BETTER = True
CONF = {"value": VALUE, "field": FIELD, "ignore_case": Opt("bool", False, "compare case-insensitively"),
        "threshold": Opt("number", 0.8, "passed when the similarity is at least this", minimum=0, maximum=1),
        "max_distance": Opt("number", None, "passed when the edit distance is at most this (overrides threshold)",
                            minimum=0)}


def distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):  # two rows: O(len(b)) memory for long outputs
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1.0 - distance(a, b) / longest


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    fold = str.casefold if options["ignore_case"] else str
    answers = [fold(a) for a in references(item, options)]
    best = max(similarity(fold(output), a) for a in answers)
    if options.get("max_distance") is not None:
        closest = min(distance(fold(output), a) for a in answers)
        ok = closest <= options["max_distance"]
        return MetricResult(best, ok, None if ok else f"edit distance {closest} > {options['max_distance']:g}")
    return MetricResult(best, best >= options["threshold"])
