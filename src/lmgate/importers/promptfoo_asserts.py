"""promptfoo assertions -> lmgate metrics, with promptfoo's semantics.

Each assertion of a test becomes one metric slot named after its type, so a promptfoo user
recognises it in the PR comment: `icontains`, `not_contains`, `contains_2` for a test's second
`contains`. A suite's metrics are the union of its tests' slots; each item carries its own
options for each slot it has (`per_item: __assert`), and an item without a slot is not scored on
it. `test_pass` is promptfoo's test verdict: every assertion passed, or, with a `threshold`, the
weighted mean score reached it (weights from `weight`, a weight-0 assertion counting as passed).

What promptfoo means, kept exactly: `equals` compares without trimming (an object value compares
as JSON); `starts-with` does not skip leading whitespace; `is-json` does not accept code fences;
`levenshtein` is an edit *distance* at most `threshold` (5); `latency` is in milliseconds; a
`python` number passes when > 0, or >= its `threshold`; `not-` inverts the verdict. Mapped onto
lmgate's own definitions (listed in the report, measured by benchmarks/promptfoo_import.py):
`rouge-n` (Google rouge-score tokens), `bleu` (sacrebleu), model-graded assertions (lmgate's judge
prompt), `context-faithfulness` (the hallucination gate). `javascript` becomes Python only where
lmgate.importers.javascript translates it exactly; everything else is reported as not imported.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate.errors import Location
from lmgate.importers import promptfoo_runtime as runtime
from lmgate.importers.javascript import JavascriptNotTranslatable, translate
from lmgate.importers.promptfoo_config import PromptfooConfig, load_data_file, resolve_files, strip_scheme
from lmgate.importers.promptfoo_tests import split_values
from lmgate.importers.report import Report
from lmgate.importers.yaml12 import load_yaml12
from lmgate.nunjucks import js_string

ITEM_FIELD = "__assert"
TEST_METRIC = "test_pass"
# types whose verdict depends only on the output and the test (what the benchmark compares)
DETERMINISTIC = {"equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any",
                 "icontains-all", "starts-with", "regex", "is-json", "contains-json", "levenshtein", "rouge-n",
                 "bleu", "python", "javascript", "similar", "cost", "perplexity"}
MODEL_GRADED = {
    "llm-rubric": "{value}",
    "g-eval": "{value}",
    "model-graded-closedqa": "The output meets this criterion: {value}",
    "factuality": "The output is factually consistent with this reference answer (it may add detail, but "
                  "must not contradict it): {value}",
    "model-graded-factuality": "The output is factually consistent with this reference answer (it may add "
                               "detail, but must not contradict it): {value}",
    "answer-relevance": "The output directly answers the user's question{query}.",
    "context-recall": "Everything in this reference appears in the context the output was given: {value}",
    "context-relevance": "The context the output was given is relevant to the question{query}.",
}
NOT_COMPARABLE = {"select-best": "it compares the outputs of several prompts with each other",
                  "max-score": "it compares the outputs of several prompts with each other",
                  "human": "it is graded by a person in promptfoo's web viewer"}


@dataclass
class Slot:
    """One assertion of one test, mapped: the metric slot it fills and that item's options."""

    base: str                       # slot name before numbering: "contains", "not_icontains"
    metric: str                     # the lmgate metric: "contains", "not_contains", "python", …
    options: dict[str, Any]
    pf_type: str
    weight: float = 1.0
    deterministic: bool = False
    static: dict[str, Any] = field(default_factory=dict)   # options every item shares (kind, engine …)


@dataclass
class Codegen:
    """Python functions generated for `python`/`javascript` assertions (promptfoo_import/assertions.py)."""

    module: str                     # dotted module path for the python metric's `function` option
    directory: Path                 # where the module is written (file references are relative to it)
    functions: dict[str, str] = field(default_factory=dict)     # name -> source
    keys: dict[str, str] = field(default_factory=dict)          # dedup key -> name

    def add(self, key: str, source_for: Any) -> str:
        if key not in self.keys:
            name = f"assertion_{len(self.keys) + 1}"
            self.keys[key] = name
            self.functions[name] = source_for(name)
        return f"{self.module}:{self.keys[key]}"


@dataclass
class Needs:
    """What the mapped assertions need beside their metrics."""

    judge: bool = False
    embedder: bool = False
    faithfulness: list[Location] = field(default_factory=list)


def map_assertion(assertion: Mapping[str, Any], where: Location, config: PromptfooConfig, report: Report,
                  codegen: Codegen, needs: Needs) -> Slot | None:
    kind = assertion.get("type")
    if not isinstance(kind, str):
        report.unsupported("assertion", f"an assertion without a type: {assertion!r}", where)
        return None
    construct = f"assertion {kind}"
    if kind == "assert-set":
        report.unsupported(construct, "nested assertion sets (their own threshold and weight) are not imported; "
                           "list their assertions in the test instead", where)
        return None
    if kind in NOT_COMPARABLE:
        report.unsupported(construct, NOT_COMPARABLE[kind], where)
        return None
    for key in ("transform", "contextTransform"):
        if assertion.get(key):
            report.unsupported(f"{construct} {key}", "the assertion reads a transformed output; lmgate scores the "
                               "output itself", where)
            return None
    if assertion.get("metric"):
        report.check(f"{construct} metric {assertion['metric']!r}", "promptfoo's named metric (an average over "
                     "the assertions naming it) is not rebuilt; each assertion is its own lmgate metric", where)
    if assertion.get("provider"):
        report.check(f"{construct} provider", "this assertion's own grader is not kept; the suite's judge "
                     "grades it", where)
    inverse = kind.startswith("not-")
    base_type = kind[4:] if inverse else kind
    value = assertion.get("value")
    threshold = assertion.get("threshold")
    if isinstance(value, str) and value.startswith("file://") and base_type not in ("python", "javascript"):
        value = _file_value(value, config, where)
    slot = _map(base_type, inverse, value, threshold, assertion, where, config, report, codegen, needs)
    if slot is None:
        return None
    weight = assertion.get("weight")
    slot.weight = 1.0 if weight is None else float(weight)
    slot.deterministic = base_type in DETERMINISTIC
    report.mapped(construct, f"metric {slot.metric}", where)
    return slot


def _file_value(value: str, config: PromptfooConfig, where: Location) -> Any:
    """An assertion's `file://` value, as promptfoo reads it: JSON/YAML parsed, .txt trimmed."""
    path = resolve_files(config.base, strip_scheme(value), where, root=config.root)[0]
    loaded = load_data_file(path, where, config)
    return loaded.strip() if isinstance(loaded, str) else loaded


def _name(base_type: str, inverse: bool) -> str:
    return ("not_" if inverse else "") + base_type.replace("-", "_").replace(":", "_")


def _map(base_type: str, inverse: bool, value: Any, threshold: Any, assertion: Mapping[str, Any], where: Location,
         config: PromptfooConfig, report: Report, codegen: Codegen, needs: Needs) -> Slot | None:
    construct = f"assertion {'not-' if inverse else ''}{base_type}"
    name = _name(base_type, inverse)
    neg = "not_" if inverse else ""

    def slot(metric: str, options: dict, **static: Any) -> Slot:
        return Slot(name, neg + metric if metric not in ("python",) else metric, options,
                    f"{'not-' if inverse else ''}{base_type}", static=static)

    if base_type in ("contains", "icontains"):
        if not _scalar(value):
            return _bad(report, construct, "needs a string or number value", where)
        return slot(base_type, {"value": js_string(value)})
    if base_type in ("contains-any", "contains-all", "icontains-any", "icontains-all"):
        values = split_values(value) if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            return _bad(report, construct, "needs a list (or comma-separated string) of values", where)
        return slot(base_type.replace("-", "_"), {"value": [js_string(v) for v in values]})
    if base_type == "equals":
        if isinstance(value, (Mapping, list)):
            return slot("json_schema", {"schema": {"const": value}, "allow_fence": False})
        if value is None:
            return _bad(report, construct, "needs a value", where)
        return slot("equals", {"value": js_string(value), "strip": False})
    if base_type == "starts-with":
        if not isinstance(value, str) or not value:
            return _bad(report, construct, "needs a string value", where)
        return slot("starts_with", {"value": value, "strip": False})
    if base_type == "regex":
        if not isinstance(value, str) or not value:
            return _bad(report, construct, "needs a pattern", where)
        if any(token in value for token in ("(?=", "(?!", "(?<=", "(?<!", "\\1", "\\k<")):
            report.check(construct, "the pattern uses lookaround or backreferences; lmgate matches regexes with "
                         "RE2, which has neither", where)
        return slot("regex", {"pattern": re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", value)})  # JS named groups
    if base_type in ("is-json", "contains-json"):
        schema = _schema(value, where, report, construct)
        if schema is False:
            return None
        metric = "contains_json" if base_type == "contains-json" else ("json_schema" if schema else "is_json")
        options: dict[str, Any] = {"schema": schema} if schema else {}
        if base_type == "is-json":
            options["allow_fence"] = False
        return slot(metric, options)
    if base_type == "levenshtein":
        if not isinstance(value, str):
            return _bad(report, construct, "needs a string value", where)
        return slot("levenshtein", {"value": value, "max_distance": threshold if threshold is not None else 5})
    if base_type == "rouge-n":
        if not isinstance(value, str):
            return _bad(report, construct, "needs a string value", where)
        report.check(construct, "scored as lmgate's ROUGE-1 F (Google rouge-score's tokens: lowercase letters and "
                     "digits); promptfoo tokenizes its own way, so a score near the threshold can fall on the "
                     "other side", where)
        return slot("rouge", {"value": value, "variant": "rouge1", "threshold": _t(threshold, 0.75)})
    if base_type == "bleu":
        if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            return _bad(report, construct, "needs a string (or list of strings) value", where)
        report.check(construct, "scored as sacrebleu's sentence BLEU on lowercased whitespace tokens; promptfoo's "
                     "own BLEU smooths zero counts differently", where)
        return slot("bleu", {"value": value, "threshold": _t(threshold, 0.5), "tokenize": "none", "lowercase": True})
    if base_type == "latency":
        if not isinstance(threshold, (int, float)):
            return _bad(report, construct, "needs a threshold (milliseconds)", where)
        return slot("latency", {"max": threshold / 1000})
    if base_type == "cost":
        if not isinstance(threshold, (int, float)):
            return _bad(report, construct, "needs a threshold (USD)", where)
        report.check(construct, "priced from lmgate's price table (add unknown models under the metric's `prices`)",
                     where)
        return slot("cost", {"max": threshold})
    if base_type in ("similar", "similar:cosine", "similar:dot", "similar:euclidean"):
        if not (isinstance(value, str) or (isinstance(value, list) and value)):
            return _bad(report, construct, "needs a string or list value", where)
        needs.embedder = True
        measure = base_type.partition(":")[2] or "cosine"
        return slot("similar", {"value": value, "threshold": _t(threshold, 0.75), "measure": measure})
    if base_type == "perplexity" and not inverse:
        options = {"max": float(threshold)} if isinstance(threshold, (int, float)) else {}
        return slot("perplexity", options)
    if base_type in ("python", "javascript"):
        return _script(base_type, inverse, value, threshold, assertion, where, config, report, codegen, name)
    if base_type in MODEL_GRADED:
        return _graded(base_type, inverse, value, threshold, where, report, needs, name)
    if base_type == "context-faithfulness":
        needs.judge = True
        needs.faithfulness.append(where)
        report.check(construct, "mapped to the hallucination gate (detector judge, context from the test's "
                     "`context` variable) over the imported suites, not to a per-test metric: set its max_rate "
                     "for the share of unfaithful answers you accept", where)
        return None
    reasons = {
        "is-valid-openai-tools-call": "lmgate scores the answer's text; tool calls are not returned by its providers",
        "is-valid-openai-function-call": "lmgate scores the answer's text; function calls are not returned",
        "is-valid-function-call": "lmgate scores the answer's text; function calls are not returned",
        "perplexity": "a negated perplexity (above a threshold) is not imported",
        "perplexity-score": "lmgate's perplexity metric has no normalised 0-1 form",
        "webhook": "lmgate does not call webhooks to grade",
        "moderation": "lmgate has no moderation metric",
    }
    return _bad(report, construct, reasons.get(base_type, "lmgate has no metric for it"), where)


def _bad(report: Report, construct: str, why: str, where: Location) -> None:
    report.unsupported(construct, why, where)
    return None


def _scalar(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _t(threshold: Any, default: float) -> float:
    return float(threshold) if isinstance(threshold, (int, float)) else default


def _schema(value: Any, where: Location, report: Report, construct: str) -> Any:
    """The JSON schema of is-json/contains-json: a mapping, or YAML text; None without; False if unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str):
        try:
            data = load_yaml12(value, where.file).data
        except Exception:
            data = None
        if isinstance(data, Mapping):
            return dict(data)
    report.unsupported(construct, f"cannot read the schema {str(value)[:60]!r}", where)
    return False


def _graded(base_type: str, inverse: bool, value: Any, threshold: Any, where: Location, report: Report,
            needs: Needs, name: str) -> Slot | None:
    construct = f"assertion {base_type}"
    if inverse:
        return _bad(report, construct, "a negated model-graded assertion is not imported", where)
    if base_type not in ("answer-relevance", "context-relevance") and not isinstance(value, str):
        return _bad(report, construct, "needs a string value (a rubric object is not imported)", where)
    needs.judge = True
    rubric = MODEL_GRADED[base_type].format(value=value, query=" ({{ query }})")
    if base_type not in ("llm-rubric",):
        report.check(construct, "graded by lmgate's rubric judge with an equivalent rubric, not by promptfoo's "
                     f"{base_type} prompt", where)
    options: dict[str, Any] = {"rubric": rubric}
    if isinstance(threshold, (int, float)):
        options["threshold"] = float(threshold)
    return Slot(name, "llm_rubric", options, base_type)


def _script(base_type: str, inverse: bool, value: Any, threshold: Any, assertion: Mapping[str, Any],
            where: Location, config: PromptfooConfig, report: Report, codegen: Codegen, name: str) -> Slot | None:
    construct = f"assertion {'not-' if inverse else ''}{base_type}"
    if not isinstance(value, str) or not value.strip():
        return _bad(report, construct, "needs code or a file:// reference", where)
    extra = {"threshold": threshold if isinstance(threshold, (int, float)) else None, "inverse": inverse,
             "config": dict(assertion["config"]) if isinstance(assertion.get("config"), Mapping) else None}
    if base_type == "python":
        if value.startswith("file://"):
            reference = strip_scheme(value)
            path_text, _, function = reference.partition(":")
            path = (config.base / path_text).resolve()
            if not path.is_file():
                return _bad(report, construct, f"no file {path_text}", where)
            config.inside(path, where)  # the generated module would import a file from outside the repository
            spec = {"file": os.path.relpath(path, codegen.directory), "function": function or "get_assert", **extra}
        else:
            spec = {"code": value, **extra}
        key = json.dumps({"python": spec}, sort_keys=True)
        target = codegen.add(key, lambda fn: runtime.python_function_source(fn, spec))
    else:
        if value.startswith("file://"):
            return _bad(report, construct, "JavaScript assertion files are not translated to Python", where)
        try:
            expression = translate(value)
        except JavascriptNotTranslatable as exc:
            return _bad(report, construct, f"not translated to Python exactly ({exc}); rewrite it as a `python` "
                        "assertion", where)
        spec = {"expression": expression, **extra}
        key = json.dumps({"javascript": spec}, sort_keys=True)
        target = codegen.add(key, lambda fn: runtime.javascript_function_source(fn, spec, value))
        report.check(construct, f"translated to Python: {expression}", where)
    return Slot(name, "python", {"function": target}, f"{'not-' if inverse else ''}{base_type}",
                static={"kind": "pass_fail"})


def number_slots(slots: list[Slot]) -> list[str]:
    """The slot names of one test's mapped assertions: `contains`, `contains_2`, …"""
    seen: dict[str, int] = {}
    names = []
    for s in slots:
        seen[s.base] = seen.get(s.base, 0) + 1
        names.append(s.base if seen[s.base] == 1 else f"{s.base}_{seen[s.base]}")
    return names

