"""Arguments and steps every command shares."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from lmgate.config import Config, find_config, load_config
from lmgate.github.runtime import Console


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE",
                        help="path of lmgate.yaml (default: $LMGATE_CONFIG or ./lmgate.yaml)")


def load(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> Config:
    """Find and load the config, and mask its secrets before anything else is printed."""
    config = load_config(find_config(getattr(args, "config", None)), env)
    console.mask(config.secrets)
    return config
