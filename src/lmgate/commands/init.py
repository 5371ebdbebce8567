"""`lmgate init`: write a commented lmgate.yaml and copy the workflow templates in.

Idempotent: a file already identical is left alone; a file the user changed is never overwritten
unless `--force` is given, and the command says which files it skipped.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from lmgate.github.runtime import Console
from lmgate.paths import write_text_atomic

# `uses: lmgate/lmgate/actions/<stage>@v1` in the templates: the release a consuming repo pins.
_PINNED = re.compile(r"(uses:\s*lmgate/lmgate(?:/[\w./-]+)?)@v1\b")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dir", default=".", help="the repository to set up (default: .)")
    parser.add_argument("--force", action="store_true", help="overwrite files that differ from the templates")
    parser.add_argument("--action-ref", default="v1", metavar="REF",
                        help="the lmgate release the workflows pin (default: v1)")
    parser.add_argument("--no-workflows", action="store_true", help="write only lmgate.yaml")


def planned_files(action_ref: str, with_workflows: bool = True) -> dict[str, str]:
    """Repository-relative path -> content that init would write."""
    templates = resources.files("lmgate") / "templates"
    files = {"lmgate.yaml": (templates / "lmgate.yaml").read_text(encoding="utf-8")}
    if with_workflows:
        for entry in sorted((templates / "workflows").iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yml"):
                text = _PINNED.sub(lambda m: f"{m.group(1)}@{action_ref}", entry.read_text(encoding="utf-8"))
                files[f".github/workflows/{entry.name}"] = text.replace("$default-branch", "main")
    return files


def run(args: argparse.Namespace, env: Mapping[str, str], console: Console) -> int:
    root = Path(args.dir)
    written, same, skipped = [], [], []
    for rel, text in planned_files(args.action_ref, not args.no_workflows).items():
        target = root / rel
        if target.exists():
            if target.read_text(encoding="utf-8", errors="replace") == text:
                same.append(rel)
                continue
            if not args.force:
                skipped.append(rel)
                continue
        write_text_atomic(target, text, root=root)  # never through a link the repository holds
        written.append(rel)
    for label, paths in (("wrote", written), ("unchanged", same), ("kept your version of", skipped)):
        for rel in paths:
            console.out.write(f"{label} {rel}\n")
    if skipped:
        console.out.write("\nSome files differ from the templates and were kept; rerun with --force to replace them.\n")
    if written:
        console.out.write("\nNext: edit lmgate.yaml, then run `lmgate validate`.\n")
    return 0
