"""`nli` reads only a real entailment probability; anything else leaves the claim's answer unjudged.

A two-class model answers `not_entailment` / `entailment` (the hosted API sorts them by score), and
the old substring match took `not_entailment` for entailment: every rejected claim passed. A NaN or
a raw logit was clamped into 0 or 1 — NaN into "entailed", a clean verdict on no evidence.
"""

from __future__ import annotations

import pytest

from lmgate.hallucination.detectors import nli
from lmgate.hallucination.detectors.base import Deps, Item

CONTEXT = "Marie Curie won the Nobel Prize in Chemistry in 1911."
ANSWER = Item("She moved to Boston in 1925.", CONTEXT)


def judged(labels: dict[str, float]):
    return nli.score(ANSWER, {}, Deps(nli=lambda premise, claim: labels))


def test_a_two_class_model_that_rejects_the_claim_flags_it():
    v = judged({"not_entailment": 0.97, "entailment": 0.03})
    assert v.flagged and v.score == pytest.approx(0.97)
    assert not judged({"Entailment ": 0.9, "NOT_ENTAILMENT": 0.1}).flagged


@pytest.mark.parametrize("labels", [{"ENTAILMENT": float("nan"), "CONTRADICTION": 0.5},
                                    {"entailment": 4.2, "contradiction": -3.0},
                                    {"LABEL_0": 0.9, "LABEL_1": 0.1}])
def test_no_probability_of_entailment_leaves_the_answer_unjudged(labels):
    v = judged(labels)
    assert v.score is None and not v.flagged and v.reason.startswith("NLI call failed: ValueError")
