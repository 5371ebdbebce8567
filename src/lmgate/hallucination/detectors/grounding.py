"""grounding: is every claim of the answer supported by the context? Offline, standard library only.

Needs: context. Each claim (sentence, clause, bullet; refusals skipped) is aligned with its
best-covering context sentence and measured: numbers, names and quotes absent from the context,
IDF-weighted word and bigram coverage, negation mismatch, novel rare words. A logistic model
whose weights were fitted on the dev split (scripts/fit_grounding.py) turns the per-answer
max/mean of those signals into a score. Spans are the claims that alone would be flagged.

Answers computed from the context are checked by computing (lmgate.hallucination.computed): a total, a
difference, a count of listed items or of a part of them, days or years between two dates or a date a duration
away, a time of day, a unit conversion, a rounding (to a step in a unit too), a percentage or percentage
points, a fraction, the rest of a whole, an average, a rate, groups rounded up or down, two steps of times or
parts, a yes/no (against a limit the context states, or on two dates), a trend or "which is longer" (per unit
too); working the answer writes out on the context's figures ("8 + 11 + 6 + 9 = 34") is checked as arithmetic,
whatever the question's words. A figure that follows from the context's figures counts as written there, and
when it answers the question the words around it are not judged, only names; a figure that follows from none
when the question asks for one, a figure in the wrong unit, the stated part where the question asks for the
rest (and the rest where it asks the part), one figure where it asks for their average, and a comparison, pick
or yes/no the figures contradict are flagged, with the figures that decide it as the reason. Where no
derivation is sure either way (a pick's reasons, a question the figures cannot decide), nothing is flagged on
that account.

Options: `threshold` (default: the dev-fitted cut), `use_question` (default true: words of the
question count as grounded, so restating the question is not a hallucination).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

from lmgate.hallucination import computed, text
from lmgate.hallucination import grounding_weights as fitted
from lmgate.hallucination.claims import split_claims
from lmgate.hallucination.detectors.base import MAX_RESPONSE_CHARS, Deps, Item, Span, Verdict
from lmgate.hallucination.features import FEATURES, Context, claim_features
from lmgate.spec import Opt

NAME = "grounding"
NEEDS = ("context",)
THRESHOLD = fitted.THRESHOLD
# a claim the context contradicts by computation (a total that is not the sum, a wrong yes/no) is flagged
# outright: the fitted lexical signals cannot see arithmetic, and a computed contradiction is near-certain
CONTRADICTED = 0.95
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
    question = item.question or ""
    ctx = indexed(item.context, question if options.get("use_question", True) else "")
    found, contradicted = [], []
    # the yes or no of a yes/no answer opens its first claim, or the first that has one ("The Danube is 2,850 km
    # and the Rhine 1,233 km. Yes.")
    opening = next((i for i, c in enumerate(claims) if computed.opens_yes_no(c.text)), 0)
    for i, claim in enumerate(claims):
        check = computed.check(claim.text, item.context, question, common=fitted.COMMON, opening=i == opening,
                               written=ctx.numbers, closing=i == len(claims) - 1)
        grounded = check.grounded
        if check.explained and not check.contradiction:
            # its figures follow from the context: only the words the context lacks are left to judge; and when
            # they answer the question (a figure asked for, a yes/no, a pick), only the names among those ("It's
            # 304 m taller, almost twice the height", "53 eggs were intact": the other words describe the
            # computation)
            names = text.name_tokens(claim.text, fitted.COMMON) if check.answers else set()
            grounded |= {t for t in text.words(claim.text) if computed.known(t, ctx.tokens)
                         or (check.answers and t not in names)}
        feats, reasons = claim_features(claim.text, ctx, fitted.COMMON, grounded)
        if check.contradiction:  # said once, with the figures that decide it
            reasons = [check.contradiction, *(r for r in reasons if not r.startswith("number "))]
        found.append((feats, reasons))
        contradicted.append(check.contradiction is not None)
    total = probability(answer_vector([f for f, _ in found]))
    if any(contradicted):
        total = max(total, CONTRADICTED)
    spans = []
    for claim, (feats, reasons), wrong in zip(claims, found, contradicted, strict=True):
        alone = CONTRADICTED if wrong else probability(answer_vector([feats]))
        if alone >= threshold:
            spans.append(Span(claim.start, claim.end, claim.text,
                              "; ".join(reasons) or "weakly supported by the context"))
    note = "answer cut to 100000 characters" if len(item.response) > MAX_RESPONSE_CHARS else None
    return Verdict(total, total >= threshold, tuple(spans), note)
