"""levenshtein: normalised edit similarity, 1 − distance / max(len(output), len(reference)).

Character-level Levenshtein distance (insert, delete, substitute each cost 1, over Unicode code
points), computed by `rapidfuzz` (bit-parallel: two 3,000-character answers take a millisecond).
Options: `field`/`value` for the reference, `ignore_case`, `threshold` (passed when the
similarity is at least this; default 0.8), `max_distance` (passed when the edit distance is at
most this, instead of `threshold`: promptfoo's `levenshtein`). With a list reference the closest
answer counts.

Score: output "kitten" vs expected "sitting" -> distance 3, similarity 1 − 3/7 ≈ 0.571
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz.distance import Levenshtein

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
from lmgate.spec import Opt

NAME = "levenshtein"
KIND = "score"
HIGHER_IS_BETTER = True
CONF = {"value": VALUE, "field": FIELD, "ignore_case": Opt("bool", False, "compare case-insensitively"),
        "threshold": Opt("number", 0.8, "passed when the similarity is at least this", minimum=0, maximum=1),
        "max_distance": Opt("number", None, "passed when the edit distance is at most this (overrides threshold)",
                            minimum=0)}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    fold = str.casefold if options["ignore_case"] else str
    answers = [fold(a) for a in references(item, options)]
    # rapidfuzz normalises by the longer string, as this metric always did; two empty strings are equal (1.0)
    best = max(Levenshtein.normalized_similarity(fold(output), a) for a in answers)
    if options.get("max_distance") is not None:
        closest = min(Levenshtein.distance(fold(output), a) for a in answers)
        ok = closest <= options["max_distance"]
        return MetricResult(best, ok, None if ok else f"edit distance {closest} > {options['max_distance']:g}")
    return MetricResult(best, best >= options["threshold"])
