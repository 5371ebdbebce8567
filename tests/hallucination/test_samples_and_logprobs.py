"""`selfcheck` over repeats and `logprob` over token log-probabilities, including their refusals to guess."""

from __future__ import annotations

import math

from lmgate.hallucination.detectors import logprob, selfcheck
from lmgate.hallucination.detectors.base import Item

SAMPLES = ("The bridge opened in 1932 and spans the harbour.", "It opened in 1932; it spans the harbour.",
           "Opened 1932, the bridge spans Sydney harbour.")


def test_selfcheck_flags_what_the_samples_do_not_repeat():
    consistent = selfcheck.score(Item("The bridge opened in 1932.", samples=SAMPLES), {})
    invented = selfcheck.score(Item("The bridge opened in 1932. It was designed by Gustave Eiffel in 1901.",
                                    samples=SAMPLES), {})
    assert not consistent.flagged and invented.flagged and invented.score > consistent.score
    assert [s.text for s in invented.spans] == ["It was designed by Gustave Eiffel in 1901."]
    assert "not repeated by most samples" in invented.spans[0].reason


def test_selfcheck_needs_enough_samples():
    v = selfcheck.score(Item("The bridge opened in 1932.", samples=SAMPLES[:2]), {})
    assert v.score is None and "needs at least 3" in v.reason
    assert selfcheck.score(Item("", samples=SAMPLES), {}).score == 0.0


def test_logprob_uses_the_least_likely_key_token():
    tokens = [("The", -0.01), (" bridge", -0.02), (" opened", -0.05), (" in", -0.01), (" 19", -0.1),
              ("32", -2.3), (".", -0.01)]
    v = logprob.score(Item("The bridge opened in 1932.", logprobs=tuple(tokens)), {})
    assert v.score == 1 - math.exp(-2.3) and v.flagged
    assert v.spans[0].text == "32" and (v.spans[0].start, v.spans[0].end) == (23, 25)
    sure = logprob.score(Item("The bridge opened in 1932.", logprobs=tuple((t, -0.01) for t, _ in tokens)), {})
    assert not sure.flagged


def test_logprob_without_logprobs_or_with_junk_is_unjudged():
    assert logprob.score(Item("x"), {}).reason.startswith("the provider returned no logprobs")
    junk = logprob.score(Item("x", logprobs=(("x", float("nan")), ("y", "bad"))), {})  # type: ignore[arg-type]
    assert junk.score is None and "no usable numbers" in junk.reason
