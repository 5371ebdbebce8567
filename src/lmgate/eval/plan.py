"""lmgate.yaml -> runnable jobs: providers, metrics, prompt, dataset (sharded) and rendered units.

The head and a materialized base tree go through the same function, each from its own config
and files, so the only thing the two sides share is the response cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lmgate.config import Config, Suite
from lmgate.errors import ConfigError, Location
from lmgate.eval.runner import Job
from lmgate.eval.units import plan_units
from lmgate.secrets import redact


@dataclass
class PlannedSuite:
    suite: Suite
    job: Job
    info: dict[str, Any]     # provider, prompt, dataset, dataset_revision, dataset_fingerprint?
    workers: int


class Providers:
    """Builds each named provider once per config, sharing one HTTP session."""

    def __init__(self, config: Config, *, session: Any, concurrency: int | None, env: Mapping[str, str]) -> None:
        self.config, self.session, self.concurrency, self.env = config, session, concurrency, env
        self.built: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name not in self.built:
            from lmgate.eval.providers import build_provider

            self.built[name] = build_provider(name, self.config.providers[name], root=self.config.root,
                                              session=self.session, concurrency=self.concurrency,
                                              where=self.config.where("providers", name), env=self.env,
                                              redact=functools.partial(redact, secrets=self.config.secrets))
        return self.built[name]

    def close(self) -> None:
        for provider in self.built.values():
            provider.close()


def plan_suites(config: Config, names: Sequence[str] | None, *, side: str, providers: Providers,
                shard: tuple[int, int] | None, env: Mapping[str, str],
                warn: Callable[[str, Location], None] | None = None) -> list[PlannedSuite]:
    from lmgate.eval.datasets import load_dataset
    from lmgate.eval.metrics import build_metrics
    from lmgate.eval.prompts import load_prompt
    from lmgate.templating import probe

    suites = [config.suite(n) for n in names] if names else list(config.suites)
    out = []
    for suite in suites:
        index = config.suites.index(suite)
        where = config.where("suites", index, "metrics")
        metrics = build_metrics(suite.metrics, where=where, env=env)
        judges = {}
        for name in {m.judge_provider for m in metrics if m.judge_provider}:
            if name not in config.providers:
                raise ConfigError(f"the judge provider {name!r} is not defined under `providers`", where=where,
                                  fix="define it, or set the metric's `provider` option to one of: "
                                      + ", ".join(config.providers))
            judges[name] = providers.get(name)
        template = load_prompt(suite.prompt, config.prompts[suite.prompt], root=config.root,
                               where=config.where("prompts", suite.prompt))
        for _, text, engine in template.messages:
            if engine == "jinja2":
                probe(text, template.path)  # an unsafe template stops the run before any call
        required = template.variables() - set(suite.vars)
        dataset = load_dataset(suite.dataset, config.datasets[suite.dataset], root=config.root,
                               where=config.where("datasets", suite.dataset), required=required, env=env, warn=warn)
        info: dict[str, Any] = {"provider": suite.provider, "prompt": suite.prompt, "dataset": suite.dataset,
                                "dataset_revision": dataset.revision}
        from lmgate.eval.shard import belongs, dataset_fingerprint

        items = list(dataset.items)
        info["dataset_fingerprint"] = dataset_fingerprint(i.id for i in items)  # before sharding: merge checks it
        if shard is not None:
            items = [i for i in items if belongs(i.id, *shard)]
        provider = providers.get(suite.provider)
        identity = dict(provider.identity()) if getattr(provider, "cacheable", True) else None
        units = plan_units(items, template.render, repeats=suite.repeats, suite_vars=suite.vars, identity=identity)
        job = Job(suite.name, side, provider, metrics, units, config.root,
                  model=(identity or {}).get("model") or config.providers[suite.provider].get("model"), judges=judges)
        workers = providers.concurrency or config.providers[suite.provider].get("concurrency") or 8
        out.append(PlannedSuite(suite, job, info, workers))
    return out
