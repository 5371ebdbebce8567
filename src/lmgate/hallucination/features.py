"""Per-claim grounding signals against a context: the inputs of the `grounding` detector's model.

A context is indexed once (`Context`): its sentences, token sets and bigrams. Each claim is then
aligned with its best-covering context sentence (a lexical SummaC-ZS: claim vs sentence, best
match wins) and measured against both that sentence and the whole context.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from lmgate.hallucination import text
from lmgate.hallucination.claims import sentences

FEATURES = ("num_missing", "ent_missing", "quote_missing", "uni_miss_best", "uni_miss_doc", "bi_miss_best",
            "bi_miss_doc", "neg_mismatch", "novel", "rare_novel", "length")
MAX_SENTENCES = 2000


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in itertools.pairwise(tokens) if not (a in text.STOP and b in text.STOP)}


@dataclass
class Context:
    sents: list[tuple[set[str], set[tuple[str, str]], bool]]
    tokens: set[str]
    bigrams: set[tuple[str, str]]
    numbers: set[str]
    raw: str
    df: dict[str, int]

    @classmethod
    def build(cls, context: str, extra: str = "") -> Context:
        raw = context[: text.MAX_CHARS]
        sents, df = [], {}
        extra_toks = text.words(extra)
        tokens, bigrams = set(extra_toks), _bigrams(extra_toks)
        for s in sentences(text.normalise(raw))[:MAX_SENTENCES]:
            toks = text.words(s, normalised=True)
            toks_set, bis = set(toks), _bigrams(toks)
            sents.append((toks_set, bis, text.has_negation(toks)))
            tokens |= toks_set
            bigrams |= bis
            for t in toks_set:
                df[t] = df.get(t, 0) + 1
        return cls(sents, tokens, bigrams, text.numbers(raw + " " + extra), raw + " " + extra, df)

    def idf(self, token: str) -> float:
        # rarer within the context = more informative; absent tokens weigh the most
        return math.log((len(self.sents) + 1) / (self.df.get(token, 0) + 0.5)) + 1.0


def _miss(weights: dict[str, float], have: set[str], total: float | None = None) -> float:
    total = sum(weights.values()) if total is None else total
    # summed in token order, not set order: hash-randomised order would change the float sum and so
    # break alignment ties differently from run to run
    return 1.0 - sum(w for t, w in weights.items() if t in have) / total if total else 0.0


def claim_features(claim: str, ctx: Context, common: frozenset[str],
                   grounded: frozenset[str] = frozenset()) -> tuple[dict[str, float], list[str]]:
    """The signals of one claim, and the reasons worth showing to a reviewer.

    `grounded`: tokens already shown to follow from the context (a computed figure, a checked yes/no):
    they are left out, as if the context wrote them.
    """
    toks = [t for t in text.words(claim) if t not in grounded]
    if not toks or (grounded and not text.content(toks)):
        return dict.fromkeys(FEATURES, 0.0), []  # all it says was shown: "It is 196 metres taller."
    cont = text.content(toks) or toks
    weights = {t: ctx.idf(t) for t in cont}
    bis = _bigrams(toks)
    best, best_cov, best_bis = None, -1.0, -1
    total = sum(weights.values())
    for sent in ctx.sents:
        cov = 1.0 - _miss(weights, sent[0], total)
        if cov > best_cov or (cov == best_cov and bis and len(bis & sent[1]) > best_bis):
            # a tie on words goes to the sentence with more of the claim's word pairs ("Account Y" is the
            # sentence about account Y, not the first one naming an account)
            best, best_cov, best_bis = sent, cov, len(bis & sent[1]) if bis else 0
    nums = {n for n in text.numbers(claim) if not set(text.words(n)) <= grounded}
    missing_nums = sorted(n for n in nums if n not in ctx.numbers)
    ents = text.entity_names(claim)
    missing_ents = sorted(raw for e, raw in ents.items() if not all(t in ctx.tokens for t in e.split()))
    quotes = text.quoted(claim)
    missing_quotes = sorted(q for q in quotes if q not in " ".join(text.words(ctx.raw))) if quotes else []
    novel = sorted({t for t in cont if t not in ctx.tokens})
    f = {
        "num_missing": len(missing_nums) / len(nums) if nums else 0.0,
        "ent_missing": len(missing_ents) / len(ents) if ents else 0.0,
        "quote_missing": 1.0 if missing_quotes else 0.0,
        "uni_miss_best": 1.0 - best_cov if best else 1.0,
        "uni_miss_doc": _miss(weights, ctx.tokens),
        "bi_miss_best": (len(bis - best[1]) / len(bis) if bis else 0.0) if best else 1.0,
        "bi_miss_doc": len(bis - ctx.bigrams) / len(bis) if bis else 0.0,
        "neg_mismatch": 1.0 if best and text.has_negation(toks) != best[2] else 0.0,
        "novel": math.log1p(len(novel)),
        # novel words that are not everyday words (`common` is fitted on dev contexts): names, lower-cased too
        "rare_novel": math.log1p(sum(1 for t in novel if t not in common and not t.isdigit())),
        "length": math.log1p(len(cont)),
    }
    reasons = [f"number {n} not in the context" for n in missing_nums[:3]]
    reasons += [f"name '{e}' not in the context" for e in missing_ents[:3]]
    reasons += [f"quote '{q}' not in the context" for q in missing_quotes[:2]]
    if f["neg_mismatch"]:
        reasons.append("negation differs from the closest context sentence")
    if novel and not reasons:
        reasons.append("unsupported words: " + ", ".join(novel[:5]))
    return f, reasons
