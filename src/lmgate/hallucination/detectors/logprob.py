"""logprob: the model's own doubt, from the token log-probabilities the provider returned.

Needs: logprobs (`[[token, logprob], ...]`, e.g. OpenAI `logprobs: true`). Varshney 2023: the
minimum token probability over the answer's key tokens (numbers, names) flags invented facts;
without key tokens the average -logP is used. Score = 1 - that probability. Options:
`key_only` (default true).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from lmgate.hallucination.detectors.base import Deps, Item, Span, Verdict, clamp
from lmgate.spec import Opt

NAME = "logprob"
NEEDS = ("logprobs",)
THRESHOLD = 0.7
CONF = {"key_only": Opt("bool", True, "judge numbers and names only, when the answer has any")}
MAX_TOKENS = 20_000


def _is_key(token: str, first: bool) -> bool:
    t = token.strip()
    return bool(t) and (any(c.isdigit() for c in t) or (t[0].isupper() and not first))


def score(item: Item, options: Mapping[str, Any], deps: Deps | None = None) -> Verdict:
    threshold = options.get("threshold")
    threshold = THRESHOLD if threshold is None else threshold
    if not item.logprobs:
        return Verdict.unjudged("the provider returned no logprobs (enable them in its params)")
    tokens, pos = [], 0
    for tok, lp in item.logprobs[:MAX_TOKENS]:
        if not isinstance(lp, (int, float)) or lp != lp:
            continue
        tokens.append((str(tok), float(min(0.0, lp)), pos))
        pos += len(str(tok))
    if not tokens:
        return Verdict.unjudged("logprobs were present but held no usable numbers")
    keys = [t for i, t in enumerate(tokens) if _is_key(t[0], i == 0)] if options.get("key_only", True) else []
    avg = sum(lp for _, lp, _ in tokens) / len(tokens)
    if keys:
        tok, lp, start = min(keys, key=lambda t: t[1])
        value, why = 1.0 - math.exp(lp), f"key token {tok.strip()!r} has probability {math.exp(lp):.2f}"
    else:
        tok, lp, start = min(tokens, key=lambda t: t[1])
        value, why = 1.0 - math.exp(avg), f"average token probability {math.exp(avg):.2f}"
    value = clamp(value)
    text = "".join(t for t, _, _ in tokens)
    spans = (Span(start, start + len(tok), tok, why),) if value >= threshold and text == item.response[:len(text)] \
        else ()
    return Verdict(value, value >= threshold, spans, None if spans or value < threshold else why)
