"""lmgate.yaml -> frozen dataclasses. Errors carry file:line, the key, and the fix.

Each stage declares the keys it adds to lmgate.yaml in its own `settings` module (`SECTIONS`, a
mapping of key -> `Opt`); `STAGES` lists those stages explicitly, in the order the schema and the
README show them, like the plugin folders' `MODULES`. A test fails on a stage settings module that is
not listed. Every problem of a config is reported at once, each at its file:line with a fix.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lmgate.errors import ConfigError, LmgateError, Location, raise_all
from lmgate.paths import check_config_file, inside_root
from lmgate.registry import load_modules
from lmgate.spec import REQUIRED, Opt
from lmgate.spec_validation import Context, check
from lmgate.yamlfile import YamlDocument, read_yaml

DEFAULT_FILE = "lmgate.yaml"

# The stages whose `lmgate.<stage>.settings` module declares `SECTIONS` (imported by name, so the core
# depends on no stage's code).
STAGES: tuple[str, ...] = ("eval", "lint", "hallucination", "canary")


def stage_sections(stages: tuple[str, ...] = STAGES) -> dict[str, Opt]:
    sections: dict[str, Opt] = {}
    for module in load_modules("lmgate", [f"{stage}.settings" for stage in stages]):
        for key, opt in module.SECTIONS.items():
            if key in sections:
                raise ValueError(f"config key {key!r} is declared twice ({module.__name__})")
            sections[key] = opt
    return sections


ROOT = Opt("section", fields={
    "version": Opt("int", REQUIRED, "the config format version; write `version: 1`", choices=(1,)),
    **stage_sections(),
    "results_dir": Opt("str", ".lmgate/results", "where each stage writes its result files"),
    "cache_dir": Opt("str", ".lmgate/cache", "where model responses are cached"),
})


@dataclass(frozen=True)
class Suite:
    name: str
    prompt: str
    dataset: str
    provider: str
    metrics: tuple
    gates: Mapping[str, Mapping]
    repeats: int
    vars: Mapping[str, Any]
    max_error_rate: float | None = None


@dataclass(frozen=True)
class Config:
    path: Path
    root: Path
    version: int
    providers: Mapping[str, Mapping]
    prompts: Mapping[str, Mapping]
    datasets: Mapping[str, Mapping]
    suites: tuple[Suite, ...]
    lint: Mapping
    hallucination: Mapping | None
    canary: Mapping | None
    results_dir: Path
    cache_dir: Path
    config_hash: str
    secrets: frozenset[str] = field(repr=False)
    doc: YamlDocument = field(repr=False, compare=False)

    def where(self, *path: Any) -> Location:
        return self.doc.where(path)

    def suite(self, name: str) -> Suite:
        for s in self.suites:
            if s.name == name:
                return s
        close = difflib.get_close_matches(name, [s.name for s in self.suites], n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ConfigError(f"no suite named {name!r}", where=Location(str(self.path)),
                          fix=f"{hint}suites: {', '.join(s.name for s in self.suites) or '(none)'}")


def find_config(explicit: str | None, cwd: Path | None = None) -> Path:
    path = Path(explicit or os.environ.get("LMGATE_CONFIG") or DEFAULT_FILE)
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if not path.is_file():
        raise ConfigError("config file not found", where=Location(str(path)),
                          fix="run `lmgate init` to write one, or pass --config PATH")
    return path


def load_config(path: Path, env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    display = _display(path)
    check_config_file(path, env)  # before a byte is read: a link to ~/.aws/credentials must not be echoed
    doc = read_yaml(path, display)
    if not isinstance(doc.data, dict):
        raise ConfigError("the config should be a mapping of sections (version, suites, …)",
                          where=Location(display, 1), fix="start the file with `version: 1`")
    ctx = Context(doc=doc, env=env, defer_missing=("providers",))
    data, problems = check(doc.data, ROOT, (), ctx)
    raise_all(problems)  # the rest reads the sections' shapes, which only now are known to be right
    problems = []
    root = path.parent.resolve()
    prompts = {k: _prompt(v) for k, v in (data["prompts"] or {}).items()}
    for name, p in prompts.items():
        _collect(problems, inside_root, root, p["path"], doc.where(("prompts", name)))
    datasets = {k: _dataset(v, ("datasets", k), ctx) for k, v in (data["datasets"] or {}).items()}
    for name, d in datasets.items():
        if d.get("path") and not d["path"].startswith("hf://"):
            _collect(problems, inside_root, root, d["path"], doc.where(("datasets", name)))
    providers = dict(data["providers"] or {})
    suites = tuple(_suite(s, i, prompts, datasets, providers, ctx, problems)
                   for i, s in enumerate(data["suites"] or ()))
    _unique([s.name for s in suites], "suites", ctx, problems)
    for key in ("results_dir", "cache_dir"):
        _collect(problems, inside_root, root, data[key], doc.where((key,)))
    raise_all(problems)
    return Config(
        path=path, root=root, version=data["version"],
        providers=MappingProxyType(providers), prompts=MappingProxyType(prompts),
        datasets=MappingProxyType(datasets), suites=suites, lint=data["lint"],
        hallucination=data["hallucination"], canary=data["canary"],
        results_dir=root / data["results_dir"], cache_dir=root / data["cache_dir"],
        config_hash=hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        secrets=frozenset(ctx.secrets), doc=doc,
    )


def _collect(problems: list[LmgateError], fn, *args) -> Any:
    try:
        return fn(*args)
    except LmgateError as exc:
        problems.append(exc)
        return None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _prompt(value: Any) -> Mapping:
    return MappingProxyType({"path": value, "format": None} if isinstance(value, str) else dict(value))


def _dataset(value: Any, path: tuple, ctx: Context) -> Mapping:
    if isinstance(value, str):  # the short form: a path, with every option at its default
        full = next(alt for alt in ROOT.fields["datasets"].values.one_of if alt.type == "section")
        value, _ = check({"path": value}, full, path, ctx)
    return MappingProxyType(dict(value))


def _suite(s: Mapping, i: int, prompts, datasets, providers, ctx: Context, problems: list) -> Suite:
    for key, known in (("prompt", prompts), ("dataset", datasets), ("provider", providers)):
        if s[key] not in known:
            close = difflib.get_close_matches(s[key], list(known), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(ctx.fail(("suites", i, key), f"{s[key]!r} is not defined under `{key}s`",
                                     fix=f"{hint}define it, or use one of: {', '.join(known) or '(none defined)'}"))
    return Suite(name=s["name"], prompt=s["prompt"], dataset=s["dataset"], provider=s["provider"],
                 metrics=tuple(s["metrics"]), gates=MappingProxyType(dict(s["gates"] or {})),
                 repeats=s["repeats"], vars=MappingProxyType(dict(s["vars"] or {})),
                 max_error_rate=s.get("max_error_rate"))


def _unique(names: list[str], section: str, ctx: Context, problems: list) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            problems.append(ctx.fail((section, i, "name"), f"duplicate name {name!r}",
                                     fix="give each entry its own name"))
        seen.add(name)
