"""The hallucination gate: score head (and base) answers, compare the flagged rates, decide.

The head's flagged rate must stay <= max_rate, and must not exceed the base's by more than
max_increase with significance: McNemar (exact, one-sided) on items judged on both sides, a
one-sided two-proportion z-test when the sides share no items. Unjudged answers (no context, a
failed call) are counted apart and never in a rate; a suite with some is at best `warn`.

A gate that judged nothing guards nothing, so it fails, never passes or skips: a suite with no head
answers (eval crashed before its first answer, or ran other suites) and a suite none of whose answers
could be judged (no context reached the detector) each fail with the reason and the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lmgate.eval.stats import mcnemar_exact, two_proportion
from lmgate.hallucination.answers import Answer
from lmgate.hallucination.detectors.base import Verdict
from lmgate.hallucination.journal import Journal

ALPHA = 0.05
MAX_EXAMPLES = 5
Scorer = Callable[[Answer], Verdict]


def score_all(answers: Sequence[Answer], scorer: Scorer, workers: int = 1, journal: Journal | None = None,
              key: Callable[[Answer], str] | None = None) -> list[Verdict]:
    def one(a: Answer) -> Verdict:
        if a.error:
            return Verdict.unjudged(a.error)
        if journal is None or key is None:
            return scorer(a)
        k = key(a)
        found = journal.get(k)
        if found is None:
            found = scorer(a)
            journal.record(k, {"suite": a.suite, "id": a.id, "side": a.side}, found)
        return found

    if workers <= 1:
        return [one(a) for a in answers]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, answers))


def side_summary(pairs: Sequence[tuple[Answer, Verdict]]) -> dict[str, Any]:
    judged = [v for _, v in pairs if v.score is not None]
    flagged = sum(v.flagged for v in judged)
    return {"rate": round(flagged / len(judged), 4) if judged else None, "flagged": flagged, "n": len(judged),
            "unjudged": len(pairs) - len(judged)}


def increase(head: Mapping[str, Verdict], base: Mapping[str, Verdict]) -> dict[str, Any] | None:
    h = {k: v.flagged for k, v in head.items() if v.score is not None}
    b = {k: v.flagged for k, v in base.items() if v.score is not None}
    shared = sorted(h.keys() & b.keys())
    if shared:
        worse = sum(h[k] and not b[k] for k in shared)
        better = sum(b[k] and not h[k] for k in shared)
        return {"diff": round((worse - better) / len(shared), 4), "p_value": round(mcnemar_exact(worse, better,
                "greater"), 6), "test": "mcnemar", "pairs": len(shared), "head_only": worse, "base_only": better}
    if h and b:
        _, p = two_proportion(sum(h.values()), len(h), sum(b.values()), len(b), "greater")
        return {"diff": round(sum(h.values()) / len(h) - sum(b.values()) / len(b), 4), "p_value": round(p, 6),
                "test": "two_proportion"}
    return None


def decide(head: Mapping[str, Any], inc: Mapping[str, Any] | None, max_rate: float,
           max_increase: float) -> tuple[str, str]:
    if not head["n"]:
        return "fail", (f"no answer could be judged ({head['unjudged']} unjudged): no context reached the "
                        "detector; check hallucination.context, or list in hallucination.suites only the "
                        "suites whose items carry one")
    if head["rate"] > max_rate:
        return "fail", f"flagged rate {head['rate']:.1%} is above max_rate {max_rate:.1%}"
    if inc and inc["diff"] > max_increase and inc["p_value"] < ALPHA:
        return "fail", (f"flagged rate rose by {inc['diff']:.1%} over the base (more than {max_increase:.1%}, "
                        f"{inc['test']} p={inc['p_value']:.3g})")
    if inc:
        return "pass", (f"flagged rate {head['rate']:.1%} <= {max_rate:.1%}; change vs base {inc['diff']:+.1%} "
                        f"({inc['test']} p={inc['p_value']:.3g})")
    return "pass", f"flagged rate {head['rate']:.1%} <= {max_rate:.1%} (no base to compare)"


def examples(pairs: Sequence[tuple[Answer, Verdict]]) -> list[dict[str, Any]]:
    flagged = sorted(((a, v) for a, v in pairs if v.flagged), key=lambda p: (-(p[1].score or 0), p[0].id))
    return [{"id": a.id, "output": a.item.response[:2000], "score": round(v.score or 0.0, 4),
             "spans": [s.to_json() for s in v.spans[:10]]} for a, v in flagged[:MAX_EXAMPLES]]


def suite_result(name: str, pairs: Sequence[tuple[Answer, Verdict]], max_rate: float,
                 max_increase: float) -> dict[str, Any]:
    head = [(a, v) for a, v in pairs if a.side == "head"]
    base = [(a, v) for a, v in pairs if a.side == "base"]
    if not head:
        return {"name": name, "head": {"rate": None, "flagged": 0, "n": 0, "unjudged": 0}, "base": None,
                "increase": None, "verdict": "fail",
                "reason": "no head answers to judge in eval-items.jsonl: eval wrote none for this suite (did it "
                          "finish? run `lmgate eval` first, with the same results folder)",
                "examples": []}
    head_sum = side_summary(head)
    inc = increase({a.id: v for a, v in head}, {a.id: v for a, v in base}) if base else None
    verdict, reason = decide(head_sum, inc, max_rate, max_increase)
    if head_sum["unjudged"]:  # a rate over the judged few is no pass for the rest; and say why they were not
        why = next(v.reason for _, v in head if v.score is None)
        if verdict == "pass":
            verdict, reason = "warn", (f"{head_sum['unjudged']} of {len(head)} answers could not be judged "
                                       f"(first: {why}); over the {head_sum['n']} judged: {reason}")
        elif not head_sum["n"]:
            reason = f"{reason}; first: {why}"
    return {"name": name, "head": head_sum, "base": side_summary(base) if base else None, "increase": inc,
            "verdict": verdict, "reason": reason, "examples": examples(head)}


def overall(suites: Sequence[Mapping[str, Any]]) -> str:
    verdicts = {s["verdict"] for s in suites}
    for v in ("fail", "warn", "pass"):
        if v in verdicts:
            return v
    return "skipped"
