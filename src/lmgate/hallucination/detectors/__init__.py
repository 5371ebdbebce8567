"""Hallucination detectors, one module each, listed explicitly (a test fails on an unlisted module).

Each module defines `NAME`, `NEEDS`, `CONF`, `THRESHOLD`, `score(item, options, deps)` and, when it
needs a model or a client, `prepare(options, *, config, env) -> Deps` (see base.py). `prepare()`
here picks one by name, validates its options with the one generic validator and builds its client
once: the gate and `lmgate hallucination score` judge an answer the same way through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from lmgate.errors import ConfigError
from lmgate.hallucination.detectors.base import Deps, Item, Verdict
from lmgate.registry import registry_from_modules
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate

MODULES: tuple[str, ...] = ("grounding", "selfcheck", "logprob", "judge", "nli")


def detector(name: str, *, where=None, key: str | None = "hallucination.detector") -> ModuleType:
    return registry_from_modules("hallucination detector", __name__, MODULES).get(name, where=where, key=key)


@dataclass(frozen=True)
class Prepared:
    module: ModuleType
    options: Mapping[str, Any]
    deps: Deps
    secrets: frozenset[str] = field(default_factory=frozenset)

    @property
    def threshold(self) -> float:
        return self.options["threshold"]

    @property
    def workers(self) -> int:
        return 8 if hasattr(self.module, "prepare") else 1  # network detectors wait on I/O

    def score(self, item: Item) -> Verdict:
        try:
            return self.module.score(item, self.options, self.deps)
        except RecursionError as exc:  # pathological input must not sink the whole run
            return Verdict.unjudged(f"{self.module.NAME} could not process this answer: {exc}")


def prepare(name: str, raw: Mapping[str, Any] | None, threshold: float | None, *, config: Any = None,
            env: Mapping[str, str] | None = None) -> Prepared:
    module, options, secrets = checked_options(name, raw, threshold, config=config, env=env)
    deps = module.prepare(options, config=config, env=env) if hasattr(module, "prepare") else Deps()
    return Prepared(module, options, deps, secrets)


def checked_options(name: str, raw: Mapping[str, Any] | None, threshold: float | None, *, config: Any = None,
                    env: Mapping[str, str] | None = None) -> tuple[ModuleType, dict[str, Any], frozenset[str]]:
    """The detector, its options validated (threshold resolved) and the secrets they hold, without
    building its client: what `validate` checks and `prepare` starts from."""
    where = config.where("hallucination") if config is not None and config.hallucination else None
    named = config.where("hallucination", "detector") if where is not None and "detector" in config.hallucination \
        else where
    module = detector(name, where=named)
    ctx = Context(doc=config.doc if config is not None else None, env=dict(env or {}))
    conf = {**module.CONF, "threshold": Opt("number", None, "flag at or above this score", minimum=0, maximum=1)}
    try:
        options = dict(validate(dict(raw or {}), Opt("section", fields=conf), ("hallucination", "options"), ctx))
    except ConfigError as exc:
        raise ConfigError(f"invalid config: detector {name!r}: {exc.message}", where=exc.where or where,
                          key=exc.key, fix=exc.fix or f"options of {name}: {', '.join(module.CONF) or '(none)'}"
                          ) from None
    if threshold is not None and not 0.0 <= threshold <= 1.0:  # NaN too: `score >= nan` would flag nothing
        raise ConfigError(f"threshold {threshold!r} is not a score in [0, 1]", key="--threshold",
                          fix=f"pass a number from 0 to 1 (the {name} detector's default is {module.THRESHOLD:g})")
    options["threshold"] = threshold if threshold is not None else (
        options.get("threshold") if options.get("threshold") is not None else module.THRESHOLD)
    return module, options, frozenset(ctx.secrets)
