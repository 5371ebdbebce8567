"""The contract every provider module implements (see the modules listed in __init__.MODULES)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class TokenLogprob:
    token: str
    logprob: float


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    logprobs: tuple[TokenLogprob, ...] | None = None
    latency_s: float = 0.0
    extra: Mapping[str, Any] = field(default_factory=dict)


class Provider(Protocol):
    """One configured endpoint. Must be safe to call from several threads at once."""

    name: str

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0) -> Completion:
        """Answer one chat; raise ProviderCallError for a failed call (recorded on the item)."""
        ...

    def identity(self) -> Mapping[str, Any]:
        """What determines the answer (type, endpoint, model, params): the cache key. Never secrets."""
        ...

    def close(self) -> None: ...


class ProviderCallError(Exception):
    """One call failed after its retries. Not an LmgateError: the runner records it on the item."""

    def __init__(self, reason: str, *, retryable: bool = False, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.status = status
