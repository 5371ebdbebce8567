"""The base side of a comparison: the tree at a git ref, or the stored result of an earlier run.

`materialize` exports REF with `git archive` (no worktree bookkeeping left behind) into a folder
the runner evaluates as the base; asked to (the pull request's base, which a shallow checkout
lacks), it first fetches that one commit from `origin`. `check_baseline_results` accepts a stored
result only when it was produced under the same config and dataset revisions, because comparing
against a baseline built from other data would report differences that the PR did not cause.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lmgate.errors import GitError, Location, ResultsError
from lmgate.eval.merge import ITEMS_FILE
from lmgate.eval.pairing import read_items
from lmgate.results import read_result

FETCH_FIX = ("fetch the history first: in GitHub Actions use actions/checkout with `fetch-depth: 0` "
             "(or run `git fetch origin <ref>`), or pass --baseline-results with a stored result")


def resolve_ref(repo_root: Path, ref: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo_root), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}", fix="install git on the runner") from exc
    if done.returncode != 0:
        if subprocess.run(["git", "-C", str(repo_root), "rev-parse", "--git-dir"], capture_output=True).returncode:
            raise GitError(f"{repo_root} is not inside a git repository, so the base ref {ref!r} cannot be read",
                           where=Location(str(repo_root)), fix="run from a git checkout (actions/checkout)")
        raise GitError(f"the base ref {ref!r} does not exist in this clone (a shallow checkout lacks it)",
                       key="baseline-ref", fix=FETCH_FIX)
    return done.stdout.strip()


FETCH_TIMEOUT_S = 120


def fetch_commit(repo_root: Path, sha: str) -> None:
    """`git fetch origin <sha>`: one commit's tree (depth 1 in a shallow clone), never a prompt for a password."""
    shallow = subprocess.run(["git", "-C", str(repo_root), "rev-parse", "--is-shallow-repository"],
                             capture_output=True, text=True, timeout=60).stdout.strip() == "true"
    argv = ["git", "-C", str(repo_root), "fetch", "--quiet", "--no-tags", "--no-recurse-submodules",
            *(["--depth=1"] if shallow else []), "origin", sha]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=FETCH_TIMEOUT_S, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"`git fetch origin {sha}` did not finish: {exc}", key="baseline-ref", fix=FETCH_FIX) from exc
    if done.returncode != 0:
        why = " ".join(done.stderr.split())[-300:] or f"exit {done.returncode}"
        raise GitError(f"the base {sha} is not in this clone and `git fetch origin {sha}` failed: {why}",
                       key="baseline-ref", fix=FETCH_FIX)


def materialize(repo_root: Path, ref: str, dest: Path, *, fetch: bool = False) -> str:
    """Export the tree at `ref` into `dest` (new or empty) and return the resolved commit SHA.

    When `repo_root` is a sub-folder of the repository (lmgate.yaml in `app/`), `dest` receives
    that sub-folder's tree, so paths relative to the config mean the same on both sides. With
    `fetch`, a `ref` missing from the clone is fetched from `origin` first.
    """
    try:
        sha = resolve_ref(repo_root, ref)
    except GitError:
        if not fetch:
            raise
        fetch_commit(repo_root, ref)
        sha = resolve_ref(repo_root, ref)
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise GitError(f"{dest} is not empty; the base tree needs a fresh folder", where=Location(str(dest)))
    located = subprocess.run(["git", "-C", str(repo_root), "rev-parse", "--show-toplevel", "--show-prefix"],
                             capture_output=True, text=True, timeout=60).stdout.split("\n")
    top, prefix = located[0], located[1] if len(located) > 1 else ""
    if prefix and subprocess.run(["git", "-C", top, "cat-file", "-e", f"{sha}:{prefix}"],
                                 capture_output=True).returncode:
        raise GitError(f"the folder {prefix!r} does not exist at the base ref {ref!r} ({sha[:12]})",
                       key="baseline-ref", fix="compare against a ref where lmgate.yaml exists, or use "
                       "--baseline-results with a stored result")
    tree = f"{sha}:{prefix}" if prefix else sha
    proc = subprocess.Popen(["git", "-C", top, "archive", "--format=tar", tree],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    problem = None
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
            tar.extractall(dest, filter="data")  # refuses absolute paths, links out of dest, devices
    except tarfile.TarError as exc:
        problem = str(exc)
        proc.kill()
    finally:
        proc.stdout.close()
        code = proc.wait()
        stderr = proc.stderr.read().decode(errors="replace").strip()
        proc.stderr.close()
    if code != 0 or problem:
        raise GitError(f"cannot export the base tree {ref!r} ({sha[:12]}): {stderr or problem}",
                       key="baseline-ref", fix="check that the ref's tree holds only regular files and links "
                       "inside the repository, or use --baseline-results with a stored result")
    return sha


@dataclass(frozen=True)
class StoredBaseline:
    summary: dict[str, Any]
    records: list[dict[str, Any]]   # the stored run's head side, relabelled side=base
    sha: str | None
    warnings: tuple[str, ...]


def check_baseline_results(directory: Path, config_hash: str | None, dataset_revisions: Mapping[str, Any],
                           allow_mismatch: bool = False) -> StoredBaseline:
    summary = read_result(directory, "eval")
    fix = "use the eval result of the base branch's latest run (same lmgate.yaml and dataset revisions)"
    if summary is None:
        raise ResultsError(f"{directory} holds no eval.json", where=Location(str(directory)), key="baseline-results",
                           fix=fix)
    if summary.get("shard"):
        raise ResultsError(f"{directory} is one shard of a run", where=Location(str(directory / "eval.json")),
                           fix="merge the shards first with `lmgate merge DIR... --out DIR`")
    problems = []
    if summary.get("config_hash") != config_hash:
        problems.append(f"config hash {summary.get('config_hash')!r} differs from this run's {config_hash!r}")
    stored = {s.get("name"): s.get("dataset_revision") for s in summary.get("suites", [])}
    for suite, revision in dataset_revisions.items():
        if suite in stored and stored[suite] != revision:
            problems.append(f"suite {suite!r} used dataset revision {stored[suite]!r}, this run uses {revision!r}")
    if problems and not allow_mismatch:
        raise ResultsError(f"the baseline result in {directory} is from a different setup: " + "; ".join(problems),
                           where=Location(str(directory / "eval.json")), key="baseline-results",
                           fix=f"{fix}, or pass --allow-baseline-mismatch to compare anyway")
    items = directory / ITEMS_FILE
    if not items.is_file():
        raise ResultsError(f"{directory} has no {ITEMS_FILE}: per-item results are needed to pair items",
                           where=Location(str(items)), fix=fix)
    records = [{**r, "side": "base"} for r in read_items(items) if r.get("side", "head") == "head"]
    return StoredBaseline(summary, records, (summary.get("git") or {}).get("head_sha"), tuple(problems))
