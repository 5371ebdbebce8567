"""chrf: character n-gram F-score (chrF, Popović 2015) as `sacrebleu` computes it (scaled to [0, 1]).

Per item: sentence chrF, like `sacrebleu.sentence_chrf(...).score / 100`. Over the suite: corpus
chrF from the summed statistics, like `sacrebleu.corpus_chrf` (a corpus metric; the statistics are
additive, see `item_stats`, so its bootstrap is fast). Options:
`char_order` (6), `word_order` (0; 2 gives chrF++), `beta` (2: recall weighs twice precision),
`whitespace` (count spaces as characters), `lowercase`, `threshold` (default 0.5),
`field`/`value` (a list reference: the best-scoring reference counts).

Score: output "colour" vs expected "color" -> about 0.55
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.eval.metrics._common import FIELD, VALUE, references
from lmgate.eval.metrics._sacre import chrf, chrf_stats
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "chrf"
KIND = "corpus"
HIGHER_IS_BETTER = True
CONF = {"char_order": Opt("int", 6, "longest character n-gram", minimum=1, maximum=20),
        "word_order": Opt("int", 0, "longest word n-gram (2 = chrF++)", minimum=0, maximum=6),
        "beta": Opt("number", 2, "weight of recall over precision", minimum=0.001),
        "whitespace": Opt("bool", False, "keep whitespace in character n-grams"),
        "lowercase": Opt("bool", False, "lowercase both sides first"),
        "threshold": Opt("number", 0.5, "passed when the sentence chrF is at least this", minimum=0, maximum=1),
        "value": VALUE, "field": FIELD}


def _stats(output: str, item: Mapping[str, Any], options: Mapping[str, Any]) -> list[int]:
    return chrf_stats(output, references(item, options), options["char_order"], options["word_order"],
                      options["beta"], options["whitespace"], options["lowercase"])


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    value = chrf(_stats(output, item, options), options["beta"]) / 100
    return MetricResult(value, value >= options["threshold"])


def item_stats(output: str, item: Mapping[str, Any], options: Mapping[str, Any]) -> list[int]:
    """Additive sufficient statistics: [hyp, ref, match] per char then word order, of the best reference."""
    return _stats(output, item, options)


def from_stats(totals: Sequence[float], options: Mapping[str, Any]) -> float:
    """Corpus chrF of summed `item_stats`, as `sacrebleu.corpus_chrf` computes it."""
    return chrf(totals, options["beta"]) / 100 if totals else 0.0


def aggregate(outputs: Sequence[str], items: Sequence[Mapping[str, Any]],
              options: Sequence[Mapping[str, Any]]) -> float:
    totals: list[int] = []
    for output, item, opts in zip(outputs, items, options, strict=True):
        stats = _stats(output, item, opts)
        totals = [a + b for a, b in zip(totals, stats, strict=True)] if totals else stats
    return from_stats(totals, options[0]) if totals else 0.0
