"""levenshtein: normalised edit similarity, 1 − distance / max(len(output), len(reference)).

Character-level Levenshtein distance (insert, delete, substitute each cost 1). Options:
`field`/`value` for the reference, `ignore_case`, `threshold` (passed when the similarity is at
least this; default 0.8). With a list reference the closest answer counts.

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
        "threshold": Opt("number", 0.8, "passed when the similarity is at least this", minimum=0, maximum=1)}


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
    best = max(similarity(fold(output), fold(a)) for a in references(item, options))
    return MetricResult(best, best >= options["threshold"])
