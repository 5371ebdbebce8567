"""`lmgate import promptfoo`: a promptfoo suite -> an lmgate plan (providers, prompts, datasets, suites).

promptfoo evaluates tests × prompts × providers; lmgate evaluates suites, each a prompt × a dataset ×
a provider. So each allowed (prompt, provider) pair becomes a suite whose dataset holds the tests
that pair runs (a per-provider `prompts` filter or a test's `prompts`/`providers` filter narrows
it; a per-test `prefix`/`suffix` splits it, since it changes the prompt), and the sum of the
suites' items is promptfoo's row count. Each expanded test is one dataset row: its variables, its
assertions as per-item metric options (`__assert`, which also holds the `test_pass` verdict's
threshold and weights), keyed by promptfoo's test index (`__id`). Writing the files is lmgate.importers.writer's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate import nunjucks
from lmgate.errors import InputError
from lmgate.eval.metrics.cost import price
from lmgate.importers.promptfoo_asserts import (
    ITEM_FIELD,
    TEST_METRIC,
    Codegen,
    Needs,
    Slot,
    map_assertion,
    number_slots,
)
from lmgate.importers.promptfoo_config import PromptfooConfig, env_references, read_config
from lmgate.importers.promptfoo_prompts import ChatPrompt, PfPrompt, prompt_allowed, read_prompts, to_chat
from lmgate.importers.promptfoo_providers import (
    PfProvider,
    grader_spec,
    map_provider,
    provider_allowed,
    read_providers,
)
from lmgate.importers.promptfoo_runtime import assertions_module
from lmgate.importers.promptfoo_tests import Case, read_cases
from lmgate.importers.report import Report

SUPPORT_DIR = "promptfoo_import"
ID_FIELD = "__id"
HANDLED_KEYS = {"prompts", "providers", "targets", "tests", "defaultTest", "scenarios", "evaluateOptions", "env"}
IGNORED_KEYS = {"description": "a title", "outputPath": "promptfoo's output files",
                "sharing": "promptfoo's web sharing",
                "tags": "labels", "writeLatestResults": "promptfoo's result store", "metadata": "labels",
                "tracing": "promptfoo's OpenTelemetry tracing", "commandLineOptions": "promptfoo CLI defaults",
                "$schema": "the editor schema", "version": "a version label"}
UNSUPPORTED_KEYS = {"nunjucksFilters": "custom Nunjucks filters are JavaScript functions",
                    "derivedMetrics": "derived metrics (formulas over named scores) are not rebuilt",
                    "extensions": "extension hooks run JavaScript or Python around the eval",
                    "redteam": "red-team generation is promptfoo's own"}
TEMPLATE_TAGS = {"if", "elif", "elseif", "else", "endif", "for", "endfor", "set", "endset", "raw", "endraw",
                 "verbatim", "endverbatim", "filter", "endfilter"}


@dataclass
class Suite:
    name: str
    prompt: str
    dataset: str
    provider: str
    metrics: list[tuple[str, dict]]          # (slot name, metric spec options)
    not_imported: list[str] = field(default_factory=list)   # comment lines for the metrics list


@dataclass
class Plan:
    source: str
    providers: dict[str, dict] = field(default_factory=dict)
    prompts: dict[str, ChatPrompt] = field(default_factory=dict)
    datasets: dict[str, list[dict]] = field(default_factory=dict)
    suites: list[Suite] = field(default_factory=list)
    suite_vars: dict[str, Any] = field(default_factory=dict)
    hallucination: dict | None = None
    files: dict[str, str] = field(default_factory=dict)       # path relative to the lmgate root -> text
    deterministic: dict[str, bool] = field(default_factory=dict)  # slot -> deterministic (for the benchmark)
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)  # suite -> (promptfoo prompt label, provider)
    slots: dict[int, list[str | None]] = field(default_factory=dict)   # test index -> slot of each assertion


def plan_import(config_path: Path, root: Path) -> tuple[Plan, Report]:
    """Read `config_path` as promptfoo does and plan the lmgate config written at `root`."""
    config = read_config(config_path)
    report = Report(config.source.display)
    plan = Plan(config.source.display)
    _top_level(config, report)
    prompts = read_prompts(config, report)
    out_dir = root / SUPPORT_DIR
    providers = read_providers(config, report, out_dir=out_dir)
    for p in providers:
        plan.providers[p.name] = p.spec
        plan.files.update({f"{SUPPORT_DIR}/{name}": text for name, text in p.files.items()})
    cases = read_cases(config, report)
    codegen = Codegen(module=SUPPORT_DIR + ".assertions", directory=out_dir)
    needs = Needs()
    slots = _map_cases(cases, config, report, codegen, needs, plan)
    _plan_suites(plan, prompts, providers, cases, slots, config, report)
    _judges(plan, needs, config, report, out_dir)
    if codegen.functions:
        plan.files[f"{SUPPORT_DIR}/assertions.py"] = assertions_module(codegen.functions)
    used_env = sorted(set().union(*(env_references(c) for c in (
        [chat.template or "" for chat in plan.prompts.values()]
        + [m for chat in plan.prompts.values() for _, m in chat.messages or ()]))))
    if used_env:
        plan.suite_vars["env"] = {name: f"${{{name}:-}}" for name in used_env}
        report.mapped("templates reading env", f"suite vars env.{', env.'.join(used_env)} read the environment",
                      config.where("prompts"))
    report.mapped("tests", f"{len(cases)} test case(s) -> {sum(len(r) for r in plan.datasets.values())} dataset "
                  f"row(s) in {len(plan.datasets)} dataset(s); {len(plan.suites)} suite(s) evaluate "
                  f"{_items(plan)} item(s)", config.where("tests"))
    return plan, report


def _items(plan: Plan) -> int:
    return sum(len(plan.datasets[s.dataset]) for s in plan.suites)


def _top_level(config: PromptfooConfig, report: Report) -> None:
    for key in config.source.data:
        where = config.where(key)
        if key in IGNORED_KEYS:
            report.ignored(key, f"{IGNORED_KEYS[key]}: no effect on verdicts", where)
        elif key in UNSUPPORTED_KEYS:
            value = config.data.get(key)
            names = f" ({', '.join(map(str, value))})" if isinstance(value, Mapping) else ""
            report.unsupported(key + names, UNSUPPORTED_KEYS[key], where)
        elif key == "env":
            report.check("env", "promptfoo sets these variables for the run; set them in the environment (CI "
                         f"secrets) for lmgate: {', '.join(map(str, config.data.get('env') or {}))}", where)
        elif key not in HANDLED_KEYS:
            report.unsupported(key, "unknown promptfoo setting; nothing was made of it", where)
    options = config.data.get("evaluateOptions") or {}
    for key in options:
        if key == "maxConcurrency":
            report.mapped("evaluateOptions.maxConcurrency", "each provider's concurrency",
                          config.where("evaluateOptions", key))
        elif key in ("cache", "showProgressBar", "delay", "timeoutMs", "maxEvalTimeMs"):
            report.ignored(f"evaluateOptions.{key}", "run-time behaviour; lmgate caches answers and retries on its own",
                           config.where("evaluateOptions", key))
        elif key != "repeat":
            report.unsupported(f"evaluateOptions.{key}", "no lmgate equivalent", config.where("evaluateOptions", key))


def _map_cases(cases: list[Case], config: PromptfooConfig, report: Report, codegen: Codegen,
               needs: Needs, plan: Plan) -> dict[int, list[tuple[str, Slot]]]:
    """Each case's mapped assertions, as (slot name, slot)."""
    mapped: dict[int, Slot | None] = {}
    metric_of: dict[str, str] = {}  # slot base -> its lmgate metric: one base, one metric in every suite
    out: dict[int, list[tuple[str, Slot]]] = {}
    for case in cases:
        found = []
        for assertion in case.asserts:
            key = id(assertion.data)
            if key not in mapped:
                slot = map_assertion(assertion.data, assertion.where, config, report, codegen, needs)
                if slot is not None and metric_of.setdefault(slot.base, slot.metric) != slot.metric:
                    slot.base = f"{slot.base}_{slot.metric}"  # e.g. equals with an object value: equals_json_schema
                mapped[key] = slot
            found.append(mapped[key])
        slots = [s for s in found if s is not None]
        names = iter(number_slots(slots))
        plan.slots[case.index] = [next(names) if s is not None else None for s in found]
        out[case.index] = list(zip(number_slots(slots), slots, strict=True))
    return out


def _plan_suites(plan: Plan, prompts: list[PfPrompt], providers: list[PfProvider], cases: list[Case],
                 slots: dict[int, list[tuple[str, Slot]]], config: PromptfooConfig, report: Report) -> None:
    datasets: dict[tuple[int, ...], str] = {}
    rows = {c.index: _row(c, slots[c.index]) for c in cases}
    variants: dict[tuple[str, str, str], str] = {}
    for provider in providers:
        for prompt in prompts:
            if not prompt_allowed(prompt, provider.prompts):
                continue
            chosen = [c for c in cases if provider_allowed(provider, c.providers) and prompt_allowed(prompt, c.prompts)]
            groups: dict[tuple[str, str], list[Case]] = {}
            for case in chosen:
                key = (str(case.options.get("prefix") or ""), str(case.options.get("suffix") or ""))
                groups.setdefault(key, []).append(case)
            for (prefix, suffix), group in groups.items():
                prompt_name = _variant(plan, variants, prompt, prefix, suffix, report)
                if prompt_name is None:
                    continue
                indices = tuple(c.index for c in group)
                if indices not in datasets:
                    datasets[indices] = "tests" if not datasets else f"tests_{len(datasets) + 1}"
                    plan.datasets[datasets[indices]] = [rows[i] for i in indices]
                name = _suite_name(f"{prompt_name}.{provider.name}", plan)
                metrics = _metrics([s for c in group for s in slots[c.index]])
                plan.suites.append(Suite(name, prompt_name, datasets[indices], provider.name, metrics))
                _provider_needs(plan, provider, metrics, report)
                plan.origins[name] = (prompt.label, provider.key)
                for slot_name, slot in (s for c in group for s in slots[c.index]):
                    plan.deterministic[slot_name] = slot.deterministic


def _provider_needs(plan: Plan, provider: PfProvider, metrics: list[tuple[str, dict]], report: Report) -> None:
    """What a suite's metrics ask of its provider: log-probabilities (perplexity), a price (cost)."""
    used = {spec.get("metric", name) for name, spec in metrics}
    spec = plan.providers[provider.name]
    if "perplexity" in used and not (spec.get("params") or {}).get("logprobs"):
        report.check(f"provider {provider.key} perplexity", "the provider does not ask for token log-probabilities "
                     "(promptfoo 0.123 passes them only with config.passthrough.logprobs), so perplexity fails "
                     "in both tools; add params: {logprobs: true}", provider.where)
    if "cost" in used and spec.get("model"):
        try:
            price(spec["model"], None)
        except InputError:
            report.check(f"provider {provider.key} cost", f"lmgate has no price for {spec['model']!r}: add it "
                         "under the cost metric's `prices` option, or the cost assertions fail", provider.where)


def _variant(plan: Plan, variants: dict, prompt: PfPrompt, prefix: str, suffix: str, report: Report) -> str | None:
    key = (prompt.name, prefix, suffix)
    if key in variants:
        return variants[key]
    raw = prefix + prompt.raw + suffix
    chat = to_chat(raw, prompt.where, report, f"prompt {prompt.label[:60]!r}")
    if chat is None:
        variants[key] = None
        return None
    siblings = sum(1 for k in variants if k[0] == prompt.name)
    name = prompt.name if not (prefix or suffix) else f"{prompt.name}_{siblings + 1}"
    variants[key] = name
    plan.prompts[name] = chat
    _check_template(chat, prompt, report)
    report.mapped(f"prompt {prompt.label[:60]!r}", f"prompts.{name} ({'chat messages' if chat.messages else 'template'}"
                  f"{', with a per-test prefix/suffix' if prefix or suffix else ''})", prompt.where)
    return name


def _check_template(chat: ChatPrompt, prompt: PfPrompt, report: Report) -> None:
    texts = [chat.template] if chat.template is not None else [m for _, m in chat.messages or ()]
    known = nunjucks.known_filters()
    for text in texts:
        for name, _line in nunjucks.filters_used(text):
            if name not in known:
                report.check(f"prompt {prompt.label[:40]!r} filter {name}", "a Nunjucks filter lmgate renders with "
                             "Jinja's meaning (or not at all); compare a rendered prompt", prompt.where)
        for tag in re.findall(r"\{%-?\s*(\w+)", text):
            if tag not in TEMPLATE_TAGS:
                report.check(f"prompt {prompt.label[:40]!r} tag {tag}", "a Nunjucks tag lmgate renders with "
                             "Jinja's meaning (or not at all); compare a rendered prompt", prompt.where)


def _suite_name(name: str, plan: Plan) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    taken = {s.name for s in plan.suites}
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    return candidate


def _metrics(named: list[tuple[str, Slot]]) -> list[tuple[str, dict]]:
    seen: dict[str, dict] = {}
    for name, slot in named:
        if name not in seen:
            spec: dict[str, Any] = {}
            if slot.metric != name:
                spec["metric"] = slot.metric
            spec["per_item"] = ITEM_FIELD
            spec["engine"] = "nunjucks"
            spec.update(slot.static)
            seen[name] = spec
    out = list(seen.items())
    out.append((TEST_METRIC, {"metric": "all_of", "per_item": ITEM_FIELD}))
    return out


def _row(case: Case, slots: list[tuple[str, Slot]]) -> dict[str, Any]:
    row: dict[str, Any] = {ID_FIELD: f"t{case.index}"}
    row.update(case.vars)
    verdict: dict[str, Any] = {"metrics": [name for name, _ in slots]}
    weights = {name: slot.weight for name, slot in slots if slot.weight != 1}
    if weights:
        verdict["weights"] = weights
    if case.threshold is not None:
        verdict["threshold"] = case.threshold
    row[ITEM_FIELD] = {**{name: slot.options for name, slot in slots}, TEST_METRIC: verdict}
    if case.description:
        row["__description"] = case.description
    if case.metadata:
        row["__metadata"] = case.metadata
    return row


def _judges(plan: Plan, needs: Needs, config: PromptfooConfig, report: Report, out_dir: Path) -> None:
    if needs.judge:
        mapped = grader_spec(config, report, out_dir=out_dir)
        if mapped is not None:
            plan.providers["judge"] = mapped[0]
    if needs.embedder:
        options = (config.data.get("defaultTest") or {}).get("options") or {}
        raw = options.get("provider")
        embedding = raw.get("embedding") if isinstance(raw, Mapping) else None
        if isinstance(embedding, str):
            pid, conf = embedding, {}
        elif isinstance(embedding, Mapping) and isinstance(embedding.get("id"), str):
            pid, conf = embedding["id"], embedding.get("config") or {}
        else:  # promptfoo's default embedding model
            pid, conf = "openai:embedding:text-embedding-3-large", {}
        # an embedding endpoint is reached like a chat one: the same base URL, key and model naming
        pid = re.sub(r"^(\w+):embeddings?:", r"\1:chat:", pid)
        mapped = map_provider(pid, conf, config, report, config.where("defaultTest"), out_dir=out_dir, index=98)
        if mapped is not None:
            spec = dict(mapped[0])
            spec.pop("params", None)
            plan.providers["embedder"] = spec
            report.check("similar", f"embeddings come from providers.embedder ({spec.get('model')}) through its "
                         "/embeddings endpoint", config.where("defaultTest"))
    if needs.faithfulness:
        plan.hallucination = {"detector": "judge", "context": "{{ context }}",
                              "suites": [s.name for s in plan.suites], "options": {"provider": "judge"}}

