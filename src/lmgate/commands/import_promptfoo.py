"""`lmgate import promptfoo [CONFIG] [--out lmgate.yaml]`: bring a promptfoo suite over in one command.

Writes the lmgate config, its chat prompt files, datasets and any generated Python beside `--out`,
and prints the conversion report. Exit 0 when everything was imported, 1 when something was left
out (the files are still written, with a `# NOT IMPORTED` comment at each such place), 2 when the
promptfoo config cannot be read (nothing is written).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

from lmgate.github.runtime import Console
from lmgate.importers.promptfoo import SUPPORT_DIR, plan_import
from lmgate.importers.writer import render_files, write_files


def configure(parser: argparse.ArgumentParser) -> None:
    sources = parser.add_subparsers(dest="source", metavar="<tool>", required=True)
    promptfoo = sources.add_parser("promptfoo", help="a promptfoo config (promptfooconfig.yaml)",
                                   description="convert a promptfoo config into lmgate.yaml plus the files it needs")
    promptfoo.add_argument("config", nargs="?", default="promptfooconfig.yaml", metavar="CONFIG",
                           help="the promptfoo config (default: promptfooconfig.yaml)")
    promptfoo.add_argument("--out", default="lmgate.yaml", metavar="FILE",
                           help="where to write the lmgate config (default: lmgate.yaml); its files go beside it")
    promptfoo.add_argument("--force", action="store_true", help="overwrite files a previous import wrote")


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    out = Path(args.out).resolve()
    plan, report = plan_import(Path(args.config), out.parent)
    written = write_files(render_files(plan, report, out), force=args.force)
    shown = [_relative(out)]
    if len(written) > 1:
        shown.append(f"{len(written) - 1} more file(s) under {_relative(out.parent / SUPPORT_DIR)}")
    console.out.write(report.render(shown))
    return report.exit_code()


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
