"""f1: token-overlap F1 between output and reference, as the official SQuAD v1.1 script.

Both sides are normalised like `exact_match` (same options), split on whitespace, and scored by
the multiset overlap; with a list reference the best answer counts.

Score: output "the cat sat" vs expected "a cat sat down" -> P=1, R=2/3, F1=0.8
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
from lmgate.eval.metrics.exact_match import NORMALISE, normalise

NAME = "f1"
KIND = "score"
HIGHER_IS_BETTER = True
CONF = {"field": FIELD, "value": VALUE, **NORMALISE}


def token_f1(prediction: list[str], truth: list[str]) -> float:
    same = sum((Counter(prediction) & Counter(truth)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(prediction), same / len(truth)
    return 2 * precision * recall / (precision + recall)


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    mine = normalise(output, options).split()
    return MetricResult(max(token_f1(mine, normalise(a, options).split()) for a in references(item, options)))
