"""`lmgate init`: write a commented lmgate.yaml and copy the workflow templates in.

Idempotent: a file already identical is left alone; a file the user changed is never overwritten
unless `--force` is given, and the command says which files it skipped. It also keeps lmgate's
state folder (`.lmgate/`: results, caches, canary state) out of git through `.gitignore`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from lmgate.errors import InputError
from lmgate.github.runtime import Console
from lmgate.paths import open_for_write, read_bytes, write_text_atomic

# `uses: lmgate/lmgate/actions/<stage>@v1` in the templates: the release a consuming repo pins.
_PINNED = re.compile(r"(uses:\s*lmgate/lmgate(?:/[\w./-]+)?)@v1\b")
# What --action-ref may be: a tag, branch or commit name (it is written into `uses:` lines verbatim).
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
IGNORED = ".lmgate/"
_IGNORES_IT = {".lmgate", ".lmgate/", "/.lmgate", "/.lmgate/", ".lmgate/*", "/.lmgate/*", ".lmgate/**"}


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
    if not _REF.fullmatch(args.action_ref) or ".." in args.action_ref:
        raise InputError(f"--action-ref {args.action_ref!r} is not a tag, branch or commit name",
                         fix="e.g. --action-ref v1, or a full commit SHA")
    existing = next(p for p in (root.absolute(), *root.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise InputError(f"--dir {args.dir}: {existing} is a file, not a folder",
                         fix="pass the repository's folder, e.g. --dir .")
    _read_gitignore(root)  # a linked .gitignore is refused before anything is written
    written, same, skipped = [], [], []
    for rel, text in planned_files(args.action_ref, not args.no_workflows).items():
        target = root / rel
        _check_slot(root, rel)
        if target.exists():
            if target.read_text(encoding="utf-8", errors="replace") == text:
                same.append(rel)
                continue
            if not args.force:
                skipped.append(rel)
                continue
        write_text_atomic(target, text, root=root)  # never through a link the repository holds
        written.append(rel)
    (written if ignore_state_folder(root) else same).append(".gitignore")
    for label, paths in (("wrote", written), ("unchanged", same), ("kept your version of", skipped)):
        for rel in paths:
            console.out.write(f"{label} {rel}\n")
    if skipped:
        console.out.write("\nSome files differ from the templates and were kept; rerun with --force to replace them.\n")
    if written:
        console.out.write("\nNext: edit lmgate.yaml, then run `lmgate validate`.\n")
    return 0


def _check_slot(root: Path, rel: str) -> None:
    """A file in the way of a folder (or a folder in the way of a file) is bad input, not a crash."""
    target = root / rel
    for parent in reversed(target.relative_to(root).parents):
        folder = root / parent
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder} is a file, but init needs a folder there for {rel}",
                             fix=f"move {folder} away, or run init in another --dir")
    if target.is_dir():
        raise InputError(f"{target} is a folder, but init writes a file there", fix=f"move {target} away")


def ignore_state_folder(root: Path) -> bool:
    """Add `.lmgate/` to the repository's .gitignore (created if missing); False if it is already there."""
    _check_slot(root, ".gitignore")
    root.mkdir(parents=True, exist_ok=True)
    text = _read_gitignore(root)
    # already ignored, or un-ignored on purpose (`!.lmgate/`: the user commits it): either way, theirs
    if any(line.strip().removeprefix("!") in _IGNORES_IT for line in text.splitlines()):
        return False
    lead = "\n" if text and not text.endswith("\n") else ""
    with open_for_write(root / ".gitignore", root=root, append=True) as fh:  # never through a link
        fh.write(f"{lead}# lmgate: results, caches and canary state (never committed)\n{IGNORED}\n")
    return True


def _read_gitignore(root: Path) -> str:
    """The repository's .gitignore ("" when absent); a symbolic link there is refused, not followed."""
    data = read_bytes(root / ".gitignore", root=root)
    return "" if data is None else data.decode("utf-8", "replace")
