"""chrf: character n-gram F-score (chrF, Popović 2015) as `sacrebleu` computes it (scaled to [0, 1]).

Per item: sentence chrF, like `sacrebleu.sentence_chrf(...).score / 100`. Over the suite: corpus
chrF from the summed statistics, like `sacrebleu.corpus_chrf` (a corpus metric; the statistics are
additive, see `item_stats`, so its bootstrap is fast). Options:
`char_order` (6), `word_order` (0; 2 gives chrF++), `beta` (2: recall weighs twice precision),
`whitespace` (count spaces as characters), `lowercase`, `threshold` (default 0.5),
`field`/`value` (a list reference: the best-scoring reference counts).

Written from the definitions of Popović (2015) and sacrebleu's effective-order averaging, so scores
agree with sacrebleu to 1e-9 (tests/eval/test_metric_references.py) without its numpy and lxml.

Score: output "colour" vs expected "color" -> about 0.55
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
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
_PUNCTS = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # split off the words of chrF++, as sacrebleu


def _char_and_word_ngrams(line: str, char_order: int, word_order: int, whitespace: bool) -> list[Counter]:
    chars = line if whitespace else "".join(line.split())
    out = [Counter([chars[i:i + n] for i in range(len(chars) - n + 1)]) for n in range(1, char_order + 1)]
    if word_order:
        words: list[str] = []
        for w in line.split():  # split one leading or trailing punctuation mark off each word
            if len(w) > 1 and w[-1] in _PUNCTS:
                words += [w[:-1], w[-1]]
            elif len(w) > 1 and w[0] in _PUNCTS:
                words += [w[0], w[1:]]
            else:
                words.append(w)
        out += [Counter(" ".join(words[i:i + n]) for i in range(len(words) - n + 1)) for n in range(1, word_order + 1)]
    return out


def chrf_stats(hypothesis: str, refs: Sequence[str], char_order: int = 6, word_order: int = 0, beta: float = 2,
               whitespace: bool = False, lowercase: bool = False) -> list[int]:
    """[hyp, ref, match] per order, for the reference with the best chrF."""
    def prep(s: str) -> str:
        return s.lower() if lowercase else s

    hyp = _char_and_word_ngrams(prep(hypothesis), char_order, word_order, whitespace)
    best: list[int] = []
    best_f = -1.0
    for ref in refs:
        stats: list[int] = []
        for h, r in zip(hyp, _char_and_word_ngrams(prep(ref), char_order, word_order, whitespace), strict=True):
            match = sum(min(c, r[g]) for g, c in h.items() if g in r)
            stats += [sum(h.values()) if r else 0, sum(r.values()), match]
        f = chrf(stats, beta)
        if f > best_f:
            best, best_f = stats, f
    return best


def chrf(stats: Sequence[int], beta: float = 2) -> float:
    """chrF in [0, 100]: precision and recall averaged over the orders both sides have."""
    factor = beta ** 2
    avg_p = avg_r = 0.0
    effective = 0
    for i in range(0, len(stats), 3):
        n_hyp, n_ref, n_match = stats[i:i + 3]
        if n_hyp > 0 and n_ref > 0:
            avg_p += n_match / n_hyp
            avg_r += n_match / n_ref
            effective += 1
    if effective:
        avg_p, avg_r = avg_p / effective, avg_r / effective
    if avg_p + avg_r == 0:
        return 0.0
    return 100 * (1 + factor) * avg_p * avg_r / (factor * avg_p + avg_r)


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
