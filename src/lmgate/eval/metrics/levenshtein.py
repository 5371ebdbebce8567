"""levenshtein: normalised edit similarity, 1 − distance / max(len(output), len(reference)).

Character-level Levenshtein distance (insert, delete, substitute each cost 1, over Unicode code
points), computed by `rapidfuzz` (bit-parallel: two 3,000-character answers take a millisecond).
Options: `field`/`value` for the reference, `ignore_case`, `threshold` (passed when the
similarity is at least this; default 0.8). With a list reference the closest answer counts.

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
        "threshold": Opt("number", 0.8, "passed when the similarity is at least this", minimum=0, maximum=1)}


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    fold = str.casefold if options["ignore_case"] else str
    # rapidfuzz normalises by the longer string, as this metric always did; two empty strings are equal (1.0)
    best = max(Levenshtein.normalized_similarity(fold(output), fold(a)) for a in references(item, options))
    return MetricResult(best, best >= options["threshold"])
