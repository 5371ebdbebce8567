"""The fast bootstrap route of corpus metrics: additive statistics (`item_stats`/`from_stats`) must give
exactly the corpus figure that `aggregate` and sacrebleu give, on a few hundred real text pairs from
../shared/data/hallucination (read at test time), and the same bootstrap as the slow route.
"""

from __future__ import annotations

import json
import time

import pytest
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF

from lmgate.eval.compare import summarize_suite
from lmgate.eval.corpus import fast
from lmgate.eval.metrics import build_metric

from .recordgen import record

TOL = 1e-9


def _rows(shared_data, name: str) -> list[dict]:
    with (shared_data / "hallucination" / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def qa(shared_data) -> list[dict[str, str]]:
    """HaluEval questions with both a right and a hallucinated answer."""
    by_question: dict[str, dict[str, str]] = {}
    for row in _rows(shared_data, "halueval_qa.jsonl"):
        kind = "right" if row["id"].endswith("-right") else "halluc"
        by_question.setdefault(row["question"], {"question": row["question"]})[kind] = row["response"]
    return [d for d in by_question.values() if len(d) == 3]


@pytest.fixture(scope="module")
def pairs(shared_data, qa) -> list[tuple[str, str]]:
    """~350 (output, reference) pairs: SummaC summaries vs their source's first 60 words, QA answers."""
    rows = _rows(shared_data, "summac_xsumfaith.jsonl")[:80] + _rows(shared_data, "summac_summeval.jsonl")[:70]
    summaries = [(r["response"], " ".join(r["context"].split(" ")[:60])) for r in rows]
    return summaries + [(d["halluc"], d["right"]) for d in qa[:200]]


def _sample(pairs, options) -> list[tuple[str, str]]:
    """All ~350 pairs for the default options; 160 of them (long and short) for each variant, to stay fast."""
    return pairs if not options else pairs[:80] + pairs[-80:]


def _summed(metric, outputs, items) -> float:
    vectors = [metric.item_stats(o, i) for o, i in zip(outputs, items, strict=True)]
    totals = [sum(column) for column in zip(*vectors, strict=True)]
    return metric.from_stats(totals)


@pytest.mark.parametrize("options", [{}, {"lowercase": True}, {"smooth": "none"}, {"smooth": "floor"},
                                     {"smooth": "add-k", "smooth_value": 2}, {"tokenize": "none"}])
def test_summed_bleu_stats_equal_aggregate_and_sacrebleu(pairs, options):
    metric = build_metric({"bleu": options})
    hyps, refs = [h for h, _ in _sample(pairs, options)], [r for _, r in _sample(pairs, options)]
    items = [{"expected": r} for r in refs]
    assert fast(metric)
    assert len(metric.item_stats(hyps[0], items[0])) == 10
    expected = sacrebleu.corpus_bleu(hyps, [refs], lowercase=options.get("lowercase", False),
                                     smooth_method=options.get("smooth", "exp"),
                                     smooth_value=options.get("smooth_value"),
                                     tokenize=options.get("tokenize", "13a")).score / 100
    summed = _summed(metric, hyps, items)
    assert 0.0 < expected < 1.0
    assert abs(summed - expected) < TOL and abs(summed - metric.aggregate(hyps, items)) < TOL


@pytest.mark.parametrize("options", [{}, {"word_order": 2}, {"lowercase": True, "whitespace": True},
                                     {"char_order": 4, "beta": 1}])
def test_summed_chrf_stats_equal_aggregate_and_sacrebleu(pairs, options):
    metric = build_metric({"chrf": options})
    hyps, refs = [h for h, _ in _sample(pairs, options)], [r for _, r in _sample(pairs, options)]
    items = [{"expected": r} for r in refs]
    assert fast(metric)
    assert len(metric.item_stats(hyps[0], items[0])) == 3 * (options.get("char_order", 6)
                                                             + options.get("word_order", 0))
    reference = CHRF(char_order=options.get("char_order", 6), word_order=options.get("word_order", 0),
                     beta=options.get("beta", 2), lowercase=options.get("lowercase", False),
                     whitespace=options.get("whitespace", False))
    expected = reference.corpus_score(hyps, [refs]).score / 100
    summed = _summed(metric, hyps, items)
    assert 0.0 < expected < 1.0
    assert abs(summed - expected) < TOL and abs(summed - metric.aggregate(hyps, items)) < TOL
    if not options:  # the functional API gives the same figure
        assert abs(summed - sacrebleu.corpus_chrf(hyps, [refs]).score / 100) < TOL


@pytest.mark.parametrize("name", ["bleu", "chrf"])
def test_several_references_and_templated_options_sum_like_the_corpus(qa, name):
    """Two reference streams (a list `expected`); a `value` template rendered per item."""
    rows = qa[200:400]
    hyps = [d["halluc"] for d in rows]
    streams = [[d["right"] for d in rows], [d["question"] for d in rows]]
    reference = BLEU() if name == "bleu" else CHRF()
    expected = reference.corpus_score(hyps, streams).score / 100
    listed = build_metric(name)
    items = [{"expected": [a, q]} for a, q in zip(*streams, strict=True)]
    assert abs(_summed(listed, hyps, items) - expected) < TOL
    assert abs(listed.aggregate(hyps, items) - expected) < TOL
    templated = build_metric({name: {"value": "{{ answer }}"}})
    items = [{"answer": a} for a in streams[0]]
    single = reference.corpus_score(hyps, streams[:1]).score / 100
    assert abs(_summed(templated, hyps, items) - single) < TOL


def test_negated_metrics_offer_negated_stats_and_others_offer_none(pairs):
    hyps, items = [h for h, _ in pairs[:100]], [{"expected": r} for _, r in pairs[:100]]
    for name in ("bleu", "chrf"):
        plain, negated = build_metric(name), build_metric(f"not_{name}")
        assert fast(negated) and negated.item_stats(hyps[0], items[0]) == plain.item_stats(hyps[0], items[0])
        value = _summed(plain, hyps, items)
        assert abs(_summed(negated, hyps, items) - (1.0 - value)) < TOL
        assert abs(negated.aggregate(hyps, items) - (1.0 - value)) < TOL
        assert plain.from_stats([]) == 0.0 and negated.from_stats([]) == 1.0  # no items, like aggregate
    assert plain.item_stats(None, items[0]) == plain.item_stats("", items[0])  # a missing output is empty
    for other in ("f1", "rouge", "exact_match", "levenshtein"):
        metric = build_metric(other)
        assert metric.item_stats is None and metric.from_stats is None and not fast(metric)


def _records(qa, n: int, *, repeats: int = 1) -> list[dict]:
    """Head answers half hallucinated, base answers right but cut short; a few errored head samples."""
    out = []
    for i, d in enumerate(qa[:n]):
        words = d["right"].split()
        for sample in range(repeats):
            head = d["halluc"] if (i + sample) % 2 else d["right"]
            base = " ".join(words[:max(1, len(words) - 1 - sample)])
            error = "HTTP 500" if i % 37 == 5 and sample == 0 else None
            for side, text in (("head", head), ("base", base)):
                rec = record(f"q{i}", side, passed=True, score=0.0, sample=sample, output=text,
                             error=error if side == "head" else None, cluster=f"c{i // 4}" if i % 3 == 0 else None)
                out.append({**rec, "inputs": {"expected": d["right"], "question": d["question"]}})
    return out


class _SlowOnly:
    """The same metric without its statistics: corpus.py must fall back to `aggregate` per resample."""

    def __init__(self, metric):
        self.name, self.kind, self.higher_is_better = metric.name, metric.kind, metric.higher_is_better
        self.aggregate = metric.aggregate


@pytest.mark.parametrize("name", ["bleu", "not_chrf"])
def test_fast_bootstrap_reproduces_the_slow_one(qa, name):
    """Same seed, same resamples: summing statistics gives the very replicates `aggregate` gives."""
    metric = build_metric(name)
    records = _records(qa, 40, repeats=2)
    assert fast(metric) and not fast(_SlowOnly(metric))
    quick = summarize_suite("qa", records, [metric], {}, repeats=2, n_boot=40)["metrics"][0]
    slow = summarize_suite("qa", records, [_SlowOnly(metric)], {}, repeats=2, n_boot=40)["metrics"][0]
    for part in ("head", "base", "diff"):
        assert quick[part].keys() == slow[part].keys()
        for key, value in quick[part].items():
            if isinstance(value, float):
                assert value == pytest.approx(slow[part][key], abs=TOL), (part, key)
            else:
                assert value == slow[part][key], (part, key)
    assert quick["diff"]["ci_low"] < quick["diff"]["ci_high"]


def test_summarize_suite_with_corpus_bleu_over_200_items_is_quick(qa):
    """Measured, not asserted (timing is not a test): printed for the benchmark notes."""
    metric = build_metric("bleu")
    records = _records(qa, 200)
    started = time.perf_counter()
    suite = summarize_suite("qa", records, [metric], {"bleu": {"max_drop": 0.05}})
    elapsed = time.perf_counter() - started
    entry = suite["metrics"][0]
    ok = [r for r in records if not r["error"]]
    for side in ("head", "base"):
        picked = [r for r in ok if r["side"] == side]
        exact = metric.aggregate([r["output"] for r in picked], [r["inputs"] for r in picked])
        assert entry[side]["mean"] == pytest.approx(exact, abs=TOL) and entry[side]["n"] == 200 - (side == "head") * 6
    assert entry["head"]["ci_low"] < entry["head"]["mean"] < entry["head"]["ci_high"]
    assert entry["diff"]["test"] == "bootstrap" and entry["diff"]["p_value"] is not None
    print(json.dumps({"items": 200, "n_boot": 1000, "summarize_suite_s": round(elapsed, 3)}))
