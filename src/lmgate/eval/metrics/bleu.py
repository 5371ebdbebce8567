"""bleu: BLEU of the output against the reference, as `sacrebleu` computes it (scaled to [0, 1]).

Per item: sentence BLEU (13a tokenisation, `exp` smoothing, effective order), like
`sacrebleu.sentence_bleu(...).score / 100`. Over the suite: corpus BLEU from the summed n-gram
statistics, like `sacrebleu.corpus_bleu`, which is not the mean of sentence scores; so this is a
corpus metric, compared by paired bootstrap (a fast one: the statistics add up, see `item_stats`).
Options: `smooth` (exp, none, floor, add-k), `smooth_value`, `tokenize` (13a or none), `lowercase`,
`threshold` (passed at or above; default 0.3), `field`/`value` (a list reference gives several
references).

Score: output "The cat sat on the mat." vs expected "The cat sat on the mat." -> 1.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.eval.metrics._common import FIELD, VALUE, references
from lmgate.eval.metrics._sacre import bleu, bleu_stats
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "bleu"
KIND = "corpus"
HIGHER_IS_BETTER = True
CONF = {"smooth": Opt("str", "exp", "smoothing of zero n-gram counts", choices=("exp", "none", "floor", "add-k")),
        "smooth_value": Opt("number", None, "the value for floor (0.1) or add-k (1) smoothing", minimum=0),
        "tokenize": Opt("str", "13a", "13a (mteval, WMT) or none (split on whitespace)", choices=("13a", "none")),
        "lowercase": Opt("bool", False, "lowercase both sides first"),
        "threshold": Opt("number", 0.3, "passed when the sentence BLEU is at least this", minimum=0, maximum=1),
        "value": VALUE, "field": FIELD}


def _stats(output: str, item: Mapping[str, Any], options: Mapping[str, Any]) -> list[int]:
    return bleu_stats(output, references(item, options), options["tokenize"] == "13a", options["lowercase"])


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    value = bleu(_stats(output, item, options), options["smooth"], options["smooth_value"], True) / 100
    return MetricResult(value, value >= options["threshold"])


def item_stats(output: str, item: Mapping[str, Any], options: Mapping[str, Any]) -> list[int]:
    """Additive sufficient statistics: [hyp_len, ref_len, correct_1..4, total_1..4], summed over a corpus."""
    return _stats(output, item, options)


def from_stats(totals: Sequence[float], options: Mapping[str, Any]) -> float:
    """Corpus BLEU of summed `item_stats`, as `sacrebleu.corpus_bleu` (no effective order) computes it."""
    return bleu(list(totals) or [0] * 10, options["smooth"], options["smooth_value"], False) / 100


def aggregate(outputs: Sequence[str], items: Sequence[Mapping[str, Any]],
              options: Sequence[Mapping[str, Any]]) -> float:
    totals = [0] * 10
    for output, item, opts in zip(outputs, items, options, strict=True):
        totals = [a + b for a, b in zip(totals, _stats(output, item, opts), strict=True)]
    return from_stats(totals, options[0] if options else {"smooth": "exp", "smooth_value": None})
