"""The Porter (1980) stemmer with NLTK's extensions, the variant `rouge-score` uses.

Written from the published algorithm (https://tartarus.org/martin/PorterStemmer/) plus the
deviations of NLTK's default mode, so ROUGE with stemming matches Google's scorer without
depending on nltk: a few irregular forms, `ies`/`ied` on 4-letter words, `y`→`i` only after a
consonant, `alli`/`fulli`/`logi` in step 2, and the two-letter "vc" counting as cvc.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

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
def stem(word: str) -> str:
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 2:
        return word
    return _step5(_apply(_apply(_step2(_step1(word)), _STEP3), _STEP4))
