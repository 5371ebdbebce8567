"""promptfoo tests -> the expanded test cases promptfoo would run, in promptfoo's order.

Read as promptfoo 0.123 reads them: inline tests; `file://` YAML, JSON, JSONL and CSV files and
globs (a YAML/JSON test file's own `file://` values are loaded, `vars: file://…` resolves against
that test file); `{path: …}` entries; `scenarios`. CSV rows become tests as promptfoo builds them:
`__expected`, `__expected1…N` (the `type:value` assertion shorthand), `__description`,
`__threshold`, `__metric`, `__prefix`/`__suffix`, `__metadata:key` (and `key[]` lists) and
`__config:__expectedN:threshold`; every other column is a variable, a string.

Each test is merged with `defaultTest` the way promptfoo merges it: the default's assertions
first, then the test's own (`disableDefaultAsserts` drops them); the default's vars under the
test's; `threshold`, `prompts`, `providers` from the test, else the default. The merged vars then
expand into the matrix of every list of strings (a list of anything else is one value), and a
`file://` var names a file (a glob: one test per file) whose text is read as promptfoo reads it at
render time: trimmed text, YAML as compact JSON. lmgate reads variables from the dataset row, so
file contents are inlined there. Each expanded case keeps promptfoo's test index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmgate.errors import InputError, Location
from lmgate.importers.promptfoo_config import (
    SCRIPT_SUFFIXES,
    PromptfooConfig,
    Source,
    has_magic,
    load_data_file,
    parse_json_strict,
    read_csv_rows,
    resolve_files,
    strip_scheme,
)
from lmgate.importers.report import Report
from lmgate.nunjucks import JS_WHITESPACE, json_stringify

ASSERTION_TYPES = (
    "agent-rubric", "answer-relevance", "bleu", "classifier", "contains", "contains-all", "contains-any",
    "contains-html", "contains-json", "contains-sql", "contains-xml", "context-faithfulness", "context-recall",
    "context-relevance", "conversation-relevance", "cost", "equals", "factuality", "finish-reason", "g-eval",
    "gleu", "guardrails", "icontains", "icontains-all", "icontains-any", "is-html", "is-json", "is-refusal",
    "is-sql", "is-valid-function-call", "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml",
    "javascript", "latency", "levenshtein", "llm-rubric", "pi", "meteor", "model-graded-closedqa",
    "model-graded-factuality", "moderation", "perplexity", "perplexity-score", "python", "regex", "rouge-n", "ruby",
    "similar", "similar:cosine", "similar:dot", "similar:euclidean", "starts-with", "tool-call-f1", "skill-used",
    "trajectory:goal-success", "trajectory:tool-args-match", "trajectory:step-count", "trajectory:tool-sequence",
    "trajectory:tool-used", "trace-error-spans", "trace-span-count", "trace-span-duration", "search-rubric",
    "webhook", "word-count")
_SHORTHAND = re.compile(r"^(not-)?(" + "|".join(map(re.escape, ASSERTION_TYPES)) +
                        r")(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$")
_THRESHOLD_TYPES = {"answer-relevance", "classifier", "context-faithfulness", "context-recall", "context-relevance",
                    "cost", "latency", "levenshtein", "perplexity-score", "perplexity", "rouge-n", "similar",
                    "starts-with"}
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg", ".tif", ".tiff", ".ico", ".avif",
                  ".heic", ".heif", ".mp3", ".wav", ".m4a", ".ogg", ".flac", ".mp4", ".mov", ".webm", ".pdf")


# Every case is a dataset row the import writes. promptfoo multiplies list variables (a cartesian
# product) and `repeat`s: a few lines of a config from a pull request could ask for 10^20 rows.
MAX_CASES = 100_000
_TOO_MANY_FIX = ("shorten the list variables or lower repeat (disableVarExpansion: true passes a list as one "
                 "value)")


@dataclass
class Assertion:
    data: dict                      # the promptfoo assertion, as written (after CSV shorthand parsing)
    where: Location


@dataclass
class Case:
    """One expanded test: what promptfoo runs once per allowed prompt × provider."""

    index: int                      # promptfoo's testIdx
    vars: dict[str, Any]
    asserts: list[Assertion]
    where: Location
    description: str | None = None
    threshold: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    prompts: list[str] | None = None
    providers: list[str] | None = None


@dataclass
class RawTest:
    data: dict
    where: Location
    base: Path                      # where a test's `vars: <file>` resolves
    source: Source | None = None    # the YAML/JSON file holding it, and its key path there
    path: tuple = ()

    def assert_where(self, j: int) -> Location:
        if self.source is None:
            return self.where
        return self.source.where(*self.path, "assert", j)


def read_cases(config: PromptfooConfig, report: Report) -> list[Case]:
    tests = read_tests(config.data.get("tests"), config, report, config.where("tests"))
    default = _default_test(config, report)
    scenarios = config.data.get("scenarios")
    if scenarios:
        tests += _scenario_tests(scenarios, default, config, report)
    if not tests and not scenarios:
        tests = [RawTest({}, config.where(), config.base)]  # promptfoo runs each prompt once with no vars
    cases: list[Case] = []
    repeat = _repeat((config.data.get("evaluateOptions") or {}).get("repeat"), config.where("evaluateOptions"))
    for test in tests:
        cases += _expand(test, default, len(cases), config, report, repeat)
    return cases


def read_tests(value: Any, config: PromptfooConfig, report: Report, where: Location) -> list[RawTest]:
    if value is None:
        return []
    if isinstance(value, str):
        if value.endswith(("yaml", "yml")):
            return _from_glob(value, config, report, where)
        return _standalone(value, config, report, where)
    if isinstance(value, Mapping) and isinstance(value.get("path"), str):
        if value.get("config"):
            report.unsupported("tests generator config", "test generators (.py/.js) are not run", where)
        return _standalone(value["path"], config, report, where)
    if not isinstance(value, list):
        report.unsupported("tests", f"cannot read tests given as {type(value).__name__}", where)
        return []
    out: list[RawTest] = []
    for i, entry in enumerate(value):
        here = config.where("tests", i)
        if isinstance(entry, str):
            bare = strip_scheme(entry)
            if bare.split(":")[0].endswith(SCRIPT_SUFFIXES) or ":" in bare or bare.endswith((".xlsx", ".xls")):
                out += _standalone(entry, config, report, here)
            else:
                out += _from_glob(entry, config, report, here)
        elif isinstance(entry, Mapping) and isinstance(entry.get("path"), str):
            out += _standalone(entry["path"], config, report, here)
        elif isinstance(entry, Mapping):
            test = _read_test(dict(entry), here, config.base, config, report)
            test.source, test.path = config.source, ("tests", i)
            out.append(test)
        else:
            report.unsupported("test", f"a test is a mapping or a file path, not {type(entry).__name__}", here)
    return out


def _from_glob(reference: str, config: PromptfooConfig, report: Report, where: Location) -> list[RawTest]:
    if reference.startswith(("huggingface://", "https://", "az://")):
        report.unsupported(f"tests {reference}", "remote test sets are not fetched; download the file and point "
                           "tests at it", where)
        return []
    out: list[RawTest] = []
    for path in resolve_files(config.base, reference, where, root=config.root):
        suffix = path.suffix.lower()
        if suffix in (".csv", ".xlsx", ".xls") or suffix in SCRIPT_SUFFIXES:
            out += _standalone(str(path), config, report, where)
            continue
        if suffix not in (".yaml", ".yml", ".json", ".jsonl"):
            raise InputError(f"promptfoo reads no tests from {path.name}", where=where,
                             fix="tests files are .yaml, .yml, .json, .jsonl or .csv")
        rows, source = _structured(path, config, where)
        for i, row in enumerate(rows):
            if not isinstance(row, Mapping):
                report.unsupported("test", f"entry {i + 1} of {config.display(path)} is not a mapping",
                                   source.where(i) if source else where)
                continue
            loaded = load_refs(dict(row), config, report, source.where(i) if source else where)
            test = _read_test(loaded, source.where(i) if source else Location(config.display(path), i + 1),
                              path.parent, config, report)
            test.source, test.path = source, (i,)
            out.append(test)
    return out


def _structured(path: Path, config: PromptfooConfig, where: Location) -> tuple[list, Source | None]:
    if path.suffix.lower() == ".jsonl":
        rows = []
        for number, line in enumerate(config.read_text(path, where).split("\n"), 1):
            if line.strip():
                ok, value = parse_json_strict(line)
                if not ok:
                    raise InputError("not a JSON line", where=Location(config.display(path), number))
                rows.append(value)
        return rows, None
    source = config.read_source(path, where)
    data = source.data
    if data is None:
        return [], source
    return (data if isinstance(data, list) else [data]), source


def _standalone(reference: str, config: PromptfooConfig, report: Report, where: Location) -> list[RawTest]:
    """readStandaloneTestsFile: CSV and YAML rows through the CSV rules, JSON/JSONL as test cases."""
    bare = strip_scheme(reference)
    if bare.startswith(("huggingface://", "https://", "az://")):
        report.unsupported(f"tests {reference}", "remote test sets are not fetched; download the file and point "
                           "tests at it", where)
        return []
    path_text = bare.rsplit(":", 1)[0] if bare.count(":") == 1 and not re.match(r"^[A-Za-z]:", bare) else bare
    path = (config.base / path_text) if not Path(path_text).is_absolute() else Path(path_text)
    suffix = path.suffix.lower()
    if suffix in SCRIPT_SUFFIXES or suffix in (".xlsx", ".xls"):
        report.unsupported(f"tests {config.display(path)}", "tests generated by a script or read from a spreadsheet "
                           "are not imported; export them to CSV or YAML", where)
        return []
    if not path.is_file():
        raise InputError(f"no test file {path_text!r}", where=where, fix="fix the path (relative to the config)")
    display = config.display(path)
    out: list[RawTest] = []
    if suffix == ".csv":
        rows = read_csv_rows(config.read_text(path, where), display)
        for i, row in enumerate(rows):
            test = csv_row_test(row, Location(display, i + 2), report)
            test["description"] = test.get("description") or f"Row #{i + 1}"
            out.append(RawTest(test, Location(display, i + 2), config.base))
        return out
    if suffix in (".json", ".jsonl", ".yaml", ".yml"):
        rows, source = _structured(path, config, where)
        for i, row in enumerate(rows):
            here = source.where(i) if source else Location(display, i + 1)
            if not isinstance(row, Mapping):
                report.unsupported("test", f"entry {i + 1} of {display} is not a mapping", here)
                continue
            if suffix in (".yaml", ".yml"):
                test = csv_row_test(load_refs(dict(row), config, report, here), here, report)
            else:
                test = dict(row)
            test["description"] = test.get("description") or f"Row #{i + 1}"
            out.append(RawTest(test, here, config.base, source if suffix not in (".yaml", ".yml") else None, (i,)))
        return out
    return []


def csv_row_test(row: Mapping[str, Any], where: Location, report: Report) -> dict:
    """promptfoo's testCaseFromCsvRow: special `__` columns, every other column a variable."""
    vars_: dict[str, Any] = {}
    asserts: list[dict] = []
    options: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    configs: dict[int, dict[str, float]] = {}
    test: dict[str, Any] = {}
    metric = None
    for raw_key, value in row.items():
        key = str(raw_key).strip()
        text = value if isinstance(value, str) else "" if value is None else str(value)
        if key.startswith("__expected"):
            if text.strip():
                asserts.append(assertion_from_string(text.strip()))
        elif key in ("__prefix", "__suffix"):
            options[key[2:]] = text
        elif key == "__description":
            test["description"] = text
        elif key == "__metric":
            metric = text
        elif key == "__threshold":
            number = _finite(text)
            if number is not None:
                test["threshold"] = number
        elif key.startswith("__metadata:"):
            name = key[len("__metadata:"):]
            if name.endswith("[]") and text.strip():
                metadata[name[:-2]] = [v.strip().replace("\\,", ",") for v in re.split(r"(?<!\\),", text)]
            elif text.strip():
                metadata[name] = text
        elif key.startswith("__config:"):
            parts = key[len("__config:"):].split(":")
            match = re.fullmatch(r"__expected(\d*)", parts[0]) if len(parts) == 2 else None
            index = (int(match.group(1) or 1) - 1) if match else -1
            number = _finite(text)
            if index < 0 or parts[1] != "threshold" or number is None:
                raise InputError(f"bad CSV column {key!r} or value {text!r}", where=where,
                                 fix="write __config:__expected<N>:threshold with a number")
            configs.setdefault(index, {})["threshold"] = number
        elif key == "__providerOutput":
            report.unsupported("CSV column __providerOutput", "fixed outputs are not evaluated by lmgate", where)
        elif key == "__metadata":
            report.ignored("CSV column __metadata", "promptfoo ignores it too (it needs a key: __metadata:name)",
                           where)
        else:
            vars_[key] = text
    for i, assertion in enumerate(asserts):
        if metric:
            assertion["metric"] = metric
        for name, number in configs.get(i, {}).items():
            assertion[name] = number
            metadata[name] = number
    test.update({"vars": vars_, "assert": asserts, "options": options})
    if metadata:
        test["metadata"] = metadata
    return test


def assertion_from_string(expected: str) -> dict:
    """The `__expected` shorthand: `contains:foo`, `not-icontains:bar`, `similar(0.9):…`, `grade:…`, …"""
    for prefix in ("javascript:", "fn:", "eval:"):
        if expected.startswith(prefix):
            return {"type": "javascript", "value": expected[len(prefix):].strip()}
    if expected.startswith("file://") and expected[7:].split(":")[0].endswith((".js", ".cjs", ".mjs", ".ts")):
        return {"type": "javascript", "value": expected}
    if expected.startswith(("grade:", "llm-rubric:")):
        return {"type": "llm-rubric", "value": expected.split(":", 1)[1]}
    if expected.startswith("python:") or (expected.startswith("file://") and (expected.endswith(".py") or
                                                                              ".py:" in expected)):
        return {"type": "python", "value": expected[7:].strip()}
    match = _SHORTHAND.match(expected)
    if not match:
        return {"type": "equals", "value": expected}
    negated, kind, threshold, value = match.groups()
    full = f"not-{kind}" if negated else kind
    number = _finite(threshold) if threshold else None
    if kind in ("contains-all", "contains-any", "icontains-all", "icontains-any"):
        return {"type": full, "value": split_values(value) if value else value}
    if kind in ("contains-json", "is-json"):
        return {"type": full, "value": value}
    if kind in _THRESHOLD_TYPES:
        default = 0.8 if kind == "similar" else 0.75
        return {"type": full, "value": value.strip() if value is not None else None,
                "threshold": number if number is not None else default}
    return {"type": full, "value": value.strip() if value is not None else None}


def split_values(value: str) -> list[str]:
    """promptfoo's comma list: `a, "b, c", d` -> [a, "b, c", d] (quotes may double or escape)."""
    out: list[str] = []
    i = 0
    while i < len(value):
        while i < len(value) and (value[i].isspace() or value[i] == ","):
            i += 1
        if i >= len(value):
            break
        if value[i] == '"':
            i += 1
            field_text = ""
            while i < len(value):
                if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in '"\\':
                    field_text += value[i + 1]
                    i += 2
                elif value[i] == '"' and i + 1 < len(value) and value[i + 1] == '"':
                    field_text += '"'
                    i += 2
                elif value[i] == '"':
                    i += 1
                    break
                else:
                    field_text += value[i]
                    i += 1
            out.append(field_text)
            while i < len(value) and value[i].isspace():
                i += 1
        else:
            start = i
            while i < len(value) and value[i] != ",":
                i += 1
            out.append(value[start:i].strip())
    return out


def _finite(text: Any) -> float | None:
    if not isinstance(text, str) or not re.fullmatch(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*", text):
        return None
    number = float(text)
    return int(number) if number == int(number) else number


def load_refs(value: Any, config: PromptfooConfig, report: Report, where: Location, context: str | None = None) -> Any:
    """maybeLoadConfigFromExternalFile: `file://` values inside a test file are loaded, except vars
    (read at render time) and the code of python/javascript assertions."""
    if isinstance(value, list):
        return [load_refs(v, config, report, where, context) for v in value]
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            child = context
            if key == "value" and value.get("type") in ("python", "javascript"):
                child = "assertion"
            elif key == "vars":
                child = "vars"
            out[key] = load_refs(item, config, report, where, child)
        return out
    if not isinstance(value, str) or not value.startswith("file://") or context == "vars":
        return value
    target = strip_scheme(value)
    if context == "assertion" and target.split(":")[0].endswith(SCRIPT_SUFFIXES):
        return value
    files = resolve_files(config.base, target.split(":")[0] if target.split(":")[0].endswith(SCRIPT_SUFFIXES)
                          else target, where, root=config.root)
    if has_magic(target):
        loaded: list = []
        for path in files:
            item = load_data_file(path, where, config)
            loaded += item if isinstance(item, list) else [item]
        return loaded
    return load_data_file(files[0], where, config)


def _read_test(test: dict, where: Location, base: Path, config: PromptfooConfig, report: Report) -> RawTest:
    vars_ = test.get("vars")
    if isinstance(vars_, (str, list)):  # vars read from YAML files, merged (relative to this test's file)
        merged: dict = {}
        for reference in [vars_] if isinstance(vars_, str) else vars_:
            if str(reference).startswith("file://"):
                # promptfoo 0.123 looks for a file literally named "file://…" here and finds none
                report.check(f"vars {reference}", "promptfoo reads no variables from `vars: file://…` (it does not "
                             "strip the file:// prefix there), so neither does the import; write the path without "
                             "file:// to load it", where)
                continue
            for path in resolve_files(base, str(reference), where, root=config.root):
                data = config.read_source(path, where).data
                if isinstance(data, Mapping):
                    merged.update(data)
        test = {**test, "vars": merged}
    return RawTest(test, where, base)


def _default_test(config: PromptfooConfig, report: Report) -> dict:
    raw = config.data.get("defaultTest")
    where = config.where("defaultTest")
    if isinstance(raw, str) and raw.startswith("file://"):
        files = resolve_files(config.base, raw, where, root=config.root)
        raw = load_data_file(files[0], where, config)
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        report.unsupported("defaultTest", f"cannot read a defaultTest given as {type(raw).__name__}", where)
        return {}
    return _read_test(dict(raw), where, config.base, config, report).data


def _scenario_tests(scenarios: Any, default: dict, config: PromptfooConfig, report: Report) -> list[RawTest]:
    out: list[RawTest] = []
    for s_index, scenario in enumerate(scenarios if isinstance(scenarios, list) else []):
        where = config.where("scenarios", s_index)
        if isinstance(scenario, str):
            loaded = load_data_file(resolve_files(config.base, scenario, where, root=config.root)[0], where, config)
            scenario = loaded[0] if isinstance(loaded, list) and loaded else loaded
        if not isinstance(scenario, Mapping):
            report.unsupported("scenario", "a scenario is a mapping with config and tests", where)
            continue
        tests = read_tests(scenario.get("tests"), config, report, where) or [RawTest({}, where, config.base)]
        for data in scenario.get("config") or []:
            for test in tests:
                merged = {**default, **data, **test.data,
                          "vars": {**(default.get("vars") or {}), **(data.get("vars") or {}),
                                   **(test.data.get("vars") or {})},
                          "options": {**(default.get("options") or {}), **(data.get("options") or {}),
                                      **(test.data.get("options") or {})},
                          "assert": [*(data.get("assert") or []), *(test.data.get("assert") or [])],
                          "metadata": {**(default.get("metadata") or {}), **(data.get("metadata") or {}),
                                       **(test.data.get("metadata") or {})}}
                out.append(RawTest(merged, test.where, test.base, None, ()))
    return out


def _expand(test: RawTest, default: dict, start: int, config: PromptfooConfig, report: Report,
            repeat: int) -> list[Case]:
    data = test.data
    where = test.where
    options = {**(default.get("options") or {}), **(data.get("options") or {})}
    raw_asserts = [] if options.get("disableDefaultAsserts") is True else list(default.get("assert") or [])
    default_count = len(raw_asserts)
    raw_asserts += list(data.get("assert") or [])
    asserts = [Assertion(dict(a) if isinstance(a, Mapping) else {"type": None, "value": a},
                         config.where("defaultTest", "assert", i) if i < default_count
                         else test.assert_where(i - default_count)) for i, a in enumerate(raw_asserts)]
    if data.get("provider") or default.get("provider"):
        report.unsupported("test provider", "a test that overrides the provider is not imported as such; lmgate "
                           "runs every item on the suite's provider", where)
    if data.get("providerOutput") is not None:
        report.unsupported("test providerOutput", "fixed outputs are not evaluated by lmgate", where)
    for key in ("transform", "transformVars", "rubricPrompt", "storeOutputAs", "runSerially"):
        if key in options:
            report.unsupported(f"test options.{key}", "no lmgate equivalent", where)
    vars_ = {**(default.get("vars") or {}), **(data.get("vars") or {})}
    combos = [vars_] if options.get("disableVarExpansion") else _combinations(vars_, config, where)
    cases = []
    times = _repeat(options.get("repeat"), where) if options.get("repeat") else repeat
    if start + len(combos) * times > MAX_CASES:
        raise InputError(f"the tests expand to more than {MAX_CASES:,} cases (this one to {len(combos):,} "
                         f"variable combination(s) × repeat {times:,})", where=where, fix=_TOO_MANY_FIX)
    for _ in range(times):
        for combo in combos:
            cases.append(Case(
                index=start + len(cases), vars=_inline_files(combo, config, report, where), asserts=asserts,
                where=where, description=data.get("description"),
                threshold=data.get("threshold", default.get("threshold")),
                metadata={**(default.get("metadata") or {}), **(data.get("metadata") or {})}, options=options,
                prompts=_names(data.get("prompts", default.get("prompts"))),
                providers=_names(data.get("providers", default.get("providers")))))
    return cases


def _names(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _repeat(value: Any, where: Location) -> int:
    """`repeat` as a count of runs: a whole number from 1 to MAX_CASES (unset is 1)."""
    try:
        times = int(value or 1)
    except (TypeError, ValueError, OverflowError):
        raise InputError(f"repeat {value!r} is not a whole number", where=where, fix="write repeat: 3") from None
    if not 1 <= times <= MAX_CASES:
        raise InputError(f"repeat {times:,} is not between 1 and {MAX_CASES:,}", where=where, fix=_TOO_MANY_FIX)
    return times


def _combinations(vars_: Mapping[str, Any], config: PromptfooConfig, where: Location) -> list[dict]:
    combos: list[dict] = [{}]
    for key, value in vars_.items():
        if isinstance(value, str) and value.startswith("file://"):
            target = strip_scheme(value)
            if has_magic(target):
                values: list = [f"file://{p.relative_to(config.base).as_posix()}"
                                 for p in resolve_files(config.base, target, where, root=config.root)]
            else:
                values = [value]
        elif isinstance(value, list):
            values = value if value and isinstance(value[0], str) else [value]
        else:
            values = [value]
        if len(combos) * len(values) > MAX_CASES:  # checked before the product is built
            raise InputError(f"the list variables of this test combine into more than {MAX_CASES:,} cases",
                             where=where, fix=_TOO_MANY_FIX)
        combos = [{**combo, key: v} for combo in combos for v in values]
    return combos


def _inline_files(vars_: dict, config: PromptfooConfig, report: Report, where: Location) -> dict:
    out = {}
    for key, value in vars_.items():
        if isinstance(value, str) and value.startswith("file://"):
            out[key] = _var_file(key, value, config, report, where)
        else:
            out[key] = value
    return out


def _var_file(key: str, value: str, config: PromptfooConfig, report: Report, where: Location) -> Any:
    path = config.base / strip_scheme(value)
    suffix = path.suffix.lower()
    if suffix in SCRIPT_SUFFIXES or suffix in MEDIA_SUFFIXES:
        report.unsupported(f"var {key} from {strip_scheme(value)}", "variables computed by scripts, and media or "
                           "PDF files, are not inlined; the file reference was kept as text", where)
        return value
    if not path.is_file():
        raise InputError(f"var {key}: no file {strip_scheme(value)!r}", where=where,
                         fix="promptfoo resolves file:// vars against the folder of the config")
    report.mapped(f"var {key} from {config.display(path)}", "the file's text is inlined into the dataset rows "
                  "(edit the rows, or the file and import again)", where)
    if suffix in (".yaml", ".yml"):
        return json_stringify(config.read_source(path, where).data) or ""
    return config.read_text(path, where).strip(JS_WHITESPACE)
