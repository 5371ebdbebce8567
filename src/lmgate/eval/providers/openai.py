"""`openai`: any OpenAI-compatible `POST {base_url}/chat/completions` endpoint.

vLLM, TGI, llama.cpp server, Ollama, LM Studio and hosted APIs all speak it. Options:
`base_url` (…/v1), `model`, `api_key` (sent as `Authorization: Bearer`, never cached or
written), `headers`, `params` (temperature, max_tokens, seed, logprobs, …: sent as-is),
`concurrency`, `timeout`, `retries`. Retries and adaptive concurrency: lmgate.eval.resilience.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.http import TransportError, TransportTimeout
from lmgate.eval.providers.base import BuildContext, Completion, ProviderCallError, TokenLogprob
from lmgate.eval.resilience import AdaptiveLimit, RetryPolicy, call_with_retries, parse_retry_after

NAME = "openai"


class OpenAIProvider:
    cacheable = True

    def __init__(self, name: str, spec: Mapping[str, Any], ctx: BuildContext) -> None:
        if not spec.get("base_url"):
            raise ConfigError(f"provider {name!r} needs a base_url", where=ctx.where,
                              fix="set base_url: https://host/v1 (or ${LLM_BASE_URL})")
        self.name = name
        self.base_url = spec["base_url"].rstrip("/")
        self.model = spec.get("model")
        self.params = dict(spec.get("params") or {})
        self.timeout = float(spec.get("timeout") or 60)
        self.headers = {"Content-Type": "application/json", **dict(spec.get("headers") or {})}
        if spec.get("api_key"):
            self.headers["Authorization"] = f"Bearer {spec['api_key']}"
        self.policy = RetryPolicy(retries=spec.get("retries", 3))
        self.limit = AdaptiveLimit(ctx.concurrency)
        self.transport = ctx.transport(self.base_url)

    def identity(self) -> Mapping[str, Any]:
        return {"type": NAME, "endpoint": self.base_url, "model": self.model, "params": self.params}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        body = json.dumps({"model": self.model, "messages": list(messages), **self.params}).encode()
        return call_with_retries(lambda: self._send(body), policy=self.policy, limit=self.limit)

    def _send(self, body: bytes) -> Completion:
        start = time.perf_counter()
        try:
            resp = self.transport.post("/chat/completions", body, self.headers, self.timeout)
        except TransportTimeout as exc:
            raise ProviderCallError(str(exc), retryable=True) from None
        except TransportError as exc:
            raise ProviderCallError(f"connection error: {exc}", retryable=True) from None
        code = resp.status
        if code == 429 or code >= 500:
            raise ProviderCallError(f"HTTP {code}", retryable=True, status=code,
                                    retry_after=parse_retry_after(resp.headers.get("Retry-After")))
        if code >= 400:
            raise ProviderCallError(f"HTTP {code}: {resp.body[:200].decode('utf-8', 'replace')}", status=code)
        try:
            data = json.loads(resp.body)
            choice = data["choices"][0]
            text = choice["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise ProviderCallError("malformed response (not an OpenAI chat completion)", retryable=True,
                                    status=code) from None
        usage = data.get("usage") or {}
        return Completion(text=text, prompt_tokens=usage.get("prompt_tokens"),
                          completion_tokens=usage.get("completion_tokens"), logprobs=_logprobs(choice),
                          latency_s=time.perf_counter() - start)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embeddings of `texts` from `POST {base_url}/embeddings` (for the `similar` metric)."""
        body = json.dumps({"model": self.model, "input": list(texts)}).encode()
        return call_with_retries(lambda: self._send_embeddings(body), policy=self.policy, limit=self.limit)

    def _send_embeddings(self, body: bytes) -> list[list[float]]:
        try:
            resp = self.transport.post("/embeddings", body, self.headers, self.timeout)
        except (TransportTimeout, TransportError) as exc:
            raise ProviderCallError(f"embeddings: {exc}", retryable=True) from None
        if resp.status == 429 or resp.status >= 500:
            raise ProviderCallError(f"HTTP {resp.status}", retryable=True, status=resp.status,
                                    retry_after=parse_retry_after(resp.headers.get("Retry-After")))
        if resp.status >= 400:
            raise ProviderCallError(f"HTTP {resp.status}: {resp.body[:200].decode('utf-8', 'replace')}",
                                    status=resp.status)
        try:
            data = sorted(json.loads(resp.body)["data"], key=lambda d: d.get("index", 0))
            return [[float(x) for x in d["embedding"]] for d in data]
        except (ValueError, KeyError, TypeError) as exc:
            raise ProviderCallError(f"malformed embeddings response: {exc}") from None

    def close(self) -> None:
        self.transport.close()


def _logprobs(choice: Mapping) -> tuple[TokenLogprob, ...] | None:
    content = (choice.get("logprobs") or {}).get("content")
    if not content:
        return None
    return tuple(TokenLogprob(str(t.get("token", "")), float(t.get("logprob", 0.0))) for t in content)


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> OpenAIProvider:
    return OpenAIProvider(name, spec, ctx)
