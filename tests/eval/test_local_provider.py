"""The `local` provider against the real SmolLM2-135M model (llama.cpp), not a mock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lmgate.errors import ProviderError
from lmgate.eval.providers.base import ProviderCallError
from lmgate.eval.providers.local import LocalProvider, resolve_model

PARAMS = {"temperature": 0, "max_tokens": 24}


@pytest.fixture(scope="module")
def smol() -> LocalProvider:
    return LocalProvider("local", {"model": "smollm2-135m", "params": {**PARAMS, "logprobs": True}}, Path("."))


def test_real_generation_is_deterministic_with_usage_and_logprobs(smol):
    messages = [{"role": "user", "content": "What is 2 plus 3?"}]
    first, second = smol.complete(messages), smol.complete(messages)
    assert "5" in first.text
    assert first.text == second.text
    assert first.prompt_tokens and first.completion_tokens
    assert first.logprobs and all(lp.logprob <= 0 for lp in first.logprobs)


def test_threads_share_one_model_safely(smol):
    from concurrent.futures import ThreadPoolExecutor

    questions = [[{"role": "user", "content": f"What is {i} plus {i}?"}] for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        parallel = [c.text for c in pool.map(smol.complete, questions)]
    assert parallel == [smol.complete(q).text for q in questions]


def test_identity_names_the_weights_not_a_secret(smol):
    ident = smol.identity()
    assert ident["file"] == "SmolLM2-135M-Instruct.Q4_1.gguf" and ident["type"] == "local"


def test_prompt_longer_than_context_is_a_per_item_error(tmp_path):
    tiny = LocalProvider("t", {"model": "smollm2-135m", "n_ctx": 64, "params": PARAMS}, tmp_path)
    with pytest.raises(ProviderCallError, match="context"):
        tiny.complete([{"role": "user", "content": "word " * 400}])


def test_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProviderError, match="not found") as err:
        resolve_model("models/none.gguf", tmp_path)
    assert "smollm2-135m" in err.value.fix


def test_corrupt_gguf_is_a_clear_error(tmp_path):
    (tmp_path / "broken.gguf").write_bytes(b"GGUF" + b"\x00garbage" * 100)
    provider = LocalProvider("b", {"model": "broken.gguf", "params": PARAMS}, tmp_path)
    with pytest.raises(ProviderError, match=r"cannot load broken\.gguf"):
        provider.complete([{"role": "user", "content": "hi"}])


def test_missing_extra_says_what_to_install(tmp_path):
    # A child interpreter where llama_cpp cannot be imported, as on a machine without the extra.
    code = ("import sys; sys.modules['llama_cpp'] = None\n"
            "from pathlib import Path\n"
            "from lmgate.errors import ProviderError\n"
            "from lmgate.eval.providers.local import LocalProvider\n"
            "try:\n"
            "    provider = LocalProvider('l', {'model': 'smollm2-135m'}, Path('.'))\n"
            "    provider.complete([{'role': 'user', 'content': 'x'}])\n"
            "except ProviderError as exc:\n"
            "    print(exc.render())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "pip install '.[local]' in a checkout of lmgate" in out.stdout, out.stderr


def test_unknown_hub_reference_form_is_rejected(tmp_path):
    with pytest.raises(ProviderError, match="cannot read hf://just-a-name") as err:
        resolve_model("hf://just-a-name", tmp_path)
    assert "hf://<org>/<repo>/<file>.gguf@<revision>" in err.value.fix
