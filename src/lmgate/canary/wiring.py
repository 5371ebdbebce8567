"""Turn the validated `canary:` section into the controller's parts: plan, metrics, plugins, stores."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.canary import backends, sources
from lmgate.canary.backends.base import Deps
from lmgate.canary.decide import Plan
from lmgate.canary.settings import split_steps
from lmgate.canary.sources.base import MetricDef
from lmgate.config import Config
from lmgate.errors import ConfigError
from lmgate.paths import inside_root
from lmgate.registry import registry_from_modules
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate

UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_METRICS = ({"name": "errors", "kind": "rate", "field": "error", "must_have_data": True},)


def seconds(value: Any) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smhd]?)", str(value).strip()).groups()
    return float(number) * UNITS[unit]


@dataclass(frozen=True)
class Setup:
    plan: Plan
    metrics: tuple[MetricDef, ...]
    guards: tuple[dict, ...]
    alpha: float
    stable: str | None
    backend: Any
    source: Any
    state_path: Path
    log_path: Path
    secrets: frozenset[str] = frozenset()

    @property
    def threshold(self) -> float:
        """K/α: a Bonferroni split of α over the K metrics, each an e-process (Ville)."""
        return len(self.metrics) / self.alpha


def build(config: Config, deps: Deps) -> Setup:
    c = config.canary
    if c is None:
        raise ConfigError("lmgate.yaml has no `canary:` section", where=config.where(),
                          fix="add `canary: {backend: {type: git-file}, source: {type: jsonl}}`")
    steps, approvals = split_steps(c["steps"])
    metrics = tuple(MetricDef(**{k: v for k, v in dict(m).items() if v is not None})
                    for m in (c["metrics"] or DEFAULT_METRICS))
    names = [m.name for m in metrics]
    if len(set(names)) != len(names):
        raise ConfigError("two metrics share a name", where=config.where("canary", "metrics"),
                          fix="give each metric its own name")
    for i, g in enumerate(c["guards"] or ()):
        if g["metric"] not in names:
            raise ConfigError(f"guard metric {g['metric']!r} is not a metric", where=config.where(
                "canary", "guards", i, "metric"), fix=f"use one of: {', '.join(names)}")
    backend_conf, source_conf = dict(c["backend"] or {"type": "git-file"}), dict(c["source"] or {"type": "jsonl"})
    backend_mod = registry_from_modules("traffic backend", "lmgate.canary.backends", backends.MODULES).get(
        backend_conf.get("type", "git-file"), where=config.where("canary", "backend"), key="canary.backend.type")
    source_mod = registry_from_modules("metric source", "lmgate.canary.sources", sources.MODULES).get(
        source_conf.get("type", "jsonl"), where=config.where("canary", "source"), key="canary.source.type")
    plan = Plan(steps=steps, min_requests=c["min_requests"], min_dwell_s=seconds(c["min_dwell"] or 0),
                max_duration_s=seconds(c["max_duration"]), on_timeout=c["on_timeout"], approvals=approvals)
    ctx = Context(doc=config.doc, env=deps.env)
    backend_conf = _options(backend_mod, backend_conf, ("canary", "backend"), ctx)
    source_conf = _options(source_mod, source_conf, ("canary", "source"), ctx)
    return Setup(plan=plan, metrics=metrics, guards=tuple(dict(g) for g in c["guards"] or ()), alpha=c["alpha"],
                 stable=c["stable"], backend=_build(backend_mod, backend_conf, deps, config, "backend"),
                 source=_build(source_mod, source_conf, deps, config, "source"),
                 state_path=inside_root(config.root, c["state"], config.where("canary", "state")),
                 log_path=inside_root(config.root, c["log"], config.where("canary", "log")),
                 secrets=frozenset(ctx.secrets) | config.secrets)


def _options(module: Any, conf: dict, path: tuple, ctx: Context) -> dict:
    """A plugin's options, checked against its `CONF` by the one generic validator."""
    opt = Opt("section", fields={"type": Opt("str"), **module.CONF})
    out = dict(validate(conf, opt, path, ctx))
    return out


def _build(module: Any, conf: dict, deps: Deps, config: Config, section: str) -> Any:
    try:
        return module.build(conf, deps)
    except ConfigError as exc:  # e.g. a path that leaves the repository: point at the section's line
        if exc.where is not None:
            raise
        raise ConfigError(exc.message, where=config.where("canary", section), key=f"canary.{section}",
                          fix=exc.fix) from exc
