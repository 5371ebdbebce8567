"""Token totals of a prompt, shared by the budget rules (BUD001-BUD003)."""

from __future__ import annotations

from lmgate.lint.rules.base import LintContext, TokenCount
from lmgate.prompts.model import Prompt

MESSAGE_OVERHEAD = 4  # OpenAI chat format: <|start|>role\n ... <|end|> per message
MAX_FACTOR = 1.25     # the largest estimate factor in data/models.json


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
