"""git-file: the split lives in a YAML routing file in the repository.

Options: `path` (default deploy/routing.yaml); `github: true` writes through the GitHub contents
API with the file's blob `sha` as the etag (a lost race answers 409); otherwise the file in the
checkout is rewritten under an exclusive lock, compared by the same blob id. The file reads:

    stable: {version: v1}
    canary: {version: 3f2c9e1, weight: 25}
    updated_by: rollout-id/tick-id     # written by lmgate; lets a tick tell its own write from a hand edit

A file that is no such mapping (garbage bytes, a YAML scalar or list) is `UnreadableSplit`: refused by
every command but a rollback, which rewrites it to all-stable against the blob id of what it read.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping

import yaml

from lmgate.canary.backends.base import (
    NOT_A_SPLIT,
    ROUTING_SHAPE,
    Deps,
    LostRace,
    Split,
    Target,
    UnreadableSplit,
    content_etag,
    routing_split,
    write_file_if,
)
from lmgate.errors import GitError, GitHubError, InputError, Location
from lmgate.paths import inside_root
from lmgate.spec import Opt

NAME = "git-file"
CONF = {"path": Opt("str", "deploy/routing.yaml", "the routing file, relative to lmgate.yaml"),
        "github": Opt("bool", False, "write through the GitHub contents API instead of the checkout"),
        "branch": Opt("str", None, "github: the branch to commit to (default: the repository's default)"),
        "commit": Opt("bool", False, "local: also commit the file in the checkout's git repository")}


class GitFile:
    NAME = NAME

    def __init__(self, conf: Mapping, deps: Deps) -> None:
        self.rel = conf["path"]
        self.path = inside_root(deps.root, self.rel)
        self.root = deps.root
        self.github = deps.github if conf.get("github") else None
        self.branch = conf.get("branch")
        self.commit = bool(conf.get("commit"))

    def _load(self) -> tuple[bytes, str]:
        if self.github is not None:
            try:
                text, etag = self.github.get_contents(self.rel, ref=self.branch)
            except UnicodeDecodeError as exc:  # the contents API gives no blob id to overwrite it with
                raise InputError(f"the routing file on GitHub is not UTF-8 text: {exc}", where=Location(self.rel),
                                 fix=f"restore it on the branch to the shape `{ROUTING_SHAPE}`") from exc
            return text.encode("utf-8"), etag
        data = self.path.read_bytes() if self.path.exists() else b""
        return data, content_etag(data)

    def read(self) -> Split:
        data, etag = self._load()
        try:
            return routing_split(data, etag)
        except NOT_A_SPLIT as exc:
            mark = getattr(exc, "problem_mark", None)
            raise UnreadableSplit(
                f"the routing file is not a valid split: {exc}", etag=etag,
                found=f"{len(data)} bytes (git blob {etag}), beginning {data[:160]!r}",
                where=Location(self.rel, mark.line + 1 if mark is not None else None),
                fix=f"restore it to the shape `{ROUTING_SHAPE}` (e.g. `git checkout -- {self.rel}`); during a rollout, "
                    "`lmgate canary rollback` rewrites it to all-stable and records what it replaced") from exc

    def write(self, weight: float, etag: str, target: Target) -> str:
        doc = {"stable": {"version": target.stable},
               "canary": {"version": target.candidate, "weight": weight},
               "updated_by": target.marker}
        text = "# written by lmgate canary; edit through `lmgate canary promote|rollback`\n" + \
            yaml.safe_dump(doc, sort_keys=False)
        message = f"canary {target.action}: {target.candidate} at {weight:g}% ({target.marker})"
        if self.github is not None:
            try:
                return self.github.put_contents(self.rel, text, sha=etag, message=message, branch=self.branch)
            except GitHubError as exc:
                if exc.status in (409, 422):
                    raise LostRace(f"{self.rel} changed on GitHub since it was read") from exc
                raise
        new = write_file_if(self.path, etag, text, self.rel)
        if self.commit:  # the file is already written; a failed commit leaves it for the next tick to see
            for args in (["add", "--", self.rel], ["commit", "-q", "-m", message, "--", self.rel]):
                out = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, check=False)
                if out.returncode:
                    raise GitError(f"git {args[0]} of {self.rel} failed: {out.stderr.strip()[:300]}",
                                   fix="set git user.name/user.email, or turn canary.backend.commit off")
        return new

    def exists(self, revision: str) -> bool | None:
        # Only a commit id can be checked in git; a model version label is the serving stack's business.
        if self.github is not None or not re.fullmatch(r"[0-9a-f]{7,40}", revision) \
                or not (self.root / ".git").exists():
            return None
        out = subprocess.run(["git", "cat-file", "-e", f"{revision}^{{commit}}"], cwd=self.root,
                             capture_output=True, check=False)
        return out.returncode == 0


def build(conf: Mapping, deps: Deps) -> GitFile:
    return GitFile(conf, deps)
