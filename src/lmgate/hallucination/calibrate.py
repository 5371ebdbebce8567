"""Threshold-free and thresholded accuracy figures, a dev-frozen threshold, seeded bootstrap intervals.

Used by `lmgate hallucination calibrate` and the accuracy benchmark. Standard library only. The
threshold is chosen on dev (max balanced accuracy) and then frozen: test figures never feed back.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence

Metric = Callable[[Sequence[float], Sequence[int], float], float]


def auroc(scores: Sequence[float], labels: Sequence[int], threshold: float = 0.0) -> float:
    """Mann-Whitney U with tie correction: P(score of a positive > score of a negative)."""
    pairs = sorted(zip(scores, labels, strict=True))
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i + 1  # a block holds at least its first item: NaN == NaN is false, and `j = i` never moved
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tied block
        rank_sum += mid * sum(lab for _, lab in pairs[i:j])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def auprc(scores: Sequence[float], labels: Sequence[int], threshold: float = 0.0) -> float:
    """Average precision (the step-wise area, as sklearn computes it)."""
    n_pos = sum(labels)
    if not n_pos:
        return float("nan")
    order = sorted(zip(scores, labels, strict=True), key=lambda p: -p[0])
    tp = fp = 0
    ap, prev_recall, i = 0.0, 0.0, 0
    while i < len(order):
        j = i
        while j < len(order) and (j == i or order[j][0] == order[i][0]):  # j == i: a NaN score ends its block
            tp += order[j][1]
            fp += 1 - order[j][1]
            j += 1
        recall = tp / n_pos
        ap += (recall - prev_recall) * tp / (tp + fp)
        prev_recall, i = recall, j
    return ap


def _confusion(scores, labels, threshold) -> tuple[int, int, int, int]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    return tp, fp, fn, len(labels) - tp - fp - fn


def balanced_accuracy(scores: Sequence[float], labels: Sequence[int], threshold: float) -> float:
    tp, fp, fn, tn = _confusion(scores, labels, threshold)
    if not tp + fn or not tn + fp:
        return float("nan")
    return (tp / (tp + fn) + tn / (tn + fp)) / 2


def f1(scores: Sequence[float], labels: Sequence[int], threshold: float) -> float:
    tp, fp, fn, _ = _confusion(scores, labels, threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The cut that maximises balanced accuracy (on dev); midpoints between distinct scores."""
    distinct = sorted(set(scores))
    cuts = [distinct[0]] + [(a + b) / 2 for a, b in itertools.pairwise(distinct)]
    if len(cuts) > 400:  # bounded time: quantiles are enough for a threshold
        cuts = [cuts[int(i * (len(cuts) - 1) / 399)] for i in range(400)]
    best = max(cuts, key=lambda c: (balanced_accuracy(scores, labels, c), -abs(c - 0.5)))
    return round(best, 6)


def bootstrap(metric: Metric, scores: Sequence[float], labels: Sequence[int], threshold: float = 0.0,
              *, rounds: int = 1000, seed: int = 0) -> tuple[float, float, float]:
    """The figure and its percentile 95% interval over `rounds` seeded resamples of the items."""
    value = metric(scores, labels, threshold)
    rng = random.Random(seed)
    n, values = len(scores), []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        v = metric([scores[i] for i in idx], [labels[i] for i in idx], threshold)
        if v == v:  # a resample with one class has no AUROC; skip it
            values.append(v)
    values.sort()
    if not values:
        return value, float("nan"), float("nan")
    return value, values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]


METRICS: dict[str, Metric] = {"auroc": auroc, "auprc": auprc, "balanced_accuracy": balanced_accuracy, "f1": f1}


def report(dev: tuple[Sequence[float], Sequence[int]], test: tuple[Sequence[float], Sequence[int]],
           *, rounds: int = 1000, seed: int = 0, threshold: float | None = None) -> dict:
    """Threshold frozen on dev (unless given), every figure on test with its interval."""
    if not all(math.isfinite(s) for s in (*dev[0], *test[0])):  # no order, no rank: every figure would lie
        raise ValueError("scores must be finite numbers (NaN or an infinity was given)")
    cut = choose_threshold(*dev) if threshold is None else threshold
    out: dict = {"threshold": cut, "n_dev": len(dev[0]), "n_test": len(test[0])}
    for name, metric in METRICS.items():
        v, lo, hi = bootstrap(metric, *test, cut, rounds=rounds, seed=seed)
        out[name] = {"value": round(v, 4), "ci_low": round(lo, 4), "ci_high": round(hi, 4)}
    return out
