"""lmgate.yaml -> frozen dataclasses. Errors carry file:line, the key, and the fix."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lmgate.canary.settings import CANARY
from lmgate.errors import ConfigError, Location
from lmgate.eval.settings import SECTIONS as EVAL_SECTIONS
from lmgate.hallucination.settings import HALLUCINATION
from lmgate.lint.settings import LINT
from lmgate.paths import check_config_file, inside_root
from lmgate.spec import REQUIRED, Opt
from lmgate.spec_validation import Context, validate
from lmgate.yamlfile import YamlDocument, read_yaml

DEFAULT_FILE = "lmgate.yaml"

ROOT = Opt("section", fields={
    "version": Opt("int", REQUIRED, "the config format version; write `version: 1`", choices=(1,)),
    **EVAL_SECTIONS,
    "lint": LINT,
    "hallucination": HALLUCINATION,
    "canary": CANARY,
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
        raise ConfigError(f"no suite named {name!r}", where=Location(str(self.path)),
                          fix=f"suites: {', '.join(s.name for s in self.suites) or '(none)'}")


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
    data = validate(doc.data, ROOT, (), ctx)
    root = path.parent.resolve()
    prompts = {k: _prompt(v) for k, v in (data["prompts"] or {}).items()}
    for name, p in prompts.items():
        inside_root(root, p["path"], doc.where(("prompts", name)))
    datasets = {k: _dataset(v) for k, v in (data["datasets"] or {}).items()}
    for name, d in datasets.items():
        if d.get("path") and not d["path"].startswith("hf://"):
            inside_root(root, d["path"], doc.where(("datasets", name)))
    providers = dict(data["providers"] or {})
    suites = tuple(_suite(s, i, prompts, datasets, providers, ctx) for i, s in enumerate(data["suites"] or ()))
    _unique([s.name for s in suites], "suites", ctx)
    for key in ("results_dir", "cache_dir"):
        inside_root(root, data[key], doc.where((key,)))
    return Config(
        path=path, root=root, version=data["version"],
        providers=MappingProxyType(providers), prompts=MappingProxyType(prompts),
        datasets=MappingProxyType(datasets), suites=suites, lint=data["lint"],
        hallucination=data["hallucination"], canary=data["canary"],
        results_dir=root / data["results_dir"], cache_dir=root / data["cache_dir"],
        config_hash=hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        secrets=frozenset(ctx.secrets), doc=doc,
    )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _prompt(value: Any) -> Mapping:
    return MappingProxyType({"path": value, "format": None} if isinstance(value, str) else dict(value))


def _dataset(value: Any) -> Mapping:
    if isinstance(value, str):
        value = {"path": value, "items": None, "format": None, "on_bad_row": "fail", "id_field": "id",
                 "limit": None}
    return MappingProxyType(dict(value))


def _suite(s: Mapping, i: int, prompts, datasets, providers, ctx: Context) -> Suite:
    for key, known in (("prompt", prompts), ("dataset", datasets), ("provider", providers)):
        if s[key] not in known:
            raise ctx.fail(("suites", i, key), f"{s[key]!r} is not defined under `{key}s`",
                           fix=f"define it, or use one of: {', '.join(known) or '(none defined)'}")
    return Suite(name=s["name"], prompt=s["prompt"], dataset=s["dataset"], provider=s["provider"],
                 metrics=tuple(s["metrics"]), gates=MappingProxyType(dict(s["gates"] or {})),
                 repeats=s["repeats"], vars=MappingProxyType(dict(s["vars"] or {})),
                 max_error_rate=s.get("max_error_rate"))


def _unique(names: list[str], section: str, ctx: Context) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ctx.fail((section, i, "name"), f"duplicate name {name!r}", fix="give each entry its own name")
        seen.add(name)
