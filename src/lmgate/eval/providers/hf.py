"""`hf`: Hugging Face inference through `huggingface_hub.InferenceClient.chat_completion`.

`model` is a Hub model id (serverless inference or an inference provider) and/or `base_url` is
a TGI or Inference Endpoint URL; `token` authenticates (write `${HF_TOKEN}`). `params` go to
`chat_completion` (temperature, max_tokens, seed, top_p, logprobs, …). Timeouts, retries and
adaptive concurrency as for `openai` (lmgate.eval.resilience).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from lmgate.errors import ConfigError
from lmgate.eval.providers.base import BuildContext, Completion, ProviderCallError, TokenLogprob
from lmgate.eval.resilience import AdaptiveLimit, RetryPolicy, call_with_retries, parse_retry_after

NAME = "hf"


class HfProvider:
    cacheable = True

    def __init__(self, name: str, spec: Mapping[str, Any], ctx: BuildContext) -> None:
        from huggingface_hub import InferenceClient

        if not spec.get("model") and not spec.get("base_url"):
            raise ConfigError(f"provider {name!r} needs a model or a base_url", where=ctx.where,
                              fix="model: org/name (Hub) or base_url: https://my-endpoint (TGI)")
        self.name, self.model, self.base_url = name, spec.get("model"), spec.get("base_url")
        self.params = dict(spec.get("params") or {})
        self.timeout = float(spec.get("timeout") or 60)
        self.client = InferenceClient(model=None if self.base_url else self.model, base_url=self.base_url,
                                      token=spec.get("token") or None, timeout=self.timeout,
                                      headers=dict(spec.get("headers") or {}) or None)
        self.policy = RetryPolicy(retries=spec.get("retries", 3))
        self.limit = AdaptiveLimit(ctx.concurrency)

    def identity(self) -> Mapping[str, Any]:
        return {"type": NAME, "endpoint": self.base_url, "model": self.model, "params": self.params}

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        chat = [dict(m) for m in messages]
        return call_with_retries(lambda: self._send(chat), policy=self.policy, limit=self.limit)

    def _send(self, chat: list[dict]) -> Completion:
        from huggingface_hub.errors import HfHubHTTPError, InferenceTimeoutError

        start = time.perf_counter()
        try:
            out = self.client.chat_completion(chat, model=self.model if self.base_url else None, **self.params)
            choice = out.choices[0]
            text = choice.message.content or ""
        except InferenceTimeoutError:
            raise ProviderCallError(f"timed out after {self.timeout:g} s", retryable=True) from None
        except HfHubHTTPError as exc:
            code = exc.response.status_code if exc.response is not None else None
            retryable = code is None or code == 429 or code >= 500
            after = parse_retry_after(exc.response.headers.get("Retry-After")) if exc.response is not None else None
            raise ProviderCallError(f"HTTP {code}", retryable=retryable, status=code, retry_after=after) from None
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise ProviderCallError("malformed response (not a chat completion)", retryable=True) from None
        except Exception as exc:  # httpx transport errors: refused, reset, DNS
            if "Error" in type(exc).__name__ and "httpx" in type(exc).__module__:
                raise ProviderCallError(f"connection error: {type(exc).__name__}", retryable=True) from None
            raise
        usage = getattr(out, "usage", None)
        content = getattr(getattr(choice, "logprobs", None), "content", None)
        logprobs = tuple(TokenLogprob(t.token, float(t.logprob)) for t in content) if content else None
        return Completion(text=text, prompt_tokens=getattr(usage, "prompt_tokens", None),
                          completion_tokens=getattr(usage, "completion_tokens", None), logprobs=logprobs,
                          latency_s=time.perf_counter() - start)

    def close(self) -> None:
        pass


def build(name: str, spec: Mapping[str, Any], ctx: BuildContext) -> HfProvider:
    return HfProvider(name, spec, ctx)
