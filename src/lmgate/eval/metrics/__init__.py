"""Metrics scored on every eval item, one module each, listed explicitly in `MODULES`.

`build_metrics` turns the `metrics:` list of a suite into `BoundMetric`s: options validated once
against the module's `CONF` (one message form), `not_<name>` negating any bounded metric, and
option strings that are templates (`{value: "{{ expected }}"}`) rendered per item in the sandbox.
Three keys of an entry are not the module's options (lmgate.eval.metrics._entry): `metric` (the
module, when the entry's name is a display name: `{contains_2: {metric: contains}}`), `per_item`
(an item field mapping metric names to that item's options; an item without one is not scored on
the metric) and `engine` (`nunjucks` renders option templates with Nunjucks' semantics).
A corpus metric whose module has additive statistics (`item_stats`, `from_stats`) offers them
too, which lets `lmgate.eval.corpus` bootstrap it fast; `not_` metrics get them negated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from lmgate.errors import ConfigError, Location
from lmgate.eval.metrics._entry import item_options, relaxed, split_entry
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.registry import Registry, registry_from_modules
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate

MODULES: tuple[str, ...] = (
    "exact_match", "f1", "equals", "contains", "icontains", "contains_all", "contains_any",
    "starts_with", "regex", "is_json", "json_schema", "rouge", "bleu", "chrf", "levenshtein",
    "latency", "tokens", "cost", "llm_rubric", "python_function", "all_of", "contains_json", "icontains_any",
    "icontains_all", "similar",
)
NEGATION = "not_"


@functools.cache
def registry() -> Registry[ModuleType]:
    return registry_from_modules("metric", __name__, MODULES)


@dataclass(frozen=True)
class BoundMetric:
    name: str                 # display name, e.g. "not_contains"
    kind: str                 # pass_fail | score | corpus
    higher_is_better: bool
    module: ModuleType
    options: Mapping[str, Any]
    negated: bool = False
    per_item: str | None = None   # the item field holding {metric name: options} (see _entry)
    engine: str = "jinja2"        # how option templates are rendered

    @property
    def judge_provider(self) -> str | None:
        """The `providers` key of the judge this metric needs (pass it as ScoringContext.judge), if any."""
        return self.options.get("provider") if getattr(self.module, "NEEDS_JUDGE", False) else None

    def score(self, output: str | None, item: Mapping[str, Any],
              ctx: ScoringContext | None = None) -> MetricResult | None:
        """The item's result; None when the item does not carry this metric (`per_item`)."""
        ctx = ctx or ScoringContext()
        variables = ctx.item_vars if ctx.item_vars is not None else item
        options = self.options
        if self.per_item is not None:
            options = item_options(self, item)
            if options is None:
                return None
        result = self.module.score(output or "", item, _render(options, variables, self.engine), ctx)
        if not self.negated:
            return result
        passed = None if result.passed is None else not result.passed
        return MetricResult(1.0 - result.score, passed, result.reason)

    def aggregate(self, outputs: Sequence[str | None], items: Sequence[Mapping[str, Any]]) -> float:
        """The corpus-level figure (e.g. corpus BLEU); for other kinds, the mean item score."""
        if self.kind != "corpus":
            results = [self.score(o, i) for o, i in zip(outputs, items, strict=True)]
            scores = [r.score for r in results if r is not None]
            return sum(scores) / len(scores) if scores else 0.0
        options = [_render(self.options, i) for i in items]
        value = self.module.aggregate([o or "" for o in outputs], list(items), options)
        return 1.0 - value if self.negated else value

    # Properties, not methods: `corpus.fast` offers the fast bootstrap only when these are callable,
    # i.e. when the module has additive sufficient statistics (BLEU, chrF).
    @property
    def item_stats(self) -> Callable[[str | None, Mapping[str, Any]], list[float]] | None:
        """`item_stats(output, item)`: the item's additive statistics, or None if the module has none."""
        stats = getattr(self.module, "item_stats", None)
        if self.kind != "corpus" or not callable(stats):
            return None
        return lambda output, item: [float(x) for x in stats(output or "", item, _render(self.options, item))]

    @property
    def from_stats(self) -> Callable[[Sequence[float]], float] | None:
        """`from_stats(totals)`: the corpus figure of summed statistics, negated like `aggregate`."""
        corpus = getattr(self.module, "from_stats", None)
        if self.kind != "corpus" or not callable(corpus) or not callable(getattr(self.module, "item_stats", None)):
            return None

        def from_totals(totals: Sequence[float]) -> float:
            value = corpus(list(totals), self.options)
            return 1.0 - value if self.negated else value

        return from_totals


def build_metrics(specs: Sequence[str | Mapping], where: Location | None = None, *,
                  env: Mapping[str, str] | None = None) -> list[BoundMetric]:
    return [build_metric(spec, where, env=env) for spec in specs]


def build_metric(spec: str | Mapping, where: Location | None = None, *,
                 env: Mapping[str, str] | None = None) -> BoundMetric:
    """One metric; `env` resolves `${VAR}` in string options (`$${` keeps a literal `${`)."""
    if isinstance(spec, str):
        name, raw = spec, {}
    elif isinstance(spec, Mapping) and len(spec) == 1:
        name, raw = next(iter(spec.items()))
        raw = {} if raw is None else raw
    else:
        raise ConfigError("a metric is a name or {name: {options}} with exactly one name", where=where,
                          fix='write e.g. `exact_match` or `{contains: {value: "Paris"}}`')
    if not isinstance(raw, Mapping):
        raise ConfigError(f"invalid config: options of metric {name!r} should be a mapping", where=where,
                          fix=f"write {{{name}: {{option: value}}}}")
    raw, entry = split_entry(str(name), raw, where)
    module_name = entry.get("metric") or str(name)
    negated = module_name.startswith(NEGATION) and module_name[len(NEGATION):] in registry()
    module = registry().get(module_name[len(NEGATION):] if negated else module_name, where=where, key="metrics")
    fields = relaxed(module.CONF) if entry.get("per_item") else module.CONF  # items may supply required options
    try:
        options = validate(dict(raw), Opt("section", fields=fields), (), Context(doc=None, env=env or {}))
    except ConfigError as exc:
        subject = f"option {exc.key!r} of metric {name!r}" if exc.key else f"metric {name!r}:"
        raise ConfigError(f"invalid config: {subject} {exc.message}", where=where,
                          fix=exc.fix or f"options of {module.NAME}: {', '.join(module.CONF) or '(none)'}",
                          ) from exc
    kind_of = getattr(module, "kind_of", None)
    kind = kind_of(options) if kind_of else module.KIND
    if negated and not getattr(module, "BOUNDED", True):
        raise ConfigError(f"metric {name!r} cannot be negated: {module.NAME} is not a score in [0, 1]",
                          where=where, fix=f"use {module.NAME} with its `max` option instead")
    if entry.get("per_item") and kind == "corpus":
        kind = "score"  # options differ per item: the mean of item scores, not one corpus figure
    return BoundMetric(name=str(name), kind=kind, higher_is_better=module.HIGHER_IS_BETTER, module=module,
                       options=options, negated=negated, per_item=entry.get("per_item"),
                       engine=entry.get("engine") or "jinja2")


def _render(value: Any, variables: Mapping[str, Any], engine: str = "jinja2") -> Any:
    if isinstance(value, str):
        if "{{" not in value and "{%" not in value:
            return value
        if engine == "nunjucks":
            from lmgate.nunjucks import render as render_nunjucks

            return render_nunjucks(value, variables, name="metric option")
        from lmgate.templating import render

        return render(value, variables, name="metric option")
    if isinstance(value, Mapping):
        return {k: _render(v, variables, engine) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_render(v, variables, engine) for v in value]
    return value
