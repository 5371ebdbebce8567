"""Plugin modules of this folder, listed explicitly (a test fails on an unlisted module).

Each module defines `NAME`, `NEEDS`, `CONF`, `THRESHOLD`, `score(item, options, deps)` and, when it
needs a model or a client, `prepare(options, *, config, env) -> Deps` (see base.py).
"""

from __future__ import annotations

MODULES: tuple[str, ...] = ("grounding", "selfcheck", "logprob", "judge", "nli")


def detector(name: str, *, where=None, key: str | None = "hallucination.detector"):
    from lmgate.registry import registry_from_modules

    return registry_from_modules("hallucination detector", __name__, MODULES).get(name, where=where, key=key)
