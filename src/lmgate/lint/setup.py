"""What `lmgate lint` runs with: the `lint` settings (from lmgate.yaml, or defaults without one)
and the optional base branch (`--diff-base`, or the PR base SHA in Actions)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lmgate.config import find_config, load_config
from lmgate.errors import GitError, InputError
from lmgate.github.event import read_event
from lmgate.github.runtime import Console
from lmgate.lint.diffbase import DiffBase
from lmgate.lint.settings import LINT
from lmgate.spec_validation import Context, validate

RESULTS_DIR = ".lmgate/results"


def settings(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> tuple[Any, ...]:
    """(lint settings, root, yaml doc or None, results dir, config hash, secrets)."""
    explicit = getattr(args, "config", None) or env.get("LMGATE_CONFIG")
    if explicit or Path("lmgate.yaml").is_file():
        config = load_config(find_config(explicit), env)
        console.mask(config.secrets)  # before anything else is printed
        return config.lint, config.root, config.doc, config.results_dir, config.config_hash, config.secrets
    lint = validate({}, LINT, ("lint",), Context(doc=None, env=env))
    return lint, Path.cwd(), None, Path.cwd() / RESULTS_DIR, None, frozenset()


def open_base(args: argparse.Namespace, env: Mapping[str, str], root: Path, console: Console) -> DiffBase | None:
    if args.diff_base:
        return DiffBase.open(root, args.diff_base)
    event = read_event(env) if console.in_actions else None
    if event is None or not event.base_sha:
        if args.changed_only:
            raise InputError("--changed-only needs a base to compare with",
                             fix="pass --diff-base REF (e.g. origin/main)")
        return None
    try:
        return DiffBase.open(root, event.base_sha)
    except GitError as exc:  # a shallow checkout: lint everything rather than fail the job
        console.err.write(f"lmgate: warning: base {event.base_sha[:12]} unavailable ({exc.message}); "
                          "base-aware rules are off. Use actions/checkout with `fetch-depth: 0`.\n")
        return None


