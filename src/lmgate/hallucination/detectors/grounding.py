"""grounding: is every claim of the answer supported by the context? Offline, standard library only.

Needs: context. Each claim (sentence, clause, bullet; refusals skipped) is aligned with its
best-covering context sentence and measured: numbers, names and quotes absent from the context,
IDF-weighted word and bigram coverage, negation mismatch, novel rare words. A logistic model
whose weights were fitted on the dev split (scripts/fit_grounding.py) turns the per-answer
max/mean of those signals into a score. Spans are the claims that alone would be flagged.

Options: `threshold` (default: the dev-fitted cut), `use_question` (default true: words of the
question count as grounded, so restating the question is not a hallucination).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

from lmgate.hallucination import grounding_weights as fitted
from lmgate.hallucination.claims import split_claims
from lmgate.hallucination.detectors.base import MAX_RESPONSE_CHARS, Deps, Item, Span, Verdict
from lmgate.hallucination.features import FEATURES, Context, claim_features
from lmgate.spec import Opt

NAME = "grounding"
NEEDS = ("context",)
THRESHOLD = fitted.THRESHOLD
CONF = {"use_question": Opt("bool", True, "count the question's words as grounded")}


def answer_vector(per_claim: list[dict[str, float]]) -> list[float]:
    """Max and mean of every signal over the claims: the fitted model's input."""
    return ([max(f[k] for f in per_claim) for k in FEATURES]
            + [sum(f[k] for f in per_claim) / len(per_claim) for k in FEATURES])


def probability(vector: list[float], weights: Mapping[str, float] = fitted.WEIGHTS,
                bias: float = fitted.BIAS) -> float:
    names = [f"max_{k}" for k in FEATURES] + [f"mean_{k}" for k in FEATURES]
    z = bias + sum(weights.get(n, 0.0) * x for n, x in zip(names, vector, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@functools.lru_cache(maxsize=32)
def indexed(context: str, extra: str) -> Context:
    """Head and base answers of one item share its context: index it once (read-only afterwards)."""
    return Context.build(context, extra)


def score(item: Item, options: Mapping[str, Any], deps: Deps | None = None) -> Verdict:
    threshold = options.get("threshold")
    threshold = THRESHOLD if threshold is None else threshold
    if not (item.context or "").strip():
        return Verdict.unjudged("no context: grounding cannot judge an answer without its source")
    response = item.response[:MAX_RESPONSE_CHARS]
    claims = split_claims(response)
    if not claims:
        return Verdict(0.0, False, (), "no checkable claim (empty answer or a refusal)")
    ctx = indexed(item.context, item.question or "" if options.get("use_question", True) else "")
    found = [claim_features(c.text, ctx, fitted.COMMON) for c in claims]
    total = probability(answer_vector([f for f, _ in found]))
    spans = []
    for claim, (feats, reasons) in zip(claims, found, strict=True):
        alone = probability(answer_vector([feats]))
        if alone >= threshold:
            spans.append(Span(claim.start, claim.end, claim.text,
                              "; ".join(reasons) or "weakly supported by the context"))
    note = "answer cut to 100000 characters" if len(item.response) > MAX_RESPONSE_CHARS else None
    return Verdict(total, total >= threshold, tuple(spans), note)
