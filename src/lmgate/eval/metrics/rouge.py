"""rouge: ROUGE-1/2/L F-measure between output and reference, as Google's `rouge-score`.

Tokens are lowercase ASCII letter/digit runs (everything else separates words); with `stem`,
words longer than three letters are Porter-stemmed. ROUGE-N counts clipped n-gram overlap;
ROUGE-L uses the longest common subsequence. Options: `variant` (rouge1, rouge2, rougeL; default
rougeL), `stem` (default false), `measure` (f, precision, recall), `threshold` (passed at or
above; default 0.5), `field`/`value` for the reference (a list: the one with the best F counts).

Score: output "the cat sat on the mat" vs expected "the cat lay on the mat" -> rouge1 F = 5/6
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from lmgate.eval.metrics._common import FIELD, VALUE, fmeasure, references
from lmgate.eval.metrics._porter import stem as porter_stem
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.spec import Opt

NAME = "rouge"
KIND = "score"
HIGHER_IS_BETTER = True
CONF = {"variant": Opt("str", "rougeL", "which ROUGE", choices=("rouge1", "rouge2", "rougeL")),
        "stem": Opt("bool", False, "Porter-stem words longer than 3 letters"),
        "measure": Opt("str", "f", "F-measure, precision or recall", choices=("f", "precision", "recall")),
        "threshold": Opt("number", 0.5, "passed when the score is at least this", minimum=0, maximum=1),
        "value": VALUE, "field": FIELD}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def tokenize(text: str, stem: bool = False) -> list[str]:
    tokens = _NON_ALNUM.sub(" ", text.lower()).split()
    return [porter_stem(t) if stem and len(t) > 3 else t for t in tokens]


def _lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def scores(target: list[str], prediction: list[str], variant: str) -> tuple[float, float, float]:
    """(precision, recall, F) of one reference, the way rouge_scorer computes them."""
    if variant == "rougeL":
        if not target or not prediction:
            return 0.0, 0.0, 0.0
        hits, n_pred, n_target = _lcs(target, prediction), len(prediction), len(target)
    else:
        n = int(variant[-1])
        grams_t = Counter(tuple(target[i:i + n]) for i in range(len(target) - n + 1))
        grams_p = Counter(tuple(prediction[i:i + n]) for i in range(len(prediction) - n + 1))
        hits = sum((grams_t & grams_p).values())
        n_pred, n_target = max(sum(grams_p.values()), 1), max(sum(grams_t.values()), 1)
    precision, recall = hits / n_pred, hits / n_target
    return precision, recall, fmeasure(precision, recall)


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    which = {"precision": 0, "recall": 1, "f": 2}[options["measure"]]
    prediction = tokenize(output, options["stem"])
    # like rouge_scorer.score_multi: the reference with the best F decides, then report the measure
    best = max((scores(tokenize(ref, options["stem"]), prediction, options["variant"])
                for ref in references(item, options)), key=lambda s: s[2])[which]
    return MetricResult(best, best >= options["threshold"])
