"""The acceptance check: lmgate's metrics agree with the reference implementations to 1e-6 on a few
hundred real text pairs from ../shared/data/hallucination (read at test time, never copied).

References: the official SQuAD v1.1 evaluation logic and lm-evaluation-harness' exact_match
(re-derived below, as neither ships as a package), Google's `rouge-score`, `sacrebleu`, and
nltk's Porter stemmer (installed with rouge-score). All are test-only dependencies.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter

import pytest
import sacrebleu
from nltk.stem.porter import PorterStemmer
from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU, CHRF

from lmgate.eval.metrics import build_metric
from lmgate.eval.metrics.rouge import porter_stem as stem

TOL = 1e-6


def _rows(shared_data, name: str) -> list[dict]:
    with (shared_data / "hallucination" / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def qa_pairs(shared_data) -> list[tuple[str, str]]:
    """(hallucinated answer, right answer) to the same HaluEval question: short, realistic QA pairs."""
    by_question: dict[str, dict[str, str]] = {}
    for row in _rows(shared_data, "halueval_qa.jsonl"):
        by_question.setdefault(row["question"], {})["right" if row["id"].endswith("-right") else "halluc"] = \
            row["response"]
    pairs = [(d["halluc"], d["right"]) for d in by_question.values() if len(d) == 2]
    return pairs[:250] + [(d["right"], d["right"].upper() + ".") for d in list(by_question.values())[:50]]


@pytest.fixture(scope="module")
def summary_pairs(shared_data) -> list[tuple[str, str]]:
    """(summary, source text cut to its first ~80 words) from SummaC's XSum and SummEval sets."""
    rows = _rows(shared_data, "summac_xsumfaith.jsonl")[:100] + _rows(shared_data, "summac_summeval.jsonl")[:100]
    return [(r["response"], " ".join(r["context"].split(" ")[:80])) for r in rows]


def _sample(summary_pairs, qa_pairs, options) -> list[tuple[str, str]]:
    """All ~500 pairs for the default options; a 120-pair sample for each variant, to stay fast."""
    return summary_pairs + qa_pairs if not options else summary_pairs[:60] + qa_pairs[:60]


# --- the official SQuAD v1.1 evaluate-v1.1.py logic ---------------------------------------------
def squad_normalize_answer(s):
    def remove_articles(text):
        return re.sub(r"\b(a|an|the)\b", " ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    return white_space_fix(remove_articles(remove_punc(s.lower())))


def squad_f1(prediction, ground_truth):
    prediction_tokens = squad_normalize_answer(prediction).split()
    ground_truth_tokens = squad_normalize_answer(ground_truth).split()
    common = Counter(prediction_tokens) & Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    return (2 * precision * recall) / (precision + recall)


def lm_eval_exact_match(prediction, reference, regexes, ignore_case, ignore_punctuation):
    for s in regexes:
        prediction, reference = re.sub(s, "", prediction), re.sub(s, "", reference)
    if ignore_case:
        prediction, reference = prediction.lower(), reference.lower()
    if ignore_punctuation:
        table = string.punctuation.maketrans("", "", string.punctuation)
        prediction, reference = prediction.translate(table), reference.translate(table)
    return float(prediction == reference)


def test_squad_exact_match_and_f1_match_the_official_script(qa_pairs):
    em, f1 = build_metric("exact_match"), build_metric("f1")
    matches = 0
    for prediction, truth in qa_pairs:
        item = {"expected": truth}
        expected_em = float(squad_normalize_answer(prediction) == squad_normalize_answer(truth))
        assert em.score(prediction, item).score == expected_em, (prediction, truth)
        assert abs(f1.score(prediction, item).score - squad_f1(prediction, truth)) < TOL, (prediction, truth)
        matches += expected_em
    assert 40 <= matches < len(qa_pairs)  # both outcomes are exercised
    answers = [t for _, t in qa_pairs[:20]]  # several ground truths: the best one counts, as in SQuAD
    for prediction, _ in qa_pairs[:50]:
        best = max(squad_f1(prediction, a) for a in answers)
        assert abs(f1.score(prediction, {"expected": answers}).score - best) < TOL


@pytest.mark.parametrize("options", [
    {"ignore_case": True}, {"ignore_punctuation": True, "ignore_case": True},
    {"regexes_to_ignore": [r"\bthe\b", r"[0-9]"], "ignore_punctuation": True}, {}])
def test_exact_match_options_match_lm_eval(qa_pairs, options):
    metric = build_metric({"exact_match": {"squad": False, **options}})
    for prediction, truth in qa_pairs:
        expected = lm_eval_exact_match(prediction, truth, options.get("regexes_to_ignore", []),
                                       options.get("ignore_case", False), options.get("ignore_punctuation", False))
        assert metric.score(prediction, {"expected": truth}).score == expected


@pytest.mark.parametrize("use_stemmer", [False, True])
def test_rouge_matches_google_rouge_score(summary_pairs, qa_pairs, use_stemmer):
    variants = ("rouge1", "rouge2", "rougeL")
    scorer = rouge_scorer.RougeScorer(list(variants), use_stemmer=use_stemmer)
    metrics = {v: build_metric({"rouge": {"variant": v, "stem": use_stemmer}}) for v in variants}
    recall = build_metric({"rouge": {"variant": "rouge2", "measure": "recall", "stem": use_stemmer}})
    for prediction, target in summary_pairs + qa_pairs:
        reference = scorer.score(target, prediction)
        for v in variants:
            assert abs(metrics[v].score(prediction, {"expected": target}).score - reference[v].fmeasure) < TOL
        assert abs(recall.score(prediction, {"expected": target}).score - reference["rouge2"].recall) < TOL


def test_porter_stemmer_matches_nltk_on_every_corpus_word(shared_data):
    words: set[str] = set()
    for name in ("summac_xsumfaith.jsonl", "halueval_qa.jsonl"):
        for row in _rows(shared_data, name)[:2000]:
            words.update(re.findall(r"[a-z0-9]+", f"{row['context']} {row['response']}".lower()))
    nltk = PorterStemmer()
    assert len(words) > 5000
    assert [w for w in sorted(words) if stem(w) != nltk.stem(w)] == []


@pytest.mark.parametrize("options", [{}, {"lowercase": True}, {"smooth": "none"}, {"smooth": "floor"},
                                     {"smooth": "add-k"}, {"tokenize": "none"}])
def test_bleu_matches_sacrebleu_sentence_and_corpus(summary_pairs, qa_pairs, options):
    pairs = _sample(summary_pairs, qa_pairs, options)
    metric = build_metric({"bleu": options})
    kw = {"lowercase": options.get("lowercase", False), "smooth_method": options.get("smooth", "exp"),
          "tokenize": options.get("tokenize", "13a")}
    sentence = BLEU(effective_order=True, **kw)  # what sacrebleu.sentence_bleu builds on every call
    for hypothesis, reference in pairs:
        expected = sentence.sentence_score(hypothesis, [reference]).score / 100
        assert abs(metric.score(hypothesis, {"expected": reference}).score - expected) < TOL
    hyps, refs = [h for h, _ in pairs], [r for _, r in pairs]
    corpus = sacrebleu.corpus_bleu(hyps, [refs], **kw).score / 100
    assert abs(metric.aggregate(hyps, [{"expected": r} for r in refs]) - corpus) < TOL
    multi = sentence.sentence_score(hyps[0], refs[:3]).score / 100  # several references
    assert abs(metric.score(hyps[0], {"expected": refs[:3]}).score - multi) < TOL


@pytest.mark.parametrize("options", [{}, {"word_order": 2}, {"lowercase": True, "whitespace": True},
                                     {"char_order": 4, "beta": 1}])
def test_chrf_matches_sacrebleu_sentence_and_corpus(summary_pairs, qa_pairs, options):
    pairs = _sample(summary_pairs, qa_pairs, options)
    metric = build_metric({"chrf": options})
    kw = {"char_order": options.get("char_order", 6), "word_order": options.get("word_order", 0),
          "beta": options.get("beta", 2), "lowercase": options.get("lowercase", False),
          "whitespace": options.get("whitespace", False)}
    reference_metric = CHRF(**kw)
    for hypothesis, reference in pairs:
        expected = reference_metric.sentence_score(hypothesis, [reference]).score / 100
        assert abs(metric.score(hypothesis, {"expected": reference}).score - expected) < TOL
    hyps, refs = [h for h, _ in pairs], [r for _, r in pairs]
    corpus = reference_metric.corpus_score(hyps, [refs]).score / 100
    assert abs(metric.aggregate(hyps, [{"expected": r} for r in refs]) - corpus) < TOL
