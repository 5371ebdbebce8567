"""selfcheck: SelfCheckGPT n-gram consistency (Manakul 2023) over N >= 3 samples of the same answer.

Needs: samples (the eval runner's repeats of the same item and side). A fact the model knows comes
back in every sample; an invented one changes from sample to sample. Per sentence of the answer:
the share of its content words missing from each sample, averaged (a unigram agreement, bounded
in [0, 1]), and numbers or names that fewer than half the samples repeat. The answer's score is
its worst sentence. Options: `min_samples` (default 3).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

from lmgate.hallucination import text
from lmgate.hallucination.claims import split_claims
from lmgate.hallucination.detectors.base import MAX_RESPONSE_CHARS, Deps, Item, Span, Verdict, clamp
from lmgate.spec import Opt

NAME = "selfcheck"
NEEDS = ("samples",)
THRESHOLD = 0.5
CONF = {"min_samples": Opt("int", 3, "fewest other samples needed to judge", minimum=2)}


def score(item: Item, options: Mapping[str, Any], deps: Deps | None = None) -> Verdict:
    threshold = options.get("threshold")
    threshold = THRESHOLD if threshold is None else threshold
    samples = [s[:MAX_RESPONSE_CHARS] for s in item.samples if s and s.strip()]
    if len(samples) < options.get("min_samples", 3):
        return Verdict.unjudged(f"{len(samples)} other samples; selfcheck needs at least "
                                f"{options.get('min_samples', 3)} (set the suite's repeats)")
    claims = split_claims(item.response[:MAX_RESPONSE_CHARS])
    if not claims:
        return Verdict(0.0, False, (), "no checkable claim (empty answer or a refusal)")
    bags = [set(text.words(s)) for s in samples]
    facts = [text.numbers(s) | text.entities(s) for s in samples]
    unigram = Counter(t for s in samples for t in text.words(s))
    total, vocab = sum(unigram.values()), len(unigram) + 1
    worst, spans = 0.0, []
    for claim in claims:
        toks = text.content(text.words(claim.text)) or text.words(claim.text)
        if not toks:
            continue
        agreement = sum(sum(t in bag for bag in bags) / len(bags) for t in toks) / len(toks)
        nll = sum(-math.log((unigram[t] + 1) / (total + vocab)) for t in toks) / len(toks)
        lonely = sorted(f for f in text.numbers(claim.text) | text.entities(claim.text)
                        if sum(f in fs for fs in facts) < len(facts) / 2)
        s = clamp(max(1.0 - agreement, 0.75 if lonely else 0.0))
        worst = max(worst, s)
        if s >= threshold:
            why = f"{', '.join(lonely[:3])} not repeated by most samples" if lonely else \
                f"words agree with only {agreement:.0%} of the samples"
            spans.append(Span(claim.start, claim.end, claim.text, f"{why} (avg -logP {nll:.1f})"))
    return Verdict(worst, worst >= threshold, tuple(spans))
