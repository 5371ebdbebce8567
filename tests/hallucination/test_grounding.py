"""The `grounding` detector on real labelled data (dev rows only) and on hostile input."""

from __future__ import annotations

import json

from lmgate.hallucination import grounding_weights as fitted
from lmgate.hallucination import text
from lmgate.hallucination.calibrate import auroc
from lmgate.hallucination.claims import split_claims
from lmgate.hallucination.detectors import grounding
from lmgate.hallucination.detectors.base import Item
from lmgate.hallucination.features import Context, claim_features

CONTEXT = "Marie Curie won the Nobel Prize in Physics in 1903 and in Chemistry in 1911. She was born in Warsaw."


def judge(response: str, context: str | None = CONTEXT, question: str | None = None):
    return grounding.score(Item(response, context, question), {})


def test_separates_right_from_invented_answers_on_halueval_dev(shared_data):
    rows = [json.loads(line) for line in (shared_data / "hallucination" / "halueval_qa.jsonl").open()]
    rows = [r for r in rows if r["split"] == "dev"][:300]
    scores = [judge(r["response"], r["context"], r["question"]).score for r in rows]
    assert auroc(scores, [r["label"] for r in rows]) > 0.93


def test_flags_the_invented_claim_with_its_reason():
    v = judge("Marie Curie won the Nobel Prize in Chemistry in 1911. She later moved to Boston in 1925.")
    assert v.flagged and v.score is not None
    assert [s.text for s in v.spans] == ["She later moved to Boston in 1925."]
    assert "1925" in v.spans[0].reason and "Boston" in v.spans[0].reason
    assert not judge("Marie Curie won the Nobel Prize in Chemistry in 1911.").flagged


def test_no_context_is_unjudged_not_guessed():
    for context in (None, "", "   \n"):
        v = judge("Paris is the capital of France.", context)
        assert v.score is None and not v.flagged and "no context" in v.reason


def test_empty_answers_and_refusals_have_no_claims():
    for answer in ("", "   ", "I don't know.", "I'm not sure"):
        v = judge(answer)
        assert v.score == 0.0 and not v.flagged and "no checkable claim" in v.reason
    assert split_claims("- one\n- two\n3) three") and len(split_claims("Mr. Lu went home. He slept.")) == 2


def test_a_one_megabyte_context_is_judged():
    # its time is a benchmark figure (benchmarks/hallucination_accuracy.py), not a test
    context = ("The quick brown fox jumps over the lazy dog number %d. " * 20000) % tuple(range(20000))
    assert len(context) > 1_000_000
    v = judge("The fox jumps over the dog number 17. It was painted by Claude Monet.", context)
    assert v.flagged and "Claude Monet" in v.spans[-1].reason


def test_non_english_text_does_not_crash():
    zh = judge("居里夫人于1911年获得诺贝尔化学奖。", "玛丽·居里于1903年获得诺贝尔物理学奖，1911年获得诺贝尔化学奖。")
    ar = judge("ولدت ماري كوري في وارسو.", "ولدت ماري كوري في وارسو عام 1867.")
    german = "Marie Curie gewann 1911 den Nobelpreis für Chemie."
    de = judge(german, german)
    for v in (zh, ar, de):
        assert v.score is not None and 0.0 <= v.score <= 1.0
    assert not de.flagged


def test_real_summaries_get_a_score(shared_data):
    rows = [json.loads(line) for line in (shared_data / "hallucination" / "summac_xsumfaith.jsonl").open()][:150]
    scores = [judge(r["response"], r["context"]).score for r in rows]
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_a_possessive_is_the_name_it_belongs_to():
    assert text.words("Mr Jones's walk") == text.words("Mr Jones walk")
    assert text.entities("met Dr Hollins's team") == text.entities("met Dr Hollins team")


def test_a_tie_on_words_goes_to_the_sentence_holding_the_claims_word_pairs():
    # "y" is a stop word, so both sentences cover the claim's one content word, "plan"
    ctx = Context.build("Savings plan K pays 3% a year. Savings plan Y pays 2% a year.")
    feats, _ = claim_features("plan Y", ctx, fitted.COMMON)
    assert feats["bi_miss_best"] == 0.0


def test_a_chat_courtesy_is_no_claim_but_a_yes_word_is():
    assert [c.text for c in split_claims("Sure! The total is 215.")] == ["The total is 215."]
    assert [c.text for c in split_claims("Great question. Let me work it out: 148 + 67 = 215.")] == ["148 + 67 = 215."]
    assert split_claims("Absolutely! It is taller.")[0].text == "Absolutely!"


def test_chat_frames_and_closings_are_cut_off_or_skipped():
    frames = ["The answer is: No", "**Answer:** No", "Based on the information given, no", "So, no",
              "To answer your question: no"]
    assert [split_claims(f)[0].text.lower() for f in frames] == ["no"] * len(frames)
    closings = "42\n\nI hope this helps! Let me know if you have any other questions."
    assert [c.text for c in split_claims(closings)] == ["42"]
    assert [c.text for c in split_claims("42. This is calculated from the figures in the text.")] == ["42."]


def test_an_echoed_question_is_no_claim_and_a_unit_letter_ends_a_sentence():
    assert [c.text for c in split_claims("You asked: How many are there? 42")] == ["42"]
    assert [c.text for c in split_claims("It is 1,470 m. Tanganyika is deeper.")] == ["It is 1,470 m.",
                                                                                      "Tanganyika is deeper."]
    assert [c.text for c in split_claims("J. Smith won.")] == ["J. Smith won."]


def test_a_sentence_goes_on_after_a_m_or_p_m_when_it_goes_on_in_lower_case():
    # "the next morning" belongs to the time it follows: alone it would be words the context lacks
    assert [c.text for c in split_claims("It ends at 8:00 a.m. the next morning.")] == [
        "It ends at 8:00 a.m. the next morning."]
    assert [c.text for c in split_claims("It ends at 8 p.m. Then the hall closes.")] == [
        "It ends at 8 p.m.", "Then the hall closes."]
