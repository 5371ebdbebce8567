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

The validation API, for `lmgate validate` and editors (no model call, no network, no user code):
`catalog()` / `describe(name)` give every metric's declared options, kind and documentation;
`check_metrics(specs, ...)` returns every problem of a suite's `metrics:` list as `ConfigError`s
(file:line, a fix, did-you-mean on unknown metric and option names); `build_metrics` raises the
first one instead. docs/metrics.md is generated from the same declarations.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType, ModuleType
from typing import Any

from lmgate.errors import ConfigError, Location
from lmgate.eval.metrics._entry import item_options, relaxed, split_entry
from lmgate.eval.metrics.base import MetricResult, ScoringContext
from lmgate.nunjucks import render as render_nunjucks
from lmgate.registry import Registry, registry_from_modules
from lmgate.spec import Opt
from lmgate.spec_validation import Context, validate
from lmgate.templating import render

MODULES: tuple[str, ...] = (
    "exact_match", "f1", "equals", "contains", "icontains", "contains_all", "contains_any",
    "starts_with", "regex", "is_json", "json_schema", "rouge", "bleu", "chrf", "levenshtein",
    "latency", "tokens", "cost", "llm_rubric", "python_function", "all_of", "contains_json", "icontains_any",
    "icontains_all", "similar", "perplexity",
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


@dataclass(frozen=True)
class MetricInfo:
    """What a metric declares: its name, kind, options (with defaults and help) and user documentation."""

    name: str
    kind: str                  # the module's; the `python` metric's `kind` option can change it
    higher_is_better: bool
    options: Mapping[str, Opt]
    doc: str                   # the module docstring, which is the user documentation
    needs_judge: bool          # calls a judge model (resolved from `providers` by its `provider` option)
    negatable: bool            # a score in [0, 1], so `not_<name>` exists

    @property
    def summary(self) -> str:
        """What it computes, in one line (the docstring's first line, after `name: `)."""
        return self.doc.split("\n", 1)[0].split(": ", 1)[-1]


def describe(name: str) -> MetricInfo:
    """The declaration of one metric (`not_<name>` describes `<name>`); a miss says what exists."""
    module, _ = _resolve(name, None)
    return MetricInfo(name=module.NAME, kind=module.KIND, higher_is_better=module.HIGHER_IS_BETTER,
                      options=MappingProxyType(dict(module.CONF)), doc=inspect.cleandoc(module.__doc__ or ""),
                      needs_judge=getattr(module, "NEEDS_JUDGE", False), negatable=getattr(module, "BOUNDED", True))


def catalog() -> list[MetricInfo]:
    """Every registered metric, by name."""
    return [describe(name) for name in registry()]


Locate = Callable[[tuple], Location]


def check_metrics(specs: Sequence[Any], where: Location | None = None, *, env: Mapping[str, str] | None = None,
                  locate: Locate | None = None) -> list[ConfigError]:
    """Every problem of a suite's `metrics:` list, without calling a model, the network or user code.

    `where` is the list's place in the config; `locate(path)`, when given, places a key path inside
    the list (`(1, "regex", "pattern")`), so each error names the line of the metric or option at fault
    (`lambda path: config.where("suites", i, "metrics", *path)`). `env` resolves `${VAR}` references.
    """
    return _build_all(specs, where, env, locate)[1]


def build_metrics(specs: Sequence[str | Mapping], where: Location | None = None, *,
                  env: Mapping[str, str] | None = None, locate: Locate | None = None) -> list[BoundMetric]:
    """A suite's metrics, or the first problem `check_metrics` would report, raised."""
    metrics, problems = _build_all(specs, where, env, locate)
    if problems:
        raise problems[0]
    return metrics


def _build_all(specs: Sequence[Any], where: Location | None, env: Mapping[str, str] | None,
               locate: Locate | None) -> tuple[list[BoundMetric], list[ConfigError]]:
    metrics: list[BoundMetric] = []
    problems: list[ConfigError] = []
    first: dict[str, int] = {}
    for i, spec in enumerate(specs):
        here = locate((i,)) if locate else where
        inside = (lambda path, i=i: locate((i, *path))) if locate else None
        try:
            metric = build_metric(spec, here, env=env, locate=inside)
        except ConfigError as exc:
            problems.append(exc)
            continue
        if metric.name in first:  # scores are recorded by name: the second would hide the first
            problems.append(ConfigError(
                f"metric {metric.name!r} is listed twice in this suite (entries {first[metric.name] + 1} and {i + 1})",
                where=here, key="metrics", fix="scores are recorded by metric name, so one would overwrite the "
                "other: keep one, or combine them (e.g. contains_all: {value: [a, b]})"))
        first.setdefault(metric.name, i)
        metrics.append(metric)
    return metrics, problems


def build_metric(spec: str | Mapping, where: Location | None = None, *, env: Mapping[str, str] | None = None,
                 locate: Locate | None = None) -> BoundMetric:
    """One metric; `env` resolves `${VAR}` in string options (`$${` keeps a literal `${`); `locate`
    places a key path inside `spec` (`("regex", "pattern")`) for a more precise error location."""
    if isinstance(spec, str):
        name, raw = spec, {}
    elif isinstance(spec, Mapping) and len(spec) == 1:
        name, raw = next(iter(spec.items()))
        raw = {} if raw is None else raw
    else:
        raise ConfigError("a metric is a name or {name: {options}} with exactly one name", where=where,
                          fix='write e.g. `exact_match` or `{contains: {value: "Paris"}}`')
    raw, entry = split_entry(str(name), raw, where) if isinstance(raw, Mapping) else (raw, {})
    module, negated = _resolve(entry.get("metric") or name, where)
    if not isinstance(raw, Mapping):
        raise ConfigError(f"invalid config: options of metric {name!r} should be a mapping", where=where,
                          fix=f"write {{{name}: {{option: value}}}}")
    positions = _Positions(locate, (name,)) if locate else None
    fields = relaxed(module.CONF) if entry.get("per_item") else module.CONF  # items may supply required options
    try:
        options = validate(dict(raw), Opt("section", fields=fields), (), Context(doc=positions, env=env or {}))
    except ConfigError as exc:
        subject = f"option {exc.key!r} of metric {name!r}" if exc.key else f"metric {name!r}:"
        raise ConfigError(f"invalid config: {subject} {exc.message}", where=exc.where or where,
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


def _resolve(name: Any, where: Location | None) -> tuple[ModuleType, bool]:
    """The module behind a metric name, and whether `not_` negates it; a miss suggests the closest."""
    if not isinstance(name, str):
        raise ConfigError(f"a metric name should be a string, not {type(name).__name__}", where=where,
                          key="metrics", fix="write e.g. `exact_match` or `{contains: {value: \"Paris\"}}`")
    if name in registry():
        return registry().get(name), False
    if name.startswith(NEGATION) and name[len(NEGATION):] in registry():
        return registry().get(name[len(NEGATION):]), True
    names = registry().names()
    negations = [NEGATION + n for n in names if getattr(registry().get(n), "BOUNDED", True)]
    close = difflib.get_close_matches(name, names + negations, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise ConfigError(f"unknown metric {name!r}", where=where, key="metrics",
                      fix=f"{hint}available: {', '.join(names)} (and not_<name> for any score in [0, 1])")


class _Positions:
    """Where an option of one metric sits in the config, for spec_validation's messages."""

    def __init__(self, locate: Locate, prefix: tuple) -> None:
        self.locate, self.prefix = locate, prefix

    def where(self, path: tuple) -> Location:
        return self.locate((*self.prefix, *path))


def _render(value: Any, variables: Mapping[str, Any], engine: str = "jinja2") -> Any:
    if isinstance(value, str):
        if "{{" not in value and "{%" not in value:
            return value
        if engine == "nunjucks":
            return render_nunjucks(value, variables, name="metric option")
        return render(value, variables, name="metric option")
    if isinstance(value, Mapping):
        return {k: _render(v, variables, engine) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_render(v, variables, engine) for v in value]
    return value
