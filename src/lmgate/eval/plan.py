"""lmgate.yaml -> checked suites -> runnable jobs: providers, metrics, prompt, dataset (sharded), units.

`preflight` is every check a run needs before its first model call, each problem collected with its
file:line and a fix rather than stopping at the first: provider types and options, secrets unset or
empty, metric names and options, gates on metrics the suite computes, judge providers, prompts that
compile in the sandbox, prompt and metric-option variables that the dataset's rows (or the suite's
`vars`) provide, the hallucination context's fields, and every bad row. `lmgate validate` runs it
without a run; `plan_suites` runs it first, so `eval` refuses exactly what `validate` reports.

The head and a materialized base tree go through the same function, each from its own config
and files, so the only thing the two sides share is the response cache.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lmgate.config import Config, Suite
from lmgate.errors import ConfigError, LmgateError, Location, raise_all
from lmgate.eval.datasets import Dataset, NotCached, load_dataset
from lmgate.eval.metrics import BoundMetric, build_metric
from lmgate.eval.prompts import ChatTemplate, load_prompt, missing_file
from lmgate.eval.providers import build_provider
from lmgate.eval.runner import Job, plan_units
from lmgate.eval.shard import belongs, dataset_fingerprint
from lmgate.hallucination.detectors import checked_options
from lmgate.paths import inside_root
from lmgate.secrets import MissingEnv, redact
from lmgate.templating import render, undeclared_variables


@dataclass
class PlannedSuite:
    suite: Suite
    job: Job
    info: dict[str, Any]     # provider, prompt, dataset, dataset_revision, dataset_fingerprint, notes
    workers: int


class Providers:
    """Builds each named provider once per config, sharing one HTTP session."""

    def __init__(self, config: Config, *, session: Any, concurrency: int | None, env: Mapping[str, str]) -> None:
        self.config, self.session, self.concurrency, self.env = config, session, concurrency, env
        self.built: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name not in self.built:
            self.built[name] = build_provider(name, self.config.providers[name], root=self.config.root,
                                              session=self.session, concurrency=self.concurrency,
                                              where=self.config.where("providers", name), env=self.env,
                                              redact=functools.partial(redact, secrets=self.config.secrets))
        return self.built[name]

    def close(self) -> None:
        for provider in self.built.values():
            provider.close()


@dataclass
class CheckedSuite:
    suite: Suite
    metrics: list[BoundMetric]  # those that could be built
    metric_index: list[int]     # each one's position in the suite's `metrics` list
    template: ChatTemplate | None
    dataset: Dataset | None   # None when it could not be read (a problem) or not checked (a notice)


@dataclass
class Preflight:
    suites: list[CheckedSuite] = field(default_factory=list)
    problems: list[LmgateError] = field(default_factory=list)
    notices: list[tuple[str, Location | None]] = field(default_factory=list)

    def add(self, fn: Callable, *args: Any, **kw: Any) -> Any:
        """fn(*args, **kw), or None with its problems recorded."""
        try:
            return fn(*args, **kw)
        except LmgateError as exc:
            self.problems.extend(getattr(exc, "problems", (exc,)))
            return None


def preflight(config: Config, names: Sequence[str] | None, *, env: Mapping[str, str], providers: Providers,
              only_cached: bool = False, side: str = "head") -> Preflight:
    """Every check of a run before its first model call; `only_cached`: read hf:// datasets only from the
    local Hub cache, with a notice for one that is not there (what `validate` does). On the base side only
    what running it needs is checked: its gates and hallucination settings are never read (the head's
    are), so a pull request that fixes them is not failed by the very mistakes it fixes. Of a config read
    with problems (`lmgate.config.read_config`, for `validate`) only the parts known good are checked."""
    pf = Preflight()
    suites = [s for s in (pf.add(config.suite, n) for n in names or ()) if s] if names else list(config.suites)
    if names is None:
        _check_unused_files(config, pf)
    for suite in suites:
        pf.suites.append(_check_suite(config, suite, pf, env=env, only_cached=only_cached, gates=side == "head"))
    judges = [m.judge_provider for c in pf.suites for m in c.metrics]
    # a provider not there is broken or not defined, and reported as such
    used = [name for name in dict.fromkeys([s.provider for s in suites] + judges) if name in config.providers]
    for name in used:
        missing = list(_unset(config.providers[name]))
        pf.problems += missing
        if not missing:
            pf.add(providers.get, name)  # builds it: base_url, target, command, path… are checked there
    if config.hallucination and side == "head":
        _check_hallucination(config, pf)
        _check_detector(config, pf, env)
    return pf


def plan_suites(config: Config, names: Sequence[str] | None, *, side: str, providers: Providers,
                shard: tuple[int, int] | None, env: Mapping[str, str],
                warn: Callable[[str, Location], None] | None = None) -> list[PlannedSuite]:
    pf = preflight(config, names, env=env, providers=providers, side=side)
    raise_all(pf.problems)
    out = []
    for checked in pf.suites:
        suite, dataset, template = checked.suite, checked.dataset, checked.template
        assert dataset is not None and template is not None  # preflight reported any that is missing
        note = dataset.skipped_note()
        if note and warn:
            for where, why in dataset.bad_rows[:10]:  # GitHub shows about 10 warnings a step
                warn(f"skipped a bad row of dataset {dataset.name!r}: {why}", where)
            warn(note, Location(dataset.bad_rows[0][0].file))
        items = list(dataset.items)
        info: dict[str, Any] = {"provider": suite.provider, "prompt": suite.prompt, "dataset": suite.dataset,
                                "dataset_revision": dataset.revision,
                                "dataset_fingerprint": dataset_fingerprint(i.id for i in items),  # before sharding
                                "notes": [note] if note else []}
        if shard is not None:
            items = [i for i in items if belongs(i.id, *shard)]
        provider = providers.get(suite.provider)
        judges = {m.judge_provider: providers.get(m.judge_provider) for m in checked.metrics if m.judge_provider}
        identity = dict(provider.identity()) if getattr(provider, "cacheable", True) else None
        units = plan_units(items, template.render, repeats=suite.repeats, suite_vars=suite.vars, identity=identity)
        job = Job(suite.name, side, provider, checked.metrics, units, config.root,
                  model=(identity or {}).get("model") or config.providers[suite.provider].get("model"), judges=judges)
        workers = providers.concurrency or config.providers[suite.provider].get("concurrency") or 8
        out.append(PlannedSuite(suite, job, info, workers))
    return out


def _check_suite(config: Config, suite: Suite, pf: Preflight, *, env: Mapping[str, str],
                 only_cached: bool, gates: bool) -> CheckedSuite:
    """A part of the suite that is broken in the config (`Config.broken`, reported already) is not
    checked further, and nothing that depends on it is: a gate on a metric entry that is broken may
    be right, and so may a prompt variable when the suite's `vars` are broken."""
    index = suite.index
    built = [(j, m) for j, spec in enumerate(suite.metrics) if not config.broken_at("suites", index, "metrics", j)
             and (m := pf.add(build_metric, spec, config.where("suites", index, "metrics", j), env=env))]
    metrics = [m for _, m in built]
    _check_metric_names(config, suite, built, pf)
    if gates and not config.broken_at("suites", index, "metrics"):
        _check_gates(config, suite, index, metrics, pf)
    for j, m in built:
        if m.judge_provider and m.judge_provider not in config.providers \
                and not config.broken_at("providers", m.judge_provider):
            pf.problems.append(ConfigError(
                f"the judge provider {m.judge_provider!r} of metric {m.name!r} is not defined under `providers`",
                where=config.where("suites", index, "metrics", j),
                fix=_did_you_mean(m.judge_provider, config.providers) + "define it, or set the metric's "
                    f"`provider` option to one of: {', '.join(config.providers) or '(none defined)'}"))
    template = None
    if suite.prompt in config.prompts:  # else broken, or not defined: reported
        template = pf.add(load_prompt, suite.prompt, config.prompts[suite.prompt], root=config.root,
                          where=config.where("prompts", suite.prompt))
    # load_prompt refuses a prompt that cannot render as written (syntax, sandbox, raw placeholders)
    variables = (pf.add(template.variables) or frozenset()) if template is not None else frozenset()
    if config.broken_at("suites", index, "vars"):
        variables = frozenset()  # which of them the suite sets is unknown: none can be said to be missing
    dataset = None
    try:
        if suite.dataset in config.datasets:
            dataset = load_dataset(suite.dataset, config.datasets[suite.dataset], root=config.root,
                                   where=config.where("datasets", suite.dataset),
                                   required=variables - set(suite.vars), env=env, offline=only_cached)
    except NotCached as exc:
        pf.notices.append((f"dataset {suite.dataset!r} was not checked: {exc.message}", exc.where))
    except LmgateError as exc:
        pf.problems.extend(getattr(exc, "problems", (exc,)))
    checked = CheckedSuite(suite, metrics, [j for j, _ in built], template, dataset)
    if dataset is not None:
        _check_fields(config, checked, index, variables, pf)
    return checked


def _check_metric_names(config: Config, suite: Suite, built: list[tuple[int, BoundMetric]], pf: Preflight) -> None:
    """Scores are recorded by metric name, so two entries of one name (`contains` twice, with other
    values) kept only the last one's scores under both rows, and one gate judged the two."""
    first: dict[str, int] = {}
    for j, m in built:
        if m.name not in first:
            first[m.name] = j
            continue
        pf.problems.append(ConfigError(
            f"suite {suite.name!r} computes metric {m.name!r} twice (entries {first[m.name] + 1} and {j + 1} of "
            "`metrics`): scores are kept by name, so one would replace the other's",
            where=config.where("suites", suite.index, "metrics", j), key=f"suites[{suite.index}].metrics[{j}]",
            fix=f"give this one its own name, e.g. `{m.name}_{j + 1}: {{metric: "
                f"{'not_' if m.negated else ''}{m.module.NAME}, …}}`, "
                "or remove the copy"))


def _check_gates(config: Config, suite: Suite, index: int, metrics: list[BoundMetric], pf: Preflight) -> None:
    computed = [m.name for m in metrics] + [_metric_name(s) for s in suite.metrics]
    for gate in suite.gates:
        if gate not in computed:
            pf.problems.append(ConfigError(
                f"gate on metric {gate!r}, which suite {suite.name!r} does not compute",
                where=config.where("suites", index, "gates", gate), key=f"suites[{index}].gates.{gate}",
                fix=_did_you_mean(gate, computed) + "add the metric to the suite's `metrics`, or gate one of: "
                    + ", ".join(dict.fromkeys(computed))))
    by_name = {m.name: m for m in metrics}
    for gate, rules in suite.gates.items():
        if gate in by_name:
            for message, key, fix in (*_gate_direction(by_name[gate], rules or {}),
                                      *_gate_range(by_name[gate], rules or {})):
                pf.problems.append(ConfigError(message,
                                               where=config.where("suites", index, "gates", gate, key),
                                               key=f"suites[{index}].gates.{gate}.{key}", fix=fix))


def _gate_direction(metric: BoundMetric, rules: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """A bound on the metric's good side passes as the metric gets worse: `min` on tokens passes
    at any length above it, so it is refused with the key that bounds the bad side."""
    low, high = _number(rules.get("min")), _number(rules.get("max"))
    if metric.higher_is_better and high is not None:
        yield (f"higher is better for {metric.name}, so `max` would pass however low it falls and fail "
               "when it improves", "max", f"write `min: {high:g}` (the mean must be at least this)")
    if not metric.higher_is_better and low is not None:
        yield (f"lower is better for {metric.name}, so `min` would pass however high it grows and fail "
               "when it improves", "min", f"write `max: {low:g}` (the mean must be at most this)")


def _gate_range(metric: BoundMetric, rules: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """A pass/fail metric's mean is a share in [0, 1]: a threshold outside it decides nothing (`min: 0`,
    `max_drop: 5` always pass; `min: 80` never does), most often a percentage written as a number."""
    if metric.kind != "pass_fail":
        return
    low, drop = _number(rules.get("min")), _number(rules.get("max_drop"))
    if low is not None and low <= 0:
        yield (f"{metric.name} is a pass rate in [0, 1], so `min: {low:g}` always passes", "min",
               "write the lowest pass rate you accept (e.g. `min: 0.8`), or leave the gate out to only report it")
    if low is not None and low > 1:
        yield (f"{metric.name} is a pass rate in [0, 1], so `min: {low:g}` can never pass", "min",
               f"write it as a share: {_as_share(low)}")
    if drop is not None and drop >= 1:
        yield (f"{metric.name} is a pass rate in [0, 1]: it cannot drop by more than 1, so `max_drop: {drop:g}` "
               "never fails", "max_drop", f"write it as a share: {_as_share(drop)}")


def _as_share(x: float) -> str:
    return f"`{x / 100:g}` for {x:g} %" if 1 < x <= 100 else "a number between 0 and 1"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _check_fields(config: Config, checked: CheckedSuite, index: int, variables: frozenset[str],
                  pf: Preflight) -> None:
    """A variable no row has, and the suite's `vars` do not set, fails every item: a config error."""
    suite, dataset = checked.suite, checked.dataset
    if not dataset.items:
        skipped = f" ({dataset.skipped} bad row(s) skipped)" if dataset.skipped else ""
        pf.problems.append(ConfigError(f"dataset {suite.dataset!r} has no items{skipped}",
                                       where=config.where("datasets", suite.dataset),
                                       fix="add rows to the dataset (a suite of 0 items proves nothing)"))
        if not dataset.fields:
            return
        # a CSV header still names the fields: say now what the rows to be added must hold
    if config.broken_at("suites", index, "vars"):
        return  # a variable no row has may be one the suite's broken `vars` set
    known = dataset.fields | set(suite.vars)
    first = dataset.items[0].inputs if dataset.items else dict.fromkeys(dataset.fields, "")
    sample = {**suite.vars, **first}
    if checked.template is not None:
        pf.problems += checked.template.stray_placeholders(known)
    absent = sorted(variables - known)
    if absent and checked.template is not None and _fails(lambda: checked.template.render(sample)):
        for var in absent:
            pf.problems.append(ConfigError(
                f"prompt {suite.prompt!r} uses {var!r}, which no row of dataset {suite.dataset!r} has "
                f"and suite {suite.name!r} does not set in `vars`",
                where=_line_of(checked.template, var) or config.where("suites", index, "prompt"),
                fix=_did_you_mean(var, known) + f"fields of the dataset: {_listed(dataset.fields)}"))
    for j, metric in zip(checked.metric_index, checked.metrics, strict=True):
        if metric.per_item and metric.per_item not in dataset.fields:
            # items without the field are not scored: with no row holding it, the metric scores nothing,
            # and a gate on it has no number to judge
            pf.problems.append(ConfigError(
                f"metric {metric.name!r} takes its options from field {metric.per_item!r} (`per_item`), which no "
                f"row of dataset {suite.dataset!r} has: it would score no item",
                where=config.where("suites", index, "metrics", j),
                fix=_did_you_mean(metric.per_item, dataset.fields) + f"fields of the dataset: "
                    f"{_listed(dataset.fields)}"))
        for text in _templates(metric.options):
            missing = sorted((pf.add(undeclared_variables, text, "metric option") or frozenset()) - known)
            if missing and _fails(lambda text=text: render(text, sample, "metric option")):
                pf.problems.append(ConfigError(
                    f"metric {metric.name!r} uses {', '.join(map(repr, missing))}, which no row of dataset "
                    f"{suite.dataset!r} has", where=config.where("suites", index, "metrics", j),
                    fix=_did_you_mean(missing[0], known) + f"fields of the dataset: {_listed(dataset.fields)}"))


def _check_hallucination(config: Config, pf: Preflight) -> None:
    h = config.hallucination
    names = [s.name for s in config.suites]
    # a suite left out, or whose name is broken, may be the one a name means
    names_known = not any(p[:1] == ("suites",) and (len(p) <= 2 or p[2] == "name") for p in config.broken)
    for k, name in enumerate(h.get("suites") or ()):
        if name not in names and names_known and not config.broken_at("hallucination", "suites", k):
            pf.problems.append(ConfigError(f"hallucination.suites names {name!r}, which is not a suite",
                                           where=config.where("hallucination", "suites", k),
                                           fix=_did_you_mean(name, names) + f"suites: {', '.join(names) or '(none)'}"))
    context = h.get("context")
    if not context or config.broken_at("hallucination", "suites"):  # which suites it reads is unknown
        return
    where = config.where("hallucination", "context")
    used = pf.add(undeclared_variables, context, "hallucination.context")
    for checked in pf.suites:
        if checked.dataset is None or not checked.dataset.items or (h.get("suites") and checked.suite.name
                                                                     not in h["suites"]):
            continue
        dataset = checked.dataset
        absent = sorted((used or frozenset()) - dataset.fields)
        inputs = dict(dataset.items[0].inputs)  # the context renders from the item's fields alone
        if absent and _fails(lambda inputs=inputs: render(context, inputs, "hallucination.context")):
            pf.problems.append(ConfigError(
                f"the context template uses {', '.join(map(repr, absent))}, which no row of dataset "
                f"{dataset.name!r} (suite {checked.suite.name!r}) has", where=where, key="hallucination.context",
                fix=_did_you_mean(absent[0], dataset.fields) + f"fields of the dataset: {_listed(dataset.fields)}"))


# what a detector's NEEDS ask of the suites it gates, and the provider types that give logprobs only when asked
_LOGPROB_PROVIDERS = ("openai", "hf", "local")


def _check_detector(config: Config, pf: Preflight, env: Mapping[str, str]) -> None:
    """The detector exists, its options are valid, and every gated suite gives it what it NEEDS: a gate
    whose answers all go unjudged (no context, no repeats, no logprobs) guards nothing, and used to be
    found out only after the model calls were paid for."""
    h = config.hallucination
    if config.broken_at("hallucination", "detector") or config.broken_at("hallucination", "options"):
        return
    name = h.get("detector") or "grounding"
    found = pf.add(checked_options, name, h.get("options"), h.get("threshold"), config=config, env=env)
    if found is None:
        return
    needs, where = found[0].NEEDS, config.where("hallucination")
    if "context" in needs and not h.get("context") and not config.broken_at("hallucination", "context"):
        pf.problems.append(ConfigError(
            f"detector {name!r} judges each answer against its context, and hallucination.context is not set: "
            "every answer would go unjudged", where=where, key="hallucination.context",
            fix='set the template of the retrieved text, e.g. context: "{{ context }}" (or use detector: judge)'))
    gated = [s for s in config.suites if not h.get("suites") or s.name in h["suites"]]
    for suite in gated:
        if "samples" in needs and suite.repeats < 2 and not config.broken_at("suites", suite.index, "repeats"):
            pf.problems.append(ConfigError(
                f"detector {name!r} compares an answer with its repeats, and suite {suite.name!r} asks once",
                where=config.where("suites", suite.index), key=f"suites[{suite.index}].repeats",
                fix="set repeats: 3 (or more) on the suite, with a temperature above 0"))
        provider = config.providers.get(suite.provider) or {}
        if "logprobs" in needs and provider.get("type") in _LOGPROB_PROVIDERS \
                and not (provider.get("params") or {}).get("logprobs"):
            pf.problems.append(ConfigError(
                f"detector {name!r} reads token logprobs, and provider {suite.provider!r} (suite {suite.name!r}) "
                "is not asked for them", where=config.where("providers", suite.provider),
                key=f"providers.{suite.provider}.params", fix="add logprobs: true under the provider's params:"))


def _check_unused_files(config: Config, pf: Preflight) -> None:
    """Prompts and local datasets no suite uses still must exist (a typo in a path is a typo)."""
    used_prompts = {s.prompt for s in config.suites}
    used_datasets = {s.dataset for s in config.suites}
    for name, prompt in config.prompts.items():
        where = config.where("prompts", name)
        path = pf.add(inside_root, config.root, prompt["path"], where)
        if name not in used_prompts and path is not None and not path.is_file():
            pf.problems.append(missing_file(name, prompt["path"], where))
    for name, dataset in config.datasets.items():
        source = dataset.get("path")
        if name in used_datasets or not source or source.startswith("hf://"):
            continue
        where = config.where("datasets", name)
        path = pf.add(inside_root, config.root, source, where)
        if path is not None and not path.is_file():
            pf.problems.append(ConfigError(f"dataset file {source!r} does not exist", where=where,
                                           fix="fix the path (relative to lmgate.yaml) or add the file"))


def _unset(values: Any) -> Iterable[LmgateError]:
    """The located error of every `${VAR}` in a provider that is unset, or empty where a secret belongs."""
    if isinstance(values, MissingEnv):
        yield values.error
    elif isinstance(values, Mapping):
        for value in values.values():
            yield from _unset(value)
    elif isinstance(values, (list, tuple)):
        for value in values:
            yield from _unset(value)


def _fails(render_once: Callable[[], Any]) -> bool:
    try:
        render_once()
    except LmgateError:
        return True
    return False


def _templates(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        if "{{" in value or "{%" in value:
            yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _templates(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _templates(v)


def _metric_name(spec: Any) -> str:
    return spec if isinstance(spec, str) else str(next(iter(spec), ""))


def _line_of(template: ChatTemplate, var: str) -> Location | None:
    """The prompt file's first line that names `var`, to point the user at it."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(var)}(?![A-Za-z0-9_])")
    for i, (_, text, _) in enumerate(template.messages):
        for n, line in enumerate(text.split("\n"), 1):
            if pattern.search(line):
                return Location(template.path, template.line(i, n))
    return None


def _listed(names: Iterable[str], most: int = 30) -> str:
    names = sorted(names)
    return ", ".join(names[:most]) + (f" … ({len(names) - most} more)" if len(names) > most else "")


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]!r}? " if close else ""
