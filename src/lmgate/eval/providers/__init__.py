"""Plugin modules of this folder, listed explicitly (a test fails on an unlisted module).

Each module defines `NAME` and `build(name, spec, ctx) -> Provider` (see base.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from lmgate.eval.providers.base import BuildContext
from lmgate.registry import registry_from_modules
from lmgate.secrets import require_env

MODULES: tuple[str, ...] = ("openai", "hf", "python", "exec", "replay", "echo", "local")


def build_provider(name: str, spec: Mapping[str, Any], *, root: Path, session: Any = None,
                   concurrency: int | None = None, where: Any = None, env: Mapping[str, str] | None = None,
                   redact: Callable[[str], str] | None = None):
    """The configured provider `name`. HTTP providers send through lmgate.http, over `session` (a
    requests.Session) when given; `concurrency` overrides the configured ceiling (the CLI's
    --concurrency); `redact` scrubs secrets from what comes back from the network."""
    require_env(spec)  # a provider's unset ${VAR} is an error only once the provider is used
    registry = registry_from_modules("provider type", __name__, MODULES)
    module = registry.get(spec["type"], where=where, key=f"providers.{name}.type")
    ceiling = concurrency or spec.get("concurrency") or 8
    ctx = BuildContext(root=root, session=session, concurrency=ceiling, where=where, env=dict(env or {}),
                       **({"redact": redact} if redact is not None else {}))
    return module.build(name, spec, ctx)
