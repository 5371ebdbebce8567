"""Exit 0 when this machine's llama.cpp build answers one chat request with SmolLM2-135M.

`make local` runs it in its own process: a llama.cpp compiled for CPU features the machine cannot use
(a `-march=native` build on a CPU that advertises AMX, or a wheel from pip's cache built on another
machine) dies of SIGSEGV or SIGILL on its first batch of prompt tokens, and takes the test suite with
it. A nonzero exit here makes `make` rebuild it for plain x86-64 with AVX2 instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lmgate.eval.providers.local import load_model, resolve_model  # noqa: E402


def main() -> int:
    model = load_model(resolve_model("smollm2-135m", ROOT), n_ctx=512, threads=None, logits_all=False, seed=0)
    out = model.llama.create_chat_completion(messages=[{"role": "user", "content": "Say hello to the test suite."}],
                                             max_tokens=4, temperature=0.0)
    print(f"llama.cpp works here: {out['usage']['prompt_tokens']} prompt tokens read, "
          f"{out['usage']['completion_tokens']} generated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
