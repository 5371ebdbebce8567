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
from lmgate.spec_validation import Context, check, salvage
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
    index: int = 0  # its position under `suites`: where its lines are


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
    # Only a config read with problems (`read_config`) has these: the paths of its parts that are broken
    # (or name what is not defined), left out or kept as unknown, each already reported.
    broken: frozenset[tuple] = frozenset()

    def broken_at(self, *path: Any) -> bool:
        """Whether the value at `path` is not known good: it, what holds it, or a part of it is broken."""
        return _broken_at(self.broken, path)

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
    config, problems = read_config(path, env)
    raise_all(problems)
    return config


def read_config(path: Path, env: Mapping[str, str] | None = None) -> tuple[Config, list[LmgateError]]:
    """The config and every problem in it. With problems, the config holds only the parts that are
    valid on their own and `Config.broken` names the rest, so `validate` can check those parts further
    (metric names, prompt variables…) and list every problem in one run; nothing may run such a config.
    """
    env = os.environ if env is None else env
    display = _display(path)
    check_config_file(path, env)  # before a byte is read: a link to ~/.aws/credentials must not be echoed
    doc = read_yaml(path, display)
    if not isinstance(doc.data, dict):
        raise ConfigError("the config should be a mapping of sections (version, suites, …)",
                          where=Location(display, 1), fix="start the file with `version: 1`")
    ctx = Context(doc=doc, env=env, defer_missing=("providers",))
    data, problems = check(doc.data, ROOT, (), ctx)
    broken: set[tuple] = set()
    if problems:  # the sections' shapes are not all right: go on with the parts that are
        data, broken = salvage(doc.data, ROOT, (), ctx)
        data = {} if data is None else data
    problems = list(problems)
    root = path.parent.resolve()
    prompts: dict[str, Mapping] = {}
    for name, value in (data.get("prompts") or {}).items():
        if _broken_at(broken, ("prompts", name)):
            continue
        prompt = _prompt(value)
        if _collect(problems, inside_root, root, prompt["path"], doc.where(("prompts", name))) is None:
            broken.add(("prompts", name))
        else:
            prompts[name] = prompt
    datasets: dict[str, Mapping] = {}
    for name, value in (data.get("datasets") or {}).items():
        if _broken_at(broken, ("datasets", name)):
            continue
        dataset = _dataset(value, ("datasets", name), ctx)
        if dataset.get("path") and not dataset["path"].startswith("hf://") and \
                _collect(problems, inside_root, root, dataset["path"], doc.where(("datasets", name))) is None:
            broken.add(("datasets", name))
        else:
            datasets[name] = dataset
    # a provider is built whole: one whose any option is broken is left out
    providers = {k: v for k, v in (data.get("providers") or {}).items() if not _broken_at(broken, ("providers", k))}
    known = {"prompts": prompts, "datasets": datasets, "providers": providers}
    suites = tuple(_suite(s, i, known, ctx, problems, broken)
                   for i, s in enumerate(data.get("suites") or ()) if s is not None)
    _unique([(s.index, s.name) for s in suites if not _broken_at(broken, ("suites", s.index, "name"))],
            "suites", ctx, problems)
    dirs = {}
    for key in ("results_dir", "cache_dir"):
        dirs[key] = data.get(key) or ROOT.fields[key].default
        _collect(problems, inside_root, root, dirs[key], doc.where((key,)))
    return Config(
        path=path, root=root, version=data.get("version"),
        providers=MappingProxyType(known["providers"]), prompts=MappingProxyType(known["prompts"]),
        datasets=MappingProxyType(known["datasets"]), suites=suites, lint=data.get("lint"),
        hallucination=data.get("hallucination"), canary=data.get("canary"),
        results_dir=root / dirs["results_dir"], cache_dir=root / dirs["cache_dir"],
        config_hash=hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        secrets=frozenset(ctx.secrets), doc=doc, broken=frozenset(broken),
    ), problems


def _broken_at(broken: set[tuple] | frozenset[tuple], path: tuple) -> bool:
    n = len(path)
    return any(p[:n] == path or path[:len(p)] == p for p in broken)


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


def _suite(s: Mapping, i: int, known: Mapping[str, Mapping], ctx: Context, problems: list,
           broken: set[tuple]) -> Suite:
    """The suite at `suites[i]`; a field that is broken, or names what is not defined, joins `broken`."""
    for key in ("prompt", "dataset", "provider"):
        section, name = f"{key}s", s.get(key)
        if name is None or name in known[section]:
            continue
        broken.add(("suites", i, key))  # what it names is unknown: nothing about that may be checked
        if not _broken_at(broken, (section, name)):  # an entry with a broken option is defined: said already
            close = difflib.get_close_matches(name, list(known[section]), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(ctx.fail(("suites", i, key), f"{name!r} is not defined under `{section}`",
                                     fix=f"{hint}define it, or use one of: "
                                         f"{', '.join(known[section]) or '(none defined)'}"))
    return Suite(name=s.get("name") or f"suites[{i}]", prompt=s.get("prompt") or "", dataset=s.get("dataset") or "",
                 provider=s.get("provider") or "", metrics=tuple(s.get("metrics") or ()),
                 gates=MappingProxyType(dict(s.get("gates") or {})), repeats=s.get("repeats") or 1,
                 vars=MappingProxyType(dict(s.get("vars") or {})), max_error_rate=s.get("max_error_rate"), index=i)


def _unique(names: list[tuple[int, str]], section: str, ctx: Context, problems: list) -> None:
    seen: set[str] = set()
    for i, name in names:
        if name in seen:
            problems.append(ctx.fail((section, i, "name"), f"duplicate name {name!r}",
                                     fix="give each entry its own name"))
        seen.add(name)
