"""Agreement with the reference implementations, and scoring speed, of the text metrics.

    .venv/bin/python benchmarks/metrics_reference.py [--pairs 1000]

Pairs are real: HaluEval QA answers (hallucinated vs right) and SummaC summaries vs their source
(first 80 words), from ../shared/data/hallucination. For each metric: the largest absolute
difference from the reference (rouge-score, sacrebleu; the SQuAD v1.1 script's F1) over all
pairs, and lmgate's items/s vs the reference's. Then the parts that replaced hand-made code
(issue 17): `levenshtein` on one pair of 3,000-character answers and on the pairs (vs rapidfuzz),
`json_schema` on a few thousand documents (disagreements with the `jsonschema` library), and the
`regex` metric on a catastrophic pattern. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "hallucination"

from lmgate.eval.metrics import build_metric  # noqa: E402


def pairs(limit: int) -> list[tuple[str, str]]:
    by_q: dict[str, dict[str, str]] = {}
    for line in (DATA / "halueval_qa.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        by_q.setdefault(row["question"], {})["right" if row["id"].endswith("-right") else "h"] = row["response"]
    out = [(d["h"], d["right"]) for d in by_q.values() if len(d) == 2][: limit // 2]
    for name in ("summac_xsumfaith.jsonl", "summac_summeval.jsonl"):
        for line in list((DATA / name).open(encoding="utf-8"))[: limit // 4]:
            row = json.loads(line)
            out.append((row["response"], " ".join(row["context"].split(" ")[:80])))
    return out


PUNCTUATION = set(string.punctuation)


def squad_f1(prediction: str, truth: str) -> float:
    def norm(s: str) -> list[str]:
        s = "".join(ch for ch in s.lower() if ch not in PUNCTUATION)
        return re.sub(r"\b(a|an|the)\b", " ", s).split()

    p, t = norm(prediction), norm(truth)
    same = sum((Counter(p) & Counter(t)).values())
    return 0.0 if same == 0 else 2 * (same / len(p)) * (same / len(t)) / (same / len(p) + same / len(t))


def timed(fn, data) -> tuple[list[float], float]:
    start = time.perf_counter()
    out = [fn(h, r) for h, r in data]
    return out, len(data) / (time.perf_counter() - start)


def long_answers(data: list[tuple[str, str]], chars: int = 3000) -> tuple[str, str]:
    """Two different ~3,000-character answers, made of the corpus' own text."""
    hyp = " ".join(h for h, _ in data)[:chars]
    ref = " ".join(r for _, r in reversed(data))[:chars]
    return hyp, ref


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 4)


SCHEMA = {"type": "object", "required": ["answer", "confidence"], "additionalProperties": False,
          "properties": {"answer": {"type": "string", "minLength": 1, "pattern": "^[A-Z]"},
                         "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                         "flags": {"type": "array", "items": {"enum": [True, "cited", 1]}, "uniqueItems": True},
                         "n": {"type": "integer"}}}


def schema_documents(data: list[tuple[str, str]]) -> list[str]:
    """Valid and invalid outputs, including the cases where JSON Schema's equality is not Python's."""
    docs = []
    for i, (h, _) in enumerate(data):
        flags = [["cited"], [1, True], [True], [1.0], [0, False], [[1], [True]]][i % 6]
        docs.append(json.dumps({"answer": h[:60], "confidence": (i % 13) / 10, "flags": flags,
                                "n": [1, 1.0, 2.5, True][i % 4]}))
    return docs


def replaced_parts(data: list[tuple[str, str]]) -> dict:
    import jsonschema
    from rapidfuzz.distance import Levenshtein

    figures: dict = {}
    lev = build_metric({"levenshtein": {"threshold": 0.5}})
    hyp, ref = long_answers(data)
    figures["levenshtein_3000_chars_s"] = seconds(lambda: lev.score(hyp, {"expected": ref}))
    sample = data[:200]
    ours, rate = timed(lambda h, r: lev.score(h, {"expected": r}).score, sample)
    theirs = [Levenshtein.normalized_similarity(h, r) for h, r in sample]
    figures["levenshtein"] = {"pairs": len(sample), "items_per_s": round(rate),
                              "max_abs_diff_vs_rapidfuzz": max(abs(a - b) for a, b in zip(ours, theirs, strict=True))}
    metric = build_metric({"json_schema": {"schema": SCHEMA}})
    reference = jsonschema.Draft202012Validator(SCHEMA)
    docs = schema_documents(data)
    verdicts, rate = timed(lambda d, _: metric.score(d, {}).passed, [(d, None) for d in docs])
    figures["json_schema"] = {"documents": len(docs), "items_per_s": round(rate), "disagreements_with_jsonschema":
                              sum(v != reference.is_valid(json.loads(d)) for v, d in zip(verdicts, docs, strict=True))}
    regex = build_metric({"regex": {"pattern": "(a|aa)*c"}})
    # 30 `a`s take Python's backtracking `re` about a second, and each more `a` multiplies that by ~1.7;
    # the 100,000-character answer is only tried on an engine that did the 30 in a blink (linear time)
    figures["regex_catastrophic_30_chars_s"] = seconds(lambda: regex.score("a" * 30, {}))
    figures["regex_catastrophic_100k_chars_s"] = (
        seconds(lambda: regex.score("a" * 100_000, {})) if figures["regex_catastrophic_30_chars_s"] < 0.01 else None)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1000)
    data = pairs(parser.parse_args().pairs)
    import sacrebleu
    from rouge_score import rouge_scorer

    rouge_ref = {s: rouge_scorer.RougeScorer(["rougeL"], use_stemmer=s) for s in (False, True)}
    bleu_ref = sacrebleu.metrics.BLEU(effective_order=True)
    chrf_ref = sacrebleu.metrics.CHRF()
    cases = {
        "f1": ("f1", squad_f1),
        "rougeL": ("rouge", lambda h, r: rouge_ref[False].score(r, h)["rougeL"].fmeasure),
        "rougeL_stem": ({"rouge": {"stem": True}}, lambda h, r: rouge_ref[True].score(r, h)["rougeL"].fmeasure),
        "bleu": ("bleu", lambda h, r: bleu_ref.sentence_score(h, [r]).score / 100),
        "chrf": ("chrf", lambda h, r: chrf_ref.sentence_score(h, [r]).score / 100),
    }
    figures: dict = {"pairs": len(data)}
    for label, (spec, reference) in cases.items():
        metric = build_metric(spec)
        ours, ours_rate = timed(lambda h, r, m=metric: m.score(h, {"expected": r}).score, data)
        theirs, their_rate = timed(reference, data)
        figures[label] = {"max_abs_diff": max(abs(a - b) for a, b in zip(ours, theirs, strict=True)),
                          "items_per_s": round(ours_rate), "reference_items_per_s": round(their_rate)}
    hyps, refs = [h for h, _ in data], [r for _, r in data]
    corpus = build_metric("bleu").aggregate(hyps, [{"expected": r} for r in refs])
    figures["corpus_bleu_abs_diff"] = abs(corpus - sacrebleu.corpus_bleu(hyps, [refs]).score / 100)
    figures.update(replaced_parts(data))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
