"""rouge: ROUGE-1/2/L F-measure between output and reference, as Google's `rouge-score`.

Tokens are lowercase ASCII letter/digit runs (everything else separates words); with `stem`,
words longer than three letters are Porter-stemmed. ROUGE-N counts clipped n-gram overlap;
ROUGE-L uses the longest common subsequence. Options: `variant` (rouge1, rouge2, rougeL; default
rougeL), `stem` (default false), `measure` (f, precision, recall), `threshold` (passed at or
above; default 0.5), `field`/`value` for the reference (a list: the one with the best F counts).

The Porter stemmer is written here from the published algorithm
(https://tartarus.org/martin/PorterStemmer/) plus the deviations of NLTK's default mode, which
rouge-score uses: a few irregular forms, `ies`/`ied` on 4-letter words, `y`→`i` only after a
consonant, `alli`/`fulli`/`logi` in step 2, and the two-letter "vc" counting as cvc. So scores
match Google's scorer (tests/eval/test_metric_references.py) without nltk at run time.

Score: output "the cat sat on the mat" vs expected "the cat lay on the mat" -> rouge1 F = 5/6
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from lmgate.eval.metrics.base import FIELD, VALUE, MetricResult, ScoringContext, references
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
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def score(output: str, item: Mapping[str, Any], options: Mapping[str, Any], ctx: ScoringContext) -> MetricResult:
    which = {"precision": 0, "recall": 1, "f": 2}[options["measure"]]
    prediction = tokenize(output, options["stem"])
    # like rouge_scorer.score_multi: the reference with the best F decides, then report the measure
    best = max((scores(tokenize(ref, options["stem"]), prediction, options["variant"])
                for ref in references(item, options)), key=lambda s: s[2])[which]
    return MetricResult(best, best >= options["threshold"])


# --- the Porter stemmer, NLTK's default mode ------------------------------------------------------


_IRREGULAR = {"skies": "sky", "sky": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
              "innings": "inning", "inning": "inning", "outings": "outing", "outing": "outing",
              "cannings": "canning", "canning": "canning", "howe": "howe", "proceed": "proceed",
              "exceed": "exceed", "succeed": "succeed"}
Rule = tuple[str, str, Callable[[str], bool] | None]


def _consonants(word: str) -> list[bool]:
    flags: list[bool] = []
    for i, ch in enumerate(word):  # `y` is a consonant at the start and after a vowel
        flags.append(ch not in "aeiou" and (ch != "y" or i == 0 or not flags[i - 1]))
    return flags


def _measure(stem: str) -> int:
    return "".join("c" if c else "v" for c in _consonants(stem)).count("vc")


def _has_vowel(stem: str) -> bool:
    return not all(_consonants(stem))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _consonants(word)[-1]


def _cvc(word: str) -> bool:
    c = _consonants(word)
    if len(word) == 2:
        return not c[0] and c[1]
    return len(word) >= 3 and c[-3] and not c[-2] and c[-1] and word[-1] not in "wxy"


def _m(n: int) -> Callable[[str], bool]:
    return lambda stem: _measure(stem) > n


def _apply(word: str, rules: list[Rule]) -> str:
    """The first rule whose suffix matches decides, whether or not its condition holds."""
    for suffix, replacement, condition in rules:
        if suffix == "*d" and _double_consonant(word):
            return word[:-2] + replacement if condition is None or condition(word[:-2]) else word
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if condition is None or condition(stem) else word
    return word


def _step1(word: str) -> str:
    if word.endswith("ies") and len(word) == 4:
        word = word[:-3] + "ie"
    else:
        word = _apply(word, [("sses", "ss", None), ("ies", "i", None), ("ss", "ss", None), ("s", "", None)])
    if word.endswith("ied"):
        word = word[:-3] + ("ie" if len(word) == 4 else "i")
    elif word.endswith("eed"):
        word = word[:-1] if _measure(word[:-3]) > 0 else word
    else:
        for suffix in ("ed", "ing"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and _has_vowel(stem):
                word = _apply(stem, [("at", "ate", None), ("bl", "ble", None), ("iz", "ize", None),
                                     ("*d", stem[-1], lambda s, last=stem[-1]: last not in "lsz"),
                                     ("", "e", lambda s: _measure(s) == 1 and _cvc(s))])
                break
    return _apply(word, [("y", "i", lambda s: len(s) > 1 and _consonants(s)[-1])])


_STEP2 = [(s, r, _m(0)) for s, r in (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
    ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
    ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
    ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("fulli", "ful"))]
_STEP3 = [(s, r, _m(0)) for s, r in (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"),
                                     ("ical", "ic"), ("ful", ""), ("ness", ""))]
_STEP4: list[Rule] = [(s, "", _m(1)) for s in ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
                                               "ment", "ent")]
_STEP4 += [("ion", "", lambda s: _measure(s) > 1 and s[-1] in "st")]
_STEP4 += [(s, "", _m(1)) for s in ("ou", "ism", "ate", "iti", "ous", "ive", "ize")]


def _step2(word: str) -> str:
    if word.endswith("alli") and _measure(word[:-4]) > 0:
        return _step2(word[:-4] + "al")
    return _apply(word, [*_STEP2, ("logi", "log", lambda s: _measure(word[:-3]) > 0)])


def _step5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        if _measure(stem) > 1 or (_measure(stem) == 1 and not _cvc(stem)):
            word = stem
    return word[:-1] if word.endswith("ll") and _measure(word[:-1]) > 1 else word


@functools.lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """Porter (1980) with NLTK's extensions (nltk's default mode), as rouge-score stems."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 2:
        return word
    return _step5(_apply(_apply(_step2(_step1(word)), _STEP3), _STEP4))
