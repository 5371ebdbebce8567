"""bleu: BLEU of the output against the reference, as `sacrebleu` computes it (scaled to [0, 1]).

Per item: sentence BLEU (13a tokenisation, `exp` smoothing, effective order), like
`sacrebleu.sentence_bleu(...).score / 100`. Over the suite: corpus BLEU from the summed n-gram
statistics, like `sacrebleu.corpus_bleu`, which is not the mean of sentence scores; so this is a
corpus metric, compared by paired bootstrap (a fast one: the statistics add up, see `item_stats`).
Options: `smooth` (exp, none, floor, add-k), `smooth_value`, `tokenize` (13a or none), `lowercase`,
`threshold` (passed at or above; default 0.3), `field`/`value` (a list reference gives several
references).

Written from sacrebleu's documented definitions (mteval-v13a tokenisation, clipped n-gram counts
with the closest reference length, Chen & Cherry 2014 smoothing), so scores agree with it to
1e-9 (tests/eval/test_metric_references.py) without sacrebleu's numpy and lxml at run time.

Score: output "The cat sat on the mat." vs expected "The cat sat on the mat." -> 1.0
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
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

_13A = [(re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "), (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
        (re.compile(r"([\.,])([^0-9])"), r" \1 \2"), (re.compile(r"([0-9])(-)"), r"\1 \2 ")]
ORDER = 4


def tokenize_13a(line: str) -> str:
    line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = f" {line} "
    for pattern, replacement in _13A:
        line = pattern.sub(replacement, line)
    return " ".join(line.split())


def _word_ngrams(line: str) -> tuple[Counter, int]:
    tokens = line.split()
    grams = [tuple(tokens[i:i + n]) for n in range(1, ORDER + 1) for i in range(len(tokens) - n + 1)]
    return Counter(grams), len(tokens)


def bleu_stats(hypothesis: str, refs: Sequence[str], tokenize: bool = True, lowercase: bool = False) -> list[int]:
    """[hyp_len, ref_len, correct_1..4, total_1..4] of one segment."""
    def prep(s: str) -> str:
        s = s.lower() if lowercase else s
        return tokenize_13a(s.rstrip()) if tokenize else " ".join(s.rstrip().split())

    ref_ngrams: Counter = Counter()
    ref_lens = []
    for ref in refs:
        grams, length = _word_ngrams(prep(ref))
        ref_lens.append(length)
        ref_ngrams |= grams  # the max count over references
    grams, hyp_len = _word_ngrams(prep(hypothesis))
    ref_len = min(ref_lens, key=lambda r: (abs(hyp_len - r), r))  # closest; the shorter on ties
    correct, total = [0] * ORDER, [0] * ORDER
    for gram, count in grams.items():
        total[len(gram) - 1] += count
        correct[len(gram) - 1] += min(count, ref_ngrams.get(gram, 0))
    return [hyp_len, ref_len, *correct, *total]


def bleu(stats: Sequence[int], smooth: str = "exp", smooth_value: float | None = None,
         effective_order: bool = False) -> float:
    """BLEU in [0, 100] from (summed) segment statistics."""
    sys_len, ref_len = stats[0], stats[1]
    correct, total = list(stats[2:2 + ORDER]), list(stats[2 + ORDER:])
    value = {"floor": 0.1, "add-k": 1}.get(smooth, 0) if smooth_value is None else smooth_value
    bp = 1.0 if sys_len >= ref_len else (math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0)
    if not any(correct):
        return 0.0
    precisions, factor, eff_order = [0.0] * ORDER, 1.0, ORDER
    for n in range(1, ORDER + 1):
        if smooth == "add-k" and n > 1:
            correct[n - 1] += value
            total[n - 1] += value
        if total[n - 1] == 0:
            break
        if effective_order:
            eff_order = n
        if correct[n - 1] == 0:
            if smooth == "exp":
                factor *= 2
                precisions[n - 1] = 100.0 / (factor * total[n - 1])
            elif smooth == "floor":
                precisions[n - 1] = 100.0 * value / total[n - 1]
        else:
            precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1]
    logs = [math.log(p) if p > 0 else -9999999999 for p in precisions[:eff_order]]
    return bp * math.exp(sum(logs) / eff_order)


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
