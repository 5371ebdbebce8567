"""Arguments and steps every command shares."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

from lmgate.config import Config, find_config, read_config
from lmgate.errors import raise_all
from lmgate.eval.plan import Preflight, Providers, preflight
from lmgate.github.runtime import Console


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE",
                        help="path of lmgate.yaml (default: $LMGATE_CONFIG or ./lmgate.yaml)")


def load(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> Config:
    """Find and load the config (`--config`, $LMGATE_CONFIG or ./lmgate.yaml): see `load_from`."""
    return load_from(find_config(getattr(args, "config", None)), env, console)


def load_from(path: Path, env: Mapping[str, str], console: Console) -> Config:
    """Load the config, and mask its secrets before anything else is printed.

    A config with problems stops every command, with the same list `validate` prints: the schema's
    problems and those `eval` would find in the parts still checkable (a misspelt metric beside a
    wrong type), so no command makes the user fix them one wave at a time."""
    config, problems = read_config(path, env)
    console.mask(config.secrets)
    if problems:
        raise_all([*problems, *offline_checks(config, env).problems])
    return config


def offline_checks(config: Config, env: Mapping[str, str]) -> Preflight:
    """Everything `eval` checks before its first model call, made without one (what `validate` runs)."""
    providers = Providers(config, session=None, concurrency=None, env=env)
    try:
        return preflight(config, None, env=env, providers=providers, only_cached=True)
    finally:
        providers.close()
